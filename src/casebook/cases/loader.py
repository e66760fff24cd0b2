"""Reading case files safely, validating them and loading cases by id."""

from __future__ import annotations

import os
import re
from pathlib import Path
import yaml
from pydantic import ValidationError

from casebook.cases.base import CaseError, Problem, _display, _path_str
from casebook.cases.schema import Case
from casebook.cases.checks import _friendly, _read_exhibits, _semantic_problems

__all__ = ['validate_text', 'validate_file', 'case_files', 'validate_paths', 'load_all', 'list_cases', 'load_case']

# --------------------------------------------------------------------------
# Reading YAML safely, with duplicate keys reported
# --------------------------------------------------------------------------

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The largest case file read, in bytes (today's largest is about 16 kB).
MAX_CASE_BYTES = 256 * 1024
#: The most YAML aliases (``*name``) a case file may use. No case needs one; a
#: few are harmless, but nested aliases expand exponentially ("billion laughs").
MAX_ALIASES = 20


def _count_aliases(text: str, limit: int) -> int:
    """How many alias tokens ``text`` holds, counting stops just past ``limit``."""
    n = 0
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.AliasToken):
            n += 1
            if n > limit:
                break
    return n


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
    """Parse YAML text; returns (data, problems).

    Refuses text over :data:`MAX_CASE_BYTES` and more than :data:`MAX_ALIASES`
    aliases before building anything, so a hostile file costs little.

    Examples
    --------
    >>> laughs = 'a: &a ["x","x"]\\n' + "".join(
    ...     f"{k}: &{k} [{', '.join(['*' + p] * 9)}]\\n" for p, k in zip("abcdefgh", "bcdefghi"))
    >>> print(_parse_yaml(laughs, "c.yaml")[1][0])
    c.yaml: (yaml): more than 20 YAML aliases (*name); a case file needs none: write the values out
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_CASE_BYTES:
        return None, [Problem(file, "(file)", f"{size} bytes: larger than a case file may be ({MAX_CASE_BYTES} bytes)")]
    try:
        aliases = _count_aliases(text, MAX_ALIASES)
    except yaml.YAMLError:
        aliases = 0  # a syntax error: the parse below reports it with its line
    if aliases > MAX_ALIASES:
        return None, [Problem(file, "(yaml)", f"more than {MAX_ALIASES} YAML aliases (*name); "
                                              "a case file needs none: write the values out")]
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


def _link_outside(path: Path) -> str | None:
    """Why ``path`` must not be read, if it is a link that leaves its folder; else None.

    A case file, or the case folder holding a ``case.yaml``, may be a
    symbolic link only to something inside the folder it stands in; the
    message never shows what the link points to, nor any of its content.
    """
    try:
        for p, folder in ((path, path.parent), (path.parent, path.parent.parent)):
            if p.is_symlink() and not p.resolve().is_relative_to(folder.resolve()):
                what = "the case file" if p == path else "the case folder"
                return f"{what} is a symbolic link to somewhere outside {_display(folder)}/: not read"
            if path.name != "case.yaml":
                break
    except (OSError, RuntimeError):  # a loop of links
        return "a symbolic link that cannot be followed: not read"
    return None


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
    outside = _link_outside(path)
    if outside:
        return None, [Problem(file, "(file)", outside)]
    try:
        stamp = _stamp(path)
    except OSError as exc:
        return None, [Problem(file, "(file)", f"cannot read the file: {exc.strerror or exc}")]
    if stamp[0][2] > MAX_CASE_BYTES:
        return None, [Problem(file, "(file)",
                              f"{stamp[0][2]} bytes: larger than a case file may be ({MAX_CASE_BYTES} bytes)")]
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
