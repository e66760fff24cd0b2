"""The phase table (Serrat 2009, Table 2 after Iyer 2002) and its companions.

Claims tested: every cell of the table is present and cited; the locators
name headings that exist in the reading; the learning mode runs from
unilateral to mutual; four conditioning factors, five rules, twelve steps,
three asymmetries; bad files are reported with the file and the field.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.models import phases as ph

ROOT = Path(__file__).resolve().parent.parent
from readings import READINGS_DIR  # noqa: E402
SERRAT = READINGS_DIR / "serrat_2009_learning_in_strategic_alliances.txt"
needs_readings = pytest.mark.skipif(not SERRAT.exists(), reason="readings not available")

DIMS = ["environment", "tasks", "processes", "skills", "goals"]
PHASES = ["awareness", "exploration", "expansion", "commitment"]


def raw():
    return yaml.safe_load(ph.default_path().read_text(encoding="utf-8"))


def test_table_has_every_cell_cited():
    t = ph.load_phases()
    assert [d.key for d in t.dimensions] == DIMS
    assert [p.key for p in t.phases] == PHASES
    assert len(t.cells) == 20
    for d in t.dimensions:
        for p in t.phases:
            cell = t.cells[(d.key, p.key)]
            assert cell.text.strip(), (d.key, p.key)
            assert cell.source.reading == "serrat2009"
            assert f"row '{d.name}'" in cell.source.locator
            assert "Table 2" in cell.source.locator


@needs_readings
def test_cell_locators_name_rows_and_columns_of_the_reading():
    text = SERRAT.read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith("Learning Dimension\t"))
    columns = header.split("\t")[1:]
    rows = [line.split("\t")[0] for line in text.splitlines()
            if line.split("\t")[0] in {"Environment", "Tasks", "Processes", "Skills", "Goals"}]
    assert rows == ["Environment", "Tasks", "Processes", "Skills", "Goals"]
    t = ph.load_phases()
    for (d, p), cell in t.cells.items():
        row, col = re.findall(r"'([^']+)'", cell.source.locator)
        assert row in rows
        assert col in columns, (col, columns)
        # The column in the locator is the phase's own column.
        assert columns.index(col) == t.phase(p).number - 1


@needs_readings
def test_modes_follow_the_bottom_row_of_table_2():
    text = SERRAT.read_text(encoding="utf-8")
    bottom = next(line for line in text.splitlines() if "Unilateral Learning\t" in line)
    labels = [x for x in bottom.split("\t") if x.strip()]
    assert len(labels) == 4
    expected = ["unilateral", "mostly_unilateral", "both", "mostly_mutual"]
    keywords = {"unilateral": "Unilateral Learning", "mostly_unilateral": "Mostly Unilateral",
                "both": "Both Unilateral and Mutual", "mostly_mutual": "Predominantly Mutual"}
    t = ph.load_phases()
    assert [p.mode for p in t.phases] == expected
    for p, label in zip(t.phases, labels):
        assert label.startswith(keywords[p.mode])


@needs_readings
def test_every_locator_heading_exists_in_its_reading():
    text = SERRAT.read_text(encoding="utf-8").lower()
    doc = raw()
    locators = []

    def walk(node):
        if isinstance(node, dict):
            if set(node) == {"reading", "locator"}:
                assert node["reading"] == "serrat2009"
                locators.append(node["locator"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    assert len(locators) > 20
    for loc in locators:
        for quoted in re.findall(r"'([^']+)'", loc):
            assert quoted.lower() in text, f"{loc!r}: {quoted!r} is not in the reading"
        for table in re.findall(r"Table \d", loc):
            assert table.lower() in text


def test_unilateral_to_mutual_shift():
    s = ph.shift_table()
    assert s["mutual"].tolist() == sorted(s["mutual"].tolist())
    assert s["mutual"].iloc[0] == 0
    assert (s["mutual"] + s["unilateral"]).eq(1).all()
    assert s["mutual"].nunique() == 4
    # the spacing keeps the labels' words: "both" is half and half, "predominantly mutual"
    # is over half but not wholly mutual, "mostly unilateral" is under half
    by_mode = dict(zip(s["mode"], s["mutual"]))
    assert by_mode["both"] == 0.5
    assert 0.5 < by_mode["mostly_mutual"] < 1
    assert 0 < by_mode["mostly_unilateral"] < 0.5
    assert (s["mutual"] < 1).all()


def test_skills_move_from_explicit_to_tacit_to_mutual():
    assert "explicit" in ph.what_to_learn("awareness", "skills").text.lower()
    assert "tacit" in ph.what_to_learn("exploration", "skills").text.lower()
    assert "tacit" in ph.what_to_learn("expansion", "skills").text.lower()
    assert "both partners" in ph.what_to_learn("commitment", "skills").text.lower()
    # Tasks and processes are not yet learned in phase 1.
    assert ph.what_to_learn(1, "tasks").text == ph.what_to_learn(1, "processes").text == "Little or nothing yet."


@needs_readings
def test_counts_match_the_reading():
    text = SERRAT.read_text(encoding="utf-8")
    t = ph.load_phases()
    # Twelve numbered steps in 'Conventional Approaches ...'.
    section = text[text.index("Conventional Approaches"):text.index("... and Their Shortcomings")]
    numbers = [int(n) for n in re.findall(r"^\s*(\d{1,2})\. [A-Z]", section, re.M)]
    assert numbers == list(range(1, 13)) and len(t.steps) == 12
    # Five rows in Table 1 (From / To).
    t1 = text[text.index("Table 1: Simple Rules"):text.index("Source: Jonathan Hughes")]
    assert len([line for line in t1.splitlines()[3:] if "\t" in line]) == 5 == len(t.rules)
    # Four factors and three asymmetries.
    assert re.search(r"\(iv\) the existence of previous ties", text)
    assert len(t.factors) == 4
    assert "three categories: (i) information, (ii) knowledge, and (iii) learning" in text
    assert [a[0] for a in t.asymmetries] == ["information", "knowledge", "learning"]


def test_factors_apply_in_every_phase_and_map_to_diagnostic_objectives():
    from casebook.models.diagnostic import OBJECTIVES

    keys = {o.key for o in OBJECTIVES}
    for p in PHASES:
        fs = ph.factors_for(p)
        assert [f.key for f in fs] == ["protection", "trust", "tacitness", "previous_ties"]
        for f in fs:
            assert set(f.objectives) <= keys and f.why
    t = ph.load_phases()
    assert set(t.objective_dimensions) == keys


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(PHASES + [1, 2, 3, 4]), st.sampled_from(DIMS))
def test_what_to_learn_agrees_with_the_table(phase, dim):
    t = ph.load_phases()
    cell = ph.what_to_learn(phase, dim)
    df = ph.cell_table()
    assert df.loc[t.dimension(dim).name, t.phase(phase).name] == cell.text
    assert cell.dimension == dim and cell.phase == t.phase(phase).key


def test_unknown_phase_or_dimension():
    with pytest.raises(KeyError, match="unknown phase 'merger'"):
        ph.what_to_learn("merger", "skills")
    with pytest.raises(KeyError, match="unknown dimension 'money'"):
        ph.what_to_learn(1, "money")
    with pytest.raises(KeyError):
        ph.what_to_learn(5, "skills")


@pytest.mark.parametrize("dim", DIMS)
@pytest.mark.parametrize("phase", PHASES)
def test_missing_cell_is_named(dim, phase):
    doc = raw()
    del doc["cells"][dim][phase]
    with pytest.raises(ph.PhaseTableError, match=rf"bad\.yaml: field 'cells\.{dim}\.{phase}': is missing"):
        ph.parse_phases(doc, "bad.yaml")


@pytest.mark.parametrize("mutate, field", [
    (lambda d: d["cells"]["skills"].__setitem__("expansion", "  "), "cells.skills.expansion"),
    (lambda d: d.__setitem__("extra", 1), "extra"),
    (lambda d: d["phases"][2].__setitem__("mode", "unilateral"), "phases"),
    (lambda d: d["phases"][1].__setitem__("mode", "telepathic"), "phases[1].mode"),
    (lambda d: d["phases"][1].__setitem__("number", 7), "phases[1].number"),
    (lambda d: d["factors"].pop(), "factors"),
    (lambda d: d["factors"][0].__setitem__("objectives", ["luck"]), "factors[0].objectives"),
    (lambda d: d["rules"].pop(), "rules"),
    (lambda d: d["steps"].pop(), "steps"),
    (lambda d: d["dimensions"][0]["source"].pop("locator"), "dimensions[0].source.locator"),
    (lambda d: d["objective_dimensions"].__setitem__("value", ["money"]), "objective_dimensions.value"),
])
def test_bad_file_names_file_and_field(mutate, field):
    doc = copy.deepcopy(raw())
    mutate(doc)
    with pytest.raises(ph.PhaseTableError) as err:
        ph.parse_phases(doc, "bad.yaml")
    assert err.value.file == "bad.yaml"
    assert err.value.field == field


def test_bad_yaml_and_missing_file(tmp_path):
    p = tmp_path / "broken.yaml"
    p.write_text("cells: [unclosed", encoding="utf-8")
    with pytest.raises(ph.PhaseTableError, match="broken.yaml: field '<yaml>'"):
        ph.load_phases(p)
    with pytest.raises(ph.PhaseTableError, match="no such file"):
        ph.load_phases(tmp_path / "none.yaml")
