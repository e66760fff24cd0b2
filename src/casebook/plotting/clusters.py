"""Pictures of the cluster choices of chapters 06 and 07: who gains as learning gets harder, who stays, and what spillovers add.

Same pattern as :mod:`casebook.plotting.spillovers`: each ``draw_*`` returns a
:class:`~casebook.plotting.picture.Picture`, each ``plot_*`` only its Axes.
"""

from __future__ import annotations

from casebook.plotting.spillovers import _axes, nice_limit

__all__ = ["draw_inward_by_difficulty", "draw_membership", "draw_counterfactual", "plot_inward_by_difficulty",
           "plot_membership", "plot_counterfactual"]



def draw_inward_by_difficulty(data, ax=None, crossover=None):
    """Inward spillover of a strong and a weak firm against the difficulty of learning (chapter 06).

    Parameters
    ----------
    data : pandas.DataFrame
        Columns ``beta``, ``strong``, ``weak`` (inward gains).
    crossover : float, optional
        :math:`\\beta^\\times`, marked by a dotted line.

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(data, crossover=None)`` moves both curves and the marker line.

    Examples
    --------
    >>> import pandas as pd
    >>> pic = draw_inward_by_difficulty(pd.DataFrame({"beta": [0, 1], "strong": [1, 2], "weak": [2, 1]}), crossover=0.5)
    >>> [ln.get_label() for ln in pic.parts["lines"]]
    ['strong firm', 'a weak firm']
    """
    from casebook.plotting.picture import Picture
    from casebook.theme import PALETTE

    ax = _axes(ax)
    x = data.beta.to_numpy(dtype=float)
    strong, = ax.plot(x, x * 0, color=PALETTE[0], lw=2.2, label="strong firm")
    weak, = ax.plot(x, x * 0, color=PALETTE[1], lw=2.2, label="a weak firm")
    mark = ax.axvline(0.0, color=PALETTE[7], ls=":", lw=1.5)
    ax.set_xlabel("difficulty of learning β", fontsize=11)
    ax.set_ylabel("inward spillover", fontsize=11)
    ax.tick_params(labelsize=10)
    ax.legend(fontsize=9)
    moving = [ax.yaxis, strong, weak, mark]

    def move(data, crossover=None):
        strong.set_ydata(data.strong.to_numpy(dtype=float))
        weak.set_ydata(data.weak.to_numpy(dtype=float))
        ax.set_ylim(0.0, nice_limit(max(data.strong.max(), data.weak.max())))
        mark.set_visible(crossover is not None and 0 <= crossover <= 1)
        if crossover is not None:
            mark.set_xdata([crossover, crossover])
        return moving

    pic = Picture(ax, moving, move, {"lines": (strong, weak), "crossover": mark})
    pic.update(data, crossover=crossover)
    return pic


def draw_membership(history, ax=None):
    """The stay/leave spiral: firms inside, their R&D pool and weak firms' inward gain, round by round.

    Parameters
    ----------
    history : pandas.DataFrame
        :attr:`casebook.models.spillovers.Membership.history`.

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(history)``; ``parts["lines"]``: (members, pool, weak gain), each
        as a share of its value in round 0.

    Examples
    --------
    >>> from casebook.models import spillovers as sp
    >>> pic = draw_membership(sp.stable_membership().history)
    >>> [round(float(v), 2) for v in pic.parts["lines"][0].get_ydata()[[0, -1]]]
    [1.0, 0.67]
    """
    import numpy as np

    from casebook.plotting.picture import Picture
    from casebook.theme import PALETTE

    ax = _axes(ax)
    names = (("members", "firms inside"), ("pool", "R&D pool"), ("weak_gain", "weak firms' inward gain"))
    lines = [ax.plot([], [], "o-", color=PALETTE[k], lw=2.0, ms=4, label=label)[0]
             for k, (_, label) in enumerate(names)]
    ax.set_xlabel("round (one firm moves per round)", fontsize=11)
    ax.set_ylabel("share of the value with every firm inside", fontsize=10)
    ax.set_ylim(0, 1.05)
    ax.tick_params(labelsize=10)
    ax.legend(fontsize=9, loc="lower left")
    moving = [ax.xaxis, *lines]

    def move(history):
        r = history["round"].to_numpy(dtype=float)
        for line, (col, _) in zip(lines, names):
            v = history[col].to_numpy(dtype=float)
            start = v[0] if v[0] else 1.0
            line.set_data(r, np.nan_to_num(v / start))
        ax.set_xlim(-0.3, max(1.0, r.max()) + 0.3)
        return moving

    pic = Picture(ax, moving, move, {"lines": lines})
    pic.update(history)
    return pic


def draw_counterfactual(table, ax=None):
    """Absorptive capacity at the start, at the end, and at the end with no spillovers, by role (chapter 07).

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`casebook.models.spillovers.cluster_counterfactual`.

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(table)`` resets the bar heights; ``parts["bars"]``: three bar containers.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"gamma_start": [0.5, 0.2], "gamma_end": [0.9, 0.6], "gamma_end_baseline": [0.9, 0.4]},
    ...                  index=pd.Index(["lead", "supplier"], name="role"))
    >>> [round(float(b.get_height()), 1) for b in draw_counterfactual(t).parts["bars"][2]]
    [0.9, 0.4]
    """
    import numpy as np

    from casebook.plotting.picture import Picture
    from casebook.theme import PALETTE

    ax = _axes(ax)
    cols = (("gamma_start", "start"), ("gamma_end", "end, with spillovers"),
            ("gamma_end_baseline", "end, no spillovers (own R&D only)"))
    x = np.arange(len(table.index))
    bars = [ax.bar(x + (k - 1) * 0.27, np.zeros(len(x)), 0.25, color=PALETTE[k], label=label)
            for k, (_, label) in enumerate(cols)]
    ax.set_xticks(x, [str(v) for v in table.index])
    ax.set_ylabel("absorptive capacity γ", fontsize=11)
    ax.set_ylim(0, 1.05)
    ax.tick_params(labelsize=10)
    ax.legend(fontsize=9, loc="upper left")
    moving = [p for b in bars for p in b]

    def move(table):
        for b, (col, _) in zip(bars, cols):
            for patch, v in zip(b, table[col].to_numpy(dtype=float)):
                patch.set_height(v)
        return moving

    pic = Picture(ax, moving, move, {"bars": bars})
    pic.update(table)
    return pic


def plot_inward_by_difficulty(data, ax=None, crossover=None):
    """Inward gains against β (:func:`draw_inward_by_difficulty`), returning only the Axes."""
    return draw_inward_by_difficulty(data, ax=ax, crossover=crossover).ax


def plot_membership(history, ax=None):
    """The stay/leave spiral (:func:`draw_membership`), returning only the Axes."""
    return draw_membership(history, ax=ax).ax


def plot_counterfactual(table, ax=None):
    """Capacity with and without spillovers (:func:`draw_counterfactual`), returning only the Axes."""
    return draw_counterfactual(table, ax=ax).ax
