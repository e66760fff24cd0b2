r"""Leak or share: cooperative and non-cooperative R&D in a duopoly with spillovers.

d'Aspremont and Jacquemin (1988): two Cournot duopolists face
:math:`P = a - bQ`, have unit costs :math:`c_i = A - x_i - \beta x_j` and pay
:math:`\gamma x_i^2 / 2` for R&D :math:`x_i`. With Cournot outputs
:math:`q_i = (a - A + (2-\beta) x_i + (2\beta - 1) x_j) / (3b)`, firm
:math:`i`'s R&D reaction function in the non-cooperative game is

.. math::

    x_i = \frac{(2-\beta)(a-A) + (2-\beta)(2\beta-1)\, x_j}{4.5 b\gamma - (2-\beta)^2},

a line of slope :math:`R(\beta) = (2-\beta)(2\beta-1) / (4.5b\gamma - (2-\beta)^2)`.
The symmetric equilibrium is stable (adjustment along the reaction curves
converges to it) only when :math:`|R| < 1`; Amir and Wooders (1998) show
that when it is unstable two asymmetric equilibria exist as well, so the
symmetric formulas no longer describe what firms would do. At
:math:`\beta = 0`, :math:`|R| < 1` needs :math:`4.5 b\gamma > 6`.

Why cooperation cuts R&D below one half: a unit of :math:`x_i` changes the
rival's output by :math:`(2\beta - 1)/(3b)` and so its profit by
:math:`2 q_j (2\beta - 1)/3`, which is negative when :math:`\beta < 1/2`
(the cost advantage it gives the investor outweighs what leaks to the
rival). Choosing R&D jointly internalises that effect: below one half it
is a harm to the partner, so joint choice does less R&D; above, it is a
benefit, so joint choice does more (:func:`rival_effect`).

A research joint venture that also shares all results sets
:math:`\beta = 1` and chooses jointly (the "RJV cartel" of Kamien, Muller
and Zang 1992): :math:`x^{J} = 2(a-A) / (4.5 b\gamma - 4)`. Here it is
computed inside the d'Aspremont-Jacquemin model, which is the casebook's
own application; Kamien, Muller and Zang use a more general model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casebook.models.spillovers.equilibrium import _check_unit

__all__ = ['reaction_slope', 'rival_effect', 'rd_cooperation', 'research_joint_venture']


def _params(demand, cost, slope, rd_cost):
    a, A, b, g = float(demand), float(cost), float(slope), float(rd_cost)
    if not (a > A > 0):
        raise ValueError(f"need demand > cost > 0, got demand={a!r}, cost={A!r}")
    if not (b > 0 and 4.5 * b * g > 4):
        raise ValueError(f"need slope > 0 and 4.5*slope*rd_cost > 4 (second-order condition), "
                         f"got slope={b!r}, rd_cost={g!r}")
    return a, A, b, g


def reaction_slope(spillover, slope: float = 1.0, rd_cost: float = 5.0):
    r"""Slope :math:`R(\beta)` of a firm's R&D reaction curve in the non-cooperative game.

    Examples
    --------
    >>> round(float(reaction_slope(0.0, rd_cost=1.2)), 2)
    -1.43
    >>> float(reaction_slope(0.5))
    0.0
    """
    beta = np.asarray(_check_unit("spillover", spillover), dtype=float)
    k = 4.5 * float(slope) * float(rd_cost)
    out = (2 - beta) * (2 * beta - 1) / (k - (2 - beta) ** 2)
    return out if out.ndim else float(out)


def rival_effect(spillover, demand: float = 100.0, cost: float = 60.0, slope: float = 1.0,
                 rd_cost: float = 5.0):
    r"""Effect of one more unit of a firm's R&D on its rival's profit, at the non-cooperative equilibrium.

    :math:`\partial \pi_j / \partial x_i = 2 q_j (2\beta - 1) / 3`: negative below
    :math:`\beta = 1/2`, zero at it, positive above. It is the term that
    joint choice of R&D adds to each firm's first-order condition.

    Examples
    --------
    >>> [round(float(v), 3) for v in rival_effect([0.25, 0.5, 0.75])]
    [-4.923, 0.0, 4.923]
    """
    df = rd_cooperation(spillover, demand, cost, slope, rd_cost)
    return 2 * df.output_noncooperative.to_numpy() * (2 * df.spillover.to_numpy() - 1) / 3


def research_joint_venture(demand: float = 100.0, cost: float = 60.0, slope: float = 1.0,
                           rd_cost: float = 5.0) -> dict:
    r"""R&D, output and profit per firm when the partners share everything (:math:`\beta = 1`) and choose jointly.

    Returns
    -------
    dict
        ``rd``, ``output``, ``profit`` (per firm).

    Examples
    --------
    >>> {k: round(v, 3) for k, v in research_joint_venture().items()}
    {'rd': 4.324, 'output': 16.216, 'profit': 216.216}
    """
    row = rd_cooperation(1.0, demand, cost, slope, rd_cost).iloc[0]
    if np.isnan(row.rjv):
        raise ValueError("rd_cost: the joint venture's R&D would push unit cost below zero: raise rd_cost or cost")
    return {"rd": float(row.cooperative), "output": float(row.output_cooperative),
            "profit": float(row.profit_cooperative)}


def rd_cooperation(spillover, demand: float = 100.0, cost: float = 60.0, slope: float = 1.0,
                   rd_cost: float = 5.0) -> pd.DataFrame:
    r"""Non-cooperative and cooperative R&D in d'Aspremont and Jacquemin (1988), with the RJV beside them.

    .. math::

        x^{*} = \frac{(a - A)(2 - \beta)}{4.5 b\gamma - (2 - \beta)(1 + \beta)},\qquad
        x^{**} = \frac{(a - A)(1 + \beta)}{4.5 b\gamma - (1 + \beta)^2},

    and :math:`x^{**} > x^{*}` exactly when :math:`\beta > 1/2`.

    Parameters
    ----------
    spillover : float or array_like
        :math:`\beta \in [0, 1]`, the share of a rival's cost reduction a
        firm gets for free.
    demand, cost, slope, rd_cost : float
        :math:`a`, :math:`A`, :math:`b`, :math:`\gamma` of the model.

    Returns
    -------
    pandas.DataFrame
        One row per spillover: ``spillover``, ``noncooperative`` and
        ``cooperative`` (R&D per firm), ``output_*`` and ``profit_*`` (per
        firm), ``reaction_slope`` and ``rjv``/``profit_rjv`` (the research
        joint venture: :math:`\beta = 1`, joint choice; the same in every row;
        NaN where the RJV's R&D would push unit cost below zero).

    Raises
    ------
    ValueError
        With a message naming the failed condition: :math:`a > A > 0`,
        :math:`b > 0`, the non-cooperative second-order condition
        :math:`4.5b\gamma > 4`, **stability** :math:`|R(\beta)| < 1` at each
        requested :math:`\beta`, the joint-profit second-order condition
        :math:`4.5b\gamma > \max\{(1+\beta)^2, 9(1-\beta)^2\}` (concavity
        in both R&D levels, not just along the symmetric line), or a unit
        cost that R&D would push below zero.

    Examples
    --------
    >>> df = rd_cooperation([0.25, 0.5, 0.75])
    >>> df[["noncooperative", "cooperative"]].round(3).values.tolist()
    [[3.446, 2.388], [2.963, 2.963], [2.462, 3.601]]
    >>> rd_cooperation(0.0, rd_cost=1.2)
    Traceback (most recent call last):
    ...
    ValueError: rd_cost: the non-cooperative equilibrium is unstable at spillover 0 (reaction-curve slope -1.43, its magnitude must be below 1); need 4.5*slope*rd_cost > 6 at this spillover, i.e. rd_cost > 1.333
    """
    beta = np.atleast_1d(_check_unit("spillover", spillover)).astype(float)
    a, A, b, g = _params(demand, cost, slope, rd_cost)
    k = 4.5 * b * g
    r = (2 - beta) * (2 * beta - 1) / (k - (2 - beta) ** 2)
    bad = np.abs(r) >= 1
    if np.any(bad):
        i = int(np.argmax(bad))
        need = (2 - beta[i]) ** 2 + abs((2 - beta[i]) * (2 * beta[i] - 1))
        raise ValueError(f"rd_cost: the non-cooperative equilibrium is unstable at spillover {beta[i]:g} "
                         f"(reaction-curve slope {r[i]:.2f}, its magnitude must be below 1); need "
                         f"4.5*slope*rd_cost > {need:g} at this spillover, i.e. rd_cost > {need / (4.5 * b):.3f}")
    soc = np.maximum((1 + beta) ** 2, 9 * (1 - beta) ** 2)
    bad = k <= soc
    if np.any(bad):
        i = int(np.argmax(bad))
        raise ValueError(f"rd_cost: joint profit is not concave at spillover {beta[i]:g} (the symmetric "
                         f"cooperative R&D is not a maximum); need 4.5*slope*rd_cost > {soc[i]:g}, "
                         f"i.e. rd_cost > {soc[i] / (4.5 * b):.3f}")
    x_nc = (a - A) * (2 - beta) / (k - (2 - beta) * (1 + beta))
    x_c = (a - A) * (1 + beta) / (k - (1 + beta) ** 2)
    x_j = 2 * (a - A) / (k - 4)
    q_nc = (a - A + (1 + beta) * x_nc) / (3 * b)
    q_c = (a - A + (1 + beta) * x_c) / (3 * b)
    q_j = (a - A + 2 * x_j) / (3 * b)
    if np.any(A - (1 + beta) * np.maximum(x_nc, x_c) < 0):
        raise ValueError("rd_cost: R&D would push unit cost below zero: raise rd_cost or cost")
    if A - 2 * x_j < 0:          # the RJV alone would: report it as not available
        x_j = q_j = float("nan")
    return pd.DataFrame({
        "spillover": beta, "noncooperative": x_nc, "cooperative": x_c,
        "output_noncooperative": q_nc, "output_cooperative": q_c,
        "profit_noncooperative": b * q_nc ** 2 - g * x_nc ** 2 / 2,
        "profit_cooperative": b * q_c ** 2 - g * x_c ** 2 / 2,
        "reaction_slope": r,
        "rjv": np.full_like(beta, x_j), "profit_rjv": np.full_like(beta, b * q_j ** 2 - g * x_j ** 2 / 2),
    })
