"""``python -m casebook info``: versions and the folders the casebook uses."""

from __future__ import annotations

NAME = "info"
HELP = "Show the casebook's version and the folders it reads and writes."


def add_arguments(parser) -> None:
    """No options."""


def run(args) -> int:
    """Print the version, the cases folder and the student's answers folder."""
    from casebook._version import __version__
    from casebook.paths import cases_dir, user_home

    print(f"casebook {__version__}")
    print(f"cases:   {cases_dir()}")
    print(f"answers: {user_home()}  (set CASEBOOK_HOME to change)")
    return 0
