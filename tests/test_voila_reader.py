"""The Voila app (make present) for every reader, in Debian's Chromium.

- Every chapter's app: no WCAG 2.0/2.1/2.2 A or AA violation (axe-core from npm), every
  image with alt text (a live figure's words come from its caption, kept up by the kernel).
- Keyboard alone: in chapter 05's app, Tab to the race's first slider and move it (the
  figure changes), then Tab to the decision point, choose an option, write a reason and
  commit, and see the outcome, all without the mouse.
"""

from __future__ import annotations

import pytest

from browser_support import ROOT, axe_source, axe_violations, launch, voila

pytestmark = pytest.mark.browser

CHAPTERS = sorted(p.name for p in (ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
READY = """() => document.querySelector('.jp-Cell') !== null
  && !document.querySelector('#loading, .voila-spinner, #rendering_text')
  && document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length
     <= document.querySelectorAll('.jupyter-widgets, .widget-subarea').length"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    with voila(ROOT / "chapters", env={"CASEBOOK_PRESENT": "1", "CASEBOOK_HOME": str(home)}) as base:
        yield base


def _open(page, base, name):
    page.goto(f"{base}/voila/render/{name}", timeout=180_000)
    page.wait_for_function(READY, timeout=180_000)
    page.wait_for_load_state("networkidle")


def test_every_chapter_app_passes_axe(app, tmp_path):
    axe = axe_source()
    found = []
    with launch(tmp_path / "profile", width=1280, height=900) as ctx:
        page = ctx.new_page()
        for name in CHAPTERS:
            _open(page, app, name)
            # a live figure's alt text arrives with its caption (casebook-a11y.js puts it on the image)
            page.wait_for_function("() => [...document.querySelectorAll('img.cb-figure')].every(i => i.alt)")
            for rule, help_, targets in axe_violations(page, axe, ran=()):
                found.append(f"{name}: {rule} ({help_}) on {targets[:3]}")
    assert found == [], "\n".join(found)


def _tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches ``selector`` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => !!document.activeElement && document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_slider_and_a_decision_with_the_keyboard_alone(app, tmp_path):
    with launch(tmp_path / "profile", width=1280, height=900) as ctx:
        page = ctx.new_page()
        _open(page, app, "05_learning_races.ipynb")
        figure = page.locator(".cb-learning-race img.cb-figure")
        before = figure.get_attribute("src")
        page.locator("body").focus()
        _tab_to(page, ".cb-learning-race .noUi-handle")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("(before) => document.querySelector('.cb-learning-race img.cb-figure')"
                               ".getAttribute('src') !== before", arg=before)

        _tab_to(page, ".cb-decision-point input[type='radio']")
        page.keyboard.press("ArrowDown")  # the next option, chosen by the keyboard
        chosen = page.evaluate("() => document.activeElement.closest('label').textContent.trim()")
        _tab_to(page, ".cb-decision-point .cb-control-reason input")
        page.keyboard.type("it keeps the plant running")
        _tab_to(page, ".cb-decision-point button.cb-control-commit")
        page.keyboard.press("Enter")
        page.wait_for_function("() => /Committed|committed/.test(document.querySelector('.cb-decision-point')"
                               ".textContent)")
        text = page.locator(".cb-decision-point").first.text_content()
        assert chosen in text
