"""Decision points: commit a choice and a reason before the outcome is shown."""

from __future__ import annotations

from collections.abc import Sequence

from casebook.classroom.exercises.common import _NO, _NOTE, _box, _button, _case_outcome, _check_qid, _esc, _html, _one_line, _save, _saved, format_source

__all__ = ['decision_point']

def decision_point(qid: str, prompt: str, options: Sequence[str], case: str | None = None, *,
                   outcome: str | None = None, source=None, pool=None, max_reason: int = 200,
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

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"choice", "reason", "commit"}``, ``outputs`` =
        ``{"feedback", "outcome", "split"}``; ``outcome`` stays empty until
        the decision is committed, and a committed decision is final.

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

    radio = w.RadioButtons(options=options, value=None, description="Your call",
                           layout=w.Layout(width="auto"))
    radio.add_class("cb-control-choice")
    reason = w.Text(value="", description="Because", placeholder="one line: why?",
                    layout=w.Layout(width="95%"))
    reason.add_class("cb-control-reason")
    commit = _button("Commit", "commit", style="warning")
    out = _html("feedback")
    outcome_html = _html("outcome")
    split_html = _html("split")

    def split_view(choice):
        from casebook.classroom.pool import current_pool

        try:
            p = pool if pool is not None else current_pool()
        except Exception as exc:
            return _NOTE.format(_esc(f"The class pool could not be read: {exc}"))
        if p is None:
            return _NOTE.format("The class split appears here once your instructor loads "
                                "the class pool.")
        counts = p.split(qid)
        total = sum(counts.values())
        if not total:
            return _NOTE.format("No one in the class pool has answered this decision yet.")
        rows = "".join(
            f"<tr><td>{_esc(o)}{' (you)' if o == choice else ''}</td>"
            f"<td style='text-align:right'>{n}</td><td style='text-align:right'>{n / total:.0%}</td></tr>"
            for o, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return (f"<div class='cb-split'><b>How the class split</b> ({total} students)"
                f"<table>{rows}</table></div>")

    def reveal(rec):
        radio.value = rec["response"] if rec["response"] in options else None
        reason.value = rec.get("reason", "")
        for c in (radio, reason, commit):
            c.disabled = True
        out.value = _NOTE.format(f"<b>Committed:</b> {_esc(rec['response'])}, because "
                                 f"{_esc(rec.get('reason', ''))}")
        cite = f"<br><i>Source: {_esc(source_text)}</i>" if source_text else ""
        outcome_html.value = (f"<div class='cb-outcome'><b>What really happened.</b> "
                              f"{_esc(outcome)}{cite}</div>")
        split_html.value = split_view(rec["response"])

    def on_commit(_=None):
        why = _one_line(reason.value, max_reason)
        if radio.value is None or not why:
            out.value = _NOTE.format("Choose an option and give a one-line reason, then commit.")
            return
        from casebook.classroom.answers import now_utc

        rec, err = _save(qid, "decision_point", radio.value, student, home, prompt=prompt,
                         keep_existing=True, reason=why, committed_at=now_utc(), case=case)
        if rec is None:
            out.value = err
            return
        reveal(rec)

    commit.on_click(on_commit)
    rec, err = _saved(qid, "decision_point", student, home)
    if rec is not None and isinstance(rec.get("response"), str):
        reveal(rec)
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("decision_point", qid, prompt,
                [radio, reason, commit, out, outcome_html, split_html],
                {"choice": radio, "reason": reason, "commit": commit},
                {"feedback": out, "outcome": outcome_html, "split": split_html}, commit, title)
