"""Every exercise kind, driven headlessly: set the control, click, check feedback and the saved file."""

from __future__ import annotations

import json
import types

import pytest

from casebook.classroom import exercises as ex
from casebook.classroom.answers import answers_path, get_answer
from casebook.classroom.exercises import (classify, decision_point, likert, multiple_choice, numeric,
                                ranking, short_answer)


def saved(home, qid):
    doc = json.loads(answers_path(home=home).read_text(encoding="utf-8"))
    assert doc["schema_version"] == 1
    return doc["answers"][qid]


def all_text(box) -> str:
    """Every string value in the widget tree (what a student could see)."""
    import ipywidgets as w

    out, stack = [], [box]
    while stack:
        node = stack.pop()
        if isinstance(node, (w.HTML, w.HTMLMath, w.Text, w.Textarea, w.Label)):
            out.append(str(node.value))
        if isinstance(node, w.Box):
            stack.extend(node.children)
    return "\n".join(out)


def test_box_contract(casebook_home):
    box = multiple_choice("ch00.mc", "Q?", {"A": "a", "B": "b"}, correct="A")
    assert "cb-panel" in box._dom_classes and "cb-exercise" in box._dom_classes
    assert "cb-multiple-choice" in box._dom_classes
    assert box.controls["check"] is box.button
    assert "cb-control-choice" in box.controls["choice"]._dom_classes
    assert set(box.outputs) >= {"feedback"}


# ---------------------------------------------------------------- multiple choice
def test_multiple_choice_feedback_per_option_and_saved(casebook_home):
    box = multiple_choice("ch00.mc", "Which travels?", {"Tacit": "It sticks.", "Explicit": "Yes."},
                          correct="Explicit", explanation="Codified knowledge moves.")
    box.button.click()
    assert "Choose an option" in box.outputs["feedback"].value
    assert not answers_path(home=casebook_home).exists()

    box.controls["choice"].value = "Tacit"
    box.button.click()
    fb = box.outputs["feedback"].value
    assert "Not quite" in fb and "It sticks." in fb and "Codified knowledge moves." in fb
    rec = saved(casebook_home, "ch00.mc")
    assert rec == {**rec, "kind": "multiple_choice", "response": "Tacit", "correct": False,
                   "score": 0.0, "attempts": 1}

    box.controls["choice"].value = "Explicit"
    box.button.click()
    assert "Correct" in box.outputs["feedback"].value and "Yes." in box.outputs["feedback"].value
    rec = saved(casebook_home, "ch00.mc")
    assert rec["correct"] is True and rec["score"] == 1.0 and rec["attempts"] == 2


def test_multiple_choice_restores(casebook_home):
    box = multiple_choice("ch00.mc", "Q?", {"A": "fa", "B": "fb"}, correct="B")
    box.controls["choice"].value = "A"
    box.button.click()
    again = multiple_choice("ch00.mc", "Q?", {"A": "fa", "B": "fb"}, correct="B")
    assert again.controls["choice"].value == "A"
    assert "fa" in again.outputs["feedback"].value and "Not quite" in again.outputs["feedback"].value


def test_multiple_choice_escapes_everything(casebook_home):
    evil = "<img src=x onerror=alert(1)>"
    box = multiple_choice("ch00.mc", evil, {evil: evil, "ok": "fine"}, correct="ok",
                          explanation=evil)
    box.controls["choice"].value = evil
    box.button.click()
    text = all_text(box)
    assert "<img" not in text and "&lt;img" in text


@pytest.mark.parametrize("kwargs, field", [
    (dict(options={"A": ""}, correct="A"), "options"),
    (dict(options={"A": "", "B": ""}, correct="C"), "correct"),
])
def test_multiple_choice_bad_input_names_field(casebook_home, kwargs, field):
    with pytest.raises(ValueError, match=field):
        multiple_choice("ch00.mc", "Q?", **kwargs)


def test_bad_qid(casebook_home):
    with pytest.raises(ValueError, match="chNN.slug"):
        multiple_choice("tacit", "Q?", {"A": "", "B": ""}, correct="A")


# ---------------------------------------------------------------- numeric
def test_numeric_tolerance_units_and_computed_answer(casebook_home):
    calls = []

    def model():
        calls.append(1)
        return 17 / 40

    box = numeric("ch00.share", "Share of 50-50 ventures?", answer=model, tolerance=0.01,
                  units="share", explanation="17 of 40.")
    assert calls == [1]
    box.controls["value"].value = "abc"
    box.button.click()
    assert "not a number" in box.outputs["feedback"].value
    assert not answers_path(home=casebook_home).exists()

    box.controls["value"].value = "0.5"
    box.button.click()
    fb = box.outputs["feedback"].value
    assert "too high" in fb and "share" in fb and "17 of 40" not in fb
    assert saved(casebook_home, "ch00.share")["correct"] is False

    box.controls["value"].value = "0.3"
    box.button.click()  # second wrong attempt: the answer and explanation appear
    assert "too low" in box.outputs["feedback"].value
    assert "0.425" in box.outputs["feedback"].value and "17 of 40" in box.outputs["feedback"].value

    box.controls["value"].value = "0.434"
    box.button.click()
    rec = saved(casebook_home, "ch00.share")
    assert "Correct" in box.outputs["feedback"].value
    assert rec["response"] == pytest.approx(0.434) and rec["correct"] is True
    assert rec["units"] == "share" and rec["attempts"] == 3


