"""The student's working copy of the chapters.

A student runs, edits and autosaves notebooks; git tracks the pristine
chapters in ``chapters/``, which the book, nbval and ``make chapters`` read.
So ``make lab`` never opens ``chapters/``: it opens a copy (default
``my_chapters/`` of the checkout, ignored by git; ``CASEBOOK_WORK`` or
``make lab WORK=DIR`` to change), made on first use.

- :func:`ensure` (what ``make lab`` runs) copies only the chapters the copy
  lacks and overwrites nothing; it reports the chapters that changed in
  ``chapters/`` since they were copied.
- :func:`refresh` (``make refresh``, ``casebook refresh``) brings every
  chapter up to date: a copy the student never changed is replaced; a copy
  the student changed (ran, edited, added cells) is first saved under
  ``backups/<date>_<time>/`` inside the working copy, then replaced.

Answers are not in the notebooks (they live in ``CASEBOOK_HOME``, see
:mod:`casebook.classroom.answers`), so a refreshed chapter still shows them. Only
notebooks are copied: the chapters' data files (cases, question files) are
read from the checkout through :mod:`casebook.paths`. A hidden file,
``.casebook-copy.json``, records the checksum of each chapter as copied, which
is how an untouched copy is told from a changed one.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> src, work = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp()) / "my_chapters"
>>> _ = (src / "01_a.ipynb").write_text("{}")
>>> ensure(work, src).created
['01_a.ipynb']
>>> _ = (work / "01_a.ipynb").write_text('{"ran": 1}')   # the student runs it
>>> _ = (src / "01_a.ipynb").write_text('{"v": 2}')      # the authors revise it
>>> ensure(work, src).stale                              # make lab only reports it
['01_a.ipynb']
>>> report = refresh(work, src)
>>> report.updated, [p.parent.parent.name for p in report.backups.values()]
(['01_a.ipynb'], ['backups'])
>>> (work / "01_a.ipynb").read_text()
'{"v": 2}'
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

__all__ = ["WorkCopyError", "Report", "ensure", "refresh", "MANIFEST", "BACKUPS"]

#: Hidden file in the working copy: chapter name -> sha256 of the chapter as copied.
MANIFEST = ".casebook-copy.json"
#: Folder inside the working copy where refresh keeps the student's changed notebooks.
BACKUPS = "backups"


class WorkCopyError(Exception):
    """The working copy cannot be made or refreshed (the message says why and where)."""


@dataclass
class Report:
    """What :func:`ensure` or :func:`refresh` did, chapter by chapter (file names)."""

    work: Path
    created: list[str] = field(default_factory=list)
    """Copied because the working copy lacked them."""
    updated: list[str] = field(default_factory=list)
    """Replaced by the current chapter (after a backup if the student had changed it)."""
    backups: dict[str, Path] = field(default_factory=dict)
    """Chapter name -> where the student's changed copy was saved before it was replaced."""
    stale: list[str] = field(default_factory=list)
    """(:func:`ensure` only) changed in ``chapters/`` since copied; left as they are."""
    unchanged: list[str] = field(default_factory=list)
    """Already the same as the chapter."""

    def lines(self) -> list[str]:
        """One line per thing done or to do, for the command line."""
        out = []
        if self.created:
            out.append(f"copied {len(self.created)} chapter(s) into {self.work}: {', '.join(self.created)}")
        for name in self.updated:
            saved = self.backups.get(name)
            out.append(f"updated {name}" + (f" (your previous copy is saved as {saved})" if saved else ""))
        if self.stale:
            out.append(f"newer in chapters/: {', '.join(self.stale)}. Your copies are kept as they are; "
                       "`make refresh` updates them (it saves your copies in backups/ first, and your answers "
                       "are kept either way).")
        return out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _chapters(chapters: Path) -> list[Path]:
    if not chapters.is_dir():
        raise WorkCopyError(f"{chapters}: no such folder of chapters (set CASEBOOK_CHAPTERS to the chapters' folder)")
    found = sorted(p for p in chapters.glob("*.ipynb") if p.is_file())
    if not found:
        raise WorkCopyError(f"{chapters}: no notebooks to copy")
    return found


def _check_places(work: Path, chapters: Path) -> None:
    w, c = work.resolve(), chapters.resolve()
    if w == c or c in w.parents or w in c.parents:
        raise WorkCopyError(f"the working copy {work} must be outside the chapters folder {chapters} "
                            "(and not contain it): students' runs would change the chapters git tracks")
    if work.exists() and not work.is_dir():
        raise WorkCopyError(f"{work}: exists and is not a folder, so it cannot hold the working copy")


