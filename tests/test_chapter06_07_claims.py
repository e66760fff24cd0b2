"""Claims that the prose of chapters 06 and 07 makes about the spillover models.

The general properties are tested in tests/test_spillovers.py; this file pins
down the chapter's worked examples and the statements built on them.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.models import spillovers as sp

MIX = [3.0] + [0.5] * 9          # chapter 06's example: one strong firm, nine weak ones


# ---------------------------------------------------------------- chapter 06
def test_capacity_gap_widens_with_difficulty():
    """'capacity differs by nothing at beta=0 and by more than half the pool at beta=1'."""
    assert sp.absorptive_capacity(3.0, 0.0) - sp.absorptive_capacity(0.5, 0.0) == 0.0
    assert sp.absorptive_capacity(3.0, 1.0) - sp.absorptive_capacity(0.5, 1.0) > 0.5


@given(ms=st.floats(0.5, 6.0), ratio=st.floats(0.05, 0.95), b1=st.floats(0, 1), b2=st.floats(0, 1))
def test_capacity_gap_grows_in_difficulty(ms, ratio, b1, b2):
    lo, hi = sorted((b1, b2))
    mw = ms * ratio
    gap = lambda b: sp.absorptive_capacity(ms, b) - sp.absorptive_capacity(mw, b)  # noqa: E731
    assert gap(hi) >= gap(lo) - 1e-12


def test_worked_example_default_cluster():
    df = sp.cluster_gains(MIX, beta=0.5, theta=0.3, delta=0.5)
    strong, weak = df.iloc[0], df.iloc[1:]
    assert (weak.inward > weak.outward).all() and (weak.net > 0).all()
    assert strong.outward > 2 * strong.inward and strong.net < 0 and strong.stay_outside


def test_worked_example_crossover():
    assert sp.crossover_beta(3.0, 0.5, 1, 9, theta=0.3) == pytest.approx(0.62, abs=0.005)


def test_weak_firms_gain_at_every_difficulty_in_the_example():
    for b in np.linspace(0, 1, 51):
        df = sp.cluster_gains(MIX, beta=b, theta=0.3, delta=0.5)
        assert (df.net[1:] > 0).all()


def test_rivalry_threshold_values_quoted():
    d = {b: sp.absorptive_capacity(3.0, b) * 0.5 / (sp.absorptive_capacity(0.5, b) * 3.0) for b in (0.0, 1.0)}
    assert d[0.0] == pytest.approx(0.17, abs=0.005)
    assert d[1.0] == pytest.approx(0.40, abs=0.005)


@settings(max_examples=60)
@given(ms=st.floats(1.0, 6.0), ratio=st.floats(0.05, 0.9), nw=st.integers(1, 30), th=st.floats(0.05, 1.0),
       b1=st.floats(0, 1), b2=st.floats(0, 1))
def test_harder_learning_helps_the_strong_firm_twice(ms, ratio, nw, th, b1, b2):
    """Harder learning raises delta* and cuts the strong firm's outward leak."""
    lo, hi = sorted((b1, b2))
    mw = ms * ratio
    rd = [ms] + [mw] * nw

    def d_star(b):
        gs, gw = sp.absorptive_capacity([ms, mw], b)
        return gs * mw / (gw * ms) if gw > 0 else np.inf

    assert d_star(hi) >= d_star(lo) - 1e-12
    assert sp.cluster_gains(rd, hi, th).outward[0] <= sp.cluster_gains(rd, lo, th).outward[0] + 1e-12


def test_equilibrium_tables_quoted():
    thetas = [0.0, 0.25, 0.5, 0.75, 1.0]
    easy = [sp.equilibrium_rd(4, 0.0, t, 0.0) for t in thetas]
    hard = [sp.equilibrium_rd(4, 1.0, t, 0.0) for t in thetas]
    assert np.all(np.diff(easy) < 0) and np.all(np.diff(hard) > 0)
    for t in thetas[1:]:  # down each column with theta > 0, R&D rises with difficulty
        col = [sp.equilibrium_rd(4, b, t, 0.0) for b in (0.0, 0.5, 1.0)]
        assert col[0] < col[1] < col[2]
    # ... but not in the theta = 0 column: nothing to absorb, so difficulty does not matter
    assert len({round(sp.equilibrium_rd(4, b, 0.0, 0.0), 12) for b in (0.0, 0.5, 1.0)}) == 1
    rises = [sp.equilibrium_rd(4, 1.0, 1.0, d) - sp.equilibrium_rd(4, 1.0, 0.0, d) for d in (0.0, 0.5, 1.0)]
    assert rises[0] > 0 > rises[1] > rises[2]


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 8), b1=st.floats(0, 1), b2=st.floats(0, 1), th=st.floats(0.05, 1), d=st.floats(0, 1))
def test_rd_rises_with_difficulty_whenever_there_are_spillovers(n, b1, b2, th, d):
    lo, hi = sorted((b1, b2))
    assert sp.equilibrium_rd(n, hi, th, d) >= sp.equilibrium_rd(n, lo, th, d) - 1e-9
    assert sp.equilibrium_rd(n, lo, 0.0, d) == pytest.approx(sp.equilibrium_rd(n, hi, 0.0, d))


