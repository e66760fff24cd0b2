"""The class pool: every student's hand-in read into one summary.

:func:`pool` reads a folder of hand-in files (``<student>.casebook.json``,
written by :func:`casebook.classroom.handin.export`) and writes

- ``class_summary.csv``: one row per student and question, for a
  spreadsheet; any text cell that begins with ``= + - @``, a tab or a carriage
  return gets a leading apostrophe so the spreadsheet shows it instead of
  evaluating it;
- ``class_counts.csv``: one row per option of each decision point and
  multiple-choice question (``question, kind, prompt, option, count,
  share``), neutralised the same way;
- ``class_dashboard.png``: choice splits per decision point (every option's
  full text, wrapped), the distribution of students' scores, and Likert
  profiles;
- ``class_pool.json``: the pooled answers, which a decision point reads to
  show how the class split: start the lab with
  ``CASEBOOK_POOL=/path/to/class_pool.json`` (``make lab POOL=...``) or call
  :func:`load_pool`.

Students are pooled under the name in their hand-in, accents kept. Hostile
input never stops the pool: each file that is skipped or odd (not UTF-8,
truncated or malformed JSON, a wrong ``schema_version``, a file over the size
limit, a student name with a path separator or a control character, an entry
of an unknown kind) is reported on its own line in
:attr:`ClassPool.problems`. Two or more hand-ins under one name (students
who share a login, such as ``jovyan`` on a JupyterHub, and never set their
name) get one line per file: which was kept, which skipped, and how to
fix it (each student exports again with ``--name``).

Examples
--------
>>> import json, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> for name, pick in [("ana", "Stay"), ("ben", "Exit"), ("cy", "Stay")]:
...     doc = {"schema_version": 1, "format": "casebook-handin", "student": name,
...            "answers": {"ch05.gm": {"kind": "decision_point", "response": pick,
...                                    "reason": "r"}}}
...     _ = (folder / f"{name}.casebook.json").write_text(json.dumps(doc))
>>> p = read_handins(folder)
>>> p.students, p.split("ch05.gm"), p.problems
(['ana', 'ben', 'cy'], {'Stay': 2, 'Exit': 1}, [])
"""

from __future__ import annotations

from casebook.classroom.pool.classpool import *  # noqa: F401,F403
from casebook.classroom.pool.handins import *  # noqa: F401,F403
from casebook.classroom.pool.report import *  # noqa: F401,F403

__all__ = ['HANDIN_SUFFIX', 'MAX_BYTES', 'ClassPool', 'COUNT_COLUMNS', 'neutralize_cell', 'read_handins', 'pool', 'load_pool', 'set_pool', 'current_pool']
