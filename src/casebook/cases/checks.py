"""Checks beyond types: dates, time plans, assessments and exhibit CSVs."""

from __future__ import annotations

from pathlib import Path

from casebook.cases.base import ASSESSED_KINDS, FIRST_YEAR, Problem, REQUIRED_TIME_PLAN_LENGTHS, TIME_PLAN_LENGTHS, _display, _this_year
from casebook.cases.schema import Case

__all__ = []

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
        if slots is None and n not in REQUIRED_TIME_PLAN_LENGTHS:
            continue
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
