"""Plots for chapter 02: the growth of alliances, and the governance chooser's scores.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"firm": ["A", "B", "Total"], "alliances_1980_84": [1, 2, 3],
...                    "alliances_1985_89": [2, 4, 6]})
>>> ax = plot_alliance_growth(df)
>>> len(ax.patches)   # two periods x two firms; the Total row is left out
4
"""

from __future__ import annotations

__all__ = ["plot_alliance_growth", "plot_alliances_by_size", "draw_route_scores", "plot_route_scores"]


def _new_ax(size=(7, 3.8)):
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained").subplots()


def plot_alliance_growth(table, ax=None):
    """Grouped bars: technical alliances per firm in 1980-84 and 1985-89.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``firm``, ``alliances_1980_84``, ``alliances_1985_89`` (the
        ``electronics_alliances`` case exhibit). A row named ``Total`` is
        left out of the bars and shown in the title.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    KeyError
        Naming a missing column.
    """
    import numpy as np

    from casebook.theme import PALETTE

    for col in ("firm", "alliances_1980_84", "alliances_1985_89"):
        if col not in table.columns:
            raise KeyError(f"plot_alliance_growth: the table has no column {col!r}")
    ax = ax if ax is not None else _new_ax()
    firms = table[table.firm != "Total"]
    x = np.arange(len(firms))
    ax.bar(x - 0.2, firms.alliances_1980_84, width=0.4, color=PALETTE[7], label="1980-84")
    ax.bar(x + 0.2, firms.alliances_1985_89, width=0.4, color=PALETTE[0], label="1985-89")
    ax.set_xticks(x, list(firms.firm))
    ax.set_ylabel("technical alliances")
    total = table[table.firm == "Total"]
    if len(total):
        a, b = int(total.alliances_1980_84.iloc[0]), int(total.alliances_1985_89.iloc[0])
        ax.set_title(f"Six firms together: {a} alliances, then {b}")
    ax.legend(frameon=False)
    return ax


def plot_alliances_by_size(table, ax=None, title: str | None = None):
    """Bars: share of semiconductor firms with technical R&D alliances, by firm size.

    Parameters
    ----------
    table : pandas.DataFrame
        The ``semiconductor_survey`` exhibit: a first column naming the kind
        of partner, then ``smes``, ``large_firms``, ``very_large_firms`` (per
        cent of firms). A row whose label mentions "total" is the sum of the
        others and is not stacked.
    ax : matplotlib Axes, optional
    title : str, optional
        The chart's title.

    Returns
    -------
    matplotlib Axes
    """
    import numpy as np

    from casebook.theme import PALETTE

    sizes = [("smes", "SMEs\n(< $100m)"), ("large_firms", "large\n($100m-1bn)"),
             ("very_large_firms", "very large\n(> $1bn)")]
    for col in (c for c, _ in sizes):
        if col not in table.columns:
            raise KeyError(f"plot_alliances_by_size: the table has no column {col!r}")
    label_col = table.columns[0]
    if label_col in dict(sizes):
        raise KeyError("plot_alliances_by_size: the first column must name the kind of partner")
    ax = ax if ax is not None else _new_ax()
    parts = table[~table[label_col].astype(str).str.lower().str.contains("total")]
    x = np.arange(len(sizes))
    bottom = np.zeros(len(sizes))
    for i, (_, row) in enumerate(parts.iterrows()):
        h = np.array([float(row[c]) for c, _ in sizes])
        ax.bar(x, h, bottom=bottom, color=PALETTE[i], label=f"with {row[label_col]}")
        bottom += h
    ax.set_xticks(x, [label for _, label in sizes])
    ax.set_ylabel("% of firms")
    ax.legend(frameon=False, fontsize="small", loc="upper right")
    if title:
        ax.set_title(title)
    return ax


def draw_route_scores(recommendation, ax=None):
    """Horizontal bars of the chooser's score for each route; ruled-out routes hatched and grey.

    Parameters
    ----------
    recommendation : casebook.models.governance.Recommendation
    ax : matplotlib Axes, optional

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(recommendation)`` moves and recolours the bars; ``parts["bars"]``
        (also ``ax.cb_bars``): one bar per route, in :data:`casebook.models.governance.ROUTES` order.

    Examples
    --------
    >>> from casebook.models.governance import choose
    >>> pic = draw_route_scores(choose())
    >>> len(pic.parts["bars"]), len(pic.update(choose(knowledge="architectural")))
    (5, 5)
    """
    from casebook.models.governance import ROUTE_LABELS, ROUTES
    from casebook.plotting.picture import Picture
    from casebook.theme import PALETTE

    ax = ax if ax is not None else _new_ax((6, 3.2))
    bars = ax.barh(range(len(ROUTES)), [0] * len(ROUTES))
    ax.set_yticks(range(len(ROUTES)), [ROUTE_LABELS[r] for r in ROUTES])
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlim(-4, 8)
    ax.set_xlabel("score (sum of the readings' arguments)")
    ax.set_title("green: favoured; grey, hatched: ruled out", fontsize="small")
    ax.cb_bars = bars

    def move(recommendation):
        for bar, route in zip(bars, ROUTES):
            bar.set_width(recommendation.scores[route])
            feasible = recommendation.feasible[route]
            best = route in recommendation.leaders  # every leader is green when the top is a tie
            bar.set_color(PALETTE[2] if best else (PALETTE[0] if feasible else "#cccccc"))
            bar.set_hatch("" if feasible else "//")
        return list(bars)

    pic = Picture(ax, list(bars), move, {"bars": bars})
    pic.update(recommendation)
    return pic


def plot_route_scores(recommendation, ax=None):
    """The chooser's score bars (:func:`draw_route_scores`), returning only the Axes (with ``ax.cb_bars``).

    Examples
    --------
    >>> from casebook.models.governance import choose
    >>> len(plot_route_scores(choose()).cb_bars)
    5
    """
    return draw_route_scores(recommendation, ax=ax).ax
