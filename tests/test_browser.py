"""The casebook in a real browser: Debian's Chromium driven by Playwright.

(a) `make lab` as a user runs it: the printed port answers /api, chapter 00 is
    open; then a widget chapter is run and its slider moved.
(b) A built book page: the widget renders and no request leaves the site.
(c) `voila` on one chapter: the app answers and reacts to a control.

Synchronisation is by explicit waits on selectors and states, never sleeps.
Screenshots go to tests/artifacts/ (not committed).
"""

from __future__ import annotations

import os
import urllib.request

import pytest

from browser_support import (ARTIFACTS, CHROMIUM, FLAGS, ROOT, TIMEOUT_MS, free_port, make_lab, process,
                             require_chromium, serve, voila_command, wait_http)
from browser_support import built_book as build_book

pytestmark = pytest.mark.browser

# The chapter whose slider the browser tests drive (a chapter with a LiveFigure).
WIDGET_CHAPTER = "05_learning_races.ipynb"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            headless=True, args=FLAGS, viewport={"width": 1400, "height": 1000})
        ctx.set_default_timeout(TIMEOUT_MS)
        yield ctx
        ctx.close()


def _first_slider_changes(page, image_selector: str, scope: str = "") -> None:
    """Press ArrowRight on the first slider; wait until the figure image changes.

    JupyterLab 4 skips rendering off-screen cells (content-visibility), and
    Run All leaves the view at the last cell: an output above it is in the
    page but not visible until scrolled to. So wait for it to be attached,
    scroll to it, then wait for it to show.
    """
    figure = page.locator(image_selector).first
    figure.wait_for(state="attached")
    figure.scroll_into_view_if_needed()
    figure.wait_for(state="visible")
    before = figure.get_attribute("src")
    handle = page.locator(f"{scope} .widget-slider .noUi-handle".strip()).first
    handle.wait_for(state="attached")
    handle.scroll_into_view_if_needed()
    handle.wait_for(state="visible")
    handle.click()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[image_selector, before])


def test_make_lab_serves_chapter_00_and_a_widget_chapter_reacts(browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    # make lab as a new user runs it (browser_support.make_lab): no saved workspace from an earlier
    # run, and a working copy of the chapters in a temporary folder (never the user's my_chapters/).
    with make_lab(tmp_path / "work", tmp_path) as (url, port, token):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api") as r:
            assert r.status == 200 and b"version" in r.read()

        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector(".jp-NotebookPanel")
        page.wait_for_selector(".lm-TabBar-tab.lm-mod-current:has-text('00_how_to_use')")
        page.wait_for_selector(".jp-MarkdownOutput h1:has-text('How to use this casebook')")
        page.screenshot(path=str(ARTIFACTS / "lab_chapter00.png"))

        if not (ROOT / "chapters" / WIDGET_CHAPTER).exists():
            pytest.skip(f"{WIDGET_CHAPTER} is not written yet")
        page.goto(f"http://127.0.0.1:{port}/lab/tree/{WIDGET_CHAPTER}?token={token}")
        stem = WIDGET_CHAPTER.removesuffix(".ipynb")
        try:
            page.wait_for_selector(f".lm-TabBar-tab.lm-mod-current:has-text('{stem}')")  # Run All acts on this tab
            # Chapter 00's tab stays open (hidden) with its own kernel indicator, figures and
            # sliders: every selector is scoped to the visible notebook, or the test waits on
            # the hidden tab's elements whenever that kernel happens to be idle first.
            shown = ".jp-NotebookPanel:not(.lm-mod-hidden)"
            page.wait_for_selector(f"{shown} .jp-Notebook-ExecutionIndicator[data-status='idle']")
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            _first_slider_changes(page, f"{shown} img.cb-figure", scope=shown)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "lab_widget_chapter_failed.png"))  # what the browser showed
            raise
        page.screenshot(path=str(ARTIFACTS / "lab_widget_chapter.png"))
        page.close()


@pytest.fixture(scope="module")
def built_book():
    return build_book()


def test_book_page_renders_widgets_offline(browser, built_book):
    """The widget chapter's page: sliders and equations render, nothing leaves the site."""
    ARTIFACTS.mkdir(exist_ok=True)
    target = built_book / WIDGET_CHAPTER.replace(".ipynb", ".html")
    if not target.exists():
        pytest.skip(f"{WIDGET_CHAPTER} is not written yet")
    with serve(built_book) as base:
        page = browser.new_page()
        requests, errors, missing = [], [], []
        page.on("request", lambda req: requests.append(req.url))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("response", lambda r: missing.append(r.url) if r.status >= 400 and not r.url.endswith("favicon.ico")
                else None)
        page.goto(f"{base}/{target.name}", wait_until="networkidle")
        page.wait_for_selector(".widget-slider", state="attached")
        slider = page.locator(".widget-slider").first
        slider.scroll_into_view_if_needed()
        slider.wait_for(state="visible")
        page.wait_for_selector("mjx-container")  # MathJax typeset the equations, from the site itself
        # An exercise is a snapshot of the run, and says so; a model's widget is its kernel-free
        # version (casebook.widgets.frames), whose own controls work (tests/test_book_reader.py moves them).
        note = page.evaluate("getComputedStyle(document.querySelector('.cb-panel:not(.cb-kernel-free)'), '::before').content")
        assert "need Python" in note, "the book does not tell readers its exercises are a snapshot"
        assert page.evaluate("getComputedStyle(document.querySelector('.cb-kernel-free .cb-book-control')).pointerEvents") == "auto"
        assert "need Python" in page.locator(".cb-kernel-free .cb-kernel-free-note").first.text_content()
        page.screenshot(path=str(ARTIFACTS / "book_page.png"))
        external = [u for u in requests if not (u.startswith(base) or u.startswith(("data:", "blob:")))]
        assert external == [], f"the book page asked for outside resources: {external}"
        assert errors == [], f"the book page raised JavaScript errors: {errors}"
        assert missing == [], f"the book page asked for files the site lacks: {missing}"
        page.close()


def test_voila_app_reacts_to_a_control(browser):
    if not (ROOT / "chapters" / WIDGET_CHAPTER).exists():
        pytest.skip(f"{WIDGET_CHAPTER} is not written yet")
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    cmd, env = voila_command(f"chapters/{WIDGET_CHAPTER}", port)
    with process(cmd, env={**os.environ, **env}):
        wait_http(f"http://127.0.0.1:{port}/", timeout=90)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        _first_slider_changes(page, "img.cb-figure")
        page.screenshot(path=str(ARTIFACTS / "voila_app.png"))
        page.close()
