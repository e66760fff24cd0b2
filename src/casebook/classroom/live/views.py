"""What each audience sees of a question: the record stored when it opens, and the public state.

Phones and the projector read :func:`public_state`: the question and the
count while the class votes; the split and the (anonymous) reasons once the
instructor shows the split; the outcome and the model's verdicts once it is
revealed. Names go only to the instructor (``/api/c/CODE/admin``).

Examples
--------
>>> from casebook.classroom.live.store import Store
>>> store = Store("sqlite://")
>>> m = store.create_meeting("demo")
>>> store.open_question(m.id, {"qid": "ch05.gm", "prompt": "Stay?", "options": ["Stay", "Exit"]})
>>> q = public_state(store, store.meeting(m.id))["question"]
>>> q["stage"], q["count"], "split" in q
('open', 0, False)
"""

from __future__ import annotations

from casebook.classroom.live.store import STAGES, Store

__all__ = ["question_record", "public_state"]


def question_record(question) -> dict:
    """What the server stores when a question opens, from a ``casebook.classroom.questions`` Question.

    The prompt, the option texts, the case's outcome and source, and for
    each option the model's one-line verdict (``Question.judge``), if any.
    """
    options = [str(o) for o in question.option_texts()]
    text, source = question.outcome()
    judges = {}
    for option in options:
        line = question.judge(option)
        if line:
            judges[option] = str(line)
    return {"qid": question.qid, "kind": question.kind, "prompt": str(question.prompt),
            "options": options, "case_id": getattr(question, "case", None),
            "outcome": str(text or ""), "source": str(source or ""), "judges": judges}


def public_state(store: Store, meeting) -> dict:
    """What phones and the projector see: the open question and only what has been revealed."""
    out = {"title": meeting.title, "code": meeting.code, "question": None}
    if not meeting.current_qid:
        return out
    q = store.question(meeting.id, meeting.current_qid)
    if q is None or q["stage"] == "closed":
        return out
    stage = STAGES.index(q["stage"])
    view = {"qid": q["qid"], "prompt": q["prompt"], "options": q["options"], "stage": q["stage"],
            "count": store.count(meeting.id, q["qid"])}
    if stage >= STAGES.index("split"):
        view["split"] = store.split(meeting.id, q["qid"])
        view["reasons"] = [{"choice": c["choice"], "reason": c["reason"]}
                           for c in store.commits(meeting.id, q["qid"])]
    if stage >= STAGES.index("outcome"):
        view["outcome"] = {"text": q["outcome"], "source": q["source"], "judges": q["judges"]}
    out["question"] = view
    return out
