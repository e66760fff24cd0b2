"""Judges for decisions in a learning race (chapter 05's model, :mod:`casebook.models.races`).

An option's ``params`` change the calibrated scenario (``judge_context:
{scenario: nummi}``):

``a_<field>``, ``b_<field>``
    a field of partner A (the case's perspective partner: General Motors in
    ``nummi``, Alpha in ``alpha_hito``, the American partner in
    ``protective_partner``) or of partner B, one of ``intent``,
    ``connections``, ``relatedness``, ``cultural_alignment``, ``tacitness``,
    ``protectiveness`` (how hard that partner guards its own skills),
    ``knowledge0``, each in [0, 1].
``threshold``, ``trust_relief``, ``reciprocity``, ``honeymoon``
    the race's own fields (see :class:`casebook.models.races.LearningRace`).
``venture``
    ``false`` for an option that walks away: there is no race, and the
    judgement says so.

The judgement is the casebook's own model's, not a finding of the readings.

Examples
--------
>>> j = who_first({"a_intent": 0.9, "a_connections": 0.9}, scenario="nummi")
>>> j.summary.startswith("In the casebook's race model")
True
>>> who_first({"a_speed": 1}, scenario="nummi")
Traceback (most recent call last):
...
ValueError: params: unknown key 'a_speed'; use a_/b_ + one of intent, connections, relatedness, cultural_alignment, tacitness, protectiveness, knowledge0, or threshold, trust_relief, reciprocity, honeymoon, venture
"""

from __future__ import annotations

import math
from dataclasses import replace

from casebook.classroom.judges import Judgement

__all__ = ["who_first", "with_reply", "after_instability"]

_PARTNER_FIELDS = ("intent", "connections", "relatedness", "cultural_alignment", "tacitness",
                   "protectiveness", "knowledge0")
_RACE_FIELDS = ("threshold", "trust_relief", "reciprocity", "honeymoon")


def _number(key, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"params: {key!r} must be a finite number, got {value!r}")
    return float(value)


def _race(params: dict, scenario: str):
    from casebook.models.races import scenario as calibrated

    race = calibrated(scenario)
    partner_changes = {"a": {}, "b": {}}
    race_changes = {}
    for key, value in params.items():
        side, _, fld = key.partition("_")
        if side in partner_changes and fld in _PARTNER_FIELDS:
            partner_changes[side][fld] = _number(key, value)
        elif key in _RACE_FIELDS:
            race_changes[key] = _number(key, value)
        elif key != "venture":
            raise ValueError(f"params: unknown key {key!r}; use a_/b_ + one of "
                             f"{', '.join(_PARTNER_FIELDS)}, or {', '.join(_RACE_FIELDS)}, venture")
    a = replace(race.a, **partner_changes["a"])
    b = replace(race.b, **partner_changes["b"])
    return replace(race, a=a, b=b, **race_changes)


def _when(race, t) -> str:
    if race.start_year is not None:
        return f"after {t:.1f} years (about {race.start_year + t:.0f})"
    return f"after {t:.1f} years"


def who_first(params: dict, *, scenario: str, horizon_years: float = 30.0) -> Judgement:
    """Who becomes independent of the venture first, and when, if the option is taken.

    Parameters
    ----------
    params : dict
        The option's changes to the scenario (see the module docstring).
    scenario : str
        A calibrated scenario of :func:`casebook.models.races.scenario`.
    horizon_years : float, default 30
        Independence later than this is reported as "not within" it (the
        model is not meant to see further).

    Returns
    -------
    Judgement
        ``figures``: ``a_independent_year`` and ``b_independent_year``
        (years from formation, ``None`` if never), ``instability_year``,
        ``laggard_dependence`` and ``venture`` (1 or 0).

    Examples
    --------
    >>> learn = who_first({"a_intent": 0.9, "a_connections": 0.9}, scenario="nummi")
    >>> drift = who_first({"a_intent": 0.1}, scenario="nummi")
    >>> learn.figures["laggard_dependence"] < drift.figures["laggard_dependence"]
    True
    >>> who_first({"venture": False}, scenario="nummi").figures["venture"]
    0.0
    """
    if params.get("venture", True) is False:
        from casebook.models.races import scenario as calibrated

        race = calibrated(scenario)
        return Judgement(
            f"In the casebook's race model there is no venture, so no race: {race.a.name} learns "
            f"nothing from {race.b.name} this way, and {race.b.name} must find another route.",
            {"a_independent_year": None, "b_independent_year": None, "instability_year": None,
             "laggard_dependence": None, "venture": 0})
    if "venture" in params and params["venture"] is not True:
        raise ValueError(f"params: 'venture' must be true or false, got {params['venture']!r}")
    horizon = _number("horizon_years", horizon_years)
    if horizon <= 0:
        raise ValueError(f"judge_context: 'horizon_years' must be > 0, got {horizon_years!r}")
    race = _race({k: v for k, v in params.items() if k != "venture"}, scenario)
    ta, tb = race.independence_time(race.a.name), race.independence_time(race.b.name)
    ta, tb = (t if t is not None and t <= horizon else None for t in (ta, tb))
    out = race.instability()
    if out["time"] is not None and out["time"] > horizon:
        out = {"time": None, "leader": None, "laggard": None, "laggard_dependence": None}
    figures = {"a_independent_year": ta, "b_independent_year": tb, "instability_year": out["time"],
               "laggard_dependence": out["laggard_dependence"], "venture": 1}
    if out["leader"] is None:
        line = (f"In the casebook's race model neither {race.a.name} nor {race.b.name} becomes "
                f"independent of the venture within {horizon:g} years: it stays stable.")
        return Judgement(line, figures)
    leader, laggard = out["leader"], out["laggard"]
    t_lag = ta if laggard == race.a.name else tb
    tail = (f"{laggard} follows {_when(race, t_lag)}." if t_lag is not None
            else f"{laggard} does not within {horizon:g} years.")
    line = (f"In the casebook's race model {leader} becomes independent of the venture first, "
            f"{_when(race, out['time'])}, when {laggard} still depends on it at "
            f"{out['laggard_dependence']:.2f} (1 = fully); {tail}")
    return Judgement(line, figures)


