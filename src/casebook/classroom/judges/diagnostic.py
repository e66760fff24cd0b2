"""Judges for decisions read through the learning diagnostic (chapter 03, :mod:`casebook.models.diagnostic`).

An option's ``params`` change the case's assessment levels by whole steps
(``value``, ``protectiveness``, ``tacitness``, ``connections``,
``relatedness``, ``cultural_alignment``: e.g. ``connections: 2`` raises
connections two levels, capped at very_high). These are the casebook's
judgement of what the option would change, stated in the question file
with the argument. ``judge_context`` names the ``case``. The judgement
gives the new profile's weakest objectives and the lever to pull next.

Examples
--------
>>> j = profile_after({"connections": 2}, case="alpha_hito")
>>> j.figures["connections"]
4.0
>>> profile_after({"speed": 1}, case="alpha_hito")
Traceback (most recent call last):
...
ValueError: params: unknown key 'speed'; use value, protectiveness, tacitness, connections, relatedness, cultural_alignment
"""

from __future__ import annotations

from casebook.classroom.judges import Judgement

__all__ = ["profile_after"]

_FIELDS = ("value", "protectiveness", "tacitness", "connections", "relatedness", "cultural_alignment")


def profile_after(params: dict, *, case: str, k: int = 2) -> Judgement:
    """The case's diagnostic profile once the option's changes are made, and what to fix next.

    Parameters
    ----------
    params : dict
        Level changes (whole numbers) per assessment field.
    case : str
        A case id with an assessment.
    k : int
        How many weakest objectives to name.

    Returns
    -------
    Judgement
        ``figures``: the six objective scores (1-5) and ``weakest_score``.

    Examples
    --------
    >>> before = profile_after({}, case="alpha_hito")
    >>> after = profile_after({"connections": 2, "value": 1}, case="alpha_hito")
    >>> after.figures["value"] > before.figures["value"]
    True
    """
    from casebook.cases import LEVELS, load_case
    from casebook.models import diagnostic as d

    bad = [key for key in params if key not in _FIELDS]
    if bad:
        raise ValueError(f"params: unknown key {bad[0]!r}; use {', '.join(_FIELDS)}")
    for key, step in params.items():
        if isinstance(step, bool) or not isinstance(step, int):
            raise ValueError(f"params: {key!r} must be a whole number of levels, got {step!r}")
    c = load_case(case)
    levels = list(LEVELS)
    assessment = {}
    for f in _FIELDS:
        level = getattr(getattr(c.assessment, f), "level")
        level = getattr(level, "value", level)
        i = min(max(levels.index(level) + params.get(f, 0), 0), len(levels) - 1)
        assessment[f] = {"level": levels[i]}
    prof = d.profile_from_assessment(assessment, c.title, where=f"cases/{case}/case.yaml")
    fixes = d.fix_first(prof, k)
    names = "; ".join(f"{o.title.lower()} ({prof[o.key]:.0f}/5)" for o, _ in fixes)
    line = (f"In the casebook's diagnostic, the weakest objectives would then be {names}. "
            f"Next lever: {fixes[0][1]}")
    figures = {o.key: prof[o.key] for o in d.OBJECTIVES}
    figures["weakest_score"] = min(prof.values())
    return Judgement(line, figures)
