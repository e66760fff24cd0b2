"""Helpers shared by the browser tests: Debian's Chromium, servers started and stopped cleanly.

Used by ``tests/test_browser.py``, ``tests/test_browser_layout.py`` and ``tests/test_browser_student.py``:
``require_chromium``, ``launch`` (a persistent Chromium context),
``free_port``, ``wait_http``, ``process`` (a subprocess in its own session,
killed with its children), ``serve`` (a folder over http) and the servers the
casebook is read in: ``jupyter_lab``, ``voila`` and ``make_lab`` (JupyterLab started by ``make lab``).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 90_000
BIN = Path(sys.executable).parent


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing in CI: `make test` installs it (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (as root: apt-get install chromium)")


@contextmanager
def launch(profile: Path, width: int = 1400, height: int = 1000):
    """A persistent Chromium context (Playwright refuses --user-data-dir in ``launch``)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": width, "height": height})
        ctx.set_default_timeout(TIMEOUT_MS)
        try:
            yield ctx
        finally:
            ctx.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status < 500:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer within {timeout} s")
        time.sleep(0.2)


@contextmanager
def process(cmd, **kw):
    """Run ``cmd`` in its own session from the repository root; end it and its children after."""
    kw.setdefault("cwd", ROOT)
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, **kw)
    try:
        yield proc
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no line per request in the test output
        pass


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` over http on a free port (a ``file://`` page is not what readers get)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _drain(proc) -> None:
    threading.Thread(target=proc.stdout.read, daemon=True).start()


@contextmanager
def jupyter_lab(root_dir: Path, tmp: Path, env: dict | None = None, expose_app: bool = False):
    """JupyterLab on ``root_dir`` with no token, an empty workspace and the project's settings.

    Yields the base URL. The settings are those ``make lab`` installs
    (``tools/lab-overrides.json``, here read from the repository itself);
    the workspace folder is fresh, as for a new user. ``expose_app`` makes the
    application ``window.jupyterapp`` in the page, so a test can run commands
    (open a file, run all cells) without hunting for menu items.
    """
    port = free_port()
    env = {**os.environ, "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"), **(env or {})}
    cmd = [str(BIN / "jupyter"), "lab", "--no-browser", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", f"--ServerApp.root_dir={root_dir}"]
    settings = tmp / "lab-settings"  # the repository's settings, not a copy make lab may not have refreshed
    settings.mkdir(exist_ok=True)
    shutil.copy2(ROOT / "tools" / "lab-overrides.json", settings / "overrides.json")
    cmd.append(f"--LabApp.app_settings_dir={settings}")
    if expose_app:
        cmd.append("--LabApp.expose_app_in_browser=True")
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    with process(cmd, env=env) as proc:
        _drain(proc)
        base = f"http://127.0.0.1:{port}"
        wait_http(f"{base}/api/status", timeout=90)
        yield base


def voila_command(target: Path | str, port: int) -> tuple[list[str], dict]:
    """Voila as ``make present`` starts it: the casebook's offline template (tools/jupyter), light theme."""
    path = str(ROOT / "tools" / "jupyter")
    if os.environ.get("JUPYTER_PATH"):
        path += os.pathsep + os.environ["JUPYTER_PATH"]
    cmd = [str(BIN / "voila"), str(target), f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1",
           "--theme=light", "--template=casebook"]
    return cmd, {"JUPYTER_PATH": path}


@contextmanager
def voila(root_dir: Path, env: dict | None = None):
    """Voila serving every notebook of ``root_dir`` (``/voila/render/NAME.ipynb``); yields the base URL."""
    port = free_port()
    cmd, voila_env = voila_command(root_dir, port)
    with process(cmd, env={**os.environ, **voila_env, **(env or {})}) as proc:
        _drain(proc)
        base = f"http://127.0.0.1:{port}"
        wait_http(f"{base}/", timeout=90)
        yield base


# ---------------------------------------------------------------- axe-core (WCAG 2.x A and AA)
AXE_DIR = ARTIFACTS / "npm-live"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_source() -> str:
    """axe-core's script, installed from npm into tests/artifacts/npm-live (once per version)."""
    import json

    npm = shutil.which("npm")
    if npm is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("npm (for axe-core) is missing in CI (`make test` installs it)")
        pytest.skip("npm (for axe-core) is not installed")
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        (AXE_DIR / "package.json").write_text(json.dumps(
            {"name": "casebook-live-tests", "private": True, "dependencies": {"axe-core": "4"}}), encoding="utf-8")
        subprocess.run([npm, "install", "--no-package-lock", "--no-audit", "--no-fund", "--silent"],
                       cwd=AXE_DIR, check=True, timeout=300)
    return script.read_text(encoding="utf-8")


def axe_violations(page, source: str, ran=("color-contrast",)) -> list:
    """axe-core's WCAG 2.x A/AA violations on the page (and a check that the rules in ``ran`` ran).

    Each violation is ``(rule id, help, [targets])``. The script is evaluated through the DevTools
    protocol, so a page's own content-security policy (no inline script) stays on.
    """
    page.evaluate(source + "\n;0")
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", AXE_TAGS)
    passed = {r["id"] for r in result["passes"]}
    assert set(ran) <= passed, sorted(passed)  # axe really checked these
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


_BUILT: dict[str, Path] = {}
_OUTPUT = {"book": "html", "instructor": "instructor", "slides": "slides"}


def built(edition: str) -> Path:
    """An edition (``book``, ``instructor``, ``slides``) built once per test run by ``tools/build_book.py``.

    Skips without npm (the offline JavaScript comes from it). ``--allow-modified``: test the chapters
    as they are in this tree (an author's uncommitted edit included); a clean clone (CI) has none,
    and the refusal itself is tested in test_workcopy.py.
    """
    if edition not in _BUILT:
        if shutil.which("npm") is None:
            pytest.skip(f"npm is needed to build the offline {edition}")
        subprocess.run([sys.executable, str(ROOT / "tools" / "build_book.py"), edition, "--allow-modified"],
                       check=True, cwd=ROOT)
        _BUILT[edition] = ROOT / "book" / "_build" / _OUTPUT[edition]
    return _BUILT[edition]


def built_book() -> Path:
    """The student book (``tools/build_book.py book``), built once per test run."""
    return built("book")


def built_slides() -> Path:
    """The slide decks (``tools/build_book.py slides``), built once per test run."""
    return built("slides")


@contextmanager
def make_lab(work: Path, tmp: Path, env: dict | None = None):
    """``make lab`` exactly as a user runs it, on its own port, with the working copy in ``work``.

    Yields ``(url, port, token)``: the address make lab printed (chapter 00,
    with the token). ``tmp`` holds a fresh JupyterLab workspace (a new user's
    first start). ``work`` is passed as ``WORK=`` so a test never touches a
    real student's ``my_chapters/``; the caller sets ``CASEBOOK_HOME`` in
    ``env`` (the test suite's conftest already points it at a throw-away folder).
    """
    import re

    port = free_port()
    env = {**os.environ, "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"), **(env or {})}
    with process(["make", "--no-print-directory", "lab", f"PORT={port}", f"WORK={work}"], env=env) as proc:
        url, seen = None, []
        deadline = time.monotonic() + 180
        for line in proc.stdout:
            seen.append(line)
            m = re.search(r"(http://127\.0\.0\.1:(\d+)/\S+)", line)
            if m:
                url = m.group(1)
                break
            assert time.monotonic() < deadline, "make lab printed no URL:\n" + "".join(seen)
        assert url is not None, "make lab printed no URL:\n" + "".join(seen)
        assert int(re.search(r":(\d+)/", url).group(1)) == port, f"make lab printed {url}, not port {port}"
        _drain(proc)
        wait_http(f"http://127.0.0.1:{port}/api", timeout=90)
        yield url, port, re.search(r"token=([0-9a-f]+)", url).group(1)
