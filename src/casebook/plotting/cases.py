"""Plots of case data: an exhibit as a chart, the cross-case assessment heatmap.

Both take data (a DataFrame), draw on ``ax`` or a new axes and return it.

Examples
--------
>>> import pandas as pd
>>> ax = plot_exhibit(pd.DataFrame({"period": ["1980-84", "1985-89"], "alliances": [12, 30]}))
>>> [round(b.get_width()) for b in ax.patches]
[12, 30]
"""

from __future__ import annotations

__all__ = ["draw_exhibit", "plot_exhibit", "draw_assessment_heatmap", "plot_assessment_heatmap", "draw_note",
           "LEVEL_TICKS"]

#: Characters per line of an exhibit's row labels before they wrap.
LABEL_WIDTH = 44

#: Tick labels of the 1..5 colour bar (the five-level scale).
LEVEL_TICKS = ["very low", "low", "medium", "high", "very high"]


def _new_ax(ax, size=(7, 4)):
    if ax is not None:
        return ax
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained").subplots()


def draw_note(text: str, ax=None):
    """A picture that is only a centred note ("no exhibit"): the axes are cleared and hidden.

    Returns
    -------
    casebook.plotting.picture.Picture
        Nothing moves (``update()`` returns no artist).

    Examples
    --------
    >>> pic = draw_note("no exhibit")
    >>> pic.ax.texts[0].get_text(), pic.ax.axison, pic.update()
    ('no exhibit', False, [])
    """
    from casebook.plotting.picture import Picture

    ax = _new_ax(ax)
    ax.clear()
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes)
    return Picture(ax, [], lambda: [])


def draw_exhibit(df, ax=None, title: str | None = None, units: dict | None = None, clear: bool = False):
    """An exhibit table as horizontal bars (:func:`plot_exhibit`), as a picture drawn anew for each table.

    Exhibits differ in shape (rows, series, label lengths), so nothing is moved
    in place: ``update(df, title=None, units=None)`` clears the axes and draws
    the new table, and the figure needs a full render (its layout changes).

    Parameters
    ----------
    df, ax, title, units
        As in :func:`plot_exhibit`.
    clear : bool
        Clear ``ax`` first (a widget reusing one axes for every exhibit).

    Returns
    -------
    casebook.plotting.picture.Picture
        With ``ax.cb_label_lines`` (lines of row labels, for a caller that sizes the figure).

    Examples
    --------
    >>> import pandas as pd
    >>> pic = draw_exhibit(pd.DataFrame({"period": ["a", "b"], "n": [1, 2]}))
    >>> _ = pic.update(pd.DataFrame({"period": ["a", "b", "c"], "n": [1, 2, 3]})); len(pic.ax.patches)
    3
    """
    from casebook.plotting.picture import Picture

    ax = _new_ax(ax)

    def move(df, title=None, units=None):
        ax.clear()
        ax.set_axis_on()
        _exhibit_bars(df, ax, title, units)
        return [ax]

    if clear:
        move(df, title, units)
    else:
        _exhibit_bars(df, ax, title, units)
    return Picture(ax, [], move)


def plot_exhibit(df, ax=None, title: str | None = None, units: dict | None = None):
    """Draw an exhibit table as horizontal bars (one group per numeric column).

    The first non-numeric column labels the rows (or the index if every
    column is numeric); every numeric column becomes one series of bars.

    Parameters
    ----------
    df : pandas.DataFrame
        The exhibit, as returned by ``Case.exhibit``.
    ax : matplotlib Axes, optional
    title : str, optional
    units : dict, optional
        ``{column: unit}`` shown in the legend.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If the table has no numeric column.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"size": ["small", "large"], "share": [0.2, 0.5], "n": [10, 4]})
    >>> ax = plot_exhibit(df, units={"share": "fraction"})
    >>> len(ax.patches), ax.get_legend().get_texts()[0].get_text()
    (4, 'share (fraction)')
    """
    ax = _new_ax(ax)
    _exhibit_bars(df, ax, title, units)
    return ax


