"""Every claim chapters 06 and 07 make about casebook.models.spillovers."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.models import spillovers as sp

unit = st.floats(0.0, 1.0)
pos_rd = st.floats(0.01, 10.0)


# ---------------------------------------------------------------- absorptive capacity
@given(m=st.floats(0, 20), b=st.floats(0, 1), m0=st.floats(0.1, 10))
def test_gamma_in_unit_interval_and_one_when_learning_is_free(m, b, m0):
    g = sp.absorptive_capacity(m, b, m0)
    assert 0.0 <= g <= 1.0
    assert sp.absorptive_capacity(m, 0.0, m0) == 1.0


@given(m=st.floats(0, 3), b=st.floats(0.05, 1), m0=st.floats(0.5, 5))
def test_gamma_signs_by_finite_differences(m, b, m0):
    h = 1e-4
    f = lambda mm, bb: sp.absorptive_capacity(mm, bb, m0)  # noqa: E731
    b_lo, b_hi = max(b - h, 0), min(b + h, 1)
    assert f(m + h, b) > f(m, b)                      # rises in own R&D
    assert f(m, b_hi) < f(m, b_lo)                    # falls in difficulty
    cross = (f(m + h, b_hi) - f(m, b_hi)) - (f(m + h, b_lo) - f(m, b_lo))
    assert cross > 0                                  # positive cross effect


@pytest.mark.parametrize("kwargs", [dict(rd=-1, beta=0.5), dict(rd=1, beta=1.5), dict(rd=1, beta=0.5, m0=0)])
def test_gamma_rejects_bad_input(kwargs):
    with pytest.raises(ValueError):
        sp.absorptive_capacity(**kwargs)


# ---------------------------------------------------------------- cluster accounting
def test_cluster_gains_by_hand():
    df = sp.cluster_gains([2.0, 1.0], beta=0.5, theta=0.4, delta=0.5)
    g = 1 - 0.5 * np.exp(-np.array([2.0, 1.0]))
    assert df.inward.tolist() == pytest.approx([g[0] * 0.4 * 1.0, g[1] * 0.4 * 2.0])
    assert df.outward.tolist() == pytest.approx([0.4 * 2.0 * g[1], 0.4 * 1.0 * g[0]])
    assert df.net.tolist() == pytest.approx((df.inward - 0.5 * df.outward).tolist())
    assert set(df.columns) >= {"inward", "outward", "net"}


@given(rd=st.lists(st.floats(0, 10), min_size=2, max_size=12), b=unit, th=unit)
def test_spillovers_balance(rd, b, th):
    """What all firms take in equals what all firms let out."""
    df = sp.cluster_gains(rd, b, th)
    assert df.inward.sum() == pytest.approx(df.outward.sum(), rel=1e-9, abs=1e-9)


def test_weak_gain_more_when_easy_strong_when_hard():
    rd = [3.0] + [0.5] * 9
    easy = sp.cluster_gains(rd, beta=0.0, theta=0.3)
    hard = sp.cluster_gains(rd, beta=1.0, theta=0.3)
    assert easy.inward[1] > easy.inward[0]
    assert hard.inward[0] > hard.inward[1]


@settings(max_examples=60)
@given(ms=st.floats(1.0, 6.0), ratio=st.floats(0.05, 0.8), ns=st.integers(1, 4), nw=st.integers(2, 30),
       th=st.floats(0.05, 1.0))
def test_crossover_splits_who_gains_more(ms, ratio, ns, nw, th):
    mw = ms * ratio
    b = sp.crossover_beta(ms, mw, ns, nw, th)
    rd = [ms] * ns + [mw] * nw
    gap = lambda beta: (lambda d: d.inward[0] - d.inward[ns])(sp.cluster_gains(rd, beta, th))  # noqa: E731
    assert gap(0.0) < 0                      # learning easy: weak firms gain more
    if b <= 1:
        assert abs(gap(b)) < 1e-8 * max(1.0, sum(rd))
        if b < 0.99:
            assert gap(min(1.0, b + 0.01)) > 0   # learning hard: strong firms gain more
    else:
        assert gap(1.0) <= 1e-9


def test_crossover_by_bisection():
    """The closed form agrees with a root found by bisection on the inward gap."""
    rd = [3.0] + [0.5] * 9
    gap = lambda beta: (lambda d: d.inward[0] - d.inward[1])(sp.cluster_gains(rd, beta, 0.3))  # noqa: E731
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if gap(mid) < 0 else (lo, mid)
    assert sp.crossover_beta(3.0, 0.5, 1, 9, 0.3) == pytest.approx(lo, abs=1e-9)


def test_crossover_rejects_bad_input():
    with pytest.raises(ValueError, match="strong_rd"):
        sp.crossover_beta(1.0, 2.0, 1, 3, 0.3)
    with pytest.raises(ValueError, match="theta"):
        sp.crossover_beta(2.0, 1.0, 1, 3, 0.0)


@given(ms=st.floats(1.0, 8.0), ratio=st.floats(0.05, 0.9), nw=st.integers(1, 30), th=st.floats(0.05, 1.0),
       b=unit)
def test_strong_firm_among_weak_loses_when_rivalry_high(ms, ratio, nw, th, b):
    """Net gain falls in delta and turns negative at delta = gamma_s M_w / (gamma_w M_s)."""
    mw = ms * ratio
    rd = [ms] + [mw] * nw
    gs, gw = sp.absorptive_capacity([ms, mw], b)
    if gw == 0:
        return
    d_star = gs * mw / (gw * ms)
    below = sp.cluster_gains(rd, b, th, delta=0.9 * d_star).net[0]
    above = sp.cluster_gains(rd, b, th, delta=1.1 * d_star).net[0]
    assert below > 0 > above
    if b == 0:
        assert sp.cluster_gains(rd, b, th, delta=1.0).stay_outside[0]  # easy learning, full rivalry


@given(ratio=st.floats(0.01, 0.3), nw=st.integers(3, 30), th=st.floats(0.05, 1.0), b=unit, d=unit)
def test_weak_firms_seek_clusters(ratio, nw, th, b, d):
    """A weak firm among equals and one strong firm gains on net from joining when it is small enough."""
    rd = [5.0] + [5.0 * ratio] * nw
    df = sp.cluster_gains(rd, b, th, delta=d)
    g = df.gamma.to_numpy()
    if g[1] * (rd[0] + rd[1] * (nw - 1)) > d * rd[1] * (g.sum() - g[1]):
        assert df.net[1] > 0 and not df.stay_outside[1]


def test_cluster_gains_errors_name_the_field():
    with pytest.raises(ValueError, match="rd"):
        sp.cluster_gains([1.0], 0.5, 0.5)
    with pytest.raises(ValueError, match="theta"):
        sp.cluster_gains([1.0, 2.0], 0.5, 1.5)


# ---------------------------------------------------------------- equilibrium R&D
def _profit(own, others, n, beta, theta, delta, outside, m0=sp.M0, s=2.0, form="additive"):
    """Firm 0's profit when it chooses `own` and the n-1 others choose `others`."""
    m = np.array([own] + [others] * (n - 1))
    g = 1 - beta * np.exp(-m / m0)
    z = m + g * (theta * (m.sum() - m) + outside)
    if form == "additive":
        return s * np.log1p(z[0]) - delta * np.mean(s * np.log1p(z[1:])) - own
    return s * np.log1p(z[0] - delta * z[1:].mean()) - own


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 8), b=unit, th=unit, d=st.floats(0, 0.9), T=st.floats(0, 5),
       form=st.sampled_from(["additive", "relative"]))
