"""``python -m casebook pool DIR``: pool a class's hand-ins into a summary and dashboard."""

from __future__ import annotations

NAME = "pool"
HELP = ("Read a folder of hand-in files; write class_summary.csv, class_counts.csv, "
        "class_dashboard.png and class_pool.json.")


def add_arguments(parser) -> None:
    """``DIR``, ``--out DIR`` and ``--max-bytes N``."""
    parser.add_argument("folder", metavar="DIR", help="folder of <student>.casebook.json files")
    parser.add_argument("--out", metavar="DIR", default=".",
                        help="where to write the summary (default: the current folder)")
    parser.add_argument("--max-bytes", type=int, default=None,
                        help="skip hand-in files larger than this (default 2000000)")


def run(args) -> int:
    """Pool, then print one line per skipped or odd file; status 2 only if DIR is not a folder."""
    import sys

    from casebook.classroom.pool import MAX_BYTES, pool

    try:
        result = pool(args.folder, out=args.out, max_bytes=args.max_bytes or MAX_BYTES)
    except NotADirectoryError as exc:
        print(f"pool failed: {exc}", file=sys.stderr)
        return 2
    n_answers = sum(len(v) for v in result.answers.values())
    print(f"pooled {len(result.students)} students, {n_answers} answers")
    for line in result.problems:
        print(f"note: {line}")
    for key in ("csv", "counts", "dashboard", "pool"):
        print(f"wrote {result.paths[key]}")
    print(f"to show the class split in the decision points: "
          f"make lab POOL={result.paths['pool'].resolve()}")
    return 0
