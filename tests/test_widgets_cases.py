"""The case explorer and the comparison grid, headless (no browser)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casebook.cases import DIMENSIONS, list_cases, load_all
from casebook.widgets.cases import build_case_explorer, build_comparison_grid

FIXTURE = Path(__file__).resolve().parent / "cases_fixture"


@pytest.fixture
def two_cases(tmp_path):
    """The fixture case and a copy with a hostile title and other levels."""
    shutil.copytree(FIXTURE / "fixture_jv", tmp_path / "fixture_jv")
    other = tmp_path / "other_jv"
    shutil.copytree(FIXTURE / "fixture_jv", other)
    y = other / "case.yaml"
    text = y.read_text().replace("id: fixture_jv", "id: other_jv")
    text = text.replace('title: "Fixture JV: a made-up 50-50 venture for the tests"', 'title: "<script>alert(1)</script> Other"')
    text = text.replace("tacitness: {level: very_high", "tacitness: {level: low")
    text = text.replace('evidence: "The routines live in the workers\' habits."', 'evidence: "Written down in <b>manuals</b>."')
    y.write_text(text)
    (other / "staff.csv").write_text("year,engineers\n1990,3\n1991,4\n")
    assert list_cases(tmp_path) == ["fixture_jv", "other_jv"]
    return tmp_path


def test_explorer_contract():
    box = build_case_explorer(root=FIXTURE)
    assert "cb-case-explorer" in box._dom_classes
    assert set(box.controls) == {"case", "exhibit"}
    assert set(box.outputs) == {"summary", "exhibit_table", "figure"}
    for name, control in box.controls.items():
        assert control.description and f"cb-control-{name}" in control._dom_classes


def test_explorer_shows_the_case_and_its_exhibit_as_bars():
    box = build_case_explorer(root=FIXTURE)
    summary = box.outputs["summary"].value
    for text in ("Alder Motors", "Birch Works", "1990", "The partners sign", "Partner protectiveness", "very high"):
        assert text in summary
    live = box.outputs["figure"]
    assert [round(b.get_width()) for b in live.ax.patches] == [12, 18, 25, 9]
    assert "Source: Casebook test fixture (invented), whole file" in box.outputs["exhibit_table"].value


def test_explorer_switches_case_and_escapes(two_cases):
    box = build_case_explorer(root=two_cases)
    live = box.outputs["figure"]
    before = live.renders
    box.controls["case"].value = "other_jv"
    summary = box.outputs["summary"].value
    assert "<script>" not in summary and "&lt;script&gt;" in summary
    assert "&lt;b&gt;manuals&lt;/b&gt;" in summary
    assert [round(b.get_width()) for b in live.ax.patches] == [3, 4]
    assert live.renders == before + 1  # one redraw per change, same figure
    assert box.outputs["figure"].fig is live.fig


def test_explorer_unknown_case_is_a_clear_error():
    with pytest.raises(ValueError, match="no valid case 'nope'"):
        build_case_explorer("nope", root=FIXTURE)


def test_explorer_with_empty_folder(tmp_path):
    box = build_case_explorer(root=tmp_path)
    assert "No valid case" in box.outputs["summary"].value


def test_grid_draws_once_and_moves_the_highlight(two_cases):
    box = build_comparison_grid(root=two_cases)
    assert "cb-comparison-grid" in box._dom_classes
    live = box.outputs["figure"]
    mesh = live.ax.collections[0]
    assert mesh.get_array().reshape(2, 6).tolist() == [[4, 2, 5, 3, 3, 1], [4, 2, 2, 3, 3, 1]]
    n_artists = len(live.ax.get_children())
    box.controls["case"].value = "other_jv"
    box.controls["dimension"].value = "tacitness"
    assert box.highlight.get_xy() == (list(DIMENSIONS).index("tacitness"), 1)
    ev = box.outputs["evidence"].value
    assert "&lt;b&gt;manuals&lt;/b&gt;" in ev and "low" in ev and "(2 of 5)" in ev
    assert "Source: Casebook test fixture (invented), whole file" in ev
    assert "<script>" not in ev
    assert len(live.ax.get_children()) == n_artists  # nothing redrawn, only moved
    assert live.renders == 3


def test_new_case_appears_in_explorer_and_grid(two_cases):
    assert [v for _, v in build_case_explorer(root=two_cases).controls["case"].options] == ["fixture_jv", "other_jv"]
    assert [v for _, v in build_comparison_grid(root=two_cases).controls["case"].options] == ["fixture_jv", "other_jv"]


def test_widgets_build_on_the_real_cases():
    cases = load_all()
    box = build_case_explorer()
    assert [v for _, v in box.controls["case"].options] == list(cases)
    grid = build_comparison_grid()
    assert set(grid.outputs["table"]["case"]) == {c for c, case in cases.items() if case.assessment}


# Speed is measured by benchmarks/bench.py (make bench), never asserted here:
# timing on a shared machine only measures how busy it is. What makes a widget
# fast is testable, though: a control change must not redraw the whole figure.

def test_grid_change_redraws_in_place():
    box = build_comparison_grid(root=FIXTURE)
    live = box.outputs["figure"]
    full, renders = live.full_renders, live.renders
    for dim in ["tacitness", "connections", "value", "relatedness"]:
        box.controls["dimension"].value = dim
    assert live.renders == renders + 4 and live.full_renders == full




def test_explorer_switches_draw_from_prerendered_charts(two_cases):
    """Built with prerender (the default), a case switch redraws the axes but renders nothing."""
    box = build_case_explorer(root=two_cases)
    live = box.outputs["figure"]
    full, renders = live.full_renders, live.renders
    for cid in ["other_jv", "fixture_jv", "other_jv"]:
        box.controls["case"].value = cid
    assert live.renders == renders + 3 and live.full_renders == full
    assert [round(b.get_width()) for b in live.ax.patches] == [3, 4]  # the axes match the picture


def test_explorer_cached_chart_is_the_chart_a_fresh_render_gives(two_cases):
    lazy = build_case_explorer(root=two_cases, prerender=False)
    eager = build_case_explorer(root=two_cases)
    for box in (lazy, eager):
        box.controls["case"].value = "other_jv"
    assert lazy.outputs["figure"].full_renders == 2 and eager.outputs["figure"].full_renders == 0
    assert lazy.outputs["figure"].image.value == eager.outputs["figure"].image.value
    for box in (lazy, eager):
        box.controls["case"].value = "fixture_jv"  # back again: the lazy one now uses its cache too
    assert lazy.outputs["figure"].full_renders == 2
    assert lazy.outputs["figure"].image.value == eager.outputs["figure"].image.value == lazy.outputs["figure"].png()


def test_every_real_exhibit_fits_its_picture_under_the_theme():
    """Long row labels wrap and the picture grows: no label is cut, no layout collapses."""
    import warnings

    from casebook import use_theme

    use_theme()
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # "constrained_layout not applied" is a UserWarning
        box = build_case_explorer()
    live = box.outputs["figure"]
    box.controls["case"].value = "jv40_study"
    box.controls["exhibit"].value = "study_counts"
    labels = [t.get_text() for t in live.ax.get_yticklabels()]
    original = load_all()["jv40_study"].exhibit("study_counts").iloc[:, 0].tolist()
    assert [" ".join(t.split("\n")) for t in labels] == original  # wrapped, never shortened
    assert max(len(line) for t in labels for line in t.split("\n")) <= 44
    assert live.fig.get_size_inches()[1] > 3.8  # taller than the default picture
    box.controls["case"].value = "semiconductor_survey"
    assert tuple(live.fig.get_size_inches()) == (7.5, 3.8)
