"""The audit's plan: gaps, urgencies, priorities (ties reported as ties) and actions.

See :mod:`casebook.models.audit` for the equations.

Examples
--------
>>> a = audit("protective_partner", "exploration")
>>> [p.name for p in a.current().first()]
['Tasks', 'Processes', 'Skills']
>>> a.lowest
('access', 'connections')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Priority", "Action", "PhasePlan", "Audit", "gaps", "urgencies", "audit", "mutual_share", "ranks"]

_MAX_TEXT = 2000


@dataclass(frozen=True)
class Priority:
    """A Table 2 cell with its urgency for this alliance.

    ``rank`` is the competition rank of its urgency (1 = most urgent; equal
    urgencies share a rank, so three areas tied first all have rank 1);
    ``tied`` says whether another area shares it.
    """

    dimension: str
    name: str
    text: str
    source: str
    urgency: float
    rank: int = 1
    tied: bool = False


@dataclass(frozen=True)
class Action:
    """What to do about one weak objective in one phase."""

    objective: str
    title: str
    score: float
    advice: str
    advice_source: str
    in_phase: tuple[str, ...]
    factors: tuple[str, ...]


@dataclass(frozen=True)
class PhasePlan:
    """The plan for one phase."""

    number: int
    phase: str
    name: str
    status: str  # review | now | next | later
    mode_label: str
    mutual: float
    priorities: tuple[Priority, ...]
    actions: tuple[Action, ...]

    def first(self) -> tuple[Priority, ...]:
        """Every priority ranked first: one area, or all those tied for the largest urgency."""
        return tuple(p for p in self.priorities if p.rank == 1)


@dataclass(frozen=True)
class Audit:
    """A completed audit: the inputs and the plan by phase."""

    alliance: str
    partner: str
    notes: str
    phase: str
    profile: object
    weakest: tuple[str, ...]
    plan: tuple[PhasePlan, ...]
    lowest: tuple[str, ...] = ()
    weakest_ties: tuple[str, ...] = ()

    def current(self) -> PhasePlan:
        """The plan for the phase the alliance is in."""
        return next(p for p in self.plan if p.status == "now")


def gaps(profile) -> dict[str, float]:
    """Gap :math:`g_j = (5 - s_j)/4` of each objective.

    Examples
    --------
    >>> from casebook.models.diagnostic import Profile
    >>> p = Profile("x", {"value": 5, "access": 1, "tacitness": 3, "connections": 5, "related": 5, "culture": 5})
    >>> gaps(p)["access"], gaps(p)["tacitness"], gaps(p)["value"]
    (1.0, 0.5, 0.0)
    """
    return {k: (5.0 - float(v)) / 4.0 for k, v in profile.scores.items()}


def urgencies(profile, table=None) -> dict[str, float]:
    """Urgency :math:`u_d = \\max_{j \\in J(d)} g_j` of each learning dimension.

    Examples
    --------
    >>> from casebook.models.diagnostic import Profile
    >>> p = Profile("x", {"value": 5, "access": 5, "tacitness": 5, "connections": 1, "related": 5, "culture": 5})
    >>> u = urgencies(p)
    >>> u["tasks"], u["processes"], u["goals"]
    (1.0, 1.0, 0.0)
    """
    from casebook.models.phases import load_phases

    t = table or load_phases()
    g = gaps(profile)
    out = {}
    for d in t.dimensions:
        linked = [g[o] for o, ds in t.objective_dimensions.items() if d.key in ds]
        out[d.key] = max(linked) if linked else 0.0
    return out


def _text(value, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"audit: field '{field}' must be text, got {type(value).__name__}")
    if len(value) > _MAX_TEXT:
        raise ValueError(f"audit: field '{field}' is longer than {_MAX_TEXT} characters")
    # Control characters (NUL, escape ...) carry no meaning in a report: drop them.
    return "".join(ch for ch in value if ch in "\t\n\r" or unicodedata.category(ch) != "Cc").strip()


def _profile(source, label: str):
    from casebook.models import diagnostic as d

    if isinstance(source, d.Profile):
        return source
    if isinstance(source, str):
        return d.case_profile(source)
    if isinstance(source, Mapping):
        return d.score(source, label=label or "Your alliance")
    raise TypeError("audit: 'source' must be a diagnostic Profile, a mapping of answers or a case id, "
                    f"got {type(source).__name__}")


def audit(source, phase, alliance: str | None = None, partner: str | None = None, notes: str | None = None,
          k: int = 2, table=None) -> Audit:
    """Run the audit.

    Parameters
    ----------
    source : Profile, mapping or str
        A diagnostic profile, a complete set of questionnaire answers
        (scored with :func:`casebook.models.diagnostic.score`), or a case id (its
        assessment gives the profile, :func:`casebook.models.diagnostic.case_profile`).
    phase : str or int
        The phase the alliance is in: key or number 1..4.
    alliance, partner, notes : str, optional
        Free text typed by the student (escaped in every report).
    k : int
        How many weakest objectives become actions.

    Returns
    -------
    Audit

    Raises
    ------
    ValueError, KeyError, TypeError
        Naming the field (``phase``, an answer id, ``alliance`` ...) that is wrong.

    Examples
    --------
    >>> a = audit("nummi", "expansion", k=1)
    >>> a.current().name, len(a.current().actions)
    ('Expansion', 1)
    """
    from casebook.models import diagnostic as d
    from casebook.models.phases import load_phases

    t = table or load_phases()
    alliance, partner, notes = _text(alliance, "alliance"), _text(partner, "partner"), _text(notes, "notes")
    try:
        current = t.phase(phase)
    except KeyError as exc:
        raise KeyError(f"audit: field 'phase': {exc.args[0]}") from None
    profile = _profile(source, alliance)
    weak = d.weakest(profile, k)
    u = urgencies(profile, t)
    order = {dim.key: i for i, dim in enumerate(t.dimensions)}
    rank = ranks(u)
    factor_names = {o: tuple(f.name for f in t.factors if o in f.objectives) for o in t.objective_dimensions}
    plans = []
    for p in t.phases:
        status = ("review" if p.number < current.number else "now" if p.number == current.number
                  else "next" if p.number == current.number + 1 else "later")
        dims = sorted(t.dimensions, key=lambda dim: (-u[dim.key], order[dim.key]))
        pri = tuple(Priority(dim.key, dim.name, t.cells[(dim.key, p.key)].text,
                             str(t.cells[(dim.key, p.key)].source), round(u[dim.key], 4),
                             rank[dim.key], sum(r == rank[dim.key] for r in rank.values()) > 1) for dim in dims)
        acts = ()
        if status != "review":
            acts = tuple(
                Action(o.key, o.title, float(profile[o.key]), o.advice.text, o.advice.source,
                       tuple(f"{t.dimension(x).name}: {t.cells[(x, p.key)].text}" for x in t.objective_dimensions[o.key]),
                       factor_names[o.key])
                for o in weak)
        plans.append(PhasePlan(p.number, p.key, p.name, status, p.mode_label,
                               round(mutual_share(p.mode), 4), pri, acts))
    scores = profile.scores
    low = min(scores.values())
    cut = scores[weak[-1].key]
    return Audit(alliance or getattr(profile, "label", ""), partner, notes, current.key, profile,
                 tuple(o.key for o in weak), tuple(plans),
                 lowest=tuple(k for k, v in scores.items() if v == low),
                 weakest_ties=tuple(k for k, v in scores.items() if v == cut and k not in {o.key for o in weak}))


def ranks(values: Mapping[str, float]) -> dict[str, int]:
    """Competition ranks, largest value first; equal values share a rank (1, 1, 1, 4, 5).

    Examples
    --------
    >>> ranks({"a": 0.75, "b": 1.0, "c": 0.75, "d": 0.25})
    {'a': 2, 'b': 1, 'c': 2, 'd': 4}
    """
    vals = {k: round(float(v), 9) for k, v in values.items()}
    return {k: 1 + sum(w > v for w in vals.values()) for k, v in vals.items()}




def mutual_share(mode: str) -> float:
    """Mutual share :math:`m = r/4` of a Table 2 learning mode (see :mod:`casebook.models.phases`).

    Examples
    --------
    >>> mutual_share("mostly_mutual")
    0.75
    """
    from casebook.models.phases import MODES

    if mode not in MODES:
        raise ValueError(f"audit: unknown learning mode {mode!r}; use one of {', '.join(MODES)}")
    return MODES.index(mode) / len(MODES)
