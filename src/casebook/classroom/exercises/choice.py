"""Exercises with one right answer among given ones: multiple choice and classification."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from casebook.classroom.exercises.common import _NO, _NOTE, _OK, _box, _button, _check_qid, _esc, _html, _instructor, _save, _saved, _solution_html, _solution_widget

__all__ = ['multiple_choice', 'classify']

def multiple_choice(qid: str, prompt: str, options, correct, *, explanation: str | None = None,
                    solution: str | None = None, title: str | None = None,
                    student: str | None = None, home=None):
    """A multiple-choice question with feedback for each option.

    Parameters
    ----------
    qid : str
        Unique question id, ``"chNN.slug"``.
    prompt : str
        The question.
    options : dict of str to str, or list of str
        Each option's text and the feedback shown when it is chosen.
    correct : str or collection of str
        The correct option(s); each must be one of ``options``.
    explanation : str, optional
        Shown with every answer after checking.
    solution : str, optional
        Markdown, shown once the answer is right or after the second check
        (at once in the instructor view).
    title, student, home : optional
        Panel heading; whose answers file, and where (default: the current
        student in :func:`casebook.paths.user_home`).

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"choice", "check"}``, ``outputs`` = ``{"feedback", "solution"}``.

    Examples
    --------
    >>> import tempfile
    >>> box = multiple_choice("ch00.mc", "2 + 2?", {"4": "Right.", "5": "Too many."},
    ...                       correct="4", home=tempfile.mkdtemp())
    >>> box.controls["choice"].value = "5"; box.button.click()
    >>> "Too many." in box.outputs["feedback"].value
    True
    """
    import ipywidgets as w

    _check_qid(qid)
    if isinstance(options, Mapping):
        feedback = {str(k): ("" if v is None else str(v)) for k, v in options.items()}
    else:
        feedback = {str(o): "" for o in options}
    if len(feedback) < 2:
        raise ValueError(f"{qid}: field 'options' needs at least two options")
    right = {correct} if isinstance(correct, str) else set(correct)
    if not right or not right <= set(feedback):
        raise ValueError(f"{qid}: field 'correct' must name option(s) from 'options', got {correct!r}")

    radio = w.RadioButtons(options=list(feedback), value=None, description="Answer",
                           layout=w.Layout(width="auto"))
    radio.add_class("cb-control-choice")
    check = _button("Check", "check")
    out = _html("feedback")
    solution_out = _solution_widget()
    if _instructor():
        solution_out.value = (_NOTE.format("Instructor view: correct answer " + _esc(" / ".join(sorted(right))))
                              + _solution_html(solution))

    def show_solution(ok, attempts):
        if ok or attempts >= 2:
            solution_out.value = _solution_html(solution) if not _instructor() else solution_out.value

    def render(choice, ok):
        text = f"<b>{'Correct.' if ok else 'Not quite.'}</b> {_esc(feedback[choice])}"
        if explanation:
            text += f"<br>{_esc(explanation)}"
        return (_OK if ok else _NO).format(text)

    def on_check(_=None):
        choice = radio.value
        if choice is None:
            out.value = _NOTE.format("Choose an option first.")
            return
        ok = choice in right
        rec, err = _save(qid, "multiple_choice", choice, student, home, prompt=prompt,
                         correct=ok, score=float(ok))
        out.value = render(choice, ok) + err
        show_solution(ok, rec["attempts"] if rec else 1)

    check.on_click(on_check)
    rec, err = _saved(qid, "multiple_choice", student, home)
    if rec is not None and rec.get("response") in feedback:
        radio.value = rec["response"]
        out.value = render(rec["response"], rec["response"] in right)
        show_solution(rec["response"] in right, int(rec.get("attempts", 1)))
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("multiple_choice", qid, prompt, [radio, check, out, solution_out],
                {"choice": radio, "check": check}, {"feedback": out, "solution": solution_out},
                check, title)


def classify(qid: str, prompt: str, items: Mapping[str, str], categories: Sequence[str],
             explanations: Mapping[str, str] | None = None, *, solution: str | None = None,
             title: str | None = None, student: str | None = None, home=None):
    """Sort each item into one of the categories; scored as the share placed right.

    ``solution`` (Markdown) is shown once every item is placed right or
    after the second check (at once in the instructor view).

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"item_1", ..., "check"}`` (one Dropdown per item, in
        the order of ``items``), ``outputs`` = ``{"feedback", "solution"}``.

    Examples
    --------
    >>> import tempfile
    >>> box = classify("ch00.cls", "Sort", {"a recipe": "explicit", "a knack": "tacit"},
    ...                ["tacit", "explicit"], home=tempfile.mkdtemp())
    >>> box.controls["item_1"].value = "explicit"; box.controls["item_2"].value = "explicit"
    >>> box.button.click()
    >>> "1 of 2" in box.outputs["feedback"].value
    True
    """
    import ipywidgets as w

    _check_qid(qid)
    categories = [str(c) for c in categories]
    items = {str(k): str(v) for k, v in items.items()}
    explanations = {str(k): str(v) for k, v in (explanations or {}).items()}
    if not items:
        raise ValueError(f"{qid}: field 'items' is empty")
    bad = {k: v for k, v in items.items() if v not in categories}
    if bad:
        raise ValueError(f"{qid}: field 'items' uses categories not in 'categories': {bad!r}")
    names = list(items)
    controls, rows = {}, []
    for i, item in enumerate(names, 1):
        dd = w.Dropdown(options=categories, value=None, description=f"{i}.")
        dd.add_class(f"cb-control-item_{i}")
        controls[f"item_{i}"] = dd
        rows.append(w.HBox([dd, w.HTML(f"&nbsp;{_esc(item)}")]))
    check = _button("Check", "check")
    out = _html("feedback")
    solution_out = _solution_widget()
    if _instructor():
        solution_out.value = _NOTE.format("Instructor view: " + "; ".join(
            f"{_esc(k)} &rarr; {_esc(v)}" for k, v in items.items())) + _solution_html(solution)

    def show_solution(ok, attempts):
        if (ok or attempts >= 2) and not _instructor():
            solution_out.value = _solution_html(solution)

    def render(chosen):
        right = sum(chosen[k] == items[k] for k in names)
        lines = []
        for k in names:
            mark = "&#10003;" if chosen[k] == items[k] else f"&#10007; (it is {_esc(items[k])})"
            why = f": {_esc(explanations[k])}" if k in explanations else ""
            lines.append(f"<li>{_esc(k)}: {_esc(chosen[k])} {mark}{why}</li>")
        head = f"<b>{'Correct.' if right == len(names) else 'Not quite.'}</b> " \
               f"{right} of {len(names)} placed right."
        return (_OK if right == len(names) else _NO).format(head + "<ul>" + "".join(lines) + "</ul>")

    def on_check(_=None):
        chosen = {k: controls[f"item_{i}"].value for i, k in enumerate(names, 1)}
        if any(v is None for v in chosen.values()):
            out.value = _NOTE.format("Place every item first.")
            return
        right = sum(chosen[k] == items[k] for k in names)
        rec, err = _save(qid, "classify", chosen, student, home, prompt=prompt,
                         correct=right == len(names), score=right / len(names))
        out.value = render(chosen) + err
        show_solution(right == len(names), rec["attempts"] if rec else 1)

    check.on_click(on_check)
    controls["check"] = check
    rec, err = _saved(qid, "classify", student, home)
    resp = rec.get("response") if rec else None
    if isinstance(resp, dict) and set(resp) == set(names) and set(resp.values()) <= set(categories):
        for i, k in enumerate(names, 1):
            controls[f"item_{i}"].value = resp[k]
        out.value = render(resp)
        show_solution(all(resp[k] == items[k] for k in names), int(rec.get("attempts", 1)))
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("classify", qid, prompt, [*rows, check, out, solution_out], controls,
                {"feedback": out, "solution": solution_out}, check, title)