def test_numeric_tolerance_edge(casebook_home):
    box = numeric("ch00.edge", "x?", answer=1.0, tolerance=0.1)
    box.controls["value"].value = "1.1"
    box.button.click()
    assert saved(casebook_home, "ch00.edge")["correct"] is True
    box.controls["value"].value = "1.1001"
    box.button.click()
    assert saved(casebook_home, "ch00.edge")["correct"] is False


def test_numeric_restores_and_rejects_bad_answer(casebook_home):
    box = numeric("ch00.num", "x?", answer=2.0)
    box.controls["value"].value = "2"
    box.button.click()
    again = numeric("ch00.num", "x?", answer=2.0)
    assert again.controls["value"].value == "2" and "Correct" in again.outputs["feedback"].value
    with pytest.raises(ValueError, match="answer"):
        numeric("ch00.bad", "x?", answer="lots")
    with pytest.raises(ValueError, match="tolerance"):
        numeric("ch00.bad", "x?", answer=1.0, tolerance=-1)


# ---------------------------------------------------------------- likert
def test_likert_saves_profile(casebook_home):
    box = likert("ch00.lik", "How far do you agree?", ["Trust matters", "Speed matters"], scale=5)
    box.controls["statement_1"].value = 4
    box.button.click()
    assert "missing: 2" in box.outputs["feedback"].value
    box.controls["statement_2"].value = 1
    box.button.click()
    assert "strongly disagree" in box.outputs["feedback"].value
    rec = saved(casebook_home, "ch00.lik")
    assert rec["response"] == [4, 1] and rec["scale"] == 5
    assert rec["statements"] == ["Trust matters", "Speed matters"]
    assert "correct" not in rec
    again = likert("ch00.lik", "How far do you agree?", ["Trust matters", "Speed matters"])
    assert again.controls["statement_2"].value == 1
    with pytest.raises(ValueError, match="scale"):
        likert("ch00.lik2", "?", ["a"], scale=2)


# ---------------------------------------------------------------- ranking
def test_ranking_scored_by_pairs(casebook_home):
    items = ["build", "buy", "ally"]
    box = ranking("ch00.rank", "Fastest first", items, correct_order=["buy", "ally", "build"],
                  explanation="Buying is quickest.")
    box.button.click()  # initial order = items as given: build, buy, ally
    rec = saved(casebook_home, "ch00.rank")
    assert rec["response"] == items and rec["correct"] is False
    assert rec["score"] == pytest.approx(1 / 3)  # only (buy, ally) is in the right order
    box.controls["rank_1"].value = "buy"
    box.button.click()
    assert "once" in box.outputs["feedback"].value  # buy appears twice
    box.controls["rank_2"].value = "ally"
    box.controls["rank_3"].value = "build"
    box.button.click()
    assert "Correct" in box.outputs["feedback"].value
    assert "Buying is quickest." in box.outputs["feedback"].value
    assert saved(casebook_home, "ch00.rank")["score"] == 1.0


def test_pair_agreement_bounds():
    assert ex.pair_agreement("abcd", "abcd") == 1.0
    assert ex.pair_agreement("dcba", "abcd") == 0.0
    assert ex.pair_agreement("bacd", "abcd") == pytest.approx(5 / 6)


def test_ranking_without_answer_is_saved_only(casebook_home):
    box = ranking("ch00.opinion", "Your order", ["a", "b"])
    box.button.click()
    rec = saved(casebook_home, "ch00.opinion")
    assert rec["response"] == ["a", "b"] and "correct" not in rec
    with pytest.raises(ValueError, match="correct_order"):
        ranking("ch00.r2", "?", ["a", "b"], correct_order=["a", "c"])


