r"""Who races, and why: the learning race as a game between the two partners.

Each partner chooses its learning intent :math:`I_i` and its guard
:math:`\pi_i` (``protectiveness``). What it gets is **the casebook's own
operationalisation** of Khanna, Gulati and Nohria (1998), who split a
partner's benefits from a learning alliance into *private* benefits (what it
learns and applies in its own operations) and *common* benefits (what the
partners earn together in the alliance), and of Hamel (1991), for whom
learning by a competitor is a loss and openness is reciprocal.

Over a horizon :math:`H` partner :math:`i`'s payoff is

.. math::

    U_i = s_i\, k_i(H) + (1 - s_i)\, C - \omega\, k_j(H) - \gamma\,(I_i^2 + \pi_i^2),
    \qquad C = \frac1H \int_0^H \min\big(D_A(t), D_B(t)\big)\,dt ,

with :math:`s_i` its private share of benefits (the ratio of private to
common benefits is :math:`q_i = s_i/(1-s_i)`), :math:`\omega` the
competitive overlap, and :math:`\gamma` the cost of effort, of learning and
of guarding alike (gatekeepers, fewer partner personnel, control of key
operational tasks: the protective measures Inkpen 1996, 'The Cost of
Knowledge Creation', lists all take resources). Common benefits flow while
both partners still need the venture: the partner that needs it least sets
how much cooperation there is, so :math:`C` is the mean of the smaller
dependence (our reading of Inkpen and Beamish 1997, as cited by Inkpen
1998, note 19). Learning more raises the private term but drains the
common one; guarding slows the partner (a smaller loss :math:`\omega k_j`,
a longer-lived venture) but, through reciprocity :math:`\lambda`, slows
one's own learning too.

Each partner picks (intent, guard) on a grid (default steps of 0.05 on
[0, 1]); :func:`equilibrium` iterates best responses from the race's own
choices until neither partner wants to move (a pure-strategy Nash
equilibrium on the grid) and reports when that does not happen. Nothing is
random.

Examples
--------
>>> from casebook.models.races import LearningRace, Partner
>>> race = LearningRace(a=Partner("A", private_share=0.8), b=Partner("B", private_share=0.2))
>>> eq = equilibrium(race)
>>> eq["A"]["intent"] > eq["B"]["intent"]
True
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

__all__ = ["GRID", "payoffs", "outcome", "best_response", "equilibrium", "who_races"]

#: Default grid of choices for intent and guard (the casebook's choice): 0, 0.05, ..., 1.
GRID: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(21))

_NT = 401  # time points for the common-benefit integral (trapezoid rule)


def _check_grid(grid) -> np.ndarray:
    try:
        g = np.asarray([float(x) for x in grid])
    except (TypeError, ValueError):
        raise ValueError(f"strategy: argument 'grid' must be numbers in [0, 1], got {grid!r}") from None
    if g.size == 0 or np.isnan(g).any() or (g < 0).any() or (g > 1).any():
        raise ValueError(f"strategy: argument 'grid' must be numbers in [0, 1], got {grid!r}")
    return g


def _dependence_paths(race, t, learner, guardian, intent, guard, other_intent=None):
    """Dependence of ``learner`` over ``t`` for arrays of its own (intent, guard); shape (n, len(t))."""
    intent = np.atleast_1d(intent)[:, None]
    guard = np.atleast_1d(guard)[:, None]
    base = race.base_rate * learner.absorptive_capacity * (1.0 - learner.tacitness)
    h = race.honeymoon
    lam = 0.0
    for ease, span in ((1.0, np.minimum(t, h)), (1.0 - race.trust_relief, np.maximum(t - h, 0.0))):
        r = base * intent * (1.0 - guardian.protectiveness * ease) * (1.0 - race.reciprocity * guard * ease)
        lam = lam + r * span[None, :]
    return (1.0 - learner.knowledge0) * np.exp(-lam)


def _payoff_grid(race, who: str, grid: np.ndarray, guards=None):
    """``who``'s payoff for every (intent, guard) on ``grid`` x ``guards``, the other partner fixed."""
    me, other = (race.a, race.b) if who == race.a.name else (race.b, race.a)
    t = np.linspace(0.0, race.horizon, _NT)
    guards = grid if guards is None else np.asarray(guards, dtype=float)
    ii, gg = np.meshgrid(grid, guards, indexing="ij")
    ii, gg = ii.ravel(), gg.ravel()
    d_me = _dependence_paths(race, t, me, other, ii, gg)
    # the other's learning depends on my guard (it faces it) but not on my intent
    by_guard = {float(g): _dependence_paths(race, t, other, replace(me, protectiveness=float(g)),
                                            other.intent, other.protectiveness)[0] for g in guards}
    d_other = np.vstack([by_guard[float(g)] for g in gg])
    common = np.trapezoid(np.minimum(d_me, d_other), t, axis=1) / race.horizon
    k_me, k_other = 1.0 - d_me[:, -1], 1.0 - d_other[:, -1]
    u = (me.private_share * k_me + (1.0 - me.private_share) * common - race.overlap * k_other
         - race.effort_cost * (ii ** 2 + gg ** 2))
    return ii, gg, u


