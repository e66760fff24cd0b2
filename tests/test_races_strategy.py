"""Chapter 05's claims about who races and why (casebook.models.races.strategy), over ranges."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from casebook.models.races import (
    LearningRace,
    Partner,
    best_response,
    equilibrium,
    outcome,
    payoffs,
    scenario,
    who_races,
)


@pytest.mark.parametrize("lam", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("overlap", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("share_b", [0.2, 0.5, 0.8])
def test_a_larger_private_share_means_harder_learning(lam, overlap, share_b):
    """Khanna, Gulati and Nohria (1998): the more of its benefit a partner can keep privately,
    the harder it learns. The equilibrium intent never falls as the private share rises."""
    base = LearningRace(reciprocity=lam, overlap=overlap)
    intents = []
    for s in np.linspace(0.0, 0.9, 7):
        race = replace(base, a=replace(base.a, private_share=float(s)),
                       b=replace(base.b, private_share=share_b))
        eq = equilibrium(race)
        assert eq is not None
        intents.append(eq["Partner A"]["intent"])
    assert all(y >= x for x, y in zip(intents, intents[1:])), intents
    assert intents[-1] > intents[0]


@pytest.mark.parametrize("high, low", [(0.9, 0.1), (0.8, 0.4), (0.9, 0.5)])
@pytest.mark.parametrize("tacit", [0.2, 0.5])
def test_between_equals_the_one_with_more_private_benefit_races(high, low, tacit):
    a = Partner("A", private_share=high, tacitness=tacit)
    b = Partner("B", private_share=low, tacitness=tacit)
    assert who_races(LearningRace(a=a, b=b)) == "A"
    assert who_races(LearningRace(a=replace(a, private_share=low), b=replace(b, private_share=high))) == "B"
    assert who_races(LearningRace(a=replace(a, private_share=low), b=b)) is None


@pytest.mark.parametrize("high, low", [(0.6, 0.3), (0.5, 0.4), (0.9, 0.8)])
def test_the_one_with_more_private_benefit_never_learns_less(high, low):
    """A small gap may leave both at the same step of the grid, never the other way round."""
    eq = equilibrium(LearningRace(a=Partner("A", private_share=high), b=Partner("B", private_share=low)))
    assert eq["A"]["intent"] >= eq["B"]["intent"]


def test_nothing_private_means_no_learning_effort():
    for share_b in (0.1, 0.5, 0.9):
        race = LearningRace(a=Partner("A", private_share=0.0), b=Partner("B", private_share=share_b))
        assert best_response(race, "A")[0] == 0.0


@pytest.mark.parametrize("lam", [0.25, 0.5, 1.0])
def test_more_competitive_overlap_means_a_higher_guard(lam):
    base = LearningRace(reciprocity=lam)
    guards = [best_response(replace(base, overlap=float(w)), "Partner A")[1] for w in np.linspace(0, 1, 6)]
    assert all(y >= x for x, y in zip(guards, guards[1:])), guards
    assert guards[-1] > guards[0]


def test_reciprocity_makes_guarding_less_attractive():
    base = LearningRace(overlap=0.3)
    guards = [best_response(replace(base, reciprocity=float(x)), "Partner A")[1] for x in np.linspace(0, 1, 6)]
    assert all(y <= x for x, y in zip(guards, guards[1:])), guards
    assert guards[-1] < guards[0]


@pytest.mark.parametrize("d", [0.1, 0.2, 0.3, 0.4, 0.5])
def test_nummi_gm_tries_harder_but_toyota_wins(d):
    """Chapter 05: in equilibrium GM chooses the higher intent (the race it runs is the harder
    one), yet Toyota, seeking explicit knowledge, becomes independent first, at every threshold."""
    eq = equilibrium(replace(scenario("nummi"), threshold=d))
    assert eq["General Motors"]["intent"] > eq["Toyota"]["intent"]
    assert eq["leader"] == "Toyota"
    assert eq["General Motors"]["knowledge"] < eq["Toyota"]["knowledge"]


def test_nummi_equilibrium_figures_quoted_in_chapter_05():
    eq = equilibrium(scenario("nummi"))
    assert (eq["General Motors"]["intent"], eq["Toyota"]["intent"]) == (0.65, 0.3)
    assert round(eq["calendar_year"], 1) == 1993.4


@pytest.mark.parametrize("name", ["nummi", "protective_partner"])
def test_when_guards_are_chosen_too_best_responses_cycle(name):
    """Openness is reciprocal: a wall invites a wall, and there is no resting point on the grid."""
    assert equilibrium(scenario(name), choose="both") is None


def test_payoffs_add_up():
    race = scenario("nummi")
    out = outcome(race)
    for me, other in ((race.a, race.b), (race.b, race.a)):
        u = (me.private_share * out[me.name]["knowledge"] + (1 - me.private_share) * out["common"]
             - race.overlap * out[other.name]["knowledge"]
             - race.effort_cost * (me.intent ** 2 + me.protectiveness ** 2))
        assert payoffs(race)[me.name] == pytest.approx(u)
    assert 0 < out["common"] < 1


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="'grid'"):
        equilibrium(LearningRace(), grid=[0, 2])
    with pytest.raises(ValueError, match="'choose'"):
        best_response(LearningRace(), "Partner A", choose="guard")
    with pytest.raises(KeyError, match="no partner named"):
        best_response(LearningRace(), "Nobody")


def test_chapter_05_private_share_table():
    """Chapter 05's table: A's intent 0.30 at a share of 0.1 and 0.80 at 0.9 (B at 0.5); B races when A's
    share is far below its own, A when far above; near equal shares both pick the same step and finish together."""
    rows = {}
    for s in (0.1, 0.3, 0.5, 0.7, 0.9):
        eq = equilibrium(LearningRace(a=Partner("A", private_share=s), b=Partner("B", private_share=0.5)))
        t = {n: eq["race"].independence_time(n) for n in ("A", "B")}
        rows[s] = (eq["A"]["intent"], eq["B"]["intent"], t["A"], t["B"])
    assert rows[0.1][:2] == (0.3, 0.4) and rows[0.1][3] < rows[0.1][2]
    assert rows[0.9][:2] == (0.8, 0.65) and rows[0.9][2] < rows[0.9][3]
    for s in (0.3, 0.5, 0.7):
        assert rows[s][0] == rows[s][1] and rows[s][2] == pytest.approx(rows[s][3])


def test_alpha_would_choose_far_less_than_it_said():
    """Chapter 05: with a private share of 0.3 Alpha's best intent is 0.35, half its stated 0.7."""
    eq = equilibrium(scenario("alpha_hito"))
    assert scenario("alpha_hito").a.intent == 0.7 and eq["Alpha"]["intent"] == 0.35
