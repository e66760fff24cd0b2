"""From a validated question to its exercise widget (used by :func:`casebook.classroom.questions.ask`).

Each kind maps onto the matching builder of :mod:`casebook.classroom.exercises`;
nothing here decides what a student sees when: the builders do (solutions
only after an answer, outcomes only after a commit).

Examples
--------
>>> import tempfile
>>> from casebook.classroom.questions import get_question
>>> box = build(get_question("ch00.try_tacit"), home=tempfile.mkdtemp())
>>> box.kind
'multiple_choice'
"""

from __future__ import annotations

__all__ = ["build"]


def build(q, *, student=None, home=None, pool=None):
    """The exercise box for question ``q`` (a model of :mod:`casebook.classroom.questions_schema`)."""
    from casebook.classroom import exercises as ex

    common = {"title": q.title, "student": student, "home": home, "solution": q.solution}
    if q.kind == "multiple_choice":
        return ex.multiple_choice(q.id, q.prompt, {o.text: o.feedback for o in q.options},
                                  q.correct, explanation=q.explanation, **common)
    if q.kind == "numeric":
        return ex.numeric(q.id, q.prompt, q.answer, q.tolerance, q.units, q.explanation, **common)
    if q.kind == "classify":
        return ex.classify(q.id, q.prompt, {i.text: i.category for i in q.items}, q.categories,
                           {i.text: i.explanation for i in q.items if i.explanation}, **common)
    if q.kind == "ranking":
        return ex.ranking(q.id, q.prompt, q.items, q.correct_order, q.explanation, **common)
    if q.kind == "likert":
        return ex.likert(q.id, q.prompt, q.statements, q.scale, q.labels, **common)
    if q.kind == "short_answer":
        return ex.short_answer(q.id, q.prompt, q.model_answer, q.rubric, max_chars=q.max_chars, **common)
    if q.kind == "decision_point":
        text, source = q.outcome()
        judge = q.judgement if q.judge_name is not None else None
        return ex.decision_point(q.id, q.prompt, q.option_texts(), q.case, outcome=text, source=source,
                                 pool=pool, max_reason=q.max_reason, judge=judge,
                                 teaching=q.teaching, **common)
    raise ValueError(f"{q.id}: unknown kind {q.kind!r}")  # the schema makes this unreachable
