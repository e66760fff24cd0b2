r"""Learning races inside a two-partner joint venture.

Inkpen (1998, 'Is Alliance Knowledge Related To What Is Already Known?')
notes a paradox: a partner that learns well may end up needing the
alliance less. Hamel (1991) describes alliances as races to learn in which
the faster learner can make the founding bargain obsolete, and Inkpen and
Beamish (1997) link joint-venture instability to learning that removes a
partner's dependence. This module turns that argument into a small
dynamic model. It is **the casebook's own operationalisation**, not a
published model; every equation is written out below and in chapter 05.

Model
-----
Partner :math:`i` learns the skills of partner :math:`j`. Its knowledge
:math:`k_i \in [0, 1)` of those skills grows as

.. math::

    \frac{dk_i}{dt} = r_i(t)\,(1 - k_i), \qquad k_i(0) = k_{i0},

with a learning rate (per year)

.. math::

    r_i(t) = \rho\,(1 + \kappa s)\; I_i\; a_i\; (1 - \pi_j(t))\; (1 - \tau_i),
    \qquad a_i = \tfrac13 (R_i + C_i + N_i),

where :math:`\rho` is a base rate, :math:`s` the private share of the
benefits (Khanna, Gulati and Nohria 1998), :math:`\kappa` how strongly a
private share speeds the race, :math:`I_i` the learning intent,
:math:`a_i` the absorptive capacity built from relatedness :math:`R_i`,
cultural alignment :math:`C_i` and knowledge connections :math:`N_i`
(the three learning-effectiveness factors of Inkpen 1998, 'Learning
Effectiveness'), :math:`\tau_i` the tacitness of the knowledge :math:`i`
seeks and :math:`\pi_j(t)` the protectiveness of partner :math:`j`. Trust
that builds after a honeymoon of :math:`h` years (Inkpen 1998, 'How
Protective are Alliance Partners?') cuts protectiveness by a fraction
:math:`\delta`:

.. math::

    \pi_j(t) = \pi_j \text{ for } t < h, \qquad \pi_j(t) = (1 - \delta)\,\pi_j
    \text{ for } t \ge h.

Dependence on the alliance is :math:`D_i = 1 - k_i`, and bargaining power
follows relative dependence, :math:`P_i = D_j / (D_i + D_j)`. The venture
becomes unstable when either partner's dependence falls below a threshold
:math:`d^*`.

Closed forms
------------
Because :math:`r_i` is piecewise constant, with cumulative rate
:math:`\Lambda_i(t) = \int_0^t r_i = r_i^{e} \min(t, h) + r_i^{l} \max(t - h, 0)`,

.. math::

    D_i(t) = (1 - k_{i0})\, e^{-\Lambda_i(t)}.

Partner :math:`i` becomes independent when :math:`\Lambda_i(T_i) = L_i =
\ln\big((1 - k_{i0}) / d^*\big)`:

.. math::

    T_i = \begin{cases}
    0 & L_i \le 0 \\
    L_i / r_i^{e} & r_i^{e} h \ge L_i \\
    h + (L_i - r_i^{e} h) / r_i^{l} & \text{otherwise, if } r_i^{l} > 0 \\
    \infty & \text{otherwise}
    \end{cases}

The venture becomes unstable at :math:`T = \min(T_A, T_B)`; the laggard
:math:`j` is then left with dependence :math:`D_j(T) = (1 - k_{j0})
e^{-\Lambda_j(T)}`. :meth:`LearningRace.simulate` integrates the
differential equation numerically (classical Runge-Kutta) so that the
chapter can check it against these formulas.

Nothing here is random, so the model takes no ``seed``.

Examples
--------
>>> race = LearningRace()
>>> df = race.simulate(years=20, dt=0.05)
>>> sorted(df.columns)
['dependence', 'knowledge', 'partner', 'power', 't']
>>> round(race.instability_time(), 2)
3.61
>>> scenario("alpha_hito").instability_time() is None
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Mapping

__all__ = [
    "Partner",
    "LearningRace",
    "LEVELS",
    "CALIBRATION",
    "SCENARIOS",
    "level_value",
    "partner_from_assessment",
    "scenario",
    "first_crossing",
]

# ---------------------------------------------------------------------------
# Partners and the race
# ---------------------------------------------------------------------------

_UNIT_FIELDS = ("intent", "relatedness", "cultural_alignment", "connections",
                "tacitness", "protectiveness")


def _check_unit(owner: str, name: str, value, *, upper_open: bool = False) -> float:
    """Return ``value`` as a float in [0, 1] (or [0, 1)), else raise naming the field."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{owner}: field '{name}' must be a number, got {value!r}") from None
    if math.isnan(x) or x < 0 or x > 1 or (upper_open and x >= 1):
        bound = "[0, 1)" if upper_open else "[0, 1]"
        raise ValueError(f"{owner}: field '{name}' must be in {bound}, got {value!r}")
    return x