def _slope(delta, form, theta=0.2, h=1e-4, m0=sp.M0):
    return (sp.equilibrium_rd(4, 1.0, theta + h, delta, form=form, m0=m0)
            - sp.equilibrium_rd(4, 1.0, theta - h, delta, form=form, m0=m0)) / (2 * h)


def test_form_table_quoted():
    """Chapter 06: at the book's m0 both forms say rivalry weakens the effect, the relative form more;
    at m0 = 5 the relative form says the opposite (the result hangs on form and scale)."""
    assert _slope(0.25, "relative") < _slope(0.25, "additive") < _slope(0.0, "additive")
    assert _slope(0.0, "additive") == pytest.approx(_slope(0.0, "relative"), rel=1e-6)
    assert _slope(0.25, "relative", m0=5.0) > _slope(0.0, "relative", m0=5.0)


# ---------------------------------------------------------------- chapter 07
SIM = dict(n_firms=60, n_lead=3, periods=30, beta=0.9, theta_within=0.05, theta_across=0.005, delta=0.5,
           strong_rd=0.6, weak_rd=0.1, seed=0, runs=50)   # chapter 07, at the book's one m0 = 1


@pytest.fixture(scope="module")
def runs():
    return sp.simulate_cluster(**SIM)


def test_lead_firms_absorb_more_in_every_run_and_period(runs):
    by = runs.groupby(["run", "period", "role"], observed=True)[["gamma", "inward"]].mean().unstack("role")
    assert (by[("gamma", "lead")] > by[("gamma", "supplier")]).all()
    assert (by[("inward", "lead")] > by[("inward", "supplier")]).all()


def test_suppliers_build_capacity_over_time(runs):
    g = runs[runs.role == "supplier"].groupby("period").gamma.mean().to_numpy()
    assert np.all(np.diff(g) > 0) and g[-1] > 3 * g[0]


def test_uniform_rivalry_lead_firms_leave_suppliers_stay(runs):
    last = runs[runs.period == 29]
    leave = (last.net < 0).groupby(last.role, observed=True).mean()
    assert leave["lead"] > 0.9 and leave["supplier"] == 0.0


def test_most_of_a_lead_firms_leak_goes_to_its_own_group(runs):
    """out_i splits into a within-group part M_i*theta_w*sum_{same group, j!=i} gamma_j and the rest."""
    for (_, _), frame in runs[runs.period.isin([0, 29])].groupby(["run", "period"]):
        g_group = frame.groupby("group").gamma.transform("sum").to_numpy()
        within = frame.rd.to_numpy() * SIM["theta_within"] * (g_group - frame.gamma.to_numpy())
        lead = (frame.role == "lead").to_numpy()
        assert np.all(within[lead] / frame.outward.to_numpy()[lead] > 0.5)


def test_leak_or_share_table_quoted():
    df = sp.rd_cooperation([0.0, 0.25, 0.5, 0.75, 1.0])
    assert (df.profit_cooperative >= df.profit_noncooperative - 1e-9).all()
    assert df.cooperative[2] == pytest.approx(df.noncooperative[2])
    assert (df.cooperative[:2] < df.noncooperative[:2]).all() and (df.cooperative[3:] > df.noncooperative[3:]).all()


def test_counterfactual_quoted():
    """Chapter 07: suppliers' capacity 0.185 -> 0.649 with spillovers, 0.447 without; lead firms barely differ."""
    cf = sp.cluster_counterfactual(**SIM)
    sup, lead = cf.loc["supplier"], cf.loc["lead"]
    assert round(sup.gamma_start, 3) == 0.185 and round(sup.gamma_end, 3) == 0.649
    assert round(sup.gamma_end_baseline, 3) == 0.447
    assert 0.4 < sup.share_from_spillovers < 0.5 and lead.share_from_spillovers < 0.1


@settings(max_examples=12, deadline=None)
@given(beta=st.floats(0.3, 1.0), tw=st.floats(0.01, 0.2), seed=st.integers(0, 50))
def test_spillovers_add_to_suppliers_capacity_but_own_rd_does_most_of_it(beta, tw, seed):
    cf = sp.cluster_counterfactual(**{**SIM, "runs": 2, "beta": beta, "theta_within": tw, "theta_across": tw / 10,
                                      "seed": seed})
    sup = cf.loc["supplier"]
    assert sup.gamma_end >= sup.gamma_end_baseline - 1e-12 and sup.rise_baseline > 0


@settings(max_examples=12, deadline=None)
@given(beta=st.floats(0.3, 1.0), delta=st.floats(0.2, 1.5), seed=st.integers(0, 50))
def test_ties_inside_the_group_keep_lead_firms(beta, delta, seed):
    """Rivalry inside the group as a parameter: delta_within = 0 never makes more lead firms want out."""
    kw = {**SIM, "runs": 2, "beta": beta, "delta": delta, "seed": seed}
    tied = sp.cluster_counterfactual(**kw, delta_within=0.0).leave_share_end["lead"]
    untied = sp.cluster_counterfactual(**kw).leave_share_end["lead"]
    assert tied <= untied


def test_tied_suppliers_quoted():
    """Chapter 07: with uniform rivalry nearly every lead firm wants out; with delta_within = 0 almost none does."""
    assert sp.cluster_counterfactual(**SIM).leave_share_end["lead"] > 0.9
    assert sp.cluster_counterfactual(**SIM, delta_within=0.0).leave_share_end["lead"] < 0.05
