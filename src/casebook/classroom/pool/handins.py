"""Reading a folder of hand-ins into a ClassPool, and the pool the decision points show."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path


__all__ = ['HANDIN_SUFFIX', 'OUTPUT_NAMES', 'MAX_BYTES', 'MAX_STATEMENTS', 'KINDS', 'CSV_COLUMNS', 'COUNT_COLUMNS', 'COUNT_KINDS', 'neutralize_cell', 'response_text', 'ClassPool', 'read_handins', 'load_pool', 'set_pool', 'current_pool']


HANDIN_SUFFIX = ".casebook.json"
OUTPUT_NAMES = ("class_summary.csv", "class_counts.csv", "class_dashboard.png",
                "class_pool.json")
MAX_BYTES = 2_000_000  # a hand-in of a whole book is well under 200 kB
MAX_STATEMENTS = 50
KINDS = {"multiple_choice", "numeric", "likert", "ranking", "short_answer", "classify",
         "decision_point"}
CSV_COLUMNS = ["student", "qid", "kind", "response", "correct", "score", "reason",
               "answered_at", "committed_at"]
COUNT_COLUMNS = ["question", "kind", "prompt", "option", "count", "share"]
COUNT_KINDS = ("decision_point", "multiple_choice")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def _show(name: str) -> str:
    """A name safe to print on one line: control characters made visible."""
    return repr(str(name))[1:-1] if _CONTROL.search(str(name)) else str(name)


def _neutral_csv(columns, rows) -> str:
    """``rows`` (dicts) as CSV text with ``columns``, every cell through :func:`neutralize_cell`."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralize_cell(v) for k, v in row.items()})
    return buf.getvalue()


def neutralize_cell(value):
    """A CSV cell that a spreadsheet will not evaluate as a formula.

    Text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    gets a leading apostrophe; numbers and other text pass unchanged.

    Examples
    --------
    >>> neutralize_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralize_cell("-0.5"), neutralize_cell(-0.5), neutralize_cell("ok")
    ("'-0.5", -0.5, 'ok')
    """
    if isinstance(value, str) and value.startswith(_DANGEROUS_START):
        return "'" + value
    return value


def response_text(response) -> str:
    """An answer's response as one text cell (lists and mappings as JSON).

    Examples
    --------
    >>> response_text(["a", "b"]), response_text(0.25), response_text("Stay")
    ('["a", "b"]', '0.25', 'Stay')
    """
    if isinstance(response, str):
        return response
    if isinstance(response, bool) or response is None:
        return json.dumps(response)
    if isinstance(response, (int, float)):
        return repr(response)
    return json.dumps(response, ensure_ascii=False, sort_keys=True)


