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
    print(f"wrote {paths['json'].resolve()}  ({n} answer{'' if n == 1 else 's'}; upload this file)")
    print(f"wrote {paths['html'].resolve()}  (readable summary)")
    print(f"name on the hand-in: {doc['student']}")
    if not args.name and not args.student and not os.environ.get("CASEBOOK_STUDENT", "").strip():
        print('  (your login name; if that is not your name, run again with --name "Your Name")')
    print(where_to_click(paths["json"]))
    return 0


def where_to_click(path) -> str:
    """How to download ``path`` from JupyterLab's file browser.

    The file browser shows JupyterLab's root: ``JUPYTER_SERVER_ROOT``, which
    JupyterLab sets in its terminals, else the working copy that ``make lab``
    opens (:func:`casebook.paths.work_dir`). A hand-in inside it is named by
    its folder relative to that root; elsewhere the message gives the full folder.

    Examples
    --------
    >>> import os
    >>> from casebook.paths import work_dir
    >>> os.environ.pop("JUPYTER_SERVER_ROOT", None) and None
    >>> print(where_to_click(work_dir() / "handin" / "Ana_Maria.casebook.json"))
    In JupyterLab's file browser, open handin/, right-click Ana_Maria.casebook.json, choose Download, and upload that file to your course site.
    >>> print(where_to_click(work_dir() / "Ana_Maria.casebook.json"))  # doctest: +ELLIPSIS
    In JupyterLab's file browser (its top folder), right-click Ana_Maria.casebook.json, choose Download, ...
    """
    from pathlib import Path

    from casebook.paths import work_dir

    import os

    path = Path(path).resolve()
    root = Path(os.environ.get("JUPYTER_SERVER_ROOT") or work_dir())
    tail = f"right-click {path.name}, choose Download, and upload that file to your course site."
    try:
        rel = path.parent.relative_to(root.expanduser().resolve())
    except ValueError:
        return (f"In JupyterLab's file browser, go to {path.parent} (the file browser shows only the folder "
                f"JupyterLab was started in and what is inside it), {tail}")
    if rel == Path("."):
        return f"In JupyterLab's file browser (its top folder), {tail}"
    return f"In JupyterLab's file browser, open {rel.as_posix()}/, {tail}"
