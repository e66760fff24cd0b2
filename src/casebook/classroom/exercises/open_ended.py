"""Exercises answered in the student's own terms: a number or a short text."""

from __future__ import annotations

import math
from collections.abc import Sequence

from casebook.classroom.exercises.common import _NO, _NOTE, _OK, _box, _button, _check_qid, _esc, _html, _instructor, _save, _saved, _solution_html, _solution_widget

__all__ = ['numeric', 'short_answer']

def _parse_number(text) -> float:
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        cleaned = str(text).strip().replace("\u2212", "-")
        if not cleaned:
            raise ValueError("Enter a number first.")
        try:
            value = float(cleaned)
        except ValueError:
            raise ValueError(f"'{cleaned}' is not a number: type digits only, e.g. 0.61") from None
    if not math.isfinite(value):
        raise ValueError("Enter a finite number.")
    return value


def numeric(qid: str, prompt: str, answer, tolerance: float = 0.0, units: str | None = None,
            explanation: str | None = None, *, solution: str | None = None,
            title: str | None = None, student: str | None = None, home=None):
    """A question with a numeric answer, checked within an absolute tolerance.

    Parameters
    ----------
    qid, prompt : str
    answer : float or callable
        The expected value, or a function of no arguments that computes it
        from a casebook model (called once, when the exercise is built).
    tolerance : float, default 0
        An answer ``x`` is correct when ``|x - answer| <= tolerance``.
    units : str, optional
        Shown beside the input box and in the feedback.
    explanation : str, optional
        Shown once the answer is right, or after two wrong attempts.
    solution : str, optional
        Markdown, shown when the explanation is (at once in the instructor view).

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"value", "check"}`` (``value`` is a Text box),
        ``outputs`` = ``{"feedback", "solution"}``.

    Examples
    --------
    >>> import tempfile
    >>> box = numeric("ch00.num", "Half of 1.3?", answer=lambda: 1.3 / 2, tolerance=0.01,
    ...               units="share", home=tempfile.mkdtemp())
    >>> box.controls["value"].value = "0.65"; box.button.click()
    >>> "Correct" in box.outputs["feedback"].value
    True
    """
    import ipywidgets as w

    _check_qid(qid)
    expected = answer() if callable(answer) else answer
    try:
        expected = float(expected)
    except (TypeError, ValueError):
        raise ValueError(f"{qid}: field 'answer' must be a number, got {expected!r}") from None
    if not math.isfinite(expected):
        raise ValueError(f"{qid}: field 'answer' must be finite, got {expected!r}")
    tolerance = float(tolerance)
    if not (tolerance >= 0 and math.isfinite(tolerance)):
        raise ValueError(f"{qid}: field 'tolerance' must be a finite number >= 0")
    unit_text = f" {units}" if units else ""

    box_in = w.Text(value="", description="Answer", placeholder="a number",
                    layout=w.Layout(width="16em"))
    box_in.add_class("cb-control-value")
    unit_label = w.HTML(_esc(units or ""))
    check = _button("Check", "check")
    out = _html("feedback")
    solution_out = _solution_widget()
    if _instructor():
        solution_out.value = _NOTE.format(_esc(f"Instructor view: {expected:g}{unit_text} "
                                               f"(tolerance {tolerance:g}). {explanation or ''}")
                                          ) + _solution_html(solution)

    def show_solution(ok, attempts):
        if (ok or attempts >= 2) and not _instructor():
            solution_out.value = _solution_html(solution)

    def render(value, attempts):
        ok = abs(value - expected) <= tolerance + 1e-12 * max(1.0, abs(expected))
        if ok:
            text = f"<b>Correct.</b> {_esc(f'{expected:g}{unit_text}')}"
            if explanation:
                text += f"<br>{_esc(explanation)}"
            return ok, _OK.format(text)
        side = "high" if value > expected else "low"
        text = f"<b>Not quite.</b> {_esc(f'{value:g}{unit_text}')} is too {side}."
        if attempts >= 2:
            text += f"<br>The expected answer is {_esc(f'{expected:g}{unit_text}')}."
            if explanation:
                text += f" {_esc(explanation)}"
        else:
            text += " Try again."
        return ok, _NO.format(text)

    def on_check(_=None):
        try:
            value = _parse_number(box_in.value)
        except ValueError as exc:
            out.value = _NOTE.format(_esc(exc))
            return
        ok = abs(value - expected) <= tolerance + 1e-12 * max(1.0, abs(expected))
        rec, err = _save(qid, "numeric", value, student, home, prompt=prompt, correct=ok,
                         score=float(ok), units=units)
        attempts = rec["attempts"] if rec else 1
        out.value = render(value, attempts)[1] + err
        show_solution(ok, attempts)

    check.on_click(on_check)
    rec, err = _saved(qid, "numeric", student, home)
    if rec is not None and isinstance(rec.get("response"), (int, float)):
        box_in.value = f"{rec['response']:g}"
        ok, html_text = render(float(rec["response"]), int(rec.get("attempts", 1)))
        out.value = html_text
        show_solution(ok, int(rec.get("attempts", 1)))
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("numeric", qid, prompt, [w.HBox([box_in, unit_label]), check, out, solution_out],
                {"value": box_in, "check": check}, {"feedback": out, "solution": solution_out},
                check, title)

