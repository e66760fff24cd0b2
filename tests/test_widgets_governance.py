"""Headless tests of the governance chooser widget and the chapter 02 plots."""

from __future__ import annotations


import pandas as pd
import pytest

from casebook.models.governance import ROUTES, choose
from casebook.plotting.governance import plot_alliance_growth, plot_alliances_by_size, plot_route_scores
from casebook.widgets.governance import build_chooser


def test_builds_with_defaults_and_contract():
    box = build_chooser()
    assert "cb-chooser" in box._dom_classes
    for name, c in box.controls.items():
        assert c.description and f"cb-control-{name}" in c._dom_classes
    assert "Contractual alliance" in box.outputs["summary"].value
    assert "Tallman (n.d.)" in box.outputs["summary"].value


def test_changing_situation_changes_recommendation_and_bars():
    box = build_chooser()
    live = box.outputs["figure"]
    box.controls["knowledge"].value = "architectural"
    box.controls["coordination"].value = "complex"
    rec = choose(knowledge="architectural", coordination="complex")
    assert "favour <b>Equity joint venture</b>" in box.outputs["summary"].value
    widths = [b.get_width() for b in live.ax.cb_bars]
    assert widths == [rec.scores[r] for r in ROUTES]
    assert live.renders == 3


def test_commodity_shows_market_purchase_and_no_rule_out():
    box = build_chooser()
    box.controls["knowledge"].value = "commodity"
    box.controls["speed"].value = "high"
    assert "favour <b>Market purchase</b>" in box.outputs["summary"].value
    assert "Ruled out" not in box.outputs["summary"].value


# Speed is measured by benchmarks/bench.py (make bench), never asserted here:
# timing on a shared machine only measures how busy it is. What makes a widget
# fast is testable, though: a control change must not redraw the whole figure.

def test_update_is_in_place():
    box = build_chooser()
    live = box.outputs["figure"]
    n, full, renders = len(live.ax.patches), live.full_renders, live.renders
    for v in ["low", "medium", "high"] * 4:
        box.controls["budget"].value = v
    assert len(live.ax.patches) == n
    assert live.renders > renders and live.full_renders == full


def test_alliance_growth_plot_from_exhibit():
    from casebook.cases import load_case

    table = load_case("electronics_alliances").exhibit("technical_alliances")
    ax = plot_alliance_growth(table)
    assert len(ax.patches) == 12
    assert "280" in ax.get_title() and "625" in ax.get_title()
    heights = sorted(p.get_height() for p in ax.patches)
    assert heights[-1] == 134  # Siemens 1985-89 (Suarez-Villa 1998, Table I)


def test_alliances_by_size_plot_stacks_to_all_alliances():
    from casebook.cases import load_case

    table = load_case("semiconductor_survey").exhibit("alliances_by_size")
    ax = plot_alliances_by_size(table)
    tops = {}
    for p in ax.patches:
        x = round(p.get_x() + p.get_width() / 2)
        tops[x] = max(tops.get(x, 0), p.get_y() + p.get_height())
    assert [tops[i] for i in range(3)] == [41, 16, 9]  # Suarez-Villa (1998), Table II


def test_plots_name_missing_column():
    with pytest.raises(KeyError, match="alliances_1985_89"):
        plot_alliance_growth(pd.DataFrame({"firm": ["A"], "alliances_1980_84": [1]}))
    with pytest.raises(KeyError, match="smes"):
        plot_alliances_by_size(pd.DataFrame({"partner": ["x"]}))


def test_route_scores_hatch_ruled_out():
    ax = plot_route_scores(choose(knowledge="component"))
    bar = ax.cb_bars[list(ROUTES).index("market_purchase")]
    assert bar.get_hatch() == "//"
