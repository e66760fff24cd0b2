"""Knowledge reaching the parent over time (chapter 04)."""

from __future__ import annotations

__all__ = ["plot_transfer"]


def plot_transfer(data, ax=None, pool=None):
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
    matplotlib.axes.Axes
        ``ax.lines[0]`` is explicit and ``ax.lines[1]`` tacit, so a widget
        can update them with ``set_ydata``; the ceilings follow if drawn.

    Examples
    --------
    >>> from casebook.models.transfer import simulate, LearningPlan
    >>> ax = plot_transfer(simulate(LearningPlan(meetings=3, rotations=1)), pool=(0.2, 0.8))
    >>> [l.get_label() for l in ax.lines[:2]]
    ['explicit', 'tacit']
    """
    from casebook.theme import PALETTE

    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=(8, 4.5), layout="constrained").subplots()
    for col, colour in [("explicit", PALETTE[0]), ("tacit", PALETTE[3])]:
        if col not in data:
            raise ValueError(f"plot_transfer: data has no column {col!r}")
        ax.plot(data["quarter"], data[col], lw=2.5, color=colour, label=col)
    if pool is not None:
        ax.axhline(pool[0], ls=":", color=PALETTE[0], lw=1.5)
        ax.axhline(pool[1], ls=":", color=PALETTE[3], lw=1.5)
    ax.set_ylim(0, 1.0)
    ax.set_xlim(0, float(data["quarter"].max()))
    ax.set_xlabel("quarters since the plan started")
    ax.set_ylabel("share of JV knowledge at the parent")
    ax.set_title("What reaches the parent")
    ax.legend(loc="upper left", fontsize="small")
    return ax
