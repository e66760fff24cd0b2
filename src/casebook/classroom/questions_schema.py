"""The question-file format as pydantic models: what ``chapters/NN_slug.questions.yaml`` may hold.

A question file is a mapping with one field, ``questions``, a list of
entries. Every entry has an ``id`` (``chNN.slug``, where ``NN`` is the
chapter's number), a ``kind``, a ``prompt`` and ``sources``; the other fields
depend on the kind:

==================  ==========================================================
kind                fields
==================  ==========================================================
multiple_choice     ``options`` (each ``text`` and ``feedback``), ``correct``
                    (one option's text or a list of them), ``explanation``
numeric             ``answer``, ``tolerance`` (absolute), ``units``, ``explanation``
classify            ``categories``, ``items`` (each ``text``, ``category``,
                    ``explanation``)
ranking             ``items``, ``correct_order`` (leave out for an opinion), ``explanation``
likert              ``statements``, ``scale``, ``labels``
short_answer        ``model_answer``, ``rubric``, ``max_chars``
decision_point      ``options`` (each ``text``, ``argument``, ``source``,
                    ``params``), ``case`` or ``outcome`` (``text``, ``source``),
                    ``judge``, ``judge_context``, ``outcome_markers``, ``teaching``
==================  ==========================================================

Every kind may also carry ``title`` (the panel heading) and ``solution``
(Markdown, with ``$...$`` maths): the student sees the solution only after
answering, the book prints it folded after the question, the instructor
edition open.

A ``source`` is ``{reading, locator}`` (a key of
:data:`casebook.cases.READINGS`), ``{citation, locator}`` (any other work),
or ``{model, locator}`` for a figure that is the casebook's own model's
(``model`` names a module of :mod:`casebook.models`), so a reader can tell a
reading's fact from the casebook's inference.

Examples
--------
>>> q = QuestionFile.model_validate({"questions": [{
...     "id": "ch00.demo", "kind": "numeric", "prompt": "2 + 2?", "answer": 4,
...     "sources": [{"citation": "Arithmetic", "locator": "p. 1"}]}]})
>>> q.questions[0].answer, q.questions[0].tolerance
(4.0, 0.0)
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Literal, Union

from pydantic import (BaseModel, ConfigDict, Discriminator, Field, StrictInt, StringConstraints, Tag,
                      field_validator, model_validator)

from casebook.cases.schema import CaseId, Source, Text

__all__ = ["QID_PATTERN", "ModelSource", "Option", "Item", "Outcome", "Teaching", "DecisionOption",
           "MultipleChoice", "Numeric", "Classify", "Ranking", "Likert", "ShortAnswer", "DecisionPoint",
           "Question", "QuestionFile", "QUESTION_KINDS", "cite", "chapter_of"]

#: A question id: ``ch`` + two-digit chapter number + ``.`` + a slug.
QID_PATTERN = r"^ch[0-9]{2}\.[a-z0-9][a-z0-9_.-]*$"
Qid = Annotated[str, StringConstraints(pattern=QID_PATTERN, max_length=80)]
JudgeName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z_][a-z0-9_]*$")]
Scalar = Union[bool, int, float, str]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelSource(_Model):
    """A figure computed by one of the casebook's own models (the casebook's inference, not a reading's).

    Examples
    --------
    >>> ModelSource(model="casebook.models.spillovers", locator="absorptive capacity").model
    'casebook.models.spillovers'
    """

    model: Annotated[str, StringConstraints(pattern=r"^casebook\.models(\.[a-z_][a-z0-9_]*)*$")] = Field(
        description="the module of casebook.models that computes it")
    locator: Text = Field(description="the function, equation or chapter section")


def _source_kind(value) -> str:
    """Which source model a mapping is: by its keys, so errors name the right fields."""
    if isinstance(value, dict):
        return "model_source" if "model" in value else "reading_source"
    return "model_source" if isinstance(value, ModelSource) else "reading_source"


#: A source: a reading or citation (:class:`casebook.cases.Source`) or one of the casebook's models.
AnySource = Annotated[Union[Annotated[Source, Tag("reading_source")], Annotated[ModelSource, Tag("model_source")]],
                      Discriminator(_source_kind)]

#: Tags pydantic puts in an error's location; :mod:`casebook.classroom.questions` drops them.
SOURCE_TAGS = ("reading_source", "model_source")


def cite(source) -> str:
    """A source as a short citation; a model source says it is the casebook's own.

    Examples
    --------
    >>> cite(ModelSource(model="casebook.models.races", locator="LearningRace"))
    "the casebook's own model (casebook.models.races), LearningRace"
    >>> cite(Source(reading="inkpen1998", locator="Table 1"))
    'Inkpen (1998), Table 1'
    """
    if source is None:
        return ""
    if isinstance(source, ModelSource):
        return f"the casebook's own model ({source.model}), {source.locator}"
    from casebook.classroom.exercises.common import format_source

    return format_source(source)


class _Base(_Model):
    """What every entry has; the methods are what the live class server reads."""

    id: Qid
    prompt: Text
    title: Text | None = None
    solution: Text | None = Field(None, description="Markdown, shown after the answer")
    sources: list[AnySource] = Field(min_length=1, description="where every fact in the question comes from")

    @property
    def qid(self) -> str:
        return self.id

    def option_texts(self) -> list[str]:
        """The texts of the options a student chooses from (empty for kinds without options)."""
        opts = getattr(self, "options", None) or []
        return [o.text for o in opts]

    def outcome(self) -> tuple[str, str]:
        """What really happened and its source as a citation (``("", "")`` for kinds with no outcome)."""
        return "", ""

    def judge(self, option_text: str) -> str | None:
        """The judge's one-line verdict on an option (``None`` without a judge)."""
        return None


