"""A class meeting written out in the casebook's offline formats, and a gradebook CSV.

:func:`export_meeting` writes into a folder

- ``handins/<student>.casebook.json``: one hand-in per student in the format
  :func:`casebook.classroom.handin.export` writes (``schema_version`` 1,
  ``format`` ``casebook-handin``), so the file pool reads a live meeting
  exactly as it reads uploaded hand-ins;
- ``class_summary.csv``, ``class_counts.csv``, ``class_dashboard.png`` and
  ``class_pool.json``: :func:`casebook.classroom.pool.pool` run on those
  hand-ins (its CSV formula neutralisation included), so
  ``make lab POOL=.../class_pool.json`` and the decision points show the
  meeting's split;
- ``gradebook.csv``: one row per student, one column per question (the
  question id), ``1`` for done (committed) and ``0`` for not done.

The gradebook follows the layout Canvas imports (its Grades "Import"):
the columns ``Student, ID, SIS User ID, SIS Login ID, Section`` and then
one column per assignment, where a new column name creates a new
assignment; Canvas can match a row by the student's name, ID or SIS User ID
(Ohio State's guide "Import a CSV file to Carmen Grades",
https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades).
Moodle's CSV grade import ("Import > CSV file") lets the instructor pick any
column to "Map from" onto a user field (username, email address or ID
number) and map each other column onto a grade item (Moodle source,
``grade/import/csv/classes/load_data.php``), so the same file imports there
once ``SIS Login ID`` (or ``ID``) holds the username or email: pass a roster
(``--roster``) with those columns. Every text cell goes through the pool's
:func:`~casebook.classroom.pool.neutralize_cell`.

Examples
--------
>>> import tempfile, pathlib
>>> from casebook.classroom.live.store import Store
>>> store = Store("sqlite://")
>>> m = store.create_meeting("demo")
>>> store.open_question(m.id, {"qid": "ch05.gm", "prompt": "Stay?", "options": ["Stay", "Exit"]})
>>> store.add_student(m.id, "Ana", "tok-a"); store.add_student(m.id, "=Ben", "tok-b")
>>> _ = store.commit(m.id, "ch05.gm", "Ana", "Stay", "=1+1", "c1")
>>> rows = gradebook_rows(store, m)
>>> [(r["Student"], r["ch05.gm"]) for r in rows]
[('=Ben', 0), ('Ana', 1)]
>>> "'=Ben" in gradebook_csv(rows, ["ch05.gm"])
True
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

__all__ = ["handin_documents", "pool_document", "gradebook_rows", "gradebook_csv",
           "export_meeting", "read_roster", "GRADEBOOK_COLUMNS"]

GRADEBOOK_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
_ROSTER_FIELDS = {"name": "Student", "id": "ID", "sis_user_id": "SIS User ID",
                  "sis_login_id": "SIS Login ID", "section": "Section"}


def handin_documents(store, meeting) -> dict[str, dict]:
    """One hand-in document per student who committed, keyed by name."""
    from casebook._version import __version__

    questions = {q["qid"]: q for q in store.questions(meeting.id)}
    docs: dict[str, dict] = {}
    for row in store.commits(meeting.id):
        q = questions.get(row["qid"], {})
        doc = docs.setdefault(row["name"], {
            "schema_version": 1, "format": "casebook-handin", "student": row["name"],
            "account": f"class:{meeting.code}", "exported_at": row["committed_at"],
            "casebook_version": __version__, "answers": {}})
        rec = {"kind": q.get("kind", "decision_point"), "response": row["choice"],
               "reason": row["reason"], "answered_at": row["committed_at"],
               "committed_at": row["committed_at"], "prompt": q.get("prompt", "")}
        if q.get("case_id"):
            rec["case"] = q["case_id"]
        doc["answers"][row["qid"]] = rec
        doc["exported_at"] = max(doc["exported_at"], row["committed_at"])
    return docs


def pool_document(store, meeting) -> dict:
    """The meeting as a ``casebook-pool`` document (what ``class_pool.json`` holds)."""
    from casebook.classroom.pool import ClassPool

    answers = {name: doc["answers"] for name, doc in handin_documents(store, meeting).items()}
    return ClassPool(answers=answers).to_json()


def read_roster(path) -> list[dict]:
    """A roster CSV: a ``name`` column and any of ``id, sis_user_id, sis_login_id, section``.

    Raises
    ------
    ValueError
        The file has no ``name`` column (the message names the file).
    """
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = {(f or "").strip().lower(): f for f in reader.fieldnames or []}
        if "name" not in fields:
            raise ValueError(f"{path}: a roster needs a 'name' column (found "
                             f"{sorted(fields) or 'no header'})")
        out = []
        for row in reader:
            entry = {col: (row.get(fields[key]) or "").strip()
                     for key, col in _ROSTER_FIELDS.items() if key in fields}
            if entry.get("Student"):
                out.append(entry)
        return out


def gradebook_rows(store, meeting, roster: list[dict] | None = None) -> list[dict]:
    """One row per student (the roster's, then anyone else who joined): 1 done, 0 not done."""
    from casebook.classroom.live.security import name_key

    qids = [q["qid"] for q in store.questions(meeting.id)]
    done = {(name_key(r["name"]), r["qid"]) for r in store.commits(meeting.id)}
    people = [dict(r) for r in roster or []]
    known = {name_key(p["Student"]) for p in people}
    import sqlalchemy as sa

    from casebook.classroom.live.store import students

    with store.engine.connect() as conn:
        joined = [r[0] for r in conn.execute(sa.select(students.c.name).where(
            students.c.meeting_id == meeting.id).order_by(students.c.name))]
    people += [{"Student": n} for n in joined if name_key(n) not in known]
    rows = []
    for p in people:
        row = {c: p.get(c, "") for c in GRADEBOOK_COLUMNS}
        for qid in qids:
            row[qid] = 1 if (name_key(p["Student"]), qid) in done else 0
        rows.append(row)
    return rows


def gradebook_csv(rows: list[dict], qids: list[str]) -> str:
    """The gradebook rows as CSV text, every cell through the pool's neutralisation."""
    from casebook.classroom.pool import neutralize_cell

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=GRADEBOOK_COLUMNS + list(qids), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralize_cell(v) for k, v in row.items()})
    return buf.getvalue()


def export_meeting(store, meeting, out, roster=None) -> dict[str, Path]:
    """Write the meeting's hand-ins, the pool files and the gradebook into ``out``.

    Returns
    -------
    dict
        Paths: ``handins`` (folder), ``csv``, ``counts``, ``dashboard``,
        ``pool`` and ``gradebook``.
    """
    from casebook.classroom.answers import atomic_write_text, sanitize_name
    from casebook.classroom.pool import pool

    out = Path(out)
    handins = out / "handins"
    handins.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for name, doc in sorted(handin_documents(store, meeting).items()):
        slug, n = sanitize_name(name), 2
        while slug.lower() in used:  # two names with one slug ("Ana María", "Ana Maria")
            slug, n = f"{sanitize_name(name)}-{n}", n + 1
        used.add(slug.lower())
        atomic_write_text(handins / f"{slug}.casebook.json",
                          json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True))
    result = pool(handins, out=out)
    roster_rows = read_roster(roster) if roster else None
    qids = [q["qid"] for q in store.questions(meeting.id)]
    grade_path = out / "gradebook.csv"
    atomic_write_text(grade_path, gradebook_csv(gradebook_rows(store, meeting, roster_rows), qids))
    return {"handins": handins, **result.paths, "gradebook": grade_path,
            "problems": list(result.problems)}