def test_equilibrium_is_nash(n, b, th, d, T, form):
    """No firm gains by moving its own R&D away from the symmetric answer."""
    m = sp.equilibrium_rd(n, b, th, d, T, form=form)
    best = _profit(m, m, n, b, th, d, T, form=form)
    for dev in np.linspace(max(m - 1.0, 0), m + 1.0, 41):
        assert _profit(dev, m, n, b, th, d, T, form=form) <= best + 1e-9


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 10), b1=unit, b2=unit, th=unit, d=unit, T=st.floats(0, 5))
def test_harder_learning_raises_rd(n, b1, b2, th, d, T):
    lo, hi = sorted((b1, b2))
    assert sp.equilibrium_rd(n, hi, th, d, T) >= sp.equilibrium_rd(n, lo, th, d, T) - 1e-9


def _drd_dtheta(beta, theta, delta, **kw):
    h = 1e-4
    return (sp.equilibrium_rd(4, beta, theta + h, delta, **kw) - sp.equilibrium_rd(4, beta, theta - h, delta, **kw)) / (2 * h)


@settings(max_examples=30, deadline=None)
@given(th=st.floats(0.05, 0.95), d=unit, T=st.floats(0, 5))
def test_spillovers_cut_rd_when_learning_is_easy(th, d, T):
    if sp.equilibrium_rd(4, 0.0, th, d, T) > 0:
        assert _drd_dtheta(0.0, th, d, outside=T) < 0


