"""The book as a reader with no Python meets it, in Debian's Chromium.

- Every page of the book and of the instructor edition: no WCAG 2.0/2.1/2.2 A or AA
  violation (axe-core from npm), no equation that failed to typeset, every image with
  alt text that says something (never a file name).
- Every kernel-free widget (casebook.widgets.frames) moves with the keyboard alone: its
  first control, and its second where it has one, changes the picture shown, no kernel.
- Each chapter page links its notebook and the PDF, and both are in the site.
- The page weight stays within its budget (below): the frames are the heavy part.

Synchronisation is by waits on selectors and states (the widgets rendered, a picture
changed), never by sleeping.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import ROOT, axe_source, axe_violations, built, launch, serve

pytestmark = pytest.mark.browser

# Page weight (the HTML of a page with its inline images and widget state; the shared
# scripts and styles in _static/ are loaded once for the whole site). Before the kernel-free
# widgets: 0.56 MB for the heaviest chapter page, 3.2 MB for all pages. Budget, kept by
# casebook.widgets.frames.MAX_FRAMES and 128-colour frames: 4 MB a page, 16 MB in all.
PAGE_BUDGET = 4_000_000
BOOK_BUDGET = 16_000_000
SKIP = ("_static", "_sources", "@jupyter-widgets", "_images")
RENDERED = """() => {
  const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length;
  const done = document.querySelectorAll('.widget-subarea, .jupyter-widgets-view').length;
  return views === 0 || done >= views;
}"""
IMAGES = """() => [...document.querySelectorAll('img')].filter(i => i.offsetParent !== null || i.closest('.cb-frame'))
  .map(i => [i.getAttribute('src').slice(0, 40), i.getAttribute('alt')])"""


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not any(part in SKIP for part in p.relative_to(site).parts))


@pytest.fixture(scope="module")
def axe():
    return axe_source()


@pytest.mark.parametrize("edition", ["book", "instructor"])
def test_every_page_passes_axe_and_every_image_says_what_it_shows(edition, axe, tmp_path):
    site = built(edition)
    found = []
    with serve(site) as base, launch(tmp_path / "profile", width=1280, height=900) as ctx:
        page = ctx.new_page()
        for name in pages(site):
            page.goto(f"{base}/{name}", wait_until="networkidle")
            page.wait_for_function(RENDERED)
            for rule, help_, targets in axe_violations(page, axe, ran=()):
                found.append(f"{name}: {rule} ({help_}) on {targets[:3]}")
            if page.locator("mjx-merror, .mjx-merror").count():
                found.append(f"{name}: an equation failed to typeset")
            for src, alt in page.evaluate(IMAGES):
                if not alt or alt.strip().lower().endswith((".png", ".svg", ".jpg")) or len(alt.strip()) < 4:
                    found.append(f"{name}: image {src}... has alt text {alt!r}")
    assert found == [], "\n".join(found)


# What a kernel-free widget shows now: its visible frame's picture and text (two settings may give
# the same picture, a saturated capacity say, but then their numbers or words differ).
SHOWN = """(b) => [...b.querySelectorAll('img.cb-frame')].filter(i => i.offsetParent !== null)
  .map(i => i.getAttribute('src').slice(-60) + i.closest('.widget-vbox').textContent).join()"""


def _shown_frame(box):
    return box.evaluate(SHOWN)


def _press(page, control, key_for_slider="ArrowRight"):
    """Move a book control with the keyboard only: focus it, press a key."""
    handle = control.locator(".noUi-handle")
    if handle.count():
        handle.first.focus()
        page.keyboard.press(key_for_slider)
        return
    select = control.locator("select")
    if select.count():
        select.first.focus()
        page.keyboard.press("ArrowDown")
        return
    buttons = control.locator("button")  # toggle buttons: to a button not chosen yet, press Space
    buttons.first.focus()
    if "mod-active" in (buttons.first.get_attribute("class") or ""):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")


def test_every_kernel_free_widget_moves_its_picture_with_the_keyboard(tmp_path):
    site = built("book")
    moved, stuck = [], []
    with serve(site) as base, launch(tmp_path / "profile", width=1280, height=900) as ctx:
        page = ctx.new_page()
        for name in [p for p in pages(site) if p[:2].isdigit()]:
            page.goto(f"{base}/{name}", wait_until="networkidle")
            page.wait_for_function(RENDERED)
            widgets = page.locator(".cb-kernel-free")
            for k in range(widgets.count()):
                box = widgets.nth(k)
                controls = box.locator(".cb-book-control")
                for c in range(controls.count()):
                    box.scroll_into_view_if_needed()
                    before = _shown_frame(box)
                    _press(page, controls.nth(c))
                    try:
                        page.wait_for_function(f"([el, before]) => ({SHOWN})(el) !== before",
                                               arg=[box.element_handle(), before], timeout=5_000)
                        moved.append(f"{name} widget {k} control {c}")
                    except Exception:  # a setting may give the same picture: try the other way
                        _press(page, controls.nth(c), "ArrowLeft")
                        page.keyboard.press("ArrowLeft")
                        if _shown_frame(box) == before:
                            stuck.append(f"{name} widget {k} control {c}")
                        else:
                            moved.append(f"{name} widget {k} control {c}")
    assert stuck == [], f"controls that moved no picture: {stuck}"
    assert len(moved) >= 20  # every chapter's widgets, both controls of most


def test_each_chapter_page_links_its_notebook_and_the_pdf():
    site = built("book")
    for nb in sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb")):
        html = (site / nb.with_suffix(".html").name).read_text(encoding="utf-8")
        assert f'href="notebooks/{nb.name}"' in html and 'href="casebook.pdf"' in html, nb.name
        assert (site / "notebooks" / nb.name).read_bytes() == nb.read_bytes()
    assert (site / "casebook.pdf").read_bytes()[:5] == b"%PDF-"


def test_page_weight_within_budget():
    site = built("book")
    sizes = {name: (site / name).stat().st_size for name in pages(site)}
    heavy = {n: s for n, s in sizes.items() if s > PAGE_BUDGET}
    assert heavy == {}, f"pages over {PAGE_BUDGET / 1e6:g} MB: {heavy}"
    assert sum(sizes.values()) <= BOOK_BUDGET, f"{sum(sizes.values()) / 1e6:.1f} MB in all"
