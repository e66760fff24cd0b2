"""The chapter 03 questionnaire: Inkpen's six objectives, scored live.

Each objective is a Likert exercise from :mod:`casebook.classroom.exercises` (so the
answers are saved in the student's answers file when "Save" is pressed,
under ``<qid>.<objective>``); the profile chart and the advice update as
soon as a statement is rated.

Examples
--------
>>> import tempfile
>>> box = build_diagnostic(compare=(), home=tempfile.mkdtemp())
>>> for qid in box.controls:
...     if "." in qid:
...         box.controls[qid].value = 4
>>> for n in (1, 2, 3):
...     box.controls[f"culture.{n}"].value = 1
>>> "Align the cultures" in box.outputs["summary"].value
True
"""

from __future__ import annotations

import html

__all__ = ["build_diagnostic"]


def _partial_scores(answers: dict) -> dict:
    """Mean of the rated *condition* statements of each objective (None if none rated).

    Only condition statements measure what a case file rates, so only they
    are drawn on the same axis as the case profiles (like with like).
    """
    from casebook.models.diagnostic import OBJECTIVES

    out = {}
    for o in OBJECTIVES:
        vals = [answers[q] for q in o.question_ids("condition") if answers.get(q) is not None]
        out[o.key] = sum(vals) / len(vals) if vals else None
    return out


def build_diagnostic(qid: str = "ch03.diagnostic", compare=("nummi", "alpha_hito"), k: int = 2,
                     student: str | None = None, home=None):
    """Build the questionnaire, the live profile chart and the advice panel.

    Parameters
    ----------
    qid : str
        Prefix of the saved answers; each objective is saved as ``qid.<key>``.
    compare : sequence of str
        Case ids whose assessment profiles are drawn for comparison. A case
        that cannot be loaded is named in a note instead of breaking the widget.
    k : int
        How many weakest objectives to name.
    student, home : optional
        Passed to the answers store (tests use a throw-away ``home``).

    Returns
    -------
    ipywidgets.VBox
        ``controls``: ``'value.1'`` ... ``'culture.3'`` (ToggleButtons 1..5)
        and ``'save_<key>'`` buttons; ``outputs``: ``figure`` (LiveFigure),
        ``summary`` (HTML), ``exercises`` (the six Likert boxes).
    """
    import ipywidgets as w

    from casebook.models import diagnostic as d
    from casebook.classroom.exercises import likert
    from casebook.plotting.diagnostic import draw_profiles
    from casebook.widgets import LiveFigure, panel
    from casebook.widgets.figure import Blitter

    # Case profiles (from the case files' assessments).
    cases, notes = [], []
    for cid in compare:
        try:
            cases.append(d.case_profile(cid, label=cid.replace("_", "-").title()
                                        if cid != "nummi" else "NUMMI (GM view)"))
        except Exception as exc:  # a missing or invalid case must not break the chapter
            notes.append(f"Case {cid!r} is not available: {exc}")

    exercises, controls = [], {}
    for o in d.OBJECTIVES:
        ex = likert(f"{qid}.{o.key}", f"{o.number}. {o.title}", list(o.questions),
                    scale=5, labels=["not at all true of us", "rarely true", "partly true",
                                     "mostly true", "fully true of us"],
                    student=student, home=home)
        for n in range(1, len(o.questions) + 1):
            controls[f"{o.key}.{n}"] = ex.controls[f"statement_{n}"]
        controls[f"save_{o.key}"] = ex.controls["save"]
        exercises.append(ex)

    tabs = w.Tab(children=exercises, titles=[f"{o.number}. {o.key}" for o in d.OBJECTIVES])
    tabs.add_class("cb-control-objectives")

    live = LiveFigure(size=(8.0, 4.2), css_class="cb-diagnostic-figure")
    picture = draw_profiles([{}, *cases], ax=live.ax, label="Your alliance")
    fast = Blitter(live, picture.artists)  # axes drawn once; bars and case lines over them
    summary = w.HTML()
    summary.add_class("cb-output-summary")

    def answers() -> dict:
        return {q: c.value for q, c in controls.items() if "." in q}

    def update(_=None):
        ans = answers()
        fast.show(picture, [_partial_scores(ans), *cases])
        missing = [q for q, v in ans.items() if v is None]
        parts = []
        if missing:
            parts.append(f"<p>Rated {len(ans) - len(missing)} of {len(ans)} statements. "
                         "Rate them all to see your weakest objectives.</p>")
        else:
            prof = d.score(ans)
            items = []
            for o, lever in d.fix_first(prof, k):
                a = d.advice(o.key)
                items.append(f"<li><b>{html.escape(o.title)}</b> (score {prof[o.key]:.1f}). "
                             f"<b>Lever:</b> {html.escape(lever)} {html.escape(a.text)} "
                             f"<i>({html.escape(a.source)})</i></li>")
            parts.append("<p>Your weakest objectives (all statements), the lever to pull and what the "
                         f"readings advise:</p><ol>{''.join(items)}</ol>"
                         "<p class='cb-note'>The chart shows only the statements that measure the same "
                         "conditions a case file rates, so your bars and the case lines share one scale.</p>")
        parts += [f"<p class='cb-note'>{html.escape(n)}</p>" for n in notes]
        summary.value = "".join(parts)

    for q, c in controls.items():
        if "." in q:
            c.observe(update, names="value")
    update()

    box = panel([tabs, live.image, summary], "cb-diagnostic",
                title="Alliance learning diagnostic (Inkpen 1998, Table 1)")
    box.controls = controls
    box.outputs = {"figure": live, "summary": summary, "exercises": exercises}
    box.case_profiles = cases
    box.picture = picture
    box.book_controls = ()  # live in the static book (casebook.widgets.frames)
    return box
