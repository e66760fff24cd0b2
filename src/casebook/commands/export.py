"""``python -m casebook export``: write the student's hand-in files."""

from __future__ import annotations

NAME = "export"
HELP = ("Write your answers as a hand-in (<name>.casebook.json and a readable <name>.html) "
        "in handin/ of the current folder.")


def add_arguments(parser) -> None:
    """``--name NAME``, ``--out DIR`` and ``--student NAME``."""
    parser.add_argument("--name", metavar="NAME", default=None,
                        help='your name as your instructor should see it, e.g. --name "Ana María" '
                             "(default: CASEBOOK_STUDENT, else your login name)")
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="folder to write to (default: handin/ in the current folder)")
    parser.add_argument("--student", metavar="NAME", default=None,
                        help="whose saved answers to export (default: CASEBOOK_STUDENT or your "
                             "login name)")


def run(args) -> int:
    """Export and print the two full paths; a clear message and status 1 if the answers are unreadable."""
    import json
    import os
    import sys

    from casebook.classroom.answers import AnswersFileError
    from casebook.classroom.handin import export

    try:
        paths = export(out=args.out, student=args.student, name=args.name)
    except (AnswersFileError, OSError) as exc:
        print(f"export failed: {exc}", file=sys.stderr)
        return 1
    doc = json.loads(paths["json"].read_text(encoding="utf-8"))
    n = len(doc.get("answers", {}))
    print(f"wrote {paths['json'].resolve()}  ({n} answers; upload this file)")
    print(f"wrote {paths['html'].resolve()}  (readable summary)")
    print(f"name on the hand-in: {doc['student']}")
    if not args.name and not args.student and not os.environ.get("CASEBOOK_STUDENT", "").strip():
        print('  (your login name; if that is not your name, run again with --name "Your Name")')
    if args.out is None:
        print("In JupyterLab: open the handin folder in the file browser, right-click "
              f"{paths['json'].name} and choose Download.")
    return 0
