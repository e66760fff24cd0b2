"""``casebook refresh``: make or update the student's working copy of the chapters."""

from __future__ import annotations

NAME = "refresh"
HELP = ("Update your working copy of the chapters (what make lab opens) from chapters/: a notebook you "
        "changed is saved in backups/ first; your answers are kept.")


def add_arguments(parser) -> None:
    """``--work DIR``, ``--chapters DIR`` and ``--missing-only``."""
    parser.add_argument("--work", metavar="DIR", default=None,
                        help="the working copy (default: CASEBOOK_WORK, else my_chapters/ of the checkout)")
    parser.add_argument("--chapters", metavar="DIR", default=None,
                        help="the chapters to copy (default: CASEBOOK_CHAPTERS, else chapters/ of the checkout)")
    parser.add_argument("--missing-only", action="store_true",
                        help="only copy chapters the working copy lacks and change nothing else "
                             "(what make lab does); say which chapters are newer")


def run(args) -> int:
    """Print what was copied, updated and backed up; a clear message and status 1 on failure."""
    import sys

    from casebook.classroom.workcopy import WorkCopyError, ensure, refresh

    try:
        report = (ensure if args.missing_only else refresh)(args.work, args.chapters)
    except (WorkCopyError, OSError) as exc:
        print(f"refresh failed: {exc}", file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    if not args.missing_only:
        if not (report.created or report.updated):
            print(f"{report.work}: every chapter is up to date")
        elif report.updated:
            print("If one of these chapters is open in JupyterLab, close its tab without saving and open it again.")
    return 0
