"""Plots for the learning-race model (chapter 05).

Examples
--------
>>> from casebook.models.races import LearningRace
>>> race = LearningRace()
>>> ax = plot_race(race.simulate(years=15, dt=0.1), quantity="dependence",
...                instability=race.instability_time(), threshold=race.threshold)
>>> ax.get_ylabel()
'dependence'
"""

from __future__ import annotations

__all__ = ["plot_race", "plot_sweep"]

_QUANTITIES = ("knowledge", "dependence", "power")


def plot_race(data, quantity: str = "dependence", ax=None, instability=None, threshold=None):
    """Draw one quantity of a simulated race over time, one line per partner.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :meth:`casebook.models.races.LearningRace.simulate`.
    quantity : {"knowledge", "dependence", "power"}
    ax : matplotlib Axes, optional
    instability : float, optional
        Time of instability, marked with a dashed vertical line.
    threshold : float, optional
        Dependence threshold, drawn as a dotted line on the dependence plot.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    from casebook.theme import PALETTE

    if quantity not in _QUANTITIES:
        raise ValueError(f"plot_race: argument 'quantity' must be one of {_QUANTITIES}, got {quantity!r}")
    missing = {"t", "partner", quantity} - set(data.columns)
    if missing:
        raise ValueError(f"plot_race: data lacks column(s) {sorted(missing)}")
    if ax is None:
        _, ax = plt.subplots()
    for i, (name, one) in enumerate(data.groupby("partner", sort=False)):
        ax.plot(one["t"], one[quantity], color=PALETTE[i % len(PALETTE)], label=str(name), lw=2.5)
    if threshold is not None and quantity == "dependence":
        ax.axhline(threshold, color=PALETTE[7], ls=":", lw=1.5, label="threshold")
    if instability is not None:
        ax.axvline(instability, color=PALETTE[3], ls="--", lw=1.5, label="instability")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("years since formation")
    ax.set_ylabel(quantity)
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_sweep(data, x: str, y: str = "instability_time", ax=None):
    """Line plot of a parameter sweep, e.g. time to instability against private share.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per parameter value; columns ``x`` and ``y``.
    x, y : str
        Column names.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> ax = plot_sweep(pd.DataFrame({"s": [0, 1], "instability_time": [5.0, 3.0]}), x="s")
    >>> len(ax.lines)
    1
    """
    import matplotlib.pyplot as plt

    from casebook.theme import PALETTE

    for col in (x, y):
        if col not in data.columns:
            raise ValueError(f"plot_sweep: data lacks column {col!r}")
    if ax is None:
        _, ax = plt.subplots()
    ax.plot(data[x], data[y], marker="o", color=PALETTE[0], lw=2.5)
    ax.set_xlabel(x.replace("_", " "))
    ax.set_ylabel(y.replace("_", " ") + " (years)")
    return ax
