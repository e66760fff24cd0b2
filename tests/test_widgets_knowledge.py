"""Headless tests of the spiral widget and of the spiral plot."""

from __future__ import annotations


import numpy as np
import pytest

from casebook.models.knowledge import spiral
from casebook.plotting.knowledge import plot_spiral
from casebook.widgets.knowledge import build_spiral


def test_builds_with_defaults_and_contract():
    box = build_spiral()
    assert "cb-spiral" in box._dom_classes
    for name, c in box.controls.items():
        assert c.description
        assert f"cb-control-{name}" in c._dom_classes
    assert box.outputs["figure"].renders == 1


def test_no_connections_nothing_reaches_firm_in_widget():
    box = build_spiral()
    assert "<b>0.00</b> reaches the firm" in box.outputs["summary"].value
    be, bt = box.outputs["figure"].ax.cb_bars
    assert be[2].get_height() == 0 and bt[2].get_height() == 0


def test_slider_moves_bars_to_model_values():
    box = build_spiral(tacit_share=0.4)
    live = box.outputs["figure"]
    box.controls["personnel"].value = 1.0
    box.controls["technology_sharing"].value = 0.5
    expected = spiral(personnel=1.0, technology_sharing=0.5, tacit_share=0.4)
    be, bt = live.ax.cb_bars
    assert [b.get_height() for b in be] == pytest.approx(list(expected.explicit))
    assert [b.get_height() for b in bt] == pytest.approx(list(expected.tacit))
    assert [b.get_y() for b in bt] == pytest.approx(list(expected.explicit))
    assert f"{expected.total[-1]:.2f}</b> reaches the firm" in box.outputs["summary"].value
    assert live.renders == 3


# Speed is measured by benchmarks/bench.py (make bench), never asserted here:
# timing on a shared machine only measures how busy it is. What makes a widget
# fast is testable, though: a control change must not redraw the whole figure.

def test_redraws_in_place():
    box = build_spiral()
    live = box.outputs["figure"]
    n_patches, full, renders = len(live.ax.patches), live.full_renders, live.renders
    for v in np.linspace(0.05, 1.0, 12):
        box.controls["interactions"].value = float(v)
    assert len(live.ax.patches) == n_patches  # no bars added: updated in place
    assert live.renders > renders and live.full_renders == full


def test_plot_spiral_returns_given_ax():
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    assert plot_spiral(spiral(strategy=1), ax=ax) is ax
    assert len(ax.patches) == 6
