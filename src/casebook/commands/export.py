"""``python -m casebook export``: write the student's hand-in files."""

from __future__ import annotations

NAME = "export"
HELP = "Write your answers as a hand-in: <student>.casebook.json and a readable <student>.html."


def add_arguments(parser) -> None:
    """``--out DIR`` and ``--student NAME``."""
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="folder to write to (default: handin/ in the answers folder)")
    parser.add_argument("--student", metavar="NAME", default=None,
                        help="whose answers (default: CASEBOOK_STUDENT or your login name)")


def run(args) -> int:
    """Export and print the two paths; a clear message and status 1 if the answers are unreadable."""
    import sys

    from casebook.answers import AnswersFileError
    from casebook.handin import export

    try:
        paths = export(out=args.out, student=args.student)
    except (AnswersFileError, OSError) as exc:
        print(f"export failed: {exc}", file=sys.stderr)
        return 1
    n = paths["json"].read_text(encoding="utf-8").count('"kind"')
    print(f"wrote {paths['json']}  ({n} answers; upload this file)")
    print(f"wrote {paths['html']}  (readable summary)")
    return 0
