"""ask() for every kind, headless, built from the fixture file: nothing shown before an answer, then
feedback and solution; the instructor view; decisions judged by the model; the live class hooks;
hand-ins and the class pool reading answers saved through ask()."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casebook.classroom import questions as Q
from casebook.classroom.judges import Judgement, JudgeError, judge_option, known_judges, resolve

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "questions_fixture"


def visible(box) -> str:
    import ipywidgets as w

    out, stack = [], [box]
    while stack:
        node = stack.pop()
        for trait in ("value", "description", "tooltip", "placeholder"):
            v = getattr(node, trait, None)
            if isinstance(v, str):
                out.append(v)
        out += [str(x) for x in (getattr(node, "_options_labels", ()) or ())]
        if isinstance(node, w.Box):
            stack.extend(node.children)
    return "\n".join(out)


TAGS = ("SOLUTION-", "FEEDBACK-", "EXPLANATION-", "EXPL-", "MODEL-ANSWER", "RUBRIC-", "ARGUMENT-",
        "OUTCOME-", "TEACHING-")


def secrets_in(box) -> list[str]:
    seen = visible(box)
    return [t for t in TAGS if t in seen]


@pytest.fixture
def student(tmp_path, monkeypatch):
    from casebook.classroom.pool import set_pool

    monkeypatch.delenv("CASEBOOK_INSTRUCTOR", raising=False)
    monkeypatch.delenv("CASEBOOK_CLASS", raising=False)
    monkeypatch.setenv("CASEBOOK_HOME", str(tmp_path / "home"))
    set_pool(None)
    yield tmp_path / "home"
    set_pool(None)


def ask(qid, **kw):
    return Q.ask(qid, root=FIXTURE, **kw)


def saved(home, qid, student=None):
    from casebook.classroom.answers import get_answer

    return get_answer(qid, home=home, student=student)


ALL = [q.id for q in Q.all_questions(FIXTURE)]


@pytest.mark.parametrize("qid", ALL)
def test_nothing_is_shown_before_an_answer(student, qid):
    box = ask(qid)
    assert box.qid == qid and box.kind == Q.get_question(qid, FIXTURE).kind
    assert secrets_in(box) == [], qid


def test_multiple_choice_feedback_then_solution_after_two_checks(student):
    box = ask("ch00.fx_mc")
    assert "&lt;b&gt;hard&lt;/b&gt;" in visible(box)  # the prompt is escaped
    box.controls["choice"].value = "Explicit"
    box.button.click()
    assert "FEEDBACK-EXPLICIT" in box.outputs["feedback"].value
    assert box.outputs["solution"].value == ""  # one wrong try: no solution yet
    box.button.click()
    sol = box.outputs["solution"].value
    assert "SOLUTION-MC" in sol and "<strong>tacit</strong>" in sol and "$x_1$" in sol
    assert "<script>" not in sol and "&lt;script&gt;" in sol
    assert saved(student, "ch00.fx_mc")["prompt"] == "Which kind of knowledge is <b>hard</b> to copy?"
    again = ask("ch00.fx_mc")  # reopened: answer, feedback and solution come back
    assert again.controls["choice"].value == "Explicit" and "SOLUTION-MC" in again.outputs["solution"].value


def test_numeric_right_answer_shows_the_solution(student):
    box = ask("ch00.fx_num")
    box.controls["value"].value = "15"
    box.button.click()
    assert "too low" in box.outputs["feedback"].value and box.outputs["solution"].value == ""
    box.controls["value"].value = "16"
    box.button.click()
    assert "Correct" in box.outputs["feedback"].value and "SOLUTION-NUM" in box.outputs["solution"].value
    assert saved(student, "ch00.fx_num")["correct"] is True


def test_classify_ranking_likert_short_answer(student):
    box = ask("ch00.fx_cls")
    box.controls["item_1"].value, box.controls["item_2"].value = "explicit", "tacit"
    box.button.click()
    assert "2 of 2" in box.outputs["feedback"].value and "SOLUTION-CLS" in box.outputs["solution"].value
    box = ask("ch00.fx_rank")
    for i, item in enumerate(["car", "bike", "walk"], 1):
        box.controls[f"rank_{i}"].value = item
    box.button.click()
    assert "Correct" in box.outputs["feedback"].value and "SOLUTION-RANK" in box.outputs["solution"].value
    box = ask("ch00.fx_lik")
    box.controls["statement_1"].value, box.controls["statement_2"].value = 4, 2
    box.button.click()
    assert "Saved" in box.outputs["feedback"].value and "SOLUTION-LIK" in box.outputs["solution"].value
    box = ask("ch00.fx_sa")
    box.controls["reveal"].click()  # not before the student has written an answer
    assert "MODEL-ANSWER" not in visible(box) and "Save your own answer first" in box.outputs["feedback"].value
    box.controls["text"].value = "Tacit knowledge"
    box.button.click()
    box.controls["reveal"].click()
    assert "MODEL-ANSWER-SA" in box.outputs["solution"].value and "SOLUTION-SA" in box.outputs["solution"].value


def commit(box, choice, reason="because"):
    box.controls["choice"].value = choice
    box.controls["reason"].value = reason
    box.button.click()


def test_decision_shows_the_models_verdict_on_the_students_choice(student):
    box = ask("ch00.fx_dp")
    assert box.outputs["model"].value == "" and box.outputs["outcome"].value == ""
    commit(box, "Sign for the cars")
    q = Q.get_question("ch00.fx_dp", FIXTURE)
    verdict = judge_option("races.who_first", {"a_intent": 0.1}, {"scenario": "nummi"}).summary
    assert "OUTCOME-TEXT" in box.outputs["outcome"].value
    assert verdict.split(";")[0].replace("'", "&#x27;") in box.outputs["model"].value
    assert "SOLUTION-DP" in box.outputs["solution"].value
    seen = visible(box)
    assert "ARGUMENT-" not in seen and "TEACHING-" not in seen  # instructor material stays out
    assert q.judge("Walk away").startswith("In the casebook's race model there is no venture")


def pool_of(choices: dict):
    from casebook.classroom.pool import ClassPool

    return ClassPool(answers={s: {"ch00.fx_dp": {"kind": "decision_point", "response": c,
                                                  "reason": f"reason of {s} <i>"}}
                              for s, c in choices.items()})


def test_decision_split_shows_each_options_share_and_judged_outcome(student):
    pool = pool_of({"a": "Sign and learn", "b": "Sign and learn", "c": "Walk away"})
    box = ask("ch00.fx_dp", pool=pool)
    commit(box, "Walk away")
    split = box.outputs["split"].value
    assert "3 students" in split and "67%" in split and "Walk away (you)" in split
    assert "In the model" in split and "there is no venture" in split
    learn = judge_option("races.who_first", {"a_intent": 0.9, "a_connections": 0.9}, {"scenario": "nummi"})
    assert learn.summary.split(",")[0].replace("'", "&#x27;") in split


def test_instructor_two_steps_without_committing(student, monkeypatch):
    monkeypatch.setenv("CASEBOOK_INSTRUCTOR", "1")
    pool = pool_of({"Ana": "Sign and learn", "Ben": "Walk away", "Cy": "Walk away"})
    box = ask("ch00.fx_dp", pool=pool)
    assert "TEACHING-ANTICIPATED" in box.outputs["teaching"].value and "SOLUTION-DP" in box.outputs["teaching"].value
    assert box.controls["reveal"].disabled and box.outputs["projector"].value == ""
    box.controls["show_split"].click()
    proj = box.outputs["projector"].value
    assert "How the class split" in proj and "3 students" in proj and "font-size:26px" in proj
    assert "reason of Ben &lt;i&gt;" in proj  # every reason, escaped
    assert box.outputs["outcome"].value == ""  # the outcome waits for its own step
    box.controls["reveal"].click()
    assert "OUTCOME-TEXT" in box.outputs["outcome"].value
    assert "there is no venture" in box.outputs["model"].value and "(2)" in box.outputs["model"].value
    assert saved(student, "ch00.fx_dp") is None  # the instructor never committed


def test_instructor_sees_every_kinds_solution_at_once(student, monkeypatch):
    monkeypatch.setenv("CASEBOOK_INSTRUCTOR", "1")
    for qid in ["ch00.fx_mc", "ch00.fx_num", "ch00.fx_cls", "ch00.fx_rank", "ch00.fx_lik", "ch00.fx_sa"]:
        box = ask(qid)
        assert "SOLUTION-" in box.outputs["solution"].value, qid


def test_live_class_commit_is_sent_and_instructor_panel_added(student, monkeypatch):
    import ipywidgets as w

    import casebook.classroom.live.client as client

    sent = []
    monkeypatch.setattr(client, "class_config", lambda: client.ClassConfig("http://127.0.0.1:9", "AB2CDE", None))
    monkeypatch.setattr(client, "send_commit", lambda *a: sent.append(a) or "Sent to the class as Ana: Walk away.")
    box = ask("ch00.fx_dp", student="Ana")
    commit(box, "Walk away", "too risky")
    assert sent and sent[0][:4] == ("ch00.fx_dp", "Walk away", "too risky", "Ana")
    assert "Sent to the class as Ana" in box.outputs["live"].value
    first_id = sent[0][4]
    assert saved(student, "ch00.fx_dp", "Ana")["response"] == "Walk away"  # saved locally first
    assert isinstance(first_id, str) and len(first_id) == 32
    again = ask("ch00.fx_dp", student="Ana")  # reopening a committed decision sends nothing again
    assert len(sent) == 1 and again.controls["choice"].disabled
    panel = w.HTML("PANEL")
    monkeypatch.setenv("CASEBOOK_INSTRUCTOR", "1")
    monkeypatch.setattr(client, "instructor_panel", lambda qid, **kw: panel if qid == "ch00.fx_dp" else None)
    inst = ask("ch00.fx_dp", student="Prof")
    assert inst.live_panel is panel and panel in inst.children


def test_handin_and_pool_read_answers_given_through_ask(student, tmp_path):
    from casebook.classroom.handin import export
    from casebook.classroom.pool import read_handins

    box = ask("ch00.fx_mc")
    box.controls["choice"].value = "Tacit"
    box.button.click()
    box = ask("ch00.fx_dp")
    commit(box, "Sign and learn", "learn lean")
    out = tmp_path / "handins"
    paths = export(out=out, name="Zoë")
    doc = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert doc["answers"]["ch00.fx_dp"]["reason"] == "learn lean"
    assert doc["answers"]["ch00.fx_mc"]["correct"] is True
    assert "As GM in 1984, what do you do?" in paths["html"].read_text(encoding="utf-8")
    pool = read_handins(out)
    assert pool.split("ch00.fx_dp") == {"Sign and learn": 1}
    assert pool.prompts()["ch00.fx_dp"] == "As GM in 1984, what do you do?"


# ---------------------------------------------------------------- judges
def test_registry_resolves_and_refuses_clearly():
    assert "races.who_first" in known_judges()
    assert callable(resolve("races.who_first"))
    for bad, words in [("nosuch.thing", "no judge module 'nosuch'"), ("races.nothing", "has no judge 'nothing'"),
                       ("Races", "'concept.function'"), ("races._race", "has no judge '_race'")]:
        with pytest.raises(JudgeError, match=words):
            resolve(bad)
    with pytest.raises(JudgeError, match="unknown key 'a_speed'"):
        judge_option("races.who_first", {"a_speed": 1}, {"scenario": "nummi"})
    with pytest.raises(JudgeError, match="must be a finite number"):
        judge_option("races.who_first", {"a_intent": "high"}, {"scenario": "nummi"})
    with pytest.raises(JudgeError, match="must be in"):
        judge_option("races.who_first", {"a_intent": 2.0}, {"scenario": "nummi"})
    with pytest.raises(ValueError, match="one-line summary"):
        Judgement("  ", {})
    with pytest.raises(ValueError, match="finite number"):
        Judgement("x", {"y": float("nan")})


@pytest.mark.parametrize("scenario", ["nummi", "alpha_hito", "protective_partner"])
def test_who_first_agrees_with_the_race_model_over_a_range(scenario):
    from dataclasses import replace

    from casebook.models.races import scenario as calibrated

    previous = None
    for intent in [0.05, 0.2, 0.4, 0.6, 0.8, 1.0]:
        j = judge_option("races.who_first", {"a_intent": intent}, {"scenario": scenario})
        race = calibrated(scenario)
        race = replace(race, a=replace(race.a, intent=intent))
        t = race.independence_time(race.a.name)
        t = t if t is not None and t <= 30 else None
        assert j.figures["a_independent_year"] == (None if t is None else pytest.approx(t))
        if previous is not None and t is not None and previous is not None:
            assert t <= previous + 1e-9  # more intent never delays A's independence
        previous = t if t is not None else previous
        out = race.instability()
        if j.figures["instability_year"] is not None:
            assert out["leader"] in j.summary and "casebook's race model" in j.summary
        else:
            assert "within 30 years" in j.summary


def test_walking_away_is_no_race():
    j = judge_option("races.who_first", {"venture": False}, {"scenario": "nummi"})
    assert j.figures["venture"] == 0.0 and j.figures["instability_year"] is None
    with pytest.raises(JudgeError, match="true or false"):
        judge_option("races.who_first", {"venture": 1}, {"scenario": "nummi"})


def test_a_projected_chapter_gets_the_two_steps_but_no_solution(student, monkeypatch):
    monkeypatch.setenv("CASEBOOK_PRESENT", "1")  # make present
    box = ask("ch00.fx_dp", pool=pool_of({"Ana": "Walk away"}))
    assert "show_split" in box.controls and secrets_in(box) == []
    box.controls["show_split"].click()
    box.controls["reveal"].click()
    assert "OUTCOME-TEXT" in box.outputs["outcome"].value
    assert "TEACHING-" not in visible(box) and "SOLUTION-" not in visible(box)
