r"""Who stays in a cluster: firms choose to stay or leave until membership is stable.

The casebook's own operationalisation of the adverse selection that Tallman
(n.d., '4. Clusters') reads into Shaver and Flyer (2000): firms with more
knowledge to lose through leaks than to gain from incoming spillovers stay
away from clusters. Here firms *choose*. A member :math:`i` of the set
:math:`S` earns, per period, the cluster accounting of
:func:`~casebook.models.spillovers.cluster_gains` plus a location benefit
:math:`a \ge 0` that has nothing to do with knowledge (Tallman lists
infrastructure, a skilled labour pool and short shipping distances):

.. math::

    u_i(S) = a + \gamma_i\,\theta \sum_{j \in S,\, j \ne i} M_j
             - \delta\,\theta M_i \sum_{j \in S,\, j \ne i} \gamma_j ,
    \qquad \gamma_i = 1 - \beta e^{-M_i/m_0},

and a firm outside earns 0. Starting with every firm inside, one move per
round: the member with the most negative :math:`u_i(S)` leaves; if no
member wants to leave, the outsider with the largest positive
:math:`u_i(S \cup \{i\})` joins. The process stops at a **stable
membership** (no member wants out, no outsider wants in). Each departure
shrinks the pool :math:`\sum_{j \in S} M_j` that the remaining firms draw
on, so a departure can make the next-strongest firm leave: the spiral is
visible in :attr:`Membership.history`. With :math:`\theta = 0` every
:math:`u_i = a \ge 0` and nobody leaves (the no-spillover baseline).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from casebook.models.spillovers.equilibrium import M0, _check_nonneg, _check_unit, absorptive_capacity

__all__ = ['Membership', 'stable_membership', 'DEFAULT_RD']

DEFAULT_RD = tuple(float(v) for v in np.round(np.geomspace(4.0, 0.25, 15), 4))
"""R&D of the 15 firms of the default cluster, strongest first: 4.0 down to 0.25 in equal ratios (the casebook's choice)."""


@dataclass(frozen=True)
class Membership:
    """Result of :func:`stable_membership`.

    Attributes
    ----------
    members : tuple of int
        Firms (indices into ``rd``) inside the cluster at the end.
    stable : bool
        True if the process stopped at a stable membership (False: it cycled
        or hit ``max_rounds``).
    history : pandas.DataFrame
        One row per round, starting with round 0 (everyone inside):
        ``round``, ``move`` ("start", "leave", "join"), ``firm``,
        ``members``, ``pool`` (sum of members' R&D), ``weak_gain`` (mean
        inward spillover of the weak firms still inside).
    gains : pandas.DataFrame
        Per firm at the end: ``rd``, ``gamma``, ``member``, ``inward``,
        ``outward``, ``payoff`` (:math:`u_i`; 0 for outsiders) and
        ``payoff_all_in`` (:math:`u_i` with every firm inside).
    weak : tuple of int
        The firms counted as weak (the weakest third by R&D).
    """

    members: tuple
    stable: bool
    history: pd.DataFrame
    gains: pd.DataFrame
    weak: tuple

    @property
    def n_members(self) -> int:
        """How many firms stay."""
        return len(self.members)

    def summary(self) -> dict:
        """Start and end of the spiral: members, pool and weak firms' inward gain.

        Examples
        --------
        >>> stable_membership().summary()["members_end"]
        10
        """
        h = self.history
        return {"members_start": int(h.members.iloc[0]), "members_end": self.n_members,
                "pool_start": float(h.pool.iloc[0]), "pool_end": float(h.pool.iloc[-1]),
                "weak_gain_start": float(h.weak_gain.iloc[0]), "weak_gain_end": float(h.weak_gain.iloc[-1]),
                "stable": self.stable}


def _payoffs(m, g, inside, theta, delta, benefit):
    """u_i for every firm, each evaluated as if it were inside (members with S, outsiders with S + i)."""
    pool_m = m[inside].sum()
    pool_g = g[inside].sum()
    others_m = pool_m - np.where(inside, m, 0.0)
    others_g = pool_g - np.where(inside, g, 0.0)
    inward = g * theta * others_m
    outward = theta * m * others_g
    return benefit + inward - delta * outward, inward, outward


def stable_membership(rd=DEFAULT_RD, *, beta: float = 0.5, theta: float = 0.3, delta: float = 0.5,
                      location_benefit: float = 0.0, m0: float = M0, max_rounds: int = 500) -> Membership:
    r"""Let firms leave (and re-enter) the cluster one at a time until nobody wants to move.

    Parameters
    ----------
    rd : array_like
        R&D of each firm (at least two, each >= 0). Default :data:`DEFAULT_RD`.
    beta, theta : float
        Learning difficulty and spillover level, in [0, 1].
    delta : float
        How much a unit of a neighbour's gain hurts (>= 0).
    location_benefit : float
        :math:`a \ge 0`, the non-knowledge benefit of the location.
    m0 : float
        Scale of absorptive capacity (default :data:`~casebook.models.spillovers.M0`).
    max_rounds : int
        Safety bound on the number of moves.

    Returns
    -------
    Membership

    Raises
    ------
    ValueError
        If ``rd`` has fewer than two firms or a negative entry, or a
        parameter is out of range.

    Examples
    --------
    >>> res = stable_membership()
    >>> res.n_members, res.stable
    (10, True)
    >>> res.history.move.tolist()[:3]
    ['start', 'leave', 'leave']
    >>> stable_membership(theta=0.0).n_members
    15
    """
    m = np.asarray(_check_nonneg("rd", rd), dtype=float)
    if m.ndim != 1 or m.size < 2:
        raise ValueError(f"rd must be a 1-D list of at least two firms' R&D, got {rd!r}")
    beta = float(_check_unit("beta", beta))
    theta = float(_check_unit("theta", theta))
    delta = float(_check_nonneg("delta", delta))
    benefit = float(_check_nonneg("location_benefit", location_benefit))
    if int(max_rounds) != max_rounds or max_rounds < 1:
        raise ValueError(f"max_rounds must be a whole number >= 1, got {max_rounds!r}")
    g = np.asarray(absorptive_capacity(m, beta, m0), dtype=float).reshape(-1)
    n = m.size
    weak = np.argsort(m, kind="stable")[: max(1, n // 3)]
    inside = np.ones(n, dtype=bool)
    u_all, _, _ = _payoffs(m, g, inside, theta, delta, benefit)

    def record(r, move, firm):
        _, inward, _ = _payoffs(m, g, inside, theta, delta, benefit)
        w_in = [inward[i] for i in weak if inside[i]]
        return {"round": r, "move": move, "firm": firm, "members": int(inside.sum()),
                "pool": float(m[inside].sum()), "weak_gain": float(np.mean(w_in)) if w_in else float("nan")}

    rows = [record(0, "start", None)]
    seen = {inside.tobytes()}
    stable = False
    for r in range(1, int(max_rounds) + 1):
        u, _, _ = _payoffs(m, g, inside, theta, delta, benefit)
        leave = np.where(inside & (u < -1e-12), u, np.inf)
        join = np.where(~inside & (u > 1e-12), u, -np.inf)
        if np.isfinite(leave.min()):
            i, move = int(np.argmin(leave)), "leave"
            inside[i] = False
        elif np.isfinite(join.max()):
            i, move = int(np.argmax(join)), "join"
            inside[i] = True
        else:
            stable = True
            break
        rows.append(record(r, move, i))
        key = inside.tobytes()
        if key in seen:
            break
        seen.add(key)
    u, inward, outward = _payoffs(m, g, inside, theta, delta, benefit)
    gains = pd.DataFrame({"rd": m, "gamma": g, "member": inside, "inward": np.where(inside, inward, 0.0),
                          "outward": np.where(inside, outward, 0.0), "payoff": np.where(inside, u, 0.0),
                          "payoff_all_in": u_all})
    history = pd.DataFrame(rows)
    history["firm"] = history["firm"].astype("Int64")
    return Membership(members=tuple(int(i) for i in np.flatnonzero(inside)), stable=stable, history=history,
                      gains=gains, weak=tuple(int(i) for i in sorted(weak)))