@dataclass(frozen=True)
class Partner:
    """One side of a joint venture, as a learner and as a guardian of its skills.

    Parameters
    ----------
    name : str
        Label used in tables and plots.
    intent : float in [0, 1]
        Learning intent: the effort the partner puts into acquiring the
        other's skills. Zero means it does not try, so it learns nothing.
    relatedness, cultural_alignment, connections : float in [0, 1]
        The three learning-effectiveness factors (Inkpen 1998, 'Learning
        Effectiveness'); their mean is the absorptive capacity :math:`a_i`.
    tacitness : float in [0, 1]
        How tacit the knowledge this partner seeks is (1 = impossible to
        acquire in this model).
    protectiveness : float in [0, 1]
        How hard this partner guards its own skills from the other
        (1 = a wall: the other learns nothing).
    knowledge0 : float in [0, 1)
        Knowledge of the other's skills at formation.

    Examples
    --------
    >>> Partner("GM", intent=0.7).absorptive_capacity
    0.5
    >>> Partner("X", intent=2)
    Traceback (most recent call last):
    ...
    ValueError: Partner 'X': field 'intent' must be in [0, 1], got 2
    """

    name: str = "Partner"
    intent: float = 0.7
    relatedness: float = 0.5
    cultural_alignment: float = 0.5
    connections: float = 0.5
    tacitness: float = 0.5
    protectiveness: float = 0.5
    knowledge0: float = 0.0

    def __post_init__(self):
        owner = f"Partner {self.name!r}"
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"Partner: field 'name' must be a non-empty string, got {self.name!r}")
        for name in _UNIT_FIELDS:
            object.__setattr__(self, name, _check_unit(owner, name, getattr(self, name)))
        object.__setattr__(self, "knowledge0",
                           _check_unit(owner, "knowledge0", self.knowledge0, upper_open=True))

    @property
    def absorptive_capacity(self) -> float:
        """Mean of relatedness, cultural alignment and knowledge connections."""
        return (self.relatedness + self.cultural_alignment + self.connections) / 3.0


def _default_a() -> Partner:
    return Partner("Partner A", intent=0.8, relatedness=0.6, cultural_alignment=0.5,
                   connections=0.6, tacitness=0.3, protectiveness=0.3)


def _default_b() -> Partner:
    return Partner("Partner B", intent=0.8, relatedness=0.5, cultural_alignment=0.4,
                   connections=0.5, tacitness=0.7, protectiveness=0.3)


