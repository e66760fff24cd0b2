"""Questions as data: each chapter's exercises live in ``chapters/NN_slug.questions.yaml``.

A chapter cell asks for a question by its id, in one line::

    ask("ch05.gm1984")

and :func:`ask` builds the exercise (:mod:`casebook.classroom.exercises`)
from the chapter's question file, so no answer, solution or argument sits in
a cell a student can read. The format is documented field by field in
:mod:`casebook.classroom.questions_schema` and, for authors, in
``chapters/QUESTIONS.md``; ``python -m casebook validate`` checks every
question file (one line per problem, ``FILE: FIELD: message``).

The files are found in :func:`casebook.paths.chapters_dir` (the checkout's
``chapters/``, or ``CASEBOOK_CHAPTERS``), never relative to the folder a
notebook runs in, so a chapter run from the student's working copy finds
them too.

Validation has three layers, as for cases: reading (YAML syntax, duplicate
keys, a safe loader), shape (the pydantic models, unknown fields are errors)
and meaning (ids belong to the file's chapter, the named case exists and has
an outcome, the judge resolves and accepts every option's params).

Examples
--------
>>> q = get_question("ch00.try_tacit")
>>> q.kind
'multiple_choice'
>>> problems = validate_question_text("questions: [{id: ch01.x, kind: numeric}]", file="q.yaml")
>>> print(problems[0])
q.yaml: questions[0].prompt: missing (a required field) (in ch01.x)
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from casebook.cases.base import CaseError, Problem, _display, _path_str
from casebook.classroom.questions_schema import QUESTION_KINDS, SOURCE_TAGS, QuestionFile, chapter_of, cite

__all__ = ["QuestionError", "question_files", "question_file", "validate_question_text",
           "validate_question_file", "validate_question_paths", "load_questions", "get_question",
           "all_questions", "ask", "render_solution", "cite"]

SUFFIX = ".questions.yaml"
_FILE = re.compile(r"^([0-9]{2})_[A-Za-z0-9_]+\.questions\.yaml$")


class QuestionError(CaseError):
    """A question file is malformed or a question id is unknown; ``problems`` lists why."""


# --------------------------------------------------------------------------- finding files
def question_files(root=None) -> list[Path]:
    """The chapters' question files, in chapter order.

    Examples
    --------
    >>> [p.name[:2] for p in question_files()][:3]
    ['00', '01', '02']
    """
    from casebook.paths import chapters_dir

    folder = Path(root) if root is not None else chapters_dir()
    return sorted(p for p in folder.glob(f"*{SUFFIX}") if p.is_file())


def question_file(chapter: str, root=None) -> Path:
    """The question file of a chapter (``"05"``).

    Raises
    ------
    QuestionError
        If the chapter has none, or more than one.
    """
    found = [p for p in question_files(root) if p.name.startswith(f"{chapter}_")]
    if len(found) != 1:
        from casebook.paths import chapters_dir

        where = _display(Path(root) if root is not None else chapters_dir())
        what = "no question file" if not found else f"{len(found)} question files"
        raise QuestionError([Problem(where, f"{chapter}_*{SUFFIX}",
                                     f"{what} for chapter {chapter}")])
    return found[0]


# --------------------------------------------------------------------------- validating
#: Limits that keep a hostile file from exhausting memory or time.
MAX_CHARS = 2_000_000
MAX_NODES = 200_000


def _expanded_size(data, budget: int = MAX_NODES + 1) -> int:
    """How many values ``data`` holds with shared (aliased) parts counted each time; stops past ``budget``."""
    count, stack = 0, [data]
    while stack and count <= budget:
        node = stack.pop()
        count += 1
        if isinstance(node, dict):
            stack.extend(node.values())
            count += len(node)
        elif isinstance(node, list):
            stack.extend(node)
    return count


_FIELD_MSG = re.compile(r"^\[([a-z_]+)\] (.*)$", re.S)


def _friendly(err: dict) -> tuple[tuple, str]:
    """``(extra location, message)`` for one pydantic error."""
    from casebook.cases.checks import _friendly as case_friendly

    kind = err["type"]
    if kind == "extra_forbidden":
        return (), "unknown field (not in the question schema; see chapters/QUESTIONS.md)"
    if kind == "union_tag_invalid":
        tag = (err.get("ctx") or {}).get("tag")
        return ("kind",), f"unknown kind {tag!r}; use one of {', '.join(QUESTION_KINDS)}"
    if kind == "union_tag_not_found":
        return ("kind",), f"missing (a required field): use one of {', '.join(QUESTION_KINDS)}"
    if kind == "too_short" and err["loc"] and err["loc"][-1] == "sources":
        return (), "needs at least one source: say where the question's facts come from"
    if kind == "string_pattern_mismatch" and err["loc"]:
        last = err["loc"][-1]
        if last == "model":
            return (), f"{err.get('input')!r} is not a module of casebook.models (e.g. casebook.models.races)"
        if last == "id":
            return (), f"{err.get('input')!r}: use 'chNN.slug' (lower case letters, digits, '_', '.', '-')"
        if last == "judge":
            return (), f"{err.get('input')!r}: name a judge as 'concept.function', e.g. 'races.who_first'"
    msg = case_friendly(err)
    m = _FIELD_MSG.match(msg)
    if m:
        return (m.group(1),), m.group(2)
    return (), msg


def _loc(loc: tuple) -> tuple:
    """Drop the tags pydantic puts in a discriminated union's location (the kind, the source form)."""
    out = []
    for i, part in enumerate(loc):
        if isinstance(part, str) and i and isinstance(loc[i - 1], int) and (
                (part in QUESTION_KINDS and loc[0] == "questions" and i == 2) or part in SOURCE_TAGS):
            continue
        if isinstance(part, str) and part in SOURCE_TAGS:
            continue
        out.append(part)
    return tuple(out)