def outcome(race) -> dict:
    """What the race leads to over its horizon: knowledge, payoffs and the moment of instability.

    Returns
    -------
    dict
        ``time`` (years to instability, or None), ``calendar_year`` (when
        ``start_year`` is set and the venture turns unstable), ``leader``,
        ``common`` (the common-benefit index :math:`C`) and, per partner name,
        ``{"intent", "guard", "knowledge", "payoff"}`` (knowledge at the horizon).

    Examples
    --------
    >>> from casebook.models.races import LearningRace
    >>> out = outcome(LearningRace())
    >>> out["leader"], round(out["time"], 2)
    ('Partner A', 6.38)
    """
    t = np.linspace(0.0, race.horizon, _NT)
    d = {}
    for me, other in ((race.a, race.b), (race.b, race.a)):
        d[me.name] = _dependence_paths(race, t, me, other, me.intent, me.protectiveness)[0]
    common = float(np.trapezoid(np.minimum(d[race.a.name], d[race.b.name]), t) / race.horizon)
    inst = race.instability()
    out = {"time": inst["time"], "leader": inst["leader"], "common": common}
    if race.start_year is not None and inst["time"] is not None:
        out["calendar_year"] = race.start_year + inst["time"]
    for me, other in ((race.a, race.b), (race.b, race.a)):
        k_me, k_other = 1.0 - d[me.name][-1], 1.0 - d[other.name][-1]
        u = (me.private_share * k_me + (1.0 - me.private_share) * common - race.overlap * k_other
             - race.effort_cost * (me.intent ** 2 + me.protectiveness ** 2))
        out[me.name] = {"intent": me.intent, "guard": me.protectiveness, "knowledge": float(k_me),
                        "payoff": float(u)}
    return out


def payoffs(race) -> dict[str, float]:
    """Each partner's payoff :math:`U_i` (module docstring).

    Examples
    --------
    >>> from casebook.models.races import LearningRace
    >>> sorted(payoffs(LearningRace()))
    ['Partner A', 'Partner B']
    """
    out = outcome(race)
    return {p.name: out[p.name]["payoff"] for p in race.partners}


def _set(race, who, intent, guard):
    if who == race.a.name:
        return replace(race, a=replace(race.a, intent=float(intent), protectiveness=float(guard)))
    return replace(race, b=replace(race.b, intent=float(intent), protectiveness=float(guard)))


def best_response(race, who: str, grid=GRID, choose: str = "both") -> tuple[float, float]:
    """The (intent, guard) on ``grid`` that maximises ``who``'s payoff, the other's choice fixed.

    ``choose="intent"`` keeps ``who``'s guard as it is and picks only the
    intent. Ties go to the lower intent, then the lower guard (the cheaper choice).

    Examples
    --------
    >>> from casebook.models.races import LearningRace, Partner
    >>> race = LearningRace(a=Partner("A", private_share=0.0), b=Partner("B"))
    >>> best_response(race, "A")[0]   # nothing private to gain: no learning effort
    0.0
    """
    if who not in (race.a.name, race.b.name):
        raise KeyError(f"no partner named {who!r}; partners are {race.a.name!r} and {race.b.name!r}")
    if choose not in ("both", "intent"):
        raise ValueError(f"strategy: argument 'choose' must be 'both' or 'intent', got {choose!r}")
    g = _check_grid(grid)
    me = race.a if who == race.a.name else race.b
    ii, gg, u = _payoff_grid(race, who, g, None if choose == "both" else [me.protectiveness])
    j = int(np.flatnonzero(u >= u.max() - 1e-12)[0])   # first = lowest intent, then lowest guard
    return float(ii[j]), float(gg[j])


def equilibrium(race, grid=GRID, choose: str = "intent", max_rounds: int = 60) -> dict | None:
    """A pure-strategy Nash equilibrium, by best responses from the race's own choices.

    Partner A moves first, then B, and so on, until neither wants to move.
    With ``choose="intent"`` (the default) the partners choose how hard to
    learn, each guard being what the case (or a student's decision) sets;
    with ``choose="both"`` they choose their guards too. The second game
    often has no pure equilibrium on the grid: a wall (guard 1) shuts the
    partner out, the partner walls back, and best responses cycle, which is
    Hamel's point that openness is reciprocal; then the result is None.

    Returns
    -------
    dict or None
        :func:`outcome` of the equilibrium race plus ``race`` (that race) and
        ``rounds``; None when best responses cycle for ``max_rounds`` rounds.

    Examples
    --------
    >>> from casebook.models.races import LearningRace
    >>> eq = equilibrium(LearningRace())
    >>> eq is not None and eq["rounds"] < 60
    True
    """
    g = _check_grid(grid)
    r = race
    for n in range(1, max_rounds + 1):
        moved = False
        for who in (r.a.name, r.b.name):
            me = r.a if who == r.a.name else r.b
            i, p = best_response(r, who, g, choose)
            if (i, p) != (me.intent, me.protectiveness):
                r, moved = _set(r, who, i, p), True
        if not moved:
            out = outcome(r)
            out.update(race=r, rounds=n)
            return out
    return None


def who_races(race, grid=GRID, choose: str = "intent") -> str | None:
    """The partner that chooses the higher learning intent in equilibrium (None if equal or none).

    Examples
    --------
    >>> from casebook.models.races import LearningRace, Partner
    >>> who_races(LearningRace(a=Partner("A", private_share=0.9), b=Partner("B", private_share=0.1)))
    'A'
    """
    eq = equilibrium(race, grid, choose)
    if eq is None:
        return None
    ia, ib = eq[race.a.name]["intent"], eq[race.b.name]["intent"]
    if math.isclose(ia, ib):
        return None
    return race.a.name if ia > ib else race.b.name
