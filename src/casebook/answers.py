"""A student's answers, kept in one JSON file that survives crashes.

Every exercise in the casebook saves its answer here the moment it is given.
The file lives in :func:`casebook.paths.user_home` (``CASEBOOK_HOME``), one
file per student, named after the student (``CASEBOOK_STUDENT``, else the
login name)::

    {"schema_version": 1, "student": "ana", "created_at": "...",
     "updated_at": "...",
     "answers": {"ch01.tacit": {"kind": "multiple_choice", "response": "...",
                                "correct": true, "score": 1.0,
                                "answered_at": "...", "attempts": 2}}}

Writes are atomic: the new content goes to a temporary file in the same
folder, is flushed and ``fsync``-ed, and only then replaces the old file with
:func:`os.replace`. A crash at any moment leaves either the old file or the
new one, never half of one. Every write holds a :class:`filelock.FileLock`
and re-reads the file before merging in the new answer, so two notebooks open
at the same time add to each other's answers instead of overwriting them.

Examples
--------
>>> import tempfile
>>> home = tempfile.mkdtemp()
>>> rec = save_answer("ch00.demo", "numeric", 0.5, correct=True, score=1.0,
...                   student="ana", home=home)
>>> rec["response"], rec["attempts"]
(0.5, 1)
>>> get_answer("ch00.demo", student="ana", home=home)["correct"]
True
>>> sorted(load_answers(student="ana", home=home)["answers"])
['ch00.demo']
"""

from __future__ import annotations

import getpass
import json
import math
import os
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path

__all__ = [
    "SCHEMA_VERSION",
    "AnswersFileError",
    "student_name",
    "sanitize_name",
    "answers_path",
    "load_answers",
    "get_answer",
    "save_answer",
    "atomic_write_text",
    "now_utc",
]

SCHEMA_VERSION = 1
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
# How long a save waits for another notebook holding the lock.
LOCK_TIMEOUT = 10.0


class AnswersFileError(ValueError):
    """An answers or hand-in file that cannot be read; the message names file and field."""


def now_utc() -> str:
    """The current time in UTC, ISO 8601, to the second.

    Examples
    --------
    >>> now_utc().endswith("+00:00")
    True
    """
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def sanitize_name(name: str) -> str:
    """A student name made safe as a file name: no path separators, no control characters.

    Letters, digits, ``.``, ``_`` and ``-`` are kept; every other run of
    characters becomes ``_``; leading dots and dashes are dropped (no hidden
    files, no ``..``, nothing a shell takes for an option); the result is at most 64 characters and never empty.

    Examples
    --------
    >>> sanitize_name("../../etc/passwd")
    'etc_passwd'
    >>> sanitize_name("Ana María\\n")
    'Ana_Mar_a'
    >>> sanitize_name("...")
    'student'
    >>> sanitize_name("-rf")
    'rf'
    """
    safe = _SAFE.sub("_", str(name)).lstrip("._-").rstrip("_")
    return safe[:64] or "student"


def student_name() -> str:
    """The current student's name, sanitised: ``CASEBOOK_STUDENT``, else the login name.

    Examples
    --------
    >>> "/" in student_name()
    False
    """
    name = os.environ.get("CASEBOOK_STUDENT")
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # no login name (some containers)
            name = "student"
    return sanitize_name(name)


def _home(home=None) -> Path:
    if home is not None:
        return Path(home)
    from casebook.paths import user_home

    return user_home()


def answers_path(student: str | None = None, home=None) -> Path:
    """The answers file of ``student`` (default: the current student).

    Examples
    --------
    >>> answers_path("ana/../bob", home="/srv/answers").name
    'ana_.._bob.answers.json'
    """
    name = sanitize_name(student) if student is not None else student_name()
    return _home(home) / f"{name}.answers.json"


def _empty(student: str) -> dict:
    stamp = now_utc()
    return {"schema_version": SCHEMA_VERSION, "student": student, "created_at": stamp,
            "updated_at": stamp, "answers": {}}


