"""Questions as data: the schema, the loader, validation of hostile files, ask() for every kind, judges.

The fixture file ``tests/questions_fixture/00_fixture.questions.yaml`` holds one question of
each kind whose texts are tagged (``SOLUTION-MC``, ``FEEDBACK-TACIT``, ``ARGUMENT-LEARN`` ...), so
a test can say exactly what a student sees before and after answering.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from casebook.classroom import questions as Q
from casebook.classroom.judges import Judgement, JudgeError, judge_option, known_judges, resolve

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURE = HERE / "questions_fixture"
MALFORMED = HERE / "questions_malformed"
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
TAGS = re.compile(r"(SOLUTION|FEEDBACK|EXPLANATION|EXPL|MODEL-ANSWER|RUBRIC|ARGUMENT|OUTCOME|TEACHING)-[A-Z]+")


def visible(box) -> str:
    """Every string a student could see or read from the widget tree (values, labels, options, tooltips)."""
    import ipywidgets as w

    out, stack = [], [box]
    while stack:
        node = stack.pop()
        for trait in ("value", "description", "tooltip", "placeholder"):
            v = getattr(node, trait, None)
            if isinstance(v, str):
                out.append(v)
        for label in getattr(node, "_options_labels", ()) or ():
            out.append(str(label))
        if isinstance(node, w.Box):
            stack.extend(node.children)
    return "\n".join(out)


def fx(qid, tmp_path, **kw):
    return Q.ask(qid, home=tmp_path / "home", root=FIXTURE, **kw)


# ---------------------------------------------------------------- the chapters' files
def test_every_chapter_has_a_valid_question_file():
    files, problems = Q.validate_question_paths()
    assert not problems, "\n".join(map(str, problems))
    have = {p.name[:2] for p in Q.question_files()}
    assert have == {p.name[:2] for p in CHAPTERS}


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_cells_hold_no_answer(path):
    """Exercise cells are one-line ask() cells; no answer, solution, feedback or argument sits in a cell."""
    nb = nbformat.read(path, as_version=4)
    chapter = path.name[:2]
    qs = Q.load_questions(chapter)
    text = "\n".join(c.source + "".join(json.dumps(o) for o in c.get("outputs", [])) for c in nb.cells)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    builders = re.findall(r"\b(multiple_choice|numeric|classify|ranking|short_answer|decision_point)\s*\(", code)
    assert not builders, f"{path.name}: exercise built in a cell instead of ask(): {builders}"
    assert not re.search(r"\b(correct|answer|model_answer|correct_order)\s*=", code), path.name
    assert 'class="cb-solution"' not in text
    answers, notes = [], []  # an answer's opening is enough to leak it; a note leaks when copied whole
    for q in qs.values():
        answers += [q.solution, getattr(q, "explanation", None), getattr(q, "model_answer", None)]
        if q.kind == "multiple_choice":
            answers += [o.feedback for o in q.options]
        if q.kind == "decision_point":
            notes += [o.argument for o in q.options]
            if q.teaching is not None:
                notes += q.teaching.anticipated + q.teaching.misconceptions
    flat = " ".join(text.split())
    leaks = [s[:60] for s in answers if s and len(s) >= 25 and " ".join(s.split())[:60] in flat]
    leaks += [s[:60] for s in notes if s and len(s) >= 25 and " ".join(s.split()) in flat]
    assert not leaks, f"{path.name}: answer text in a cell: {leaks}"


def test_every_chapter_question_builds_and_hides_its_answer(tmp_path, monkeypatch):
    monkeypatch.delenv("CASEBOOK_INSTRUCTOR", raising=False)
    from casebook.classroom.pool import set_pool

    set_pool(None)
    for q in Q.all_questions():
        box = Q.ask(q.id, home=tmp_path / "home")
        assert box.kind == q.kind and box.qid == q.id
        seen = visible(box)
        assert box.outputs.get("solution") is None or box.outputs["solution"].value == "", q.id
        if q.kind == "decision_point":
            text, _ = q.outcome()
            assert text not in seen and box.outputs["outcome"].value == "", q.id
            for o in q.options:
                assert not o.argument or o.argument not in seen, q.id
        if q.kind == "multiple_choice":
            for o in q.options:
                assert o.feedback not in seen, (q.id, o.text)


# numbers in the chapter files that a model computes: the file must agree with the model
def _personnel_only():
    from casebook.models.knowledge import spiral

    return round(float(spiral(personnel=1.0, tacit_share=1.0).total[-1]), 2)


def _siemens():
    from casebook.cases import load_case

    t = load_case("electronics_alliances").exhibit("technical_alliances").set_index("firm").loc["Siemens"]
    return round(float(t.alliances_1985_89 / t.alliances_1980_84), 2)


def _laggard():
    from casebook.models.races import scenario

    return round(scenario("protective_partner").instability()["laggard_dependence"], 2)


def _centralization8():
    from casebook.models.networks import structure, structure_metrics

    return structure_metrics(structure("nodal_circuit", n=8)).degree_centralization


def _urgency():
    return max((5 - 4.0) / 4, (5 - 1.5) / 4, (5 - 3.0) / 4, 0.0)


COMPUTED = {"ch01.personnel_only": _personnel_only, "ch05.laggard": _laggard,
            "ch08.centralization8": _centralization8, "ch09.urgency": _urgency,
            "ch02.siemens_growth": _siemens}


@pytest.mark.parametrize("qid", sorted(COMPUTED))
def test_numbers_from_models_match_the_model(qid):
    try:
        q = Q.get_question(qid)
    except Q.QuestionError:
        pytest.skip(f"{qid} is no longer in its chapter's file")
    expected = COMPUTED[qid]()
    assert abs(q.answer - expected) <= max(q.tolerance, 1e-9), (qid, q.answer, expected)


@pytest.mark.parametrize("qid,axis", [("ch01.sort_tacit", "tacitness"), ("ch01.sort_scope", "scope")])
def test_sorting_items_match_the_knowledge_model(qid, axis):
    from casebook.models.knowledge import sorting_items

    try:
        q = Q.get_question(qid)
    except Q.QuestionError:
        pytest.skip(f"{qid} is no longer in its chapter's file")
    answers, why, categories = sorting_items(axis)
    assert {i.text: i.category for i in q.items} == dict(answers)
    assert list(q.categories) == list(categories)


# ---------------------------------------------------------------- finding the files
def test_files_are_found_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert Q.get_question("ch00.try_tacit").kind == "multiple_choice"
    monkeypatch.setenv("CASEBOOK_CHAPTERS", str(FIXTURE))
    assert Q.get_question("ch00.fx_num").answer == 16.0
    with pytest.raises(Q.QuestionError, match="no question file for chapter 05"):
        Q.get_question("ch05.gm1984")


def test_unknown_id_names_the_file_and_the_known_ids():
    with pytest.raises(Q.QuestionError) as err:
        Q.get_question("ch00.nope", root=FIXTURE)
    assert "00_fixture.questions.yaml: questions: no question 'ch00.nope'" in str(err.value)
    assert "ch00.fx_mc" in str(err.value)
    with pytest.raises(ValueError, match="chNN.slug"):
        Q.get_question("nope")


# ---------------------------------------------------------------- hostile files
EXPECTED = {
    "01_unknown_field.questions.yaml": ("questions[0].hint", "unknown field"),
    "01_missing_prompt.questions.yaml": ("questions[0].prompt", "missing"),
    "01_bad_kind.questions.yaml": ("questions[0].kind", "unknown kind 'essay'"),
    "01_correct_not_an_option.questions.yaml": ("questions[0].correct", "'A hunch'"),
    "01_answer_quoted.questions.yaml": ("questions[0].answer", "without quotes"),
    "01_duplicate_key.questions.yaml": ("questions[0].prompt", "duplicate key 'prompt'"),
    "01_duplicate_id.questions.yaml": ("questions[1].id", "duplicate id 'ch01.a'"),
    "01_wrong_chapter.questions.yaml": ("questions[0].id", "not a chapter 01 id"),
    "01_no_sources.questions.yaml": ("questions[0].sources", "at least one source"),
    "01_unknown_reading.questions.yaml": ("questions[0].sources[0]", "unknown reading key 'hamel1991'"),
    "01_model_not_casebook.questions.yaml": ("questions[0].sources[0].model", "not a module of casebook.models"),
    "01_unknown_case.questions.yaml": ("questions[0].case", "no_such_case"),
    "01_case_and_outcome.questions.yaml": ("questions[0].case", "exactly one of"),
    "01_unknown_judge.questions.yaml": ("questions[0].judge", "no judge module 'weather'"),
    "01_bad_params.questions.yaml": ("questions[0].options[1].params", "unknown key 'a_speed'"),
    "01_params_without_judge.questions.yaml": ("questions[0].judge", "no 'judge'"),
    "01_argument_without_source.questions.yaml": ("questions[0].options[0].source", "needs a 'source'"),
    "01_yaml_syntax.questions.yaml": ("(yaml)", "not valid YAML at line"),
    "01_python_tag.questions.yaml": ("(yaml)", "python/object"),
    "01_empty.questions.yaml": ("(top level)", "empty"),
    "01_not_a_mapping.questions.yaml": ("(top level)", "expected a mapping"),
    "01_not_utf8.questions.yaml": ("(file)", "not UTF-8"),
    "01_alias_bomb.questions.yaml": ("(yaml)", "aliases"),
    "badname.questions.yaml": ("(file name)", "NN_slug"),
}


def test_every_malformed_fixture_is_listed():
    assert {p.name for p in MALFORMED.iterdir()} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file_names_file_and_field(name):
    qf, problems = Q.validate_question_file(MALFORMED / name)
    field, words = EXPECTED[name]
    assert qf is None
    assert any(p.field == field and words in p.message and name in p.file for p in problems), \
        "\n".join(map(str, problems))


@pytest.mark.parametrize("name", ["01_bad_kind.questions.yaml", "01_not_utf8.questions.yaml",
                                  "01_python_tag.questions.yaml", "01_alias_bomb.questions.yaml",
                                  "01_bad_params.questions.yaml"])
def test_cli_reports_without_traceback(name):
    out = subprocess.run([sys.executable, "-m", "casebook", "validate", "-q", str(MALFORMED / name)],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1 and "Traceback" not in out.stdout + out.stderr
    field, words = EXPECTED[name]
    line = out.stdout.splitlines()[0]
    assert line.startswith(f"tests/questions_malformed/{name}: {field}: ") and words in line


def test_cli_validates_cases_and_questions_by_default():
    out = subprocess.run([sys.executable, "-m", "casebook", "validate"], capture_output=True, text=True, cwd=ROOT)
    assert "question(s) valid in 10 question file(s)" in out.stdout, out.stdout


def test_ask_on_a_malformed_file_raises_a_clear_error(tmp_path):
    (tmp_path / "01_x.questions.yaml").write_text((MALFORMED / "01_answer_quoted.questions.yaml")
                                                  .read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(Q.QuestionError, match=r"01_x.questions.yaml: questions\[0\].answer: must be a number"):
        Q.ask("ch01.a", root=tmp_path, home=tmp_path)


def test_every_teaching_note_plans_75_minutes_and_the_plan_is_checked():
    import re as _re

    from casebook.cases import TIME_PLAN_LENGTHS, validate_text

    assert TIME_PLAN_LENGTHS == (60, 75, 80, 90)
    text = (HERE / "cases_fixture" / "fixture_jv" / "case.yaml").read_text(encoding="utf-8")
    assert not [p for p in validate_text(text, name="fixture_jv") if "time_plans" in p.field]
    line = _re.compile(r'^\s*"75": \[.*\]\n', _re.M)
    assert line.search(text)
    missing = line.sub("", text, count=1)
    short = line.sub('    "75": [{minutes: 70, activity: "Most of it"}]\n', text, count=1)
    assert any(p.field == "teaching_note.time_plans.75" and "75-minute plan" in p.message
               for p in validate_text(missing, name="fixture_jv"))
    assert any(p.field == "teaching_note.time_plans.75" and "add up to 70, expected 75" in p.message
               for p in validate_text(short, name="fixture_jv"))
