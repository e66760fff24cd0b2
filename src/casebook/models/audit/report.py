"""The audit's one-page reports (Markdown, HTML) and the answer readers.

Everything a student typed is escaped. Ties are written as ties: areas that
share the largest urgency are all marked "tied".
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path

from casebook.models.audit.plan import Audit, audit  # noqa: F401  (audit is used in the examples)

__all__ = ["md_escape", "render_markdown", "render_html", "write_report", "read_answers_file", "answers_from_store"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()|!~])")
_MD_LEADING = re.compile(r"^([#+\-=>])")
_MD_NUMBERED = re.compile(r"^(\d+)([.)])")


def md_escape(text) -> str:
    """Text that renders as itself in Markdown and carries no live HTML.

    Whitespace is collapsed to single spaces (so the text stays on one
    line), ``< > &`` become HTML entities, Markdown's inline punctuation
    (emphasis, code, links, images, tables) gets a backslash, and so does a
    leading heading, list, quote or setext marker.

    Examples
    --------
    >>> print(md_escape("<script>alert(1)</script> [x](javascript:y)"))
    &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[x\\]\\(javascript:y\\)
    >>> print(md_escape("# not a heading *nor bold*"))
    \\# not a heading \\*nor bold\\*
    """
    flat = " ".join(str(text).split())
    out = _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))
    out = _MD_LEADING.sub(r"\\\1", out)
    return _MD_NUMBERED.sub(r"\1\\\2", out)


def _h(text) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def render_markdown(a: Audit) -> str:
    """A one-page Markdown report of the audit (everything typed is escaped).

    Examples
    --------
    >>> md = render_markdown(audit("nummi", 2, alliance="*bold* <b>x</b>"))
    >>> md.splitlines()[0]
    '# Alliance learning audit: \\\\*bold\\\\* &lt;b&gt;x&lt;/b&gt;'
    """
    e = md_escape
    p = a.profile
    out = [f"# Alliance learning audit: {e(a.alliance) or 'unnamed alliance'}", ""]
    if a.partner:
        out.append(f"Partner: {e(a.partner)}  ")
    cur = a.current()
    out += [f"Current phase: {cur.number}. {e(cur.name)} ({e(cur.mode_label)})", ""]
    out += ["## Diagnostic profile (Inkpen 1998, Table 1; scores 1 to 5)", "", "| Objective | Score |", "|:--|--:|"]
    from casebook.models.diagnostic import objective

    for key, v in p.scores.items():
        out.append(f"| {e(objective(key).title)} | {v:.2f} |")
    out += ["", f"Weakest: {', '.join(e(objective(k).title) for k in a.weakest)}"
            + (f" (tied with {', '.join(e(objective(k).title) for k in a.weakest_ties)})" if a.weakest_ties else ""), ""]
    out += ["## Plan by phase (Serrat 2009, Table 2, after Iyer 2002; ordering is the casebook's own)", ""]
    for s in a.plan:
        out.append(f"### {s.number}. {e(s.name)} ({s.status})")
        out.append("")
        if s.status == "review":
            out.append("Check that these were learned: " + "; ".join(
                f"{e(x.name)}: {e(x.text)}" for x in s.priorities))
        else:
            out.append(f"Mode: {e(s.mode_label)}. Priorities, most urgent first:")
            out.append("")
            out += [f"{i}. **{e(x.name)}** (urgency {x.urgency:.2f}{', tied' if x.tied else ''}): {e(x.text)}"
                    for i, x in enumerate(s.priorities, 1)]
            out.append("")
            for act in s.actions:
                if s.status == "now":
                    out.append(f"- Act on *{e(act.title)}* (score {act.score:.2f}): {e(act.advice)} "
                               f"In this phase: {' '.join(e(x) for x in act.in_phase)} "
                               f"Watch: {e(', '.join(act.factors))}. ({e(act.advice_source)})")
                else:
                    out.append(f"- Keep at *{e(act.title)}*: {' '.join(e(x) for x in act.in_phase)}")
        out.append("")
    if a.notes:
        out += ["## Student's notes", "", e(a.notes), ""]
    out += ["Sources: Serrat (2009), Table 2 and its note; Inkpen (1998), Table 1.", ""]
    return "\n".join(out)


def render_html(a: Audit) -> str:
    """A one-page standalone HTML report of the audit (everything typed is escaped).

    Examples
    --------
    >>> page = render_html(audit("nummi", 2, notes="<script>alert(1)</script>"))
    >>> "<script>" in page, "&lt;script&gt;" in page
    (False, True)
    """
    from casebook.models.diagnostic import objective

    e = _h
    cur = a.current()
    rows = "".join(f"<tr><td>{e(objective(k).title)}</td><td class='n'>{v:.2f}</td></tr>"
                   for k, v in a.profile.scores.items())
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Alliance learning audit: {e(a.alliance)}</title>",
        "<style>body{font-family:sans-serif;max-width:52em;margin:1.5em auto;font-size:10.5pt}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.1em .5em}td.n{text-align:right}"
        "h3{margin:.8em 0 .2em}li{margin:.1em 0}@media print{body{margin:0}}</style></head><body>",
        f"<h1>Alliance learning audit: {e(a.alliance) or 'unnamed alliance'}</h1>",
    ]
    if a.partner:
        parts.append(f"<p>Partner: {e(a.partner)}</p>")
    parts += [
        f"<p>Current phase: {cur.number}. {e(cur.name)} ({e(cur.mode_label)})</p>",
        "<h2>Diagnostic profile</h2><p><small>Inkpen (1998), Table 1; scores 1 to 5</small></p>",
        f"<table><tr><th>Objective</th><th>Score</th></tr>{rows}</table>",
        f"<p>Weakest: {e(', '.join(objective(k).title for k in a.weakest))}"
        + (f" (tied with {e(', '.join(objective(k).title for k in a.weakest_ties))})" if a.weakest_ties else "") + "</p>",
        "<h2>Plan by phase</h2><p><small>Serrat (2009), Table 2, after Iyer (2002); "
        "the ordering is the casebook's own operationalisation</small></p>",
    ]
    for s in a.plan:
        parts.append(f"<h3>{s.number}. {e(s.name)} ({e(s.status)})</h3>")
        if s.status == "review":
            parts.append("<p>Check that these were learned: " + "; ".join(
                f"{e(x.name)}: {e(x.text)}" for x in s.priorities) + "</p>")
            continue
        parts.append(f"<p>Mode: {e(s.mode_label)}. Priorities, most urgent first:</p><ol>" + "".join(
            f"<li><strong>{e(x.name)}</strong> (urgency {x.urgency:.2f}{', tied' if x.tied else ''}): {e(x.text)}</li>"
            for x in s.priorities)
            + "</ol>")
        if s.actions:
            parts.append("<ul>" + "".join(
                f"<li>Act on <em>{e(act.title)}</em> (score {act.score:.2f}): {e(act.advice)} "
                f"In this phase: {e(' '.join(act.in_phase))} Watch: {e(', '.join(act.factors))}. "
                f"<small>({e(act.advice_source)})</small></li>" if s.status == "now" else
                f"<li>Keep at <em>{e(act.title)}</em>: {e(' '.join(act.in_phase))}</li>"
                for act in s.actions) + "</ul>")
    if a.notes:
        parts += ["<h2>Student's notes</h2>", f"<p>{e(a.notes)}</p>"]
    parts += ["<p><small>Sources: Serrat (2009), Table 2 and its note; Inkpen (1998), Table 1.</small></p>",
              "</body></html>"]
    return "\n".join(parts) + "\n"


def write_report(a: Audit, path, fmt: str | None = None) -> Path:
    """Write the report to ``path`` (format from ``fmt`` or the suffix: ``.md`` or ``.html``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = write_report(audit("nummi", 1), pathlib.Path(tempfile.mkdtemp()) / "audit.html")
    >>> out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    path = Path(path)
    fmt = fmt or {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}.get(path.suffix.lower())
    if fmt not in ("md", "html"):
        raise ValueError(f"audit report {path.name!r}: field 'format' must be 'md' or 'html' "
                         "(or use a .md / .html file name)")
    text = render_html(a) if fmt == "html" else render_markdown(a)
    from casebook.classroom.answers import atomic_write_text

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, text)
    return path


