"""Race scenarios calibrated from the case files' assessments."""

from __future__ import annotations

from dataclasses import field, replace
from typing import Mapping

from casebook.models.races.model import LEVELS, LearningRace, Partner

__all__ = ['level_value', 'partner_from_assessment', 'CALIBRATION', 'SCENARIOS', 'scenario']

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


#: The calibration of the three scenarios: per scenario, per partner, each
#: assessment level with the passage of the reading it rests on. The first
#: partner of each scenario is the case assessment's perspective; the
#: second partner's levels come straight from the reading. 'protectiveness'
#: is the protectiveness the learner *faces*.
CALIBRATION: dict[str, dict] = {
    "nummi": {
        "start_year": 1984,
        "private_share": 0.5,
        "trust_relief": 0.3,
        "partners": {
            "General Motors": {
                "levels": {"value": "high", "protectiveness": "low", "tacitness": "very_high",
                           "connections": "high", "relatedness": "medium", "cultural_alignment": "low"},
                "intent": None,
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
                "levels": {"value": "high", "protectiveness": "low", "tacitness": "low",
                           "connections": "high", "relatedness": "high", "cultural_alignment": "medium"},
                "intent": None,
                "sources": {
                    "value": "Inkpen 1998, 'The Tacitness of Alliance Knowledge' (NUMMI as a foothold)",
                    "protectiveness": "Inkpen 1998, 'Is Alliance Knowledge Related...' (GM made no secret of its aims)",
                    "tacitness": "Inkpen 1998, 'The Tacitness of Alliance Knowledge' (local knowledge more explicit)",
                    "connections": "Inkpen 1998, 'The Value of Alliance Knowledge' (Toyota controls the processes)",
                    "relatedness": "Inkpen 1998, 'The Tacitness of Alliance Knowledge' (transfer an existing process)",
                    "cultural_alignment": "casebook's assumption (the reading is silent)",
                },
            },
        },
    },
    "alpha_hito": {
        "start_year": None,
        "private_share": 0.5,
        "trust_relief": 0.0,
        "partners": {
            "Alpha": {
                "levels": {"value": "low", "protectiveness": "very_low", "tacitness": "medium",
                           "connections": "low", "relatedness": "high", "cultural_alignment": "very_low"},
                "intent": 0.0,
                "sources": {
                    "value": "Inkpen 1998, 'Alliance Knowledge: Access Versus Acquisition' (value discounted)",
                    "intent": "Inkpen 1998, 'Understanding Knowledge' (free process technology offered, no effort made)",
                    "protectiveness": "Inkpen 1998, 'Understanding Knowledge' (Hito willing to share)",
                    "tacitness": "casebook's assumption (process technology with a tacit side)",
                    "connections": "Inkpen 1998, 'Understanding Knowledge' (few managerial interactions)",
                    "relatedness": "Inkpen 1998, 'Understanding Knowledge' (functionally similar products)",
                    "cultural_alignment": "Inkpen 1998, 'Cultural Alignment Between Alliance and Parent Management'",
                },
            },
            "Hito": {
                "levels": {"value": "low", "protectiveness": "medium", "tacitness": "medium",
                           "connections": "low", "relatedness": "medium", "cultural_alignment": "medium"},
                "intent": 0.0,
                "sources": {
                    "intent": "casebook's assumption: the reading records no learning goal for Hito",
                    "value": "casebook's assumption (the reading is silent)",
                    "protectiveness": "casebook's assumption (the reading is silent)",
                    "tacitness": "casebook's assumption (the reading is silent)",
                    "connections": "casebook's assumption (the reading is silent)",
                    "relatedness": "casebook's assumption (the reading is silent)",
                    "cultural_alignment": "casebook's assumption (the reading is silent)",
                },
            },
        },
    },
    "protective_partner": {
        "start_year": None,
        "private_share": 0.5,
        "trust_relief": 0.0,
        "partners": {
            "American partner": {
                "levels": {"value": "high", "protectiveness": "very_high", "tacitness": "medium",
                           "connections": "very_low", "relatedness": "medium", "cultural_alignment": "low"},
                "intent": None,
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
                "sources": {
                    "value": "Inkpen 1998, note 18 (wanted local market support)",
                    "protectiveness": "casebook's assumption (the reading reports no American guard)",
                    "tacitness": "casebook's assumption: local market knowledge, explicit as in NUMMI",
                    "connections": "Inkpen 1998, 'How Protective are Alliance Partners?' (it operated the plant)",
                    "relatedness": "casebook's assumption (the reading is silent)",
                    "cultural_alignment": "casebook's assumption (the reading is silent)",
                },
            },
        },
    },
}

SCENARIOS = tuple(CALIBRATION)


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
        Any :class:`LearningRace` field (``private_share``, ``threshold`` ...).

    Examples
    --------
    >>> race = scenario("nummi")
    >>> race.instability()["leader"]
    'Toyota'
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
    cal = CALIBRATION[name]
    (first, c1), (second, c2) = cal["partners"].items()
    levels1 = dict(c1["levels"])
    if assessment is not None:
        levels1 = {dim: assessment[dim] for dim in levels1 if dim in assessment} | {
            dim: lvl for dim, lvl in levels1.items() if dim not in assessment}
    p1, faced_by_1 = partner_from_assessment(first, levels1, intent=c1["intent"])
    p2, faced_by_2 = partner_from_assessment(second, c2["levels"], intent=c2["intent"])
    # The protectiveness a learner faces is the other partner's guard.
    p1, p2 = replace(p1, protectiveness=faced_by_2), replace(p2, protectiveness=faced_by_1)
    kwargs = {"private_share": cal["private_share"], "trust_relief": cal["trust_relief"],
              "start_year": cal["start_year"]}
    kwargs.update(overrides)
    return LearningRace(a=p1, b=p2, **kwargs)
