"""The case format as pydantic models: the one definition of what a case file may hold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictBool, StrictInt, StringConstraints, field_validator, model_validator

from casebook.cases.base import READINGS

__all__ = ['Text', 'CaseId', 'Level', 'Kind', 'Source', 'Party', 'Dates', 'TimelineEntry', 'LearningGoal', 'Knowledge', 'Rating', 'Assessment', 'Outcome', 'Fact', 'Column', 'Exhibit', 'Slot', 'TeachingNote', 'Case', 'format_source', 'join_citation']

# --------------------------------------------------------------------------
# The schema
# --------------------------------------------------------------------------

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
CaseId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Level = Literal["very_low", "low", "medium", "high", "very_high"]
Kind = Literal["equity_jv", "non_equity_alliance", "cluster", "alliance_network", "research_study"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Source(_Model):
    """Where a statement comes from: a reading and a locator, or a full citation.

    Examples
    --------
    >>> Source(reading="inkpen1996", locator="Table 1").reading
    'inkpen1996'
    """

    reading: str | None = Field(None, description="key of one of the readings (see READINGS)")
    citation: str | None = Field(None, description="full reference, for facts outside the readings")
    locator: Text = Field(description="section heading, table or page")

    @model_validator(mode="after")
    def _one_of(self):
        if self.reading is None and not (self.citation or "").strip():
            raise ValueError("a source needs a reading key or a citation")
        if self.reading is not None and self.citation is not None:
            raise ValueError("give either a reading key or a citation, not both")
        if self.reading is not None and self.reading not in READINGS:
            raise ValueError(
                f"unknown reading key {self.reading!r}; known keys: {', '.join(READINGS)} "
                "(use citation: for other works)"
            )
        return self


class Party(_Model):
    """A party to the case (a firm, a group of firms, a government)."""

    name: Text
    country: Text
    role: Text
    disguised: StrictBool = Field(description="true if the reading disguises the name")


class Dates(_Model):
    """First and last year of the case (``end`` null if ongoing or unknown).

    ``start_is`` says what ``start`` is, since the readings often give no
    founding year: ``exact`` (the year the case began), ``no_later_than``
    (the latest year the reading allows: the venture existed by then) or
    ``evidence_from`` (the first year of the evidence the readings use,
    for a cluster or a study that began before anyone recorded it).

    Examples
    --------
    >>> Dates(start=1984, end=2010).label()
    '1984-2010'
    >>> Dates(start=1995, start_is="no_later_than").label()
    'began by 1995; ongoing or end unknown'
    >>> Dates(start=1991, end=1996, start_is="evidence_from").label()
    'evidence from 1991-1996'
    """

    start: StrictInt
    end: StrictInt | None = None
    start_is: Literal["exact", "no_later_than", "evidence_from"] = "exact"

    def label(self) -> str:
        """The dates as a reader should take them."""
        if self.start_is == "no_later_than":
            first = f"began by {self.start}"
        elif self.start_is == "evidence_from":
            first = f"evidence from {self.start}"
        else:
            first = str(self.start)
        if self.end is not None:
            return f"{first}-{self.end}"
        return f"{first}; ongoing or end unknown" if self.start_is != "exact" else f"{first} onwards"


class TimelineEntry(_Model):
    year: StrictInt
    event: Text
    source: Source


class LearningGoal(_Model):
    party: Text
    goal: Text
    source: Source


class Knowledge(_Model):
    item: Text
    tacitness: Literal["tacit", "explicit", "mixed"]
    scope: Literal["component", "architectural"]
    source: Source


class Rating(_Model):
    """A level on one of Inkpen's dimensions, with the evidence for it."""

    level: Level
    evidence: Text
    source: Source


class Assessment(_Model):
    """Inkpen's (1998) dimensions, from one partner's point of view."""

    perspective: Text
    value: Rating
    protectiveness: Rating
    tacitness: Rating
    connections: Rating
    relatedness: Rating
    cultural_alignment: Rating


class Outcome(_Model):
    text: Text
    source: Source


class Fact(_Model):
    statement: Text
    value: float | int | str | None = None
    unit: str | None = None
    source: Source


class Column(_Model):
    name: Text
    meaning: Text
    unit: str | None = None


class Exhibit(_Model):
    id: CaseId
    title: Text
    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*\.csv$")]
    source: Source
    columns: list[Column] = Field(min_length=1)


