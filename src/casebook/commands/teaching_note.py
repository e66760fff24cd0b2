"""``python -m casebook teaching-note CASE_ID [--format md|html]``: the instructor's note.

The note itself is rendered by :mod:`casebook.cases.teaching_note`.
"""

from __future__ import annotations

NAME = "teaching-note"
HELP = "Print a case's teaching note for the instructor (Markdown or HTML)."



def add_arguments(parser) -> None:
    """CASE_ID and --format."""
    parser.add_argument("case_id", metavar="CASE_ID", help="the case's id (its folder name under cases/)")
    parser.add_argument("--format", choices=("md", "html"), default="md", help="output format (default: md)")
    parser.add_argument("--cases", metavar="FOLDER", default=None,
                        help="folder of cases (default: the casebook's cases/)")


def run(args) -> int:
    """Load the case and print its note; problems go to stderr with status 1."""
    import sys

    from casebook.cases import CaseError, load_case
    from casebook.cases.teaching_note import render_html, render_markdown

    try:
        case = load_case(args.case_id, args.cases)
    except CaseError as err:
        for p in err.problems:
            print(p, file=sys.stderr)
        return 1
    sys.stdout.write(render_html(case) if args.format == "html" else render_markdown(case))
    return 0
