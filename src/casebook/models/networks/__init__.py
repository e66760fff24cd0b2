r"""Networked alliances: five structures, their disparities, exits and diffusion.

Suarez-Villa (1998, section 3.2 'Structure in the networked alliance')
names five network structures that may form inside a multi-firm alliance:
the *circuit* (non-nodal) structure among independent SMEs, the *nodal
circuit*, the *branch* structure around a large firm, and two hybrids, the
*circuit-barrier* and the *circuit-branch* networks. He links structure to
disparities among firms, to commitment and exit, and to support for
innovation; a networked alliance may also link up with a research
institution (section 3.1 'The networked alliance').

The article's Figures 2 and 3 draw the structures, but the figures are not
reproduced in the text the casebook works from. **Each construction below
is therefore the casebook's own reading** of the prose that describes the
figure; what the prose fixes and what the casebook adds is stated for each
kind in :func:`structure`.

Graphs
------
:func:`structure` returns an undirected :class:`networkx.Graph`. Nodes
``0 .. n-1`` are firms; node ``n`` (if ``institution=True``) is the research
institution. Node attributes: ``role`` (one of :data:`ROLES`), ``size``
(``"SME"``, ``"large"`` or ``"n/a"``), ``label``, ``segment`` (``"open"``,
``"shielded"`` or ``"gatekeeper"``), ``tier`` (0 = top of a hierarchy) and
``pos`` (a fixed drawing position). Edge attribute ``tie``:
``"cooperation"``, ``"two_way"`` (reciprocal subcontracting across the
circuit), ``"hierarchy"`` (a nodal or parent firm to a dependent unit) or
``"external"`` (the external knowledge linkage); ``barrier`` is ``True`` on
ties that cross a barrier.

Metrics (published measures)
----------------------------
:func:`structure_metrics` measures the alliance's **firms** only (the
external linkage is a different kind of tie in the reading's legend). With
:math:`n` firms, degrees :math:`d_i` and betweenness :math:`b_i` (unnormalised,
undirected), Freeman's (1979) centralization indices are

.. math::

    C_D = \frac{\sum_i (d^* - d_i)}{(n-1)(n-2)}, \qquad
    C_B = \frac{\sum_i (b^* - b_i)}{(n-1)^2 (n-2) / 2},

where :math:`d^*, b^*` are the largest values; both are 0 for a ring and 1
for a star. The Gini coefficient of degrees is

.. math::

    G = \frac{\sum_i \sum_j |d_i - d_j|}{2 n^2 \bar d}.

A **cut point** (articulation point) is a firm whose exit disconnects the
others; **node connectivity** :math:`\kappa` is the fewest firms whose exit
disconnects the rest. The **exit impact** of firm :math:`v` is the casebook's
own summary: the share of pairs of the remaining firms that can no longer
reach each other once :math:`v` leaves,

.. math::

    E_v = 1 - \frac{\sum_c \binom{|c|}{2}}{\binom{n-1}{2}},

summed over the connected components :math:`c` of the firms without :math:`v`.

Diffusion (the casebook's own operationalisation)
-------------------------------------------------
An innovation starts at the research institution (step 0). At each step
every holder passes it to each neighbour across a tie that carries
knowledge; a tie marked ``barrier`` carries nothing while the barrier is
closed. The set of holders is :math:`A_t = A_{t-1} \cup N'(A_{t-1})`, so
firm :math:`i` adopts at :math:`T_i = \mathrm{dist}'(R, i)`, the shortest
path length over open ties, and every firm holds the innovation after
:math:`T = \max_i T_i` steps. Firms with no open path are *shut out*.

Examples
--------
>>> G = structure("nodal_circuit", n=10)
>>> m = structure_metrics(G)
>>> round(m.degree_centralization, 2), m.cut_points, m.node_connectivity
(0.75, (), 3)
>>> d = diffusion(structure("circuit_barrier", n=10))
>>> d.shut_out
(7, 8, 9)
"""

from __future__ import annotations

from casebook.models.networks.structures import *  # noqa: F401,F403
from casebook.models.networks.metrics import *  # noqa: F401,F403

__all__ = ['KINDS', 'ROLES', 'MIN_FIRMS', 'structure', 'structure_metrics', 'StructureMetrics', 'exit_effect', 'ExitEffect', 'diffusion', 'Diffusion', 'diffusion_by_attachment', 'firms', 'gini', 'compare', 'KIND_LABELS']
