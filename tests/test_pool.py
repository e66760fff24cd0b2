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
from casebook.plotting.pool import (MAX_OPTIONS, plot_choice_splits, plot_likert_profiles,
                                    plot_scores)
from casebook.classroom.pool import (COUNT_COLUMNS, MAX_BYTES, ClassPool, current_pool, load_pool,
                           neutralize_cell, pool, read_handins, set_pool)

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
    assert (out / "class_counts.csv").exists()
    assert lines[-1] == f"to show the class split in the decision points: " \
        f"make lab POOL={(out / 'class_pool.json').resolve()}"
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


# ------------------------------------------------------------------ names, duplicates, counts
def handin(folder, file, student, answers, exported_at="2026-11-20T10:00:00+00:00"):
    doc = {"schema_version": 1, "format": "casebook-handin", "student": student,
           "exported_at": exported_at, "answers": answers}
    (folder / file).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def dp(response, prompt=None):
    rec = {"kind": "decision_point", "response": response, "reason": "r"}
    if prompt is not None:
        rec["prompt"] = prompt
    return rec


def test_same_name_gives_one_line_per_file_with_what_to_do(tmp_path, capsys):
    folder = tmp_path / "h"
    folder.mkdir()
    for i, stamp in enumerate(["2026-11-20T10:00:00+00:00", "2026-11-21T10:00:00+00:00",
                               "2026-11-19T10:00:00+00:00"]):
        handin(folder, f"jovyan ({i}).casebook.json", "jovyan", {"ch05.gm": dp(f"opt{i}")}, stamp)
    handin(folder, "ana.casebook.json", "Ana María", {"ch05.gm": dp("opt0")})
    handin(folder, "ana2.casebook.json", "Ana Mari\u0301a", {"ch05.gm": dp("opt2")},  # NFD
           "2026-11-18T10:00:00+00:00")
    result = read_handins(folder)
    assert result.students == ["Ana María", "jovyan"]
    assert result.files["jovyan"] == "jovyan (1).casebook.json"  # the latest export
    dup = [line for line in result.problems if line.startswith("duplicate student 'jovyan'")]
    assert len(dup) == 3
    for i in range(3):
        assert sum(f"jovyan ({i}).casebook.json" in line for line in dup) == 1
    kept = [line for line in dup if " kept " in line]
    assert len(kept) == 1 and "jovyan (1).casebook.json" in kept[0] and "3 hand-ins" in kept[0]
    for line in dup:
        if line is not kept[0]:
            assert "skipped" in line and 'python -m casebook export --name "Their Name"' in line
            assert "pool again" in line
    ana = [line for line in result.problems if "'Ana María'" in line]
    assert len(ana) == 2 and any("kept ana.casebook.json" in x for x in ana)
    assert not any("renamed" in line for line in result.problems)  # accents are not a problem
    assert main(["pool", str(folder), "--out", str(tmp_path / "o")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("note: duplicate student") for line in printed) == 5


def test_counts_csv_per_option_and_neutralised(tmp_path):
    folder = tmp_path / "h"
    folder.mkdir()
    picks = ["=HYPERLINK(\"http://x\")", "Join", "Join", "-2+3", "Join"]
    for i, pick in enumerate(picks):
        handin(folder, f"s{i}.casebook.json", f"s{i}", {
            "ch05.gm": dp(pick, prompt="+As GM, what now?"),
            "ch01.mc": {"kind": "multiple_choice", "response": "@A" if i else "B",
                        "correct": True, "score": 1.0},
            "ch01.sa": {"kind": "short_answer", "response": "free text"}})
    result = pool(folder, out=tmp_path / "out")
    assert result.paths["counts"] == tmp_path / "out" / "class_counts.csv"
    rows = read_csv(result.paths["counts"])
    assert list(rows[0]) == COUNT_COLUMNS == ["question", "kind", "prompt", "option", "count",
                                              "share"]
    got = [(r["question"], r["kind"], r["prompt"], r["option"], r["count"], r["share"])
           for r in rows]
    assert got == [
        ("ch01.mc", "multiple_choice", "", "'@A", "4", "0.8"),
        ("ch01.mc", "multiple_choice", "", "B", "1", "0.2"),
        ("ch05.gm", "decision_point", "'+As GM, what now?", "Join", "3", "0.6"),
        ("ch05.gm", "decision_point", "'+As GM, what now?", "'-2+3", "1", "0.2"),
        ("ch05.gm", "decision_point", "'+As GM, what now?", "'=HYPERLINK(\"http://x\")", "1",
         "0.2"),
    ]
    for row in rows:
        for value in row.values():
            assert not value.startswith(DANGEROUS), row
    # a second pool of the same folder ignores the first pool's outputs, counts included
    shutil.copy(result.paths["counts"], folder / "class_counts.csv")
    assert any("class_counts.csv" in line and "output of an earlier pool" in line
               for line in read_handins(folder).problems)


NEAR_TWINS = {
    "Sign, and invest in a learning team that moves managers through the plant": 3,
    "Sign, but treat the plant as a source of small cars and nothing more": 2,
}


def labels(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def test_dashboard_labels_are_wrapped_not_truncated():
    ax = plot_choice_splits({"ch05.gm1984": NEAR_TWINS},
                            prompts={"ch05.gm1984": "As GM in 1984, what would you do?"})
    texts = labels(ax)
    assert texts[0].replace("\n", " ") == "ch05.gm1984: As GM in 1984, what would you do? (n = 5)"
    options = [t.replace("\n", " ") for t in texts[1:]]
    assert options == list(NEAR_TWINS)  # full text, in split order: the two stay distinguishable
    assert all("\n" in t for t in texts[1:])  # long options wrapped over lines
    assert all(len(line) <= 48 for t in texts[1:] for line in t.split("\n"))
    shown = " ".join(t.get_text() for t in ax.figure.findobj(lambda a: hasattr(a, "get_text")))
    assert "…" not in shown and "3 (60%)" in shown and "2 (40%)" in shown
    ax.figure.savefig(os.devnull, format="png")


def test_dashboard_file_has_full_labels(tmp_path, monkeypatch):
    import casebook.plotting.pool as plotting

    drawn = {}
    real = plotting.plot_choice_splits

    def spy(splits, ax=None, prompts=None):
        drawn["ax"] = real(splits, ax=ax, prompts=prompts)
        return drawn["ax"]

    monkeypatch.setattr(plotting, "plot_choice_splits", spy)
    folder = tmp_path / "h"
    folder.mkdir()
    for i, (option, n) in enumerate(NEAR_TWINS.items()):
        for j in range(n):
            handin(folder, f"s{i}{j}.casebook.json", f"s{i}{j}",
                   {"ch05.gm": dp(option, prompt="What now?")})
    result = pool(folder, out=tmp_path / "out")
    assert result.paths["dashboard"].read_bytes()[:4] == b"\x89PNG"
    texts = [t.replace("\n", " ") for t in labels(drawn["ax"])]
    assert texts == ["ch05.gm: What now? (n = 5)", *NEAR_TWINS]


def test_many_options_are_capped_with_the_rest_pooled():
    counts = {f"option {i:02d}": 20 - i for i in range(12)}
    ax = plot_choice_splits({"q": counts})
    texts = labels(ax)
    assert len(ax.patches) == MAX_OPTIONS == len(texts) - 1
    assert texts[-1] == "other answers (5 different)"
    assert round(float(ax.patches[-1].get_width()) * sum(counts.values())) == \
        sum(list(counts.values())[MAX_OPTIONS - 1:])
