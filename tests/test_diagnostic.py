"""Claims chapter 03 makes about the learning diagnostic (casebook.models.diagnostic)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.models import diagnostic as d

KEYS = [o.key for o in d.OBJECTIVES]


def test_six_objectives_in_table_order_with_every_question():
    assert [o.number for o in d.OBJECTIVES] == [1, 2, 3, 4, 5, 6]
    # Table 1 of Inkpen (1998) asks 6, 5, 4, 6, 5 and 3 questions.
    assert [len(o.questions) for o in d.OBJECTIVES] == [6, 5, 4, 6, 5, 3]
    assert len(set(d.question_ids())) == 29


def test_every_objective_has_advice_with_a_source():
    for o in d.OBJECTIVES:
        a = d.advice(o.key)
        assert a.text and "Inkpen (1998)" in a.source


@pytest.mark.parametrize("key", KEYS)
def test_strong_everywhere_but_one_names_that_one(key):
    answers = d.full_answers(5)
    for qid in d.objective(key).question_ids():
        answers[qid] = 2
    profile = d.score(answers)
    assert [o.key for o in d.weakest(profile, 1)] == [key]
    assert profile[key] == 2.0
    assert all(profile[k] == 5.0 for k in KEYS if k != key)


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, "3", True, None])
def test_out_of_range_answers_are_refused_with_the_question_named(bad):
    answers = d.full_answers(3)
    answers["culture.2"] = bad
    with pytest.raises(ValueError, match=r"culture\.2"):
        d.score(answers)


def test_missing_and_unknown_answers_are_named():
    answers = d.full_answers(3)
    del answers["value.4"]
    with pytest.raises(ValueError, match=r"missing.*value\.4"):
        d.score(answers)
    answers = d.full_answers(3)
    answers["value.9"] = 3
    with pytest.raises(ValueError, match=r"unknown.*value\.9"):
        d.score(answers)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=29, max_size=29))
def test_score_is_the_mean_of_each_objectives_answers(values):
    answers = dict(zip(d.question_ids(), values))
    p = d.score(answers)
    for o in d.OBJECTIVES:
        vals = [answers[q] for q in o.question_ids()]
        assert p[o.key] == pytest.approx(sum(vals) / len(vals))
        assert 1 <= p[o.key] <= 5
    low = d.weakest(p, 6)
    assert [p[o.key] for o in low] == sorted(p.values())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=29, max_size=29), st.integers(0, 28))
def test_raising_one_answer_never_lowers_any_score(values, i):
    answers = dict(zip(d.question_ids(), values))
    before = d.score(answers)
    qid = d.question_ids()[i]
    answers[qid] = min(5, answers[qid] + 1)
    after = d.score(answers)
    assert all(a >= b for a, b in zip(after.values(), before.values()))


def test_weakest_breaks_ties_in_table_order_and_checks_k():
    p = d.score(d.full_answers(3))
    assert [o.key for o in d.weakest(p, 3)] == KEYS[:3]
    for bad in (0, 7, 1.5):
        with pytest.raises(ValueError, match="k must be"):
            d.weakest(p, bad)


def _assessment(**levels):
    base = {f: {"level": "medium", "evidence": "x", "source": {}} for f in
            ["value", "protectiveness", "tacitness", "connections", "relatedness", "cultural_alignment"]}
    for k, v in levels.items():
        base[k]["level"] = v
    return base


def test_obstacles_are_reversed_in_a_case_profile():
    p = d.profile_from_assessment(_assessment(protectiveness="very_high", tacitness="very_low",
                                              connections="low"), "c")
    assert p["access"] == 1 and p["tacitness"] == 5 and p["connections"] == 2 and p["value"] == 3


def test_case_profile_from_a_case_mapping_names_the_file_on_bad_input():
    case = {"id": "demo", "title": "Demo", "assessment": _assessment(relatedness="huge")}
    with pytest.raises(ValueError, match=r"cases/demo/case\.yaml.*assessment\.relatedness\.level"):
        d.case_profile(case)
    case = {"id": "demo", "title": "Demo"}
    with pytest.raises(ValueError, match=r"cases/demo/case\.yaml.*'assessment' is missing"):
        d.case_profile(case)
    ok = {"id": "demo", "title": "Demo", "assessment": _assessment()}
    assert d.case_profile(ok).label == "Demo"


def test_unknown_objective_is_refused():
    with pytest.raises(KeyError, match="unknown objective"):
        d.advice("speed")


def test_every_statement_says_what_it_measures_and_each_objective_has_a_condition():
    for o in d.OBJECTIVES:
        assert len(o.kinds) == len(o.questions) and set(o.kinds) <= set(d.KINDS)
        assert o.question_ids("condition") and o.measures and o.lever
        assert o.assessment_field.replace("_", " ").split()[0] in o.measures or o.reversed


def test_no_tacitness_condition_asks_what_the_firm_knows():
    """Objective 3's case rating is the tacitness itself; the compared statements must rate it too."""
    o = d.objective("tacitness")
    for text, kind in zip(o.questions, o.kinds):
        if kind == "condition":
            assert not text.lower().startswith("we know")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=29, max_size=29))
def test_condition_profile_uses_only_condition_statements(values):
    answers = dict(zip(d.question_ids(), values))
    p = d.score(answers, basis="condition")
    for o in d.OBJECTIVES:
        vals = [answers[q] for q in o.question_ids("condition")]
        assert p[o.key] == pytest.approx(sum(vals) / len(vals))
    # changing an awareness statement never moves the compared profile
    aware = [q for o in d.OBJECTIVES for q in o.question_ids("awareness")]
    answers[aware[0]] = 6 - answers[aware[0]]
    assert d.score(answers, basis="condition").values() == p.values()


def test_a_case_and_a_questionnaire_describing_the_same_conditions_coincide():
    """Answering every condition statement at a case's level reproduces the case's profile (common scale)."""
    for cid in ("nummi", "alpha_hito", "protective_partner"):
        case = d.case_profile(cid)
        answers = d.full_answers(3)
        for o in d.OBJECTIVES:
            for q in o.question_ids("condition"):
                answers[q] = int(case[o.key])
        assert d.score(answers, basis="condition").values() == case.values()


def test_fix_first_names_a_lever_not_the_obstacle():
    for cid in ("nummi", "alpha_hito", "protective_partner"):
        for o, lever in d.fix_first(d.case_profile(cid), 2):
            assert lever == o.lever
            assert any(w in lever.lower() for w in ("send", "negotiate", "choose", "schedule", "staff", "bring"))
    _, lever = d.fix_first(d.Profile("x", {"value": 5, "access": 5, "tacitness": 1, "connections": 5,
                                           "related": 5, "culture": 5}), 1)[0]
    assert "cannot make the knowledge less tacit" in lever and "rotation" in lever


def test_bad_basis_is_refused():
    with pytest.raises(ValueError, match="basis"):
        d.score(d.full_answers(3), basis="mean")
