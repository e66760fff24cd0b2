r"""A learning-plan model: how much JV knowledge reaches the parent, and of which kind.

Inkpen (1996, 'Exploiting Collaborative Knowledge', Table 1) names four
processes that carry knowledge from a joint venture to its parent, each
with the kind of knowledge it mainly carries: technology sharing
(explicit), JV-parent interactions (explicit and tacit), personnel
movement (tacit above all) and links between parent and alliance
strategies (explicit and tacit). Six facilitating factors decide how much
the parent makes of what it is exposed to ('Facilitating Factors'). Inkpen
gives no equations; the model below is **the casebook's own
operationalisation**, built so that its behaviour can be checked against
those statements. What each process carries is not defined here: it is
:data:`casebook.models.knowledge.PROCESSES`, the one definition chapter 01's
spiral uses too.

A plan buys :math:`n_p \ge 0` units of each lever :math:`p` at unit cost
:math:`k_p` within a budget :math:`B` (:math:`\sum_p k_p n_p \le B`). Each
lever belongs to one process :math:`\pi(p)` and delivers a share
:math:`w_p` of that process at saturation (the shares of one process add up
to 1):

- joint technical meetings (technology sharing, M);
- visits and tours (JV-parent interactions, V, :math:`w = 0.6`);
- a technical liaison office that coordinates visits (JV-parent
  interactions, L, :math:`w = 0.4`; Inkpen 1998, 'The Establishment of
  Knowledge Connections', counts GM's liaison office at NUMMI as an
  interaction that gave both explicit knowledge and tacit insights);
- managers on two-way rotation (personnel movement, R);
- the JV in the parent's planning and divisional meetings (strategy
  linkage, P; Inkpen 1996, 'Linkages Between Parent and Alliance Strategies').

Each lever has diminishing returns, :math:`h_p = 1 - e^{-n_p / s_p}`, and
the channels (share of the gap closed per quarter, before uptake) are

.. math::

    c_E = r_E \sum_p w_p\, e_{\pi(p)}\, h_p, \qquad
    c_T = r_T \sum_p w_p\, t_{\pi(p)}\, h_p ,

with :math:`(e, t)` from ``PROCESSES``. A process at full strength therefore
carries exactly what Table 1 gives it, and tests check Table 1's order for
every factor setting, vignette and horizon.

The parent's uptake combines the five supportive factors
:math:`f_j \in [0, 1]` (flexible objectives, leadership commitment, trust,
tolerance for redundancy, creative chaos) and performance myopia
:math:`m \in [0, 1]`:

.. math::

    u = \bigl(u_0 + (1 - u_0)\,\bar f\bigr)\,(1 - \mu m),\qquad
    \bar f = \tfrac15 \textstyle\sum_j f_j .

With a pool :math:`K_E, K_T` of explicit and tacit knowledge in the JV
(set by the vignette), what has reached the parent after :math:`t` quarters is

.. math:: P_k(t) = K_k\,\bigl[1 - (1 - u\,c_k)^t\bigr], \qquad k \in \{E, T\}.

No single plan is "the answer": :func:`near_best_plans` lists every whole-unit
plan within a tolerance of the best, and they differ in which processes
they lean on.

Examples
--------
>>> plan = LearningPlan(meetings=2, visits=2, rotations=1)
>>> out = simulate(plan, Factors(), vignette="continuous_improvement")
>>> list(out.columns)
['quarter', 'explicit', 'tacit']
>>> bool(out["tacit"].iloc[-1] > 0)
True
>>> visits_only = simulate(LearningPlan(visits=4, liaison=1), Factors(), "continuous_improvement")
>>> bool(visits_only["tacit"].iloc[-1] > 0)   # interactions carry tacit knowledge too
True
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields

import numpy as np
import pandas as pd

from casebook.models.knowledge import PROCESSES

__all__ = [
    "LEVERS",
    "PROCESS_OF",
    "PROCESSES",
    "LEVER_SHARE",
    "COST",
    "SATURATION",
    "EXPLICIT_RATE",
    "TACIT_RATE",
    "BASE_UPTAKE",
    "MYOPIA_PENALTY",
    "DEFAULT_BUDGET",
    "HORIZON",
    "Vignette",
    "VIGNETTES",
    "LearningPlan",
    "Factors",
    "channels",
    "uptake",
    "simulate",
    "near_best_plans",
]

#: The five levers and the process each stands for (Inkpen 1996, Table 1).
LEVERS = {
    "meetings": "technology_sharing",
    "visits": "interactions",
    "liaison": "interactions",
    "rotations": "personnel",
    "planning": "strategy",
}
#: Alias kept for readers of the formulas: :math:`\pi(p)`.
PROCESS_OF = LEVERS

# --- Parameters: the casebook's own choices, not estimates from the readings.
#: w_p: share of its process a lever delivers at saturation (each process sums to 1).
LEVER_SHARE = {"meetings": 1.0, "visits": 0.6, "liaison": 0.4, "rotations": 1.0, "planning": 1.0}
#: Budget points per unit of each lever (a rotated manager, a standing office
#: and a seat in parent planning cost far more than a meeting or a visit).
COST = {"meetings": 1.0, "visits": 1.0, "liaison": 4.0, "rotations": 3.0, "planning": 3.0}
#: Units at which a lever delivers 63% of its maximum effect.
SATURATION = {"meetings": 3.0, "visits": 3.0, "liaison": 1.0, "rotations": 2.0, "planning": 1.0}
#: r_E, r_T: share of the gap a process at full strength closes per quarter
#: (tacit knowledge moves more slowly: Inkpen 1998, 'The Tacitness of Alliance Knowledge').
EXPLICIT_RATE = 0.30
TACIT_RATE = 0.15
#: u_0: uptake when every supportive factor is absent.
BASE_UPTAKE = 0.2
#: mu: how much full performance myopia cuts uptake.
MYOPIA_PENALTY = 0.8
DEFAULT_BUDGET = 12.0
#: Quarters simulated by default (three years, the length of Inkpen's
#: observation of Alpha-Hito).
HORIZON = 12


@dataclass(frozen=True)
class Vignette:
    """A situation from Inkpen (1996): what knowledge the JV holds for the parent."""

    key: str
    title: str
    explicit: float
    tacit: float
    story: str
    source: str


VIGNETTES = {
    v.key: v
    for v in (
        Vignette(
            "nonunion_hr",
            "Copying the JV's HR system in a new non-union plant",
            explicit=0.7,
            tacit=0.3,
            story="A parent opening a non-union plant sent managers to spend several days "
            "in its JV, which mixed Japanese and American personnel practices, and built "
            "much of what they saw into the new plant.",
            source="Inkpen (1996), 'JV-Parent Interactions'",
        ),
        Vignette(
            "one_third_staff",
            "Running the line with a third of the operators",
            explicit=0.6,
            tacit=0.4,
            story="A parent president saw the Japanese partner doing the same work with a "
            "third of the staff; Japanese engineers brought detailed equipment designs, "
            "but the parent's engineers made no visible progress with them.",
            source="Inkpen (1996), 'Technology Sharing'",
        ),
        Vignette(
            "continuous_improvement",
            "Continuous improvement and commitment to the customer",
            explicit=0.2,
            tacit=0.8,
            story="Two plant managers spent time in a JV and went back to run parent "
            "plants, the chairman asking them to apply what they had learned there.",
            source="Inkpen (1996), 'Personnel Movement' and Table 1",
        ),
        Vignette(
            "related_division",
            "Treating the JV as a related division",
            explicit=0.5,
            tacit=0.5,
            story="A parent ran its JV like any other division, with the JV in all its "
            "meetings and staff moving both ways; the partners began to plan new "
            "international projects together.",
            source="Inkpen (1996), 'Linkages Between Parent and Alliance Strategies'",
        ),
    )
}


def _check_number(where: str, value, lo: float = 0.0, hi: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ValueError(f"{where} must be a number, got {value!r}")
    if not (lo <= float(value) <= hi):
        raise ValueError(f"{where} must be between {lo:g} and {hi:g}, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class LearningPlan:
    """Units bought of each lever, checked against a budget.

    Raises
    ------
    ValueError
        If a lever is negative or the plan costs more than ``budget``
        (the message gives the cost).

    Examples
    --------
    >>> LearningPlan(meetings=2, rotations=1).cost()
    5.0
    >>> LearningPlan(rotations=5)
    Traceback (most recent call last):
    ...
    ValueError: LearningPlan: the plan costs 15 budget points but the budget is 12
    """

    meetings: float = 0.0
    visits: float = 0.0
    rotations: float = 0.0
    liaison: float = 0.0
    planning: float = 0.0
    budget: float = DEFAULT_BUDGET

    def __post_init__(self):
        for name in LEVERS:
            _check_number(f"LearningPlan.{name}", getattr(self, name))
        _check_number("LearningPlan.budget", self.budget)
        if self.cost() > self.budget + 1e-9:
            raise ValueError(
                f"LearningPlan: the plan costs {self.cost():g} budget points but the budget is {self.budget:g}"
            )

    def cost(self) -> float:
        """Budget points the plan uses: :math:`\\sum_p k_p n_p`."""
        return float(sum(COST[p] * getattr(self, p) for p in LEVERS))

    def units(self) -> dict[str, float]:
        return {p: float(getattr(self, p)) for p in LEVERS}


@dataclass(frozen=True)
class Factors:
    """Inkpen's six facilitating factors, each from 0 (absent) to 1 (strong).

    ``myopia`` is the *degree of performance myopia* (0 = none), so a higher
    value is worse; the other five are supportive.
    """

    flexible_objectives: float = 0.5
    leadership: float = 0.5
    trust: float = 0.5
    redundancy: float = 0.5
    creative_chaos: float = 0.5
    myopia: float = 0.5

    def __post_init__(self):
        for f in fields(self):
            _check_number(f"Factors.{f.name}", getattr(self, f.name), 0.0, 1.0)

    def supportive(self) -> float:
        """Mean of the five supportive factors, :math:`\\bar f`."""
        vals = [v for k, v in asdict(self).items() if k != "myopia"]
        return float(sum(vals) / len(vals))


def channels(plan: LearningPlan) -> dict[str, float]:
    """Explicit and tacit channel rates :math:`c_E, c_T` of a plan.

    Examples
    --------
    >>> channels(LearningPlan(meetings=6))["tacit"]
    0.0
    >>> channels(LearningPlan(liaison=1))["tacit"] > 0
    True
    """
    h = {p: 1.0 - math.exp(-getattr(plan, p) / SATURATION[p]) for p in LEVERS}
    c_e = EXPLICIT_RATE * sum(LEVER_SHARE[p] * PROCESSES[LEVERS[p]].explicit * h[p] for p in LEVERS)
    c_t = TACIT_RATE * sum(LEVER_SHARE[p] * PROCESSES[LEVERS[p]].tacit * h[p] for p in LEVERS)
    return {"explicit": float(c_e), "tacit": float(c_t)}


def uptake(factors: Factors) -> float:
    """Share of what the channels offer that the parent takes up each quarter, :math:`u`.

    Examples
    --------
    >>> uptake(Factors(myopia=0.0)) > uptake(Factors(myopia=1.0))
    True
    """
    return (BASE_UPTAKE + (1.0 - BASE_UPTAKE) * factors.supportive()) * (1.0 - MYOPIA_PENALTY * factors.myopia)


def simulate(plan: LearningPlan | None = None, factors: Factors | None = None,
             vignette: str = "continuous_improvement", horizon: int = HORIZON) -> pd.DataFrame:
    """Knowledge that has reached the parent, quarter by quarter.

    Parameters
    ----------
    plan : LearningPlan, optional
        Defaults to an empty plan (nothing is spent, nothing arrives).
    factors : Factors, optional
        Defaults to every factor at 0.5.
    vignette : str
        A key of :data:`VIGNETTES`; sets the explicit and tacit pool.
    horizon : int
        Quarters to simulate (1..40).

    Returns
    -------
    pandas.DataFrame
        Columns ``quarter`` (0..horizon), ``explicit`` and ``tacit`` (share
        of the vignette's whole pool that has reached the parent).

    Examples
    --------
    >>> simulate().iloc[-1].tolist()
    [12.0, 0.0, 0.0]
    """
    plan = LearningPlan() if plan is None else plan
    factors = Factors() if factors is None else factors
    if vignette not in VIGNETTES:
        raise ValueError(f"unknown vignette {vignette!r}; expected one of {list(VIGNETTES)}")
    if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or not 1 <= horizon <= 40:
        raise ValueError(f"horizon must be a whole number of quarters from 1 to 40, got {horizon!r}")
    v = VIGNETTES[vignette]
    c = channels(plan)
    u = uptake(factors)
    t = np.arange(horizon + 1, dtype=float)
    return pd.DataFrame(
        {
            "quarter": t,
            "explicit": v.explicit * (1.0 - (1.0 - u * c["explicit"]) ** t),
            "tacit": v.tacit * (1.0 - (1.0 - u * c["tacit"]) ** t),
        }
    )


def near_best_plans(factors: Factors | None = None, vignette: str = "continuous_improvement",
                    budget: float = DEFAULT_BUDGET, horizon: int = HORIZON, within: float = 0.05,
                    weight_tacit: float = 0.5, maxima: dict | None = None) -> pd.DataFrame:
    """Every whole-unit plan within ``within`` of the best one (the casebook's own search).

    A plan's *value* is the weighted share of the JV's pool that has reached
    the parent after ``horizon`` quarters: ``(1 - weight_tacit)`` times the
    explicit share plus ``weight_tacit`` times the tacit share. How much a
    firm should care about each kind is a judgement, not a fact, so it is an
    argument here.

    Parameters
    ----------
    factors, vignette, budget, horizon
        As in :func:`simulate`.
    within : float in [0, 1)
        Keep plans whose value is at least ``(1 - within)`` times the best.
    weight_tacit : float in [0, 1]
    maxima : dict, optional
        Largest number of units searched per lever (defaults: 12 meetings,
        12 visits, 3 liaison offices, 4 rotations, 3 planning seats).

    Returns
    -------
    pandas.DataFrame
        One row per plan: the five levers, ``cost``, ``explicit``, ``tacit``
        (shares of each pool reached) and ``value``; best first.

    Examples
    --------
    >>> near = near_best_plans(Factors(), "related_division")
    >>> len(near) > 1
    True
    >>> bool((near["cost"] <= DEFAULT_BUDGET).all())
    True
    """
    factors = Factors() if factors is None else factors
    within = _check_number("near_best_plans: within", within, 0.0, 0.999)
    weight_tacit = _check_number("near_best_plans: weight_tacit", weight_tacit, 0.0, 1.0)
    if vignette not in VIGNETTES:
        raise ValueError(f"unknown vignette {vignette!r}; expected one of {list(VIGNETTES)}")
    maxima = {"meetings": 12, "visits": 12, "liaison": 3, "rotations": 4, "planning": 3, **(maxima or {})}
    grids = np.meshgrid(*[np.arange(maxima[p] + 1, dtype=float) for p in LEVERS], indexing="ij")
    units = {p: g.ravel() for p, g in zip(LEVERS, grids)}
    cost = sum(COST[p] * units[p] for p in LEVERS)
    keep = cost <= budget + 1e-9
    units = {p: u[keep] for p, u in units.items()}
    cost = cost[keep]
    h = {p: 1.0 - np.exp(-units[p] / SATURATION[p]) for p in LEVERS}
    c_e = EXPLICIT_RATE * sum(LEVER_SHARE[p] * PROCESSES[LEVERS[p]].explicit * h[p] for p in LEVERS)
    c_t = TACIT_RATE * sum(LEVER_SHARE[p] * PROCESSES[LEVERS[p]].tacit * h[p] for p in LEVERS)
    u = uptake(factors)
    share_e = 1.0 - (1.0 - u * c_e) ** horizon
    share_t = 1.0 - (1.0 - u * c_t) ** horizon
    value = (1 - weight_tacit) * share_e + weight_tacit * share_t
    best = float(value.max())
    sel = value >= (1 - within) * best - 1e-12
    out = pd.DataFrame({**{p: units[p][sel] for p in LEVERS}, "cost": cost[sel], "explicit": share_e[sel],
                        "tacit": share_t[sel], "value": value[sel]})
    return out.sort_values(["value", "cost"], ascending=[False, True], kind="stable").reset_index(drop=True)