@dataclass
class ClassPool:
    """Pooled answers: ``answers[student][qid]`` is one saved answer record.

    Examples
    --------
    >>> p = ClassPool(answers={"ana": {"ch01.q": {"kind": "numeric", "response": 1.0,
    ...                                           "correct": True, "score": 1.0}}})
    >>> p.students, p.scores()
    (['ana'], {'ana': 1.0})
    """

    answers: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    files: dict = field(default_factory=dict)
    paths: dict = field(default_factory=dict)

    @property
    def students(self) -> list[str]:
        return sorted(self.answers)

    def qids(self, kind: str | None = None) -> list[str]:
        """Question ids answered by anyone, optionally of one kind."""
        return sorted({q for recs in self.answers.values() for q, r in recs.items()
                       if kind is None or r.get("kind") == kind})

    def split(self, qid: str) -> dict[str, int]:
        """How many students chose each option of a decision point (or multiple choice).

        Options are ordered by count, then by name.
        """
        counts: dict[str, int] = {}
        for recs in self.answers.values():
            rec = recs.get(qid)
            if rec is not None and isinstance(rec.get("response"), str):
                counts[rec["response"]] = counts.get(rec["response"], 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def splits(self) -> dict[str, dict[str, int]]:
        """:meth:`split` for every decision point."""
        return {q: self.split(q) for q in self.qids("decision_point")}

    def scores(self) -> dict[str, float]:
        """Each student's mean score over the answers that carry a score (0..1)."""
        out = {}
        for student, recs in sorted(self.answers.items()):
            vals = [float(r["score"]) for r in recs.values()
                    if isinstance(r.get("score"), (int, float)) and not isinstance(r["score"], bool)]
            if vals:
                out[student] = sum(vals) / len(vals)
        return out

    def likert_profiles(self) -> dict[str, dict]:
        """Per Likert question: its statements, the mean rating of each, and ``n``."""
        out = {}
        for qid in self.qids("likert"):
            rows = [r for recs in self.answers.values() if (r := recs.get(qid))
                    and isinstance(r.get("response"), list)]
            if not rows:
                continue
            width = max(len(r["response"]) for r in rows)
            statements = next((r.get("statements") for r in rows
                               if isinstance(r.get("statements"), list)
                               and len(r["statements"]) == width), None)
            statements = [str(s) for s in statements] if statements else \
                [f"statement {i}" for i in range(1, width + 1)]
            means = []
            for i in range(width):
                vals = [float(r["response"][i]) for r in rows if len(r["response"]) > i
                        and isinstance(r["response"][i], (int, float))
                        and not isinstance(r["response"][i], bool)]
                means.append(sum(vals) / len(vals) if vals else math.nan)
            scale = max((int(r["scale"]) for r in rows if isinstance(r.get("scale"), int)),
                        default=5)
            out[qid] = {"statements": statements, "means": means, "n": len(rows), "scale": scale}
        return out

    def prompts(self) -> dict[str, str]:
        """Each question's text, where the answers carry it (the most common text wins).

        Examples
        --------
        >>> ClassPool(answers={"a": {"q": {"kind": "numeric", "response": 1, "prompt": "How?"}},
        ...                    "b": {"q": {"kind": "numeric", "response": 2}}}).prompts()
        {'q': 'How?'}
        """
        seen: dict[str, dict[str, int]] = {}
        for recs in self.answers.values():
            for qid, rec in recs.items():
                text = rec.get("prompt")
                if isinstance(text, str) and text.strip():
                    seen.setdefault(qid, {})
                    seen[qid][text] = seen[qid].get(text, 0) + 1
        return {q: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                for q, c in sorted(seen.items())}

    def counts(self) -> list[dict]:
        """One row per option chosen in each decision point and multiple-choice question.

        ``share`` is the option's count over the students who answered that
        question (rounded to 4 places); rows follow :meth:`split`'s order.

        Examples
        --------
        >>> p = ClassPool(answers={s: {"ch05.gm": {"kind": "decision_point", "response": r}}
        ...                        for s, r in [("a", "Stay"), ("b", "Exit"), ("c", "Stay")]})
        >>> [(r["option"], r["count"], r["share"]) for r in p.counts()]
        [('Stay', 2, 0.6667), ('Exit', 1, 0.3333)]
        """
        prompts = self.prompts()
        rows = []
        for kind in COUNT_KINDS:
            for qid in self.qids(kind):
                counts: dict[str, int] = {}
                for recs in self.answers.values():
                    rec = recs.get(qid)
                    if rec is not None and rec.get("kind") == kind \
                            and isinstance(rec.get("response"), str):
                        counts[rec["response"]] = counts.get(rec["response"], 0) + 1
                total = sum(counts.values())
                for option, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                    rows.append({"question": qid, "kind": kind, "prompt": prompts.get(qid, ""),
                                 "option": option, "count": n, "share": round(n / total, 4)})
        return sorted(rows, key=lambda r: (r["question"], r["kind"], -r["count"], r["option"]))

    def to_counts_csv(self) -> str:
        """The per-option counts as CSV text, every text cell neutralised."""
        return _neutral_csv(COUNT_COLUMNS, self.counts())

    def rows(self) -> list[dict]:
        """One row per student and question (raw values, not yet neutralised)."""
        rows = []
        for student in self.students:
            for qid, rec in sorted(self.answers[student].items()):
                rows.append({
                    "student": student,
                    "qid": qid,
                    "kind": rec.get("kind", ""),
                    "response": response_text(rec.get("response")),
                    "correct": "" if rec.get("correct") is None else str(bool(rec["correct"])),
                    "score": rec.get("score", ""),
                    "reason": str(rec.get("reason", "")),
                    "answered_at": str(rec.get("answered_at", "")),
                    "committed_at": str(rec.get("committed_at", "")),
                })
        return rows

    def to_csv(self) -> str:
        """The class summary as CSV text, every text cell neutralised."""
        return _neutral_csv(CSV_COLUMNS, self.rows())

    def to_json(self) -> dict:
        """A JSON-ready document (what ``class_pool.json`` holds)."""
        return {"schema_version": 1, "format": "casebook-pool", "answers": self.answers,
                "problems": list(self.problems)}

    @classmethod
    def from_json(cls, doc, where: str = "class pool") -> "ClassPool":
        """Rebuild a pool from :meth:`to_json`; errors name ``where`` and the field."""
        if not isinstance(doc, dict) or doc.get("format") != "casebook-pool":
            raise ValueError(f"{where}: field 'format' must be 'casebook-pool'")
        if doc.get("schema_version") != 1:
            raise ValueError(f"{where}: field 'schema_version' must be 1, "
                             f"got {doc.get('schema_version')!r}")
        answers = doc.get("answers")
        if not isinstance(answers, dict) or not all(
                isinstance(v, dict) and all(isinstance(r, dict) for r in v.values())
                for v in answers.values()):
            raise ValueError(f"{where}: field 'answers' must map students to their answers")
        return cls(answers=answers, problems=list(doc.get("problems", [])))


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
