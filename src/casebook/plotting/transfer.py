"""Knowledge reaching the parent over time (chapter 04)."""

from __future__ import annotations

__all__ = ["draw_transfer", "plot_transfer"]


def draw_transfer(data, ax=None, pool=None):
    """Explicit and tacit knowledge at the parent, quarter by quarter.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`casebook.models.transfer.simulate` (``quarter``,
        ``explicit``, ``tacit``).
    ax : matplotlib Axes, optional
    pool : tuple of float, optional
        The vignette's explicit and tacit pool, drawn as dotted ceilings.

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(data, pool=None)`` moves the curves (and the ceilings, if
        drawn). ``ax.lines[0]`` is explicit, ``ax.lines[1]`` tacit, then the ceilings.

    Examples
    --------
    >>> from casebook.models.transfer import simulate, LearningPlan
    >>> pic = draw_transfer(simulate(LearningPlan(meetings=3, rotations=1)), pool=(0.2, 0.8))
    >>> [l.get_label() for l in pic.ax.lines[:2]]
    ['explicit', 'tacit']
    >>> len(pic.update(simulate(LearningPlan(visits=2)), pool=(0.3, 0.7)))
    4
    """
    from casebook.plotting.picture import Picture, new_axes
    from casebook.theme import PALETTE

    ax = new_axes(ax, (8, 4.5))
    for col in ("explicit", "tacit"):
        if col not in data:
            raise ValueError(f"plot_transfer: data has no column {col!r}")
    curves = [ax.plot(data["quarter"], data[col] * 0.0, lw=2.5, color=colour, label=col)[0]
              for col, colour in [("explicit", PALETTE[0]), ("tacit", PALETTE[3])]]
    ceilings = [] if pool is None else [ax.axhline(0.0, ls=":", color=c, lw=1.5) for c in (PALETTE[0], PALETTE[3])]
    ax.set_ylim(0, 1.0)
    ax.set_xlim(0, float(data["quarter"].max()))
    ax.set_xlabel("quarters since the plan started")
    ax.set_ylabel("share of JV knowledge at the parent")
    ax.set_title("What reaches the parent")
    ax.legend(loc="upper left", fontsize="small")

    def move(data, pool=None):
        for line, col in zip(curves, ("explicit", "tacit")):
            line.set_ydata(data[col].to_numpy())
        if pool is not None and ceilings:
            for line, level in zip(ceilings, pool):
                line.set_ydata([level, level])
        return [*curves, *ceilings]

    pic = Picture(ax, [*curves, *ceilings], move, {"curves": curves, "ceilings": ceilings})
    pic.update(data, pool=pool)
    return pic


def plot_transfer(data, ax=None, pool=None):
    """The transfer curves (:func:`draw_transfer`), returning only the Axes.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` is explicit and ``ax.lines[1]`` tacit; the ceilings follow if drawn.

    Examples
    --------
    >>> from casebook.models.transfer import simulate
    >>> len(plot_transfer(simulate(None), pool=(0.2, 0.8)).lines)
    4
    """
    return draw_transfer(data, ax=ax, pool=pool).ax
