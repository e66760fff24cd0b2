"""Exercises that rate or order: Likert statements and rankings."""

from __future__ import annotations

from collections.abc import Sequence

from casebook.classroom.exercises.common import LIKERT_LABELS, _NO, _NOTE, _OK, _box, _button, _check_qid, _esc, _html, _instructor, _save, _saved, _solution_html, _solution_widget

__all__ = ['likert', 'pair_agreement', 'ranking']

def likert(qid: str, prompt: str, statements: Sequence[str], scale: int = 5,
           labels: Sequence[str] | None = None, *, solution: str | None = None,
           title: str | None = None, student: str | None = None, home=None):
    """Agreement with each statement on a 1..``scale`` Likert scale (nothing to check; saved).

    Parameters
    ----------
    qid, prompt : str
    statements : list of str
    scale : int, default 5
        Number of points, 3 to 10.
    labels : list of str, optional
        One label per point (defaults exist for 5 and 7 points).
    solution : str, optional
        Markdown (a comment on the statements), shown once the ratings are saved.

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"statement_1", ..., "save"}`` (ToggleButtons whose
        value is the point, 1..scale), ``outputs`` = ``{"feedback", "solution"}``.

    Examples
    --------
    >>> import tempfile
    >>> box = likert("ch00.lik", "Agree?", ["Trust matters", "Speed matters"],
    ...              home=tempfile.mkdtemp())
    >>> box.controls["statement_1"].value = 4; box.controls["statement_2"].value = 2
    >>> box.button.click()
    >>> "Saved" in box.outputs["feedback"].value
    True
    """
    import ipywidgets as w

    _check_qid(qid)
    statements = [str(s) for s in statements]
    if not statements:
        raise ValueError(f"{qid}: field 'statements' is empty")
    if not isinstance(scale, int) or not 3 <= scale <= 10:
        raise ValueError(f"{qid}: field 'scale' must be an integer from 3 to 10, got {scale!r}")
    labels = list(labels) if labels is not None else LIKERT_LABELS.get(scale)
    if labels is not None and len(labels) != scale:
        raise ValueError(f"{qid}: field 'labels' needs {scale} labels, got {len(labels)}")

    legend = ""
    if labels:
        legend = "<div class='cb-likert-legend'>" + "; ".join(
            f"{i} = {_esc(lab)}" for i, lab in enumerate(labels, 1)) + "</div>"
    controls, rows = {}, [w.HTML(legend)] if legend else []
    for i, text in enumerate(statements, 1):
        tb = w.ToggleButtons(options=[(str(p), p) for p in range(1, scale + 1)], value=None,
                             description=f"{i}.", style={"button_width": "2.6em"})
        tb.add_class(f"cb-control-statement_{i}")
        controls[f"statement_{i}"] = tb
        rows += [w.HTML(f"<div class='cb-likert-statement'>{i}. {_esc(text)}</div>"), tb]
    save = _button("Save", "save")
    out = _html("feedback")
    solution_out = _solution_widget()
    if _instructor():
        solution_out.value = _solution_html(solution)

    def summary(values):
        solution_out.value = _solution_html(solution)
        parts = [f"{i}. {v}" + (f" ({labels[v - 1]})" if labels else "")
                 for i, v in enumerate(values, 1)]
        return _OK.format("<b>Saved.</b> " + _esc("; ".join(parts)))

    def on_save(_=None):
        values = [controls[f"statement_{i}"].value for i in range(1, len(statements) + 1)]
        missing = [str(i) for i, v in enumerate(values, 1) if v is None]
        if missing:
            out.value = _NOTE.format(_esc("Rate every statement first (missing: "
                                          + ", ".join(missing) + ")."))
            return
        _, err = _save(qid, "likert", values, student, home, prompt=prompt, scale=scale,
                       statements=statements)
        out.value = summary(values) + err

    save.on_click(on_save)
    controls["save"] = save
    rec, err = _saved(qid, "likert", student, home)
    resp = rec.get("response") if rec else None
    if (isinstance(resp, list) and len(resp) == len(statements)
            and all(isinstance(v, int) and 1 <= v <= scale for v in resp)):
        for i, v in enumerate(resp, 1):
            controls[f"statement_{i}"].value = v
        out.value = summary(resp)
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("likert", qid, prompt, [*rows, save, out, solution_out], controls,
                {"feedback": out, "solution": solution_out}, save, title)