def _exhibit_bars(df, ax, title, units):
    import textwrap

    import numpy as np
    import pandas as pd

    from casebook.theme import PALETTE

    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
    text = [c for c in df.columns if c not in numeric]
    if not numeric:
        raise ValueError("plot_exhibit: the table has no numeric column to draw")
    if text:
        labels = df[text[0]].astype(str).tolist()
    elif len(numeric) > 1 and "year" in [str(c).lower() for c in numeric]:
        ycol = [c for c in numeric if str(c).lower() == "year"][0]
        labels = df[ycol].astype(str).tolist()
        numeric = [c for c in numeric if c != ycol]
    else:
        labels = [str(i) for i in df.index]
    units = units or {}
    y = np.arange(len(df))
    height = 0.8 / len(numeric)
    for k, col in enumerate(numeric):
        vals = pd.to_numeric(df[col], errors="coerce").fillna(0).to_numpy(dtype=float)
        unit = units.get(col)
        ax.barh(y + (k - (len(numeric) - 1) / 2) * height, vals, height=height,
                color=PALETTE[k % len(PALETTE)], label=f"{col} ({unit})" if unit and unit != col else str(col))
    # Long row labels (a study's findings, say) are wrapped, and set smaller
    # when there are many lines, so the constrained layout keeps room for the
    # bars instead of cutting the labels off at the figure's edge.
    wrapped = [textwrap.fill(label, LABEL_WIDTH) for label in labels]
    n_lines = sum(w.count("\n") + 1 for w in wrapped)
    ax.set_yticks(y, wrapped)
    if n_lines > len(wrapped):
        ax.tick_params(axis="y", labelsize="small")
    ax.cb_label_lines = n_lines  # lets a caller that owns the figure give it the height it needs
    ax.invert_yaxis()
    if len(numeric) > 1 or units:
        ax.legend(loc="best", fontsize="small")
    else:
        ax.set_xlabel(str(numeric[0]))
    if title:
        # Beside long labels the axes are narrow: a centred title would run off the
        # figure's right edge, so it ends at the axes' right edge and extends left.
        wide = max((len(line) for w in wrapped for line in w.split("\n")), default=0) > 24
        ax.set_title(textwrap.fill(title, 50), loc="right" if wide else "center")


def draw_assessment_heatmap(table, ax=None, annot: bool = True, cbar: bool = True, highlight=None):
    """Cases x Inkpen dimensions as a seaborn heatmap of level scores (1..5), one cell framed.

    Parameters
    ----------
    table, ax, annot, cbar
        As in :func:`plot_assessment_heatmap`.
    highlight : tuple, optional
        ``(case, dimension)`` of the cell to frame (None: no frame).

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(highlight=(case, dimension))`` moves the frame (``parts["frame"]``,
        a Rectangle at ``(column, row)``); the heatmap itself never moves.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"case": ["a"] * 2 + ["b"] * 2,
    ...                   "dimension": ["value", "tacitness"] * 2, "score": [5, 1, 3, 4]})
    >>> pic = draw_assessment_heatmap(t, highlight=("b", "tacitness"))
    >>> pic.parts["frame"].get_xy(), pic.update(highlight=None)[0].get_visible()
    ((1, 1), False)
    """
    from matplotlib.patches import Rectangle

    from casebook.plotting.picture import Picture

    ax = plot_assessment_heatmap(table, ax=ax, annot=annot, cbar=cbar)
    rows = list(dict.fromkeys(table["case"]))
    from casebook.cases import DIMENSIONS

    cols = [d for d in DIMENSIONS if d in set(table["dimension"])]
    frame = Rectangle((0, 0), 1, 1, fill=False, edgecolor="#d55e00", linewidth=3, visible=False, zorder=5)
    ax.add_patch(frame)

    def move(highlight=None):
        if highlight is None or highlight[0] not in rows or highlight[1] not in cols:
            frame.set_visible(False)
        else:
            frame.set_xy((cols.index(highlight[1]), rows.index(highlight[0])))
            frame.set_visible(True)
        return [frame]

    pic = Picture(ax, [frame], move, {"frame": frame})
    pic.update(highlight=highlight)
    return pic


def plot_assessment_heatmap(table, ax=None, annot: bool = True, cbar: bool = True):
    """Cases x Inkpen dimensions as a seaborn heatmap of level scores (1..5).

    Parameters
    ----------
    table : pandas.DataFrame
        The tidy table of :func:`casebook.cases.comparison_table` (columns
        ``case``, ``dimension`` or ``label``, ``score``).
    ax : Axes, optional
    annot : bool
        Write the score in each cell.
    cbar : bool
        Draw the colour bar labelled with the five levels.

    Returns
    -------
    Axes
        Rows follow the order of the cases in ``table``; columns the order
        of the dimensions in :data:`casebook.cases.DIMENSIONS`.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"case": ["a"] * 2 + ["b"] * 2,
    ...                   "dimension": ["value", "tacitness"] * 2, "score": [5, 1, 3, 4]})
    >>> ax = plot_assessment_heatmap(t)
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.collections[0].get_array().ravel().tolist()
    (['a', 'b'], [5, 1, 3, 4])
    """
    import seaborn as sns

    from casebook.cases import DIMENSIONS

    if table.empty:
        raise ValueError("plot_assessment_heatmap: the table is empty (no case has an assessment)")
    ax = _new_ax(ax, size=(8, 0.5 * table["case"].nunique() + 2))
    grid = table.pivot(index="case", columns="dimension", values="score")
    grid = grid.reindex(index=list(dict.fromkeys(table["case"])),
                        columns=[d for d in DIMENSIONS if d in grid.columns])
    hm = sns.heatmap(grid, ax=ax, vmin=1, vmax=5, cmap="viridis", annot=annot, fmt=".0f",
                     linewidths=0.5, linecolor="white", cbar=cbar,
                     xticklabels=[DIMENSIONS[d] for d in grid.columns])
    if cbar:
        bar = hm.collections[0].colorbar
        bar.set_ticks([1, 2, 3, 4, 5], labels=LEVEL_TICKS)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="x", labelrotation=30)
    for lab in ax.get_xticklabels():
        lab.set_horizontalalignment("right")
    return ax
