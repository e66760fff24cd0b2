"""Pictures of the spillover models (chapters 06 and 07).

Each ``draw_*`` function takes data and an optional Axes and returns a
:class:`~casebook.plotting.picture.Picture` whose ``update`` moves it to new
data; ``plot_*`` is the same drawing returning only the Axes.

Examples
--------
>>> from casebook.models import spillovers as sp
>>> ax = plot_cluster_gains(sp.cluster_gains([3.0, 0.5, 0.5, 0.5], 0.5, 0.3, delta=0.5))
>>> ax.get_ylabel()
'gain from the cluster'
>>> ax = plot_leak_or_share(sp.rd_cooperation([0.0, 0.5, 1.0]))
>>> ax.get_xlabel()
'spillover β'
"""

from __future__ import annotations

import math

__all__ = ["draw_cluster_gains", "draw_leak_or_share", "draw_cluster_over_time", "plot_cluster_gains",
           "plot_leak_or_share", "plot_cluster_over_time", "nice_limit"]

_GAINS = (("inward", "inward"), ("outward", "outward (leak)"), ("net", "net"))


def _axes(ax):
    if ax is None:  # not pyplot: a chapter shows the figure once
        from matplotlib.figure import Figure

        ax = Figure().subplots()
    return ax


def nice_limit(v: float) -> float:
    """The next power of two above |v| (0 stays 0): an axis limit that moves in coarse, readable steps.

    Examples
    --------
    >>> nice_limit(5.0), nice_limit(-0.3), nice_limit(0)
    (8.0, -0.5, 0.0)
    """
    return 0.0 if v == 0 else math.copysign(2.0 ** math.ceil(math.log2(abs(v) * 1.05)), v)


def draw_cluster_gains(data, ax=None, labels=None):
    """Grouped bars of each firm's inward spillover, outward leak and net gain.

    The y range follows the data (8% margin, zero always shown); the y axis
    and the zero line are moving artists, so a widget redraws them over a
    background that never changes.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`casebook.models.spillovers.cluster_gains` (or some of its rows).
    ax : matplotlib Axes, optional
    labels : sequence of str, optional
        One label per row (default "firm 1", "firm 2" ...).

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(data)`` (same number of rows) moves the bars and the y range;
        ``parts["bars"]``: the three bar containers by column.

    Examples
    --------
    >>> from casebook.models import spillovers as sp
    >>> df = sp.cluster_gains([3.0, 0.5], 0.5, 0.3, delta=0.5)
    >>> pic = draw_cluster_gains(df, labels=["strong", "weak"])
    >>> len(pic.update(sp.cluster_gains([3.0, 0.5], 0.9, 0.3, delta=0.5)))
    8
    """
    import numpy as np

    from casebook.plotting.picture import Picture
    from casebook.theme import PALETTE

    ax = _axes(ax)
    n = len(data)
    x = np.arange(n)
    bars = {col: ax.bar(x + (k - 1) * 0.27, [0.0] * n, width=0.27, color=PALETTE[k], label=label)
            for k, (col, label) in enumerate(_GAINS)}
    zero = ax.axhline(0, color="black", lw=0.8)
    ax.set_xticks(x, list(labels) if labels is not None else [f"firm {i + 1}" for i in x])
    ax.set_ylabel("gain from the cluster", fontsize=11)
    ax.tick_params(labelsize=10)
    ax.legend(fontsize=9, loc="upper right")
    moving = [ax.yaxis, zero, *(r for bc in bars.values() for r in bc)]

    def move(data):
        if len(data) != n:
            raise ValueError(f"plot_cluster_gains: update needs {n} rows, got {len(data)}")
        for col, bc in bars.items():
            for rect, h in zip(bc, data[col]):
                rect.set_height(float(h))
        vals = data[[c for c, _ in _GAINS]].to_numpy(dtype=float)
        lo, hi = min(0.0, vals.min()), max(1e-9, vals.max())
        pad = 0.08 * (hi - lo)
        ax.set_ylim(lo - (pad if lo < 0 else 0.0), hi + pad)
        return moving

    pic = Picture(ax, moving, move, {"bars": bars, "zero": zero})
    pic.update(data)
    return pic


