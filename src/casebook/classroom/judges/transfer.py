"""Judges for learning-plan decisions (chapter 04's model, :mod:`casebook.models.transfer`).

An option's ``params`` hold the plan's lever units (``meetings``, ``visits``,
``liaison``, ``rotations``, ``planning``; missing ones are 0) and may set any
of the six facilitating factors (``flexible_objectives``, ``leadership``,
``trust``, ``redundancy``, ``creative_chaos``, ``myopia``, each in [0, 1];
the others keep the context's values). ``judge_context`` names the
``vignette`` and may give ``budget``, ``horizon`` and any factor's value for
the case as it stood (``leadership: 0.3``). The judgement is the casebook's own model's.

Examples
--------
>>> j = plan_outcome({"visits": 4}, vignette="nonunion_hr")
>>> j.figures["explicit_share"] > j.figures["tacit_share"] > 0
True
>>> plan_outcome({"dinners": 2}, vignette="nonunion_hr")
Traceback (most recent call last):
...
ValueError: params: unknown key 'dinners'; use meetings, visits, liaison, rotations, planning or a factor (flexible_objectives, leadership, trust, redundancy, creative_chaos, myopia)
"""

from __future__ import annotations

from dataclasses import fields

from casebook.classroom.judges import Judgement

__all__ = ["plan_outcome"]


def plan_outcome(params: dict, *, vignette: str, budget: float | None = None, horizon: int | None = None,
                 **factors) -> Judgement:
    """What share of the venture's explicit and tacit knowledge the option's plan brings home.

    Parameters
    ----------
    params : dict
        Lever units and factor overrides (see the module docstring).
    vignette : str
        A key of :data:`casebook.models.transfer.VIGNETTES`.
    budget, horizon : optional
        Defaults :data:`~casebook.models.transfer.DEFAULT_BUDGET` and
        :data:`~casebook.models.transfer.HORIZON` (12 quarters).
    **factors
        The case's facilitating factors before the decision (``leadership=0.3`` ...).

    Returns
    -------
    Judgement
        ``figures``: ``explicit_share``, ``tacit_share`` (of each pool, after
        the horizon), ``cost``, ``uptake``.

    Examples
    --------
    >>> fund = plan_outcome({"visits": 3, "rotations": 1, "leadership": 0.9}, vignette="continuous_improvement")
    >>> shelve = plan_outcome({"leadership": 0.1, "myopia": 0.9}, vignette="continuous_improvement")
    >>> fund.figures["tacit_share"] > shelve.figures["tacit_share"]
    True
    """
    from casebook.models import transfer as t

    names = [f.name for f in fields(t.Factors)]
    unknown = [k for k in params if k not in t.LEVERS and k not in names]
    if unknown:
        raise ValueError(f"params: unknown key {unknown[0]!r}; use {', '.join(t.LEVERS)} or a factor "
                         f"({', '.join(names)})")
    budget = t.DEFAULT_BUDGET if budget is None else budget
    horizon = t.HORIZON if horizon is None else horizon
    bad = [k for k in factors if k not in names]
    if bad:
        raise ValueError(f"judge_context: unknown factor {bad[0]!r}; use {', '.join(names)}")
    base = {**factors, **{k: v for k, v in params.items() if k in names}}
    f = t.Factors(**base)
    plan = t.LearningPlan(**{k: v for k, v in params.items() if k in t.LEVERS}, budget=budget)
    out = t.simulate(plan, f, vignette, horizon).iloc[-1]
    v = t.VIGNETTES[vignette]
    e, ta = float(out["explicit"]) / v.explicit, float(out["tacit"]) / v.tacit
    line = (f"In the casebook's learning-plan model, after {horizon} quarters the parent holds {e:.0%} of the "
            f"venture's explicit and {ta:.0%} of its tacit knowledge, for {plan.cost():g} of {budget:g} budget "
            f"points (uptake {t.uptake(f):.2f} a quarter).")
    return Judgement(line, {"explicit_share": e, "tacit_share": ta, "cost": plan.cost(), "uptake": t.uptake(f)})