# --- judges that let the partner answer, and that start from the moment of instability ---------------
# (chapter 05's Toyota-in-1988 decision and chapter 09's protective partner)

_MORE_PARTNER = ("private_share",)
_MORE_RACE = ("overlap", "horizon", "effort_cost")


def _race_any(params: dict, scenario: str):
    """Like ``_race`` but also accepts the strategy's fields (private_share, overlap, horizon, effort_cost)."""
    from casebook.models.races import scenario as calibrated

    base = calibrated(scenario)
    extra = {"a": {}, "b": {}}
    race_extra = {}
    rest = {}
    for key, value in params.items():
        side, _, fld = key.partition("_")
        if side in extra and fld in _MORE_PARTNER:
            extra[side][fld] = _number(key, value)
        elif key in _MORE_RACE:
            race_extra[key] = _number(key, value)
        else:
            rest[key] = value
    race = _race(rest, scenario) if rest else base
    return replace(race, a=replace(race.a, **extra["a"]), b=replace(race.b, **extra["b"]), **race_extra)


def _venture_flag(params: dict) -> bool:
    v = params.get("venture", True)
    if v not in (True, False):
        raise ValueError(f"params: 'venture' must be true or false, got {v!r}")
    return v


def _year(race, t):
    return None if t is None else (race.start_year + t if race.start_year is not None else t)


def _at(race, t) -> str:
    if race.start_year is not None:
        return f"in {race.start_year + t:.0f}"
    return f"after {t:.1f} years"


def with_reply(params: dict, *, scenario: str, replier: str = "b") -> Judgement:
    """What an option leads to once the other partner answers it with its own best choice.

    The option changes the calibrated scenario (module docstring; also
    ``a_private_share``, ``b_private_share``, ``overlap``, ``horizon``,
    ``effort_cost``); then partner ``replier`` picks the intent and guard that
    suit it best (:func:`casebook.models.races.best_response`), and the judge
    reports who stops needing the venture first, when, and how dependent the
    other still is. An option that sets ``binding: true`` (a clause the
    partner has signed) fixes the replier's guard: it then picks only its intent.

    Returns
    -------
    Judgement
        ``figures``: ``reply_intent``, ``reply_guard``, ``instability_year``
        (years from formation, None if not within the horizon),
        ``leader_is_a`` (1 or 0), ``laggard_dependence``, ``a_knowledge``
        (partner A's knowledge at the horizon) and ``venture``.

    Examples
    --------
    >>> shut = with_reply({"a_intent": 0.0}, scenario="protective_partner")
    >>> talk = with_reply({"b_protectiveness": 0.5, "a_connections": 0.5, "binding": True},
    ...                   scenario="protective_partner")
    >>> talk.figures["a_knowledge"] > shut.figures["a_knowledge"]
    True
    """
    from casebook.models.races import best_response, outcome

    if replier not in ("a", "b"):
        raise ValueError(f"judge_context: 'replier' must be 'a' or 'b', got {replier!r}")
    if not _venture_flag(params):
        race = _race_any({}, scenario)
        return Judgement(
            f"In the casebook's race model the venture ends now: {race.a.name} keeps what it has learned "
            f"so far and learns nothing more from {race.b.name}.",
            {"reply_intent": None, "reply_guard": None, "instability_year": None, "leader_is_a": None,
             "laggard_dependence": None, "a_knowledge": 0.0, "venture": 0})
    binding = params.get("binding", False)
    if binding not in (True, False):
        raise ValueError(f"params: 'binding' must be true or false, got {binding!r}")
    race = _race_any({k: v for k, v in params.items() if k not in ("venture", "binding")}, scenario)
    who = race.a if replier == "a" else race.b
    i, g = best_response(race, who.name, choose="intent" if binding else "both")
    race = replace(race, **{replier: replace(who, intent=i, protectiveness=g)})
    out = outcome(race)
    inst = race.instability()
    t = inst["time"] if inst["time"] is not None and inst["time"] <= race.horizon else None
    figures = {"reply_intent": i, "reply_guard": g, "instability_year": t,
               "leader_is_a": None if t is None else float(inst["leader"] == race.a.name),
               "laggard_dependence": None if t is None else inst["laggard_dependence"],
               "a_knowledge": out[race.a.name]["knowledge"], "venture": 1}
    reply = f"{who.name} answers with learning intent {i:.2f} and guard {g:.2f}"
    if t is None:
        line = (f"In the casebook's race model {reply}; no one stops needing the venture within "
                f"{race.horizon:g} years, and {race.a.name} has learned {out[race.a.name]['knowledge']:.0%} "
                f"of what it came for by then.")
    else:
        line = (f"In the casebook's race model {reply}; {inst['leader']} stops needing the venture "
                f"{_at(race, t)}, when {inst['laggard']} still depends on it at {inst['laggard_dependence']:.2f} "
                f"(1 = fully); {race.a.name} has learned {out[race.a.name]['knowledge']:.0%} of what it came for "
                f"after {race.horizon:g} years.")
    return Judgement(line, figures)