def draw_leak_or_share(data, ax=None, point=None):
    """Cooperative and non-cooperative R&D against the spillover, the threshold at one half marked.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`casebook.models.spillovers.rd_cooperation` over several spillovers.
    ax : matplotlib Axes, optional
    point : pandas.Series, optional
        One row of ``rd_cooperation`` (the spillover chosen): both R&D levels there are marked.

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(data, point=None)`` moves both curves, the marker and the
        y range (a power of two above the highest curve); ``parts["lines"]``:
        (non-cooperative, cooperative); ``parts["marker"]``.

    Examples
    --------
    >>> from casebook.models import spillovers as sp
    >>> grid = [i / 10 for i in range(11)]
    >>> pic = draw_leak_or_share(sp.rd_cooperation(grid), point=sp.rd_cooperation(0.3).iloc[0])
    >>> len(pic.parts["marker"].get_xdata()), len(pic.update(sp.rd_cooperation(grid, rd_cost=8.0)))
    (2, 4)
    """
    from casebook.plotting.picture import Picture
    from casebook.theme import PALETTE

    ax = _axes(ax)
    x = data.spillover.to_numpy(dtype=float)
    nc, = ax.plot(x, x * 0, color=PALETTE[0], lw=2.2, label="non-cooperative")
    co, = ax.plot(x, x * 0, color=PALETTE[1], lw=2.2, label="cooperative")
    ax.axvline(0.5, color=PALETTE[7], ls=":", lw=1.5)
    ax.text(0.51, 0.02, "β = 1/2", transform=ax.get_xaxis_transform(), fontsize=9)
    marker, = ax.plot([], [], "o", color=PALETTE[3], ms=8)
    ax.set_xlabel("spillover β", fontsize=11)
    ax.set_ylabel("R&D per firm", fontsize=11)
    ax.tick_params(labelsize=10)
    ax.legend(fontsize=9, loc="upper left")
    moving = [ax.yaxis, nc, co, marker]

    def move(data, point=None):
        nc.set_ydata(data.noncooperative.to_numpy(dtype=float))
        co.set_ydata(data.cooperative.to_numpy(dtype=float))
        ax.set_ylim(0.0, nice_limit(max(data.noncooperative.max(), data.cooperative.max())))
        if point is None:
            marker.set_data([], [])
        else:
            b = float(point.spillover)
            marker.set_data([b, b], [float(point.noncooperative), float(point.cooperative)])
        return moving

    pic = Picture(ax, moving, move, {"lines": (nc, co), "marker": marker})
    pic.update(data, point=point)
    return pic


def _role_stats(data, column, share_negative, band=True):
    """Per role: periods, mean and 10%/90% quantiles across firms (numpy, as pandas' describe computes them)."""
    import numpy as np

    v = data[column].to_numpy(dtype=float)
    if share_negative:
        v = (v < 0).astype(float)  # 1 where the firm would rather stay outside
    per, roles = data["period"].to_numpy(), data["role"].astype(str).to_numpy()
    out = {}
    for role in ("lead", "supplier"):
        m = roles == role
        if not m.any():
            continue
        periods, idx = np.unique(per[m], return_inverse=True)
        mean = np.bincount(idx, v[m]) / np.bincount(idx)
        if not band:  # the mean alone: no quantiles to compute
            out[role] = (periods, mean, None, None)
            continue
        splits = np.split(v[m][np.lexsort((v[m], idx))], np.cumsum(np.bincount(idx))[:-1])
        out[role] = (periods, mean, np.array([np.quantile(s, 0.1) for s in splits]),
                     np.array([np.quantile(s, 0.9) for s in splits]))
    return out


