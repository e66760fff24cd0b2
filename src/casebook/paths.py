"""Where the casebook finds its data and keeps a student's files.

Environment variables override every default, so that an instructor, a
JupyterHub or the test suite can point the casebook elsewhere:

``CASEBOOK_CASES``
    folder of case files (default: ``cases/`` of the checkout).
``CASEBOOK_HOME``
    folder for a student's saved answers (default: the platform's user data
    folder, e.g. ``~/.local/share/casebook`` on Linux, which is outside the
    repository so a ``git pull`` never touches it). Hand-in files go to
    ``handin/`` in the current folder, where JupyterLab's file browser shows
    them (``python -m casebook export --out DIR`` to change it).
``CASEBOOK_STUDENT``
    the student's name on answers and hand-ins (default: the login name).
``CASEBOOK_POOL``
    a class pool (``python -m casebook pool``) whose splits decision points show.
``CASEBOOK_INSTRUCTOR``
    ``1`` shows each exercise's solution under it (instructor view).

Examples
--------
>>> from casebook.paths import cases_dir
>>> (cases_dir() / "README.md").exists()
True
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["repo_root", "cases_dir", "data_dir", "user_home"]

_PACKAGE = Path(__file__).resolve().parent


def repo_root() -> Path | None:
    """The checkout the package was installed from, or ``None`` for a wheel install."""
    root = _PACKAGE.parent.parent
    if (root / "pyproject.toml").is_file() and (root / "cases").is_dir():
        return root
    return None


def cases_dir() -> Path:
    """The folder the case files are read from."""
    env = os.environ.get("CASEBOOK_CASES")
    if env:
        return Path(env).expanduser()
    root = repo_root()
    if root is not None:
        return root / "cases"
    return _PACKAGE / "data" / "cases"


def data_dir() -> Path:
    """The package's own data folder (phase tables, concept maps, glossary)."""
    return _PACKAGE / "data"


def user_home() -> Path:
    """The folder that holds a student's saved answers (not created here)."""
    env = os.environ.get("CASEBOOK_HOME")
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "casebook"
