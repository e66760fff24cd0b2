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

__all__ = ["draw_race", "draw_race_panels", "plot_race", "plot_sweep"]

_QUANTITIES = ("knowledge", "dependence", "power")
_TITLES = {"knowledge": "knowledge of partner", "dependence": "dependence", "power": "bargaining power"}


def _check(data, quantity):
    if quantity not in _QUANTITIES:
        raise ValueError(f"plot_race: argument 'quantity' must be one of {_QUANTITIES}, got {quantity!r}")
    missing = {"t", "partner", quantity} - set(data.columns)
    if missing:
        raise ValueError(f"plot_race: data lacks column(s) {sorted(missing)}")


def draw_race(data, quantity: str = "dependence", ax=None, instability=None, threshold=None, *,
              panel: bool = False, years: float | None = None):
    """Draw one quantity of a simulated race over time, one line per partner.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :meth:`casebook.models.races.LearningRace.simulate` (two partners).
    quantity : {"knowledge", "dependence", "power"}
    ax : matplotlib Axes, optional
    instability : float, optional
        Time of instability, marked with a dashed vertical line (hidden when None
        or beyond ``years``).
    threshold : float, optional
        Dependence threshold, drawn as a dotted line on the dependence plot.
    panel : bool
        Draw as one panel of :func:`draw_race_panels` (a title instead of a
        y label, the partners' legend only on the knowledge panel, a dot where
        dependence crosses the threshold) instead of a stand-alone chart.
    years : float, optional
        Fixed x range (0 to ``years``); default: the data's.

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(data, instability=None, threshold=None)`` moves every line.
        ``ax.lines``: the partners' lines, then the threshold (dependence), the
        instability line and (panel, dependence) the crossing dot.

    Examples
    --------
    >>> from casebook.models.races import LearningRace
    >>> race = LearningRace()
    >>> pic = draw_race(race.simulate(years=15, dt=0.1), instability=race.instability_time(),
    ...                 threshold=race.threshold)
    >>> pic.ax.get_ylabel(), len(pic.update(race.simulate(years=15, dt=0.1), threshold=0.3)) >= 3
    ('dependence', True)
    """
    from matplotlib.figure import Figure

    from casebook.plotting.picture import Picture
    from casebook.theme import PALETTE

    _check(data, quantity)
    if ax is None:
        ax = Figure().subplots()  # not pyplot: a chapter shows the figure once
    names = list(dict.fromkeys(data["partner"]))
    lines = [ax.plot(data.loc[data["partner"] == n, "t"], data.loc[data["partner"] == n, quantity],
                     color=PALETTE[i % len(PALETTE)], label=str(n), lw=2.5)[0] for i, n in enumerate(names)]
    moving = list(lines)
    thr = dot = None
    if quantity == "dependence" and (threshold is not None or panel):
        thr = ax.axhline(0.0, color=PALETTE[7], ls=":", lw=1.5, label="_threshold" if panel else "threshold")
        moving.append(thr)
    vline = ax.axvline(0.0, color=PALETTE[3], ls="--", lw=1.5,
                       label="instability" if instability is not None and not panel else "_instability")
    moving.append(vline)
    if panel and quantity == "dependence":
        dot, = ax.plot([], [], "o", color=PALETTE[3], ms=8)
        moving.append(dot)
    ax.set_ylim(-0.02, 1.02)
    if years is not None:
        ax.set_xlim(0, years)
    legend = None
    if panel:
        ax.set_title(_TITLES[quantity], fontsize=12)
        ax.set_xlabel("years", fontsize=10)
        ax.tick_params(labelsize=9)
        if quantity == "knowledge":
            legend = ax.legend(handles=lines, loc="lower right", fontsize=9)
            moving.append(legend)  # its text follows the partners' names
    else:
        ax.set_xlabel("years since formation")
        ax.set_ylabel(quantity)
        ax.legend(loc="best", fontsize="small")

    def move(data, instability=None, threshold=None):
        _check(data, quantity)
        names = list(dict.fromkeys(data["partner"]))
        if len(names) != len(lines):
            raise ValueError(f"plot_race: update needs {len(lines)} partners, got {len(names)}")
        for line, n in zip(lines, names):
            one = data.loc[data["partner"] == n]
            line.set_data(one["t"].to_numpy(), one[quantity].to_numpy())
        if legend is not None:
            for text, n in zip(legend.get_texts(), names):
                if text.get_text() != str(n):
                    text.set_text(str(n))
        if thr is not None:
            thr.set_visible(threshold is not None)
            if threshold is not None:
                thr.set_ydata([threshold, threshold])
        shown = instability is not None and (years is None or instability <= years)
        vline.set_visible(shown)
        if shown:
            vline.set_xdata([instability, instability])
        if dot is not None:
            dot.set_data(([instability], [threshold]) if shown and threshold is not None else ([], []))
        return list(moving)

    pic = Picture(ax, moving, move, {"lines": lines, "threshold": thr, "instability": vline, "dot": dot,
                                     "legend": legend})
    pic.update(data, instability=instability, threshold=threshold)
    return pic


def draw_race_panels(data, axes=None, instability=None, threshold=None, years: float | None = None):
    """The race in three panels side by side: knowledge, dependence and bargaining power over time.

    What the chapter 05 widget shows, and a static cell can draw the same way.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :meth:`casebook.models.races.LearningRace.simulate`.
    axes : sequence of three Axes, optional
        Default: a new 10.5 x 3.4 inch figure.
    instability, threshold : float, optional
        As in :func:`draw_race`.
    years : float, optional
        Fixed x range of every panel.

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(data, instability=None, threshold=None)`` moves all three panels;
        ``parts["pictures"]``: the three panels' pictures.

    Examples
    --------
    >>> from casebook.models.races import scenario
    >>> race = scenario("nummi")
    >>> pic = draw_race_panels(race.simulate(years=20, dt=0.1), instability=race.instability_time(),
    ...                        threshold=race.threshold, years=20)
    >>> [p.ax.get_title() for p in pic.parts["pictures"]]
    ['knowledge of partner', 'dependence', 'bargaining power']
    """
    from casebook.plotting.picture import group

    if axes is None:
        from matplotlib.figure import Figure

        axes = Figure(figsize=(10.5, 3.4), layout="constrained").subplots(1, 3)
    axes = list(axes)
    if len(axes) != 3:
        raise ValueError(f"draw_race_panels: needs three axes, got {len(axes)}")
    return group(draw_race(data, q, ax=ax, instability=instability, threshold=threshold, panel=True, years=years)
                 for ax, q in zip(axes, _QUANTITIES))


def plot_race(data, quantity: str = "dependence", ax=None, instability=None, threshold=None):
    """One quantity of a race (:func:`draw_race`), returning only the Axes.

    Returns
    -------
    matplotlib.axes.Axes
    """
    return draw_race(data, quantity, ax=ax, instability=instability, threshold=threshold).ax


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
    from matplotlib.figure import Figure

    from casebook.theme import PALETTE

    for col in (x, y):
        if col not in data.columns:
            raise ValueError(f"plot_sweep: data lacks column {col!r}")
    if ax is None:
        ax = Figure().subplots()  # not pyplot: a chapter shows the figure once
    ax.plot(data[x], data[y], marker="o", color=PALETTE[0], lw=2.5)
    ax.set_xlabel(x.replace("_", " "))
    ax.set_ylabel(y.replace("_", " ") + " (years)")
    return ax
