r"""What firms learn: knowledge items on two axes, and a spiral of knowledge.

Two parts, both used by chapter 01.

1. **Knowledge items** (:data:`ITEMS`, :func:`items_table`, :func:`sorting_items`).
   Pieces of knowledge taken from the readings' cases, each placed on two
   axes: *tacitness* (tacit or explicit; Inkpen 1998, 'The Tacitness of
   Alliance Knowledge'; Inkpen 1996, Table I) and *scope* (component or
   architectural; Tallman n.d., '2. Knowledge', after Henderson and Clark
   1990). Each item carries the reason for its placement and its source.
   The tacitness labels come from the readings; the scope labels apply
   Tallman's definitions and are the casebook's reading of them.

2. **The knowledge spiral** (:func:`spiral`), the casebook's own
   operationalisation of the spiral that Inkpen (1996, 'Exploiting
   Collaborative Knowledge'; 1998, 'The Establishment of Knowledge
   Connections') takes from Nonaka: knowledge moves from the individual to
   the group to the firm, and it survives each step only through knowledge
   connections.

The spiral model (the casebook's own operationalisation)
---------------------------------------------------------
Knowledge arriving at the individual level is split into an explicit part
:math:`E_0 = (1-\tau) K_0` and a tacit part :math:`T_0 = \tau K_0`. Four
connection processes (Inkpen 1996, Table I) run with intensities
:math:`x_j \in [0, 1]`: technology sharing, alliance-parent interactions,
personnel movement, and linkage of strategies. Each process carries
explicit knowledge with weight :math:`e_j` and tacit knowledge with weight
:math:`t_j` (Table I: technology sharing is explicit only; personnel
movement is mainly tacit; the other two carry both):

.. math::

    C_E = \sum_j e_j x_j, \qquad C_T = \sum_j t_j x_j .

The share of each kind that survives one step up the spiral rises with the
connections in place, more slowly for tacit knowledge, which is harder to
pass on:

.. math::

    s_E = 1 - e^{-\lambda_E C_E}, \qquad s_T = 1 - e^{-\lambda_T C_T},
    \qquad \lambda_T \le \lambda_E .

What survives is enriched as people discuss it (knowledge "can grow when
shared", Inkpen 1998), by a factor :math:`g \ge 1` per step:

.. math::

    E_{\ell+1} = g\, s_E\, E_\ell, \qquad T_{\ell+1} = g\, s_T\, T_\ell,
    \qquad \ell = 0 \text{ (individual)}, 1 \text{ (group)}, 2 \text{ (firm)} .

Claims the chapter makes, each tested in ``tests/test_knowledge.py``: with
no connections nothing reaches the group or the firm; raising any
connection never reduces what arrives at any level; technology sharing
alone brings no tacit knowledge to the firm; nothing arriving exceeds
:math:`g^{\ell} K_0`.

Examples
--------
>>> r = spiral(technology_sharing=1, interactions=1, personnel=1, strategy=1)
>>> r.levels
('individual', 'group', 'firm')
>>> round(float(r.total[-1]), 3)
1.308
>>> float(spiral().total[-1])
0.0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "ITEMS",
    "LEVELS",
    "CHANNELS",
    "KnowledgeItem",
    "SpiralResult",
    "items_table",
    "sorting_items",
    "spiral",
]

LEVELS = ("individual", "group", "firm")

# Channel name -> (weight for explicit knowledge e_j, weight for tacit t_j).
# From Inkpen (1996), Table I, and Inkpen (1998), 'The Establishment of
# Knowledge Connections': technology sharing gives access mainly to explicit
# knowledge; personnel movement could carry explicit knowledge but is most
# effective for tacit knowledge; interactions and strategy linkages carry
# both. The numbers 1.0 and 0.5 are the casebook's own coding of "carries"
# and "could carry, less well".
CHANNELS: dict[str, tuple[float, float]] = {
    "technology_sharing": (1.0, 0.0),
    "interactions": (1.0, 1.0),
    "personnel": (0.5, 1.0),
    "strategy": (1.0, 1.0),
}


@dataclass(frozen=True)
class KnowledgeItem:
    """One piece of knowledge from a case, placed on both axes.

    Attributes
    ----------
    item : str
        Short description shown to the student.
    tacitness : {"tacit", "explicit"}
    scope : {"component", "architectural"}
    why_tacitness, why_scope : str
        Feedback explaining each placement.
    source : str
        Reading and section the item comes from.
    case : str or None
        Id of the case the item belongs to (None: an example in a reading only).
    """

    item: str
    tacitness: str
    scope: str
    why_tacitness: str
    why_scope: str
    source: str
    case: str | None


ITEMS: tuple[KnowledgeItem, ...] = (
    KnowledgeItem(
        "How many NUMMI cars needed repair after assembly, where they stood and how they were counted",
        "explicit", "component",
        "A visitor can be told the count, the place and the bookkeeping in a few sentences; "
        "Inkpen uses it as his example of knowledge an outsider receives easily.",
        "It concerns one step of the value-adding process (final repair), not how the whole plant is organised.",
        "Inkpen (1998), 'The Tacitness of Alliance Knowledge'", "nummi"),
    KnowledgeItem(
        "Why NUMMI needed so few repair cars (the Toyota production system behind the number)",
        "tacit", "architectural",
        "The reason lies in Toyota's whole approach to manufacturing, quality and people, which GM "
        "found slow and painful to learn because it was embedded in Toyota's history and culture.",
        "It is about how the processes are organised and directed together, which Tallman calls architectural.",
        "Inkpen (1998), 'The Tacitness of Alliance Knowledge'", "nummi"),
    KnowledgeItem(
        "Quality control procedures of a Japanese-American supplier JV",
        "explicit", "component",
        "Inkpen's Table I lists quality control processes among the explicit knowledge reached through technology sharing.",
        "A quality procedure is one process that can be written down and moved, a component in Tallman's sense.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "Product designs and scheduling systems shared by the Japanese partner",
        "explicit", "component",
        "Designs and schedules exist as documents and data; Table I puts them under explicit knowledge.",
        "Each is a piece of the value-adding process that can be codified further.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "What Japanese transplant customers expect from a supplier",
        "tacit", "component",
        "Table I lists these expectations as tacit knowledge gained through JV-parent interactions: "
        "they are learnt by dealing with the customer, not from a manual.",
        "They bear on one activity (serving a customer), not on how the firm's activities fit together.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "A commitment to continuous improvement and to customer satisfaction",
        "tacit", "architectural",
        "Table I puts these under tacit knowledge carried by personnel movement: they live in people's habits and values.",
        "They orient every process in the plant, so they belong to the organisation and direction of the work.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "Market intelligence passed between a JV and its parent",
        "explicit", "component",
        "Table I lists market intelligence as explicit knowledge reached by linking parent and JV strategies.",
        "It is a discrete input to one activity (selling), easy to pass on once gathered.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "The Japanese partner's keiretsu relationships and its vision for the future",
        "tacit", "architectural",
        "Table I lists visions and keiretsu relationships as tacit knowledge reached by linking strategies.",
        "They shape how a whole group of firms is organised and directed, the core of architectural knowledge.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "How Toyota's suppliers and Toyota co-specialised over years in the Toyoda City keiretsu",
        "tacit", "architectural",
        "Co-specialisation grows from working together over time; it is not written down and handed over.",
        "Tallman's example of shared architecture: common understandings that develop through common practice.",
        "Tallman (n.d.), '5. Alliances and Clusters'", "toyota_city"),
    KnowledgeItem(
        "The documentation of a business model sent from one subsidiary to another",
        "explicit", "component",
        "Tallman's example of knowledge made explicit so that it can travel; it becomes tacit again only when used.",
        "Tallman says most externally gathered knowledge, including this kind, is component knowledge.",
        "Tallman (n.d.), '2. Knowledge'", None),
    KnowledgeItem(
        "Proprietary process technology offered to Alpha by Hito at no cost",
        "explicit", "component",
        "Process technology offered as a package is technology sharing, which gives access mainly to explicit knowledge.",
        "It improves one manufacturing process; it does not reorganise Alpha.",
        "Inkpen (1998), 'Understanding Knowledge'", "alpha_hito"),
    KnowledgeItem(
        "How to keep a relationship with Japanese customers going, which Alpha hoped to learn",
        "tacit", "architectural",
        "Relationship skills are built by experience and are hard to articulate, the marks of tacit knowledge.",
        "Keeping such customers turned on Hito's manufacturing and quality control as a whole, that is on how "
        "the firm's processes fit together, not on one process.",
        "Inkpen (1998), 'Alliance Knowledge: Access Versus Acquisition'", "alpha_hito"),
)


def items_table(items=ITEMS) -> pd.DataFrame:
    """All knowledge items as a table, one row per item.

    Examples
    --------
    >>> t = items_table()
    >>> sorted(t.columns)[:3]
    ['case', 'item', 'scope']
    >>> set(t.tacitness) == {"tacit", "explicit"}
    True
    """
    return pd.DataFrame([item.__dict__ for item in items])


def sorting_items(axis: str, items=ITEMS) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Inputs for a ``classify`` exercise on one axis.

    Parameters
    ----------
    axis : {"tacitness", "scope"}

    Returns
    -------
    answers : dict
        item text -> correct category.
    explanations : dict
        item text -> feedback naming the source.
    categories : list of str

    Raises
    ------
    ValueError
        If ``axis`` is not one of the two axes.

    Examples
    --------
    >>> answers, why, cats = sorting_items("scope")
    >>> cats
    ['component', 'architectural']
    >>> len(answers) == len(ITEMS)
    True
    """
    if axis not in ("tacitness", "scope"):
        raise ValueError(f"sorting_items: axis must be 'tacitness' or 'scope', not {axis!r}")
    categories = ["tacit", "explicit"] if axis == "tacitness" else ["component", "architectural"]
    answers = {it.item: getattr(it, axis) for it in items}
    why = {it.item: f"{getattr(it, 'why_' + axis)} ({it.source})" for it in items}
    return answers, why, categories