class Slot(_Model):
    minutes: StrictInt = Field(gt=0)
    activity: Text


class TeachingNote(_Model):
    """The instructor's note: every part is required."""

    synopsis: Text
    learning_objectives: list[Text] = Field(min_length=1)
    assignment_questions: list[Text] = Field(min_length=1)
    time_plans: dict[str, list[Slot]]
    board_plan: list[Text] = Field(min_length=1)
    wrap_up: Text
    epilogue: list[TimelineEntry] = Field(min_length=1)

    @field_validator("time_plans", mode="before")
    @classmethod
    def _keys_as_text(cls, v: Any):
        # YAML reads an unquoted 60 as a number; accept both spellings.
        if isinstance(v, dict):
            return {str(k): val for k, val in v.items()}
        return v


class Case(_Model):
    """One case: the top level of ``case.yaml``.

    Exhibits are read from the CSV files when the case is loaded; get one as a
    DataFrame with :meth:`exhibit`.
    """

    id: CaseId
    title: Text
    synopsis: Text
    kind: Kind
    industry: Text
    parties: list[Party] = Field(min_length=1)
    dates: Dates
    timeline: list[TimelineEntry] = Field(min_length=1)
    ownership: Text | None = None
    governance: Text | None = None
    learning_goals: list[LearningGoal] = Field(default_factory=list)
    knowledge: list[Knowledge] = Field(default_factory=list)
    assessment: Assessment | None = None
    outcome: Outcome | None = None
    facts: list[Fact] = Field(min_length=1)
    exhibits: list[Exhibit] = Field(default_factory=list)
    discussion_questions: list[Text] = Field(min_length=1)
    teaching_note: TeachingNote

    _path: Path | None = PrivateAttr(default=None)
    _frames: dict = PrivateAttr(default_factory=dict)

    @property
    def path(self) -> Path | None:
        """The case file this case was read from (None if built in memory)."""
        return self._path

    def exhibit(self, exhibit_id: str):
        """The exhibit ``exhibit_id`` as a pandas DataFrame (a copy).

        Raises
        ------
        KeyError
            If the case has no exhibit of that id.
        """
        if exhibit_id not in self._frames:
            known = ", ".join(e.id for e in self.exhibits) or "none"
            raise KeyError(f"case {self.id!r} has no exhibit {exhibit_id!r} (exhibits: {known})")
        return self._frames[exhibit_id].copy()

    @property
    def exhibits_df(self) -> dict:
        """All exhibits as ``{id: DataFrame}`` (copies)."""
        return {k: v.copy() for k, v in self._frames.items()}

    def exhibit_meta(self, exhibit_id: str) -> Exhibit:
        """The declaration (title, source, columns) of an exhibit."""
        for e in self.exhibits:
            if e.id == exhibit_id:
                return e
        raise KeyError(f"case {self.id!r} has no exhibit {exhibit_id!r}")


def format_source(source: Source) -> str:
    """A source in the casebook's citation style.

    Examples
    --------
    >>> format_source(Source(reading="tallman_nd", locator="'Clusters'"))
    "Tallman (n.d.), 'Clusters'"
    >>> format_source(Source(citation="Adler, P. (1993). Time-and-motion regained.", locator="p. 98"))
    'Adler, P. (1993). Time-and-motion regained. p. 98'
    >>> format_source(Source(citation="Casebook test fixture (invented)", locator="whole file"))
    'Casebook test fixture (invented), whole file'

    A full reference usually ends in its own full stop (or a ``?`` or ``!``
    closing a title); the locator then follows after a space, never ``.,``.
    """
    head = READINGS[source.reading] if source.reading else source.citation.strip()
    return join_citation(head, source.locator)


def join_citation(head: str, locator: str | None) -> str:
    """``head, locator``, or ``head locator`` when the head ends a sentence (no ``.,``).

    Examples
    --------
    >>> join_citation("Inkpen (1998)", "Table 1")
    'Inkpen (1998), Table 1'
    >>> join_citation("Adler, P. (1993). Time-and-motion regained.", "p. 98")
    'Adler, P. (1993). Time-and-motion regained. p. 98'
    >>> join_citation("Serrat (2009)", None)
    'Serrat (2009)'
    """
    head, locator = str(head or "").strip(), str(locator or "").strip()
    if not (head and locator):
        return head or locator
    return f"{head}{' ' if head.endswith(('.', '?', '!')) else ', '}{locator}"
