"""Cases as validated data: the schema, the loader and the validator.

A case lives in ``cases/<id>/case.yaml`` with its exhibits (CSV files) beside
it; a case without exhibits may also be a single file ``cases/<id>.yaml``.
The pydantic models below are the one definition of the case format: they
both validate a file and document its fields (``cases/README.md`` walks
through an annotated example).

Validation runs in three layers, and every problem it finds is reported as a
:class:`Problem` naming the file, the field path and what is wrong:

1. reading the file: unreadable, not UTF-8, YAML syntax, duplicate keys
   (a safe loader: no Python objects can be built from a case file);
2. shape and types: the pydantic models (unknown fields are errors);
3. meaning: id equals the file's name, years possible and in order, every
   time plan adding up to its length, the assessment present where the kind
   of case needs one, exhibit CSVs present with exactly the declared columns,
   ids unique across a folder of cases.

Examples
--------
>>> from casebook.cases import validate_text
>>> problems = validate_text("id: x\\ntitle: T\\n", name="x")
>>> "synopsis" in {p.field for p in problems}
True
>>> from casebook.cases import LEVELS, level_score
>>> LEVELS[0], level_score("very_high")
('very_low', 5)
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

__all__ = [
    "READINGS",
    "KINDS",
    "LEVELS",
    "DIMENSIONS",
    "TIME_PLAN_LENGTHS",
    "Problem",
    "CaseError",
    "Source",
    "Case",
    "level_score",
    "level_label",
    "join_citation",
    "validate_text",
    "validate_file",
    "validate_paths",
    "case_files",
    "list_cases",
    "load_case",
    "load_all",
    "comparison_table",
    "format_source",
]

#: Reading keys a ``source`` may name, with the short citation used in prose.
READINGS: dict[str, str] = {
    "inkpen1996": "Inkpen (1996)",
    "inkpen1998": "Inkpen (1998)",
    "serrat2009": "Serrat (2009)",
    "suarezvilla1998": "Suarez-Villa (1998)",
    "tallman_nd": "Tallman (n.d.)",
}

#: The kinds of case.
KINDS = ("equity_jv", "non_equity_alliance", "cluster", "alliance_network", "research_study")

#: The five-level scale of an assessment, scored 1..5 in this order.
LEVELS = ("very_low", "low", "medium", "high", "very_high")

#: Inkpen's (1998) dimensions, in the order the casebook shows them, with labels.
DIMENSIONS: dict[str, str] = {
    "value": "Value of the knowledge",
    "protectiveness": "Partner protectiveness",
    "tacitness": "Tacitness",
    "connections": "Knowledge connections",
    "relatedness": "Relatedness",
    "cultural_alignment": "Cultural alignment",
}

#: Session lengths (minutes) every teaching note plans for.
TIME_PLAN_LENGTHS = (60, 80, 90)

#: Kinds of case that must carry an assessment.
ASSESSED_KINDS = ("equity_jv", "non_equity_alliance")

FIRST_YEAR = 1900


def level_score(level: str) -> int:
    """The score 1..5 of a level of the five-level scale.

    Examples
    --------
    >>> [level_score(x) for x in ("very_low", "medium", "very_high")]
    [1, 3, 5]
    """
    return LEVELS.index(level) + 1


def level_label(level: str) -> str:
    """A level of the five-level scale as words, for display.

    Examples
    --------
    >>> level_label("very_high")
    'very high'
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    return level.replace("_", " ")


def _this_year() -> int:
    return _dt.date.today().year


# --------------------------------------------------------------------------
# Problems
# --------------------------------------------------------------------------


def _display(path: Path | str) -> str:
    """A path as a user would type it: relative to the working folder if inside it."""
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:  # another drive on Windows
        return str(p)
    return str(p) if rel.startswith("..") else rel.replace(os.sep, "/")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case file.

    Examples
    --------
    >>> str(Problem("cases/x/case.yaml", "dates.end", "1980 is before the start, 1984"))
    'cases/x/case.yaml: dates.end: 1980 is before the start, 1984'
    """

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class CaseError(ValueError):
    """A case could not be loaded; ``problems`` lists why.

    Examples
    --------
    >>> err = CaseError([Problem("a.yaml", "id", "missing")])
    >>> str(err)
    'a.yaml: id: missing'
    """

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _path_str(loc) -> str:
    """``('teaching_note', 'time_plans', '60', 2, 'minutes')`` -> ``teaching_note.time_plans.60[2].minutes``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


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


