"""The class pool itself: pooled answers, their splits and counts, and cells a spreadsheet will not evaluate."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field

__all__ = ['HANDIN_SUFFIX', 'OUTPUT_NAMES', 'MAX_BYTES', 'MAX_STATEMENTS', 'KINDS', 'CSV_COLUMNS', 'COUNT_COLUMNS', 'COUNT_KINDS', 'neutralize_cell', 'response_text', 'ClassPool']



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
