"""A cluster over time: lead firms, suppliers, R&D and the spillovers between them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from casebook.models.spillovers.equilibrium import M0, _check_nonneg, _check_unit

__all__ = ['simulate_cluster', 'cluster_counterfactual']

def _setup_cluster(n_firms, n_lead, strong_rd, weak_rd, dispersion, periods, noise, rng):
    """Draw the cluster: groups, roles, R&D budgets and the per-period shocks.

    Lead firm ``g`` (firms ``0..n_lead-1``) heads group ``g``; supplier ``i``
    joins group ``i % n_lead``. R&D is lognormal around
    ``strong_rd`` (leads) or ``weak_rd`` (suppliers) with log-sd
    ``dispersion``; the shocks are lognormal with log-sd ``noise`` and mean one.
    """
    idx = np.arange(n_firms)
    group = idx % n_lead
    lead = idx < n_lead
    base = np.where(lead, strong_rd, weak_rd)
    rd0 = base * np.exp(dispersion * rng.standard_normal(n_firms) - dispersion ** 2 / 2)
    # In place: the same arithmetic as exp(noise * z - noise**2 / 2), without
    # three temporary arrays of periods x n_firms.
    shocks = rng.standard_normal((periods, n_firms))
    shocks *= noise
    shocks -= noise ** 2 / 2
    np.exp(shocks, out=shocks)
    return group, lead, rd0, shocks


def simulate_cluster(n_firms: int = 200, n_lead: int = 4, periods: int = 30, *, beta: float = 0.6,
                     theta_within: float = 0.3, theta_across: float = 0.05, delta: float = 0.5,
                     strong_rd: float = 3.0, weak_rd: float = 0.5, dispersion: float = 0.3,
                     depreciation: float = 0.2, noise: float = 0.1, m0: float = M0, seed: int = 0,
                     runs: int = 1, delta_within: float | None = None) -> pd.DataFrame:
    r"""A cluster of lead firms and their supplier groups accumulating knowledge.

    The casebook's own operationalisation of Tallman (n.d., '5. Alliances
    and Clusters'): firms cluster into vertical groups around lead firms
    (Maskell 2001), knowledge spills more readily inside a group than across
    groups. Firm :math:`i` in group :math:`g(i)` spends a fixed R&D budget
    :math:`M_i` each period and holds a knowledge stock :math:`K_{it}`,
    starting at :math:`K_{i0} = M_i`. Its absorptive capacity grows with that
    stock (Cohen and Levinthal 1990 tie absorptive capacity to prior related
    knowledge): :math:`\gamma_{it} = 1 - \beta e^{-K_{it}/m_0}`. Each period,

    .. math::

        \mathrm{in}_{it} = \gamma_{it}\Big[\theta_w \!\!\sum_{j \ne i,\ g(j) = g(i)}\!\! M_j
          + \theta_a \!\!\sum_{g(j) \ne g(i)}\!\! M_j\Big],\quad
        \mathrm{out}_{it} = M_i\Big[\theta_w \!\!\sum_{j \ne i,\ g(j)=g(i)}\!\! \gamma_{jt}
          + \theta_a \!\!\sum_{g(j) \ne g(i)}\!\! \gamma_{jt}\Big],

    split :math:`\mathrm{out}_{it} = \mathrm{out}^w_{it} + \mathrm{out}^a_{it}` into what