@pytest.mark.parametrize("theta", [0.2, 0.5, 0.8])
def test_spillovers_raise_rd_when_learning_is_hard(theta):
    assert _drd_dtheta(1.0, theta, 0.0) > 0
    assert _drd_dtheta(0.0, theta, 0.0) < 0


@settings(max_examples=20, deadline=None)
@given(th=st.floats(0.1, 0.9), d1=st.floats(0, 0.9), gap=st.floats(0.05, 0.5))
def test_spillover_effect_stronger_when_rivals_hurt_less(th, d1, gap):
    d2 = min(d1 + gap, 1.0)
    assert _drd_dtheta(1.0, th, d1) > _drd_dtheta(1.0, th, d2)


@pytest.mark.parametrize("theta", [0.1, 0.2, 0.4])
def test_that_last_result_depends_on_the_form_and_the_scale(theta):
    """Relative form: a little rivalry strengthens the effect at m0 = 5 and weakens it at the book's m0 = 1."""
    def slope(delta, m0, h=1e-4):
        f = lambda t: sp.equilibrium_rd(4, 1.0, t, delta, form="relative", m0=m0)  # noqa: E731
        return (f(theta + h) - f(theta - h)) / (2 * h)
    assert slope(0.25, 5.0) > slope(0.0, 5.0)
    assert slope(0.25, sp.M0) < slope(0.0, sp.M0)


def test_equilibrium_rejects_bad_input():
    with pytest.raises(ValueError, match="n"):
        sp.equilibrium_rd(1, 0.5, 0.5, 0.0, 0.0)
    with pytest.raises(ValueError, match="delta"):
        sp.equilibrium_rd(4, 0.5, 0.5, 1.0, 0.0, form="relative")
    with pytest.raises(ValueError, match="form"):
        sp.equilibrium_rd(4, 0.5, 0.5, 0.0, 0.0, form="other")


# ---------------------------------------------------------------- leak or share
def _cournot_q(x, beta, a=100.0, A=60.0, b=1.0):
    c = A - x - beta * x[::-1]
    return (a - 2 * c + c[::-1]) / (3 * b)


def _best_rd(beta, g=5.0, b=1.0):
    """Non-cooperative R&D by iterating numeric best responses (no closed form used)."""
    x = 1.0
    grid = np.linspace(0, 15, 3001)
    for _ in range(200):
        q = [_cournot_q(np.array([xi, x]), beta)[0] for xi in grid]
        new = grid[int(np.argmax(b * np.square(q) - g * grid ** 2 / 2))]
        if abs(new - x) < 1e-9:
            break
        x = new
    return x


@pytest.mark.parametrize("beta", [0.0, 0.3, 0.7, 1.0])
def test_noncooperative_rd_is_a_nash_equilibrium(beta):
    x = sp.rd_cooperation(beta).noncooperative[0]
    assert _best_rd(beta) == pytest.approx(x, abs=0.01)


@pytest.mark.parametrize("beta", [0.0, 0.3, 0.7, 1.0])
def test_cooperative_rd_maximises_joint_profit(beta):
    x = sp.rd_cooperation(beta).cooperative[0]
    joint = lambda y: (lambda q: 2 * (q[0] ** 2 - 5.0 * y ** 2 / 2))(_cournot_q(np.array([y, y]), beta))  # noqa: E731
    grid = np.linspace(0, 15, 15001)
    assert grid[int(np.argmax([joint(y) for y in grid]))] == pytest.approx(x, abs=0.002)


