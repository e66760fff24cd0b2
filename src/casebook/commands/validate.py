"""``python -m casebook validate [PATH ...]``: check case files and question files against their schemas.

Prints one line per problem, ``FILE: FIELD: MESSAGE``, and exits with status 1;
prints a one-line summary and exits 0 when everything is valid. With no PATH
it checks the cases folder and every chapter's question file
(``chapters/NN_slug.questions.yaml``). A PATH may be a case file, a case
folder, a folder of cases, a question file or a folder of question files.
Bad input (unreadable files, non-UTF-8 text, YAML errors, duplicate keys,
missing exhibits, unknown cases or judges) is reported as a problem, never as
a traceback.
"""

from __future__ import annotations

from pathlib import Path

NAME = "validate"
HELP = "Check case files and question files (default: cases/ and chapters/) against their schemas."

_SUFFIX = ".questions.yaml"


def add_arguments(parser) -> None:
    """PATH ...: case files or folders, question files or folders."""
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="case.yaml files, case folders, folders of cases, *.questions.yaml files "
                             "or folders of them (default: cases/ and chapters/)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only, no summary")


def _is_questions(path: Path) -> bool:
    if path.is_dir():
        return any(path.glob(f"*{_SUFFIX}")) and not (path / "case.yaml").exists()
    return path.name.endswith(_SUFFIX)


def run(args) -> int:
    """Validate and print the problems; the exit status is 1 if there are any."""
    from casebook.cases import _display, validate_paths
    from casebook.classroom.questions import validate_question_paths
    from casebook.paths import cases_dir, chapters_dir

    if args.paths:
        paths = [Path(p) for p in args.paths]
        case_paths = [p for p in paths if not _is_questions(p)]
        question_paths = [p for p in paths if _is_questions(p)]
    else:
        case_paths = [cases_dir()]
        try:
            question_paths = [chapters_dir()]
        except FileNotFoundError:  # a wheel install has no chapters
            question_paths = []
    cases, problems = validate_paths(case_paths) if case_paths else ([], [])
    files, more = validate_question_paths(question_paths) if question_paths else ([], [])
    problems = list(problems) + list(more)
    for p in problems:
        print(p)
    n_questions = sum(len(f.questions) for f in files)
    if problems:
        if not args.quiet:
            print(f"{len(problems)} problem(s); {len(cases)} valid case(s), "
                  f"{len(files)} valid question file(s).")
            if any("[" in p.field for p in problems):
                print("List positions count from 0: facts[4] is the fifth fact, questions[0] the first question.")
        return 1
    if not args.quiet:
        if case_paths:
            where = ", ".join(_display(p) for p in case_paths)
            ids = ", ".join(c.id for c in cases)
            print(f"OK: {len(cases)} case(s) valid in {where}" + (f" ({ids})" if ids else ""))
        if question_paths:
            where = ", ".join(_display(p) for p in question_paths)
            print(f"OK: {n_questions} question(s) valid in {len(files)} question file(s) in {where}")
    return 0