class Option(_Model):
    """A multiple-choice option and the feedback shown when it is chosen."""

    text: Text
    feedback: Text


def _distinct(values, field, key):
    seen = [v for i, v in enumerate(values) if v in values[:i]]
    if seen:
        raise ValueError(f"[{key}] {field} repeat: {', '.join(map(repr, seen))}")


class MultipleChoice(_Base):
    kind: Literal["multiple_choice"]
    options: list[Option] = Field(min_length=2)
    correct: Text | list[Text]
    explanation: Text | None = None

    @model_validator(mode="after")
    def _check(self):
        texts = [o.text for o in self.options]
        _distinct(texts, "option texts", "options")
        right = [self.correct] if isinstance(self.correct, str) else self.correct
        missing = [r for r in right if r not in texts]
        if not right or missing:
            raise ValueError(f"[correct] must name option texts; not an option: {missing or right!r}")
        return self


class Numeric(_Base):
    kind: Literal["numeric"]
    answer: float
    tolerance: float = Field(0.0, ge=0)
    units: Text | None = None
    explanation: Text | None = None

    @field_validator("answer", "tolerance", mode="before")
    @classmethod
    def _number(cls, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("must be a number (write it without quotes)")
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value


class Item(_Model):
    """An item to classify, its right category and why."""

    text: Text
    category: Text
    explanation: Text | None = None


class Classify(_Base):
    kind: Literal["classify"]
    categories: list[Text] = Field(min_length=2)
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self):
        _distinct(self.categories, "categories", "categories")
        _distinct([i.text for i in self.items], "item texts", "items")
        bad = [i.text for i in self.items if i.category not in self.categories]
        if bad:
            raise ValueError(f"[items] use a category not in 'categories': {', '.join(map(repr, bad))}")
        return self


class Ranking(_Base):
    kind: Literal["ranking"]
    items: list[Text] = Field(min_length=2)
    correct_order: list[Text] | None = None
    explanation: Text | None = None

    @model_validator(mode="after")
    def _check(self):
        _distinct(self.items, "items", "items")
        if self.correct_order is not None and sorted(self.correct_order) != sorted(self.items):
            raise ValueError("[correct_order] must list exactly the items, each once")
        return self


class Likert(_Base):
    kind: Literal["likert"]
    statements: list[Text] = Field(min_length=1)
    scale: StrictInt = Field(5, ge=3, le=10)
    labels: list[Text] | None = None

    @model_validator(mode="after")
    def _check(self):
        if self.labels is not None and len(self.labels) != self.scale:
            raise ValueError(f"[labels] needs {self.scale} labels (one per point), got {len(self.labels)}")
        return self


