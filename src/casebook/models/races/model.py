"""The learning race: two partners, their learning and dependence, and when the venture turns unstable."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

__all__ = ['Partner', 'LearningRace', 'first_crossing', 'LEVELS']

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
    private_share : float in [0, 1)
        Share :math:`s_i` of this partner's benefits from the venture that
        are *private* (earned by applying what it learns in its own
        operations) rather than *common* (earned jointly while the venture
        runs). Khanna, Gulati and Nohria (1998) argue that the ratio of
        private to common benefits, :math:`q_i = s_i / (1 - s_i)`, decides
        how hard a partner races. It does not enter the learning rate: it
        enters the payoffs (:mod:`casebook.models.races.strategy`), so it
        changes what a partner *chooses*.

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
    private_share: float = 0.5

    def __post_init__(self):
        owner = f"Partner {self.name!r}"
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"Partner: field 'name' must be a non-empty string, got {self.name!r}")
        for name in _UNIT_FIELDS:
            object.__setattr__(self, name, _check_unit(owner, name, getattr(self, name)))
        object.__setattr__(self, "knowledge0",
                           _check_unit(owner, "knowledge0", self.knowledge0, upper_open=True))
        object.__setattr__(self, "private_share",
                           _check_unit(owner, "private_share", self.private_share, upper_open=True))

    @property
    def absorptive_capacity(self) -> float:
        """Mean of relatedness, cultural alignment and knowledge connections."""
        return (self.relatedness + self.cultural_alignment + self.connections) / 3.0

    @property
    def private_ratio(self) -> float:
        """Ratio of private to common benefits, :math:`q_i = s_i / (1 - s_i)`.

        Examples
        --------
        >>> Partner("X", private_share=0.75).private_ratio
        3.0
        """
        return self.private_share / (1.0 - self.private_share)


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
        The two partners, each with its own intent, guard
        (``protectiveness``) and private share of benefits.
    threshold : float in (0, 1)
        :math:`d^*`: the venture becomes unstable when a partner's
        dependence falls below it.
    base_rate : float > 0
        :math:`\\rho`, per year: how fast dependence decays; sets the clock.
    honeymoon : float >= 0
        :math:`h`, years before trust starts to lower protectiveness.
    trust_relief : float in [0, 1]
        :math:`\\delta`: fraction of protectiveness that trust removes after
        the honeymoon.
    reciprocity : float in [0, 1]
        :math:`\\lambda`: how much of a partner's own guard comes back to it
        as lost access (Hamel 1991: openness is reciprocal). 0 means guarding
        is free; 1 means a partner that guards fully is shut out as fully.
    overlap : float in [0, 1]
        :math:`\\omega`: competitive overlap, the loss a partner suffers per
        unit of knowledge its partner takes away (Inkpen 1998, 'How
        Protective are Alliance Partners?'). Used by the payoffs only.
    horizon : float > 0
        :math:`H`, years over which payoffs are counted.
    effort_cost : float >= 0
        :math:`\\gamma`: cost of learning effort, :math:`\\gamma I_i^2` (Inkpen
        1996, 'The Cost of Knowledge Creation'). Used by the payoffs only.
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
    threshold: float = 0.3
    base_rate: float = 1.0
    honeymoon: float = 3.0
    trust_relief: float = 0.0
    reciprocity: float = 0.5
    overlap: float = 0.5
    horizon: float = 20.0
    effort_cost: float = 0.2
    start_year: int | None = None

    def __post_init__(self):
        owner = "LearningRace"
        for name in ("a", "b"):
            if not isinstance(getattr(self, name), Partner):
                raise TypeError(f"{owner}: field '{name}' must be a Partner, got {getattr(self, name)!r}")
        if self.a.name == self.b.name:
            raise ValueError(f"{owner}: fields 'a' and 'b' need different names, both are {self.a.name!r}")
        for name in ("trust_relief", "reciprocity", "overlap"):
            object.__setattr__(self, name, _check_unit(owner, name, getattr(self, name)))
        for name, low_open in (("base_rate", True), ("honeymoon", False), ("horizon", True),
                               ("effort_cost", False)):
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
        ease = (1.0 - self.trust_relief) if after_honeymoon else 1.0
        faced = guardian.protectiveness * ease        # the partner's guard
        mirrored = learner.protectiveness * ease      # one's own guard, returned in kind
        return (self.base_rate * learner.intent * learner.absorptive_capacity
                * (1.0 - faced) * (1.0 - self.reciprocity * mirrored) * (1.0 - learner.tacitness))

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