@dataclass(frozen=True)
class SpiralResult:
    """Knowledge at each level of the spiral.

    Attributes
    ----------
    levels : tuple of str
    explicit, tacit, total : numpy.ndarray
        Amount at each level (same order as ``levels``).
    survival_explicit, survival_tacit : float
        Share of each kind that survives one step up.
    """

    levels: tuple
    explicit: np.ndarray
    tacit: np.ndarray
    total: np.ndarray
    survival_explicit: float
    survival_tacit: float

    def to_frame(self) -> pd.DataFrame:
        """The result as a table indexed by level.

        Examples
        --------
        >>> spiral(interactions=1).to_frame().index.tolist()
        ['individual', 'group', 'firm']
        """
        return pd.DataFrame(
            {"explicit": self.explicit, "tacit": self.tacit, "total": self.total},
            index=pd.Index(self.levels, name="level"),
        )


def _check_unit(name: str, value) -> float:
    value = float(value)
    if not np.isfinite(value) or not 0.0 <= value <= 1.0:
        raise ValueError(f"spiral: {name} must be between 0 and 1, got {value!r}")
    return value


def spiral(technology_sharing: float = 0.0, interactions: float = 0.0, personnel: float = 0.0,
           strategy: float = 0.0, tacit_share: float = 0.5, k0: float = 1.0,
           lambda_explicit: float = 1.5, lambda_tacit: float = 0.8,
           growth: float = 1.2) -> SpiralResult:
    r"""Knowledge climbing from individual to group to firm (the casebook's own operationalisation).

    Parameters
    ----------
    technology_sharing, interactions, personnel, strategy : float in [0, 1]
        Intensity of each of the four connection processes (Inkpen 1996,
        'Exploiting Collaborative Knowledge'). 0 means absent.
    tacit_share : float in [0, 1]
        :math:`\tau`, the tacit share of the knowledge an individual brings back.
    k0 : float, >= 0
        Amount at the individual level.
    lambda_explicit, lambda_tacit : float, > 0
        How quickly survival rises with connections; tacit needs
        ``lambda_tacit <= lambda_explicit``.
    growth : float, >= 1
        :math:`g`, enrichment of what survives each step.

    Returns
    -------
    SpiralResult

    Raises
    ------
    ValueError
        Naming the argument that is out of range.

    Examples
    --------
    >>> r = spiral(technology_sharing=1.0, tacit_share=0.5)
    >>> float(r.tacit[-1])   # technology sharing carries no tacit knowledge
    0.0
    >>> round(float(r.explicit[-1]), 3)
    0.435
    """
    x = {name: _check_unit(name, v) for name, v in
         (("technology_sharing", technology_sharing), ("interactions", interactions),
          ("personnel", personnel), ("strategy", strategy))}
    tau = _check_unit("tacit_share", tacit_share)
    k0 = float(k0)
    if not np.isfinite(k0) or k0 < 0:
        raise ValueError(f"spiral: k0 must be a non-negative number, got {k0!r}")
    if not (lambda_explicit > 0 and lambda_tacit > 0):
        raise ValueError("spiral: lambda_explicit and lambda_tacit must be positive")
    if lambda_tacit > lambda_explicit:
        raise ValueError("spiral: lambda_tacit must not exceed lambda_explicit (tacit knowledge is harder to pass on)")
    if not (np.isfinite(growth) and growth >= 1.0):
        raise ValueError(f"spiral: growth must be at least 1, got {growth!r}")

    c_e = sum(CHANNELS[n][0] * x[n] for n in CHANNELS)
    c_t = sum(CHANNELS[n][1] * x[n] for n in CHANNELS)
    s_e = float(-np.expm1(-lambda_explicit * c_e))
    s_t = float(-np.expm1(-lambda_tacit * c_t))
    steps = np.arange(len(LEVELS))
    explicit = (1 - tau) * k0 * (growth * s_e) ** steps
    tacit = tau * k0 * (growth * s_t) ** steps
    return SpiralResult(LEVELS, explicit, tacit, explicit + tacit, s_e, s_t)
