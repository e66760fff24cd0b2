"""The judges of chapters 05 and 09's decision points: what each option leads to in the race model."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from casebook.classroom.judges import judge_option
from casebook.classroom.judges.races import after_instability, with_reply
from casebook.models.races import best_response, scenario

# What chapter 05's options mean (Toyota, end of 1988) and chapter 09's (the American partner).
TOYOTA_1988 = {
    "open": {"b_protectiveness": 0.3},
    "wall": {"b_protectiveness": 0.9},
    "buy": {"venture": False},
    "widen": {"b_protectiveness": 0.1, "a_protectiveness": 0.3},
}
AMERICAN = {
    "negotiate": {"b_protectiveness": 0.5, "a_connections": 0.5, "binding": True},
    "wait": {"trust_relief": 0.5},
    "market": {"a_intent": 0.0},
    "exit": {"venture": False},
}


def test_toyota_1988_options_order_gms_learning():
    """Chapter 05: from mid-1988, the more open Toyota stays the faster GM's dependence falls;
    buying GM out freezes it where it is; no option makes GM independent within ten years."""
    later = {k: after_instability(p, scenario="nummi").figures for k, p in TOYOTA_1988.items()}
    d = {k: f["laggard_dependence_later"] for k, f in later.items()}
    assert d["widen"] < d["open"] < d["wall"] < d["buy"]
    assert d["buy"] == pytest.approx(later["buy"]["laggard_dependence_now"])
    assert all(f["laggard_independent_year"] is None for f in later.values())
    assert later["open"]["start_year"] == pytest.approx(4.5)


@pytest.mark.parametrize("g", np.linspace(0.0, 1.0, 6))
def test_after_instability_a_higher_toyota_guard_always_slows_gm(g):
    lo = after_instability({"b_protectiveness": float(g) * 0.9}, scenario="nummi").figures
    hi = after_instability({"b_protectiveness": min(1.0, float(g) * 0.9 + 0.1)}, scenario="nummi").figures
    assert hi["laggard_dependence_later"] > lo["laggard_dependence_later"]
    # and GM, facing a higher wall, never chooses to learn harder
    assert hi["laggard_reply_intent"] <= lo["laggard_reply_intent"]


@pytest.mark.parametrize("years", [5.0, 10.0, 20.0])
def test_after_instability_agrees_with_a_restarted_race(years):
    base = scenario("nummi")
    t0 = base.instability_time()
    k_gm = 1 - base.dependence_at("General Motors", t0)
    k_t = 1 - base.dependence_at("Toyota", t0)
    cont = replace(base, a=replace(base.a, knowledge0=k_gm), b=replace(base.b, knowledge0=k_t, protectiveness=0.9),
                   honeymoon=0.0)
    f = after_instability({"b_protectiveness": 0.9}, scenario="nummi", years=years).figures
    assert f["laggard_dependence_later"] == pytest.approx(cont.dependence_at("General Motors", years))


def test_protective_partner_options():
    """Chapter 09: walking out or dropping the learning aim leaves the American partner with nothing;
    a signed access clause lets it learn most of what it came for; an unsigned concession is
    undone by the partner's reply (it walls off again); waiting pays only if trust comes."""
    f = {k: with_reply(p, scenario="protective_partner").figures for k, p in AMERICAN.items()}
    assert f["exit"]["a_knowledge"] == 0 and f["market"]["a_knowledge"] == 0
    assert f["negotiate"]["a_knowledge"] > 0.5
    unsigned = with_reply({k: v for k, v in AMERICAN["negotiate"].items() if k != "binding"},
                          scenario="protective_partner").figures
    assert unsigned["reply_guard"] == 1.0 and unsigned["a_knowledge"] < 0.01
    no_trust = with_reply({"trust_relief": 0.0}, scenario="protective_partner").figures
    assert f["wait"]["a_knowledge"] > no_trust["a_knowledge"]


@pytest.mark.parametrize("guard", [0.3, 0.5, 0.7])
def test_signed_clause_learning_falls_as_the_agreed_guard_rises(guard):
    lo = with_reply({"b_protectiveness": guard, "binding": True}, scenario="protective_partner").figures
    hi = with_reply({"b_protectiveness": guard + 0.2, "binding": True}, scenario="protective_partner").figures
    assert hi["a_knowledge"] < lo["a_knowledge"]
    assert lo["reply_guard"] == guard


def test_reply_is_the_model_best_response():
    race = replace(scenario("protective_partner"), trust_relief=0.5)
    i, g = best_response(race, "Japanese partner")
    f = with_reply({"trust_relief": 0.5}, scenario="protective_partner").figures
    assert (f["reply_intent"], f["reply_guard"]) == (i, g)


def test_judges_resolve_by_name_and_refuse_bad_params():
    j = judge_option("races.after_instability", TOYOTA_1988["open"], {"scenario": "nummi"})
    assert "1988" in j.summary
    j = judge_option("races.with_reply", AMERICAN["negotiate"], {"scenario": "protective_partner"})
    assert "Japanese partner answers" in j.summary
    with pytest.raises(ValueError, match="binding"):
        with_reply({"binding": "yes"}, scenario="protective_partner")
    with pytest.raises(ValueError, match="'years'"):
        after_instability({}, scenario="nummi", years=0)


def test_figures_quoted_in_the_solutions():
    """ch05.toyota1988's solution (0.85 -> 0.56 open, 0.50 widen, 0.70 wall, 0.85 buy-out; GM's best intent
    0.60 open, 0.45 wall) and ch09.protective's (signed clause: about 90% learned)."""
    f = {k: after_instability(p, scenario="nummi").figures for k, p in TOYOTA_1988.items()}
    assert round(f["open"]["laggard_dependence_now"], 2) == 0.85
    assert {k: round(v["laggard_dependence_later"], 2) for k, v in f.items()} == \
        {"open": 0.56, "wall": 0.70, "buy": 0.85, "widen": 0.50}
    assert (f["open"]["laggard_reply_intent"], f["wall"]["laggard_reply_intent"]) == (0.60, 0.45)
    g = with_reply(AMERICAN["negotiate"], scenario="protective_partner").figures
    assert round(g["a_knowledge"], 1) == 0.9
