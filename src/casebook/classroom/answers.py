"""A student's answers, kept in one JSON file that survives crashes.

Every exercise in the casebook saves its answer here the moment it is given.
The file lives in :func:`casebook.paths.user_home` (``CASEBOOK_HOME``), one
file per student, named after the student (``CASEBOOK_STUDENT``, else the
login name; the file name is :func:`sanitize_name` of it, while hand-ins keep
the name as typed, accents and all: :func:`display_name`)::

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
import glob
import json
import math
import os
import re
import tempfile
import unicodedata
import zlib
from datetime import datetime, timezone
from pathlib import Path

__all__ = [
    "SCHEMA_VERSION",
    "AnswersFileError",
    "student_name",
    "display_name",
    "clean_display_name",
    "sanitize_name",
    "answers_path",
    "load_answers",
    "get_answer",
    "save_answer",
    "atomic_write_text",
    "sweep_stale_temps",
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


# Letters that Unicode does not decompose into a base letter plus accents.
_FOLD = str.maketrans({"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                       "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                       "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"})


def _legacy_slug(name: str) -> str:
    """The file-name slug before accents were folded (``Ana María`` -> ``Ana_Mar_a``)."""
    safe = _SAFE.sub("_", str(name)).lstrip("._-").rstrip("_")
    return safe[:64] or "student"


def sanitize_name(name: str) -> str:
    """A student name made safe and readable as a file name.

    Accented letters are folded to plain ASCII (Unicode NFKD, then the
    accents dropped: ``María`` -> ``Maria``; ``ß`` -> ``ss``). Letters,
    digits, ``.``, ``_`` and ``-`` are kept; every other run of characters
    becomes ``_``; leading dots and dashes are dropped (no hidden files, no
    ``..``, nothing a shell takes for an option); the result is at most 64
    characters and never empty. Letters with no ASCII form (``王芳``) cannot
    be kept, so a checksum of the whole name is added instead (``student-``
    plus the checksum when nothing else is left): two such students still get
    different files.

    Examples
    --------
    >>> sanitize_name("../../etc/passwd")
    'etc_passwd'
    >>> sanitize_name("Ana María\\n")
    'Ana_Maria'
    >>> sanitize_name("Jürgen Weiß"), sanitize_name("Søren Ødegård")
    ('Jurgen_Weiss', 'Soren_Odegard')
    >>> sanitize_name("...")
    'student'
    >>> sanitize_name("-rf")
    'rf'
    >>> sanitize_name("王芳"), sanitize_name("Li 王芳")
    ('student-baf8a6bf', 'Li-d58c61ad')
    """
    text = str(name)
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    lost = any(c.isalnum() and not c.isascii() for c in folded)
    safe = _SAFE.sub("_", folded).lstrip("._-").rstrip("_")
    if not lost:
        return safe[:64] or "student"
    return f"{safe[:55] or 'student'}-{zlib.crc32(text.encode('utf-8')):08x}"


def clean_display_name(name) -> str:
    """A student name fit to show: accents kept, control characters and extra spaces gone.

    Unicode NFC form, every run of control characters and white space made
    one space, path separators made ``_``, at most 80 characters, never empty.

    Examples
    --------
    >>> clean_display_name("  Ana\\tMaría\\n")
    'Ana María'
    >>> clean_display_name("\\x1b"), clean_display_name("a/../b")
    ('student', 'a_.._b')
    """
    text = unicodedata.normalize("NFC", str(name)).replace("/", "_").replace("\\", "_")
    text = " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", text).split())
    return text[:80].strip() or "student"


def _raw_student() -> str:
    name = os.environ.get("CASEBOOK_STUDENT", "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # no login name (some containers)
            name = "student"
    return name


def student_name() -> str:
    """The current student's name as a file name: ``CASEBOOK_STUDENT``, else the login name.

    Examples
    --------
    >>> "/" in student_name()
    False
    """
    return sanitize_name(_raw_student())


def display_name() -> str:
    """The current student's name as typed (accents kept), for hand-ins.

    Examples
    --------
    With ``CASEBOOK_STUDENT="Ana María"`` this is ``'Ana María'``, while
    :func:`student_name` (the file name) is ``'Ana_Maria'``.

    >>> display_name() == clean_display_name(display_name())
    True
    """
    return clean_display_name(_raw_student())


def _home(home=None) -> Path:
    if home is not None:
        return Path(home)
    from casebook.paths import user_home

    return user_home()


def answers_path(student: str | None = None, home=None) -> Path:
    """The answers file of ``student`` (default: the current student).

    A name with accents used to be written with each accented letter as
    ``_`` (``Ana_Mar_a``); if only a file of that older form exists, it is
    the one used, so no saved answer is lost.

    Examples
    --------
    >>> answers_path("ana/../bob", home="/srv/answers").name
    'ana_.._bob.answers.json'
    """
    raw = _raw_student() if student is None else str(student)
    folder = _home(home)
    path = folder / f"{sanitize_name(raw)}.answers.json"
    legacy = folder / f"{_legacy_slug(raw)}.answers.json"
    if legacy != path and not path.exists() and legacy.exists():
        return legacy
    return path


def _slug_of(path: Path) -> str:
    return path.name[: -len(".answers.json")]


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
    path = answers_path(student, home)
    return _read(path, _slug_of(path))


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
    path = answers_path(student, home)
    name = _slug_of(path)
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
        sweep_stale_temps(path)
        atomic_write_text(path, json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True))
    return record


def sweep_stale_temps(path) -> list[Path]:
    """Remove the temporary files a killed writer of ``path`` left beside it.

    Call it only while holding ``path``'s lock: every writer of an answers
    file holds that lock for the whole write, so any ``.NAME.*.tmp`` beside
    it then belongs to a writer that died before its ``os.replace``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".ana.json.k3j9.tmp").write_text("{")
    >>> _ = (d / ".other.json.x.tmp").write_text("{")
    >>> [p.name for p in sweep_stale_temps(d / "ana.json")]
    ['.ana.json.k3j9.tmp']
    >>> sorted(p.name for p in d.iterdir())
    ['.other.json.x.tmp']
    """
    path = Path(path)
    removed = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            tmp.unlink()
        except OSError:  # already gone, or not ours to remove: leave it
            continue
        removed.append(tmp)
    return removed
