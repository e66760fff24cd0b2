"""The casebook's command line: ``python -m casebook --help``.

Each subcommand lives in its own module under :mod:`casebook.commands` and is
found automatically. A command module defines ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``. Nothing heavy is imported
until a command runs.

Examples
--------
>>> main(["--version"])  # doctest: +SKIP
casebook 0.1.0
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from casebook._version import __version__

__all__ = ["main", "build_parser"]


def _command_modules():
    import casebook.commands as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        yield importlib.import_module(f"casebook.commands.{info.name}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one subparser per command module."""
    import os
    import sys

    # Named as it was typed: the `casebook` console script, or `python -m casebook`.
    typed = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    parser = argparse.ArgumentParser(
        prog="casebook" if typed in ("casebook", "casebook.exe") else "python -m casebook",
        description="The Alliance Learning Casebook: cases, exercises and reports.",
    )
    parser.add_argument("--version", action="version", version=f"casebook {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
