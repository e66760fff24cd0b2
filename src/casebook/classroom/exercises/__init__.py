"""Exercises that check themselves and save every answer.

One short call builds each kind; the chapter cell displays the returned box:

- :func:`multiple_choice` (feedback per option)
- :func:`numeric` (tolerance and units; the expected value may be computed)
- :func:`likert` and :func:`ranking`
- :func:`short_answer` (saved; model answer and rubric revealed on request)
- :func:`classify` (sort items into categories)
- :func:`decision_point` (commit a choice and a one-line reason; only then
  the case's outcome, its source and the class split are shown)

Every answer is saved when given (:mod:`casebook.classroom.answers`), with the
question's text as ``prompt`` so that a hand-in can show it, and building an
exercise whose ``qid`` already has an answer shows that answer and its
feedback again instead of asking anew. Every box is made with
:func:`casebook.widgets.panel` and carries ``box.controls`` (the interactive
controls, including the Check/Save/Commit ``button``), ``box.outputs`` (the
HTML feedback widgets) and ``box.button``. Everything shown is escaped with
:func:`html.escape`; nothing is printed.

Setting ``CASEBOOK_INSTRUCTOR=1`` (the instructor edition) shows each
exercise's solution under it straight away.

Examples
--------
>>> import tempfile
>>> home = tempfile.mkdtemp()
>>> box = multiple_choice("ch00.demo", "Which kind of knowledge is hard to copy?",
...                       options={"Tacit": "Yes: it lives in people and routines.",
...                                "Explicit": "No: it can be written down."},
...                       correct="Tacit", home=home)
>>> box.controls["choice"].value = "Tacit"
>>> box.button.click()
>>> "Correct" in box.outputs["feedback"].value
True
"""

from __future__ import annotations

from casebook.classroom.exercises.common import *  # noqa: F401,F403
from casebook.classroom.exercises.choice import *  # noqa: F401,F403
from casebook.classroom.exercises.ratings import *  # noqa: F401,F403
from casebook.classroom.exercises.open_ended import *  # noqa: F401,F403
from casebook.classroom.exercises.decision import *  # noqa: F401,F403

__all__ = ['multiple_choice', 'numeric', 'likert', 'ranking', 'short_answer', 'classify', 'decision_point', 'format_source']
