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

__all__ = ["who_first"]

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