@dataclass(frozen=True)
class LearningRace:
    """A race to learn between two joint-venture partners.

    The equations are in the module docstring (the casebook's own
    operationalisation). All parameters have defaults, so
    ``LearningRace()`` is a ready example in which partner A, seeking more
    explicit knowledge, learns faster than partner B.

    Parameters
    ----------
    a, b : Partner
        The two partners.
    private_share : float in [0, 1]
        Share :math:`s` of the venture's benefits that a partner can only
        earn privately, by applying what it learns outside the venture
        (Khanna, Gulati and Nohria 1998). The larger it is, the faster both
        partners race.
    race_intensity : float >= 0
        :math:`\\kappa`: how much a fully private benefit speeds learning
        (1 doubles it).
    threshold : float in (0, 1)
        :math:`d^*`: the venture becomes unstable when a partner's
        dependence falls below it.
    base_rate : float > 0
        :math:`\\rho`, per year: sets the time scale.
    honeymoon : float >= 0
        :math:`h`, years before trust starts to lower protectiveness.
    trust_relief : float in [0, 1]
        :math:`\\delta`: fraction of protectiveness that trust removes after
        the honeymoon.
    start_year : int or None
        Calendar year of formation (only used for labels).

    Examples
    --------
    >>> race = LearningRace()
    >>> race.rates()["Partner A"] > race.rates()["Partner B"]
    True
    >>> race.instability()["leader"]
    'Partner A'
    >>> LearningRace(threshold=1.5)
    Traceback (most recent call last):
    ...
    ValueError: LearningRace: field 'threshold' must be in (0, 1), got 1.5
    """

    a: Partner = field(default_factory=_default_a)
    b: Partner = field(default_factory=_default_b)
    private_share: float = 0.5
    race_intensity: float = 1.0
    threshold: float = 0.3
    base_rate: float = 1.0
    honeymoon: float = 3.0
    trust_relief: float = 0.0
    start_year: int | None = None

    def __post_init__(self):
        owner = "LearningRace"
        for name in ("a", "b"):
            if not isinstance(getattr(self, name), Partner):
                raise TypeError(f"{owner}: field '{name}' must be a Partner, got {getattr(self, name)!r}")
        if self.a.name == self.b.name:
            raise ValueError(f"{owner}: fields 'a' and 'b' need different names, both are {self.a.name!r}")
        object.__setattr__(self, "private_share", _check_unit(owner, "private_share", self.private_share))
        object.__setattr__(self, "trust_relief", _check_unit(owner, "trust_relief", self.trust_relief))
        for name, low_open in (("race_intensity", False), ("base_rate", True), ("honeymoon", False)):
            try:
                x = float(getattr(self, name))
            except (TypeError, ValueError):
                raise TypeError(f"{owner}: field '{name}' must be a number, got {getattr(self, name)!r}") from None
            if math.isnan(x) or math.isinf(x) or x < 0 or (low_open and x == 0):
                sign = "> 0" if low_open else ">= 0"
                raise ValueError(f"{owner}: field '{name}' must be finite and {sign}, got {getattr(self, name)!r}")
            object.__setattr__(self, name, x)
        try:
            d = float(self.threshold)
        except (TypeError, ValueError):
            raise TypeError(f"{owner}: field 'threshold' must be a number, got {self.threshold!r}") from None
        if math.isnan(d) or not 0 < d < 1:
            raise ValueError(f"{owner}: field 'threshold' must be in (0, 1), got {self.threshold!r}")
        object.__setattr__(self, "threshold", d)

    # -- rates ------------------------------------------------------------
    @property
    def partners(self) -> tuple[Partner, Partner]:
        return (self.a, self.b)

    def _rate(self, learner: Partner, guardian: Partner, after_honeymoon: bool) -> float:
        protect = guardian.protectiveness * ((1.0 - self.trust_relief) if after_honeymoon else 1.0)
        return (self.base_rate * (1.0 + self.race_intensity * self.private_share)
                * learner.intent * learner.absorptive_capacity
                * (1.0 - protect) * (1.0 - learner.tacitness))

    def rates(self, after_honeymoon: bool = False) -> dict[str, float]:
        """Learning rate :math:`r_i` (per year) of each partner, before or after the honeymoon.

        Examples
        --------
        >>> r = LearningRace(trust_relief=0.5).rates
        >>> r(True)["Partner A"] > r(False)["Partner A"]
        True
        """
        return {self.a.name: self._rate(self.a, self.b, after_honeymoon),
                self.b.name: self._rate(self.b, self.a, after_honeymoon)}

    def _rate_at(self, t):
        """Rates of (a, b) at time ``t`` (scalar)."""
        late = t >= self.honeymoon
        return (self._rate(self.a, self.b, late), self._rate(self.b, self.a, late))

    # -- closed forms ------------------------------------------------------
    def cumulative_rate(self, partner: str, t: float) -> float:
        """:math:`\\Lambda_i(t)`, the integral of the learning rate from 0 to ``t``."""
        p = self._partner(partner)
        other = self.b if p is self.a else self.a
        early, late = self._rate(p, other, False), self._rate(p, other, True)
        return early * min(t, self.honeymoon) + late * max(t - self.honeymoon, 0.0)

    def dependence_at(self, partner: str, t: float) -> float:
        """Closed-form dependence :math:`D_i(t) = (1 - k_{i0}) e^{-\\Lambda_i(t)}`.

        Examples
        --------
        >>> race = LearningRace()
        >>> race.dependence_at("Partner A", 0.0)
        1.0
        """
        return (1.0 - self._partner(partner).knowledge0) * math.exp(-self.cumulative_rate(partner, t))

    def independence_time(self, partner: str) -> float | None:
        """Closed-form time :math:`T_i` at which ``partner``'s dependence reaches the threshold.

        ``None`` when it never does (its learning stops or never starts).

        Examples
        --------
        >>> race = LearningRace()
        >>> t = race.independence_time("Partner A")
        >>> abs(race.dependence_at("Partner A", t) - race.threshold) < 1e-12
        True
        """
        p = self._partner(partner)
        other = self.b if p is self.a else self.a
        early, late = self._rate(p, other, False), self._rate(p, other, True)
        need = math.log((1.0 - p.knowledge0) / self.threshold)
        h = self.honeymoon
        if need <= 0:
            return 0.0
        if early > 0 and early * h >= need:
            t = need / early
        elif late > 0:
            t = h + (need - early * h) / late
        else:
            return None
        # a rate so small that the time overflows means: never
        return t if math.isfinite(t) else None

    def instability(self) -> dict:
        """When and how the venture becomes unstable (closed forms).

        Returns
        -------
        dict
            ``time`` (years, or None), ``leader`` (the partner that becomes
            independent first, or None), ``laggard``, and the laggard's
            ``laggard_dependence`` and ``laggard_power`` at that moment.
            ``calendar_year`` is added when ``start_year`` is set.

        Examples
        --------
        >>> out = LearningRace().instability()
        >>> out["laggard"], round(out["laggard_dependence"], 2)
        ('Partner B', 0.65)
        """
        times = {p.name: self.independence_time(p.name) for p in self.partners}
        finite = {k: v for k, v in times.items() if v is not None}
        out = {"time": None, "leader": None, "laggard": None,
               "laggard_dependence": None, "laggard_power": None}
        if not finite:
            return out
        leader = min(finite, key=lambda k: (finite[k], k != self.a.name))
        laggard = self.b.name if leader == self.a.name else self.a.name
        t = finite[leader]
        d_lead, d_lag = self.dependence_at(leader, t), self.dependence_at(laggard, t)
        total = d_lead + d_lag
        out.update(time=t, leader=leader, laggard=laggard, laggard_dependence=d_lag,
                   laggard_power=d_lead / total if total > 0 else 0.5)
        if self.start_year is not None:
            out["calendar_year"] = self.start_year + t
        return out

    def instability_time(self) -> float | None:
        """Years from formation until the venture becomes unstable, or None if it stays stable.

        Examples
        --------
        >>> LearningRace(a=Partner("A", intent=0), b=Partner("B", intent=0)).instability_time() is None
        True
        """
        return self.instability()["time"]

    # -- simulation ----------------------------------------------------------
    def simulate(self, years: float = 30.0, dt: float = 0.05):
        """Integrate the model numerically (classical fourth-order Runge-Kutta).

        Parameters
        ----------
        years : float > 0
            Length of the run.
        dt : float > 0
            Time step in years (at most ``years``).

        Returns
        -------
        pandas.DataFrame
            Long format, one row per partner and time: ``t`` (years since
            formation), ``partner``, ``knowledge``, ``dependence``, ``power``.

        Examples
        --------
        >>> df = LearningRace().simulate(years=10, dt=0.5)
        >>> len(df), df["partner"].unique().tolist()
        (42, ['Partner A', 'Partner B'])
        >>> bool((df.groupby("t")["power"].sum().round(12) == 1).all())
        True
        """
        import numpy as np
        import pandas as pd

        for name, value in (("years", years), ("dt", dt)):
            try:
                ok = float(value) > 0 and math.isfinite(float(value))
            except (TypeError, ValueError):
                ok = False
            if not ok:
                raise ValueError(f"LearningRace.simulate: argument '{name}' must be a positive number, got {value!r}")
        if dt > years:
            raise ValueError(f"LearningRace.simulate: argument 'dt' ({dt}) must not exceed 'years' ({years})")
        n = int(round(years / dt))
        t = np.arange(n + 1) * dt
        t0 = t[:-1]

        def rates(late):
            return np.column_stack([
                np.where(late, self._rate(self.a, self.b, True), self._rate(self.a, self.b, False)),
                np.where(late, self._rate(self.b, self.a, True), self._rate(self.b, self.a, False)),
            ])

        # dk/dt = r(t) (1 - k). With u = 1 - k the four Runge-Kutta stages
        # are u times a factor that does not depend on u, so one step is
        # u_{n+1} = u_n * g_n and the whole path is a cumulative product.
        # The rate jumps at the end of the honeymoon. A step that ends at (or
        # starts at) the jump lies wholly in one regime; only a step that
        # straddles it mixes the two (an O(dt) error confined to that step).
        eps = 1e-9 * max(1.0, self.honeymoon)
        h = self.honeymoon
        a1 = rates(t0 >= h - eps)
        a2 = rates(t0 + dt / 2 >= h)
        a4 = rates(t0 + dt > h + eps)
        s1 = -a1
        s2 = -a2 * (1 + dt / 2 * s1)
        s3 = -a2 * (1 + dt / 2 * s2)
        s4 = -a4 * (1 + dt * s3)
        g = np.clip(1 + dt / 6 * (s1 + 2 * s2 + 2 * s3 + s4), 0.0, 1.0)
        u0 = np.array([1.0 - self.a.knowledge0, 1.0 - self.b.knowledge0])
        u = np.vstack([u0, u0 * np.cumprod(g, axis=0)])
        k = 1.0 - u
        dep = 1.0 - k
        total = dep.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            power_a = np.where(total > 0, dep[:, 1] / np.where(total > 0, total, 1.0), 0.5)
        power = np.column_stack([power_a, 1.0 - power_a])
        frames = []
        for j, p in enumerate(self.partners):
            frames.append(pd.DataFrame({"t": t, "partner": p.name, "knowledge": k[:, j],
                                        "dependence": dep[:, j], "power": power[:, j]}))
        return pd.concat(frames, ignore_index=True)

    def _partner(self, name: str) -> Partner:
        for p in self.partners:
            if p.name == name:
                return p
        raise KeyError(f"LearningRace: no partner named {name!r}; partners are "
                       f"{self.a.name!r} and {self.b.name!r}")