@given(beta=unit, gamma=st.floats(2.05, 20.0), margin=st.floats(5.0, 30.0))
def test_cooperation_beats_competition_exactly_above_one_half(beta, gamma, margin):
    df = sp.rd_cooperation(beta, demand=60.0 + margin, cost=60.0, rd_cost=gamma)
    diff = df.cooperative[0] - df.noncooperative[0]
    if beta > 0.5 + 1e-9:
        assert diff > 0
    elif beta < 0.5 - 1e-9:
        assert diff < 0
    assert abs(diff) < 1e-9 or (diff > 0) == (beta > 0.5)
    assert df.profit_cooperative[0] >= df.profit_noncooperative[0] - 1e-9


def test_threshold_exactly_one_half():
    df = sp.rd_cooperation([0.5])
    assert df.cooperative[0] == pytest.approx(df.noncooperative[0], rel=1e-12)


def test_rd_cooperation_rejects_bad_input():
    with pytest.raises(ValueError, match="spillover"):
        sp.rd_cooperation(1.2)
    with pytest.raises(ValueError, match="rd_cost"):
        sp.rd_cooperation(0.5, rd_cost=0.5)


# ---------------------------------------------------------------- a cluster over time
def test_simulation_is_reproducible_and_seed_matters():
    a = sp.simulate_cluster(n_firms=40, n_lead=3, periods=5, seed=7, runs=2)
    b = sp.simulate_cluster(n_firms=40, n_lead=3, periods=5, seed=7, runs=2)
    c = sp.simulate_cluster(n_firms=40, n_lead=3, periods=5, seed=8, runs=2)
    pd.testing.assert_frame_equal(a, b)
    assert not a.knowledge.equals(c.knowledge)
    assert sorted(a.run.unique()) == [0, 1]
    assert len(a) == 2 * 5 * 40


@given(b=unit, th=unit, d=unit, seed=st.integers(0, 10_000))
@settings(max_examples=25, deadline=None)
def test_one_period_agrees_with_cluster_gains(b, th, d, seed):
    sim = sp.simulate_cluster(n_firms=15, n_lead=3, periods=1, beta=b, theta_within=th, theta_across=th,
                              delta=d, seed=seed)
    ref = sp.cluster_gains(sim.rd.to_numpy(), b, th, delta=d)
    for col in ("inward", "outward", "net", "gamma"):
        np.testing.assert_allclose(sim[col].to_numpy(), ref[col].to_numpy(), rtol=1e-12, atol=1e-12)


def test_groups_and_roles():
    df = sp.simulate_cluster(n_firms=20, n_lead=4, periods=2)
    first = df[df.period == 0]
    assert (first.role == "lead").sum() == 4
    assert first.groupby("group").size().tolist() == [5, 5, 5, 5]
    assert first[first.role == "lead"].rd.mean() > first[first.role == "supplier"].rd.mean()


def test_within_group_spillovers_favour_group_members():
    """With spillovers only inside groups, firms gain only from their own group."""
    df = sp.simulate_cluster(n_firms=12, n_lead=3, periods=1, theta_within=0.5, theta_across=0.0, seed=3)
    rd, g = df.rd.to_numpy(), df.gamma.to_numpy()
    grp = df.group.to_numpy()
    expected = [g[i] * 0.5 * (rd[grp == grp[i]].sum() - rd[i]) for i in range(12)]
    np.testing.assert_allclose(df.inward, expected)


def test_simulation_errors_name_the_field():
    with pytest.raises(ValueError, match="n_lead"):
        sp.simulate_cluster(n_firms=4, n_lead=4)
    with pytest.raises(ValueError, match="theta_within"):
        sp.simulate_cluster(theta_within=2.0)


def test_engine_agrees_with_loop_reference():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import engines

    kw = dict(n_firms=30, n_lead=3, periods=6, seed=11, noise=0.2)
    fast = sp.simulate_cluster(**kw)
    slow = engines.reference_cluster(**kw)
    for col in ("rd", "gamma", "inward", "outward", "net", "knowledge"):
        np.testing.assert_allclose(fast[col].to_numpy(), slow[col].to_numpy(), rtol=1e-10)


