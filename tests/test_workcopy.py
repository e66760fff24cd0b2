"""The student's working copy (casebook.classroom.workcopy), the commands that use it, and the
book's refusal to build from chapters that differ from git's HEAD.

A student's runs must leave the project unchanged: ``make lab`` opens a copy of the chapters made
once and never overwritten; ``refresh`` updates it and keeps a backup of every notebook the
student changed; a chapter runs from the copy; ``make book`` refuses modified chapters.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from casebook.classroom.workcopy import BACKUPS, MANIFEST, WorkCopyError, ensure, refresh
from checkout_support import assert_checkout_unchanged, checkout_state

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def notebook(text: str) -> str:
    return json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": text}],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def chapters(tmp_path):
    folder = tmp_path / "chapters"
    folder.mkdir()
    for name in ("00_intro.ipynb", "01_first.ipynb", "02_second.ipynb"):
        (folder / name).write_text(notebook(f"# {name} v1"), encoding="utf-8")
    (folder / "01_first.questions.yaml").write_text("questions: []\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------ made once, never overwritten
def test_first_run_copies_every_chapter_byte_for_byte_and_only_notebooks(chapters, tmp_path):
    work = tmp_path / "my_chapters"
    report = ensure(work, chapters)
    assert report.created == ["00_intro.ipynb", "01_first.ipynb", "02_second.ipynb"]
    for name in report.created:
        assert (work / name).read_bytes() == (chapters / name).read_bytes()
    assert not (work / "01_first.questions.yaml").exists(), "data files are read from chapters/, not copied"
    assert (work / MANIFEST).exists()


def test_later_runs_never_overwrite_a_notebook_even_when_chapters_change(chapters, tmp_path):
    work = tmp_path / "my_chapters"
    ensure(work, chapters)
    (work / "00_intro.ipynb").write_text(notebook("my notes"), encoding="utf-8")  # the student's edit
    (chapters / "01_first.ipynb").write_text(notebook("# v2"), encoding="utf-8")   # the authors' revision
    before = snapshot(work)
    for _ in range(3):
        report = ensure(work, chapters)
        assert report.created == [] and report.updated == []
        assert report.stale == ["01_first.ipynb"], "a chapter changed upstream is reported, not copied"
    after = snapshot(work)
    assert {k: v for k, v in after.items() if k != MANIFEST} == {k: v for k, v in before.items() if k != MANIFEST}
    assert "make refresh" in " ".join(report.lines())


def test_a_new_chapter_is_added_without_touching_the_others(chapters, tmp_path):
    work = tmp_path / "my_chapters"
    ensure(work, chapters)
    (work / "00_intro.ipynb").write_text(notebook("mine"), encoding="utf-8")
    (chapters / "03_third.ipynb").write_text(notebook("# new"), encoding="utf-8")
    report = ensure(work, chapters)
    assert report.created == ["03_third.ipynb"]
    assert (work / "00_intro.ipynb").read_text(encoding="utf-8") == notebook("mine")


# ------------------------------------------------------------------ refresh keeps a backup
def test_refresh_backs_up_what_the_student_changed_and_replaces_only_chapters(chapters, tmp_path, casebook_home):
    from casebook.classroom.answers import save_answer

    work = tmp_path / "my_chapters"
    ensure(work, chapters)
    save_answer("ch00.demo", "short_answer", "trust", home=casebook_home)
    answers_before = snapshot(casebook_home)
    mine = notebook("ran it, with my notes")
    (work / "00_intro.ipynb").write_text(mine, encoding="utf-8")         # changed by the student
    (work / "handin").mkdir()
    (work / "handin" / "Ana.casebook.json").write_text("{}", encoding="utf-8")
    (work / "my_own.ipynb").write_text(notebook("scratch"), encoding="utf-8")
    for name in ("00_intro.ipynb", "01_first.ipynb"):                  # both revised upstream
        (chapters / name).write_text(notebook(f"# {name} v2"), encoding="utf-8")

    report = refresh(work, chapters, now=datetime(2026, 12, 1, 21, 5, 9))
    assert report.updated == ["00_intro.ipynb", "01_first.ipynb"]
    assert list(report.backups) == ["00_intro.ipynb"], "an untouched copy needs no backup"
    backup = work / BACKUPS / "2026-12-01_210509" / "00_intro.ipynb"
    assert report.backups["00_intro.ipynb"] == backup and backup.read_text(encoding="utf-8") == mine
    for name in ("00_intro.ipynb", "01_first.ipynb", "02_second.ipynb"):
        assert (work / name).read_bytes() == (chapters / name).read_bytes()
    assert (work / "handin" / "Ana.casebook.json").read_text(encoding="utf-8") == "{}"
    assert (work / "my_own.ipynb").read_text(encoding="utf-8") == notebook("scratch")
    assert snapshot(casebook_home) == answers_before, "refresh never touches the answers"

    again = refresh(work, chapters, now=datetime(2026, 12, 1, 21, 5, 9))
    assert again.updated == [] and again.backups == {} and len(again.unchanged) == 3


def test_two_refreshes_in_the_same_second_never_share_a_backup_folder(chapters, tmp_path):
    work = tmp_path / "w"
    ensure(work, chapters)
    stamp = datetime(2026, 12, 1, 9, 0, 0)
    folders = []
    for n in range(2):
        (work / "02_second.ipynb").write_text(notebook(f"edit {n}"), encoding="utf-8")
        folders.append(refresh(work, chapters, now=stamp).backups["02_second.ipynb"])
    assert folders[0] != folders[1]
    assert [f.read_text(encoding="utf-8") for f in folders] == [notebook("edit 0"), notebook("edit 1")]


def test_without_its_record_every_differing_copy_is_backed_up(chapters, tmp_path):
    work = tmp_path / "w"
    ensure(work, chapters)
    (work / MANIFEST).unlink()
    (chapters / "02_second.ipynb").write_text(notebook("# v2"), encoding="utf-8")
    report = refresh(work, chapters)
    assert list(report.backups) == ["02_second.ipynb"]


# ------------------------------------------------------------------ clear errors
def test_overlapping_folders_are_refused(chapters):
    for work in (chapters, chapters / "inside", chapters.parent):
        with pytest.raises(WorkCopyError, match="must be outside the chapters folder"):
            ensure(work, chapters)


def test_missing_chapters_and_broken_record_name_the_path(chapters, tmp_path):
    with pytest.raises(WorkCopyError, match=r"nowhere: no such folder of chapters"):
        ensure(tmp_path / "w", tmp_path / "nowhere")
    work = tmp_path / "w2"
    ensure(work, chapters)
    (work / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(WorkCopyError, match=r"\.casebook-copy\.json: unreadable"):
        refresh(work, chapters)
    (work / MANIFEST).write_text('{"copied": {"00_intro.ipynb": 3}}', encoding="utf-8")
    with pytest.raises(WorkCopyError, match=r"field 'copied'"):
        refresh(work, chapters)


def test_cli_refresh_reports_and_fails_cleanly(chapters, tmp_path):
    work = tmp_path / "w"
    cli = [str(BIN / "casebook"), "refresh", "--work", str(work), "--chapters", str(chapters)]
    first = subprocess.run(cli + ["--missing-only"], capture_output=True, text=True)
    assert first.returncode == 0 and "copied 3 chapter(s)" in first.stdout
    (work / "00_intro.ipynb").write_text(notebook("mine"), encoding="utf-8")
    (chapters / "00_intro.ipynb").write_text(notebook("# v2"), encoding="utf-8")
    done = subprocess.run(cli, capture_output=True, text=True)
    assert done.returncode == 0
    assert "updated 00_intro.ipynb (your previous copy is saved as " in done.stdout
    bad = subprocess.run(cli[:-1] + [str(tmp_path / "none")], capture_output=True, text=True)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "no such folder of chapters" in bad.stderr


# ------------------------------------------------------------------ a run leaves git status as it was
def test_a_chapter_runs_from_the_working_copy_and_the_checkout_is_unchanged(tmp_path, casebook_home):
    """Chapter 00 executed in a working copy outside the checkout, as JupyterLab runs it there
    (the kernel's folder is the copy): no error, cases found through casebook.paths, git status as before."""
    import nbformat
    from nbclient import NotebookClient

    before = checkout_state(("chapters/00_how_to_use.ipynb",))
    work = tmp_path / "my_chapters"
    ensure(work)  # from the checkout's chapters/
    path = work / "00_how_to_use.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == [], f"chapter 00 failed in the working copy: {errors[:1]}"
    nbformat.write(nb, path)  # what JupyterLab's autosave does
    assert_checkout_unchanged(before)


def test_default_working_copy_is_ignored_by_git():
    out = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", "my_chapters/00_how_to_use.ipynb"])
    assert out.returncode == 0, "my_chapters/ (the default working copy) must be in .gitignore"


# ------------------------------------------------------------------ make lab's terminals, make's commands
def test_lab_terminal_puts_the_venv_first_whatever_the_users_bashrc_does(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("export PATH=/usr/bin:/bin\n", encoding="utf-8")  # a hostile setting
    venv = Path(sys.prefix)
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "CASEBOOK_VENV": str(venv), "TERM": "dumb"}
    out = subprocess.run(["bash", "--rcfile", str(ROOT / "tools" / "lab-terminal.bashrc"), "-i", "-c",
                          "command -v casebook; command -v python; echo $VIRTUAL_ENV; python -m casebook --version"],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    lines = out.stdout.split()
    assert lines[:3] == [str(venv / "bin" / "casebook"), str(venv / "bin" / "python"), str(venv)], out
    assert out.stdout.strip().endswith(tuple("0123456789")) and "casebook" in lines[3], out


def make_dry_run(*args: str) -> str:
    return subprocess.run(["make", "-n", "--no-print-directory", *args], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


def test_make_lab_roots_jupyterlab_in_the_working_copy_with_the_venv_on_path(tmp_path):
    text = make_dry_run("-o", ".venv/.stamp-lab", "lab", f"WORK={tmp_path / 'w'}")
    assert f'cd "{tmp_path / "w"}"' in text and f'--ServerApp.root_dir="{tmp_path / "w"}"' in text
    assert "casebook refresh --missing-only" in text
    assert f'PATH="{ROOT / ".venv"}/bin:$PATH"' in text and "lab-terminal.bashrc" in text


def test_make_book_passes_the_override_only_when_asked():
    assert "--allow-modified" not in make_dry_run("-o", ".venv/.stamp-test", "book")
    assert "build_book.py book --allow-modified" in make_dry_run("-o", ".venv/.stamp-test", "book", "ALLOW_MODIFIED=1")
    assert "--allow-modified" not in make_dry_run("-o", ".venv/.stamp-test", "slides", "ALLOW_MODIFIED=0")


@pytest.mark.parametrize("target, usage", [("handin", "make handin NAME="), ("pool", "make pool DIR="),
                                           ("note", "make note CASE=")])
def test_make_commands_say_how_to_call_them(target, usage):
    out = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.stamp-lab", target], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 2 and usage in out.stdout


def test_make_handin_writes_into_the_working_copy(tmp_path, casebook_home):
    from casebook.classroom.answers import save_answer

    save_answer("ch00.demo", "short_answer", "trust", home=casebook_home)
    out = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.stamp-lab", "handin", "NAME=Ana María",
                          f"WORK={tmp_path / 'w'}"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    handin = tmp_path / "w" / "handin" / "Ana_Maria.casebook.json"
    assert json.loads(handin.read_text(encoding="utf-8"))["student"] == "Ana María"
    assert "In JupyterLab's file browser, open handin/, right-click Ana_Maria.casebook.json" in out.stdout


# ------------------------------------------------------------------ the book refuses modified chapters
def build_book_module():
    spec = importlib.util.spec_from_file_location("build_book_under_test", ROOT / "tools" / "build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "checkout"
    (repo / "chapters").mkdir(parents=True)
    (repo / "chapters" / "05_races.ipynb").write_text(notebook("# 05"), encoding="utf-8")
    (repo / "chapters" / "06_clusters.ipynb").write_text(notebook("# 06"), encoding="utf-8")
    (repo / ".gitignore").write_text(".ipynb_checkpoints/\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "chapters")
    return repo


def test_modified_chapters_lists_what_differs_from_head(repo):
    build = build_book_module()
    assert build.modified_chapters(repo) == []
    (repo / "chapters" / ".ipynb_checkpoints").mkdir()
    (repo / "chapters" / ".ipynb_checkpoints" / "05_races-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    assert build.modified_chapters(repo) == [], "ignored files (checkpoints) do not count"
    (repo / "chapters" / "05_races.ipynb").write_text(notebook("# 05, run by a student"), encoding="utf-8")
    (repo / "chapters" / "10_new.ipynb").write_text(notebook("# 10"), encoding="utf-8")
    assert build.modified_chapters(repo) == [(" M", "chapters/05_races.ipynb"), ("??", "chapters/10_new.ipynb")]
    git(repo, "mv", "chapters/06_clusters.ipynb", "chapters/06_renamed.ipynb")
    assert ("R ", "chapters/06_renamed.ipynb") in build.modified_chapters(repo)
    assert build.modified_chapters(repo.parent) is None, "not a checkout: nothing can be checked"


@pytest.mark.parametrize("edition", ["book", "instructor", "slides"])
def test_every_edition_refuses_modified_chapters_and_names_them(repo, monkeypatch, capsys, edition):
    build = build_book_module()
    monkeypatch.setattr(build, "ROOT", repo)
    built = []
    monkeypatch.setattr(build, "build_site", lambda e: built.append(e) or repo)
    monkeypatch.setattr(build, "build_slides", lambda: built.append("slides") or repo)
    (repo / "chapters" / "06_clusters.ipynb").write_text(notebook("# 06, saved by JupyterLab"), encoding="utf-8")
    assert build.main([edition]) == 1
    err = capsys.readouterr().err
    assert "chapters/06_clusters.ipynb  (modified)" in err and "05_races" not in err
    assert "git restore --staged --worktree chapters/06_clusters.ipynb" in err
    assert f"make {edition} ALLOW_MODIFIED=1" in err and "my_chapters/" in err
    assert built == [], "nothing is built from modified chapters"
    assert build.main([edition, "--allow-modified"]) == 0
    assert len(built) == 1 and "--allow-modified" in capsys.readouterr().err


def test_a_clean_checkout_builds_without_the_override(repo, monkeypatch):
    build = build_book_module()
    monkeypatch.setattr(build, "ROOT", repo)
    built = []
    monkeypatch.setattr(build, "build_site", lambda e: built.append(e) or repo)
    assert build.main(["book"]) == 0 and built == ["student"]


@pytest.mark.parametrize("target", ["lab", "present"])
def test_make_lab_and_present_attach_the_class(target, tmp_path):
    args = ["-o", ".venv/.stamp-lab", "-o", ".venv/.stamp-test", target, f"WORK={tmp_path / 'w'}", "CHAPTER=05"]
    text = make_dry_run(*args, "CLASS=http://10.0.0.5:8765", "CLASS_CODE=AB2CDE", "CLASS_KEY=k3y")
    for name, value in [("CASEBOOK_CLASS", "http://10.0.0.5:8765"), ("CASEBOOK_CLASS_CODE", "AB2CDE"),
                        ("CASEBOOK_CLASS_KEY", "k3y")]:
        assert f'export {name}="{value}";' in text
    assert "CASEBOOK_CLASS" not in make_dry_run(*args)
