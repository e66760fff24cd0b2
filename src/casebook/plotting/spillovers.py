"""Plots for the spillover models (chapters 06 and 07). Each takes data, an optional Axes, and returns the Axes.

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

__all__ = ["plot_cluster_gains", "plot_leak_or_share", "plot_cluster_over_time"]


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    return ax


def plot_cluster_gains(data, ax=None):
    """Grouped bars of each firm's inward spillover, outward leak and net gain.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`casebook.models.spillovers.cluster_gains`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import numpy as np

    from casebook.theme import PALETTE

    ax = _axes(ax)
    x = np.arange(len(data))
    for k, (col, label) in enumerate((("inward", "inward"), ("outward", "outward (leak)"), ("net", "net"))):
        ax.bar(x + (k - 1) * 0.27, data[col], width=0.27, color=PALETTE[k], label=label)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xticks(x, [f"firm {i + 1}" for i in x])
    ax.set_ylabel("gain from the cluster")
    ax.legend(fontsize=9)
    return ax


def plot_leak_or_share(data, ax=None):
    """Cooperative and non-cooperative R&D against the spillover, threshold at one half marked.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`casebook.models.spillovers.rd_cooperation` over several spillovers.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    from casebook.theme import PALETTE

    ax = _axes(ax)
    ax.plot(data.spillover, data.noncooperative, color=PALETTE[0], lw=2.2, label="non-cooperative")
    ax.plot(data.spillover, data.cooperative, color=PALETTE[1], lw=2.2, label="cooperative")
    ax.axvline(0.5, color=PALETTE[7], ls=":", lw=1.5)
    ax.set_xlabel("spillover β")
    ax.set_ylabel("R&D per firm")
    ax.legend(fontsize=9)
    return ax


def plot_cluster_over_time(data, column: str = "knowledge", ax=None):
    """Mean of one column per period for lead firms and suppliers, with a 10-90% band across firms.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`casebook.models.spillovers.simulate_cluster`.
    column : str
        Any numeric column, e.g. "knowledge", "gamma", "net".
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    from casebook.theme import PALETTE

    ax = _axes(ax)
    if column not in data.columns:
        raise ValueError(f"data has no column {column!r}")
    stats = data.groupby(["role", "period"], observed=True)[column].describe(percentiles=[0.1, 0.9])
    for k, role in enumerate(("lead", "supplier")):
        if role not in stats.index.get_level_values(0):
            continue
        s = stats.loc[role]
        ax.plot(s.index, s["mean"], color=PALETTE[k], lw=2.2, label=f"{role} firms")
        ax.fill_between(s.index, s["10%"], s["90%"], color=PALETTE[k], alpha=0.2)
    ax.set_xlabel("period")
    ax.set_ylabel(column)
    ax.legend(fontsize=9)
    return ax