def _read_manifest(work: Path) -> dict[str, str]:
    path = work / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkCopyError(f"{path}: unreadable ({exc}); delete it and run again (changed copies are then "
                            "backed up before any update)") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.get("copied", {}).values()):
        raise WorkCopyError(f"{path}: field 'copied' must map chapter names to checksums; delete the file and "
                            "run again")
    return dict(data.get("copied", {}))


def _write_manifest(work: Path, copied: dict[str, str]) -> None:
    doc = {"about": "what casebook refresh copied from chapters/ (sha256 of each chapter as copied)",
           "copied": dict(sorted(copied.items()))}
    _atomic_write(work / MANIFEST, (json.dumps(doc, indent=1) + "\n").encode("utf-8"))


def _atomic_write(dest: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-", suffix=dest.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _places(work, chapters) -> tuple[Path, Path]:
    from casebook.paths import chapters_dir, work_dir

    work = Path(work) if work is not None else work_dir()
    chapters = Path(chapters) if chapters is not None else chapters_dir()
    _check_places(work, chapters)
    return work, chapters


def _sync(work, chapters, *, update: bool, now: datetime | None) -> Report:
    work, chapters = _places(work, chapters)
    sources = _chapters(chapters)
    work.mkdir(parents=True, exist_ok=True)
    copied = _read_manifest(work)
    report = Report(work=work)
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    backup_dir = None
    for src in sources:
        name, new = src.name, _sha(src)
        dest = work / name
        if not dest.exists():
            _atomic_write(dest, src.read_bytes())
            copied[name] = new
            report.created.append(name)
            continue
        mine = _sha(dest)
        if mine == new:
            copied[name] = new
            report.unchanged.append(name)
            continue
        if not update:
            if copied.get(name) != new:
                report.stale.append(name)
            continue
        if copied.get(name) != mine:  # the student changed it (or no record of the copy): keep theirs
            if backup_dir is None:
                backup_dir = work / BACKUPS / stamp
                n = 1
                while backup_dir.exists():
                    n += 1
                    backup_dir = work / BACKUPS / f"{stamp}_{n}"
                backup_dir.mkdir(parents=True)
            shutil.copy2(dest, backup_dir / name)
            report.backups[name] = backup_dir / name
        _atomic_write(dest, src.read_bytes())
        copied[name] = new
        report.updated.append(name)
    _write_manifest(work, copied)
    return report


def ensure(work=None, chapters=None) -> Report:
    """Make the working copy, or add the chapters it lacks; never overwrite a notebook.

    Parameters
    ----------
    work : path, optional
        The working copy (default :func:`casebook.paths.work_dir`); created if missing.
    chapters : path, optional
        The pristine chapters (default :func:`casebook.paths.chapters_dir`).

    Returns
    -------
    Report
        ``created`` and ``stale`` (chapters changed in ``chapters/`` since they
        were copied: :func:`refresh` updates them).

    Raises
    ------
    WorkCopyError
        If ``chapters`` has no notebooks, if the two folders overlap, or if the
        record of the copy is unreadable.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> src = Path(tempfile.mkdtemp())
    >>> _ = (src / "00_x.ipynb").write_text("{}")
    >>> try:
    ...     ensure(src / "inside", src)
    ... except WorkCopyError as exc:
    ...     print("refused:", exc)
    refused: the working copy .../inside must be outside the chapters folder ...
    """
    return _sync(work, chapters, update=False, now=None)


def refresh(work=None, chapters=None, *, now: datetime | None = None) -> Report:
    """Bring the working copy up to date with ``chapters/``, saving the student's changed copies first.

    Parameters
    ----------
    work, chapters : path, optional
        As for :func:`ensure`.
    now : datetime, optional
        The time that names the backup folder (default: now).

    Returns
    -------
    Report
        ``created``, ``updated`` and ``backups`` (chapter name -> saved copy).
        Files in the working copy that are not chapters (``handin/``,
        ``backups/``, the student's own notebooks) are never touched.

    Examples
    --------
    >>> import tempfile
    >>> from datetime import datetime
    >>> from pathlib import Path
    >>> src, work = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> _ = (src / "02_b.ipynb").write_text("{}")
    >>> _ = refresh(work, src)
    >>> _ = (work / "02_b.ipynb").write_text('{"my": "notes"}')
    >>> r = refresh(work, src, now=datetime(2026, 12, 1, 9, 30))
    >>> r.backups["02_b.ipynb"].relative_to(work).as_posix(), r.backups["02_b.ipynb"].read_text()
    ('backups/2026-12-01_093000/02_b.ipynb', '{"my": "notes"}')
    """
    return _sync(work, chapters, update=True, now=now)