def pair_agreement(order: Sequence, correct_order: Sequence) -> float:
    """Share of item pairs that ``order`` puts in the same relative order as ``correct_order``.

    This is Kendall's rank agreement rescaled to 0..1, ``(tau + 1) / 2``:
    1 for the right order, 0 for the reverse.

    Examples
    --------
    >>> pair_agreement("abc", "abc"), pair_agreement("cba", "abc"), pair_agreement("bac", "abc")
    (1.0, 0.0, 0.6666666666666666)
    """
    pos = {item: i for i, item in enumerate(correct_order)}
    ranks = [pos[item] for item in order]
    n = len(ranks)
    pairs = n * (n - 1) // 2
    if pairs == 0:
        return 1.0
    agree = sum(1 for i in range(n) for j in range(i + 1, n) if ranks[i] < ranks[j])
    return agree / pairs


def ranking(qid: str, prompt: str, items: Sequence[str], correct_order: Sequence[str] | None = None,
            explanation: str | None = None, *, solution: str | None = None,
            title: str | None = None, student: str | None = None, home=None):
    """Put items in order: one drop-down per position.

    With ``correct_order`` the ranking is checked and scored as the share of
    item pairs in the right relative order (:func:`pair_agreement`); without
    it, it is an opinion ranking and only saved. ``solution`` (Markdown) is
    shown once the order is right or after the second check (for an opinion
    ranking: once saved; at once in the instructor view).

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"rank_1", ..., "check"}``, ``outputs`` = ``{"feedback", "solution"}``.

    Examples
    --------
    >>> import tempfile
    >>> box = ranking("ch00.rank", "Fastest first", ["walk", "car", "bike"],
    ...               correct_order=["car", "bike", "walk"], home=tempfile.mkdtemp())
    >>> for i, item in enumerate(["car", "bike", "walk"], 1):
    ...     box.controls[f"rank_{i}"].value = item
    >>> box.button.click()
    >>> "Correct" in box.outputs["feedback"].value
    True
    """
    import ipywidgets as w

    _check_qid(qid)
    items = [str(i) for i in items]
    if len(items) < 2 or len(set(items)) != len(items):
        raise ValueError(f"{qid}: field 'items' needs at least two distinct items")
    if correct_order is not None:
        correct_order = [str(i) for i in correct_order]
        if sorted(correct_order) != sorted(items):
            raise ValueError(f"{qid}: field 'correct_order' must list exactly the items")

    controls = {}
    for i, item in enumerate(items, 1):
        dd = w.Dropdown(options=items, value=item, description=f"{i}.")
        dd.add_class(f"cb-control-rank_{i}")
        controls[f"rank_{i}"] = dd
    check = _button("Check" if correct_order else "Save", "check")
    out = _html("feedback")
    solution_out = _solution_widget()
    if _instructor():
        head = _NOTE.format(_esc("Instructor view: " + " > ".join(correct_order))) if correct_order else ""
        solution_out.value = head + _solution_html(solution)

    def show_solution(order, attempts):
        if not _instructor() and (correct_order is None or order == correct_order or attempts >= 2):
            solution_out.value = _solution_html(solution)

    def render(order):
        if correct_order is None:
            return _OK.format("<b>Saved.</b> " + _esc(" > ".join(order)))
        score = pair_agreement(order, correct_order)
        if order == correct_order:
            text = "<b>Correct.</b>"
        else:
            marks = ", ".join(f"{i}. {_esc(o)} {'&#10003;' if o == c else '&#10007;'}"
                              for i, (o, c) in enumerate(zip(order, correct_order), 1))
            text = f"<b>Not quite.</b> {score:.0%} of pairs in the right order: {marks}"
        if explanation and order == correct_order:
            text += f"<br>{_esc(explanation)}"
        return (_OK if order == correct_order else _NO).format(text)

    def on_check(_=None):
        order = [controls[f"rank_{i}"].value for i in range(1, len(items) + 1)]
        repeated = sorted({o for o in order if order.count(o) > 1})
        if repeated:
            out.value = _NOTE.format(_esc("Use each item once; repeated: " + ", ".join(repeated)))
            return
        fields = {}
        if correct_order is not None:
            fields = {"correct": order == correct_order,
                      "score": pair_agreement(order, correct_order)}
        rec, err = _save(qid, "ranking", order, student, home, prompt=prompt, **fields)
        out.value = render(order) + err
        show_solution(order, rec["attempts"] if rec else 1)

    check.on_click(on_check)
    controls["check"] = check
    rec, err = _saved(qid, "ranking", student, home)
    resp = rec.get("response") if rec else None
    if isinstance(resp, list) and sorted(map(str, resp)) == sorted(items):
        for i, item in enumerate(resp, 1):
            controls[f"rank_{i}"].value = item
        out.value = render(list(resp))
        show_solution(list(resp), int(rec.get("attempts", 1)))
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("ranking", qid, prompt, [*[controls[f"rank_{i}"] for i in range(1, len(items) + 1)],
                                         check, out, solution_out],
                controls, {"feedback": out, "solution": solution_out}, check, title)