def _ids(data) -> dict[int, str]:
    qs = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(qs, list):
        return {}
    return {i: q["id"] for i, q in enumerate(qs) if isinstance(q, dict) and isinstance(q.get("id"), str)}


def _semantic(qf: QuestionFile, file: str, chapter: str | None) -> list[Problem]:
    from casebook.classroom.judges import JudgeError, judge_option

    out, first = [], {}
    for i, q in enumerate(qf.questions):
        where = f"questions[{i}]"
        if q.id in first:
            out.append(Problem(file, f"{where}.id", f"duplicate id {q.id!r} (also questions[{first[q.id]}])"))
        first.setdefault(q.id, i)
        if chapter is not None and chapter_of(q.id) != chapter:
            out.append(Problem(file, f"{where}.id", f"{q.id!r} is not a chapter {chapter} id "
                                                   f"(this file is chapter {chapter}'s: use 'ch{chapter}.…')"))
        if q.kind != "decision_point":
            continue
        if q.case is not None:
            try:
                q.outcome()
            except (CaseError, ValueError, KeyError) as exc:
                out.append(Problem(file, f"{where}.case", str(exc).splitlines()[0] + f" (in {q.id})"))
        if q.judge_name is not None:
            for j, opt in enumerate(q.options):
                try:
                    judge_option(q.judge_name, opt.params or {}, q.judge_context)
                except JudgeError as exc:
                    field = "judge" if "resolve" in str(exc) or "no judge" in str(exc) else f"options[{j}].params"
                    out.append(Problem(file, f"{where}.{field}", f"{exc} (in {q.id})"))
                    if field == "judge":
                        break
    return out


def validate_question_text(text: str, file: str = "<text>", chapter: str | None = None):
    """Validate the YAML text of a question file; returns the list of problems.

    Examples
    --------
    >>> print(validate_question_text("questions: [1\\n", file="q.yaml")[0])
    q.yaml: (yaml): not valid YAML at line 2, column 1: ...
    """
    return _validate(text, file, chapter)[1]


def _validate(text: str, file: str, chapter: str | None):
    from casebook.cases.loader import _parse_yaml  # the one duplicate-key-safe reader

    if len(text) > MAX_CHARS:
        return None, [Problem(file, "(file)", f"too large: {len(text)} characters (at most {MAX_CHARS})")]
    data, problems = _parse_yaml(text, file)
    if data is None:
        return None, problems
    if _expanded_size(data) > MAX_NODES:
        return None, [Problem(file, "(yaml)", f"more than {MAX_NODES} values once its aliases are expanded "
                                              "(a question file needs no YAML anchors or aliases)")]
    try:
        qf = QuestionFile.model_validate(data)
    except ValidationError as exc:
        ids = _ids(data)
        out = []
        for e in exc.errors():
            extra, msg = _friendly(e)
            loc = _loc(tuple(e["loc"])) + extra
            tag = f" (in {ids[loc[1]]})" if len(loc) > 1 and loc[0] == "questions" and loc[1] in ids else ""
            out.append(Problem(file, _path_str(loc), msg + tag))
        return None, out
    problems = _semantic(qf, file, chapter)
    return (None if problems else qf), problems


