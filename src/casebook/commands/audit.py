"""``python -m casebook audit``: the alliance learning audit as a one-page report.

The profile comes from one of three places: a file of questionnaire answers
(``--answers FILE``, YAML or JSON, ``{question id: 1..5}``), a case's
assessment (``--case ID``), or the answers the student saved in chapter 03
(``--saved``). ``--phase`` names the phase the alliance is in. The report
(Markdown or HTML, everything typed escaped) goes to ``--out`` or stdout.

Examples
--------
>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> args = p.parse_args(["--case", "nummi", "--phase", "2", "--format", "md"])
>>> args.phase, args.format
('2', 'md')
"""

from __future__ import annotations

NAME = "audit"
HELP = "Alliance learning audit: diagnostic answers + current phase -> a plan by phase (Markdown or HTML)."


def add_arguments(parser) -> None:
    """Source of the profile, phase, free text, format and output file."""
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--answers", metavar="FILE", help="YAML/JSON file of answers {question id: 1..5}")
    src.add_argument("--case", metavar="ID", help="use a case's assessment (e.g. nummi)")
    src.add_argument("--saved", action="store_true", help="use the answers saved in chapter 03")
    parser.add_argument("--phase", required=True,
                        help="awareness | exploration | expansion | commitment, or 1..4")
    parser.add_argument("--alliance", default=None, help="name of the alliance")
    parser.add_argument("--partner", default=None, help="name of the partner")
    parser.add_argument("--notes", default=None, help="free notes to include")
    parser.add_argument("--k", type=int, default=2, help="how many weakest objectives to act on (default 2)")
    parser.add_argument("--format", choices=("md", "html"), default=None,
                        help="output format (default: from --out's suffix, else md)")
    parser.add_argument("--out", metavar="FILE", default=None, help="write the report here (default: stdout)")
    parser.add_argument("--student", default=None, help="whose saved answers (with --saved)")


def run(args) -> int:
    """Build the audit and write the report; problems go to stderr with status 1."""
    import sys

    from casebook.models import audit as A

    phase = int(args.phase) if str(args.phase).isdigit() else args.phase
    try:
        if args.answers:
            source = A.read_answers_file(args.answers)
        elif args.case:
            source = args.case
        else:
            source = A.answers_from_store(student=args.student)
        result = A.audit(source, phase, alliance=args.alliance, partner=args.partner, notes=args.notes, k=args.k)
        if args.out:
            path = A.write_report(result, args.out, args.format)
            print(f"wrote {path}")
        else:
            sys.stdout.write(A.render_html(result) if args.format == "html" else A.render_markdown(result))
    except (ValueError, KeyError, TypeError, OSError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"audit failed: {msg}", file=sys.stderr)
        return 1
    return 0
