"""Every claim chapter 05 makes about the learning-race model is tested here."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.models.races import (
    CALIBRATION,
    LEVELS,
    SCENARIOS,
    LearningRace,
    Partner,
    first_crossing,
    level_value,
    partner_from_assessment,
    scenario,
)


def _wide(df, col):
    return df.pivot(index="t", columns="partner", values=col)


# --- API ---------------------------------------------------------------------

def test_builds_with_no_arguments_and_simulates():
    race = LearningRace()
    df = race.simulate(years=10, dt=0.1)
    assert list(df.columns) == ["t", "partner", "knowledge", "dependence", "power"]
    assert len(df) == 2 * 101
    assert df["t"].max() == pytest.approx(10)
    assert isinstance(race.instability_time(), float)


def test_instability_time_none_when_stable():
    race = LearningRace(threshold=0.01, a=Partner("A", intent=0), b=Partner("B", intent=0))
    assert race.instability_time() is None
    assert race.instability()["leader"] is None


# --- claims ------------------------------------------------------------------

def test_faster_learner_reaches_independence_first():
    race = LearningRace()
    rates = race.rates()
    fast = max(rates, key=rates.get)
    slow = min(rates, key=rates.get)
    assert rates[fast] > rates[slow]
    assert race.independence_time(fast) < race.independence_time(slow)
    assert race.instability()["leader"] == fast
    # and the simulation agrees: the fast learner's dependence is lower throughout
    dep = _wide(race.simulate(years=15, dt=0.05), "dependence")
    assert (dep[fast].iloc[1:] < dep[slow].iloc[1:]).all()


@pytest.mark.parametrize("field_name", ["protectiveness", "tacitness"])
def test_more_protectiveness_or_tacitness_delays_instability(field_name):
    base = LearningRace()
    leader = base.instability()["leader"]
    # protectiveness slowing the leader belongs to the guardian; tacitness to the learner
    who = "b" if field_name == "protectiveness" else "a"
    assert leader == base.a.name
    times = []
    for x in (0.0, 0.2, 0.4, 0.6, 0.8):
        p = replace(getattr(base, who), **{field_name: x})
        race = replace(base, **{who: p})
        times.append(race.independence_time(base.a.name))
    assert all(t2 > t1 for t1, t2 in zip(times, times[1:])), times
    # the venture as a whole is never destabilised sooner
    both = [replace(base, a=replace(base.a, **{field_name: x}), b=replace(base.b, **{field_name: x}))
            for x in (0.1, 0.5, 0.9)]
    inst = [r.instability_time() for r in both]
    assert inst[0] < inst[1] < inst[2]


def test_zero_intent_means_no_learning():
    race = LearningRace(a=replace(LearningRace().a, intent=0.0))
    df = race.simulate(years=30, dt=0.1)
    a = df[df["partner"] == race.a.name]
    assert (a["knowledge"] == 0).all()
    assert (a["dependence"] == 1).all()
    assert race.independence_time(race.a.name) is None
    assert race.rates(True)[race.a.name] == 0


def test_alpha_hito_nothing_moves():
    race = scenario("alpha_hito")
    df = race.simulate(years=30, dt=0.1)
    assert (df["knowledge"] == 0).all()
    assert (df["power"] == 0.5).all()
    assert race.instability_time() is None


def test_learners_need_falls_as_it_learns():
    race = LearningRace()
    df = race.simulate(years=30, dt=0.05)
    for name in (race.a.name, race.b.name):
        one = df[df["partner"] == name]
        assert np.all(np.diff(one["knowledge"]) > 0)
        assert np.all(np.diff(one["dependence"]) < 0)
        assert np.allclose(one["dependence"], 1 - one["knowledge"])
    # and the leader's bargaining power grows
    power = _wide(df, "power")[race.instability()["leader"]]
    assert np.all(np.diff(power) >= 0) and power.iloc[-1] > 0.5


def test_larger_private_share_shortens_time_to_instability():
    times = [LearningRace(private_share=s).instability_time() for s in np.linspace(0, 1, 6)]
    assert all(t2 < t1 for t1, t2 in zip(times, times[1:])), times
    # with no race intensity the private share does not matter
    flat = {LearningRace(private_share=s, race_intensity=0).instability_time() for s in (0, 0.5, 1)}
    assert len(flat) == 1


def test_trust_after_honeymoon_speeds_learning():
    slow = LearningRace(trust_relief=0.0)
    fast = LearningRace(trust_relief=0.8)
    assert fast.instability_time() < slow.instability_time()
    # before the honeymoon ends, trust changes nothing
    before = min(slow.honeymoon, slow.instability_time()) * 0.9
    assert slow.dependence_at("Partner B", before) == fast.dependence_at("Partner B", before)


# --- numerics against closed forms --------------------------------------------

@pytest.mark.parametrize("trust", [0.0, 0.6])
@pytest.mark.parametrize("dt", [0.1, 0.01])
def test_simulation_matches_closed_forms(dt, trust):
    race = LearningRace(trust_relief=trust, honeymoon=2.5)
    df = race.simulate(years=20, dt=dt)
    for name in (race.a.name, race.b.name):
        one = df[df["partner"] == name]
        exact = [race.dependence_at(name, t) for t in one["t"]]
        assert np.max(np.abs(one["dependence"].to_numpy() - exact)) < 50 * dt**4 + 1e-3 * dt
    t_sim = first_crossing(df, race.threshold)
    t_exact = race.instability_time()
    assert t_exact <= t_sim + 1e-9 <= t_exact + dt + 1e-9
    # laggard's remaining dependence at instability
    inst = race.instability()
    lag = df[(df["partner"] == inst["laggard"]) & (np.isclose(df["t"], t_sim))]["dependence"].item()
    assert lag == pytest.approx(inst["laggard_dependence"], abs=2 * dt)


def test_chapter_table_laggard_dependence_agrees_with_closed_form():
    """Chapter 05's check table: for each step, the simulated crossing comes at most one
    step late, and the laggard's simulated dependence then is within what it can lose in
    one step of the closed-form D_j(T) (0.654 against 0.647 at dt=0.1, equal to three
    decimals at dt=0.01); at the simulated time itself it equals the closed form."""
    race = LearningRace(trust_relief=0.5, honeymoon=2.0)
    inst = race.instability()
    lag = inst["laggard"]
    r_max = max(race.rates(False)[lag], race.rates(True)[lag])
    quoted = {0.1: (3.4, 0.647), 0.01: (3.33, 0.654)}
    for dt, (t_quoted, d_quoted) in quoted.items():
        df = race.simulate(years=20, dt=dt)
        t_sim = first_crossing(df, race.threshold)
        d_sim = df[(df["partner"] == lag) & (df["t"] == t_sim)]["dependence"].item()
        assert inst["time"] <= t_sim + 1e-9 <= inst["time"] + dt + 1e-9
        assert d_sim <= inst["laggard_dependence"]
        assert inst["laggard_dependence"] - d_sim <= r_max * dt * inst["laggard_dependence"]
        assert d_sim == pytest.approx(race.dependence_at(lag, t_sim), abs=1e-8)
        assert (round(t_sim, 3), round(d_sim, 3)) == (t_quoted, d_quoted)
    assert round(inst["laggard_dependence"], 3) == 0.654
    assert round(inst["time"], 3) == 3.329


def test_default_race_laggard_keeps_dependence_loses_power():
    """Chapter 05, after the default race: B still depends heavily (0.65) and its
    bargaining power falls from 0.50 at formation to 0.31."""
    race = LearningRace()
    inst = race.instability()
    assert inst["laggard"] == "Partner B"
    assert round(inst["laggard_dependence"], 2) == 0.65
    assert round(inst["laggard_power"], 2) == 0.31
    power0 = race.simulate(years=1, dt=0.1).query("t == 0 and partner == 'Partner B'")["power"].item()
    assert power0 == 0.5


def test_closed_form_time_puts_dependence_on_threshold():
    for name in SCENARIOS:
        race = scenario(name)
        inst = race.instability()
        if inst["time"] is None:
            continue
        assert race.dependence_at(inst["leader"], inst["time"]) == pytest.approx(race.threshold)
        assert inst["laggard_dependence"] > race.threshold
        assert inst["laggard_power"] < 0.5


def test_time_before_honeymoon_branch():
    # a fast learner that is independent before trust kicks in
    race = LearningRace(honeymoon=50, trust_relief=0.9)
    t = race.independence_time("Partner A")
    r = race.rates()["Partner A"]
    assert t == pytest.approx(math.log(1 / race.threshold) / r)


def test_already_independent_at_formation():
    race = LearningRace(a=replace(LearningRace().a, knowledge0=0.9))
    assert race.instability_time() == 0.0


# --- scenarios -----------------------------------------------------------------

def test_nummi_toyota_leads_and_gm_lags():
    race = scenario("nummi")
    inst = race.instability()
    assert inst["leader"] == "Toyota" and inst["laggard"] == "General Motors"
    assert race.rates()["Toyota"] > 5 * race.rates()["General Motors"]
    assert 1984 < inst["calendar_year"] < 1994


def test_protective_partner_american_learns_little():
    race = scenario("protective_partner")
    inst = race.instability()
    assert inst["leader"] == "Japanese partner"
    assert inst["laggard_dependence"] > 0.9
    assert inst["time"] < 10


def test_scenario_follows_a_case_assessment():
    levels = {k: {"level": v, "evidence": "x"} for k, v in CALIBRATION["nummi"]["partners"]["General Motors"]["levels"].items()}
    assert scenario("nummi", assessment=levels) == scenario("nummi")
    levels["tacitness"] = {"level": "low"}
    assert scenario("nummi", assessment=levels).rates()["General Motors"] > scenario("nummi").rates()["General Motors"]


def test_calibration_has_a_source_for_every_level():
    for name, cal in CALIBRATION.items():
        for partner, spec in cal["partners"].items():
            assert set(spec["levels"]) <= set(spec["sources"]), (name, partner)
            for level in spec["levels"].values():
                assert level in LEVELS


# --- bad input -----------------------------------------------------------------

@pytest.mark.parametrize("kwargs, msg", [
    ({"intent": 1.5}, "'intent'"),
    ({"tacitness": -0.1}, "'tacitness'"),
    ({"protectiveness": float("nan")}, "'protectiveness'"),
    ({"knowledge0": 1.0}, "'knowledge0'"),
    ({"name": ""}, "'name'"),
])
def test_partner_rejects_bad_fields(kwargs, msg):
    with pytest.raises(ValueError, match=msg):
        Partner(**kwargs)


def test_partner_rejects_non_numbers():
    with pytest.raises(TypeError, match="'intent'"):
        Partner(intent="high")


@pytest.mark.parametrize("kwargs, msg", [
    ({"threshold": 0}, "'threshold'"),
    ({"private_share": 2}, "'private_share'"),
    ({"base_rate": 0}, "'base_rate'"),
    ({"honeymoon": -1}, "'honeymoon'"),
    ({"trust_relief": 1.2}, "'trust_relief'"),
    ({"a": Partner("Same"), "b": Partner("Same")}, "different names"),
])
def test_race_rejects_bad_fields(kwargs, msg):
    with pytest.raises(ValueError, match=msg):
        LearningRace(**kwargs)


def test_simulate_rejects_bad_arguments():
    with pytest.raises(ValueError, match="'dt'"):
        LearningRace().simulate(years=10, dt=0)
    with pytest.raises(ValueError, match="'years'"):
        LearningRace().simulate(years=-1)
    with pytest.raises(ValueError, match="must not exceed"):
        LearningRace().simulate(years=1, dt=2)


def test_assessment_errors_name_the_field():
    with pytest.raises(ValueError, match="'relatedness'"):
        level_value("sky-high", field="relatedness")
    with pytest.raises(ValueError, match="missing field"):
        partner_from_assessment("GM", {"value": "high"})
    with pytest.raises(KeyError, match="unknown scenario"):
        scenario("nope")
    with pytest.raises(KeyError, match="no partner named"):
        LearningRace().independence_time("Nobody")


# --- properties ----------------------------------------------------------------

unit = st.floats(0, 1, allow_nan=False)
partners = st.builds(Partner, name=st.just("X"), intent=unit, relatedness=unit,
                     cultural_alignment=unit, connections=unit, tacitness=unit,
                     protectiveness=unit, knowledge0=st.floats(0, 0.95))


@settings(max_examples=150, deadline=None)
@given(a=partners, b=partners, s=unit, kappa=st.floats(0, 3), d=st.floats(0.01, 0.99),
       rho=st.floats(0.01, 5), h=st.floats(0, 20), delta=unit,
       dt=st.sampled_from([0.01, 0.05, 0.1, 0.25]))
def test_values_stay_in_range_and_finite(a, b, s, kappa, d, rho, h, delta, dt):
    race = LearningRace(a=replace(a, name="A"), b=replace(b, name="B"), private_share=s,
                        race_intensity=kappa, threshold=d, base_rate=rho, honeymoon=h,
                        trust_relief=delta)
    df = race.simulate(years=20, dt=dt)
    values = df[["knowledge", "dependence", "power"]].to_numpy()
    assert np.isfinite(values).all()
    assert (values >= 0).all() and (values <= 1).all()
    assert np.allclose(_wide(df, "power").sum(axis=1), 1)
    for name in ("A", "B"):
        assert (np.diff(df.loc[df["partner"] == name, "knowledge"]) >= -1e-15).all()
    t = race.instability_time()
    assert t is None or (t >= 0 and math.isfinite(t))
    if t is not None and t < 19:
        t_sim = first_crossing(df, d)
        # the numerical crossing is within one step of the closed form (small rates*dt)
        if max(race.rates().values()) * dt < 0.5 and max(race.rates(True).values()) * dt < 0.5:
            assert t_sim is not None and abs(t_sim - t) <= 2 * dt + 1e-6


@settings(max_examples=100, deadline=None)
@given(x=unit, y=unit)
def test_intent_only_helps(x, y):
    lo, hi = sorted((x, y))
    base = LearningRace()
    r_lo = replace(base, a=replace(base.a, intent=lo)).rates()["Partner A"]
    r_hi = replace(base, a=replace(base.a, intent=hi)).rates()["Partner A"]
    assert r_lo <= r_hi


@pytest.mark.parametrize("case_id", SCENARIOS)
def test_calibration_table_matches_the_case_files(case_id):
    from casebook.cases import load_case

    case = load_case(case_id)
    first = next(iter(CALIBRATION[case_id]["partners"]))
    table = CALIBRATION[case_id]["partners"][first]["levels"]
    from_case = {d: getattr(case.assessment, d).level for d in table}
    assert from_case == table
    assert scenario(case_id, assessment=case.assessment) == scenario(case_id)
