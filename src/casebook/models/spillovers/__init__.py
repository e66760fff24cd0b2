r"""Knowledge spillovers, absorptive capacity and R&D in a cluster.

Tallman (n.d., '4. Clusters') describes a cluster as a place where
spillovers move knowledge from the private to the locally public sphere,
and argues that absorptive capacity (Cohen and Levinthal 1990) decides who
profits. This package gives that argument six small, tested models. One scale
:data:`M0` (= 1) of absorptive capacity is used by all of them and by every
chapter.

1. Absorptive capacity (Cohen and Levinthal 1989, 1990)
-------------------------------------------------------
Firm :math:`i`'s knowledge is

.. math::

    z_i = M_i + \gamma_i \Big(\theta \sum_{j \ne i} M_j + T\Big),

with own R&D :math:`M_i`, spillover level :math:`\theta \in [0, 1]`,
outside knowledge :math:`T` and absorptive capacity
:math:`\gamma_i = \gamma(M_i, \beta) \in [0, 1]`. Cohen and Levinthal
(1989) ask only that :math:`\gamma` rise in own R&D, fall in the difficulty
of learning :math:`\beta`, have a positive cross effect and equal one when
:math:`\beta = 0`. The casebook's own operationalisation is

.. math::

    \gamma(M, \beta) = 1 - \beta\, e^{-M / m_0}, \qquad \beta \in [0, 1],\ m_0 > 0.

Why this form: it is the simplest smooth function with all four
properties (:math:`\gamma_M = \beta e^{-M/m_0}/m_0 > 0`,
:math:`\gamma_\beta = -e^{-M/m_0} < 0`,
:math:`\gamma_{M\beta} = e^{-M/m_0}/m_0 > 0`, :math:`\gamma(M, 0) = 1`),
has the diminishing returns to own R&D that they also assume
(:math:`\gamma_{MM} = -\beta e^{-M/m_0}/m_0^2 \le 0`; see
:func:`capacity_derivatives`), stays in :math:`[0, 1]`, and has one scale :math:`m_0` (the R&D at which
about two thirds of the learning difficulty is overcome).

2. Cluster accounting (the casebook's own operationalisation)
-------------------------------------------------------------
Inside a cluster firm :math:`i` takes in
:math:`\mathrm{in}_i = \gamma_i \theta \sum_{j \ne i} M_j` and lets out
:math:`\mathrm{out}_i = \theta M_i \sum_{j \ne i} \gamma_j` (what its rivals
absorb of its R&D). With :math:`\delta \ge 0` measuring how much a rival's
gain hurts, the net gain of membership is
:math:`\mathrm{net}_i = \mathrm{in}_i - \delta\, \mathrm{out}_i`; a firm
would rather stay outside when it is negative (Shaver and Flyer 2000).

3. Equilibrium R&D (after Cohen and Levinthal 1989)
---------------------------------------------------
:math:`n` symmetric firms choose :math:`M_i` to maximise
:math:`\pi_i = V(z_i) - \delta\, \overline{V(z_{-i})} - M_i` (``form="additive"``)
or :math:`\pi_i = V(z_i - \delta\, \bar z_{-i}) - M_i` (``form="relative"``),
with :math:`V(x) = s \ln(1 + x)` by default. Both are the casebook's own
operationalisations of Cohen and Levinthal's general profit function; the
second exists to show that one of their results hangs on the form.

4. Leak or share (d'Aspremont and Jacquemin 1988)
-------------------------------------------------
Two Cournot duopolists face :math:`P = a - bQ`, have unit costs
:math:`c_i = A - x_i - \beta x_j` and pay :math:`\gamma x_i^2 / 2` for R&D
:math:`x_i`. Non-cooperative and cooperative (joint-profit) R&D are

.. math::

    x^{*} = \frac{(a - A)(2 - \beta)}{4.5 b\gamma - (2 - \beta)(1 + \beta)},\qquad
    x^{**} = \frac{(a - A)(1 + \beta)}{4.5 b\gamma - (1 + \beta)^2},

and :math:`x^{**} > x^{*}` exactly when :math:`\beta > 1/2`; parameter sets
whose symmetric equilibrium is unstable (reaction-curve slope of magnitude
1 or more) are refused, and the research joint venture (:math:`\beta = 1`,
joint choice; Kamien, Muller and Zang 1992) is computed beside them. See
:mod:`casebook.models.spillovers.duopoly`.

5. A cluster over time (the casebook's own operationalisation)
--------------------------------------------------------------
See :func:`simulate_cluster` (rivalry inside a group ``delta_within``) and
:func:`cluster_counterfactual` (the same cluster with no spillovers).

6. Stay or leave (the casebook's own operationalisation)
--------------------------------------------------------
See :func:`stable_membership`: firms leave or join one at a time until no
one wants to move.

Examples
--------
>>> import numpy as np
>>> float(absorptive_capacity(1.0, 0.0))
1.0
>>> df = cluster_gains([4.0, 1.0, 1.0], beta=0.5, theta=0.5, delta=1.0)
>>> list(df.columns[:3])
['inward', 'outward', 'net']
"""

from __future__ import annotations

from casebook.models.spillovers.equilibrium import *  # noqa: F401,F403
from casebook.models.spillovers.duopoly import *  # noqa: F401,F403
from casebook.models.spillovers.cluster import *  # noqa: F401,F403
from casebook.models.spillovers.membership import *  # noqa: F401,F403

__all__ = ['M0', 'absorptive_capacity', 'capacity_derivatives', 'cluster_gains', 'crossover_beta', 'equilibrium_rd',
           'reaction_slope', 'rival_effect', 'rd_cooperation', 'research_joint_venture',
           'simulate_cluster', 'cluster_counterfactual', 'stable_membership', 'Membership']
