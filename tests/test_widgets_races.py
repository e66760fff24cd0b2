"""Headless tests of the chapter 05 learning-race widget."""

from __future__ import annotations


import numpy as np
import pytest

from casebook.models.races import scenario
from casebook.widgets.races import build_learning_race


def test_builds_with_defaults_and_exposes_controls():
    box = build_learning_race()
    assert "cb-learning-race" in box._dom_classes
    for key in ("scenario", "a_intent", "b_intent", "a_tacitness", "b_protectiveness",
                "a_private_share", "b_private_share", "reciprocity", "trust_relief", "threshold"):
        assert key in box.controls
        assert box.controls[key].description
    assert set(box.outputs) == {"figure", "summary"}
    assert box.outputs["figure"].image.value[:4] == b"\x89PNG"
    assert "Toyota" in box.outputs["summary"].value


def test_slider_moves_lines_and_summary():
    box = build_learning_race()
    live = box.outputs["figure"]
    renders, png, text = live.renders, live.image.value, box.outputs["summary"].value
    line = live.axes[1].lines[1]  # Toyota's dependence
    before = np.array(line.get_ydata()).copy()
    box.controls["a_protectiveness"].value = 0.9  # GM guards harder: Toyota slows down
    after = np.array(line.get_ydata())
    assert (after[1:] > before[1:]).all()
    assert live.renders == renders + 1 and live.image.value != png
    assert box.outputs["summary"].value != text
    assert box.race().a.protectiveness == 0.9


def test_instability_marker_matches_closed_form():
    box = build_learning_race("protective_partner")
    race = box.race()
    assert race == scenario("protective_partner")
    vline = box.outputs["figure"].axes[1].lines[2]
    x = [ln for ln in box.outputs["figure"].axes[1].lines if ln.get_linestyle() == "--"][0].get_xdata()[0]
    assert x == pytest.approx(race.instability_time())
    assert vline is not None
    assert f"{race.instability_time():.1f} years" in box.outputs["summary"].value


def test_zero_intent_everywhere_stays_stable():
    box = build_learning_race("nummi")
    box.controls["a_intent"].value = 0.0
    box.controls["b_intent"].value = 0.0
    assert "stays stable" in box.outputs["summary"].value
    assert not any(ln.get_visible() for ln in box.outputs["figure"].axes[0].lines if ln.get_linestyle() == "--")


def test_scenario_switch_sets_the_sliders():
    box = build_learning_race("nummi")
    box.controls["scenario"].value = "alpha_hito"
    assert box.controls["a_intent"].value == 0.7  # Alpha's stated intent (Inkpen 1998), no override
    assert box.race() == scenario("alpha_hito")
    assert "Alpha" in box.outputs["summary"].value


def test_names_are_escaped():
    from dataclasses import replace

    import casebook.models.races as races

    box = build_learning_race(None)
    box.race()  # defaults load
    # a partner name with markup is shown as text, not HTML
    from casebook.widgets import races as wr
    orig = races.LearningRace
    try:
        races.LearningRace = lambda: orig(a=replace(orig().a, name="<b>A&B</b>"))
        box = wr.build_learning_race(None)
    finally:
        races.LearningRace = orig
    assert "&lt;b&gt;A&amp;B&lt;/b&gt;" in box.outputs["summary"].value


# Speed is measured by benchmarks/bench.py (make bench), never asserted here:
# timing on a shared machine only measures how busy it is. What makes a widget
# fast is testable, though: a control change must not redraw the whole figure.

def test_update_is_in_place():
    box = build_learning_race("nummi")
    live = box.outputs["figure"]
    full, renders = live.full_renders, live.renders
    for v in np.linspace(0.0, 1.0, 11):
        box.controls["reciprocity"].value = float(v)
    for name in ("alpha_hito", "protective_partner", "nummi"):  # scenario switch: legend moves, no full redraw
        box.controls["scenario"].value = name
    assert live.renders > renders and live.full_renders == full


