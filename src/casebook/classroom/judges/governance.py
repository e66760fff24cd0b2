"""Judges for decisions between routes to knowledge (chapter 02's chooser, :mod:`casebook.models.governance`).

An option's ``params`` name its ``route`` (one of
:data:`casebook.models.governance.ROUTES`) and may add the assumptions a
student would need to hold for it (any :class:`~casebook.models.governance.Situation`
field). ``judge_context`` gives the situation's fields (``speed``, ``budget``,
...): the casebook's reading of the protagonist's situation at the moment of
decision. The judgement reports the
route's score and rank there, ties as ties, and, if the option brings its
own assumptions, how the verdict changes under them. It is the casebook's
own weighting of the readings' arguments.

Examples
--------
>>> ctx = {"speed": "high", "budget": "low", "knowledge": "component", "coordination": "simple"}
>>> route_verdict({"route": "contract_alliance"}, **ctx).figures["rank"]
1.0
>>> route_verdict({"route": "merger"}, **ctx)
Traceback (most recent call last):
...
ValueError: params: 'route' must be one of ('internal', 'market_purchase', 'contract_alliance', 'equity_jv', 'acquisition'), got 'merger'
"""

from __future__ import annotations

from casebook.classroom.judges import Judgement

__all__ = ["route_verdict"]


def _place(rec, route):
    from casebook.models.governance import ROUTE_LABELS

    if not rec.feasible[route]:
        return None, f"{ROUTE_LABELS[route]} is ruled out"
    better = sum(1 for r in rec.scores if rec.feasible[r] and rec.scores[r] > rec.scores[route])
    rank = better + 1
    equal = [ROUTE_LABELS[r] for r in rec.scores if r != route and rec.feasible[r]
             and rec.scores[r] == rec.scores[route]]
    tie = f", tied with {' and '.join(equal)}" if equal else ""
    return rank, f"{ROUTE_LABELS[route]} scores {rec.scores[route]:+d}, rank {rank} of 5{tie}"


def route_verdict(params: dict, **situation) -> Judgement:
    """Where the option's route stands in the chooser, for the shared situation and under its own assumptions.

    Parameters
    ----------
    params : dict
        ``route`` and optional Situation fields (the option's own assumptions).
    **situation
        Situation fields: the casebook's reading of the case at the decision.

    Returns
    -------
    Judgement
        ``figures``: ``score``, ``rank`` (None if ruled out), ``tied`` (1/0),
        and, with assumptions, ``score_assumed`` and ``rank_assumed``.

    Examples
    --------
    >>> ctx = {"speed": "medium", "budget": "high", "knowledge": "component", "coordination": "complex",
    ...        "capability": "strong"}
    >>> j = route_verdict({"route": "internal", "speed": "low"}, **ctx)
    >>> j.figures["rank_assumed"] <= j.figures["rank"]
    True
    """
    from casebook.models.governance import OPTIONS, ROUTES, Situation, choose

    params = dict(params)
    route = params.pop("route", None)
    if route not in ROUTES:
        raise ValueError(f"params: 'route' must be one of {ROUTES}, got {route!r}")
    bad = [k for k in params if k not in OPTIONS]
    if bad:
        raise ValueError(f"params: unknown key {bad[0]!r}; use route or one of {', '.join(OPTIONS)}")
    shared = choose(Situation(**situation))
    rank, text = _place(shared, route)
    figures = {"score": shared.scores[route], "rank": rank,
               "tied": 1.0 if rank is not None and sum(
                   1 for r in ROUTES if shared.feasible[r] and shared.scores[r] == shared.scores[route]) > 1 else 0.0}
    line = f"In the casebook's chooser, for the situation as the chapter reads it, {text}."
    if params:
        own = choose(Situation(**{**situation, **params}))
        rank2, text2 = _place(own, route)
        changed = ", ".join(f"{k} {v}" for k, v in params.items())
        line += f" If you also assume {changed}: {text2}."
        figures.update({"score_assumed": own.scores[route], "rank_assumed": rank2})
    return Judgement(line, figures)
