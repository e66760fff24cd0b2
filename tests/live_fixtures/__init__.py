"""Shared pieces of the live-classroom tests: a fixture question, a real PostgreSQL, a server.

- :class:`FixtureQuestion`: an object with the interface of
  ``casebook.classroom.questions.Question`` (qid, kind, prompt, case,
  option_texts, outcome, judge), so that the server's tests do not depend on
  which chapter questions exist;
- :func:`postgres_server`: Debian's PostgreSQL (``/usr/lib/postgresql/*/bin``)
  started on a temporary folder and a free loopback port; skipped with a
  reason when it is not installed, except under ``CI=true``, where that fails;
- :func:`start_server`: ``tests/live_fixtures/serve_fixture.py`` (the real
  ``casebook.classroom.live.serve.serve`` under uvicorn, with the fixture
  questions) as a subprocess; returns the process, the join code and the key.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
QID = "ch05.live_fixture"
OPTIONS = ["Stay in the joint venture", "Buy out the partner", "Exit now"]


class FixtureQuestion:
    """A decision point with three options, an outcome and a model verdict for two options."""

    def __init__(self, qid: str = QID):
        self.qid = qid
        self.kind = "decision_point"
        self.prompt = "The partner is learning faster than you. What do you do?"
        self.case = "nummi"
        self.options = list(OPTIONS)

    def option_texts(self) -> list[str]:
        return list(self.options)

    def outcome(self) -> tuple[str, str]:
        return ("Both partners stayed, and the venture ran for 25 years.", "Fixture source (2026)")

    def judge(self, option_text: str):
        return {OPTIONS[0]: "the learning race ends with both still allied",
                OPTIONS[2]: "the laggard exits with what it has learned"}.get(option_text)


def lookup(qid: str):
    """``qid -> FixtureQuestion`` for ids of the form ch05.live_fixture*; other ids are unknown."""
    if not qid.startswith(QID):
        raise KeyError(f"unknown question id {qid!r}")
    return FixtureQuestion(qid)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------- PostgreSQL
def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _missing(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI: `make test` installs Debian's postgresql as root)")
    pytest.skip(f"{reason} (as root: apt-get install postgresql; `make test` does it)")


@contextmanager
def postgres_server():
    """A running PostgreSQL server; yields ``(host, port, user)``."""
    bindir = _pg_bin()
    if bindir is None:
        _missing("Debian's PostgreSQL server (initdb) is not installed")
    data = Path(tempfile.mkdtemp(prefix="casebook-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: run it as the postgres user
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            _missing("no 'postgres' user to run the server as")
        os.chown(data, pw.pw_uid, pw.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    try:
        subprocess.run(run_as + [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U",
                                 "postgres", "-E", "UTF8"],
                       check=True, capture_output=True, text=True)
        subprocess.run(run_as + [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(data / "log"),
                                 "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1 "
                                       "-c fsync=on", "-w", "start"],
                       check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(data, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {exc.stderr or exc.stdout}")
    try:
        yield ("127.0.0.1", port, "postgres")
    finally:
        subprocess.run(run_as + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


def new_database(server, name: str) -> str:
    """Create database ``name`` on ``server`` and return its SQLAlchemy URL."""
    import psycopg

    host, port, user = server
    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://{user}@{host}:{port}/{name}"


# ---------------------------------------------------------------------------- a real server
def wait_http(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not answer within {timeout} s") from None
            time.sleep(0.1)


def start_server(folder, port: int, db: str | None = None, new: bool = False, real: bool = False):
    """Start the class server as a subprocess; returns ``(proc, code, key or None, lines)``.

    ``real``: the command itself (``python -m casebook class serve``, the chapters' question
    files) instead of the fixture questions.
    """
    script = ["-m", "casebook", "class", "serve"] if real else [str(HERE / "serve_fixture.py")]
    cmd = [sys.executable, *script, "--folder", str(folder), "--port", str(port)]
    if db:
        cmd += ["--db", db]
    if new:
        cmd += ["--new"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    lines, code, key = [], None, None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if m := re.search(r"Join code:\s+(\S+)", line):
            code = m.group(1)
        if lines[-2:-1] and "Instructor key" in lines[-2]:
            key = line.strip()
        if "Stop with Ctrl-C" in line:
            break
    if code is None:
        proc.kill()
        raise RuntimeError("the class server did not start:\n" + "".join(lines))
    wait_http(f"http://127.0.0.1:{port}/api/csrf")
    return proc, code, key, lines


def stop(proc, sig=signal.SIGTERM) -> None:
    """Stop a server started by :func:`start_server` (its own process group only)."""
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)
    if proc.stdout:
        proc.stdout.close()


# ---------------------------------------------------------------------------- pytest fixtures
# Import these names into a test module to use them (tests/conftest.py is shared by everyone).
@pytest.fixture(scope="module")
def pg_server():
    """A PostgreSQL server for one test module."""
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty database of each kind: SQLite in a temporary folder, and PostgreSQL."""
    from casebook.classroom.live.store import sqlite_url

    if request.param == "sqlite":
        return sqlite_url(tmp_path / "class")
    import uuid

    return new_database(request.getfixturevalue("pg_server"), f"t_{uuid.uuid4().hex[:12]}")


class Api:
    """A test client of one class: CSRF token, student joins and commits, instructor actions."""

    def __init__(self, client, code: str, key: str | None = None):
        self.c, self.code, self.key = client, code, key
        self.csrf = client.get("/api/csrf").json()["token"]

    def headers(self, key=None, **extra) -> dict:
        h = {"X-CSRF-Token": self.csrf, **extra}
        k = key if key is not None else self.key
        if k:
            h["Authorization"] = f"Bearer {k}"
        return h

    def post(self, action: str, payload, key=None, **kw):
        return self.c.post(f"/api/c/{self.code}/{action}", json=payload,
                           headers=self.headers(key), **kw)

    def act(self, action: str, qid: str = QID, key=None):
        return self.post(action, {"qid": qid}, key=key)

    def join(self, name: str) -> str:
        r = self.post("join", {"name": name}, key="")
        assert r.status_code == 200, r.text
        return r.json()["token"]

    def commit(self, token: str, choice: str, reason: str = "because", commit_id: str = "c1",
               qid: str = QID):
        return self.post("commit", {"token": token, "qid": qid, "choice": choice,
                                    "reason": reason, "commit_id": commit_id}, key="")

    def state(self) -> dict:
        return self.c.get(f"/api/c/{self.code}/state").json()

    def admin(self, key=None) -> dict:
        return self.c.get(f"/api/c/{self.code}/admin",
                          headers={"Authorization": f"Bearer {key or self.key}"}).json()


def make_app(url: str, **kw):
    """A store on ``url``, a meeting in it, and the app with the fixture questions."""
    from casebook.classroom.live.app import create_app
    from casebook.classroom.live.store import Store

    store = Store(url)
    meeting = store.create_meeting("fixture class")
    return store, meeting, create_app(store, question_lookup=lookup, **kw)


def real_decision_point():
    """A decision point from the chapters' question files, one whose options a judge maps if any."""
    from casebook.classroom.questions import all_questions

    found = [q for q in all_questions() if q.kind == "decision_point"]
    assert found, "the chapters' question files have no decision point"
    judged = [q for q in found if all(q.judge(o) for o in q.option_texts())]
    return (judged or found)[0]
