"""What a decision point shows once decided: the outcome, the model's verdicts, the class split.

Pure functions from data to escaped HTML, shared by the student's view
(after the commit) and the instructor's two-step view ("Show split", then
"Reveal outcome"), so both say the same thing in the same words.

Examples
--------
>>> print(outcome_block("They stayed.", "Serrat (2009), Introduction"))
<div class='cb-outcome'><b>What really happened.</b> They stayed.<br><i>Source: Serrat (2009), Introduction</i></div>
>>> "60%" in split_table({"Stay": 3, "Go": 2}, "Go", {})
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from casebook.classroom.exercises.common import _NOTE, _esc

__all__ = ["outcome_block", "model_block", "split_table", "pool_reasons", "teaching_block", "judged"]


def judged(judge: Callable | None, option: str):
    """``(summary, error)`` of the judge's verdict on ``option``: never raises, so a chapter never breaks."""
    if judge is None:
        return None, None
    try:
        j = judge(option)
    except Exception as exc:  # a judge that fails is reported, not fatal
        return None, f"The model could not judge this option: {exc}"
    return (None if j is None else getattr(j, "summary", str(j))), None


def outcome_block(outcome: str, source_text: str) -> str:
    """The case's outcome and its source."""
    cite = f"<br><i>Source: {_esc(source_text)}</i>" if source_text else ""
    return f"<div class='cb-outcome'><b>What really happened.</b> {_esc(outcome)}{cite}</div>"


def model_block(judge: Callable | None, choice: str) -> str:
    """What the chapter's model says the student's own choice leads to ('' without a judge)."""
    line, err = judged(judge, choice)
    if err:
        return _NOTE.format(_esc(err))
    if line is None:
        return ""
    return (f"<div class='cb-model-verdict'><b>What your choice leads to in the model.</b> "
            f"{_esc(line)}</div>")


def split_table(counts: Mapping[str, int], choice: str | None, verdicts: Mapping[str, str]) -> str:
    """Each option's count and share, and (after the reveal) what the model says it leads to."""
    total = sum(counts.values())
    if not total:
        return _NOTE.format("No one in the class pool has answered this decision yet.")
    model_col = any(verdicts.get(o) for o in counts)
    head = ("<tr><th style='text-align:left'>Option</th><th>Students</th><th>Share</th>"
            + ("<th style='text-align:left'>In the model</th>" if model_col else "") + "</tr>")
    rows = "".join(
        f"<tr><td>{_esc(o)}{' (you)' if o == choice else ''}</td>"
        f"<td style='text-align:right'>{n}</td><td style='text-align:right'>{n / total:.0%}</td>"
        + (f"<td>{_esc(verdicts.get(o, ''))}</td>" if model_col else "") + "</tr>"
        for o, n in counts.items())
    return (f"<div class='cb-split'><b>How the class split</b> ({total} students)"
            f"<table>{head}{rows}</table></div>")


def pool_reasons(pool, qid: str) -> list[dict]:
    """Every student's choice and reason for ``qid`` in a file pool, as the live panel's commits."""
    out = []
    for student, recs in sorted(getattr(pool, "answers", {}).items()):
        rec = recs.get(qid)
        if rec is not None and isinstance(rec.get("response"), str):
            out.append({"name": str(student), "choice": rec["response"],
                        "reason": str(rec.get("reason", "") or "")})
    return out


def teaching_block(teaching, solution_html: str) -> str:
    """The instructor's notes: anticipated answers, misconceptions, notes, then the solution."""
    parts = []
    if teaching is not None:
        for title, items in (("Anticipated responses", getattr(teaching, "anticipated", [])),
                             ("Common misconceptions", getattr(teaching, "misconceptions", []))):
            if items:
                parts.append(f"<b>{title}.</b><ul>" + "".join(f"<li>{_esc(i)}</li>" for i in items)
                             + "</ul>")
        if getattr(teaching, "notes", None):
            parts.append(f"<b>Notes.</b> {_esc(teaching.notes)}")
    body = "".join(parts) + solution_html
    if not body:
        return ""
    return f"<div class='cb-teaching'><b>Instructor view.</b>{body}</div>"