# ---------------------------------------------------------------- short answer
def test_short_answer_saved_and_model_answer_on_request(casebook_home):
    box = short_answer("ch00.sa", "Why did GM learn slowly?", model_answer="Tacit, embedded.",
                       rubric=["names tacitness", "names culture"])
    assert box.outputs["solution"].value == ""
    assert "Tacit, embedded." not in all_text(box)
    box.button.click()
    assert "Write something" in box.outputs["feedback"].value
    box.controls["text"].value = "  Toyota's system <was> embedded in its culture. "
    box.button.click()
    rec = saved(casebook_home, "ch00.sa")
    assert rec["response"] == "Toyota's system <was> embedded in its culture."
    assert rec["saw_model_answer"] is False
    box.controls["reveal"].click()
    sol = box.outputs["solution"].value
    assert "Tacit, embedded." in sol and "<li>names culture</li>" in sol
    box.button.click()
    assert saved(casebook_home, "ch00.sa")["saw_model_answer"] is True
    again = short_answer("ch00.sa", "Why?", model_answer="x")
    assert again.controls["text"].value.startswith("Toyota's system")


# ---------------------------------------------------------------- classify
def test_classify_scores_and_explains(casebook_home):
    items = {"a patent": "explicit", "a shop-floor knack": "tacit", "a manual": "explicit"}
    box = classify("ch00.cls", "Sort", items, ["tacit", "explicit"],
                   explanations={"a shop-floor knack": "lives in people"})
    box.controls["item_1"].value = "explicit"
    box.button.click()
    assert "every item" in box.outputs["feedback"].value
    box.controls["item_2"].value = "explicit"
    box.controls["item_3"].value = "explicit"
    box.button.click()
    fb = box.outputs["feedback"].value
    assert "2 of 3" in fb and "lives in people" in fb
    rec = saved(casebook_home, "ch00.cls")
    assert rec["score"] == pytest.approx(2 / 3) and rec["correct"] is False
    assert rec["response"]["a shop-floor knack"] == "explicit"
    again = classify("ch00.cls", "Sort", items, ["tacit", "explicit"])
    assert again.controls["item_2"].value == "explicit" and "2 of 3" in again.outputs["feedback"].value
    with pytest.raises(ValueError, match="categories"):
        classify("ch00.c2", "Sort", {"x": "other"}, ["tacit"])


# ---------------------------------------------------------------- decision point
OUTCOME = "GM's learning was slow at first, then NUMMI became its benchmark."
SOURCE = {"reading": "inkpen1998", "locator": "section 'Alliance Knowledge: Access Versus Acquisition'"}


def test_decision_point_reveals_only_after_commit(casebook_home):
    from casebook.classroom.pool import set_pool

    set_pool(None)
    box = decision_point("ch00.dp", "As GM in 1984?", ["Join", "Go alone"], outcome=OUTCOME,
                         source=SOURCE)
    assert OUTCOME not in all_text(box) and box.outputs["outcome"].value == ""
    box.controls["choice"].value = "Join"
    box.button.click()  # no reason yet
    assert "reason" in box.outputs["feedback"].value
    assert box.outputs["outcome"].value == "" and not answers_path(home=casebook_home).exists()

    box.controls["reason"].value = "learn\nlean <production>"
    box.button.click()
    assert OUTCOME.replace("'", "&#x27;") in box.outputs["outcome"].value
    assert "Inkpen (1998)" in box.outputs["outcome"].value
    assert "&lt;production&gt;" in box.outputs["feedback"].value
    rec = saved(casebook_home, "ch00.dp")
    assert rec["response"] == "Join" and rec["reason"] == "learn lean <production>"
    assert rec["committed_at"].endswith("+00:00")
    assert all(c.disabled for c in box.controls.values())


def test_decision_point_is_final_and_restored(casebook_home):
    box = decision_point("ch00.dp", "?", ["Join", "Go alone"], outcome=OUTCOME, source="X")
    box.controls["choice"].value = "Go alone"
    box.controls["reason"].value = "control"
    box.button.click()
    first = saved(casebook_home, "ch00.dp")

    again = decision_point("ch00.dp", "?", ["Join", "Go alone"], outcome=OUTCOME, source="X")
    assert again.controls["choice"].value == "Go alone" and again.controls["choice"].disabled
    assert "GM&#x27;s learning" in again.outputs["outcome"].value

    # a second notebook that built its box before the commit cannot overwrite it
    other = decision_point("ch00.dp2", "?", ["Join", "Go alone"], outcome=OUTCOME, source="X")
    other.controls["choice"].value = "Join"
    other.controls["reason"].value = "r"
    late = decision_point("ch00.dp2", "?", ["Join", "Go alone"], outcome=OUTCOME, source="X")
    late.controls["choice"].value = "Go alone"
    late.controls["reason"].value = "r2"
    late.button.click()
    other.button.click()
    assert saved(casebook_home, "ch00.dp2")["response"] == "Go alone"
    assert other.controls["choice"].value == "Go alone"  # shows what was really committed
    assert saved(casebook_home, "ch00.dp") == first


