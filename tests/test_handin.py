"""Hand-in export, and the property that every answer survives export then pool."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casebook.__main__ import main
from casebook.classroom.answers import AnswersFileError, answers_path, load_answers, save_answer
from casebook.classroom.handin import export, render_html
from casebook.classroom.pool import load_pool, neutralize_cell, pool, response_text


def test_export_writes_json_and_escaped_html(casebook_home, tmp_path):
    save_answer("ch05.gm", "decision_point", "<script>alert(1)</script>",
                reason="=cmd|'/C calc'!A0 & <b>", committed_at="2026-11-20T09:00:00+00:00")
    save_answer("ch03.trust", "likert", [4, 2], scale=5)
    save_answer("ch01.sort", "classify", {"a <patent>": "explicit"}, correct=True, score=1.0)
    paths = export(out=tmp_path / "out")
    assert paths["json"].name == "test-student.casebook.json"
    doc = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert doc["schema_version"] == 1 and doc["format"] == "casebook-handin"
    assert doc["student"] == "test-student" and doc["exported_at"].endswith("+00:00")
    assert doc["answers"] == load_answers()["answers"]
    page = paths["html"].read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>" not in page and "a &lt;patent&gt;: explicit" in page
    assert "Content-Security-Policy" in page and "correct (score 1.00)" in page


def test_export_default_folder_and_named_student(casebook_home, tmp_path, monkeypatch):
    # default: handin/ in the current folder, where JupyterLab's file browser shows it
    monkeypatch.chdir(tmp_path)
    save_answer("ch01.a", "numeric", 1.0, student="ana/../x")
    paths = export(student="ana/../x")
    assert paths["json"] == tmp_path / "handin" / "ana_.._x.casebook.json"
    assert paths["json"].parent == paths["html"].parent
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["student"] == "ana_.._x"
    assert not (casebook_home / "handin").exists()


def test_cli_export(casebook_home, tmp_path, capsys):
    save_answer("ch01.a", "numeric", 1.0)
    assert main(["export", "--out", str(tmp_path / "o"), "--student", "test-student"]) == 0
    out = capsys.readouterr().out
    assert "(1 answer; upload this file)" in out
    assert (tmp_path / "o" / "test-student.html").exists()


def test_cli_export_name_sets_the_handin_name(casebook_home, tmp_path, capsys, monkeypatch):
    # a shared JupyterHub login: every student is 'jovyan' unless they say who they are
    monkeypatch.delenv("CASEBOOK_STUDENT")
    monkeypatch.setattr("casebook.classroom.answers.getpass.getuser", lambda: "jovyan")
    save_answer("ch01.a", "numeric", 1.0)
    assert main(["export", "--out", str(tmp_path / "o"), "--name", "Ana  María"]) == 0
    out = capsys.readouterr().out
    doc = json.loads((tmp_path / "o" / "Ana_Maria.casebook.json").read_text(encoding="utf-8"))
    assert doc["student"] == "Ana María" and doc["account"] == "jovyan"
    assert set(doc["answers"]) == {"ch01.a"}
    assert "Casebook answers: Ana María" in (tmp_path / "o" / "Ana_Maria.html").read_text(
        encoding="utf-8")
    assert "name on the hand-in: Ana María" in out and "login name" not in out
    assert str((tmp_path / "o" / "Ana_Maria.casebook.json").resolve()) in out
    # without --name the student is told the hand-in carries the login name
    assert main(["export", "--out", str(tmp_path / "p")]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "p" / "jovyan.casebook.json").exists()
    assert "your login name" in out and '--name "Your Name"' in out


def test_cli_export_default_folder_is_visible_and_printed_in_full(casebook_home, tmp_path,
                                                                  capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CASEBOOK_STUDENT", "Zoë")
    save_answer("ch01.a", "numeric", 1.0)
    assert main(["export"]) == 0
    out = capsys.readouterr().out
    path = tmp_path / "handin" / "Zoe.casebook.json"
    assert path.exists() and f"wrote {path.resolve()}" in out
    assert not any(part.startswith(".") for part in path.relative_to(tmp_path).parts)
    assert "file browser" in out and "Download" in out
    assert json.loads(path.read_text(encoding="utf-8"))["student"] == "Zoë"


def test_html_shows_each_question_text_escaped(casebook_home, tmp_path):
    from casebook.classroom.exercises import decision_point, multiple_choice

    box = multiple_choice("ch01.mc", "Which is <b>tacit</b> & why?", {"A": "a", "B": "b"},
                          correct="A")
    box.controls["choice"].value = "A"
    box.button.click()
    box = decision_point("ch05.dp", "As GM in 1984, <script>x()</script>?", ["Stay", "Go"],
                         outcome="o", source="s")
    box.controls["choice"].value = "Go"
    box.controls["reason"].value = "why"
    box.button.click()
    assert load_answers()["answers"]["ch01.mc"]["prompt"] == "Which is <b>tacit</b> & why?"
    save_answer("ch02.old", "numeric", 3.0)  # saved without a prompt, like an older answers file
    page = export(out=tmp_path)["html"].read_text(encoding="utf-8")
    assert "Which is &lt;b&gt;tacit&lt;/b&gt; &amp; why?" in page
    assert "As GM in 1984, &lt;script&gt;x()&lt;/script&gt;?" in page
    assert "<b>tacit" not in page and "<script" not in page
    assert "<code>ch02.old</code></td>" in page  # no prompt: the id alone


def test_html_pairs_likert_statements_with_ratings():
    page = render_html({"student": "a", "answers": {"ch03.t": {
        "kind": "likert", "response": [4, 2], "statements": ["We <trust>", "Speed"],
        "prompt": "How far?"}}})
    assert "<li>We &lt;trust&gt;: 4</li><li>Speed: 2</li>" in page


def test_cli_export_bad_answers_file(casebook_home, capsys):
    casebook_home.mkdir(parents=True)
    answers_path().write_text('{"schema_version": 3}', encoding="utf-8")
    assert main(["export", "--out", str(casebook_home / "o")]) == 1
    err = capsys.readouterr().err
    assert "schema_version" in err and str(answers_path()) in err
    with pytest.raises(AnswersFileError):
        export(out=casebook_home / "o")


def test_render_html_has_no_live_content():
    page = render_html({"student": "a", "exported_at": "t", "answers": {
        "ch01.<x>": {"kind": "<k>", "response": ["<i>"], "reason": "\"'"}}})
    assert "<i>" not in page.replace("<i>Reason:</i>", "") and "<k>" not in page
    assert "onerror" not in page and "<script" not in page


# ------------------------------------------------------------------ property
texts = st.text(max_size=40)
records = st.one_of(
    st.tuples(st.just("multiple_choice"), texts, st.booleans()),
    st.tuples(st.just("numeric"), st.floats(allow_nan=False, allow_infinity=False), st.booleans()),
    st.tuples(st.just("likert"), st.lists(st.integers(1, 7), min_size=1, max_size=6), st.none()),
    st.tuples(st.just("ranking"), st.lists(texts, max_size=5), st.none()),
    st.tuples(st.just("short_answer"), texts, st.none()),
    st.tuples(st.just("classify"), st.dictionaries(texts, texts, max_size=4), st.booleans()),
    st.tuples(st.just("decision_point"), texts, st.none()),
)
qids = st.from_regex(r"ch[0-9][0-9]\.[a-z0-9_]{1,10}", fullmatch=True)
students = st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=3)


@settings(max_examples=30, deadline=None, derandomize=True)
@example(names=["-x", "=y"], answers={"ch01.a": (("short_answer", "=1+1", None), "@r")})
@given(names=students, answers=st.dictionaries(qids, st.tuples(records, texts), min_size=1,
                                                max_size=6))
def test_every_answer_survives_export_then_pool(names, answers):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        saved = {}
        for name in names:
            for qid, ((kind, response, correct), reason) in answers.items():
                score = None if correct is None else float(correct)
                rec = save_answer(qid, kind, response, correct=correct, score=score,
                                  reason=reason or None, student=name, home=tmp / "home")
                saved.setdefault(load_answers(name, home=tmp / "home")["student"], {})[qid] = rec
        for student in saved:
            export(out=tmp / "handins", student=student, home=tmp / "home")
        result = pool(tmp / "handins", out=tmp / "out")

        assert [p for p in result.problems if "readable summary" not in p] == []
        assert result.answers == saved
        assert load_pool(result.paths["pool"], activate=False).answers == saved
        with open(result.paths["csv"], newline="", encoding="utf-8") as fh:
            rows = {(r["student"], r["qid"]): r for r in csv.DictReader(fh)}
        assert len(rows) == sum(len(v) for v in saved.values())
        for student, recs in saved.items():
            for qid, rec in recs.items():
                row = rows[(neutralize_cell(student), qid)]
                assert row["kind"] == rec["kind"]
                assert row["response"] == neutralize_cell(response_text(rec["response"]))
                assert row["reason"] == neutralize_cell(rec.get("reason", ""))
                if "score" in rec:
                    assert float(row["score"]) == rec["score"]
                if rec["kind"] == "numeric":
                    assert float(row["response"].lstrip("'")) == rec["response"]
                if rec["kind"] in {"likert", "ranking", "classify"}:
                    assert json.loads(row["response"]) == rec["response"]
