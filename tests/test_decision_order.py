"""Case A, decision, then case B: no cell gives a decision's outcome away before the decision is asked.

The book is read in order: chapters 00 to 09, each cell by cell (its source and
its stored outputs). Before a decision point's ``ask("chNN.x")`` cell a reader
has also seen what every earlier ``ask`` cell shows once answered (the
solution; for a decision point its outcome, its case source and its
solution). None of that earlier text may contain

- any of the decision's ``outcome_markers``, or
- any sentence (of six words or more) of the outcome it reveals (the case's
  ``outcome.text``, or the question's own ``outcome``).

And every decision point in the question files is asked exactly once in the book.
Matching ignores case, spacing, Markdown emphasis and typographic quotes.
These tests fail on chapters that tell an outcome early: the fix is in the
chapter (tell the case up to the moment of decision), never here.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest

from casebook.classroom.questions import all_questions
from casebook.paths import chapters_dir

ASK = re.compile(r"""^\s*ask\(\s*["']([^"']+)["']\s*\)\s*;?\s*$""")
TAG = re.compile(r"<[^>]+>")


def normalise(text: str) -> str:
    text = html.unescape(TAG.sub(" ", str(text)))
    text = (text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
            .replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-"))
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.lower().split())


def cell_text(cell) -> str:
    parts = [cell.source]
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append(out["text"] if isinstance(out["text"], str) else "".join(out["text"]))
        for mime in ("text/plain", "text/html", "text/markdown"):
            data = out.get("data", {}).get(mime)
            if data:
                parts.append(data if isinstance(data, str) else "".join(data))
    return "\n".join(parts)


def outcome_sentences(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", text)  # parentheticals are asides, not the outcome's facts
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]


QUESTIONS = {q.id: q for q in all_questions()}
DECISIONS = [q for q in QUESTIONS.values() if q.kind == "decision_point"]


def revealed(q) -> str:
    """What an answered ask cell shows beyond its prompt."""
    parts = [q.solution or ""]
    if q.kind == "decision_point":
        text, source = q.outcome()
        parts += [text, source]
    return "\n".join(parts)


def book():
    """``[(chapter file, cell index, text, qid or None)]`` in reading order."""
    out = []
    for path in sorted(Path(chapters_dir()).glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            m = ASK.match(cell.source) if cell.cell_type == "code" else None
            qid = m.group(1) if m else None
            out.append((path.name, i, cell_text(cell), qid))
    return out


BOOK = book()


def asked_at(qid):
    return [k for k, (_, _, _, q) in enumerate(BOOK) if q == qid]


def test_every_ask_cell_names_a_question_in_the_files():
    unknown = [(f, i, q) for f, i, _, q in BOOK if q is not None and q not in QUESTIONS]
    assert not unknown, f"ask() cells naming no question: {unknown}"


@pytest.mark.parametrize("qid", [q.id for q in DECISIONS])
def test_each_decision_is_asked_once_in_the_book(qid):
    where = [f"{BOOK[k][0]} cell {BOOK[k][1]}" for k in asked_at(qid)]
    assert len(where) == 1, f"{qid} is asked {len(where)} times: {where}"


@pytest.mark.parametrize("qid", [q.id for q in DECISIONS])
def test_no_earlier_cell_gives_the_outcome_away(qid):
    q = QUESTIONS[qid]
    at = asked_at(qid)
    if not at:
        pytest.fail(f"{qid} is never asked in the book")
    first = at[0]
    text, _source = q.outcome()
    needles = [("outcome marker", m) for m in q.outcome_markers]
    needles += [("outcome sentence", s) for s in outcome_sentences(text)]
    found = []
    for k in range(first):
        name, i, body, other = BOOK[k]
        seen = normalise(body)
        shown = normalise(revealed(QUESTIONS[other])) if other in QUESTIONS else ""
        for what, needle in needles:
            if normalise(needle) in seen:
                found.append(f"{name} cell {i}: {what} {needle!r}")
            elif normalise(needle) in shown:
                found.append(f"{name} cell {i}: {what} {needle!r} (shown once {other} is answered: "
                             f"its outcome or solution in the question file)")
    own = normalise(" ".join([q.prompt, *q.option_texts()]))
    found += [f"{qid}'s own prompt or options: {what} {needle!r}" for what, needle in needles
              if normalise(needle) in own]
    assert not found, f"{qid} ({BOOK[first][0]} cell {BOOK[first][1]}) is given away before it is asked:\n" \
                      + "\n".join(found)


@pytest.mark.parametrize("qid", [q.id for q in DECISIONS])
def test_every_option_is_argued_with_a_source(qid):
    """Options are genuinely arguable: each carries the case-grounded argument for it, with its source."""
    q = QUESTIONS[qid]
    bare = [o.text for o in q.options if not o.argument or o.source is None]
    assert not bare, f"{qid}: options without an argument and its source: {bare}"


def test_no_decision_is_asked_twice_under_two_ids():
    """Two decision points that reveal the same outcome are the same decision asked twice."""
    seen, twice = {}, []
    for q in DECISIONS:
        key = q.case or normalise(q.outcome()[0])
        if key in seen:
            twice.append(f"{seen[key]} and {q.id} both reveal {q.case or 'the same outcome'}")
        seen.setdefault(key, q.id)
    assert not twice, twice


def test_the_order_check_can_fail():
    """The matcher finds a marker across case, spacing, emphasis and curly quotes."""
    assert normalise("It  *Went*\nNOWHERE \u2019") in normalise("a plan that went nowhere '") or \
        normalise("went nowhere") in normalise("It  *Went*\nNOWHERE")
    assert outcome_sentences("Short one. This sentence has six words exactly. (An aside that is long enough.)") \
        == ["This sentence has six words exactly."]
