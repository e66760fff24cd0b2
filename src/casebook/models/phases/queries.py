"""Questions a manager asks of the phase table (see :mod:`casebook.models.phases`)."""

from __future__ import annotations

from casebook.models.phases.table import MODES, Cell, Factor, PhaseTable, load_phases

__all__ = ["what_to_learn", "factors_for", "mutual_share", "shift_table", "cell_table"]


def what_to_learn(phase, dimension: str, table: PhaseTable | None = None) -> Cell:
    """What partners should be learning in ``dimension`` during ``phase``.

    Parameters
    ----------
    phase : str or int
        Phase key (``'awareness'`` ...) or number 1..4.
    dimension : str
        ``'environment'``, ``'tasks'``, ``'processes'``, ``'skills'`` or ``'goals'``.

    Examples
    --------
    >>> what_to_learn(4, "goals").text.startswith("The capacity to keep assessing")
    True
    """
    t = table or load_phases()
    p = t.phase(phase)
    d = t.dimension(dimension)
    return t.cells[(d.key, p.key)]


def factors_for(phase, table: PhaseTable | None = None) -> list[Factor]:
    """The conditioning factors for a phase: per Serrat's note, all four in every phase.

    Examples
    --------
    >>> len(factors_for(1))
    4
    """
    t = table or load_phases()
    t.phase(phase)  # validates the phase
    return list(t.factors)


def mutual_share(phase, table: PhaseTable | None = None) -> float:
    """Mutual share :math:`m_p = r_p / 4` of a phase (the casebook's own operationalisation).

    Examples
    --------
    >>> mutual_share("awareness"), mutual_share("expansion"), mutual_share("commitment")
    (0.0, 0.5, 0.75)
    """
    t = table or load_phases()
    return MODES.index(t.phase(phase).mode) / len(MODES)


def shift_table(table: PhaseTable | None = None):
    """The unilateral-to-mutual shift as data, one row per phase.

    Returns
    -------
    pandas.DataFrame
        Columns ``number, phase, name, mode, mode_label, mutual, unilateral``.

    Examples
    --------
    >>> shift_table()[["phase", "mutual"]].round(2).values.tolist()[-1]
    ['commitment', 0.75]
    """
    import pandas as pd

    t = table or load_phases()
    rows = [{"number": p.number, "phase": p.key, "name": p.name, "mode": p.mode, "mode_label": p.mode_label,
             "mutual": mutual_share(p.key, t), "unilateral": 1 - mutual_share(p.key, t)} for p in t.phases]
    return pd.DataFrame(rows)


def cell_table(table: PhaseTable | None = None):
    """Table 2 as a DataFrame: dimensions as rows, phases as columns.

    Examples
    --------
    >>> df = cell_table()
    >>> df.shape
    (5, 4)
    >>> df.loc["Tasks", "Awareness and partner selection"]
    'Little or nothing yet.'
    """
    import pandas as pd

    t = table or load_phases()
    data = {p.name: [t.cells[(d.key, p.key)].text for d in t.dimensions] for p in t.phases}
    return pd.DataFrame(data, index=[d.name for d in t.dimensions])