def _check_document(doc, path: Path) -> dict:
    if not isinstance(doc, dict):
        raise AnswersFileError(f"{path}: the file does not hold a JSON object")
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        raise AnswersFileError(
            f"{path}: field 'schema_version' is {version!r}; this casebook reads version {SCHEMA_VERSION}"
        )
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        raise AnswersFileError(f"{path}: field 'answers' must be an object keyed by question id")
    for qid, rec in answers.items():
        if not isinstance(rec, dict) or not isinstance(rec.get("kind"), str):
            raise AnswersFileError(f"{path}: field 'answers.{qid}' must be an object with a 'kind'")
    return doc


def _read(path: Path, student: str) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _empty(student)
    except UnicodeDecodeError as exc:
        raise AnswersFileError(f"{path}: not UTF-8 text ({exc.reason})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return _check_document(doc, path)


def load_answers(student: str | None = None, home=None) -> dict:
    """Every saved answer of a student (an empty document if there are none yet).

    Raises
    ------
    AnswersFileError
        If the file exists but is not a readable answers file; the message
        names the file and the offending field.

    Examples
    --------
    >>> import tempfile
    >>> load_answers("nobody", home=tempfile.mkdtemp())["answers"]
    {}
    """
    name = sanitize_name(student) if student is not None else student_name()
    return _read(answers_path(name, home), name)


def get_answer(qid: str, student: str | None = None, home=None) -> dict | None:
    """The saved answer to ``qid``, or ``None``.

    Examples
    --------
    >>> import tempfile
    >>> get_answer("ch01.none", home=tempfile.mkdtemp()) is None
    True
    """
    return load_answers(student, home)["answers"].get(qid)


def _json_safe(value):
    """Refuse NaN/inf (not JSON) early, with a clear message."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"answer value {value!r} is not a finite number")
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    return value


def atomic_write_text(path, text: str) -> None:
    """Write ``text`` to ``path`` atomically: temp file, flush, fsync, ``os.replace``.

    If anything fails before the replace, the temporary file is removed and
    the old ``path`` is left untouched.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.json"
    >>> atomic_write_text(p, "{}")
    >>> p.read_text()
    '{}'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable where the platform allows it
        dfd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def save_answer(qid: str, kind: str, response, *, correct: bool | None = None,
                score: float | None = None, keep_existing: bool = False,
                student: str | None = None, home=None, **extra) -> dict:
    """Save one answer (read, merge, write under a lock) and return the stored record.

    Parameters
    ----------
    qid : str
        Question id, ``"chNN.slug"``.
    kind : str
        Exercise kind (``"multiple_choice"``, ``"decision_point"`` ...).
    response
        What the student answered (JSON-serialisable).
    correct, score : optional
        Stored only when the exercise can be checked.
    keep_existing : bool
        If true and ``qid`` already has an answer, keep it and return it
        (a committed decision is never replaced).
    student, home : optional
        Default: the current student and :func:`casebook.paths.user_home`.
    **extra
        Further fields stored with the answer (``reason``, ``committed_at``).

    Examples
    --------
    >>> import tempfile
    >>> h = tempfile.mkdtemp()
    >>> _ = save_answer("ch05.x", "decision_point", "Stay", reason="trust", home=h,
    ...                 keep_existing=True)
    >>> save_answer("ch05.x", "decision_point", "Exit", home=h, keep_existing=True)["response"]
    'Stay'
    """
    from filelock import FileLock

    if not isinstance(qid, str) or not qid:
        raise ValueError("qid must be a non-empty string such as 'ch01.tacit'")
    name = sanitize_name(student) if student is not None else student_name()
    path = answers_path(name, home)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT):
        doc = _read(path, name)
        old = doc["answers"].get(qid)
        if keep_existing and old is not None:
            return old
        record = {"kind": kind, "response": _json_safe(response)}
        if correct is not None:
            record["correct"] = bool(correct)
        if score is not None:
            record["score"] = _json_safe(float(score))
        for key, value in extra.items():
            if value is not None:
                record[key] = _json_safe(value)
        record["answered_at"] = now_utc()
        record["attempts"] = int(old.get("attempts", 0)) + 1 if isinstance(old, dict) else 1
        doc["answers"][qid] = record
        doc["updated_at"] = record["answered_at"]
        atomic_write_text(path, json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True))
    return record
