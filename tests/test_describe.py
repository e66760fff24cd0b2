"""Alt text and numbers read from a chart's artists (casebook.plotting.describe), on real pictures."""

from __future__ import annotations

import pandas as pd


def test_a_race_says_who_ends_highest_and_when_the_marker_is():
    from casebook.models.races import scenario
    from casebook.plotting.describe import describe, numbers
    from casebook.plotting.races import draw_race_panels

    race = scenario("nummi")
    pic = draw_race_panels(race.simulate(years=20, dt=0.1), instability=race.instability_time(),
                           threshold=race.threshold, years=20)
    text = describe(pic.figure)
    assert "Dependence: line chart" in text and "General Motors ends highest" in text
    assert f"A marker at years {race.instability_time():.2f}" in text
    tables = numbers(pic.figure)
    assert [t[0] for t in tables] == ["knowledge of partner", "dependence", "bargaining power"]
    assert tables[1][1][0] == ["years", "General Motors", "Toyota"] and len(tables[1][1]) == 12


def test_two_lines_that_cross_are_said_to_cross_where_they_do():
    from matplotlib.figure import Figure

    from casebook.plotting.describe import describe

    ax = Figure().subplots()
    ax.plot([0, 1, 2, 3], [0, 1, 2, 3], label="a")
    ax.plot([0, 1, 2, 3], [3, 2, 1, 0], label="b")
    ax.set_xlabel("t")
    assert "a and b cross at t 1.50" in describe(ax.figure)


def test_a_heatmap_names_its_highest_lowest_and_framed_cells_and_ignores_its_colorbar():
    from casebook.plotting.cases import draw_assessment_heatmap
    from casebook.plotting.describe import describe, numbers

    t = pd.DataFrame({"case": ["a"] * 2 + ["b"] * 2, "dimension": ["value", "tacitness"] * 2, "score": [5, 1, 3, 4]})
    pic = draw_assessment_heatmap(t, highlight=("b", "tacitness"))
    text = describe(pic.figure)
    assert text.startswith("Heatmap of 2 rows by 2 columns, values 1 to 5") and "Framed: b" in text
    assert len(numbers(pic.figure)) == 1  # the colorbar is not a chart of its own


def test_a_network_counts_its_firms_and_ties():
    from casebook.models.networks import structure
    from casebook.plotting.describe import describe
    from casebook.plotting.networks import plot_structure_grid

    fig = plot_structure_grid([structure("branch", n=6)], ncols=1)
    assert "points joined by" in describe(fig) and "links" in describe(fig)


def test_describing_a_figure_leaves_its_pixels_alone():
    """describe() reads the data as set (orig=True): no recache, no tick update, the next draw is the same."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from casebook.plotting.describe import describe, numbers_html
    from casebook.plotting.governance import plot_alliances_by_size

    df = pd.DataFrame({"partner": ["universities", "firms"], "smes": [10, 20], "large_firms": [5, 15],
                       "very_large_firms": [2, 8]})
    ax = plot_alliances_by_size(df)
    canvas = FigureCanvasAgg(ax.figure)
    canvas.draw()
    before = np.asarray(canvas.buffer_rgba()).copy()
    describe(ax.figure), numbers_html(ax.figure)
    canvas.draw()
    assert (np.asarray(canvas.buffer_rgba()) == before).all()
