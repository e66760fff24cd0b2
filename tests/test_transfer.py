"""Claims chapter 04 makes about the learning-plan model (casebook.models.transfer)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.models import transfer as t

unit = st.floats(0, 1, allow_nan=False)
factors = st.builds(t.Factors, unit, unit, unit, unit, unit, unit)
vignettes = st.sampled_from(sorted(t.VIGNETTES))


@st.composite
def plans(draw, rotations=True):
    budget = t.DEFAULT_BUDGET
    units = {}
    left = budget
    for lever in ["liaison", "rotations", "meetings", "visits"]:
        if lever == "rotations" and not rotations:
            units[lever] = 0.0
            continue
        most = left / t.COST[lever]
        units[lever] = draw(st.floats(0, most, allow_nan=False))
        left -= units[lever] * t.COST[lever]
    return t.LearningPlan(budget=budget, **units)


def last(df):
    return df.iloc[-1]


@settings(max_examples=150, deadline=None)
@given(plans(rotations=False), factors, vignettes)
def test_without_personnel_movement_tacit_transfer_stays_near_zero(plan, f, v):
    out = t.simulate(plan, f, v)
    assert last(out)["tacit"] < 0.1 * t.VIGNETTES[v].tacit


def test_rotation_moves_tacit_knowledge_that_visits_alone_do_not():
    f = t.Factors()
    visits_only = last(t.simulate(t.LearningPlan(visits=6, liaison=1), f))["tacit"]
    with_people = last(t.simulate(t.LearningPlan(visits=3, rotations=1, liaison=1), f))["tacit"]
    assert with_people > 5 * visits_only


def test_technology_sharing_carries_only_explicit_knowledge():
    out = t.simulate(t.LearningPlan(meetings=10), t.Factors(), "nonunion_hr")
    assert (out["tacit"] == 0).all() and last(out)["explicit"] > 0


@settings(max_examples=100, deadline=None)
@given(plans(), factors, vignettes, unit, unit)
def test_performance_myopia_lowers_uptake_and_what_arrives(plan, f, v, m1, m2):
    lo, hi = sorted([m1, m2])
    f_lo = t.Factors(**{**f.__dict__, "myopia": lo})
    f_hi = t.Factors(**{**f.__dict__, "myopia": hi})
    assert t.uptake(f_hi) <= t.uptake(f_lo)
    a, b = last(t.simulate(plan, f_lo, v)), last(t.simulate(plan, f_hi, v))
    assert b["explicit"] <= a["explicit"] + 1e-12 and b["tacit"] <= a["tacit"] + 1e-12
    if hi > lo + 0.05:
        assert t.uptake(f_hi) < t.uptake(f_lo)


@settings(max_examples=150, deadline=None)
@given(plans(), factors, vignettes, st.sampled_from(list(t.LEVERS)), st.floats(0.01, 5))
def test_spending_more_never_lowers_what_arrives(plan, f, v, lever, extra):
    more = t.LearningPlan(**{**plan.units(), lever: getattr(plan, lever) + extra}, budget=1e6)
    a, b = t.simulate(plan, f, v), t.simulate(more, f, v)
    assert (b["explicit"] >= a["explicit"] - 1e-12).all()
    assert (b["tacit"] >= a["tacit"] - 1e-12).all()


@settings(max_examples=80, deadline=None)
@given(plans(), factors, vignettes)
def test_arrivals_grow_over_time_and_never_exceed_the_pool(plan, f, v):
    out = t.simulate(plan, f, v)
    vig = t.VIGNETTES[v]
    for col, pool in [("explicit", vig.explicit), ("tacit", vig.tacit)]:
        assert out[col].is_monotonic_increasing
        assert (out[col] >= 0).all() and (out[col] <= pool + 1e-12).all()
    assert out["explicit"].iloc[0] == 0 and out["tacit"].iloc[0] == 0


def test_supportive_factors_raise_uptake():
    weak = t.Factors(0, 0, 0, 0, 0, 0)
    strong = t.Factors(1, 1, 1, 1, 1, 0)
    assert t.uptake(weak) == pytest.approx(t.BASE_UPTAKE)
    assert t.uptake(strong) == pytest.approx(1.0)


def test_over_budget_and_bad_values_are_refused_with_the_field_named():
    with pytest.raises(ValueError, match="costs 16 budget points but the budget is 12"):
        t.LearningPlan(liaison=4)
    with pytest.raises(ValueError, match=r"LearningPlan\.visits"):
        t.LearningPlan(visits=-1)
    with pytest.raises(ValueError, match=r"Factors\.trust"):
        t.Factors(trust=1.5)
    with pytest.raises(ValueError, match="unknown vignette"):
        t.simulate(vignette="nope")
    with pytest.raises(ValueError, match="horizon"):
        t.simulate(horizon=0)


def test_processes_follow_inkpen_table_1():
    assert t.LEVERS == {"meetings": "technology sharing", "visits": "JV-parent interactions",
                        "rotations": "personnel movement", "liaison": "strategic linkage"}
    assert "meetings" not in t.TACIT_RATE
