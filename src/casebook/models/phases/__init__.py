"""Learning priorities over an alliance's life: the phase table and its companions.

Serrat (2009, Table 2 'Learning Priorities in Alliance Evolution', adapted
from Iyer 2002) lays out what partners should learn in each of Doz's five
areas (environment, tasks, processes, skills, goals) across four phases of
an alliance's life (awareness and partner selection, exploration, expansion,
commitment to relationship). Below the table, each phase carries a label
that runs from unilateral to predominantly mutual learning, and a note names
four factors that condition progress in every phase: protection of
knowledge, trust, tacitness and previous ties.

The table lives in ``casebook/data/phases.yaml`` (each entry in the
casebook's words, each cited); this module loads and validates it, and
answers the two questions a manager asks of it: *what should we be learning
now, in this area?* (:func:`what_to_learn`) and *which factors decide
whether we get there?* (:func:`factors_for`). The same file carries Hughes
and Weiss's five rules, the conventional twelve steps, Doz's learning cycle
and the three knowledge-related asymmetries, so that chapters draw them from
data rather than prose.

The unilateral-to-mutual shift as a number is **the casebook's own
operationalisation**: Serrat gives four ordered labels, not a scale. Phase
:math:`p = 1, \\dots, 4` gets the mutual share

.. math::

    m_p = \\frac{r_p}{4}, \\qquad r_p \\in \\{0, 1, 2, 3\\},

where :math:`r_p` is the rank of the phase's label in the order
unilateral < mostly unilateral < both < predominantly mutual; the
unilateral share is :math:`1 - m_p`. The spacing keeps each label's words:
"both unilateral and mutual" is half and half (0.5), "mostly unilateral,
with elements of mutual learning" is under half (0.25), and "predominantly
mutual" is over half but not all (0.75): no phase is wholly mutual.

Examples
--------
>>> t = load_phases()
>>> [p.key for p in t.phases]
['awareness', 'exploration', 'expansion', 'commitment']
>>> what_to_learn("exploration", "skills").text
'The start of a transfer of tacit skill knowledge, to be carried further in later phases.'
>>> what_to_learn("exploration", "skills").source.locator
"Table 2 (after Iyer 2002), row 'Skills', column 'Exploration'"
>>> [f.key for f in factors_for("expansion")]
['protection', 'trust', 'tacitness', 'previous_ties']
>>> [round(mutual_share(p), 2) for p in ("awareness", "exploration", "expansion", "commitment")]
[0.0, 0.25, 0.5, 0.75]
"""

from __future__ import annotations

from casebook.models.phases.queries import *  # noqa: F401,F403
from casebook.models.phases.table import *  # noqa: F401,F403
from casebook.models.phases.table import _OBJECTIVES  # noqa: F401  (used by tests and the audit)

__all__ = ["MODES", "PhaseTableError", "Source", "Dimension", "Phase", "Cell", "Factor", "Rule", "PhaseTable",
           "default_path", "load_phases", "parse_phases", "what_to_learn", "factors_for", "mutual_share",
           "shift_table", "cell_table"]