# --------------------------------------------------------------------------
# Reading YAML safely, with duplicate keys reported
# --------------------------------------------------------------------------

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _duplicate_keys(node, loc=()):
    """Yield (loc, key, line) for every key repeated inside a mapping of the node tree."""
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None:
                if key in seen:
                    yield loc, key, key_node.start_mark.line + 1
                seen.add(key)
            yield from _duplicate_keys(value_node, loc + ((key if key is not None else "?"),))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicate_keys(item, loc + (i,))


def _parse_yaml(text: str, file: str):
    """Parse YAML text; returns (data, problems)."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            return None, [Problem(file, "(yaml)", f"not valid YAML{where}: {what}")]
        if node is None:
            return None, [Problem(file, "(top level)", "the file is empty")]
        dups = [
            Problem(file, _path_str(loc + (key,)), f"duplicate key {key!r} (line {line})")
            for loc, key, line in _duplicate_keys(node)
        ]
        if dups:
            return None, dups
        try:
            data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            return None, [Problem(file, "(yaml)", f"cannot read the YAML: {str(exc).splitlines()[0]}")]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, [Problem(file, "(top level)", f"expected a mapping of fields, found {type(data).__name__}")]
    return data, []


# --------------------------------------------------------------------------
# Checks beyond types
# --------------------------------------------------------------------------


def _friendly(err: dict) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "extra_forbidden":
        return "unknown field (not in the case schema; see cases/README.md)"
    if kind == "missing":
        return "missing (a required field)"
    if kind == "literal_error":
        return f"{err.get('input')!r} is not allowed: {msg[len('Input should be '):] if msg.startswith('Input should be ') else msg}"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if "input" in err and kind not in ("model_type", "dict_type", "list_type") and isinstance(err["input"], (str, int, float, bool)) :
        shown = repr(err["input"])
        if len(shown) > 40:
            shown = shown[:37] + "..."
        return f"{msg} (got {shown})"
    return msg


def _check_year(problems, file, field, year, lo=FIRST_YEAR, what="year"):
    now = _this_year()
    if not lo <= year <= now:
        problems.append(Problem(file, field, f"impossible {what} {year}: expected {lo}..{now}"))


def _semantic_problems(case: Case, file: str, expected_id: str | None):
    out: list[Problem] = []
    if expected_id is not None and case.id != expected_id:
        out.append(Problem(file, "id", f"{case.id!r} differs from the file's folder/name {expected_id!r}"))
    start, end = case.dates.start, case.dates.end
    _check_year(out, file, "dates.start", start)
    if end is not None:
        _check_year(out, file, "dates.end", end)
        if end < start:
            out.append(Problem(file, "dates.end", f"{end} is before the start, {start}"))
    for i, entry in enumerate(case.timeline):
        _check_year(out, file, f"timeline[{i}].year", entry.year)
    for i, entry in enumerate(case.teaching_note.epilogue):
        _check_year(out, file, f"teaching_note.epilogue[{i}].year", entry.year)
        if entry.year < start:
            out.append(Problem(file, f"teaching_note.epilogue[{i}].year",
                               f"{entry.year} is before the case starts ({start}); an epilogue tells what happened later"))
    plans = case.teaching_note.time_plans
    for key in plans:
        if key not in {str(n) for n in TIME_PLAN_LENGTHS}:
            out.append(Problem(file, f"teaching_note.time_plans.{key}",
                               f"unknown session length; expected {', '.join(map(str, TIME_PLAN_LENGTHS))}"))
    for n in TIME_PLAN_LENGTHS:
        slots = plans.get(str(n))
        if slots is None:
            out.append(Problem(file, f"teaching_note.time_plans.{n}", f"missing: the teaching note needs a {n}-minute plan"))
            continue
        if not slots:
            out.append(Problem(file, f"teaching_note.time_plans.{n}", "empty plan"))
            continue
        total = sum(s.minutes for s in slots)
        if total != n:
            out.append(Problem(file, f"teaching_note.time_plans.{n}", f"minutes add up to {total}, expected {n}"))
    if case.kind in ASSESSED_KINDS and case.assessment is None:
        out.append(Problem(file, "assessment", f"missing: required for a case of kind {case.kind}"))
    seen: dict[str, int] = {}
    for i, ex in enumerate(case.exhibits):
        if ex.id in seen:
            out.append(Problem(file, f"exhibits[{i}].id", f"duplicate exhibit id {ex.id!r} (also exhibits[{seen[ex.id]}])"))
        seen.setdefault(ex.id, i)
        names = [c.name for c in ex.columns]
        if len(set(names)) != len(names):
            out.append(Problem(file, f"exhibits[{i}].columns", "column names repeat"))
    return out


def _read_exhibits(case: Case, folder: Path, file: str):
    """Read every exhibit CSV; returns (frames, problems)."""
    import pandas as pd

    frames, out = {}, []
    for i, ex in enumerate(case.exhibits):
        csv = folder / ex.file
        field = f"exhibits[{i}].file"
        shown = _display(csv)
        if not csv.is_file():
            out.append(Problem(file, field, f"exhibit file {shown} not found"))
            continue
        try:
            df = pd.read_csv(csv, encoding="utf-8", skipinitialspace=True)
        except UnicodeDecodeError:
            out.append(Problem(file, field, f"{shown} is not UTF-8 text"))
            continue
        except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            out.append(Problem(file, field, f"cannot read {shown}: {str(exc).splitlines()[0] or type(exc).__name__}"))
            continue
        declared = [c.name for c in ex.columns]
        found = [str(c).strip() for c in df.columns]
        if found != declared:
            out.append(Problem(file, f"exhibits[{i}].columns",
                               f"{shown} has columns {found}, the case declares {declared} (names and order must match)"))
            continue
        df.columns = found
        if df.empty:
            out.append(Problem(file, field, f"{shown} has no rows"))
            continue
        bad = False
        for j, col in enumerate(ex.columns):
            if col.unit is not None and not pd.api.types.is_numeric_dtype(df[col.name]):
                out.append(Problem(file, f"exhibits[{i}].columns[{j}].unit",
                                   f"column {col.name!r} has a unit ({col.unit}) but {shown} holds non-numbers in it"))
                bad = True
        if not bad:
            frames[ex.id] = df
    return frames, out


# --------------------------------------------------------------------------
# Validating files and folders
# --------------------------------------------------------------------------


def validate_text(text: str, name: str | None = None, file: str = "<text>", folder: Path | None = None):
    """Validate the YAML text of one case; returns the list of problems.

    Parameters
    ----------
    text : str
        The YAML.
    name : str, optional
        The id the case must have (its folder's name); not checked if None.
    file : str
        How to name the file in problems.
    folder : Path, optional
        Where its exhibit CSVs are; exhibits are not read if None.

    Examples
    --------
    >>> print(validate_text("id: [1\\n", file="c.yaml")[0])
    c.yaml: (yaml): not valid YAML at line 2, column 1: ...
    """
    return _validate(text, name, file, folder)[1]


def _validate(text, name, file, folder):
    data, problems = _parse_yaml(text, file)
    if data is None:
        return None, problems
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        return None, [Problem(file, _path_str(e["loc"]), _friendly(e)) for e in exc.errors()]
    problems = _semantic_problems(case, file, name)
    if folder is not None:
        frames, more = _read_exhibits(case, folder, file)
        problems += more
        case._frames = frames
    return (None if problems else case), problems


_CACHE: dict[Path, tuple] = {}


def _stamp(path: Path):
    """A cheap fingerprint of a case file and the files beside it."""
    st = path.stat()
    parts = [(path.name, st.st_mtime_ns, st.st_size)]
    if path.name == "case.yaml":
        with os.scandir(path.parent) as it:
            parts += sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in it if e.is_file())
    return tuple(parts)


def _expected_id(path: Path) -> str:
    return path.parent.name if path.name == "case.yaml" else path.stem


def validate_file(path) -> tuple[Case | None, list[Problem]]:
    """Read and validate one case file; returns ``(case or None, problems)``.

    Results are cached by the file's path and modification time (and those of
    the files beside a ``case.yaml``), so loading every case again is cheap.
    """
    path = Path(path)
    file = _display(path)
    if path.is_dir():
        if not (path / "case.yaml").exists():
            return None, [Problem(file + "/", "case.yaml", "missing: the case folder has no case.yaml")]
        path = path / "case.yaml"
        file = _display(path)
    try:
        stamp = _stamp(path)
    except OSError as exc:
        return None, [Problem(file, "(file)", f"cannot read the file: {exc.strerror or exc}")]
    key = path.resolve()
    hit = _CACHE.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1], [Problem(file, p.field, p.message) for p in hit[2]]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(file, "(file)", f"cannot read the file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(file, "(file)", f"not UTF-8 text (byte {exc.start})")]
    case, problems = _validate(text, _expected_id(path), file, path.parent)
    if case is not None:
        case._path = path
    _CACHE[key] = (stamp, case, problems)
    return case, problems


def case_files(root=None) -> list[Path]:
    """The case files in a folder of cases: ``<id>/case.yaml`` and ``<id>.yaml``.

    Folders whose name starts with ``.`` or ``_`` are skipped. A folder
    without a ``case.yaml`` is returned as the folder itself (the validator
    reports it).
    """
    from casebook.paths import cases_dir

    root = Path(root) if root is not None else cases_dir()
    out = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith((".", "_")) or entry.name == "__pycache__":
            continue
        if entry.is_dir():
            out.append(entry / "case.yaml" if (entry / "case.yaml").exists() else entry)
        elif entry.suffix in (".yaml", ".yml"):
            out.append(entry)
    return out


def validate_paths(paths=None) -> tuple[list[Case], list[Problem]]:
    """Validate case files and folders; returns ``(valid cases, problems)``.

    Each path may be a case file, a case folder (holding ``case.yaml``) or a
    folder of cases. With no paths, the casebook's cases folder is used.
    Ids must be unique across everything validated together.
    """
    from casebook.paths import cases_dir

    paths = [Path(p) for p in (paths or [cases_dir()])]
    files: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        if not p.exists():
            problems.append(Problem(_display(p), "(file)", "no such file or folder"))
        elif p.is_dir() and not (p / "case.yaml").exists() and (
            any(c.is_dir() or c.suffix in (".yaml", ".yml") for c in p.iterdir())
        ):
            files += case_files(p)
        else:
            files.append(p)
    cases: list[Case] = []
    first: dict[str, str] = {}
    for f in files:
        case, probs = validate_file(f)
        problems += probs
        if case is None:
            continue
        shown = _display(case.path)
        if case.id in first:
            problems.append(Problem(shown, "id", f"duplicate id {case.id!r} (also in {first[case.id]})"))
            continue
        first[case.id] = shown
        cases.append(case)
    return cases, problems


# --------------------------------------------------------------------------
# The API the chapters and widgets use
# --------------------------------------------------------------------------


def load_all(root=None) -> dict[str, Case]:
    """Every valid case in the cases folder, as ``{id: Case}`` sorted by id.

    Invalid files are skipped (``python -m casebook validate`` reports them).

    Examples
    --------
    >>> from casebook.paths import repo_root
    >>> fixture = repo_root() / "tests" / "cases_fixture"
    >>> sorted(load_all(fixture))
    ['fixture_jv']
    """
    cases, _ = validate_paths([root] if root is not None else None)
    return {c.id: c for c in sorted(cases, key=lambda c: c.id)}


def list_cases(root=None) -> list[str]:
    """The ids, sorted, of every valid case in the cases folder.

    Examples
    --------
    >>> from casebook.paths import repo_root
    >>> list_cases(repo_root() / "tests" / "cases_fixture")
    ['fixture_jv']
    """
    return list(load_all(root))


def load_case(case_id: str, root=None) -> Case:
    """Load one case by id, with its exhibits read as DataFrames.

    Raises
    ------
    CaseError
        If there is no such case or it does not validate (``err.problems``).

    Examples
    --------
    >>> from casebook.paths import repo_root
    >>> case = load_case("fixture_jv", repo_root() / "tests" / "cases_fixture")
    >>> case.kind, case.assessment.value.level
    ('equity_jv', 'high')
    >>> case.exhibit("staff").columns.tolist()
    ['year', 'engineers']
    """
    from casebook.paths import cases_dir

    root = Path(root) if root is not None else cases_dir()
    if not isinstance(case_id, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", case_id):
        raise _unknown_id(root, case_id, f"{case_id!r} is not a case id (lowercase letters, digits and _)")
    for candidate in (root / case_id / "case.yaml", root / f"{case_id}.yaml"):
        if candidate.exists():
            case, problems = validate_file(candidate)
            if case is None:
                raise CaseError(problems)
            return case
    raise _unknown_id(root, case_id, f"no case {case_id!r}")


def _unknown_id(root: Path, case_id, what: str) -> CaseError:
    """The error for an id that names no case: ``what``, the nearest ids, then every valid id.

    Examples
    --------
    >>> from casebook.paths import repo_root
    >>> print(_unknown_id(repo_root() / "tests" / "cases_fixture", "Fixture_JV", "no case 'Fixture_JV'").problems[0].message)
    no case 'Fixture_JV'; did you mean fixture_jv? (cases: fixture_jv)
    """
    import difflib

    known = list_cases(root)
    wanted = str(case_id).strip().lower()
    near = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    if len(wanted) >= 3:
        near += [k for k in known if k.startswith(wanted) and k not in near]
    near = near[:3]
    hint = ""
    if near:
        hint = "; did you mean " + (f"{', '.join(near[:-1])} or {near[-1]}" if len(near) > 1 else near[0]) + "?"
    return CaseError([Problem(_display(root), "id", f"{what}{hint} (cases: {', '.join(known) or 'none'})")])


def comparison_table(cases=None, root=None):
    """A tidy table of every assessment: one row per case and Inkpen dimension.

    Parameters
    ----------
    cases : iterable of Case, optional
        Defaults to every valid case in the cases folder that has an assessment.
    root : path, optional
        The cases folder (when ``cases`` is None).

    Returns
    -------
    pandas.DataFrame
        Columns ``case, title, kind, perspective, dimension, label, level,
        score, evidence, source``; ``score`` is 1..5 (see :data:`LEVELS`).

    Examples
    --------
    >>> from casebook.paths import repo_root
    >>> t = comparison_table(root=repo_root() / "tests" / "cases_fixture")
    >>> t[["dimension", "score"]].head(2).to_dict("records")
    [{'dimension': 'value', 'score': 4}, {'dimension': 'protectiveness', 'score': 2}]
    """
    import pandas as pd

    if cases is None:
        cases = load_all(root).values()
    rows = []
    for case in cases:
        a = case.assessment
        if a is None:
            continue
        for dim, label in DIMENSIONS.items():
            r: Rating = getattr(a, dim)
            rows.append({
                "case": case.id, "title": case.title, "kind": case.kind,
                "perspective": a.perspective, "dimension": dim, "label": label,
                "level": r.level, "score": level_score(r.level),
                "evidence": r.evidence, "source": format_source(r.source),
            })
    cols = ["case", "title", "kind", "perspective", "dimension", "label", "level", "score", "evidence", "source"]
    return pd.DataFrame(rows, columns=cols)


def escape(text) -> str:
    """HTML-escape text taken from a case file (quotes included).

    Examples
    --------
    >>> escape("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    return html.escape(str(text), quote=True)
