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
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import casebook.cases as _cases

__all__ = [
    "SCALE",
    "LEVELS",
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
    "profile_from_assessment",
    "case_profile",
]

#: Lowest and highest answer on the questionnaire.
SCALE = (1, 5)

#: Assessment levels of a case file and their scores (the case schema's scale).
LEVELS = {level: _cases.level_score(level) for level in _cases.LEVELS}


@dataclass(frozen=True)
class Advice:
    """What the readings advise for one objective (paraphrased)."""

    text: str
    source: str


@dataclass(frozen=True)
class Objective:
    """One of Inkpen's six objectives and its questions, in the casebook's words."""

    key: str
    number: int
    title: str
    questions: tuple[str, ...]
    advice: Advice
    assessment_field: str
    reversed: bool = False

    def question_ids(self) -> list[str]:
        """Ids of this objective's questions: ``'<key>.<n>'``, 1-based."""
        return [f"{self.key}.{i}" for i in range(1, len(self.questions) + 1)]


_TABLE = "Inkpen (1998), 'Key Issues to Consider', Table 1"

OBJECTIVES: tuple[Objective, ...] = (
    Objective(
        key="value",
        number=1,
        title="Assess and value what the partner knows",
        questions=(
            "We can state the strategic reasons we had for entering this alliance.",
            "We know which competences are at the core of our partner's success.",
            "We know which partner supplies the inputs the alliance depends on.",
            "We have named partner know-how that would strengthen our own strategy, "
            "and we know how much of it sits inside the alliance.",
            "We know which partner skills matter for our products and markets.",
            "Our view of the partner's abilities is realistic, not a stereotype.",
        ),
        advice=Advice(
            "Get past the mystique: work out why the partner wins and which of its "
            "resources produce that edge, drop stereotyped views of its abilities, and "
            "make sure the partner actually runs part of the alliance, since a firm "
            "cannot learn from a partner who stays silent.",
            "Inkpen (1998), 'The Value of Alliance Knowledge' and 'Key Issues to Consider'",
        ),
        assessment_field="value",
    ),
    Objective(
        key="access",
        number=2,
        title="Work out how accessible the knowledge is",
        questions=(
            "Learning was on the table when the alliance was negotiated.",
            "The split of key duties leaves us real managerial roles in the alliance.",
            "Our people can reach the alliance's operations easily.",
            "The alliance agreement puts no limits on our access to its operations.",
            "Our partner has not moved to restrict our access, or we have negotiated "
            "such limits away or placed our managers inside the alliance.",
        ),
        advice=Advice(
            "Protectiveness tends to ease once an alliance survives its first, "
            "hesitant period and trust grows between the managers involved; where "
            "the partner still restricts access, negotiate the limits away or assign "
            "your own managers to the venture.",
            "Inkpen (1998), 'How Protective are Alliance Partners?' and Table 1",
        ),
        assessment_field="protectiveness",
        reversed=True,
    ),
    Objective(
        key="tacitness",
        number=3,
        title="Judge how tacit the knowledge is and how easily it moves",
        questions=(
            "We know whether what we want to learn is explicit operating know-how.",
            "We know where in the alliance the knowledge is held.",
            "We know whether the knowledge is strategic or operational.",
            "We can say what we are trying to learn and how we would put it to use.",
        ),
        advice=Advice(
            "Ask often whether you really know what you are trying to learn; look "
            "beyond what the partner knows to how and why it knows it, and expect the "
            "valuable, tacit part to move only slowly and through people rather than "
            "through documents.",
            "Inkpen (1998), 'The Tacitness of Alliance Knowledge' and 'Key Issues to Consider'",
        ),
        assessment_field="tacitness",
        reversed=True,
    ),
    Objective(
        key="connections",
        number=4,
        title="Build knowledge connections between the alliance and the parent",
        questions=(
            "Parent managers visit the alliance regularly.",
            "A deliberate plan rotates managers between the alliance and the parent.",
            "Parent managers talk regularly with the alliance's senior managers.",
            "The alliance is part of the parent's strategic plans and its managers "
            "take part in the parent's planning.",
            "Parent and alliance managers trust each other.",
            "Meetings between parent and alliance managers are about more than the "
            "alliance's finances.",
        ),
        advice=Advice(
            "Put the four connecting processes in place: two-way personnel rotation "
            "(the route for tacit knowledge), technology sharing, visits and other "
            "alliance-parent contact, and links between the alliance's strategy and "
            "the parent's; GM's rotation of its managers through NUMMI and its "
            "liaison office there are the model.",
            "Inkpen (1998), 'The Establishment of Knowledge Connections'",
        ),
        assessment_field="connections",
    ),
    Objective(
        key="related",
        number=5,
        title="Use what the firm already knows",
        questions=(
            "We have worked with this partner before.",
            "Managers with earlier alliance experience, or with ties to this partner, "
            "are involved in the learning effort.",
            "Lessons from our other alliances shape how we run this one.",
            "We are realistic about what our partner wants to learn.",
            "We stay open to knowledge that has no immediate short-run use.",
        ),
        advice=Advice(
            "Bring in the managers who have run alliances before or who know this "
            "partner, carry lessons over from earlier alliances, and do not dismiss "
            "knowledge just because it pays off only in the long run.",
            "Inkpen (1998), 'Is Alliance Knowledge Related To What Is Already Known?' "
            "and 'Key Issues to Consider'",
        ),
        assessment_field="relatedness",
    ),
    Objective(
        key="culture",
        number=6,
        title="Align the cultures of parent and alliance managers",
        questions=(
            "Parent managers see the alliance as an asset, not a threat.",
            "Within the parent, people agree on why the alliance exists.",
            "Alliance managers understand why the parent's learning goal matters.",
        ),
        advice=Advice(
            "Work on both sides to end the 'us versus them' split: parent executives "
            "should not treat the alliance as a threat, alliance managers should not "
            "feel orphaned, and the two groups need enough trust to talk, or knowledge "
            "will not climb from the alliance into the parent.",
            "Inkpen (1998), 'Cultural Alignment Between Alliance and Parent "
            "Management' and 'Key Issues to Consider'",
        ),
        assessment_field="cultural_alignment",
    ),
)

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


def score(answers: Mapping[str, int], label: str = "Your alliance") -> Profile:
    """Score a complete questionnaire: each objective is the mean of its answers.

    Parameters
    ----------
    answers : mapping of question id (``'value.1'`` ...) to an integer 1..5
    label : str
        Name shown on the profile chart.

    Returns
    -------
    Profile

    Examples
    --------
    >>> score(full_answers(2))["culture"]
    2.0
    """
    clean = validate_answers(answers)
    scores = {}
    for o in OBJECTIVES:
        vals = [clean[q] for q in o.question_ids()]
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
