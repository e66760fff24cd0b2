"""Absorptive capacity, spillover gains and the R&D firms choose in equilibrium."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ['M0', 'absorptive_capacity', 'capacity_derivatives', 'cluster_gains', 'crossover_beta', 'equilibrium_rd']

M0 = 1.0
"""The one R&D scale :math:`m_0` of absorptive capacity used by every model and chapter of the book."""


def _check_unit(name: str, value) -> np.ndarray:
    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0) or np.any(arr > 1):
        raise ValueError(f"{name} must lie in [0, 1], got {value!r}")
    return arr


def _check_nonneg(name: str, value) -> np.ndarray:
    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError(f"{name} must be finite and non-negative, got {value!r}")
    return arr


def absorptive_capacity(rd, beta, m0: float = M0):
    r"""Absorptive capacity :math:`\gamma = 1 - \beta e^{-M/m_0}`.

    Parameters
    ----------
    rd : float or array_like
        Own R&D :math:`M \ge 0`.
    beta : float or array_like
        Difficulty of learning, in [0, 1] (0: anyone absorbs everything).
    m0 : float, default :data:`M0` (1.0)
        R&D scale (> 0).

    Returns
    -------
    float or numpy.ndarray
        :math:`\gamma \in [0, 1]`, broadcast over ``rd`` and ``beta``.

    Raises
    ------
    ValueError
        If ``rd`` is negative, ``beta`` outside [0, 1] or ``m0`` not positive.

    Examples
    --------
    >>> round(float(absorptive_capacity(1.0, 0.5)), 4)
    0.8161
    >>> absorptive_capacity([0.0, 2.0], 1.0).round(3).tolist()
    [0.0, 0.865]
    """
    m = _check_nonneg("rd", rd)
    b = _check_unit("beta", beta)
    if not (np.isfinite(m0) and m0 > 0):
        raise ValueError(f"m0 must be positive, got {m0!r}")
    out = 1.0 - b * np.exp(-m / m0)
    return out if out.ndim else float(out)


def capacity_derivatives(rd, beta, m0: float = M0) -> dict:
    r"""The four derivatives of :func:`absorptive_capacity` that Cohen and Levinthal (1989) sign.

    .. math::

        \gamma_M = rac{eta}{m_0} e^{-M/m_0} \ge 0,\quad
        \gamma_{MM} = -rac{eta}{m_0^2} e^{-M/m_0} \le 0,\quad
        \gamma_eta = -e^{-M/m_0} < 0,\quad
        \gamma_{Meta} = rac{1}{m_0} e^{-M/m_0} > 0 .

    :math:`\gamma_{MM} \le 0` is the diminishing return to own R&D in
    building absorptive capacity that Cohen and Levinthal (1989) assume
    besides the other three signs: each further unit of R&D closes a smaller
    part of the remaining gap :math:`1 - \gamma`.

    Returns
    -------
    dict
        ``gamma_M``, ``gamma_MM``, ``gamma_beta``, ``gamma_Mbeta`` (floats
        or arrays, broadcast like :func:`absorptive_capacity`).

    Examples
    --------
    >>> d = capacity_derivatives(1.0, 0.5)
    >>> round(d["gamma_M"], 4), round(d["gamma_MM"], 4)
    (0.1839, -0.1839)
    """
    m = _check_nonneg("rd", rd)
    b = _check_unit("beta", beta)
    if not (np.isfinite(m0) and m0 > 0):
        raise ValueError(f"m0 must be positive, got {m0!r}")
    e = np.exp(-m / m0) * np.ones_like(b * m)
    out = {"gamma_M": b * e / m0, "gamma_MM": -b * e / m0 ** 2, "gamma_beta": -e, "gamma_Mbeta": e / m0}
    return {k: (v if np.ndim(v) else float(v)) for k, v in out.items()}


def cluster_gains(rd, beta, theta, delta: float = 0.0, outside: float = 0.0, m0: float = M0) -> pd.DataFrame:
    r"""Each firm's inward and outward spillovers and its net gain from the cluster.

    .. math::

        \mathrm{in}_i = \gamma_i \theta \sum_{j \ne i} M_j,\quad
        \mathrm{out}_i = \theta M_i \sum_{j \ne i} \gamma_j,\quad
        \mathrm{net}_i = \mathrm{in}_i - \delta\,\mathrm{out}_i .

    Parameters
    ----------
    rd : array_like
        R&D of each firm (at least two firms, each >= 0).
    beta : float
        Difficulty of learning in [0, 1].
    theta : float
        Spillover level in [0, 1].
    delta : float, default 0
        How much a unit of a rival's gain hurts (>= 0).
    outside : float, default 0
        Outside knowledge :math:`T` (>= 0); it enters ``knowledge`` only,
        since a firm reaches it inside or outside the cluster.
    m0 : float, default :data:`M0`
        Scale of :func:`absorptive_capacity`.

    Returns
    -------
    pandas.DataFrame
        One row per firm: ``inward``, ``outward``, ``net``, ``rd``,
        ``gamma``, ``knowledge`` (:math:`z_i`) and ``stay_outside``
        (True when ``net`` < 0).

    Examples
    --------
    >>> df = cluster_gains([4.0, 1.0, 1.0], beta=0.0, theta=0.5, delta=1.0)
    >>> df[["inward", "outward", "net"]].round(2).values.tolist()
    [[1.0, 4.0, -3.0], [2.5, 1.0, 1.5], [2.5, 1.0, 1.5]]
    >>> df["stay_outside"].tolist()
    [True, False, False]
    """
    m = _check_nonneg("rd", rd)
    if m.ndim != 1 or m.size < 2:
        raise ValueError(f"rd must be a 1-D list of at least two firms' R&D, got {rd!r}")
    _check_unit("beta", beta)
    _check_unit("theta", theta)
    _check_nonneg("delta", delta)
    _check_nonneg("outside", outside)
    g = absorptive_capacity(m, beta, m0)
    theta = float(theta)
    inward = g * theta * (m.sum() - m)
    outward = theta * m * (g.sum() - g)
    net = inward - float(delta) * outward
    knowledge = m + g * (theta * (m.sum() - m) + float(outside))
    return pd.DataFrame({"inward": inward, "outward": outward, "net": net, "rd": m, "gamma": g,
                         "knowledge": knowledge, "stay_outside": net < 0})


def crossover_beta(strong_rd, weak_rd, n_strong, n_weak, theta, m0: float = M0) -> float:
    r"""The learning difficulty at which strong and weak firms gain equally.

    With :math:`n_s` firms doing R&D :math:`M_s` and :math:`n_w` doing
    :math:`M_w < M_s`, total :math:`S = n_s M_s + n_w M_w`, the gap in
    inward gains is linear in :math:`\beta`:

    .. math::

        \frac{\mathrm{in}_s - \mathrm{in}_w}{\theta}
        = (M_w - M_s) + \beta\,\big[e^{-M_w/m_0}(S - M_w) - e^{-M_s/m_0}(S - M_s)\big],

    so weak firms gain more below the root

    .. math::

        \beta^{\times} = \frac{M_s - M_w}{e^{-M_w/m_0}(S - M_w) - e^{-M_s/m_0}(S - M_s)}

    and strong firms above it. :math:`\theta` scales both gains and cancels.

    Returns
    -------
    float
        :math:`\beta^{\times}`; ``inf`` if the bracket is not positive (weak
        firms then gain more for every :math:`\beta`). A value above 1 means
        no crossover inside the admissible range.

    Raises
    ------
    ValueError
        If ``strong_rd <= weak_rd``, a count is below 1 (or there are fewer
        than two firms), or ``theta`` is not in (0, 1].

    Examples
    --------
    >>> b = crossover_beta(3.0, 0.5, 1, 9, theta=0.3)
    >>> round(b, 4)
    0.6216
    >>> df = cluster_gains([3.0] + [0.5] * 9, beta=b, theta=0.3)
    >>> bool(abs(df.inward[0] - df.inward[1]) < 1e-9)
    True
    """
    ms, mw = float(_check_nonneg("strong_rd", strong_rd)), float(_check_nonneg("weak_rd", weak_rd))
    if not ms > mw:
        raise ValueError(f"strong_rd ({ms}) must exceed weak_rd ({mw})")
    if int(n_strong) != n_strong or int(n_weak) != n_weak or n_strong < 1 or n_weak < 1:
        raise ValueError(f"n_strong and n_weak must be whole numbers >= 1, got {n_strong!r}, {n_weak!r}")
    th = float(_check_unit("theta", theta))
    if th == 0:
        raise ValueError("theta must be positive: with no spillovers nobody gains")
    s = n_strong * ms + n_weak * mw
    bracket = np.exp(-mw / m0) * (s - mw) - np.exp(-ms / m0) * (s - ms)
    if bracket <= 0:
        return float("inf")
    return float((ms - mw) / bracket)


def _symmetric_foc(m, n, beta, theta, delta, outside, m0, scale, form, alpha):
    """Marginal profit of own R&D at a symmetric profile (all firms at m)."""
    g = 1.0 - beta * np.exp(-m / m0)
    dg = beta * np.exp(-m / m0) / m0
    pool = theta * (n - 1) * m + outside
    z = m + g * pool
    own = 1.0 + dg * pool          # dz_i / dM_i
    cross = g * theta              # dz_j / dM_i, j != i
    if form == "additive":
        return scale * (1.0 + z) ** (alpha - 1.0) * (own - delta * cross) - 1.0
    # relative: V(z_i - delta * mean z_j); d/dM_i of the argument
    arg = z * (1.0 - delta)
    return scale * (1.0 + arg) ** (alpha - 1.0) * (own - delta * cross) - 1.0


def equilibrium_rd(n: int = 4, beta: float = 0.5, theta: float = 0.5, delta: float = 0.0,
                   outside: float = 0.0, *, m0: float = M0, scale: float = 2.0,
                   form: str = "additive", curvature: float = 0.0, tol: float = 1e-12) -> float:
    r"""Symmetric Nash R&D in a Cohen-Levinthal industry.

    Firm :math:`i` maximises

    .. math::

        \pi_i = V(z_i) - \frac{\delta}{n-1}\sum_{j\ne i} V(z_j) - M_i
        \quad\text{(additive)}, \qquad
        \pi_i = V\Big(z_i - \frac{\delta}{n-1}\sum_{j \ne i} z_j\Big) - M_i
        \quad\text{(relative)},

    with :math:`V(x) = s\,((1 + x)^{\alpha} - 1)/\alpha` (:math:`V(x) = s\ln(1 + x)`
    at :math:`\alpha = 0`, the default) and :math:`z_i` as in the module
    docstring (the casebook's own operationalisations). At a symmetric
    profile :math:`M` the first-order condition is

    .. math::

        V'(\cdot)\,\Big[1 + \gamma_M(M)\big(\theta (n-1) M + T\big) - \delta\,\gamma(M)\,\theta\Big] = 1,

    with :math:`V'` taken at :math:`z` (additive) or :math:`(1-\delta) z`
    (relative). It is solved by bisection; if the marginal profit at
    :math:`M = 0` is already below one the answer is the corner 0.

    Parameters
    ----------
    n : int
        Number of firms (>= 2).
    beta, theta : float
        Learning difficulty and spillover level, in [0, 1].
    delta : float
        Weight of rivals' gains, in [0, 1].
    outside : float
        Outside knowledge :math:`T` (>= 0).
    m0, scale : float
        Absorptive-capacity scale and profit scale :math:`s`.
    form : {"additive", "relative"}
        How rivals' knowledge enters profit ("relative" needs ``delta < 1``).
    curvature : float
        :math:`\alpha \in [0, 1)`; 0 gives the logarithm.
    tol : float
        Relative tolerance of the bisection.

    Returns
    -------
    float
        Equilibrium R&D per firm.

    Examples
    --------
    >>> round(equilibrium_rd(4, beta=0.5, theta=0.5, delta=0.0), 4)
    0.7148
    >>> equilibrium_rd(4, beta=0.9, theta=0.5) > equilibrium_rd(4, beta=0.1, theta=0.5)
    True
    """
    if int(n) != n or n < 2:
        raise ValueError(f"n must be a whole number >= 2, got {n!r}")
    beta = float(_check_unit("beta", beta))
    theta = float(_check_unit("theta", theta))
    delta = float(_check_unit("delta", delta))
    outside = float(_check_nonneg("outside", outside))
    if form not in ("additive", "relative"):
        raise ValueError(f"form must be 'additive' or 'relative', got {form!r}")
    if form == "relative" and delta >= 1:
        raise ValueError(f"the relative form needs delta < 1, got {delta!r}")
    if not (0 <= curvature < 1):
        raise ValueError(f"curvature must lie in [0, 1), got {curvature!r}")
    if not (m0 > 0 and scale > 0):
        raise ValueError(f"m0 and scale must be positive, got {m0!r}, {scale!r}")
    args = (n, beta, theta, delta, outside, m0, scale, form, float(curvature))
    if _symmetric_foc(0.0, *args) <= 0:
        return 0.0
    lo, hi = 0.0, max(scale, 1.0)
    while _symmetric_foc(hi, *args) > 0:
        lo, hi = hi, 2 * hi
    while hi - lo > tol * max(1.0, hi):
        mid = 0.5 * (lo + hi)
        if _symmetric_foc(mid, *args) > 0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)