def draw_cluster_over_time(data, column: str = "knowledge", ax=None, *, share_negative: bool = False,
                           band: bool | None = None, title: str | None = None, legend: bool | str = True,
                           ylim=None):
    """Mean of one column per period for lead firms and suppliers, with a 10-90% band across firms.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`casebook.models.spillovers.simulate_cluster`.
    column : str
        Any numeric column, e.g. "knowledge", "gamma", "net".
    ax : matplotlib Axes, optional
    share_negative : bool
        Draw the share of firms whose ``column`` is below zero instead of the mean
        (with "net": the share that would rather leave).
    band : bool, optional
        Shade the 10-90% band (default: yes, except for a share).
    title : str, optional
        Title, in place of the y label.
    legend : bool or str
        Draw the legend (a string: its location; True: "best").
    ylim : tuple, optional
        Fixed y range (a widget's steady scale).

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(data)`` (same periods and roles) moves the lines and bands;
        ``parts["lines"]``: one line per role present, lead first.

    Examples
    --------
    >>> from casebook.models import spillovers as sp
    >>> df = sp.simulate_cluster(n_firms=20, n_lead=2, periods=5, seed=1)
    >>> pic = draw_cluster_over_time(df, "gamma")
    >>> [l.get_label() for l in pic.parts["lines"]], len(pic.update(df))
    (['lead firms', 'supplier firms'], 4)
    """
    from casebook.plotting.picture import Picture
    from casebook.theme import PALETTE

    ax = _axes(ax)
    if column not in data.columns:
        raise ValueError(f"data has no column {column!r}")
    band = (not share_negative) if band is None else band
    stats = _role_stats(data, column, share_negative, band)
    lines, bands = {}, {}
    for k, role in enumerate(("lead", "supplier")):
        if role not in stats:
            continue
        t, mean, lo, hi = stats[role]
        lines[role], = ax.plot(t, mean, color=PALETTE[k], lw=2.2, label=f"{role} firms")
        if band:
            bands[role] = ax.fill_between(t, lo, hi, color=PALETTE[k], alpha=0.2, lw=0)
    if title:
        ax.set_title(title, fontsize=11)
    else:
        ax.set_ylabel(f"share with {column} < 0" if share_negative else column)
    ax.set_xlabel("period", fontsize=10)
    ax.tick_params(labelsize=9)
    if ylim is not None:
        ax.set_ylim(*ylim)
    if stats:
        first = next(iter(stats.values()))[0]
        ax.set_xlim(float(first[0]), float(first[-1]))
    if legend:
        ax.legend(fontsize=9, loc=legend if isinstance(legend, str) else "best")
    moving = [*lines.values(), *bands.values()]

    def move(data):
        stats = _role_stats(data, column, share_negative, band)
        if set(stats) != set(lines):
            raise ValueError(f"plot_cluster_over_time: update needs roles {sorted(lines)}, got {sorted(stats)}")
        for role, (t, mean, lo, hi) in stats.items():
            lines[role].set_data(t, mean)
            if role in bands:
                bands[role].set_data(t, lo, hi)
        return moving

    pic = Picture(ax, moving, move, {"lines": list(lines.values()), "bands": bands})
    pic.update(data)
    return pic


def plot_cluster_gains(data, ax=None):
    """The cluster's gain bars (:func:`draw_cluster_gains`), returning only the Axes."""
    return draw_cluster_gains(data, ax=ax).ax


def plot_leak_or_share(data, ax=None):
    """Leak or share (:func:`draw_leak_or_share`), returning only the Axes."""
    return draw_leak_or_share(data, ax=ax).ax


def plot_cluster_over_time(data, column: str = "knowledge", ax=None):
    """A cluster over time (:func:`draw_cluster_over_time`), returning only the Axes."""
    return draw_cluster_over_time(data, column, ax=ax).ax
