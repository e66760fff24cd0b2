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
``CASEBOOK_CHAPTERS``
    folder of the pristine chapters (default: ``chapters/`` of the checkout),
    what a student's working copy is made from.
``CASEBOOK_WORK``
    the student's working copy of the chapters, the folder ``make lab`` opens
    (default: ``my_chapters/`` of the checkout, which git ignores; see
    :mod:`casebook.classroom.workcopy`).
``CASEBOOK_POOL``
    a class pool (``python -m casebook pool``) whose splits decision points show.
``CASEBOOK_INSTRUCTOR``
    ``1`` shows each exercise's solution under it (instructor view).
``CASEBOOK_PRESENT``
    ``1`` (``make present``): the Voila app for a room.
``CASEBOOK_KERNEL_FREE``
    ``1`` while the book is built: widgets become their kernel-free versions.

On/off settings are read by :func:`env_flag`.

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


def env_flag(name: str) -> bool:
    """True when the environment variable ``name`` is set to 1, true or yes (any case).

    Examples
    --------
    >>> os.environ["CASEBOOK_DEMO_FLAG"] = " Yes "
    >>> env_flag("CASEBOOK_DEMO_FLAG"), env_flag("CASEBOOK_NOT_SET")
    (True, False)
    >>> del os.environ["CASEBOOK_DEMO_FLAG"]
    """
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes"}

__all__ = ["repo_root", "cases_dir", "data_dir", "user_home", "chapters_dir", "work_dir"]

#: The working copy's folder name in a checkout (listed in .gitignore).
WORK_FOLDER = "my_chapters"

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


def chapters_dir() -> Path:
    """The folder of the pristine chapters (the ones git tracks).

    Notebooks and their data files are found here, never by a path relative to
    the folder a notebook runs in, so a chapter runs the same from the
    student's working copy as from ``chapters/``.

    Raises
    ------
    FileNotFoundError
        If the casebook is not installed from a checkout and
        ``CASEBOOK_CHAPTERS`` is not set.

    Examples
    --------
    >>> (chapters_dir() / "00_how_to_use.ipynb").exists()
    True
    """
    env = os.environ.get("CASEBOOK_CHAPTERS")
    if env:
        return Path(env).expanduser()
    root = repo_root()
    if root is not None:
        return root / "chapters"
    raise FileNotFoundError("the casebook is not installed from a checkout, so it has no chapters/ folder: "
                            "set CASEBOOK_CHAPTERS to the folder of the chapters")


def work_dir() -> Path:
    """The student's working copy of the chapters (not created here).

    ``CASEBOOK_WORK`` if set, else ``my_chapters/`` of the checkout, else
    ``my_chapters/`` in the current folder.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("CASEBOOK_WORK", None)
    >>> work_dir().name
    'my_chapters'
    >>> os.environ["CASEBOOK_WORK"] = "/tmp/ana"
    >>> work_dir().as_posix()
    '/tmp/ana'
    >>> _ = os.environ.pop("CASEBOOK_WORK") if saved is None else os.environ.update(CASEBOOK_WORK=saved)
    """
    env = os.environ.get("CASEBOOK_WORK")
    if env:
        return Path(env).expanduser()
    root = repo_root()
    return (root if root is not None else Path.cwd()) / WORK_FOLDER


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
