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

__all__ = ["plot_exhibit", "plot_assessment_heatmap", "LEVEL_TICKS"]

#: Characters per line of an exhibit's row labels before they wrap.
LABEL_WIDTH = 44

#: Tick labels of the 1..5 colour bar (the five-level scale).
LEVEL_TICKS = ["very low", "low", "medium", "high", "very high"]


def _new_ax(ax, size=(7, 4)):
    if ax is not None:
        return ax
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained").subplots()


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
    import textwrap

    import numpy as np
    import pandas as pd

    from casebook.theme import PALETTE

    ax = _new_ax(ax)
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
    return ax


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
