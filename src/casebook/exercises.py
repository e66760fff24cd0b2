"""Exercises that check themselves and save every answer.

One short call builds each kind; the chapter cell displays the returned box:

- :func:`multiple_choice` (feedback per option)
- :func:`numeric` (tolerance and units; the expected value may be computed)
- :func:`likert` and :func:`ranking`
- :func:`short_answer` (saved; model answer and rubric revealed on request)
- :func:`classify` (sort items into categories)
- :func:`decision_point` (commit a choice and a one-line reason; only then
  the case's outcome, its source and the class split are shown)

Every answer is saved when given (:mod:`casebook.answers`), with the
question's text as ``prompt`` so that a hand-in can show it, and building an
exercise whose ``qid`` already has an answer shows that answer and its
feedback again instead of asking anew. Every box is made with
:func:`casebook.widgets.panel` and carries ``box.controls`` (the interactive
controls, including the Check/Save/Commit ``button``), ``box.outputs`` (the
HTML feedback widgets) and ``box.button``. Everything shown is escaped with
:func:`html.escape`; nothing is printed.

Setting ``CASEBOOK_INSTRUCTOR=1`` (the instructor edition) shows each
exercise's solution under it straight away.

Examples
--------
>>> import tempfile
>>> home = tempfile.mkdtemp()
>>> box = multiple_choice("ch00.demo", "Which kind of knowledge is hard to copy?",
...                       options={"Tacit": "Yes: it lives in people and routines.",
...                                "Explicit": "No: it can be written down."},
...                       correct="Tacit", home=home)
>>> box.controls["choice"].value = "Tacit"
>>> box.button.click()
>>> "Correct" in box.outputs["feedback"].value
True
"""

from __future__ import annotations

import html
import math
import os
import re
from collections.abc import Callable, Mapping, Sequence

__all__ = [
    "multiple_choice",
    "numeric",
    "likert",
    "ranking",
    "short_answer",
    "classify",
    "decision_point",
    "format_source",
]

LIKERT_LABELS = {
    5: ["strongly disagree", "disagree", "neither", "agree", "strongly agree"],
    7: ["strongly disagree", "disagree", "somewhat disagree", "neither",
        "somewhat agree", "agree", "strongly agree"],
}
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]+")

_OK = "<div class='cb-feedback cb-correct' style='color:#02734f'>{}</div>"
_NO = "<div class='cb-feedback cb-incorrect' style='color:#b24a00'>{}</div>"
_NOTE = "<div class='cb-feedback cb-note'>{}</div>"


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _instructor() -> bool:
    return os.environ.get("CASEBOOK_INSTRUCTOR", "").strip().lower() in {"1", "true", "yes"}


def _check_qid(qid) -> str:
    if not isinstance(qid, str) or not re.fullmatch(r"ch[0-9][0-9]\.[A-Za-z0-9_.-]+", qid):
        raise ValueError(f"qid {qid!r}: use 'chNN.slug', e.g. 'ch01.tacit'")
    return qid


def _saved(qid, kind, student, home):
    """The saved record for ``qid`` if it is of this kind, and an error text if unreadable."""
    from casebook.answers import get_answer

    try:
        rec = get_answer(qid, student=student, home=home)
    except Exception as exc:  # unreadable file: say so, never crash the chapter
        return None, f"Your saved answers could not be read: {exc}"
    if rec is not None and rec.get("kind") != kind:
        return None, None
    return rec, None


def _save(qid, kind, response, student, home, **fields):
    """Save and return ``(record, error_html)``; ``fields`` carry the ``prompt``."""
    from casebook.answers import save_answer

    try:
        return save_answer(qid, kind, response, student=student, home=home, **fields), ""
    except Exception as exc:
        return None, _NO.format(_esc(f"Your answer could not be saved: {exc}"))


def _button(label: str, name: str, style: str = "primary"):
    import ipywidgets as w

    b = w.Button(description=label, button_style=style, tooltip=label)
    b.add_class(f"cb-control-{name}")
    return b


def _html(name: str, value: str = ""):
    import ipywidgets as w

    h = w.HTML(value=value)
    h.add_class(f"cb-output-{name}")
    return h


def _box(kind, qid, prompt, children, controls, outputs, button, title):
    import ipywidgets as w

    from casebook.widgets import panel

    head = w.HTML(f"<div class='cb-prompt'><b>{_esc(prompt)}</b></div>")
    box = panel([head, *children], "cb-exercise", title=title)
    box.add_class(f"cb-{kind.replace('_', '-')}")
    box.qid = qid
    box.kind = kind
    box.controls = controls
    box.outputs = outputs
    box.button = button
    return box


