"""``python -m casebook info``: versions and the folders the casebook uses."""

from __future__ import annotations

NAME = "info"
HELP = "Show the casebook's version and the folders it reads and writes."


def add_arguments(parser) -> None:
    """No options."""


def run(args) -> int:
    """Print the version, the cases and chapters folders, the working copy, the answers folder and name."""
    from casebook._version import __version__
    from casebook.classroom.answers import answers_path, display_name
    from casebook.paths import cases_dir, chapters_dir, user_home, work_dir

    print(f"casebook {__version__}")
    print(f"cases:   {cases_dir()}")
    try:
        print(f"chapters: {chapters_dir()}  (what git tracks; the book is built from these)")
    except FileNotFoundError as exc:
        print(f"chapters: none ({exc})")
    print(f"working copy: {work_dir()}  (what make lab opens; make refresh updates it; set CASEBOOK_WORK "
          "to change)")
    print(f"answers: {user_home()}  (set CASEBOOK_HOME to change)")
    print(f"student: {display_name()}  (file {answers_path().name}; set CASEBOOK_STUDENT to change, "
          'or hand in with python -m casebook export --name "Your Name")')
    return 0