def test_decision_point_shows_class_split(casebook_home):
    from casebook.classroom.pool import ClassPool, set_pool

    rec = lambda c: {"kind": "decision_point", "response": c}  # noqa: E731
    pool = ClassPool(answers={"a": {"ch00.dp": rec("Join")}, "b": {"ch00.dp": rec("Join")},
                              "c": {"ch00.dp": rec("Go alone")}, "d": {}})
    box = decision_point("ch00.dp", "?", ["Join", "Go alone"], outcome=OUTCOME, source="X",
                         pool=pool)
    assert box.outputs["split"].value == ""
    box.controls["choice"].value = "Go alone"
    box.controls["reason"].value = "r"
    box.button.click()
    split = box.outputs["split"].value
    assert "3 students" in split and "67%" in split and "Go alone (you)" in split
    try:
        set_pool(pool)
        restored = decision_point("ch00.dp", "?", ["Join", "Go alone"], outcome=OUTCOME,
                                  source="X")
        assert "67%" in restored.outputs["split"].value
    finally:
        set_pool(None)


def test_decision_point_uses_case_outcome(casebook_home, monkeypatch):
    import casebook.cases

    fake = types.SimpleNamespace(outcome=types.SimpleNamespace(
        text="It ended <well>.", source=types.SimpleNamespace(
            reading="serrat2009", citation=None, locator="Introduction")))
    monkeypatch.setattr(casebook.cases, "load_case", lambda case: fake)
    box = decision_point("ch00.case", "?", ["a", "b"], case="anything")
    box.controls["choice"].value = "a"
    box.controls["reason"].value = "r"
    box.button.click()
    out = box.outputs["outcome"].value
    assert "It ended &lt;well&gt;." in out and "Serrat (2009), Introduction" in out
    assert saved(casebook_home, "ch00.case")["case"] == "anything"
    with pytest.raises(ValueError, match="outcome"):
        decision_point("ch00.none", "?", ["a", "b"])


def test_decision_point_with_a_real_case(casebook_home):
    cases = pytest.importorskip("casebook.cases")
    try:
        outcome = cases.load_case("nummi").outcome
    except Exception as exc:  # the case library is still being written
        pytest.skip(f"nummi case not loadable: {exc}")
    box = decision_point("ch00.nummi", "?", ["a", "b"], case="nummi")
    box.controls["choice"].value = "b"
    box.controls["reason"].value = "r"
    box.button.click()
    assert ex.common._esc(outcome.text) in box.outputs["outcome"].value


# ---------------------------------------------------------------- cross-cutting
def test_unreadable_answers_file_is_shown_not_raised(casebook_home):
    casebook_home.mkdir(parents=True)
    answers_path(home=casebook_home).write_text("{broken", encoding="utf-8")
    box = multiple_choice("ch00.mc", "Q?", {"A": "", "B": ""}, correct="A")
    assert "could not be read" in box.outputs["feedback"].value
    box.controls["choice"].value = "A"
    box.button.click()
    assert "could not be saved" in box.outputs["feedback"].value
    assert answers_path(home=casebook_home).read_text(encoding="utf-8") == "{broken"


def test_instructor_edition_shows_solutions(casebook_home, monkeypatch):
    monkeypatch.setenv("CASEBOOK_INSTRUCTOR", "1")
    box = multiple_choice("ch00.mc", "Q?", {"A": "", "B": ""}, correct="B")
    assert "B" in box.outputs["solution"].value
    sa = short_answer("ch00.sa", "Why?", model_answer="Because.")
    assert "Because." in sa.outputs["solution"].value
    monkeypatch.delenv("CASEBOOK_INSTRUCTOR")
    assert multiple_choice("ch00.mc2", "Q?", {"A": "", "B": ""}, correct="B").outputs["solution"].value == ""


def test_other_students_answers_are_separate(casebook_home, monkeypatch):
    box = numeric("ch00.num", "x?", answer=1.0)
    box.controls["value"].value = "1"
    box.button.click()
    monkeypatch.setenv("CASEBOOK_STUDENT", "someone/else")
    other = numeric("ch00.num", "x?", answer=1.0)
    assert other.controls["value"].value == "" and other.outputs["feedback"].value == ""
    assert get_answer("ch00.num") is None
    assert (casebook_home / "someone_else.answers.json").exists() is False  # nothing saved yet


def test_check_saves_once_per_click(casebook_home):
    """Each Check writes the answer once (speed is for benchmarks, not tests)."""
    box = multiple_choice("ch00.fast", "Q?", {"A": "", "B": ""}, correct="A")
    for i in range(4):
        box.controls["choice"].value = "AB"[i % 2]
        box.button.click()
    saved = json.loads(next(casebook_home.glob("*.answers.json")).read_text(encoding="utf-8"))
    assert saved["answers"]["ch00.fast"]["response"] == "B"


