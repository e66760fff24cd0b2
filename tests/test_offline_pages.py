"""Offline proved: the book, a slide deck and the Voila app load with the network cut off.

Every request is allowed only to the local server that serves the page; anything
else is blocked (as it would fail in a classroom without internet) and recorded.
The test fails on any such request, and on a page error.
"""

from __future__ import annotations

import pytest

from browser_support import ARTIFACTS, ROOT, built_book, built_slides, launch, serve, voila

pytestmark = pytest.mark.browser

BOOK_PAGES = ["index.html", "05_learning_races.html", "06_clusters_spillovers.html", "glossary.html"]
DECK = "06_clusters_spillovers.slides.html"
APP = "05_learning_races.ipynb"


def _cut_off(ctx, base: str, blocked: list[str]) -> None:
    def route(r):
        url = r.request.url
        if url.startswith((base, "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort("internetdisconnected")
    ctx.route("**/*", route)


def _open(ctx, url: str, errors: list[str], ready: str) -> None:
    page = ctx.new_page()
    page.on("pageerror", lambda e: errors.append(f"{url}: {e}"))
    page.goto(url)
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    page.close()


def test_book_slides_and_voila_make_no_request_beyond_the_local_server(tmp_path):
    book, slides = built_book(), built_slides()
    blocked, errors = [], []
    with launch(tmp_path / "p1") as ctx, serve(book) as base:
        _cut_off(ctx, base, blocked)
        for name in BOOK_PAGES:
            if (book / name).exists():
                _open(ctx, f"{base}/{name}", errors, "main")
    with launch(tmp_path / "p2", width=1280, height=720) as ctx, serve(slides) as base:
        _cut_off(ctx, base, blocked)
        _open(ctx, f"{base}/{DECK}", errors, ".reveal .slides section")
    with voila(ROOT / "chapters") as base, launch(tmp_path / "p3") as ctx:
        _cut_off(ctx, base, blocked)
        page = ctx.new_page()
        page.on("pageerror", lambda e: errors.append(f"voila: {e}"))
        page.goto(f"{base}/voila/render/{APP}")
        page.wait_for_selector(".widget-slider", timeout=120_000)
        page.wait_for_load_state("networkidle")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "voila_offline.png"))
    assert blocked == [], "requests that left the machine:\n" + "\n".join(sorted(set(blocked)))
    assert errors == []
