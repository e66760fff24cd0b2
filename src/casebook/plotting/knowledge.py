"""Plots for chapter 01: the knowledge spiral.

Examples
--------
>>> from casebook.models.knowledge import spiral
>>> ax = plot_spiral(spiral(interactions=1, personnel=0.5))
>>> [t.get_text() for t in ax.get_xticklabels()]
['individual', 'group', 'firm']
"""

from __future__ import annotations

__all__ = ["plot_spiral", "spiral_bar_heights"]


def spiral_bar_heights(result):
    """Explicit and tacit amounts at each level, as two lists (what the bars show).

    Examples
    --------
    >>> from casebook.models.knowledge import spiral
    >>> e, t = spiral_bar_heights(spiral())
    >>> e[0] + t[0]
    1.0
    """
    return [float(v) for v in result.explicit], [float(v) for v in result.tacit]


def plot_spiral(result, ax=None, ymax: float | None = None):
    """Stacked bars of explicit and tacit knowledge at individual, group and firm level.

    Parameters
    ----------
    result : casebook.models.knowledge.SpiralResult
    ax : matplotlib Axes, optional
    ymax : float, optional
        Upper limit of the y axis (fixed, so that a widget's bars move against a steady scale).

    Returns
    -------
    matplotlib Axes
        With ``ax.cb_bars = (explicit_bars, tacit_bars)`` for in-place updates.
    """
    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=(6, 3.5), layout="constrained").subplots()
    from casebook.theme import PALETTE

    explicit, tacit = spiral_bar_heights(result)
    x = range(len(result.levels))
    be = ax.bar(x, explicit, color=PALETTE[0], label="explicit")
    bt = ax.bar(x, tacit, bottom=explicit, color=PALETTE[1], label="tacit")
    ax.set_xticks(list(x), list(result.levels))
    ax.set_ylabel("knowledge (units)")
    ax.set_ylim(0, ymax if ymax is not None else max(1.0, 1.1 * max(e + t for e, t in zip(explicit, tacit))))
    ax.legend(loc="upper right", frameon=False)
    ax.cb_bars = (be, bt)
    return ax
