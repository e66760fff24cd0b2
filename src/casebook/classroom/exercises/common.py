"""What every exercise shares: saving, restoring, escaping, the panel and the citation of a source."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from casebook.paths import env_flag

__all__ = ['LIKERT_LABELS', 'format_source', 'render_solution']

LIKERT_LABELS = {
    5: ["strongly disagree", "disagree", "neither", "agree", "strongly agree"],
    7: ["strongly disagree", "disagree", "somewhat disagree", "neither",
        "somewhat agree", "agree", "strongly agree"],
}
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]+")
_MATH = re.compile(r"\\\$|\$\$.+?\$\$|\$[^$\n]+?\$", re.S)

_OK = "<div class='cb-feedback cb-correct' style='color:#02734f'>{}</div>"
_NO = "<div class='cb-feedback cb-incorrect' style='color:#b24a00'>{}</div>"
_NOTE = "<div class='cb-feedback cb-note'>{}</div>"


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _instructor() -> bool:
    return env_flag("CASEBOOK_INSTRUCTOR")


def _presenting() -> bool:
    """``CASEBOOK_PRESENT=1`` (``make present``): a projected chapter gets the class steps, not the solutions."""
    return env_flag("CASEBOOK_PRESENT")


def _check_qid(qid) -> str:
    if not isinstance(qid, str) or not re.fullmatch(r"ch[0-9][0-9]\.[A-Za-z0-9_.-]+", qid):
        raise ValueError(f"qid {qid!r}: use 'chNN.slug', e.g. 'ch01.tacit'")
    return qid


def _saved(qid, kind, student, home):
    """The saved record for ``qid`` if it is of this kind, and an error text if unreadable."""
    from casebook.classroom.answers import get_answer

    try:
        rec = get_answer(qid, student=student, home=home)
    except Exception as exc:  # unreadable file: say so, never crash the chapter
        return None, f"Your saved answers could not be read: {exc}"
    if rec is not None and rec.get("kind") != kind:
        return None, None
    return rec, None


def _save(qid, kind, response, student, home, **fields):
    """Save and return ``(record, error_html)``; ``fields`` carry the ``prompt``."""
    from casebook.classroom.answers import save_answer

    try:
        return save_answer(qid, kind, response, student=student, home=home, **fields), ""
    except Exception as exc:
        return None, _NO.format(_esc(f"Your answer could not be saved: {exc}"))


def render_solution(markdown: str) -> str:
    """A solution's Markdown as HTML (raw HTML in it is escaped; ``$...$`` maths kept for MathJax).

    Examples
    --------
    >>> render_solution("**Yes**: $x^2$ <script>")
    '<p><strong>Yes</strong>: $x^2$ &lt;script&gt;</p>\\n'
    >>> render_solution("$g_j$ and $s_j$")  # maths is kept whole, never read as emphasis
    '<p>$g_j$ and $s_j$</p>\\n'
    """
    import mistune

    maths: list[str] = []

    def keep(m):
        maths.append(m.group(0))
        return f"\x00{len(maths) - 1}\x00"

    text = _MATH.sub(keep, str(markdown))
    out = mistune.create_markdown(escape=True)(text)
    return re.sub("\x00([0-9]+)\x00", lambda m: html.escape(maths[int(m.group(1))], quote=False), out)


def _solution_html(solution: str | None) -> str:
    """The solution panel's HTML ('' when there is none)."""
    if not solution:
        return ""
    return f"<div class='cb-solution'><b>Solution.</b> {render_solution(solution)}</div>"


def _solution_widget():
    """An output for a solution: HTMLMath so that ``$...$`` maths renders in JupyterLab."""
    import ipywidgets as w

    h = w.HTMLMath(value="")
    h.add_class("cb-output-solution")
    return h


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
