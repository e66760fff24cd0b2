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

    r_i(t) = \rho\; I_i\; a_i\; (1 - \pi_j(t))\; (1 - \lambda\,\pi_i(t))\; (1 - \tau_i),
    \qquad a_i = \tfrac13 (R_i + C_i + N_i),

where :math:`\rho` is a base rate, :math:`I_i` the learning intent,
:math:`a_i` the absorptive capacity built from relatedness :math:`R_i`,
cultural alignment :math:`C_i` and knowledge connections :math:`N_i`
(the three learning-effectiveness factors of Inkpen 1998, 'Learning
Effectiveness'), :math:`\tau_i` the tacitness of the knowledge :math:`i`
seeks, :math:`\pi_j(t)` the protectiveness (guard) of partner :math:`j`
and :math:`\lambda` the reciprocity of openness: a partner that guards its
own skills is met in kind and sees less of the partner's (Hamel 1991). Trust
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

Each partner's private share of benefits :math:`s_i` (Khanna, Gulati and
Nohria 1998) does not enter the rates: it enters the payoffs of
:mod:`casebook.models.races.strategy`, where each partner chooses its intent
(and guard) and the chapter sees who races and why.
:mod:`casebook.models.races.scenarios` calibrates three cases; the base
rate is solved so that NUMMI's instability falls in mid-1988, when Toyota's
own plants in Kentucky and Ontario began production.

Nothing here is random, so the model takes no ``seed``.

Examples
--------
>>> race = LearningRace()
>>> df = race.simulate(years=20, dt=0.05)
>>> sorted(df.columns)
['dependence', 'knowledge', 'partner', 'power', 't']
>>> round(race.instability_time(), 2)
6.38
>>> round(scenario("nummi").instability()["calendar_year"], 1)
1988.5
"""

from __future__ import annotations

from casebook.models.races.model import *  # noqa: F401,F403
from casebook.models.races.scenarios import *  # noqa: F401,F403
from casebook.models.races.strategy import *  # noqa: F401,F403

__all__ = ['Partner', 'LearningRace', 'LEVELS', 'CALIBRATION', 'SCENARIOS', 'level_value', 'partner_from_assessment',
           'scenario', 'first_crossing', 'calibrate_base_rate', 'base_rate', 'sensitivity', 'calibration_table',
           'GRID', 'payoffs', 'outcome', 'best_response', 'equilibrium', 'who_races']
