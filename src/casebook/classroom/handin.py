"""Hand-in: one student's answers as files to upload to a course site.

:func:`export` writes two files into a folder (default: ``handin/`` in the
current folder, so that a student who runs it from JupyterLab's terminal or
a notebook sees the files in JupyterLab's file browser and can download them):

- ``<student>.casebook.json``: machine-readable, ``schema_version`` 1,
  ``format`` ``"casebook-handin"``; what :func:`casebook.classroom.pool.pool` reads;
- ``<student>.html``: a readable summary (each question's text, the answer,
  the result), every answer HTML-escaped, with no script and no external
  resource.

The name written into the hand-in is the student's name as typed, accents
kept (``name=``, else ``CASEBOOK_STUDENT``, else the login name); the file
names use its ASCII slug (:func:`casebook.classroom.answers.sanitize_name`).

Examples
--------
>>> import tempfile
>>> from casebook.classroom.answers import save_answer
>>> home = tempfile.mkdtemp()
>>> _ = save_answer("ch00.demo", "short_answer", "<b>trust</b>", student="ana", home=home)
>>> paths = export(out=home, student="ana", home=home, name="Ana María")
>>> sorted(p.name for p in paths.values())
['Ana_Maria.casebook.json', 'Ana_Maria.html']
>>> json.loads(paths["json"].read_text(encoding="utf-8"))["student"]
'Ana María'
>>> "&lt;b&gt;trust&lt;/b&gt;" in paths["html"].read_text()
True
"""

from __future__ import annotations

import html
import json
from pathlib import Path

__all__ = ["export", "handin_document", "render_html", "default_folder"]

_KIND_NAMES = {
    "multiple_choice": "multiple choice",
    "numeric": "numeric",
    "likert": "Likert scale",
    "ranking": "ranking",
    "short_answer": "short answer",
    "classify": "classification",
    "decision_point": "decision point",
}


def handin_document(student: str | None = None, home=None, name: str | None = None) -> dict:
    """The hand-in document of a student: their answers plus export metadata.

    Parameters
    ----------
    student : str, optional
        Whose answers file to read (default: the current student).
    home : path, optional
        Where the answers file is.
    name : str, optional
        The name written into the hand-in (default: ``student`` if given,
        else :func:`casebook.classroom.answers.display_name`). ``account`` keeps the
        answers file's own name, so an instructor can tell when several
        hand-ins came from one shared login.

    Examples
    --------
    >>> import tempfile
    >>> doc = handin_document("nobody", home=tempfile.mkdtemp(), name=" Zoë\\n")
    >>> doc["schema_version"], doc["format"], doc["answers"], doc["student"], doc["account"]
    (1, 'casebook-handin', {}, 'Zoë', 'nobody')
    """
    from casebook._version import __version__
    from casebook.classroom.answers import (SCHEMA_VERSION, clean_display_name, display_name,
                                  load_answers, now_utc)

    doc = load_answers(student, home)
    if name is not None and str(name).strip():
        shown = clean_display_name(name)
    elif student is not None:
        shown = clean_display_name(student)
    else:
        shown = display_name()
    return {
        "schema_version": SCHEMA_VERSION,
        "format": "casebook-handin",
        "student": shown,
        "account": doc["student"],
        "exported_at": now_utc(),
        "casebook_version": __version__,
        "answers": doc["answers"],
    }


def _response_html(rec: dict) -> str:
    resp = rec.get("response")
    statements = rec.get("statements")
    if (rec.get("kind") == "likert" and isinstance(resp, list) and isinstance(statements, list)
            and len(statements) == len(resp)):
        return "<ol>" + "".join(f"<li>{html.escape(str(s))}: {html.escape(str(v))}</li>"
                                for s, v in zip(statements, resp)) + "</ol>"
    if isinstance(resp, list):
        return "<ol>" + "".join(f"<li>{html.escape(str(v))}</li>" for v in resp) + "</ol>"
    if isinstance(resp, dict):
        return "<ul>" + "".join(f"<li>{html.escape(str(k))}: {html.escape(str(v))}</li>"
                                for k, v in resp.items()) + "</ul>"
    return html.escape(str(resp))