# --------------------------------------------------------------------------- multiple choice
def multiple_choice(qid: str, prompt: str, options, correct, *, explanation: str | None = None,
                    title: str | None = None, student: str | None = None, home=None):
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
    title, student, home : optional
        Panel heading; whose answers file, and where (default: the current
        student in :func:`casebook.paths.user_home`).

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"choice", "check"}``, ``outputs`` = ``{"feedback"}``.

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
    solution = _html("solution")
    if _instructor():
        solution.value = _NOTE.format("Instructor view: correct answer " + _esc(" / ".join(sorted(right))))

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
        _, err = _save(qid, "multiple_choice", choice, student, home, prompt=prompt,
                       correct=ok, score=float(ok))
        out.value = render(choice, ok) + err

    check.on_click(on_check)
    rec, err = _saved(qid, "multiple_choice", student, home)
    if rec is not None and rec.get("response") in feedback:
        radio.value = rec["response"]
        out.value = render(rec["response"], rec["response"] in right)
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("multiple_choice", qid, prompt, [radio, check, out, solution],
                {"choice": radio, "check": check}, {"feedback": out, "solution": solution},
                check, title)


# --------------------------------------------------------------------------- numeric
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
            explanation: str | None = None, *, title: str | None = None,
            student: str | None = None, home=None):
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

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"value", "check"}`` (``value`` is a Text box),
        ``outputs`` = ``{"feedback"}``.

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
    solution = _html("solution")
    if _instructor():
        solution.value = _NOTE.format(_esc(f"Instructor view: {expected:g}{unit_text} "
                                           f"(tolerance {tolerance:g}). {explanation or ''}"))

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
        out.value = render(value, rec["attempts"] if rec else 1)[1] + err

    check.on_click(on_check)
    rec, err = _saved(qid, "numeric", student, home)
    if rec is not None and isinstance(rec.get("response"), (int, float)):
        box_in.value = f"{rec['response']:g}"
        out.value = render(float(rec["response"]), int(rec.get("attempts", 1)))[1]
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("numeric", qid, prompt, [w.HBox([box_in, unit_label]), check, out, solution],
                {"value": box_in, "check": check}, {"feedback": out, "solution": solution},
                check, title)


# --------------------------------------------------------------------------- likert
def likert(qid: str, prompt: str, statements: Sequence[str], scale: int = 5,
           labels: Sequence[str] | None = None, *, title: str | None = None,
           student: str | None = None, home=None):
    """Agreement with each statement on a 1..``scale`` Likert scale (nothing to check; saved).

    Parameters
    ----------
    qid, prompt : str
    statements : list of str
    scale : int, default 5
        Number of points, 3 to 10.
    labels : list of str, optional
        One label per point (defaults exist for 5 and 7 points).

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"statement_1", ..., "save"}`` (ToggleButtons whose
        value is the point, 1..scale), ``outputs`` = ``{"feedback"}``.

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

    def summary(values):
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
    return _box("likert", qid, prompt, [*rows, save, out], controls, {"feedback": out},
                save, title)


# --------------------------------------------------------------------------- ranking
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
            explanation: str | None = None, *, title: str | None = None,
            student: str | None = None, home=None):
    """Put items in order: one drop-down per position.

    With ``correct_order`` the ranking is checked and scored as the share of
    item pairs in the right relative order (:func:`pair_agreement`); without
    it, it is an opinion ranking and only saved.

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"rank_1", ..., "check"}``, ``outputs`` = ``{"feedback"}``.

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
    solution = _html("solution")
    if _instructor() and correct_order:
        solution.value = _NOTE.format(_esc("Instructor view: " + " > ".join(correct_order)))

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
        _, err = _save(qid, "ranking", order, student, home, prompt=prompt, **fields)
        out.value = render(order) + err

    check.on_click(on_check)
    controls["check"] = check
    rec, err = _saved(qid, "ranking", student, home)
    resp = rec.get("response") if rec else None
    if isinstance(resp, list) and sorted(map(str, resp)) == sorted(items):
        for i, item in enumerate(resp, 1):
            controls[f"rank_{i}"].value = item
        out.value = render(list(resp))
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("ranking", qid, prompt, [*[controls[f"rank_{i}"] for i in range(1, len(items) + 1)],
                                         check, out, solution],
                controls, {"feedback": out, "solution": solution}, check, title)


