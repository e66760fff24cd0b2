"""Judges for chapter 06 and 07 decisions, from :mod:`casebook.models.spillovers`.

``location`` (chapter 06): a strong firm decides whether and how to locate
in a cluster of 15 firms (:data:`~casebook.models.spillovers.DEFAULT_RD`;
the deciding firm is firm 0, R&D 4). An option's ``params``:

``join``
    ``true`` to locate in the cluster, ``false`` to stay away (payoff 0).
``lockdown``
    share in [0, 1] of the firm's inward flow lost by clamping down on
    contacts; its outward leak is unchanged, since a spillover bypasses
    controls (Tallman n.d., '4. Clusters'). Default 0.
``allies``
    how many of the weak firms (the weakest first) the firm ties to itself
    by formal alliances; their gain no longer counts as a rival's gain.
    Default 0.

``supplier_sharing`` (chapter 07): a lead firm decides how much production
know-how to share with its supplier group in the cluster over time of
:func:`~casebook.models.spillovers.simulate_cluster` (60 firms, 3 lead
firms; the deciding lead firm heads group 0). ``params``:
``theta_within`` (spillover inside the group, raised by sharing),
``theta_across`` (what reaches other groups through shared suppliers) and
``delta_within`` (rivalry inside the group; 0 when suppliers are tied by
long-term contracts).

Every judgement is the casebook's own model's, not a finding of a reading,
and each reports the no-spillover baseline beside it.

Examples
--------
>>> j = location({"join": True})
>>> j.summary.startswith("In the casebook's cluster accounting")
True
>>> location({"join": True, "lockdown": 2})
Traceback (most recent call last):
...
ValueError: params: 'lockdown' must lie in [0, 1], got 2
"""

from __future__ import annotations

import math

import numpy as np

from casebook.classroom.judges import Judgement

__all__ = ["location", "supplier_sharing"]

_LOCATION_KEYS = ("join", "lockdown", "allies")
_SHARING_KEYS = ("theta_within", "theta_across", "delta_within")


def _unit(key, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"params: {key!r} must be a number, got {value!r}")
    if not 0 <= value <= 1:
        raise ValueError(f"params: {key!r} must lie in [0, 1], got {value!r}")
    return float(value)


def _unknown(params, keys):
    for k in params:
        if k not in keys:
            raise ValueError(f"params: unknown key {k!r}; use {', '.join(keys)}")


def location(params: dict, *, beta: float = 0.5, theta: float = 0.3, delta: float = 0.5) -> Judgement:
    """What locating in (or away from) the cluster is worth to the strongest of 15 firms.

    Returns
    -------
    Judgement
        ``figures``: ``inward``, ``outward``, ``payoff`` (0 if away),
        ``payoff_no_spillovers`` (always 0), ``stays_if_free`` (1 if the
        firm is still inside when every firm may leave, else 0),
        ``members_stable`` (how many of 15 stay then).

    Examples
    --------
    >>> location({"join": False}).figures["payoff"]
    0.0
    >>> location({"join": True, "allies": 10}).figures["payoff"] > location({"join": True}).figures["payoff"]
    True
    """
    from casebook.models import spillovers as sp

    _unknown(params, _LOCATION_KEYS)
    join = params.get("join", True)
    if not isinstance(join, bool):
        raise ValueError(f"params: 'join' must be true or false, got {join!r}")
    lock = _unit("lockdown", params.get("lockdown", 0.0))
    allies = params.get("allies", 0)
    if isinstance(allies, bool) or not isinstance(allies, int) or not 0 <= allies <= 14:
        raise ValueError(f"params: 'allies' must be a whole number 0..14, got {allies!r}")
    rd = np.asarray(sp.DEFAULT_RD)
    df = sp.cluster_gains(rd, beta, theta, delta)
    g = df.gamma.to_numpy()
    inward = float(df.inward[0]) * (1 - lock)
    allied = np.argsort(rd, kind="stable")[:allies]
    rival = np.ones(rd.size, dtype=bool)
    rival[0] = False
    rival[allied] = False
    outward = float(theta * rd[0] * g[1:].sum())
    hurt = float(theta * rd[0] * g[rival].sum())
    payoff = inward - delta * hurt if join else 0.0
    free = sp.stable_membership(rd, beta=beta, theta=theta, delta=delta)
    stays = 0 in free.members
    if join:
        line = (f"In the casebook's cluster accounting the strong firm takes in {inward:.2f} and leaks "
                f"{outward:.2f}, of which {hurt:.2f} reaches rivals: net {payoff:+.2f} a period "
                f"(away: 0; with no spillovers at all: 0).")
    else:
        line = ("In the casebook's cluster accounting staying away gives 0: nothing in, nothing out "
                f"(inside, untied and open, it would net {float(df.net[0]):+.2f}).")
    line += (f" If every firm may leave, {free.n_members} of 15 stay and the strong firm "
             f"{'is among them' if stays else 'is among the first to go'}.")
    return Judgement(line, {"inward": inward if join else 0.0, "outward": outward if join else 0.0,
                            "payoff": payoff, "payoff_no_spillovers": 0.0, "stays_if_free": float(stays),
                            "members_stable": float(free.n_members)})