def _question_html(qid, rec: dict) -> str:
    """The question id, and under it the question's text when the answer carries it."""
    cell = f"<code>{html.escape(str(qid))}</code>"
    prompt = rec.get("prompt")
    if isinstance(prompt, str) and prompt.strip():
        cell += f"<br>{html.escape(prompt)}"
    return cell


def render_html(doc: dict) -> str:
    """The readable summary of a hand-in document (a complete, escaped HTML page).

    Each row shows the question's id and, when the answer was saved with it,
    the question's text (answers saved before the text was stored show the id
    only).

    Examples
    --------
    >>> page = render_html({"student": "<x>", "exported_at": "t", "answers": {
    ...     "ch01.q": {"kind": "numeric", "response": 2, "prompt": "How many <b>?"}}})
    >>> "<x>" in page, "&lt;x&gt;" in page, "How many &lt;b&gt;?" in page
    (False, True, True)
    """
    esc = html.escape
    rows = []
    for qid, rec in sorted(doc.get("answers", {}).items()):
        verdict = ""
        if rec.get("correct") is not None:
            verdict = "correct" if rec["correct"] else "not correct"
        if isinstance(rec.get("score"), (int, float)):
            verdict += f" (score {float(rec['score']):.2f})"
        reason = f"<br><i>Reason:</i> {esc(str(rec['reason']))}" if rec.get("reason") else ""
        rows.append(
            f"<tr><td>{_question_html(qid, rec)}</td>"
            f"<td>{esc(_KIND_NAMES.get(rec.get('kind'), str(rec.get('kind'))))}</td>"
            f"<td>{_response_html(rec)}{reason}</td><td>{esc(verdict)}</td>"
            f"<td>{esc(str(rec.get('committed_at') or rec.get('answered_at', '')))}</td></tr>")
    student = esc(str(doc.get("student", "")))
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Casebook answers: {student}</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}"
        "td:first-child{max-width:28em}</style></head><body>"
        f"<h1>Casebook answers: {student}</h1>"
        f"<p>Exported {esc(str(doc.get('exported_at', '')))}; {len(doc.get('answers', {}))} answers.</p>"
        "<table><tr><th>Question</th><th>Kind</th><th>Answer</th><th>Result</th><th>When</th></tr>"
        + "".join(rows) + "</table></body></html>\n"
    )


def default_folder() -> Path:
    """Where :func:`export` writes by default: ``handin/`` in the current folder."""
    return Path.cwd() / "handin"


def export(out=None, student: str | None = None, home=None, name: str | None = None
           ) -> dict[str, Path]:
    """Write ``<name>.casebook.json`` and ``<name>.html`` and return their paths.

    Parameters
    ----------
    out : path, optional
        Destination folder (created if needed); default :func:`default_folder`,
        ``handin/`` in the current folder, where JupyterLab's file browser
        shows it (the answers folder itself is hidden from it).
    student : str, optional
        Whose answers (default: the current student, ``CASEBOOK_STUDENT`` or
        the login name).
    home : path, optional
        Where the answers file is; default :func:`casebook.paths.user_home`.
    name : str, optional
        The name written into the hand-in, accents kept (``"Ana María"``);
        the file names use its ASCII slug (``Ana_Maria``). Default: as
        :func:`handin_document`.

    Returns
    -------
    dict
        ``{"json": Path, "html": Path}``.
    """
    from casebook.classroom.answers import atomic_write_text, sanitize_name

    doc = handin_document(student, home, name=name)
    out = Path(out) if out is not None else default_folder()
    slug = sanitize_name(doc["student"])
    json_path = out / f"{slug}.casebook.json"
    html_path = out / f"{slug}.html"
    atomic_write_text(json_path, json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True))
    atomic_write_text(html_path, render_html(doc))
    return {"json": json_path, "html": html_path}