def first_crossing(df, threshold: float) -> float | None:
    """First simulated time at which any partner's dependence is at or below ``threshold``.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :meth:`LearningRace.simulate`.
    threshold : float

    Examples
    --------
    >>> race = LearningRace()
    >>> t = first_crossing(race.simulate(years=20, dt=0.01), race.threshold)
    >>> abs(t - race.instability_time()) <= 0.01
    True
    """
    below = df.loc[df["dependence"] <= threshold, "t"]
    return None if below.empty else float(below.min())


# ---------------------------------------------------------------------------
# Calibration from the case assessments
# ---------------------------------------------------------------------------

#: Assessment level -> value on [0, 1]. The casebook's own mapping: the five
#: levels are spread evenly and kept away from 0 and 1, so that no assessment
#: by itself switches learning off or makes it instantaneous.
LEVELS: dict[str, float] = {"very_low": 0.1, "low": 0.3, "medium": 0.5,
                            "high": 0.7, "very_high": 0.9}

# Which model parameter each assessment dimension (CONTRIBUTING.md, cases)
# sets for the partner whose perspective the assessment takes. 'value'
# sets intent: a partner that values the knowledge is more likely to try to
# acquire it (Inkpen 1998, 'CORE THEMES'). 'protectiveness' is the
# *other* partner's guard, so it is stored on the other Partner.
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
