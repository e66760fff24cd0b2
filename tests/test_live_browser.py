"""The live classroom in a real browser (Debian's Chromium through Playwright): a projector
view and two phone-sized student pages on a real class server, the instructor driving it
through the API, a third student committing from a notebook (the client), and the whole
open-commit-split-reveal cycle seen on every page. axe-core (npm ``axe-core@4``, installed at
test time into tests/artifacts/, never committed) finds no WCAG 2.x A/AA violation on the phone
page or the projector view, before and after the reveal.

Synchronisation is by waiting on page states, never by sleeping.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import browser_support
from live_fixtures import OPTIONS, QID, free_port, start_server, stop

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
NPM_DIR = ARTIFACTS / "npm-live"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TIMEOUT_MS = 60_000
# rules that must have run (and passed) on the phone page: contrast, labels, 24 px targets
PHONE_RULES = ("color-contrast", "label", "target-size")


def _need(what: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{what} is missing in CI (`make test` installs it)")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def axe_source() -> str:
    return browser_support.axe_source()


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        _need("Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


axe_violations = browser_support.axe_violations


def test_open_commit_reveal_on_a_projector_two_phones_and_a_notebook(
        chromium, axe_source, tmp_path, monkeypatch, casebook_home):
    from casebook.classroom.live.client import ClassConfig, Connection, send_commit

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc, code, key, _ = start_server(tmp_path / "class", port)
    base = f"http://127.0.0.1:{port}"
    instructor = Connection(ClassConfig(base, code, key))
    contexts = []
    try:
        projector_ctx = chromium.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(projector_ctx)
        outside = []
        projector = projector_ctx.new_page()
        phones = []
        for name in ("Ana María", "Ben"):
            ctx = chromium.new_context(**PHONE)
            contexts.append(ctx)
            phones.append((name, ctx.new_page()))
        for ctx in contexts:
            ctx.set_default_timeout(TIMEOUT_MS)
            ctx.on("request", lambda req: None if req.url.startswith(base) else outside.append(req.url))

        projector.goto(f"{base}/p/{code}")
        projector.wait_for_selector("#count:has-text('No question is open yet')")
        assert projector.locator("#qr").is_visible()
        for name, page in phones:
            page.goto(f"{base}/j/{code}")
            page.get_by_label("Name, as your instructor knows you").fill(name)
            page.get_by_role("button", name="Join the class").click()
            page.wait_for_selector("#wait:visible")
            assert page.locator("#who").inner_text() == f"You are {name}"

        instructor.post("open", {"qid": QID}, auth=True)
        projector.wait_for_selector("#count:has-text('0 students have committed')")
        for _, page in phones:
            page.wait_for_selector("#question:visible")
            page.wait_for_selector(f"label:has-text('{OPTIONS[0]}')")
        assert axe_violations(phones[0][1], axe_source, PHONE_RULES) == []
        assert axe_violations(projector, axe_source) == []
        # targets of at least 24 x 24 px (WCAG 2.2, 2.5.8) on the phone
        for box in [phones[0][1].locator(s).first.bounding_box()
                    for s in ("input[name='choice']", "#commit", "#reason")]:
            assert box["width"] >= 24 and box["height"] >= 24, box

        for (name, page), pick in zip(phones, (OPTIONS[0], OPTIONS[2])):
            page.get_by_label(pick).check()
            page.get_by_label("Because (one line)").fill(f"{name} thinks <b>so</b>")
            page.get_by_role("button", name="Commit (final)").click()
            page.wait_for_selector("#mine:has-text('You committed')")
            assert page.locator("#commit").is_disabled()
        monkeypatch.setenv("CASEBOOK_CLASS", base)
        monkeypatch.setenv("CASEBOOK_CLASS_CODE", code)
        assert send_commit(QID, OPTIONS[0], "from my notebook", "Chen Wei", "nb-1").startswith("Sent")

        projector.wait_for_selector("#count:has-text('3 students have committed')")
        for _, page in [("projector", projector)] + phones:
            assert page.locator("#split").inner_text() == ""   # hidden until the instructor shows it
        projector.screenshot(path=str(ARTIFACTS / "live_projector_open.png"))

        instructor.post("split", {"qid": QID}, auth=True)
        for _, page in [("projector", projector)] + phones:
            page.wait_for_selector("#split:has-text('How the class split (3 students)')")
            text = page.locator("#split").inner_text()
            assert "2 · 67%" in text and "1 · 33%" in text and "0 · 0%" in text
            assert "from my notebook" in text and "thinks <b>so</b>" in text  # reasons, as text
            assert page.locator("#outcome").inner_text() == ""
        assert f"{OPTIONS[0]} (you)" in phones[0][1].locator("#split").inner_text()
        assert not projector.locator("#qr").is_visible()

        instructor.post("reveal", {"qid": QID}, auth=True)
        for _, page in [("projector", projector)] + phones:
            page.wait_for_selector("#outcome:has-text('What really happened')")
            assert "the learning race ends with both still allied" in page.locator("#outcome").inner_text()
        projector.screenshot(path=str(ARTIFACTS / "live_projector_revealed.png"), full_page=True)
        phones[0][1].screenshot(path=str(ARTIFACTS / "live_phone_revealed.png"), full_page=True)
        assert axe_violations(phones[1][1], axe_source) == []  # its controls are disabled now
        assert axe_violations(projector, axe_source) == []
        assert outside == [], f"requests left the class server: {outside}"
    finally:
        for ctx in contexts:
            ctx.close()
        stop(proc)
