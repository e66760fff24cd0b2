"""A learning diagnostic built on Inkpen's six objectives for alliance learning.

Inkpen (1998, 'Key Issues to Consider', Table 1) closes his article with six
objectives a firm must meet to learn from an alliance, each with a handful
of questions for managers. This module turns that checklist into a
questionnaire: the questions are paraphrased as statements that a manager
rates from 1 ("not at all true of us") to 5 ("fully true of us"), every
statement worded so that agreement favours learning.

Scoring is **the casebook's own operationalisation** (Inkpen gives the
questions, not a scale). For objective :math:`j` with questions
:math:`q = 1, \\dots, n_j` and answers :math:`a_{jq} \\in \\{1, \\dots, 5\\}`

.. math::

    s_j = \\frac{1}{n_j} \\sum_{q=1}^{n_j} a_{jq}, \\qquad 1 \\le s_j \\le 5 ,

and the profile is the vector :math:`(s_1, \\dots, s_6)`. The weakest
objectives are those with the lowest :math:`s_j` (ties go to the objective
that comes first in Inkpen's table).

A case's profile comes from its assessment (the six Inkpen dimensions in
``case.yaml``), each level scored ``very_low`` = 1 to ``very_high`` = 5.
Two of the dimensions are obstacles (partner protectiveness and knowledge
tacitness: high means harder to learn), so they are reversed:

.. math::

    s_\\text{access} = 6 - \\ell_\\text{protectiveness}, \\qquad
    s_\\text{tacit} = 6 - \\ell_\\text{tacitness},

while value, connections, relatedness and cultural alignment carry over as
they are. On both sides a high score means "well placed to learn".

**Like with like.** A case file rates conditions (how protective the
partner is, how tacit the knowledge is); many of Inkpen's questions ask
whether the firm *knows* ("do we understand what we are trying to
learn?"). Each statement therefore says what it measures
(:attr:`Objective.kinds`, :attr:`Objective.measures`). ``score(answers)``
averages every statement (the firm's overall readiness on each objective);
``score(answers, basis="condition")`` averages only the condition
statements, and only that profile is drawn against a case profile. "Fix
first" (:func:`fix_first`) names the objective's :attr:`Objective.lever`,
an action the firm can take, never the obstacle itself.

Examples
--------
>>> answers = full_answers(4)
>>> answers["connections.1"] = 1
>>> answers["connections.2"] = 1
>>> p = score(answers, label="Our firm")
>>> round(p["connections"], 2)
3.0
>>> [o.key for o in weakest(p, 1)]
['connections']
>>> advice("connections").source
"Inkpen (1998), 'The Establishment of Knowledge Connections'"
>>> score(answers, basis="condition")["tacitness"]
4.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import casebook.cases as _cases
from casebook.models.diagnostic_objectives import KINDS, OBJECTIVES, Advice, Objective

__all__ = [
    "SCALE",
    "LEVELS",
    "KINDS",
    "Objective",
    "Advice",
    "Profile",
    "OBJECTIVES",
    "objective",
    "question_ids",
    "full_answers",
    "validate_answers",
    "score",
    "weakest",
    "advice",
    "fix_first",
    "profile_from_assessment",
    "case_profile",
]

#: Lowest and highest answer on the questionnaire.
SCALE = (1, 5)

#: Assessment levels of a case file and their scores (the case schema's scale).
LEVELS = {level: _cases.level_score(level) for level in _cases.LEVELS}


_BY_KEY = {o.key: o for o in OBJECTIVES}


def objective(key: str) -> Objective:
    """The objective with this key.

    Raises
    ------
    KeyError
        If ``key`` is not one of the six keys; the message lists them.

    Examples
    --------
    >>> objective("culture").number
    6
    """
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown objective {key!r}; expected one of {list(_BY_KEY)}") from None


def question_ids() -> list[str]:
    """Every question id, in Table 1 order.

    Examples
    --------
    >>> ids = question_ids()
    >>> len(ids), ids[0], ids[-1]
    (29, 'value.1', 'culture.3')
    """
    return [qid for o in OBJECTIVES for qid in o.question_ids()]


def full_answers(value: int = 3) -> dict[str, int]:
    """A complete set of answers, all equal to ``value`` (a starting point).

    Examples
    --------
    >>> len(full_answers(5))
    29
    """
    _check_value("value", value)
    return {qid: value for qid in question_ids()}


def _check_value(qid: str, value) -> int:
    lo, hi = SCALE
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise ValueError(f"answer to {qid!r} must be a whole number from {lo} to {hi}, got {value!r}")
    if not lo <= value <= hi:
        raise ValueError(f"answer to {qid!r} is out of range: {value!r} (allowed {lo} to {hi})")
    return int(value)


def validate_answers(answers: Mapping[str, int]) -> dict[str, int]:
    """Check a full set of answers and return them as plain ints.

    Raises
    ------
    ValueError
        Naming the question, if an answer is missing, unknown, not a whole
        number, or outside 1..5.

    Examples
    --------
    >>> a = full_answers(3); a["access.2"] = 9
    >>> validate_answers(a)
    Traceback (most recent call last):
    ...
    ValueError: answer to 'access.2' is out of range: 9 (allowed 1 to 5)
    """
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a mapping of question id to score, got {type(answers).__name__}")
    known = question_ids()
    unknown = sorted(set(answers) - set(known))
    if unknown:
        raise ValueError(f"unknown question id(s): {unknown}")
    missing = [q for q in known if q not in answers]
    if missing:
        raise ValueError(f"missing answer(s) to: {missing}")
    return {q: _check_value(q, answers[q]) for q in known}


@dataclass(frozen=True)
class Profile:
    """Scores of the six objectives, each from 1 (weak) to 5 (strong).

    Index it by objective key (``profile["value"]``); ``keys()`` and
    ``values()`` follow Table 1 order.
    """

    label: str
    scores: Mapping[str, float] = field(repr=False)

    def __post_init__(self):
        missing = [o.key for o in OBJECTIVES if o.key not in self.scores]
        if missing or len(self.scores) != len(OBJECTIVES):
            raise ValueError(f"profile {self.label!r} must score exactly the six objectives; missing {missing}")
        for k, v in self.scores.items():
            if not SCALE[0] <= float(v) <= SCALE[1]:
                raise ValueError(f"profile {self.label!r}: score of {k!r} is out of range: {v!r}")
        ordered = {o.key: float(self.scores[o.key]) for o in OBJECTIVES}
        object.__setattr__(self, "scores", MappingProxyType(ordered))

    def __getitem__(self, key: str) -> float:
        return self.scores[objective(key).key]

    def keys(self) -> list[str]:
        return list(self.scores)

    def values(self) -> list[float]:
        return list(self.scores.values())

    def __repr__(self) -> str:
        body = ", ".join(f"{k}={v:.2f}" for k, v in self.scores.items())
        return f"Profile({self.label!r}: {body})"


def score(answers: Mapping[str, int], label: str = "Your alliance", basis: str = "all") -> Profile:
    """Score a complete questionnaire: each objective is the mean of its answers.

    Parameters
    ----------
    answers : mapping of question id (``'value.1'`` ...) to an integer 1..5
    label : str
        Name shown on the profile chart.
    basis : {"all", "condition"}
        ``"all"`` averages every statement; ``"condition"`` only the
        statements that measure what a case file rates (the profile to
        compare with :func:`case_profile`).

    Returns
    -------
    Profile

    Examples
    --------
    >>> score(full_answers(2))["culture"]
    2.0
    """
    if basis not in ("all", "condition"):
        raise ValueError(f"score: basis must be 'all' or 'condition', got {basis!r}")
    clean = validate_answers(answers)
    scores = {}
    for o in OBJECTIVES:
        vals = [clean[q] for q in o.question_ids(None if basis == "all" else "condition")]
        scores[o.key] = sum(vals) / len(vals)
    return Profile(label, scores)


def weakest(profile: Profile, k: int = 2) -> list[Objective]:
    """The ``k`` objectives with the lowest scores (ties: Table 1 order).

    Examples
    --------
    >>> p = Profile("x", {"value": 5, "access": 5, "tacitness": 2, "connections": 5,
    ...                   "related": 5, "culture": 1})
    >>> [o.key for o in weakest(p, 2)]
    ['culture', 'tacitness']
    """
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= len(OBJECTIVES):
        raise ValueError(f"k must be a whole number from 1 to {len(OBJECTIVES)}, got {k!r}")
    order = sorted(range(len(OBJECTIVES)), key=lambda i: (profile.values()[i], i))
    return [OBJECTIVES[i] for i in order[:k]]


def advice(key: str) -> Advice:
    """What the readings advise for an objective, paraphrased, with its source.

    Examples
    --------
    >>> "rotation" in advice("connections").text
    True
    """
    return objective(key).advice


def fix_first(profile: Profile, k: int = 2) -> list[tuple[Objective, str]]:
    """The ``k`` weakest objectives, each with the lever the firm can pull for it.

    For the two obstacles a case file rates (partner protectiveness and
    tacitness) the lever is what the firm can do *around* them: it cannot
    make its partner's knowledge less tacit, but it can choose channels that
    carry tacit knowledge.

    Examples
    --------
    >>> p = Profile("x", {"value": 5, "access": 5, "tacitness": 1, "connections": 5,
    ...                   "related": 5, "culture": 5})
    >>> (o, lever), = fix_first(p, 1)
    >>> o.key, "rotation" in lever
    ('tacitness', True)
    """
    return [(o, o.lever) for o in weakest(profile, k)]


def _level(assessment, name: str, where: str) -> int:
    entry = assessment.get(name) if isinstance(assessment, Mapping) else getattr(assessment, name, None)
    if entry is None:
        raise ValueError(f"{where}: field 'assessment.{name}' is missing")
    level = entry.get("level") if isinstance(entry, Mapping) else getattr(entry, "level", None)
    level = getattr(level, "value", level)  # an Enum member, if the schema uses one
    if level not in LEVELS:
        raise ValueError(f"{where}: field 'assessment.{name}.level' is {level!r}; expected one of {list(LEVELS)}")
    return LEVELS[level]


def profile_from_assessment(assessment, label: str, where: str = "assessment") -> Profile:
    """Turn a case assessment (Inkpen's six dimensions) into a profile.

    Parameters
    ----------
    assessment : mapping or object
        With fields ``value``, ``protectiveness``, ``tacitness``,
        ``connections``, ``relatedness``, ``cultural_alignment``, each having
        a ``level`` from ``very_low`` to ``very_high``.
    label : str
    where : str
        Names the source (e.g. the case file) in error messages.

    Examples
    --------
    >>> a = {f: {"level": "medium"} for f in ["value", "connections", "relatedness",
    ...                                       "cultural_alignment"]}
    >>> a["protectiveness"] = {"level": "very_high"}; a["tacitness"] = {"level": "low"}
    >>> p = profile_from_assessment(a, "demo")
    >>> p["access"], p["tacitness"], p["value"]
    (1.0, 4.0, 3.0)
    """
    if assessment is None:
        raise ValueError(f"{where}: field 'assessment' is missing (needed for a profile)")
    scores = {}
    for o in OBJECTIVES:
        lvl = _level(assessment, o.assessment_field, where)
        scores[o.key] = (SCALE[0] + SCALE[1] - lvl) if o.reversed else lvl
    return Profile(label, scores)


def case_profile(case, label: str | None = None) -> Profile:
    """The profile of a case, from the assessment in its ``case.yaml``.

    Parameters
    ----------
    case : str or case object
        A case id (loaded with :func:`casebook.cases.load_case`) or a loaded case.
    label : str, optional
        Defaults to the case's title.
    """
    if isinstance(case, str):
        from casebook.cases import load_case

        case = load_case(case)
    cid = getattr(case, "id", None) or (case.get("id") if isinstance(case, Mapping) else "?")
    assessment = case.get("assessment") if isinstance(case, Mapping) else getattr(case, "assessment", None)
    if label is None:
        label = (case.get("title") if isinstance(case, Mapping) else getattr(case, "title", None)) or str(cid)
    return profile_from_assessment(assessment, label, where=f"cases/{cid}/case.yaml")
