"""The alliance learning audit: the chapter 03 diagnostic meets the phase table.

A student rates an alliance on Inkpen's six objectives (the questionnaire of
:mod:`casebook.models.diagnostic`, Inkpen 1998, Table 1), names the phase the
alliance is in (Serrat 2009, Table 2, after Iyer 2002) and gets a plan by
phase: for the current phase and each later one, which learning priorities
come first, and what to do about the weakest objectives in that phase.

The plan is **the casebook's own operationalisation**; the readings supply
the table, the objectives and the advice, not the weighting. With objective
scores :math:`s_j \\in [1, 5]` (the diagnostic's profile), the *gap* of
objective :math:`j` is

.. math::

    g_j = \\frac{5 - s_j}{4} \\in [0, 1],

and the *urgency* of a learning dimension :math:`d` (environment, tasks,
processes, skills, goals) is the largest gap among the objectives the
casebook links to it (``objective_dimensions`` in ``phases.yaml``,
:math:`J(d)`):

.. math::

    u_d = \\max_{j \\in J(d)} g_j .

In every phase the five priorities of Table 2 are listed by decreasing
:math:`u_d`. Gaps come in quarters, so equal urgencies are common: they are
**reported as ties** (each priority carries its competition rank, and
:meth:`PhasePlan.first` returns every area ranked first), never settled by
the table's order. Ties among the weakest objectives are reported the same
way: :attr:`Audit.lowest` holds every objective at the lowest score and
:attr:`Audit.weakest_ties` those that share the :math:`k`-th score but were
left out of the actions. The :math:`k` weakest objectives
(lowest :math:`s_j`, ties in Table 1 order, via
:func:`casebook.models.diagnostic.weakest`) become actions in the current and later
phases, each tied to the Table 2 cells of its dimensions in that phase and
to the conditioning factors linked to it. Earlier phases are listed for
review only.

Examples
--------
>>> from casebook.models import diagnostic as d
>>> answers = d.full_answers(4)
>>> for n in (1, 2, 3, 4):
...     answers[f"tacitness.{n}"] = 1
>>> a = audit(answers, "exploration", alliance="Our JV")
>>> a.weakest[0]
'tacitness'
>>> [s.status for s in a.plan]
['review', 'now', 'next', 'later']
>>> a.plan[1].priorities[0].dimension
'skills'
>>> a.plan[1].actions[0].factors
('Tacitness of knowledge',)
>>> [p.name for p in audit("jv40_dead_proposal", "exploration").current().first()]
['Environment', 'Tasks', 'Processes', 'Skills', 'Goals']
"""

from __future__ import annotations

from casebook.models.audit.plan import *  # noqa: F401,F403
from casebook.models.audit.report import *  # noqa: F401,F403

__all__ = ["Priority", "Action", "PhasePlan", "Audit", "gaps", "urgencies", "audit", "ranks", "mutual_share",
           "md_escape", "render_markdown", "render_html", "write_report", "read_answers_file", "answers_from_store"]
