"""Headless tests of the chapter 04 learning-plan builder."""

from __future__ import annotations


import numpy as np
import pytest

from casebook.models import transfer as t
from casebook.widgets.transfer import build_learning_plan


@pytest.fixture
def box():
    return build_learning_plan()


def tacit_line(box):
    return np.asarray(box.outputs["figure"].ax.lines[1].get_ydata())


def test_controls_and_classes(box):
    assert set(box.controls) >= {"vignette", *t.LEVERS, "trust", "myopia"}
    assert "cb-learning-plan" in box._dom_classes
    assert "cb-control-rotations" in box.controls["rotations"]._dom_classes


def test_lines_match_the_model(box):
    box.controls["rotations"].value = 1
    box.controls["trust"].value = 0.9
    expect = t.simulate(t.LearningPlan(meetings=2, visits=2, rotations=1),
                        t.Factors(trust=0.9), "continuous_improvement")
    np.testing.assert_allclose(tacit_line(box), expect["tacit"])
    np.testing.assert_allclose(box.outputs["figure"].ax.lines[0].get_ydata(), expect["explicit"])


def test_rotation_adds_tacit_and_myopia_lowers_arrivals(box):
    low = tacit_line(box)[-1]
    assert 0 < low < t.VIGNETTES["continuous_improvement"].tacit  # visits carry some tacit (Table 1)
    box.controls["rotations"].value = 2
    assert tacit_line(box)[-1] > low
    high = tacit_line(box)[-1]
    box.controls["myopia"].value = 1.0
    assert tacit_line(box)[-1] < high


def test_over_budget_is_reported_and_not_drawn(box):
    before = tacit_line(box).copy()
    renders = box.outputs["figure"].renders
    box.controls["liaison"].value = 2  # 4 + 8 = 12 points: within budget
    box.controls["rotations"].value = 1  # 15 points: over
    assert "Over budget" in box.outputs["summary"].value
    assert box.outputs["figure"].renders == renders + 1  # the first change was within budget
    box.controls["liaison"].value = 0
    assert "Over budget" not in box.outputs["summary"].value
    assert tacit_line(box)[-1] > before[-1]


def test_vignette_changes_story_and_ceilings(box):
    box.controls["vignette"].value = "nonunion_hr"
    assert "non-union" in box.outputs["story"].value
    assert box.outputs["figure"].ax.lines[2].get_ydata()[0] == 0.7


def test_unknown_vignette_is_refused():
    with pytest.raises(ValueError, match="unknown vignette"):
        build_learning_plan("nope")


# Speed is measured by benchmarks/bench.py (make bench), never asserted here:
# timing on a shared machine only measures how busy it is. What makes a widget
# fast is testable, though: a control change must not redraw the whole figure.

def test_a_change_redraws_in_place(box):
    live = box.outputs["figure"]
    full, renders = live.full_renders, live.renders
    for v in (0.1, 0.9, 0.3, 0.7, 0.2, 0.8):
        box.controls["trust"].value = v
    assert live.renders > renders and live.full_renders == full


