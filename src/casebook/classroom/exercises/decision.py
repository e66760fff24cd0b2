"""Decision points: commit a choice and a reason before the outcome is shown.

After the commit a decision point shows what really happened (the case's
outcome and its source), what the chapter's model says the student's own
choice leads to (when the question has a judge), and, when a class pool is
loaded, how the class split and what each option leads to in the model.

In the instructor view (``CASEBOOK_INSTRUCTOR=1``) the instructor never has
to commit: two separate steps, "Show split" (a chart legible on a projector,
with every reason) and then "Reveal outcome", show the file pool's split and
the outcome, and the teaching notes and solution are shown at once. A
projected chapter (``CASEBOOK_PRESENT=1``, set by ``make present``; a pool
with ``make present CHAPTER=NN POOL=folder-or-file``) gets the same two steps
but no teaching notes or solution, which stay off the screen. With a
live class (``CASEBOOK_CLASS``, :mod:`casebook.classroom.live.client`) the
instructor's panel is added below, and a student's commit is also sent to
the class, with its status line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from casebook.classroom.exercises.common import (_NO, _NOTE, _box, _button, _case_outcome, _check_qid, _esc,
                                                 _html, _instructor, _one_line, _presenting, _save, _saved,
                                                 _solution_html, _solution_widget, format_source)
from casebook.classroom.exercises.decision_views import (judged, model_block, outcome_block, pool_reasons,
                                                         split_table, teaching_block)

__all__ = ['decision_point']


def _live_config():
    try:
        from casebook.classroom.live.client import class_config

        return class_config()
    except Exception:  # a bad CASEBOOK_CLASS must not break the chapter; send_commit reports it
        return None


def decision_point(qid: str, prompt: str, options: Sequence[str], case: str | None = None, *,
                   outcome: str | None = None, source=None, pool=None, max_reason: int = 200,
                   judge: Callable | None = None, solution: str | None = None, teaching=None,
                   title: str | None = None, student: str | None = None, home=None):
    """Commit a choice and a one-line reason; only then see what really happened.

    Parameters
    ----------
    qid, prompt : str
    options : list of str
        The choices.
    case : str, optional
        A case id: the outcome revealed is that case's ``outcome`` (text and
        source), loaded with :func:`casebook.cases.load_case`.
    outcome, source : optional
        An explicit outcome text and its source (a ``{reading, locator}``
        mapping or a citation string); they take precedence over ``case``.
    pool : casebook.classroom.pool.ClassPool, optional
        The class pool whose split is shown after committing; default
        :func:`casebook.classroom.pool.current_pool` (``CASEBOOK_POOL`` or
        :func:`casebook.classroom.pool.set_pool`).
    max_reason : int, default 200
        The reason is kept to one line of at most this many characters.
    judge : callable, optional
        ``option_text -> Judgement`` (or ``None``): what the chapter's model
        says an option leads to (:mod:`casebook.classroom.judges`).
    solution : str, optional
        Markdown discussion, shown after the commit.
    teaching : casebook.classroom.questions_schema.Teaching, optional
        Anticipated responses and misconceptions, shown in the instructor view only.

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"choice", "reason", "commit"}`` (and, in the
        instructor view, ``"show_split"`` and ``"reveal"``), ``outputs`` =
        ``{"feedback", "outcome", "model", "split", "solution", "live"}`` (and
        ``"teaching"`` for the instructor); ``outcome`` stays empty until the
        decision is committed (or revealed), and a committed decision is final.

    Examples
    --------
    >>> import tempfile
    >>> box = decision_point("ch00.dp", "Stay or go?", ["Stay", "Go"],
    ...                      outcome="They stayed.", source="Serrat (2009), Introduction",
    ...                      home=tempfile.mkdtemp())
    >>> box.outputs["outcome"].value
    ''
    >>> box.controls["choice"].value = "Go"; box.controls["reason"].value = "cheaper"
    >>> box.button.click()
    >>> "They stayed." in box.outputs["outcome"].value
    True
    """
    import ipywidgets as w

    _check_qid(qid)
    options = [str(o) for o in options]
    if len(options) < 2 or len(set(options)) != len(options):
        raise ValueError(f"{qid}: field 'options' needs at least two distinct options")
    if outcome is None:
        if case is None:
            raise ValueError(f"{qid}: give case= (a case id) or outcome= and source=")
        outcome, case_source = _case_outcome(case)
        source_text = format_source(source) if source is not None else case_source
    else:
        source_text = format_source(source)
    instructor = _instructor()
    live = _live_config()

    radio = w.RadioButtons(options=options, value=None, description="Your call",
                           layout=w.Layout(width="auto"))
    radio.add_class("cb-control-choice")
    reason = w.Text(value="", description="Because", placeholder="one line: why?",
                    layout=w.Layout(width="95%"))
    reason.add_class("cb-control-reason")
    commit = _button("Commit", "commit", style="warning")
    outputs = {name: _html(name) for name in ("feedback", "outcome", "model", "split", "live")}
    outputs["solution"] = _solution_widget()
    controls = {"choice": radio, "reason": reason, "commit": commit}

    def current():
        from casebook.classroom.pool import current_pool

        try:
            return (pool if pool is not None else current_pool()), None
        except Exception as exc:
            return None, _NOTE.format(_esc(f"The class pool could not be read: {exc}"))

    def verdicts(counts):
        return {o: line for o in counts if (line := judged(judge, o)[0])}

    def split_view(choice):
        p, err = current()
        if err:
            return err
        if p is None:
            return _NOTE.format("The class split appears here once your instructor loads "
                                "the class pool.")
        counts = p.split(qid)
        return split_table(counts, choice, verdicts(counts))

    def reveal(rec):
        radio.value = rec["response"] if rec["response"] in options else None
        reason.value = rec.get("reason", "")
        for c in (radio, reason, commit):
            c.disabled = True
        outputs["feedback"].value = _NOTE.format(f"<b>Committed:</b> {_esc(rec['response'])}, because "
                                                 f"{_esc(rec.get('reason', ''))}")
        outputs["outcome"].value = outcome_block(outcome, source_text)
        outputs["model"].value = model_block(judge, rec["response"])
        outputs["split"].value = split_view(rec["response"])
        if not instructor:
            outputs["solution"].value = _solution_html(solution)

    def on_commit(_=None):
        why = _one_line(reason.value, max_reason)
        if radio.value is None or not why:
            outputs["feedback"].value = _NOTE.format("Choose an option and give a one-line reason, then commit.")
            return
        from casebook.classroom.answers import now_utc

        rec, err = _save(qid, "decision_point", radio.value, student, home, prompt=prompt,
                         keep_existing=True, reason=why, committed_at=now_utc(), case=case)
        if rec is None:
            outputs["feedback"].value = err
            return
        reveal(rec)
        if live is not None:
            send_live(rec)

    def send_live(rec):
        from casebook.classroom.answers import display_name, student_name
        from casebook.classroom.live.client import send_commit

        who = student if student is not None else display_name()
        key = f"{qid}|{student_name() if student is None else student}|{rec.get('committed_at', '')}"
        commit_id = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        status = send_commit(qid, rec["response"], rec.get("reason", ""), who, commit_id)
        outputs["live"].value = _NOTE.format(_esc(status))

    commit.on_click(on_commit)
    children = [radio, reason, commit, outputs["feedback"]]
    if instructor or _presenting():
        children += _instructor_steps(qid, options, outcome, source_text, judge, current,
                                      controls, outputs, teaching if instructor else None,
                                      solution if instructor else None)
    children += [outputs["outcome"], outputs["model"], outputs["split"], outputs["solution"],
                 outputs["live"]]
    rec, err = _saved(qid, "decision_point", student, home)
    if rec is not None and isinstance(rec.get("response"), str):
        reveal(rec)
    elif err:
        outputs["feedback"].value = _NO.format(_esc(err))
    panel = None
    # The instructor key is the instructor's alone: whoever has it set gets the panel, as the
    # README says (CASEBOOK_CLASS, _CODE and _KEY), with or without the instructor edition.
    if live is not None and (instructor or live.key):
        from casebook.classroom.live.client import instructor_panel

        panel = instructor_panel(qid)
        if panel is not None:
            children.append(panel)
    box = _box("decision_point", qid, prompt, children, controls, outputs, commit, title)
    box.live_panel = panel
    return box


def _instructor_steps(qid, options, outcome, source_text, judge, current, controls, outputs,
                      teaching, solution):
    """The instructor's two separate steps over a file pool: "Show split", then "Reveal outcome"."""
    import ipywidgets as w

    from casebook.classroom.live.panel import split_html

    show = _button("Show split", "show_split", style="info")
    reveal = _button("Reveal outcome", "reveal", style="warning")
    reveal.disabled = True
    status = _html("instructor_status")
    projector = _html("projector")
    outputs["projector"] = projector
    outputs["teaching"] = _solution_widget()
    outputs["teaching"].value = teaching_block(teaching, _solution_html(solution))
    controls["show_split"], controls["reveal"] = show, reveal

    def on_show(_=None):
        p, err = current()
        if err:
            status.value = err
            return
        if p is None:
            status.value = _NOTE.format("No class pool is loaded (set CASEBOOK_POOL, or "
                                        "make present POOL=...); you can still reveal the outcome.")
        else:
            counts = p.split(qid)
            status.value = ""
            projector.value = (split_html(counts, pool_reasons(p, qid)) if sum(counts.values())
                               else _NOTE.format("No one in the class pool has answered this decision yet."))
        show.disabled = True
        reveal.disabled = False

    def on_reveal(_=None):
        outputs["outcome"].value = outcome_block(outcome, source_text)
        p, _err = current()
        counts = p.split(qid) if p is not None else {}
        lines = [(o, n, judged(judge, o)[0]) for o, n in counts.items()] if counts else \
            [(o, None, judged(judge, o)[0]) for o in options]
        rows = "".join(f"<li><b>{_esc(o)}</b>{f' ({n})' if n is not None else ''}: {_esc(line)}</li>"
                       for o, n, line in lines if line)
        if rows:
            outputs["model"].value = ("<div class='cb-model-verdict' style='font-size:20px'><b>What "
                                      + ("the class's choices" if counts else "each option")
                                      + f" lead to in the model</b><ul>{rows}</ul></div>")
        reveal.disabled = True

    show.on_click(on_show)
    reveal.on_click(on_reveal)
    return [w.HBox([show, reveal]), status, projector, outputs["teaching"]]