# ---------------------------------------------------------------- diminishing returns, stability, RJV
@given(m=st.floats(0, 10), b=st.floats(0.01, 1), m0=st.floats(0.2, 5))
def test_diminishing_returns_to_rd_in_absorptive_capacity(m, b, m0):
    """Cohen and Levinthal (1989): gamma_M > 0, gamma_MM < 0, gamma_beta < 0, gamma_Mbeta > 0."""
    d = sp.capacity_derivatives(m, b, m0)
    assert d["gamma_M"] > 0 and d["gamma_MM"] < 0 and d["gamma_beta"] < 0 and d["gamma_Mbeta"] > 0
    h = 1e-4 * m0
    f = lambda x: sp.absorptive_capacity(x, b, m0)  # noqa: E731
    if m > h:
        assert (f(m + h) - 2 * f(m) + f(m - h)) / h ** 2 == pytest.approx(d["gamma_MM"], rel=1e-3, abs=1e-6)


@given(beta=unit, k=st.floats(4.05, 30.0))
def test_stability_is_checked_and_refused_where_it_fails(beta, k):
    """|reaction slope| < 1 is required; a parameter set that fails it is refused with the slope in the message."""
    g = k / 4.5
    r = sp.reaction_slope(beta, rd_cost=g)
    joint_ok = k > max((1 + beta) ** 2, 9 * (1 - beta) ** 2)
    if abs(r) >= 1:
        with pytest.raises(ValueError, match="unstable"):
            sp.rd_cooperation(beta, rd_cost=g, demand=70.0)
    elif not joint_ok:
        with pytest.raises(ValueError, match="not concave"):
            sp.rd_cooperation(beta, rd_cost=g, demand=70.0)
    else:
        try:
            df = sp.rd_cooperation(beta, rd_cost=g, demand=70.0)
        except ValueError as err:  # the only other refusal: R&D larger than the unit cost it cuts
            assert "unit cost" in str(err)
        else:
            assert df.reaction_slope[0] == pytest.approx(r)


def test_the_accepted_unstable_set_of_the_issue_is_now_refused():
    assert sp.reaction_slope(0.0, rd_cost=1.2) == pytest.approx(-1.4286, abs=1e-4)
    with pytest.raises(ValueError, match=r"slope -1\.43"):
        sp.rd_cooperation(0.0, rd_cost=1.2)


def test_adjustment_converges_exactly_when_stable():
    """Best-response iteration from a nearby point converges to x* when |R| < 1 and drifts away when |R| > 1."""
    def iterate(beta, g, steps=60):
        x_star = 40 * (2 - beta) / (4.5 * g - (2 - beta) * (1 + beta))
        k = 4.5 * g - (2 - beta) ** 2
        xi, xj = x_star + 0.1, x_star - 0.1
        for _ in range(steps):
            xi, xj = ((2 - beta) * 40 + (2 - beta) * (2 * beta - 1) * xj) / k, \
                     ((2 - beta) * 40 + (2 - beta) * (2 * beta - 1) * xi) / k
        return abs(xi - x_star)
    assert iterate(0.0, 5.0) < 1e-6          # R = -0.11
    assert iterate(0.0, 1.2) > 1.0           # R = -1.43: the symmetric point repels


@given(beta=unit, g=st.floats(2.05, 20.0))
def test_cooperation_cuts_rd_exactly_where_rd_hurts_the_rival(beta, g):
    """x** - x* has the sign of d(pi_j)/d(x_i) at the non-cooperative equilibrium, i.e. of beta - 1/2."""
    df = sp.rd_cooperation(beta, rd_cost=g)
    diff = df.cooperative[0] - df.noncooperative[0]
    eff = sp.rival_effect(beta, rd_cost=g)[0]
    assert np.sign(round(diff, 9)) == np.sign(round(eff, 9)) == np.sign(round(beta - 0.5, 12))


@given(beta=unit, g=st.floats(2.05, 20.0))
def test_research_joint_venture_tops_both(beta, g):
    """The RJV (beta set to 1, joint choice) does more R&D and earns more than either regime at any beta."""
    df = sp.rd_cooperation(beta, rd_cost=g)
    rjv = sp.research_joint_venture(rd_cost=g)
    assert rjv["rd"] >= max(df.cooperative[0], df.noncooperative[0]) - 1e-9
    assert rjv["profit"] >= max(df.profit_cooperative[0], df.profit_noncooperative[0]) - 1e-9
    assert df.rjv[0] == pytest.approx(rjv["rd"])