_BASE = dict(n_firms=60, n_lead=3, periods=30, beta=0.9, theta_within=0.05, theta_across=0.005, delta=0.5,
             strong_rd=0.6, weak_rd=0.1, seed=0, runs=10)


def supplier_sharing(params: dict, **context) -> Judgement:
    """What a lead firm's sharing policy does to its suppliers' capacity and to its own wish to stay.

    Returns
    -------
    Judgement
        ``figures``: ``supplier_gamma_end`` and ``supplier_gamma_end_baseline``
        (the lead firm's own suppliers after 30 periods, with the option and
        with no spillovers at all), ``lead_gamma_end``, ``lead_net_end`` (the
        lead firm's net gain per period at the end) and ``rival_supplier_gamma_end``
        (suppliers of the other groups).

    Examples
    --------
    >>> a = supplier_sharing({"theta_within": 0.15, "delta_within": 0.0})
    >>> b = supplier_sharing({"theta_within": 0.05})
    >>> a.figures["supplier_gamma_end"] > b.figures["supplier_gamma_end"]
    True
    """
    from casebook.models import spillovers as sp

    _unknown(params, _SHARING_KEYS)
    kw = {**_BASE, **context}
    for k in _SHARING_KEYS:
        if k in params:
            kw[k] = _unit(k, params[k])
    df = sp.simulate_cluster(**kw)
    base = sp.simulate_cluster(**{**kw, "theta_within": 0.0, "theta_across": 0.0})
    last = df[df.period == df.period.max()]
    blast = base[base.period == base.period.max()]
    own = (last.group == 0) & (last.role == "supplier")
    figs = {"supplier_gamma_end": float(last[own].gamma.mean()),
            "supplier_gamma_end_baseline": float(blast[(blast.group == 0) & (blast.role == "supplier")].gamma.mean()),
            "lead_gamma_end": float(last[(last.group == 0) & (last.role == "lead")].gamma.mean()),
            "lead_net_end": float(last[(last.group == 0) & (last.role == "lead")].net.mean()),
            "rival_supplier_gamma_end": float(last[(last.group != 0) & (last.role == "supplier")].gamma.mean())}
    line = (f"In the casebook's cluster-over-time model your suppliers reach absorptive capacity "
            f"{figs['supplier_gamma_end']:.2f} after 30 periods (their own R&D alone: "
            f"{figs['supplier_gamma_end_baseline']:.2f}); your net gain from the cluster is "
            f"{figs['lead_net_end']:+.3f} a period{' (you would rather leave)' if figs['lead_net_end'] < 0 else ''}. "
            f"(The model gives every group the same policy.)")
    return Judgement(line, figs)
