"""Reading a folder of hand-ins into a ClassPool, and the pool the decision points show."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from casebook.classroom.pool.classpool import ClassPool, HANDIN_SUFFIX, KINDS, MAX_BYTES, MAX_STATEMENTS, OUTPUT_NAMES, _CONTROL, _show

__all__ = ['read_handins', 'load_pool', 'set_pool', 'current_pool']


def _parse_constant(name):
    raise ValueError(f"non-standard number {name}")


def _check_answers(answers, label, problems) -> dict:
    good = {}
    for qid, rec in answers.items():
        if not isinstance(qid, str) or not qid or _CONTROL.search(qid):
            problems.append(f"{label}: skipped an answer with an unusable question id {_show(qid)!r}")
            continue
        if not isinstance(rec, dict) or "response" not in rec:
            problems.append(f"{label}: skipped answer {_show(qid)}: field 'response' missing")
            continue
        if rec.get("kind") not in KINDS:
            problems.append(f"{label}: skipped answer {_show(qid)}: unknown kind "
                            f"{_show(str(rec.get('kind')))!r}")
            continue
        if rec["kind"] == "likert" and not (
                isinstance(rec["response"], list) and 0 < len(rec["response"]) <= MAX_STATEMENTS
                and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                        for v in rec["response"])):
            problems.append(f"{label}: skipped answer {_show(qid)}: a Likert response must be "
                            f"a list of 1 to {MAX_STATEMENTS} numbers")
            continue
        good[qid] = rec
    return good


def _read_one(path: Path, max_bytes: int, problems: list):
    """The hand-in document in ``path``, or ``None`` with a line in ``problems``."""
    label = _show(path.name)
    size = path.stat().st_size
    if size > max_bytes:
        problems.append(f"skipped {label}: {size} bytes is over the {max_bytes}-byte limit")
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(f"skipped {label}: not UTF-8 text")
        return None
    try:
        doc = json.loads(text, parse_constant=_parse_constant)
    except RecursionError:
        problems.append(f"skipped {label}: JSON nested too deeply")
        return None
    except ValueError as exc:
        kind = "truncated" if not text.strip() or isinstance(exc, json.JSONDecodeError) and \
            exc.pos >= len(text.rstrip()) else "malformed"
        problems.append(f"skipped {label}: {kind} JSON ({_show(str(exc))})")
        return None
    if not isinstance(doc, dict):
        problems.append(f"skipped {label}: not a JSON object")
        return None
    version = doc.get("schema_version")
    if version != 1 or isinstance(version, bool):
        problems.append(f"skipped {label}: field 'schema_version' is {_show(repr(version))[:40]}, "
                        "this casebook reads 1")
        return None
    if doc.get("format", "casebook-handin") != "casebook-handin":
        problems.append(f"skipped {label}: field 'format' is not 'casebook-handin'")
        return None
    student = doc.get("student")
    if not isinstance(student, str) or not student.strip():
        problems.append(f"skipped {label}: field 'student' missing or empty")
        return None
    if not isinstance(doc.get("answers"), dict):
        problems.append(f"skipped {label}: field 'answers' must be an object")
        return None
    return doc


def read_handins(folder, max_bytes: int = MAX_BYTES) -> ClassPool:
    """Read every hand-in in ``folder`` into a :class:`ClassPool`, reporting what was skipped.

    Only regular files named ``*.casebook.json`` are read; every other entry
    gets a line in ``problems``. Students are keyed by the name in the
    hand-in (accents kept; white space tidied); a name with a path separator
    or a control character is made safe and reported. Of several hand-ins
    under one name the latest export is kept (``exported_at``; ties: the
    first file name), and each of those files gets its own line saying what
    happened to it and what to do.

    Raises
    ------
    NotADirectoryError
        If ``folder`` is not a folder.
    """
    from casebook.classroom.answers import clean_display_name, sanitize_name

    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder}: not a folder of hand-in files")
    problems: list[str] = []
    found: dict[str, list[tuple]] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name, label = path.name, _show(path.name)
        if name in OUTPUT_NAMES:
            problems.append(f"ignored {label}: output of an earlier pool")
            continue
        if _CONTROL.search(name):
            problems.append(f"skipped {label}: file name contains control characters")
            continue
        try:
            if path.is_symlink() or not path.is_file():
                problems.append(f"skipped {label}: not a regular file")
                continue
            if not name.endswith(HANDIN_SUFFIX):
                stem = name.rsplit(".", 1)[0]
                paired = name.endswith((".html", ".md")) and (folder / (stem + HANDIN_SUFFIX)).is_file()
                what = "readable summary" if paired else "not a hand-in"
                problems.append(f"ignored {label}: {what} (hand-ins are *{HANDIN_SUFFIX})")
                continue
            doc = _read_one(path, max_bytes, problems)
        except Exception as exc:  # permissions, races, anything else: report, go on
            problems.append(f"skipped {label}: could not be read ({_show(type(exc).__name__)}: "
                            f"{_show(str(exc))[:200]})")
            continue
        if doc is None:
            continue
        raw_student = doc["student"]
        unsafe = re.search(r"[/\\]", raw_student) or _CONTROL.search(raw_student)
        student = sanitize_name(raw_student) if unsafe else clean_display_name(raw_student)
        if unsafe:
            why = "a path separator" if re.search(r"[/\\]", raw_student) else "a control character"
            problems.append(f"renamed student in {label}: {_show(raw_student)[:80]!r} contains "
                            f"{why}; pooled as {student!r}")
        answers = _check_answers(doc["answers"], label, problems)
        stamp = str(doc.get("exported_at", ""))
        found.setdefault(student, []).append((stamp, name, answers))
    chosen = {}
    for student, entries in sorted(found.items()):
        # newest export first; among equal stamps, the first file name
        ranked = sorted(entries, key=lambda e: e[1])
        ranked.sort(key=lambda e: e[0], reverse=True)
        chosen[student] = ranked[0]
        if len(ranked) > 1:
            problems.extend(_duplicate_lines(student, ranked))
    return ClassPool(answers={s: v[2] for s, v in chosen.items()},
                     problems=problems, files={s: v[1] for s, v in chosen.items()})


def _duplicate_lines(student: str, ranked: list) -> list[str]:
    """One line per hand-in sharing the name ``student``: kept (the first) or skipped."""
    who = _show(student)[:80]
    n = len(ranked)
    stamp = lambda e: _show(e[0])[:40] or "no export time"  # noqa: E731
    lines = [f"duplicate student {who!r}: kept {_show(ranked[0][1])} (exported {stamp(ranked[0])}; "
             f"of the {n} hand-ins with this name, the latest export is kept)"]
    for entry in ranked[1:]:
        lines.append(
            f"duplicate student {who!r}: skipped {_show(entry[1])} (exported {stamp(entry)}); "
            "if it is another student's (a shared login, e.g. jovyan on a JupyterHub), ask each "
            'of them to run python -m casebook export --name "Their Name", hand in the new '
            "file, then pool again")
    return lines


# --------------------------------------------------------------------------- the loaded pool
_CURRENT: dict = {"pool": None, "env_key": None, "env_pool": None}


def load_pool(path, *, activate: bool = True) -> ClassPool:
    """Load a class pool (``class_pool.json`` or a folder of hand-ins) and make it current.

    Decision points built afterwards show the class split from it.
    """
    path = Path(path)
    if path.is_dir():
        class_pool = read_handins(path)
    else:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ValueError(f"{path}: not a readable class pool file ({exc})") from None
        class_pool = ClassPool.from_json(doc, where=str(path))
    if activate:
        set_pool(class_pool)
    return class_pool


def set_pool(class_pool: ClassPool | None) -> None:
    """Make ``class_pool`` the one decision points show (``None`` to clear)."""
    _CURRENT["pool"] = class_pool


def current_pool() -> ClassPool | None:
    """The pool set with :func:`set_pool`/:func:`load_pool`, else ``CASEBOOK_POOL``, else ``None``.

    Examples
    --------
    >>> import os
    >>> set_pool(None); os.environ.pop("CASEBOOK_POOL", None) and None
    >>> current_pool() is None
    True
    """
    if _CURRENT["pool"] is not None:
        return _CURRENT["pool"]
    env = os.environ.get("CASEBOOK_POOL")
    if not env:
        return None
    path = Path(env).expanduser()
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        raise ValueError(f"CASEBOOK_POOL={env}: no such file or folder") from None
    if _CURRENT["env_key"] != key:
        _CURRENT["env_pool"] = load_pool(path, activate=False)
        _CURRENT["env_key"] = key
    return _CURRENT["env_pool"]