def validate_question_file(path) -> tuple[QuestionFile | None, list[Problem]]:
    """Validate one question file; unreadable or non-UTF-8 files are problems, not tracebacks."""
    path = Path(path)
    file = _display(path)
    m = _FILE.match(path.name)
    try:
        if path.stat().st_size > 4 * MAX_CHARS:
            return None, [Problem(file, "(file)", f"too large: {path.stat().st_size} bytes")]
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(file, "(file)", f"not UTF-8 text (byte {exc.start})")]
    except OSError as exc:
        return None, [Problem(file, "(file)", f"cannot read: {exc.strerror or exc}")]
    problems = [] if m else [Problem(file, "(file name)", f"name it NN_slug{SUFFIX} after its chapter")]
    qf, more = _validate(text, file, m.group(1) if m else None)
    return (qf if not problems else None), problems + more


def validate_question_paths(paths=None) -> tuple[list[QuestionFile], list[Problem]]:
    """Validate question files and folders of them (default: the chapters); ids must be unique across all."""
    targets: list[Path] = []
    for p in (paths if paths is not None else [None]):
        if p is None or Path(p).is_dir():
            targets += question_files(p)
        else:
            targets.append(Path(p))
    files, problems, seen = [], [], {}
    for path in targets:
        qf, more = validate_question_file(path)
        problems += more
        if qf is None:
            continue
        files.append(qf)
        for i, q in enumerate(qf.questions):
            if q.id in seen:
                problems.append(Problem(_display(path), f"questions[{i}].id",
                                        f"{q.id!r} is also in {seen[q.id]}"))
            seen.setdefault(q.id, _display(path))
    return files, problems


# --------------------------------------------------------------------------- loading
_CACHE: dict[Path, tuple] = {}


def load_questions(chapter: str, root=None) -> dict:
    """A chapter's questions by id (validated; cached until the file changes).

    Raises
    ------
    QuestionError
        If the file is missing or has any problem (each one named).
    """
    path = question_file(chapter, root)
    stamp = (path.stat().st_mtime_ns, path.stat().st_size)
    hit = _CACHE.get(path)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    qf, problems = validate_question_file(path)
    if qf is None:
        raise QuestionError(problems)
    out = {q.id: q for q in qf.questions}
    _CACHE[path] = (stamp, out)
    return out


def get_question(qid: str, root=None):
    """The question ``qid`` (``"chNN.slug"``) from its chapter's question file.

    Raises
    ------
    QuestionError
        If the file is malformed or has no such question.
    """
    chapter = chapter_of(qid)
    questions = load_questions(chapter, root)
    if qid not in questions:
        path = question_file(chapter, root)
        raise QuestionError([Problem(_display(path), "questions",
                                     f"no question {qid!r}; known: {', '.join(questions)}")])
    return questions[qid]


def all_questions(root=None) -> list:
    """Every question of every chapter, in chapter and file order."""
    out = []
    for path in question_files(root):
        out += list(load_questions(path.name[:2], root).values())
    return out


# --------------------------------------------------------------------------- solutions
from casebook.classroom.exercises.common import render_solution  # noqa: E402  (re-exported)


# --------------------------------------------------------------------------- asking
def ask(qid: str, *, student: str | None = None, home=None, pool=None, root=None):
    """The exercise for question ``qid``, built from its chapter's question file.

    Parameters
    ----------
    qid : str
        ``"chNN.slug"``.
    student, home : optional
        Whose answers file, and where (default: the current student).
    pool : casebook.classroom.pool.ClassPool, optional
        For a decision point: the class pool (default ``CASEBOOK_POOL``).
    root : path, optional
        The folder of question files (default: the chapters).

    Returns
    -------
    ipywidgets.VBox
        The exercise box (see :mod:`casebook.classroom.exercises`).

    Examples
    --------
    >>> import tempfile
    >>> box = ask("ch00.try_tacit", home=tempfile.mkdtemp())
    >>> box.qid, box.outputs["solution"].value
    ('ch00.try_tacit', '')
    """
    from casebook.classroom.questions_build import build

    return build(get_question(qid, root), student=student, home=home, pool=pool)
