"""Race scenarios calibrated from the case files' assessments."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Mapping

from casebook.models.races.model import LEVELS, LearningRace, Partner

__all__ = ['level_value', 'partner_from_assessment', 'CALIBRATION', 'SCENARIOS', 'scenario',
           'calibrate_base_rate', 'base_rate', 'sensitivity', 'calibration_table']

_DIMENSION_TO_FIELD = {
    "value": "intent",
    "tacitness": "tacitness",
    "connections": "connections",
    "relatedness": "relatedness",
    "cultural_alignment": "cultural_alignment",
}


def level_value(level: str, *, field: str = "level") -> float:
    """Map an assessment level (``very_low`` .. ``very_high``) to its value.

    Examples
    --------
    >>> level_value("high")
    0.7
    >>> level_value("huge", field="tacitness")
    Traceback (most recent call last):
    ...
    ValueError: assessment field 'tacitness': unknown level 'huge'; use one of very_low, low, medium, high, very_high
    """
    if isinstance(level, Mapping):
        level = level.get("level")
    if level not in LEVELS:
        raise ValueError(f"assessment field {field!r}: unknown level {level!r}; use one of {', '.join(LEVELS)}")
    return LEVELS[level]


def partner_from_assessment(name: str, assessment: Mapping, *, intent: float | None = None,
                            knowledge0: float = 0.0) -> tuple[Partner, float]:
    """Build the learner described by a case assessment.

    Parameters
    ----------
    name : str
        The perspective partner.
    assessment : mapping
        Dimension -> level, or dimension -> ``{"level": ...}`` as in a
        case file: ``value``, ``protectiveness``, ``tacitness``,
        ``connections``, ``relatedness``, ``cultural_alignment``.
    intent : float, optional
        Overrides the intent that ``value`` implies (for example 0 when the
        reading shows no effort to learn).

    Returns
    -------
    (Partner, float)
        The learner, and the protectiveness it faces (to set on the other
        partner).

    Examples
    --------
    >>> p, guard = partner_from_assessment("GM", {"value": "high", "protectiveness": "low",
    ...     "tacitness": "very_high", "connections": "medium", "relatedness": "medium",
    ...     "cultural_alignment": "low"})
    >>> p.intent, p.tacitness, guard
    (0.7, 0.9, 0.3)
    >>> partner_from_assessment("GM", {"value": "high"})
    Traceback (most recent call last):
    ...
    ValueError: assessment for 'GM': missing field(s) connections, cultural_alignment, protectiveness, relatedness, tacitness
    """
    needed = set(_DIMENSION_TO_FIELD) | {"protectiveness"}
    missing = sorted(needed - set(assessment))
    if missing:
        raise ValueError(f"assessment for {name!r}: missing field(s) {', '.join(missing)}")
    kwargs = {fld: level_value(assessment[dim], field=dim) for dim, fld in _DIMENSION_TO_FIELD.items()}
    if intent is not None:
        kwargs["intent"] = intent
    guard = level_value(assessment["protectiveness"], field="protectiveness")
    return Partner(name, knowledge0=knowledge0, **kwargs), guard


#: The calibration of the three scenarios: per scenario, the race's own
#: settings and, per partner, each assessment level with the passage of the
#: reading it rests on, or "casebook's choice" where the reading gives no
#: number. The first partner of each scenario is the case assessment's
#: perspective. 'protectiveness' is the protectiveness the learner *faces*
#: (the other partner's guard); 'intent' overrides the intent that 'value'
#: implies only where the reading states the learning objective directly;
#: 'private_share' is the partner's share of private benefits (Khanna,
#: Gulati and Nohria 1998).
_COMMON = {
    "threshold": (0.3, "casebook's choice: a partner that still needs less than 30% of what it came for "
                       "no longer needs the venture (the sensitivity table varies it from 0.1 to 0.5)"),
    "honeymoon": (3.0, "casebook's choice: the reading speaks of a 'critical honeymoon period' "
                       "(Inkpen 1998, 'How Protective are Alliance Partners?') without a length"),
    "reciprocity": (0.5, "casebook's choice: openness is reciprocal (Hamel 1991), half of a guard comes back"),
    "horizon": (20.0, "casebook's choice: payoffs counted over 20 years"),
    "effort_cost": (0.2, "casebook's choice: learning and guarding cost resources (Inkpen 1996, "
                         "'The Cost of Knowledge Creation')"),
}

CALIBRATION: dict[str, dict] = {
    "nummi": {
        "start_year": 1984,
        "trust_relief": (0.3, "casebook's choice: trust eased protectiveness once the venture got through its "
                              "honeymoon (Inkpen 1998, 'How Protective are Alliance Partners?'); NUMMI did"),
        "overlap": (0.7, "Inkpen 1998, 'Is Alliance Knowledge Related...': GM and Toyota are competitors (high = 0.7)"),
        "target": {"year": 1988.5,
                   "why": "Toyota's own plants began production in 1988: Georgetown, Kentucky (first car May 1988; "
                          "Lexington Herald-Leader, 'Moving forward in Georgetown: a Toyota timeline', 1 May 2011) "
                          "and Cambridge, Ontario (first Corolla 30 November 1988; Toyota Motor Corporation press "
                          "release, 1 December 1988). The target is the middle of 1988; the base rate is solved "
                          "so that Toyota's independence falls on it (calibrate_base_rate)."},
        "partners": {
            "General Motors": {
                "levels": {"value": "high", "protectiveness": "low", "tacitness": "very_high",
                           "connections": "high", "relatedness": "medium", "cultural_alignment": "low"},
                "intent": None,
                "private_share": (0.5, "casebook's choice: GM meant to carry what it learned to its own plants "
                                       "(private; Inkpen 1998, 'The Value of Alliance Knowledge') and also drew "
                                       "small cars from the venture (common)"),
                "sources": {
                    "value": "Inkpen 1998, 'The Value of Alliance Knowledge' (GM hoped to learn small-car production)",
                    "protectiveness": "Inkpen 1998, note 17 (why Toyota is not more protective)",
                    "tacitness": "Inkpen 1998, 'The Tacitness of Alliance Knowledge' (Toyota production system)",
                    "connections": "Inkpen 1998, 'The Establishment of Knowledge Connections' (16 managers, liaison office)",
                    "relatedness": "Inkpen 1998, 'The Tacitness of Alliance Knowledge' (fundamental philosophies had to change)",
                    "cultural_alignment": "Inkpen 1998, 'Cultural Alignment Between Alliance and Parent Management'",
                },
            },
            "Toyota": {
                "levels": {"value": "high", "protectiveness": "medium", "tacitness": "low",
                           "connections": "high", "relatedness": "high", "cultural_alignment": "medium"},
                "intent": None,
                "private_share": (0.7, "casebook's choice: what Toyota learned served its own wholly owned North "
                                       "American plants (Inkpen 1998, 'The Tacitness of Alliance Knowledge': NUMMI "
                                       "as a foothold), more private than GM's mix"),
                "sources": {
                    "value": "Inkpen 1998, 'The Tacitness of Alliance Knowledge' (NUMMI as a foothold)",
                    "protectiveness": "Inkpen 1998, 'Is Alliance Knowledge Related...': GM made no secret of its "
                                      "aims, but both firms hold proprietary knowledge that cannot be shared (medium)",
                    "tacitness": "Inkpen 1998, 'The Tacitness of Alliance Knowledge' (local knowledge more explicit)",
                    "connections": "Inkpen 1998, 'The Value of Alliance Knowledge' (Toyota controls the processes)",
                    "relatedness": "Inkpen 1998, 'The Tacitness of Alliance Knowledge' (transfer an existing process)",
                    "cultural_alignment": "casebook's choice (the reading is silent)",
                },
            },
        },
    },
    "alpha_hito": {
        "start_year": None,
        "trust_relief": (0.0, "casebook's choice: the reading reports no easing"),
        "overlap": (0.3, "casebook's choice: Hito shared freely, which suggests it feared little (Inkpen 1998, "
                         "'Understanding Knowledge')"),
        "partners": {
            "Alpha": {
                "levels": {"value": "low", "protectiveness": "very_low", "tacitness": "medium",
                           "connections": "low", "relatedness": "high", "cultural_alignment": "very_low"},
                "intent": (0.7, "Inkpen 1998, 'Understanding Knowledge': Alpha's management called learning from "
                                "the JV a primary objective (stated intent high = 0.7; the strategic model asks "
                                "whether Alpha would keep it)"),
                "private_share": (0.3, "casebook's choice: Alpha's executives doubted the JV's methods would work "
                                       "in their plants and saw it as an autonomous subsidiary (Inkpen 1998, "
                                       "'Understanding Knowledge' and 'Cultural Alignment...'), so little private value"),
                "sources": {
                    "value": "Inkpen 1998, 'Alliance Knowledge: Access Versus Acquisition' (value discounted)",
                    "protectiveness": "Inkpen 1998, 'Understanding Knowledge' (Hito willing to share)",
                    "tacitness": "casebook's choice (process technology with a tacit side)",
                    "connections": "Inkpen 1998, 'Understanding Knowledge' (few managerial interactions)",
                    "relatedness": "Inkpen 1998, 'Understanding Knowledge' (functionally similar products)",
                    "cultural_alignment": "Inkpen 1998, 'Cultural Alignment Between Alliance and Parent Management'",
                },
            },
            "Hito": {
                "levels": {"value": "low", "protectiveness": "very_low", "tacitness": "medium",
                           "connections": "low", "relatedness": "medium", "cultural_alignment": "medium"},
                "intent": None,
                "private_share": (0.3, "casebook's choice (the reading records no learning goal for Hito)"),
                "sources": {
                    "value": "casebook's choice: the reading records no learning goal for Hito (low)",
                    "protectiveness": "casebook's choice: the reading reports no guard on Alpha's side",
                    "tacitness": "casebook's choice (the reading is silent)",
                    "connections": "casebook's choice (the reading is silent)",
                    "relatedness": "casebook's choice (the reading is silent)",
                    "cultural_alignment": "casebook's choice (the reading is silent)",
                },
            },
        },
    },
    "protective_partner": {
        "start_year": None,
        "trust_relief": (0.0, "casebook's choice: the reading reports no easing before the end"),
        "overlap": (0.7, "Inkpen 1998, 'How Protective are Alliance Partners?': the example illustrates high "
                         "competitive overlap (high = 0.7)"),
        "partners": {
            "American partner": {
                "levels": {"value": "high", "protectiveness": "very_high", "tacitness": "medium",
                           "connections": "very_low", "relatedness": "medium", "cultural_alignment": "low"},
                "intent": None,
                "private_share": (0.6, "casebook's choice: it sought the partner's technology for its own use "
                                       "(Inkpen 1998, note 18)"),
                "sources": {
                    "value": "Inkpen 1998, note 18 (sought access to the partner's technology)",
                    "protectiveness": "Inkpen 1998, 'How Protective are Alliance Partners?' (separate office, restricted plant access)",
                    "tacitness": "case protective_partner, assessment (proprietary process technology)",
                    "connections": "Inkpen 1998, 'How Protective are Alliance Partners?' (outside general manager)",
                    "relatedness": "case protective_partner, assessment",
                    "cultural_alignment": "case protective_partner, assessment",
                },
            },
            "Japanese partner": {
                "levels": {"value": "high", "protectiveness": "low", "tacitness": "low",
                           "connections": "high", "relatedness": "medium", "cultural_alignment": "medium"},
                "intent": None,
                "private_share": (0.6, "casebook's choice: local market support serves its own US business "
                                       "(Inkpen 1998, note 18)"),
                "sources": {
                    "value": "Inkpen 1998, note 18 (wanted local market support)",
                    "protectiveness": "casebook's choice (the reading reports no American guard)",
                    "tacitness": "casebook's choice: local market knowledge, explicit as in NUMMI",
                    "connections": "Inkpen 1998, 'How Protective are Alliance Partners?' (it operated the plant)",
                    "relatedness": "casebook's choice (the reading is silent)",
                    "cultural_alignment": "casebook's choice (the reading is silent)",
                },
            },
        },
    },
}

SCENARIOS = tuple(CALIBRATION)


def _value(entry):
    return entry[0] if isinstance(entry, tuple) else entry


def _uncalibrated(name: str, assessment=None) -> LearningRace:
    cal = CALIBRATION[name]
    (first, c1), (second, c2) = cal["partners"].items()
    levels1 = dict(c1["levels"])
    if assessment is not None:
        levels1 = {dim: assessment[dim] for dim in levels1 if dim in assessment} | {
            dim: lvl for dim, lvl in levels1.items() if dim not in assessment}
    p1, faced_by_1 = partner_from_assessment(first, levels1, intent=_value(c1["intent"]))
    p2, faced_by_2 = partner_from_assessment(second, c2["levels"], intent=_value(c2["intent"]))
    # The protectiveness a learner faces is the other partner's guard.
    p1 = replace(p1, protectiveness=faced_by_2, private_share=_value(c1["private_share"]))
    p2 = replace(p2, protectiveness=faced_by_1, private_share=_value(c2["private_share"]))
    kwargs = {k: v[0] for k, v in _COMMON.items()}
    kwargs.update(trust_relief=_value(cal["trust_relief"]), overlap=_value(cal["overlap"]),
                  start_year=cal["start_year"])
    return LearningRace(a=p1, b=p2, **kwargs)


def calibrate_base_rate(race: LearningRace, partner: str, years: float) -> float:
    """The base rate :math:`\\rho` at which ``partner`` becomes independent exactly ``years`` after formation.

    Every learning rate is proportional to :math:`\\rho`, so the cumulative
    rate is :math:`\\rho\\,\\Lambda^{(1)}_i(t)` (:math:`\\Lambda^{(1)}` at
    :math:`\\rho = 1`) and :math:`\\rho^* = L_i / \\Lambda^{(1)}_i(T^*)`.

    Examples
    --------
    >>> r = LearningRace()
    >>> rho = calibrate_base_rate(r, "Partner A", 4.0)
    >>> round(replace(r, base_rate=rho).independence_time("Partner A"), 6)
    4.0
    """
    if not (isinstance(years, (int, float)) and years > 0):
        raise ValueError(f"calibrate_base_rate: argument 'years' must be a positive number, got {years!r}")
    unit = replace(race, base_rate=1.0)
    p = unit._partner(partner)
    need = math.log((1.0 - p.knowledge0) / unit.threshold)
    per_unit = unit.cumulative_rate(partner, years)
    if need <= 0 or per_unit <= 0:
        raise ValueError(f"calibrate_base_rate: {partner!r} cannot be made independent at {years} years "
                         "(it starts independent, or it never learns)")
    return need / per_unit


def base_rate() -> float:
    """The casebook's clock: the base rate that puts NUMMI's instability on its target (mid-1988).

    All three scenarios share it (the casebook's choice: one clock for the book).

    Examples
    --------
    >>> round(base_rate(), 3)
    1.806
    """
    cal = CALIBRATION["nummi"]
    race = _uncalibrated("nummi")
    return calibrate_base_rate(race, "Toyota", cal["target"]["year"] - cal["start_year"])


def scenario(name: str, assessment: Mapping | None = None, **overrides) -> LearningRace:
    """The learning race calibrated for one case.

    Parameters
    ----------
    name : {"nummi", "alpha_hito", "protective_partner"}
    assessment : mapping or case Assessment, optional
        A case file's ``assessment`` (perspective partner's levels). When
        given, it replaces the calibration table's levels for the first
        partner, so the scenario follows the case file.
    **overrides
        Any :class:`LearningRace` field (``threshold``, ``reciprocity`` ...).

    Examples
    --------
    >>> race = scenario("nummi")
    >>> race.instability()["leader"], round(race.instability()["calendar_year"], 1)
    ('Toyota', 1988.5)
    >>> scenario("nokia")
    Traceback (most recent call last):
    ...
    KeyError: "unknown scenario 'nokia'; choose one of nummi, alpha_hito, protective_partner"
    """
    if assessment is not None and not isinstance(assessment, Mapping):
        # a validated case's Assessment object: read its ratings by attribute
        dims = ("value", "protectiveness", "tacitness", "connections", "relatedness", "cultural_alignment")
        assessment = {d: getattr(getattr(assessment, d), "level", getattr(assessment, d))
                      for d in dims if hasattr(assessment, d)}
    if name not in CALIBRATION:
        raise KeyError(f"unknown scenario {name!r}; choose one of {', '.join(SCENARIOS)}")
    race = replace(_uncalibrated(name, assessment), base_rate=base_rate())
    return replace(race, **overrides) if overrides else race


def sensitivity(thresholds=(0.1, 0.2, 0.3, 0.4, 0.5), rate_factors=(0.5, 0.75, 1.0, 1.5, 2.0)):
    """NUMMI's year of instability over the threshold :math:`d^*` and the base rate (decay).

    Returns
    -------
    pandas.DataFrame
        One row per threshold, one column per multiple of the calibrated
        base rate, holding the calendar year; a last column
        ``calibrated rate`` holds the base rate that would put the
        instability on the target at that threshold.

    Examples
    --------
    >>> t = sensitivity()
    >>> round(float(t.loc[0.3, 1.0]), 1)
    1988.5
    """
    import pandas as pd

    cal = CALIBRATION["nummi"]
    rho = base_rate()
    rows = {}
    for d in thresholds:
        race = replace(_uncalibrated("nummi"), threshold=d)
        row = {}
        for f in rate_factors:
            t = replace(race, base_rate=rho * f).instability_time()
            row[f] = None if t is None else cal["start_year"] + t
        row["calibrated rate"] = calibrate_base_rate(race, "Toyota", cal["target"]["year"] - cal["start_year"])
        rows[d] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "threshold"
    return out


def calibration_table(name: str = "nummi"):
    """Every number behind a scenario, with where it comes from (a reading, or the casebook's choice).

    Returns
    -------
    pandas.DataFrame
        Columns ``setting``, ``value``, ``source``; partners' levels appear as
        ``<partner>: <dimension>`` with their level and the value it maps to.

    Examples
    --------
    >>> t = calibration_table("nummi")
    >>> t.loc[t["setting"] == "base rate", "value"].item() == round(base_rate(), 3)
    True
    """
    import pandas as pd

    if name not in CALIBRATION:
        raise KeyError(f"unknown scenario {name!r}; choose one of {', '.join(SCENARIOS)}")
    cal = CALIBRATION[name]
    rows = [{"setting": k, "value": v, "source": why} for k, (v, why) in _COMMON.items()]
    rows += [{"setting": k, "value": cal[k][0], "source": cal[k][1]} for k in ("trust_relief", "overlap")]
    if "target" in cal:
        rows.append({"setting": "base rate", "value": round(base_rate(), 3),
                     "source": "solved: " + cal["target"]["why"]})
    else:
        rows.append({"setting": "base rate", "value": round(base_rate(), 3),
                     "source": "casebook's choice: NUMMI's calibrated clock, shared by every scenario"})
    for partner, spec in cal["partners"].items():
        for dim, lvl in spec["levels"].items():
            label = "guard it faces (its partner's protectiveness)" if dim == "protectiveness" else dim
            rows.append({"setting": f"{partner}: {label}", "value": f"{lvl} ({LEVELS[lvl]})",
                         "source": spec["sources"][dim]})
        if spec["intent"] is not None:
            rows.append({"setting": f"{partner}: intent", "value": spec["intent"][0], "source": spec["intent"][1]})
        rows.append({"setting": f"{partner}: private share", "value": spec["private_share"][0],
                     "source": spec["private_share"][1]})
    return pd.DataFrame(rows)