def read_answers_file(path) -> dict[str, int]:
    """Read questionnaire answers from a YAML or JSON file (``{question id: 1..5}``).

    Raises
    ------
    ValueError
        Naming the file and, where it applies, the field (question id).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "answers.yaml"
    >>> _ = p.write_text("value.1: 9", encoding="utf-8")
    >>> read_answers_file(p)
    Traceback (most recent call last):
    ...
    ValueError: answers.yaml: field 'value.1': answer to 'value.1' is out of range: 9 (allowed 1 to 5)
    """
    from casebook.data import read_yaml  # the data layer reads (JSON is YAML too); the model validates
    from casebook.models.diagnostic import question_ids, validate_answers

    path = Path(path)

    def problem(file, field, message):
        if field == "<yaml>":
            return ValueError(f"{file}: not valid YAML or JSON")
        return ValueError(f"{file}: {message}")

    doc = read_yaml(path, problem)
    if not isinstance(doc, Mapping):
        raise ValueError(f"{path.name}: must hold a mapping of question id to a score from 1 to 5")
    doc = {str(k): v for k, v in doc.items()}
    for qid in question_ids():
        if qid in doc:
            try:
                validate_answers({**{q: 3 for q in question_ids()}, qid: doc[qid]})
            except ValueError as exc:
                raise ValueError(f"{path.name}: field '{qid}': {exc}") from None
    try:
        return validate_answers(doc)
    except ValueError as exc:
        raise ValueError(f"{path.name}: field 'answers': {exc}") from None


def answers_from_store(qid: str = "ch03.diagnostic", student: str | None = None, home=None) -> dict[str, int]:
    """The chapter 03 questionnaire answers a student saved (one Likert record per objective).

    Raises
    ------
    ValueError
        Naming the saved record (``<qid>.<objective>``) that is missing or malformed.

    Examples
    --------
    >>> import tempfile
    >>> answers_from_store(home=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    ValueError: answers file: field 'ch03.diagnostic.value': not saved yet (rate and save this objective in chapter 03)
    """
    from casebook.classroom.answers import get_answer
    from casebook.models.diagnostic import OBJECTIVES

    out = {}
    for o in OBJECTIVES:
        rec = get_answer(f"{qid}.{o.key}", student=student, home=home)
        resp = rec.get("response") if rec else None
        if resp is None:
            raise ValueError(f"answers file: field '{qid}.{o.key}': not saved yet "
                             "(rate and save this objective in chapter 03)")
        if not isinstance(resp, list) or len(resp) != len(o.questions):
            raise ValueError(f"answers file: field '{qid}.{o.key}': expected {len(o.questions)} ratings, got {resp!r}")
        out.update(zip(o.question_ids(), resp))
    from casebook.models.diagnostic import validate_answers

    return validate_answers(out)
