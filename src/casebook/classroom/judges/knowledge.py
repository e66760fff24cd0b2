"""Judges for decisions about which knowledge connections to build (chapter 01's spiral).

An option's ``params`` are intensities in [0, 1] of the four processes of
:func:`casebook.models.knowledge.spiral` (``technology_sharing``,
``interactions``, ``personnel``, ``strategy``; missing ones are 0). The
question's ``judge_context`` gives ``tacit_share`` (the share of the lesson
that is tacit, the casebook's judgement for the case) and may give the
model's other parameters. The judgement is the casebook's own model's, not
a finding of the readings.

Examples
--------
>>> j = spiral_reach({"technology_sharing": 1.0}, tacit_share=0.6)
>>> j.figures["tacit_at_firm"]
0.0
>>> spiral_reach({"rotation": 1}, tacit_share=0.6)
Traceback (most recent call last):
...
ValueError: params: unknown key 'rotation'; use technology_sharing, interactions, personnel, strategy
"""

from __future__ import annotations

from casebook.classroom.judges import Judgement

__all__ = ["spiral_reach"]


def spiral_reach(params: dict, *, tacit_share: float, k0: float = 1.0, **model_kw) -> Judgement:
    """How much of the lesson reaches the firm, and of which kind, if the option's connections are built.

    Parameters
    ----------
    params : dict
        Process intensities (see the module docstring).
    tacit_share : float in [0, 1]
        The tacit share of the lesson.
    k0 : float
        Knowledge brought back by individuals.
    **model_kw
        ``lambda_explicit``, ``lambda_tacit``, ``growth`` of the spiral.

    Returns
    -------
    Judgement
        ``figures``: ``explicit_at_firm``, ``tacit_at_firm``, ``total_at_firm``,
        ``tacit_kept`` (share of the tacit part that reaches the firm).

    Examples
    --------
    >>> a = spiral_reach({"technology_sharing": 1.0, "personnel": 0.3}, tacit_share=0.6)
    >>> b = spiral_reach({"technology_sharing": 0.5, "personnel": 1.0}, tacit_share=0.6)
    >>> b.figures["tacit_at_firm"] > a.figures["tacit_at_firm"]
    True
    """
    from casebook.models.knowledge import PROCESSES, spiral

    unknown = [k for k in params if k not in PROCESSES]
    if unknown:
        raise ValueError(f"params: unknown key {unknown[0]!r}; use {', '.join(PROCESSES)}")
    r = spiral(**{k: float(v) for k, v in params.items()}, tacit_share=tacit_share, k0=k0, **model_kw)
    e, t = float(r.explicit[-1]), float(r.tacit[-1])
    tacit0 = float(r.tacit[0])
    kept = t / tacit0 if tacit0 > 0 else 0.0
    if not params or all(float(v) == 0 for v in params.values()):
        line = ("In the casebook's spiral model nothing the engineers saw reaches the firm: "
                "no connection carries it past the individuals.")
    else:
        line = (f"In the casebook's spiral model {e + t:.2f} of every unit brought back reaches the firm "
                f"({e:.2f} explicit, {t:.2f} tacit); {kept:.0%} of the tacit part survives the climb.")
    return Judgement(line, {"explicit_at_firm": e, "tacit_at_firm": t, "total_at_firm": e + t,
                            "tacit_kept": kept})
