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
from casebook.answers import AnswersFileError, answers_path, load_answers, save_answer
from casebook.handin import export, render_html
from casebook.pool import load_pool, neutralize_cell, pool, response_text


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


def test_export_default_folder_and_named_student(casebook_home):
    save_answer("ch01.a", "numeric", 1.0, student="ana/../x")
    paths = export(student="ana/../x")
    assert paths["json"] == casebook_home / "handin" / "ana_.._x.casebook.json"
    assert paths["json"].parent == paths["html"].parent


def test_cli_export(casebook_home, tmp_path, capsys):
    save_answer("ch01.a", "numeric", 1.0)
    assert main(["export", "--out", str(tmp_path / "o"), "--student", "test-student"]) == 0
    out = capsys.readouterr().out
    assert "(1 answers; upload this file)" in out
    assert (tmp_path / "o" / "test-student.html").exists()


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