firms of the own group and of other groups absorb, and
:math:`\mathrm{net}_{it} = \mathrm{in}_{it} - \delta_w\,\mathrm{out}^w_{it} - \delta\,\mathrm{out}^a_{it}`.
:math:`\delta_w` is **rivalry inside a group**: a lead firm that ties its
suppliers to itself by long-term contracts no longer counts their gain as a
rival's (Tallman n.d., '5. Alliances and clusters'), which is
:math:`\delta_w = 0`; ``delta_within=None`` sets :math:`\delta_w = \delta`. Then

    .. math::

        K_{i,t+1} = (1 - \rho) K_{it} + \varepsilon_{it} M_i + \mathrm{in}_{it},

    with depreciation :math:`\rho` and a mean-one lognormal R&D productivity
    shock :math:`\varepsilon_{it}`. In period 0 with
    :math:`\theta_w = \theta_a = \theta` the accounting is exactly
    :func:`cluster_gains`. Everything is vectorised (group sums by
    ``numpy.bincount``), so a period costs O(n_firms).

    Parameters
    ----------
    n_firms, n_lead : int
        Firms in the cluster and how many of them are lead firms (1 <= n_lead < n_firms).
    periods : int
        Periods simulated (>= 1).
    beta : float
        Learning difficulty in [0, 1].
    theta_within, theta_across : float
        Spillover levels inside a group and across groups, in [0, 1].
    delta : float
        Weight of rivals' gains in ``net`` (>= 0), for firms of other groups.
    delta_within : float or None
        Weight of the gains of firms in the own group (>= 0); ``None``: same as ``delta``.
    strong_rd, weak_rd : float
        Typical R&D of lead firms and of suppliers (> 0).
    dispersion, noise : float
        Log-sd of R&D across firms and of the per-period shocks (>= 0).
    depreciation : float
        Share :math:`\rho` of knowledge lost per period, in (0, 1].
    m0 : float
        Scale of :func:`absorptive_capacity`.
    seed : int
        Seed of ``numpy.random.default_rng``; run ``r`` uses the ``r``-th
        child of ``SeedSequence(seed)``.
    runs : int
        Monte Carlo runs (>= 1).

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per run, period and firm: ``run``, ``period``,
        ``firm``, ``group``, ``role`` ("lead" or "supplier"), ``rd``,
        ``gamma``, ``inward``, ``outward``, ``net``, ``knowledge`` (the
        stock at the start of the period).

    Examples
    --------
    >>> df = simulate_cluster(n_firms=12, n_lead=2, periods=3, seed=1)
    >>> df.shape
    (36, 11)
    >>> df.equals(simulate_cluster(n_firms=12, n_lead=2, periods=3, seed=1))
    True
    """
    for name, v in (("n_firms", n_firms), ("n_lead", n_lead), ("periods", periods), ("runs", runs)):
        if int(v) != v or v < 1:
            raise ValueError(f"{name} must be a whole number >= 1, got {v!r}")
    if not n_lead < n_firms:
        raise ValueError(f"n_lead ({n_lead}) must be smaller than n_firms ({n_firms})")
    beta = float(_check_unit("beta", beta))
    tw = float(_check_unit("theta_within", theta_within))
    ta = float(_check_unit("theta_across", theta_across))
    delta = float(_check_nonneg("delta", delta))
    dw = delta if delta_within is None else float(_check_nonneg("delta_within", delta_within))
    for name, v in (("strong_rd", strong_rd), ("weak_rd", weak_rd), ("m0", m0)):
        if not (np.isfinite(v) and v > 0):
            raise ValueError(f"{name} must be positive, got {v!r}")
    _check_nonneg("dispersion", dispersion)
    _check_nonneg("noise", noise)
    if not (0 < depreciation <= 1):
        raise ValueError(f"depreciation must lie in (0, 1], got {depreciation!r}")

    n, T = int(n_firms), int(periods)
    frames = []
    for r, child in enumerate(np.random.SeedSequence(seed).spawn(int(runs))):
        rng = np.random.default_rng(child)
        group, lead, rd0, shocks = _setup_cluster(n, int(n_lead), strong_rd, weak_rd, dispersion, T, noise, rng)
        cols = ("rd", "gamma", "inward", "outward", "net", "knowledge")
        out = np.empty((len(cols), T, n))
        rd, gam, inw, outw, net, know = out
        m = rd0
        rd[:] = m
        m_group = np.bincount(group, weights=m, minlength=n_lead)[group]
        pool_in = tw * (m_group - m) + ta * (m.sum() - m_group)
        know[0] = m
        tmp, k_next = np.empty(n), np.empty(n)
        for t in range(T):
            # Each line is the formula above, written into its output row
            # (``out=``) so that no period allocates or copies its results.
            k, g, inward, outward = know[t], gam[t], inw[t], outw[t]
            np.divide(k, -m0, out=g)                          # -K / m0, bit for bit
            np.exp(g, out=g)
            np.multiply(beta, g, out=g)
            np.subtract(1.0, g, out=g)                        # gamma = 1 - beta exp(-K / m0)
            g_group = np.bincount(group, weights=g, minlength=n_lead)[group]
            np.multiply(g, pool_in, out=inward)
            np.subtract(g_group, g, out=tmp)
            np.multiply(tw * m, tmp, out=tmp)                 # out_w: absorbed inside the group
            np.subtract(g.sum(), g_group, out=g_group)
            np.multiply(ta * m, g_group, out=g_group)         # out_a: absorbed by other groups
            np.add(tmp, g_group, out=outward)
            np.multiply(dw, tmp, out=tmp)
            np.multiply(delta, g_group, out=net[t])
            np.add(net[t], tmp, out=net[t])
            np.subtract(inward, net[t], out=net[t])          # net = in - delta_w out_w - delta out_a
            nxt = know[t + 1] if t + 1 < T else k_next
            np.multiply(1.0 - depreciation, k, out=nxt)
            np.multiply(shocks[t], m, out=tmp)
            np.add(nxt, tmp, out=nxt)
            np.add(nxt, inward, out=nxt)                      # K' = (1 - rho) K + eps M + in
        # The frame wraps these arrays without copying them (pandas 3 copies
        # a NumPy array passed to DataFrame unless told not to, which cost
        # more than the simulation itself).
        ids = np.empty((4, T, n), dtype=np.int64)
        ids[0] = r
        ids[1] = np.arange(T)[:, None]
        ids[2] = np.arange(n)
        ids[3] = group
        role = pd.Categorical.from_codes(np.broadcast_to((~lead).astype(np.int8), (T, n)).ravel(),
                                         ["lead", "supplier"], validate=False)  # codes are 0/1 by construction
        frame = pd.concat([pd.DataFrame(ids.reshape(4, T * n).T, columns=["run", "period", "firm", "group"],
                                        copy=False),
                           pd.DataFrame({"role": role}),
                           pd.DataFrame(out.reshape(len(cols), T * n).T, columns=list(cols), copy=False)], axis=1)
        frames.append(frame)
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def cluster_counterfactual(**params) -> pd.DataFrame:
    r"""The cluster over time beside its no-spillover baseline.

    Runs :func:`simulate_cluster` twice with the same seed (so the same R&D
    budgets and productivity shocks): once as given and once with
    :math:`\theta_w = \theta_a = 0`. Without spillovers a firm's stock still
    grows towards :math:`M_i/\rho` from its own R&D, so its absorptive
    capacity rises anyway; only the difference between the two runs is the
    effect of being in the group.

    Parameters
    ----------
    **params
        Any arguments of :func:`simulate_cluster`.

    Returns
    -------
    pandas.DataFrame
        Indexed by role ("lead", "supplier"): ``gamma_start``,
        ``gamma_end`` (with spillovers), ``gamma_end_baseline`` (none),
        ``rise``, ``rise_baseline``, ``share_from_spillovers`` (the part of
        the rise the baseline does not have), ``leave_share_end`` (share with
        negative net gain in the last period), all means over firms and runs.

    Examples
    --------
    >>> cf = cluster_counterfactual(n_firms=30, n_lead=3, periods=20, beta=0.9, seed=1)
    >>> bool((cf.gamma_end > cf.gamma_end_baseline).all())
    True
    """
    with_ = simulate_cluster(**params)
    base = simulate_cluster(**{**params, "theta_within": 0.0, "theta_across": 0.0})
    last = with_.period.max()
    rows = {}
    for role in ("lead", "supplier"):
        w0 = with_[(with_.period == 0) & (with_.role == role)]
        w1 = with_[(with_.period == last) & (with_.role == role)]
        b1 = base[(base.period == last) & (base.role == role)]
        g0, g1, gb = w0.gamma.mean(), w1.gamma.mean(), b1.gamma.mean()
        rise, rise_b = g1 - g0, gb - g0
        rows[role] = {"gamma_start": g0, "gamma_end": g1, "gamma_end_baseline": gb, "rise": rise,
                      "rise_baseline": rise_b,
                      "share_from_spillovers": (rise - rise_b) / rise if rise > 0 else float("nan"),
                      "leave_share_end": float((w1.net < 0).mean())}
    df = pd.DataFrame.from_dict(rows, orient="index")
    df.index.name = "role"
    return df
