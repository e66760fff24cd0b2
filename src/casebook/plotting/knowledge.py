"""Plots for chapter 01: the knowledge spiral.

Examples
--------
>>> from casebook.models.knowledge import spiral
>>> ax = plot_spiral(spiral(interactions=1, personnel=0.5))
>>> [t.get_text() for t in ax.get_xticklabels()]
['individual', 'group', 'firm']
"""

from __future__ import annotations

__all__ = ["draw_spiral", "plot_spiral", "spiral_bar_heights"]


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


def draw_spiral(result, ax=None, ymax: float | None = None, title: str | None = None):
    """Stacked bars of explicit and tacit knowledge at individual, group and firm level.

    Parameters
    ----------
    result : casebook.models.knowledge.SpiralResult
    ax : matplotlib Axes, optional
    ymax : float, optional
        Upper limit of the y axis (fixed, so that a widget's bars move against a steady scale).
    title : str, optional

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(result)`` moves the bars; ``parts["bars"] = (explicit_bars, tacit_bars)``,
        also kept as ``ax.cb_bars``.

    Examples
    --------
    >>> from casebook.models.knowledge import spiral
    >>> pic = draw_spiral(spiral())
    >>> moved = pic.update(spiral(personnel=1.0))
    >>> len(moved), round(pic.parts["bars"][0][2].get_height(), 3) > 0
    (6, True)
    """
    from casebook.plotting.picture import Picture, new_axes
    from casebook.theme import PALETTE

    ax = new_axes(ax, (6, 3.5))
    explicit, tacit = spiral_bar_heights(result)
    x = range(len(result.levels))
    be = ax.bar(x, [0.0] * len(x), color=PALETTE[0], label="explicit")
    bt = ax.bar(x, [0.0] * len(x), color=PALETTE[1], label="tacit")
    ax.set_xticks(list(x), list(result.levels))
    ax.set_ylabel("knowledge (units)")
    ax.set_ylim(0, ymax if ymax is not None else max(1.0, 1.1 * max(e + t for e, t in zip(explicit, tacit))))
    ax.legend(loc="upper right", frameon=False)
    if title:
        ax.set_title(title)
    ax.cb_bars = (be, bt)

    def move(result):
        explicit, tacit = spiral_bar_heights(result)
        for b_e, b_t, e, t in zip(be, bt, explicit, tacit):
            b_e.set_height(e)
            b_t.set_y(e)
            b_t.set_height(t)
        return [*be, *bt]

    pic = Picture(ax, [*be, *bt], move, {"bars": (be, bt)})
    pic.update(result)
    return pic


def plot_spiral(result, ax=None, ymax: float | None = None):
    """The spiral's bars (:func:`draw_spiral`), returning only the Axes.

    Returns
    -------
    matplotlib Axes
        With ``ax.cb_bars = (explicit_bars, tacit_bars)``.
    """
    return draw_spiral(result, ax=ax, ymax=ymax).ax