# --------------------------------------------------------------------------- short answer
def short_answer(qid: str, prompt: str, model_answer: str | None = None,
                 rubric: Sequence[str] | None = None, *, max_chars: int = 4000,
                 title: str | None = None, student: str | None = None, home=None):
    """A short written answer: saved, then a model answer and rubric on request.

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
    solution = _html("solution")
    state = {"revealed": False}

    def solution_html():
        parts = []
        if model_answer:
            parts.append(f"<b>Model answer.</b> {_esc(model_answer)}")
        if rubric:
            parts.append("<b>Rubric.</b><ul>" + "".join(f"<li>{_esc(r)}</li>" for r in rubric)
                         + "</ul>")
        return _NOTE.format("<br>".join(parts) or "No model answer for this question.")

    def on_reveal(_=None):
        state["revealed"] = True
        solution.value = solution_html()

    def on_save(_=None):
        value = text.value.strip()
        if not value:
            out.value = _NOTE.format("Write something first.")
            return
        if len(value) > max_chars:
            out.value = _NOTE.format(_esc(f"Please keep it under {max_chars} characters "
                                          f"(now {len(value)})."))
            return
        _, err = _save(qid, "short_answer", value, student, home, prompt=prompt,
                       saw_model_answer=state["revealed"])
        out.value = _OK.format(f"<b>Saved</b> ({len(value)} characters).") + err

    save.on_click(on_save)
    reveal.on_click(on_reveal)
    if _instructor():
        on_reveal()
    rec, err = _saved(qid, "short_answer", student, home)
    if rec is not None and isinstance(rec.get("response"), str):
        text.value = rec["response"]
        out.value = _OK.format(f"<b>Saved</b> ({len(rec['response'])} characters).")
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("short_answer", qid, prompt, [text, w.HBox([save, reveal]), out, solution],
                {"text": text, "save": save, "reveal": reveal},
                {"feedback": out, "solution": solution}, save, title)


# --------------------------------------------------------------------------- classify
def classify(qid: str, prompt: str, items: Mapping[str, str], categories: Sequence[str],
             explanations: Mapping[str, str] | None = None, *, title: str | None = None,
             student: str | None = None, home=None):
    """Sort each item into one of the categories; scored as the share placed right.

    Returns
    -------
    ipywidgets.VBox
        ``controls`` = ``{"item_1", ..., "check"}`` (one Dropdown per item, in
        the order of ``items``), ``outputs`` = ``{"feedback"}``.

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
    solution = _html("solution")
    if _instructor():
        solution.value = _NOTE.format("Instructor view: " + "; ".join(
            f"{_esc(k)} &rarr; {_esc(v)}" for k, v in items.items()))

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
        _, err = _save(qid, "classify", chosen, student, home, prompt=prompt,
                       correct=right == len(names), score=right / len(names))
        out.value = render(chosen) + err

    check.on_click(on_check)
    controls["check"] = check
    rec, err = _saved(qid, "classify", student, home)
    resp = rec.get("response") if rec else None
    if isinstance(resp, dict) and set(resp) == set(names) and set(resp.values()) <= set(categories):
        for i, k in enumerate(names, 1):
            controls[f"item_{i}"].value = resp[k]
        out.value = render(resp)
    elif err:
        out.value = _NO.format(_esc(err))
    return _box("classify", qid, prompt, [*rows, check, out, solution], controls,
                {"feedback": out, "solution": solution}, check, title)


# --------------------------------------------------------------------------- decision point
def _get(obj, name):
    if obj is None:
        return None
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def format_source(source) -> str:
    """A source (``{reading, locator}`` or ``{citation, locator}``) as a short citation.

    Examples
    --------
    >>> format_source({"reading": "inkpen1998", "locator": "section 'Cultural Alignment'"})
    "Inkpen (1998), section 'Cultural Alignment'"
    >>> format_source("Serrat (2009), Introduction")
    'Serrat (2009), Introduction'
    >>> format_source({"citation": "Tesla Motors (2010). Press release.", "locator": "text"})
    'Tesla Motors (2010). Press release. text'
    """
    if source is None:
        return ""
    if isinstance(source, str):
        return source
    from casebook.cases import READINGS, join_citation  # one table of the readings, one joining rule

    reading, citation, locator = (_get(source, k) for k in ("reading", "citation", "locator"))
    head = READINGS.get(str(reading), str(reading)) if reading else (citation or "")
    return join_citation(head, locator)


def _case_outcome(case: str):
    """The case's outcome text and source, loaded only when a case is named."""
    try:
        from casebook.cases import load_case
    except ImportError as exc:  # the case library is not installed yet
        raise ValueError(f"case {case!r}: casebook.cases is not available ({exc}); "
                         "pass outcome= and source= instead") from None
    outcome = _get(load_case(case), "outcome")
    text = _get(outcome, "text")
    if not text:
        raise ValueError(f"case {case!r}: field 'outcome.text' is missing")
    return str(text), format_source(_get(outcome, "source"))


def _one_line(text: str, limit: int) -> str:
    return _CONTROL_CHARS.sub(" ", str(text)).strip()[:limit]


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
    pool : casebook.pool.ClassPool, optional
        The class pool whose split is shown after committing; default
        :func:`casebook.pool.current_pool` (``CASEBOOK_POOL`` or
        :func:`casebook.pool.set_pool`).
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
        from casebook.pool import current_pool

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
        from casebook.answers import now_utc

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