class ShortAnswer(_Base):
    kind: Literal["short_answer"]
    model_answer: Text | None = None
    rubric: list[Text] = Field(default_factory=list)
    max_chars: StrictInt = Field(4000, ge=50, le=20000)


class Outcome(_Model):
    """What really happened, when the decision point names no case."""

    text: Text
    source: AnySource


class DecisionOption(_Model):
    """One option of a decision point: its text, the case-grounded argument for it, and its model meaning."""

    text: Text
    argument: Text | None = Field(None, description="the best case-grounded argument for this option")
    source: AnySource | None = Field(None, description="where the argument's facts come from")
    params: dict[str, Scalar] | None = Field(None, description="what the option means in the judge's model")

    @model_validator(mode="after")
    def _check(self):
        if self.argument is not None and self.source is None:
            raise ValueError("[source] an option's 'argument' needs a 'source' (where its facts come from)")
        return self


class Teaching(_Model):
    """Instructor-only material for a decision point."""

    anticipated: list[Text] = Field(default_factory=list, description="answers students are likely to give")
    misconceptions: list[Text] = Field(default_factory=list)
    notes: Text | None = None


class DecisionPoint(_Base):
    kind: Literal["decision_point"]
    options: list[DecisionOption] = Field(min_length=2)
    case: CaseId | None = None
    outcome_: Outcome | None = Field(None, alias="outcome")
    judge_name: JudgeName | None = Field(None, alias="judge",
                                         description="'concept.function' in casebook.classroom.judges")
    judge_context: dict[str, Scalar] = Field(default_factory=dict)
    outcome_markers: list[Text] = Field(default_factory=list)
    teaching: Teaching | None = None
    max_reason: StrictInt = Field(200, ge=20, le=1000)

    @model_validator(mode="after")
    def _check(self):
        _distinct([o.text for o in self.options], "option texts", "options")
        if (self.case is None) == (self.outcome_ is None):
            raise ValueError("[case] give exactly one of 'case' (a case id) or 'outcome' (text and source)")
        if self.judge_name is None:
            with_params = [o.text for o in self.options if o.params is not None]
            if with_params:
                raise ValueError("[judge] options carry 'params' but no 'judge' says what they lead to")
        else:
            without = [o.text for o in self.options if o.params is None]
            if without:
                raise ValueError(f"[options] with a 'judge', every option needs 'params'; missing for {without[0]!r}")
        return self

    def outcome(self) -> tuple[str, str]:
        from casebook.classroom.exercises.common import _case_outcome

        if self.outcome_ is not None:
            return self.outcome_.text, cite(self.outcome_.source)
        return _case_outcome(self.case)

    def judgement(self, option_text: str):
        """The judge's :class:`~casebook.classroom.judges.Judgement` of an option, or ``None``."""
        if self.judge_name is None:
            return None
        from casebook.classroom.judges import judge_option

        option = next((o for o in self.options if o.text == option_text), None)
        if option is None:
            raise ValueError(f"{self.id}: {option_text!r} is not one of the options")
        return judge_option(self.judge_name, option.params or {}, self.judge_context)

    def judge(self, option_text: str) -> str | None:
        j = self.judgement(option_text)
        return None if j is None else j.summary


Question = Annotated[Union[MultipleChoice, Numeric, Classify, Ranking, Likert, ShortAnswer, DecisionPoint],
                     Field(discriminator="kind")]

#: The kinds a question file may use.
QUESTION_KINDS = ("multiple_choice", "numeric", "classify", "ranking", "likert", "short_answer",
                  "decision_point")


class QuestionFile(_Model):
    """A chapter's question file."""

    questions: list[Question] = Field(min_length=1)  # ids unique: checked with the file's other meaning checks


def chapter_of(qid: str) -> str:
    """The two-digit chapter number of a question id.

    Examples
    --------
    >>> chapter_of("ch05.gm1984")
    '05'
    """
    m = re.match(r"^ch([0-9]{2})\.", str(qid))
    if not m:
        raise ValueError(f"question id {qid!r}: use 'chNN.slug', e.g. 'ch05.gm1984'")
    return m.group(1)
