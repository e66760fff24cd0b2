"""The class pool against a hostile corpus: every odd file reported, nothing crashes."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.__main__ import main
from casebook.plotting.pool import plot_choice_splits, plot_likert_profiles, plot_scores
from casebook.pool import (MAX_BYTES, ClassPool, current_pool, load_pool, neutralize_cell, pool,
                           read_handins, set_pool)

CORPUS = Path(__file__).parent / "pool_corpus"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def corpus(tmp_path):
    """The committed corpus plus what git cannot hold well: a huge file, odd names, links."""
    folder = tmp_path / "handins"
    shutil.copytree(CORPUS, folder)
    big = {"schema_version": 1, "format": "casebook-handin", "student": "zed",
           "answers": {"ch01.sa": {"kind": "short_answer", "response": "x" * (MAX_BYTES + 10)}}}
    (folder / "huge.casebook.json").write_text(json.dumps(big), encoding="utf-8")
    (folder / "bell\x07name.casebook.json").write_text("{}", encoding="utf-8")
    (folder / "sub.casebook.json").mkdir()
    os.symlink("/etc/passwd", folder / "link.casebook.json")
    return folder


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_corpus_is_pooled_and_every_odd_file_reported(corpus, tmp_path):
    out = tmp_path / "out"
    result = pool(corpus, out=out)
    assert result.students == ["ana", "ben", "cy", "etc_evil", "eve_31m_bob", "fay"]
    kept = set(result.files.values())
    assert kept == {"ana.casebook.json", "ben.casebook.json", "cy.casebook.json",
                    "traversal.casebook.json", "control.casebook.json",
                    "unknown-kind.casebook.json"}
    text = "\n".join(result.problems)
    for path in corpus.iterdir():
        if path.name in kept - {"traversal.casebook.json", "control.casebook.json",
                                "unknown-kind.casebook.json"}:
            continue
        shown = path.name.encode("unicode_escape").decode() if not path.name.isprintable() else path.name
        assert shown in text, f"{path.name!r} dropped without a line"
    for line in result.problems:
        assert "\n" not in line and line.isprintable(), line
    expectations = {
        "truncated.casebook.json": "truncated JSON",
        "malformed.casebook.json": "malformed JSON",
        "nan.casebook.json": "NaN",
        "wrong-schema.casebook.json": "schema_version",
        "schema-string.casebook.json": "schema_version",
        "huge.casebook.json": "byte limit",
        "deep.casebook.json": "nested too deeply",
        "latin1.casebook.json": "UTF-8",
        "link.casebook.json": "not a regular file",
        "sub.casebook.json": "not a regular file",
        "ana-again.casebook.json": "duplicate student 'ana'",
        "traversal.casebook.json": "path separator",
        "control.casebook.json": "control character",
        "bell\\x07name.casebook.json": "control characters",
    }
    for name, phrase in expectations.items():
        assert any(name in line and phrase in line for line in result.problems), (name, phrase)
    assert any("ch09.x" in line and "unknown kind" in line for line in result.problems)
    # the newer of the two 'ana' files wins
    assert result.answers["ana"]["ch05.gm"]["response"] == "Join"


def test_csv_neutralises_formulas(corpus, tmp_path):
    result = pool(corpus, out=tmp_path / "out")
    rows = read_csv(result.paths["csv"])
    assert len(rows) == sum(len(v) for v in result.answers.values())
    for row in rows:
        for value in row.values():
            assert not value.startswith(DANGEROUS), row
    cells = {(r["student"], r["qid"]): r for r in rows}
    assert cells[("ben", "ch05.gm")]["reason"].startswith("'=HYPERLINK")
    assert cells[("cy", "ch01.sa")]["response"] == "'@SUM(A1:A9)"
    assert cells[("cy", "ch01.neg")]["response"] == "'-2+3"
    assert cells[("cy", "ch01.tab")]["response"] == "'\t=1+1"
    assert cells[("cy", "ch01.cr")]["response"] == "'\r=1+1"


def test_dashboard_and_pool_file(corpus, tmp_path):
    result = pool(corpus, out=tmp_path / "out")
    assert result.paths["dashboard"].read_bytes()[:4] == b"\x89PNG"
    loaded = load_pool(result.paths["pool"], activate=False)
    assert loaded.students == result.students
    assert loaded.split("ch05.gm") == {"Join": 4, "Go alone": 2}
    assert loaded.scores() == {"ana": 1.0, "ben": 0.0}
    prof = loaded.likert_profiles()["ch03.trust"]
    assert prof["means"] == [4.0, 3.0] and prof["n"] == 2
    assert prof["statements"] == ["Trust matters", "Speed matters"]


def test_plots_draw_the_data():
    ax = plot_choice_splits({"ch05.a": {"Join": 3, "Go": 1}, "ch05.b": {"$x$ \n": 2}})
    assert [round(float(p.get_width()), 2) for p in ax.patches] == [0.75, 0.25, 1.0]
    ax = plot_scores([0.05, 0.95, 0.97])
    assert [int(p.get_height()) for p in ax.patches][0] == 1 and ax.patches[-1].get_height() == 2
    assert "no Likert" in plot_likert_profiles({}).texts[0].get_text()
    ax.figure.savefig(os.devnull, format="png")


def test_pool_of_an_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    result = pool(tmp_path / "empty", out=tmp_path / "out")
    assert result.students == [] and result.problems == []
    assert read_csv(result.paths["csv"]) == []
    assert result.paths["dashboard"].exists()


def test_cli_pool_reports_each_line(corpus, tmp_path, capsys):
    out = tmp_path / "cli"
    assert main(["pool", str(corpus), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "pooled 6 students, 14 answers"
    assert sum(line.startswith("note: ") for line in lines) == len(read_handins(corpus).problems)
    assert (out / "class_summary.csv").exists() and (out / "class_dashboard.png").exists()
    assert main(["pool", str(tmp_path / "missing")]) == 2


def test_current_pool_from_environment(corpus, tmp_path, monkeypatch):
    result = pool(corpus, out=tmp_path / "out")
    set_pool(None)
    monkeypatch.setenv("CASEBOOK_POOL", str(result.paths["pool"]))
    assert current_pool().split("ch05.gm")["Join"] == 4
    monkeypatch.setenv("CASEBOOK_POOL", str(tmp_path / "nope.json"))
    with pytest.raises(ValueError, match="CASEBOOK_POOL"):
        current_pool()
    monkeypatch.delenv("CASEBOOK_POOL")
    assert current_pool() is None
    try:
        assert load_pool(corpus).students == result.students  # a folder works too
        assert current_pool() is not None
    finally:
        set_pool(None)


@pytest.mark.parametrize("doc, field", [
    ({"format": "casebook-handin"}, "format"),
    ({"format": "casebook-pool", "schema_version": 7}, "schema_version"),
    ({"format": "casebook-pool", "schema_version": 1, "answers": [1]}, "answers"),
])
def test_bad_pool_file_names_field(doc, field, tmp_path):
    path = tmp_path / "class_pool.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValueError, match=field) as err:
        load_pool(path, activate=False)
    assert str(path) in str(err.value)


def test_neutralize_cell():
    assert [neutralize_cell(v) for v in ["=1", "+1", "-1", "@a", "\tx", "\rx", "a=1", 3, -2.5]] == \
        ["'=1", "'+1", "'-1", "'@a", "'\tx", "'\rx", "a=1", 3, -2.5]
    assert ClassPool().to_csv().startswith("student,qid")


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_random_bytes_never_crash(blob, tmp_path):
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    (folder / "x.casebook.json").write_bytes(blob)
    result = read_handins(folder)
    assert len(result.students) + len(result.problems) >= 1