def short_answer(qid: str, prompt: str, model_answer: str | None = None,
                 rubric: Sequence[str] | None = None, *, max_chars: int = 4000,
                 solution: str | None = None, title: str | None = None,
                 student: str | None = None, home=None):
    """A short written answer: saved, then a model answer, rubric and solution on request.

    "Show model answer" works once an answer is saved (a student writes
    first, then compares); the instructor view shows it at once.

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"text", "save", "reveal"}``,
        ``outputs`` = ``{"feedback", "solution"}``. ``box.button`` is Save.

    Examples
    --------
    >>> import tempfile
    >>> box = short_answer("ch00.sa", "Why?", model_answer="Because.", rubric=["names a reason"],
    ...                    home=tempfile.mkdtemp())
    >>> box.controls["text"].value = "Trust"; box.button.click()
    >>> box.controls["reveal"].click()
    >>> "names a reason" in box.outputs["solution"].value
    True
    """
    import ipywidgets as w

    _check_qid(qid)
    rubric = [str(r) for r in (rubric or [])]
    text = w.Textarea(value="", description="Answer", placeholder="Write your answer here",
                      layout=w.Layout(width="95%", height="6em"))
    text.add_class("cb-control-text")
    save = _button("Save", "save")
    reveal = _button("Show model answer", "reveal", style="")
    out = _html("feedback")
    solution_out = _solution_widget()
    state = {"revealed": False, "saved": False}

    def solution_html():
        parts = []
        if model_answer:
            parts.append(f"<b>Model answer.</b> {_esc(model_answer)}")
        if rubric:
            parts.append("<b>Rubric.</b><ul>" + "".join(f"<li>{_esc(r)}</li>" for r in rubric)
                         + "</ul>")
        return (_NOTE.format("<br>".join(parts) or "No model answer for this question.")
                + _solution_html(solution))

    def on_reveal(_=None):
        if not (state["saved"] or _instructor()):
            out.value = _NOTE.format("Save your own answer first; then compare it with the model answer.")
            return
        state["revealed"] = True
        solution_out.value = solution_html()

    def on_save(_=None):
        value = text.value.strip()
        if not value:
            out.value = _NOTE.format("Write something first.")
            return
        if len(value) > max_chars:
            out.value = _NOTE.format(_esc(f"Please keep it under {max_chars} characters "
                                          f"(now {len(value)})."))
            return
        rec, err = _save(qid, "short_answer", value, student, home, prompt=prompt,
                         saw_model_answer=state["revealed"])
        state["saved"] = state["saved"] or rec is not None
        out.value = _OK.format(f"<b>Saved</b> ({len(value)} characters).") + err

    save.on_click(on_save)
    reveal.on_click(on_reveal)
    if _instructor():
        on_reveal()
    rec, err = _saved(qid, "short_answer", student, home)
    if rec is not None and isinstance(rec.get("response"), str):
        state["saved"] = True
        text.value = rec["response"]
        out.value = _OK.format(f"<b>Saved</b> ({len(rec['response'])} characters).")
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("short_answer", qid, prompt, [text, w.HBox([save, reveal]), out, solution_out],
                {"text": text, "save": save, "reveal": reveal},
                {"feedback": out, "solution": solution_out}, save, title)