def after_instability(params: dict, *, scenario: str, years: float = 10.0) -> Judgement:
    """What an option taken at the moment of instability leads to over the next ``years``.

    The calibrated race runs to its instability point (in ``nummi``, mid-1988,
    when Toyota's own plants started); each partner keeps what it has learned
    (``knowledge0``), trust's easing is in force (no second honeymoon), and
    the option's changes apply from then on. ``venture: false`` ends the
    venture: learning stops where it is.

    Returns
    -------
    Judgement
        ``figures``: ``start_year`` (years from formation), ``laggard_dependence_now``,
        ``laggard_dependence_later`` (after ``years``), ``laggard_independent_year``
        (years from formation, None if not within ``years``), ``laggard_reply_intent``
        (the laggard's best intent under the option) and ``venture``.

    Examples
    --------
    >>> open_ = after_instability({"b_protectiveness": 0.3}, scenario="nummi")
    >>> wall = after_instability({"b_protectiveness": 0.9}, scenario="nummi")
    >>> wall.figures["laggard_dependence_later"] > open_.figures["laggard_dependence_later"]
    True
    >>> after_instability({"venture": False}, scenario="nummi").figures["venture"]
    0.0
    """
    from casebook.models.races import best_response

    span = _number("years", years)
    if span <= 0:
        raise ValueError(f"judge_context: 'years' must be > 0, got {years!r}")
    base = _race_any({}, scenario)
    inst = base.instability()
    if inst["time"] is None:
        raise ValueError(f"judge: scenario {scenario!r} never becomes unstable, so there is no moment to start from")
    t0, lag = inst["time"], inst["laggard"]
    k = {p.name: 1.0 - base.dependence_at(p.name, t0) for p in base.partners}
    d_now = 1.0 - k[lag]
    if not _venture_flag(params):
        return Judgement(
            f"In the casebook's race model the venture ends {_at(base, t0)}: {lag} keeps a dependence of "
            f"{d_now:.2f} on what it never learned, and learns nothing more from its partner.",
            {"start_year": t0, "laggard_dependence_now": d_now, "laggard_dependence_later": d_now,
             "laggard_independent_year": None, "laggard_reply_intent": None, "venture": 0})
    changed = _race_any({key: v for key, v in params.items() if key != "venture"}, scenario)
    cont = replace(changed, a=replace(changed.a, knowledge0=k[base.a.name]),
                   b=replace(changed.b, knowledge0=k[base.b.name]), honeymoon=0.0,
                   start_year=None if base.start_year is None else base.start_year + t0)
    d_later = cont.dependence_at(lag, span)
    t_lag = cont.independence_time(lag)
    t_lag = None if t_lag is None or t_lag > span else t_lag
    reply, _ = best_response(cont, lag, choose="intent")
    when = (f"it would stop needing the venture {_at(cont, t_lag)}" if t_lag is not None
            else f"it still needs the venture {span:g} years on")
    line = (f"In the casebook's race model, from {_at(base, t0)[3:] if base.start_year else 'then'} on, "
            f"{lag}'s dependence goes from {d_now:.2f} to {d_later:.2f} over {span:g} years and {when}; "
            f"choosing its own effort, {lag}'s best learning intent under this option is {reply:.2f}.")
    return Judgement(line, {"start_year": t0, "laggard_dependence_now": d_now, "laggard_dependence_later": d_later,
                            "laggard_independent_year": None if t_lag is None else t0 + t_lag,
                            "laggard_reply_intent": reply, "venture": 1})
