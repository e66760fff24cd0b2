"""``python -m casebook validate [PATH ...]``: check case files against the schema.

Prints one line per problem, ``FILE: FIELD: MESSAGE``, and exits with status 1;
prints a one-line summary and exits 0 when every case is valid. Bad input
(unreadable files, non-UTF-8 text, YAML errors, missing exhibits) is reported
as a problem, never as a traceback.
"""

from __future__ import annotations

NAME = "validate"
HELP = "Check case files (default: the cases folder) against the case schema."


def add_arguments(parser) -> None:
    """PATH ...: case files, case folders or folders of cases."""
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="case.yaml files, case folders or folders of cases (default: cases/)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only, no summary")


def run(args) -> int:
    """Validate and print the problems; the exit status is 1 if there are any."""
    from casebook.cases import _display, validate_paths
    from casebook.paths import cases_dir

    paths = args.paths or [cases_dir()]
    cases, problems = validate_paths(paths)
    for p in problems:
        print(p)
    if problems:
        if not args.quiet:
            print(f"{len(problems)} problem(s); {len(cases)} valid case(s).")
            if any("[" in p.field for p in problems):
                print("List positions count from 0: facts[4] is the fifth fact.")
        return 1
    if not args.quiet:
        where = ", ".join(_display(p) for p in paths)
        ids = ", ".join(c.id for c in cases)
        print(f"OK: {len(cases)} case(s) valid in {where}" + (f" ({ids})" if ids else ""))
    return 0
