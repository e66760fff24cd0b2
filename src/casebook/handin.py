"""Hand-in: one student's answers as files to upload to a course site.

:func:`export` writes two files into a folder (default: ``handin/`` in
:func:`casebook.paths.user_home`):

- ``<student>.casebook.json``: machine-readable, ``schema_version`` 1,
  ``format`` ``"casebook-handin"``; what :func:`casebook.pool.pool` reads;
- ``<student>.html``: a readable summary, every answer HTML-escaped, with
  no script and no external resource.

Examples
--------
>>> import tempfile
>>> from casebook.answers import save_answer
>>> home = tempfile.mkdtemp()
>>> _ = save_answer("ch00.demo", "short_answer", "<b>trust</b>", student="ana", home=home)
>>> paths = export(out=home, student="ana", home=home)
>>> sorted(p.name for p in paths.values())
['ana.casebook.json', 'ana.html']
>>> "&lt;b&gt;trust&lt;/b&gt;" in paths["html"].read_text()
True
"""

from __future__ import annotations

import html
import json
from pathlib import Path

__all__ = ["export", "handin_document", "render_html"]

_KIND_NAMES = {
    "multiple_choice": "multiple choice",
    "numeric": "numeric",
    "likert": "Likert scale",
    "ranking": "ranking",
    "short_answer": "short answer",
    "classify": "classification",
    "decision_point": "decision point",
}


def handin_document(student: str | None = None, home=None) -> dict:
    """The hand-in document of a student: their answers plus export metadata.

    Examples
    --------
    >>> import tempfile
    >>> doc = handin_document("nobody", home=tempfile.mkdtemp())
    >>> doc["schema_version"], doc["format"], doc["answers"]
    (1, 'casebook-handin', {})
    """
    from casebook._version import __version__
    from casebook.answers import SCHEMA_VERSION, load_answers, now_utc

    doc = load_answers(student, home)
    return {
        "schema_version": SCHEMA_VERSION,
        "format": "casebook-handin",
        "student": doc["student"],
        "exported_at": now_utc(),
        "casebook_version": __version__,
        "answers": doc["answers"],
    }


def _response_html(rec: dict) -> str:
    resp = rec.get("response")
    if isinstance(resp, list):
        return "<ol>" + "".join(f"<li>{html.escape(str(v))}</li>" for v in resp) + "</ol>"
    if isinstance(resp, dict):
        return "<ul>" + "".join(f"<li>{html.escape(str(k))}: {html.escape(str(v))}</li>"
                                for k, v in resp.items()) + "</ul>"
    return html.escape(str(resp))


def render_html(doc: dict) -> str:
    """The readable summary of a hand-in document (a complete, escaped HTML page).

    Examples
    --------
    >>> page = render_html({"student": "<x>", "exported_at": "t", "answers": {}})
    >>> "<x>" in page, "&lt;x&gt;" in page
    (False, True)
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
            f"<tr><td>{esc(str(qid))}</td><td>{esc(_KIND_NAMES.get(rec.get('kind'), str(rec.get('kind'))))}</td>"
            f"<td>{_response_html(rec)}{reason}</td><td>{esc(verdict)}</td>"
            f"<td>{esc(str(rec.get('committed_at') or rec.get('answered_at', '')))}</td></tr>")
    student = esc(str(doc.get("student", "")))
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Casebook answers: {student}</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}</style></head><body>"
        f"<h1>Casebook answers: {student}</h1>"
        f"<p>Exported {esc(str(doc.get('exported_at', '')))}; {len(doc.get('answers', {}))} answers.</p>"
        "<table><tr><th>Question</th><th>Kind</th><th>Answer</th><th>Result</th><th>When</th></tr>"
        + "".join(rows) + "</table></body></html>\n"
    )


def export(out=None, student: str | None = None, home=None) -> dict[str, Path]:
    """Write ``<student>.casebook.json`` and ``<student>.html`` and return their paths.

    Parameters
    ----------
    out : path, optional
        Destination folder (created if needed); default ``user_home()/handin``.
    student : str, optional
        Default: the current student (``CASEBOOK_STUDENT`` or the login name).
    home : path, optional
        Where the answers file is; default :func:`casebook.paths.user_home`.

    Returns
    -------
    dict
        ``{"json": Path, "html": Path}``.
    """
    from casebook.answers import atomic_write_text, sanitize_name
    from casebook.paths import user_home

    doc = handin_document(student, home)
    out = Path(out) if out is not None else Path(home or user_home()) / "handin"
    name = sanitize_name(doc["student"])
    json_path = out / f"{name}.casebook.json"
    html_path = out / f"{name}.html"
    atomic_write_text(json_path, json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True))
    atomic_write_text(html_path, render_html(doc))
    return {"json": json_path, "html": html_path}
