"""The phase table's records, its validation and its loader (see :mod:`casebook.models.phases`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "MODES",
    "PhaseTableError",
    "Source",
    "Dimension",
    "Phase",
    "Cell",
    "Factor",
    "Rule",
    "PhaseTable",
    "default_path",
    "load_phases",
    "parse_phases",
]

#: Learning modes of Table 2's bottom row, from unilateral to mutual.
MODES = ("unilateral", "mostly_unilateral", "both", "mostly_mutual")

_OBJECTIVES = ("value", "access", "tacitness", "connections", "related", "culture")


class PhaseTableError(ValueError):
    """A problem in the phase-table file, naming the file and the field."""

    def __init__(self, file: str, field: str, message: str):
        self.file, self.field = file, field
        super().__init__(f"{file}: field '{field}': {message}")


PhaseTableError.__module__ = "casebook.models.phases"  # its public home


@dataclass(frozen=True)
class Source:
    """Where an entry comes from: a reading key and a locator in it."""

    reading: str
    locator: str

    def __str__(self) -> str:
        names = {"serrat2009": "Serrat (2009)", "inkpen1998": "Inkpen (1998)"}
        return f"{names.get(self.reading, self.reading)}, {self.locator}"


@dataclass(frozen=True)
class Dimension:
    """A row of Table 2 (one of Doz's five areas of learning)."""

    key: str
    name: str
    meaning: str
    source: Source


@dataclass(frozen=True)
class Phase:
    """A column of Table 2 (a phase of the alliance's life)."""

    key: str
    number: int
    name: str
    meaning: str
    mode: str
    mode_label: str
    source: Source


@dataclass(frozen=True)
class Cell:
    """What partners should learn in one dimension during one phase."""

    dimension: str
    phase: str
    text: str
    source: Source


@dataclass(frozen=True)
class Factor:
    """A factor that conditions progress in every phase.

    ``objectives`` are the chapter 03 diagnostic objectives it maps to (the
    casebook's own link; ``why`` argues it).
    """

    key: str
    name: str
    meaning: str
    source: Source
    objectives: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Rule:
    """One of Hughes and Weiss's simple rules: a shift of emphasis."""

    number: int
    from_: str
    to: str
    source: Source


@dataclass(frozen=True)
class PhaseTable:
    """The validated contents of ``phases.yaml``."""

    file: str
    dimensions: tuple[Dimension, ...]
    phases: tuple[Phase, ...]
    cells: Mapping[tuple[str, str], Cell]
    factors: tuple[Factor, ...]
    objective_dimensions: Mapping[str, tuple[str, ...]]
    rules: tuple[Rule, ...]
    steps: tuple[str, ...]
    steps_source: Source
    cycle: tuple[tuple[str, str, str], ...]
    cycle_source: Source
    asymmetries: tuple[tuple[str, str, str], ...]
    asymmetries_source: Source

    def phase(self, key) -> Phase:
        """The phase with this key or number (1..4)."""
        for p in self.phases:
            if key == p.key or (isinstance(key, int) and not isinstance(key, bool) and key == p.number):
                return p
        raise KeyError(f"unknown phase {key!r}; expected one of {[p.key for p in self.phases]} or 1..4")

    def dimension(self, key: str) -> Dimension:
        """The dimension with this key."""
        for d in self.dimensions:
            if key == d.key:
                return d
        raise KeyError(f"unknown dimension {key!r}; expected one of {[d.key for d in self.dimensions]}")


def default_path() -> Path:
    """The package's phase-table file."""
    from casebook.paths import data_dir

    return data_dir() / "phases.yaml"


# --- validation helpers ----------------------------------------------------

def _need(doc, key, file, where, kind=None):
    if not isinstance(doc, Mapping) or key not in doc:
        raise PhaseTableError(file, f"{where}{key}", "is missing")
    value = doc[key]
    if kind is str and (not isinstance(value, str) or not value.strip()):
        raise PhaseTableError(file, f"{where}{key}", f"must be non-empty text, got {value!r}")
    if kind is list and not isinstance(value, list):
        raise PhaseTableError(file, f"{where}{key}", f"must be a list, got {type(value).__name__}")
    if kind is dict and not isinstance(value, Mapping):
        raise PhaseTableError(file, f"{where}{key}", f"must be a mapping, got {type(value).__name__}")
    return value


def _only(doc, allowed, file, where):
    extra = sorted(set(doc) - set(allowed))
    if extra:
        raise PhaseTableError(file, f"{where}{extra[0]}", f"is not a known field (allowed: {sorted(allowed)})")


def _plain_source(doc, file, field) -> Source:
    if not isinstance(doc, Mapping):
        raise PhaseTableError(file, field, "must be a mapping with 'reading' and 'locator'")
    _only(doc, {"reading", "locator"}, file, f"{field}.")
    return Source(_need(doc, "reading", file, f"{field}.", str), _need(doc, "locator", file, f"{field}.", str))


_TOP = {"reading", "table_source", "dimensions", "phases", "cells", "factors", "objective_dimensions",
        "rules", "steps", "steps_source", "shortcomings_source", "cycle", "asymmetries",
        "asymmetries_source", "asymmetries_note"}


def parse_phases(doc, file: str = "phases.yaml") -> PhaseTable:
    """Validate a parsed phase-table document and build a :class:`PhaseTable`.

    Raises
    ------
    PhaseTableError
        Naming ``file`` and the offending field, for a missing, unknown,
        empty or inconsistent entry (e.g. a missing cell of the table).

    Examples
    --------
    >>> import yaml
    >>> doc = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    >>> del doc["cells"]["goals"]["expansion"]
    >>> parse_phases(doc, "my.yaml")
    Traceback (most recent call last):
    ...
    casebook.models.phases.PhaseTableError: my.yaml: field 'cells.goals.expansion': is missing
    """
    if not isinstance(doc, Mapping):
        raise PhaseTableError(file, "<top>", "the file must hold a mapping")
    _only(doc, _TOP, file, "")
    reading = _need(doc, "reading", file, "", str)
    table_src = _plain_source(_need(doc, "table_source", file, "", dict), file, "table_source")

    dims = []
    for i, d in enumerate(_need(doc, "dimensions", file, "", list)):
        w = f"dimensions[{i}]."
        if not isinstance(d, Mapping):
            raise PhaseTableError(file, w[:-1], "must be a mapping")
        _only(d, {"key", "name", "meaning", "source"}, file, w)
        dims.append(Dimension(_need(d, "key", file, w, str), _need(d, "name", file, w, str),
                              _need(d, "meaning", file, w, str),
                              _plain_source(_need(d, "source", file, w, dict), file, w + "source")))
    if len(dims) != 5 or len({d.key for d in dims}) != 5:
        raise PhaseTableError(file, "dimensions", f"must list five distinct dimensions, got {[d.key for d in dims]}")

    phases = []
    for i, p in enumerate(_need(doc, "phases", file, "", list)):
        w = f"phases[{i}]."
        if not isinstance(p, Mapping):
            raise PhaseTableError(file, w[:-1], "must be a mapping")
        _only(p, {"key", "number", "name", "meaning", "mode", "mode_label", "source"}, file, w)
        number = _need(p, "number", file, w)
        if number != i + 1 or isinstance(number, bool):
            raise PhaseTableError(file, w + "number", f"must be {i + 1} (phases in order), got {number!r}")
        mode = _need(p, "mode", file, w, str)
        if mode not in MODES:
            raise PhaseTableError(file, w + "mode", f"is {mode!r}; expected one of {list(MODES)}")
        phases.append(Phase(_need(p, "key", file, w, str), number, _need(p, "name", file, w, str),
                            _need(p, "meaning", file, w, str), mode, _need(p, "mode_label", file, w, str),
                            _plain_source(_need(p, "source", file, w, dict), file, w + "source")))
    if len(phases) != 4 or len({p.key for p in phases}) != 4:
        raise PhaseTableError(file, "phases", f"must list four distinct phases, got {[p.key for p in phases]}")
    ranks = [MODES.index(p.mode) for p in phases]
    if ranks != sorted(ranks):
        raise PhaseTableError(file, "phases", "learning modes must run from unilateral toward mutual")

    raw = _need(doc, "cells", file, "", dict)
    _only(raw, {d.key for d in dims}, file, "cells.")
    cells = {}
    for d in dims:
        row = _need(raw, d.key, file, "cells.", dict)
        _only(row, {p.key for p in phases}, file, f"cells.{d.key}.")
        for p in phases:
            text = _need(row, p.key, file, f"cells.{d.key}.", str)
            cells[(d.key, p.key)] = Cell(
                d.key, p.key, text.strip(),
                Source(table_src.reading, f"Table 2 (after Iyer 2002), row '{d.name}', column '{p.name.title()}'"
                       .replace("And Partner", "and Partner").replace("To Relationship", "to Relationship")))

    factors = []
    for i, f in enumerate(_need(doc, "factors", file, "", list)):
        w = f"factors[{i}]."
        if not isinstance(f, Mapping):
            raise PhaseTableError(file, w[:-1], "must be a mapping")
        _only(f, {"key", "name", "meaning", "source", "objectives", "why"}, file, w)
        objs = _need(f, "objectives", file, w, list)
        bad = [o for o in objs if o not in _OBJECTIVES]
        if bad or not objs:
            raise PhaseTableError(file, w + "objectives", f"unknown objective(s) {bad}; expected some of {list(_OBJECTIVES)}")
        factors.append(Factor(_need(f, "key", file, w, str), _need(f, "name", file, w, str),
                              _need(f, "meaning", file, w, str),
                              _plain_source(_need(f, "source", file, w, dict), file, w + "source"),
                              tuple(objs), _need(f, "why", file, w, str)))
    if len(factors) != 4:
        raise PhaseTableError(file, "factors", f"must list the four conditioning factors, got {len(factors)}")

    od = _need(doc, "objective_dimensions", file, "", dict)
    if set(od) != set(_OBJECTIVES):
        raise PhaseTableError(file, "objective_dimensions", f"must map exactly the six objectives {list(_OBJECTIVES)}")
    dim_keys = [d.key for d in dims]
    obj_dims = {}
    for o in _OBJECTIVES:
        ds = od[o]
        if not isinstance(ds, list) or not ds or any(x not in dim_keys for x in ds):
            raise PhaseTableError(file, f"objective_dimensions.{o}", f"must be a non-empty list of {dim_keys}, got {ds!r}")
        obj_dims[o] = tuple(ds)

    rules = []
    for i, r in enumerate(_need(doc, "rules", file, "", list)):
        w = f"rules[{i}]."
        _only(r, {"number", "from", "to", "source"}, file, w)
        rules.append(Rule(_need(r, "number", file, w), _need(r, "from", file, w, str), _need(r, "to", file, w, str),
                          _plain_source(_need(r, "source", file, w, dict), file, w + "source")))
    if [r.number for r in rules] != [1, 2, 3, 4, 5]:
        raise PhaseTableError(file, "rules", "must hold Hughes and Weiss's five rules, numbered 1 to 5")

    steps = []
    for i, s in enumerate(_need(doc, "steps", file, "", list)):
        w = f"steps[{i}]."
        _only(s, {"number", "text"}, file, w)
        if _need(s, "number", file, w) != i + 1:
            raise PhaseTableError(file, w + "number", f"must be {i + 1}")
        steps.append(_need(s, "text", file, w, str))
    if len(steps) != 12:
        raise PhaseTableError(file, "steps", f"must hold the twelve conventional steps, got {len(steps)}")

    cyc = _need(doc, "cycle", file, "", dict)
    _only(cyc, {"stages", "levels", "source"}, file, "cycle.")
    cycle = []
    for i, s in enumerate(_need(cyc, "stages", file, "cycle.", list)):
        w = f"cycle.stages[{i}]."
        cycle.append((_need(s, "key", file, w, str), _need(s, "name", file, w, str), _need(s, "meaning", file, w, str)))
    asym = []
    for i, a in enumerate(_need(doc, "asymmetries", file, "", list)):
        w = f"asymmetries[{i}]."
        asym.append((_need(a, "key", file, w, str), _need(a, "name", file, w, str), _need(a, "meaning", file, w, str)))
    if len(asym) != 3:
        raise PhaseTableError(file, "asymmetries", f"must hold the three asymmetries, got {len(asym)}")
    if reading != table_src.reading:
        raise PhaseTableError(file, "table_source.reading", f"must equal 'reading' ({reading!r})")
    return PhaseTable(
        file=file, dimensions=tuple(dims), phases=tuple(phases), cells=cells, factors=tuple(factors),
        objective_dimensions=obj_dims, rules=tuple(rules), steps=tuple(steps),
        steps_source=_plain_source(_need(doc, "steps_source", file, "", dict), file, "steps_source"),
        cycle=tuple(cycle), cycle_source=_plain_source(_need(cyc, "source", file, "cycle.", dict), file, "cycle.source"),
        asymmetries=tuple(asym),
        asymmetries_source=_plain_source(_need(doc, "asymmetries_source", file, "", dict), file, "asymmetries_source"),
    )


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> PhaseTable:
    from casebook.data import read_yaml  # the data layer reads; the model validates

    return parse_phases(read_yaml(path, PhaseTableError), Path(path).name)


def load_phases(path=None) -> PhaseTable:
    """Load and validate the phase table (the package's file by default).

    Parameters
    ----------
    path : str or Path, optional
        Another phase-table file with the same shape.

    Raises
    ------
    PhaseTableError
        Naming the file and the field, if the file is unreadable or invalid.

    Examples
    --------
    >>> t = load_phases()
    >>> len(t.cells), len(t.factors), len(t.rules), len(t.steps)
    (20, 4, 5, 12)
    """
    p = Path(path) if path is not None else default_path()
    if not p.is_file():
        raise PhaseTableError(str(p), "<file>", "no such file")
    return _load_cached(str(p.resolve()), p.stat().st_mtime)


