"""The case vocabulary (readings, kinds, the five-level scale) and how a problem in a case file is reported."""

from __future__ import annotations

import datetime as _dt
import html
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ['READINGS', 'KINDS', 'LEVELS', 'DIMENSIONS', 'TIME_PLAN_LENGTHS', 'REQUIRED_TIME_PLAN_LENGTHS', 'ASSESSED_KINDS', 'FIRST_YEAR', 'level_score', 'level_label', 'Problem', 'CaseError', 'escape']

#: Reading keys a ``source`` may name, with the short citation used in prose.
READINGS: dict[str, str] = {
    "inkpen1996": "Inkpen (1996)",
    "inkpen1998": "Inkpen (1998)",
    "serrat2009": "Serrat (2009)",
    "suarezvilla1998": "Suarez-Villa (1998)",
    "tallman_nd": "Tallman (n.d.)",
}

#: The kinds of case.
KINDS = ("equity_jv", "non_equity_alliance", "cluster", "alliance_network", "research_study")

#: The five-level scale of an assessment, scored 1..5 in this order.
LEVELS = ("very_low", "low", "medium", "high", "very_high")

#: Inkpen's (1998) dimensions, in the order the casebook shows them, with labels.
DIMENSIONS: dict[str, str] = {
    "value": "Value of the knowledge",
    "protectiveness": "Partner protectiveness",
    "tacitness": "Tacitness",
    "connections": "Knowledge connections",
    "relatedness": "Relatedness",
    "cultural_alignment": "Cultural alignment",
}

#: Session lengths (minutes) every teaching note plans for; each plan must add up to its length.
TIME_PLAN_LENGTHS = (60, 75, 80, 90)

#: The lengths every teaching note must plan for (all of them; a length kept optional while
#: cases are being given its plan would be left out here for that time).
REQUIRED_TIME_PLAN_LENGTHS = TIME_PLAN_LENGTHS

#: Kinds of case that must carry an assessment.
ASSESSED_KINDS = ("equity_jv", "non_equity_alliance")

FIRST_YEAR = 1900


def level_score(level: str) -> int:
    """The score 1..5 of a level of the five-level scale.

    Examples
    --------
    >>> [level_score(x) for x in ("very_low", "medium", "very_high")]
    [1, 3, 5]
    """
    return LEVELS.index(level) + 1


def level_label(level: str) -> str:
    """A level of the five-level scale as words, for display.

    Examples
    --------
    >>> level_label("very_high")
    'very high'
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    return level.replace("_", " ")


def _this_year() -> int:
    return _dt.date.today().year


# --------------------------------------------------------------------------
# Problems
# --------------------------------------------------------------------------


def _display(path: Path | str) -> str:
    """A path as a user would type it: relative to the working folder if inside it."""
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:  # another drive on Windows
        return str(p)
    return str(p) if rel.startswith("..") else rel.replace(os.sep, "/")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case file.

    Examples
    --------
    >>> str(Problem("cases/x/case.yaml", "dates.end", "1980 is before the start, 1984"))
    'cases/x/case.yaml: dates.end: 1980 is before the start, 1984'
    """

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class CaseError(ValueError):
    """A case could not be loaded; ``problems`` lists why.

    Examples
    --------
    >>> err = CaseError([Problem("a.yaml", "id", "missing")])
    >>> str(err)
    'a.yaml: id: missing'
    """

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _path_str(loc) -> str:
    """``('teaching_note', 'time_plans', '60', 2, 'minutes')`` -> ``teaching_note.time_plans.60[2].minutes``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def escape(text) -> str:
    """HTML-escape text taken from a case file (quotes included).

    Examples
    --------
    >>> escape("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    return html.escape(str(text), quote=True)
