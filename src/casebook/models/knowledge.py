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
connection processes (Inkpen 1996, Table 1) run with intensities
:math:`x_j \in [0, 1]`: technology sharing, alliance-parent interactions,
personnel movement, and linkage of strategies. Each process carries
explicit knowledge with weight :math:`e_j` and tacit knowledge with weight
:math:`t_j`, taken from :data:`PROCESSES`, the one definition the casebook's
models share (technology sharing :math:`(1, 0)`, interactions and strategy
linkage :math:`(0.6, 0.6)`, personnel movement :math:`(0.3, 1)`):

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

Claims the chapter makes, each tested in ``tests/test_knowledge.py`` over
ranges of the parameters: with no connections nothing reaches the group or
the firm; raising any connection never reduces what arrives at any level;
Table 1's order holds at every intensity, tacit share, :math:`\lambda` and
:math:`g` (for tacit knowledge: personnel movement > interactions =
strategy linkage > technology sharing = 0; for explicit knowledge the
reverse of personnel's place: technology sharing > interactions = strategy
> personnel movement); nothing arriving exceeds :math:`g^{\ell} K_0`.
Which single process delivers the most *in total* depends on the tacit
share: at the default parameters personnel movement leads once
:math:`\tau` exceeds :func:`personnel_threshold` (about 0.61), which is the
casebook's own result, not the readings'.

Examples
--------
>>> r = spiral(technology_sharing=1, interactions=1, personnel=1, strategy=1)
>>> r.levels
('individual', 'group', 'firm')
>>> round(float(r.total[-1]), 3)
1.18
>>> float(spiral().total[-1])
0.0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from casebook.models.knowledge_items import ITEMS, LATER_ITEMS, KnowledgeItem, items_table, sorting_items

__all__ = [
    "ITEMS",
    "LATER_ITEMS",
    "LEVELS",
    "PROCESSES",
    "Process",
    "CHANNELS",
    "KnowledgeItem",
    "SpiralResult",
    "items_table",
    "sorting_items",
    "spiral",
    "single_process_totals",
    "personnel_threshold",
]

LEVELS = ("individual", "group", "firm")


@dataclass(frozen=True)
class Process:
    """One of Inkpen's four knowledge management processes and what it carries.

    Attributes
    ----------
    key, label : str
    explicit, tacit : float
        How strongly the process carries explicit and tacit knowledge, on a
        0-1 scale: the casebook's own coding of Inkpen (1996), Table 1.
    reading : str
        What the reading says, in the casebook's words, with its locator.
    """

    key: str
    label: str
    explicit: float
    tacit: float
    reading: str


#: THE shared definition of the four processes' channels, used by
#: :func:`spiral` here and by :mod:`casebook.models.transfer` (chapter 04).
#: Inkpen (1996, 'Tacit and Explicit Knowledge' and Table 1; 1998, 'The
#: Establishment of Knowledge Connections'): technology sharing gives access
#: primarily to explicit knowledge; JV-parent interactions and linkage of
#: strategies create the potential for both kinds; personnel movement could
#: carry explicit knowledge but is most effective for tacit knowledge. The
#: numbers are the casebook's coding of those words (1 = the process's main
#: kind, 0.6 = "both", 0.3 = "could be associated with"); the readings give
#: an order, not sizes. Tests check Table 1's order over all parameters.
PROCESSES: dict[str, Process] = {
    p.key: p
    for p in (
        Process("technology_sharing", "Technology sharing", 1.0, 0.0,
                "Primarily explicit knowledge: quality control processes, product designs, "
                "scheduling systems (Inkpen 1996, Table 1)."),
        Process("interactions", "JV-parent interactions", 0.6, 0.6,
                "Both kinds: specific HR practices (explicit), the expectations of Japanese "
                "customers (tacit) (Inkpen 1996, Table 1); a liaison office coordinating visits gave "
                "access to explicit manufacturing knowledge and to more tacit insights (Inkpen 1998, "
                "'The Establishment of Knowledge Connections')."),
        Process("personnel", "Personnel movement", 0.3, 1.0,
                "Most effective for tacit knowledge (continuous improvement objectives, commitment to "
                "customer satisfaction), though it could carry explicit knowledge too (Inkpen 1996, "
                "Table 1 and 'Tacit and Explicit Knowledge')."),
        Process("strategy", "Linkage of parent and alliance strategies", 0.6, 0.6,
                "Both kinds: market intelligence (explicit), visions for the future and the partner's "
                "keiretsu relationships (tacit) (Inkpen 1996, Table 1)."),
    )
}

# Channel name -> (weight for explicit knowledge e_j, weight for tacit t_j),
# read off :data:`PROCESSES`.
CHANNELS: dict[str, tuple[float, float]] = {k: (p.explicit, p.tacit) for k, p in PROCESSES.items()}


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


def single_process_totals(tacit_share: float = 0.5, **model_kw) -> dict[str, float]:
    """What reaches the firm when one process runs at full strength and the others are off.

    Parameters
    ----------
    tacit_share : float in [0, 1]
    **model_kw
        ``k0``, ``lambda_explicit``, ``lambda_tacit``, ``growth`` (see :func:`spiral`).

    Returns
    -------
    dict
        process key -> total reaching the firm.

    Examples
    --------
    >>> t = single_process_totals(tacit_share=0.9)
    >>> max(t, key=t.get)
    'personnel'
    >>> t = single_process_totals(tacit_share=0.2)
    >>> max(t, key=t.get)
    'technology_sharing'
    """
    return {k: float(spiral(**{k: 1.0}, tacit_share=tacit_share, **model_kw).total[-1]) for k in PROCESSES}


def personnel_threshold(**model_kw) -> float:
    r"""The tacit share above which personnel movement alone delivers most (the casebook's own result).

    With one process :math:`j` at full strength the firm receives
    :math:`(1-\tau) A_j + \tau B_j`, where :math:`A_j = K_0 (g\, s_E)^2` and
    :math:`B_j = K_0 (g\, s_T)^2`. Personnel movement has the largest
    :math:`B` and the smallest :math:`A`, so it leads once
    :math:`\tau > \max_q (A_q - A_p) / ((A_q - A_p) + (B_p - B_q))`.

    Parameters
    ----------
    **model_kw
        ``lambda_explicit``, ``lambda_tacit``, ``growth`` (see :func:`spiral`).

    Returns
    -------
    float in (0, 1)

    Examples
    --------
    >>> round(personnel_threshold(), 2)
    0.61
    >>> personnel_threshold(lambda_explicit=3.0, lambda_tacit=0.3) > 0.85
    True
    """
    model_kw = {k: v for k, v in model_kw.items() if k != "k0"}
    explicit = {k: float(spiral(**{k: 1.0}, tacit_share=0.0, **model_kw).total[-1]) for k in PROCESSES}
    tacit = {k: float(spiral(**{k: 1.0}, tacit_share=1.0, **model_kw).total[-1]) for k in PROCESSES}
    a_p, b_p = explicit["personnel"], tacit["personnel"]
    cuts = [(explicit[q] - a_p) / ((explicit[q] - a_p) + (b_p - tacit[q])) for q in PROCESSES if q != "personnel"]
    return float(max(cuts))
