"""Slides fit for a room (make slides), measured in Debian's Chromium.

Every slide of every deck: no taller than the 1280 x 720 deck once shown (the
template shrinks a slide only as a last resort), type still large enough to
read from the back (at least 20 CSS pixels after any shrinking), no code shown
unless a cell is tagged ``show-code``, and, like every page of the casebook,
no request to anywhere but the local server, and no WCAG 2.x A or AA violation
(axe-core, run on each slide as it is shown). The type check is for prose: a
table taller than a slide is shrunk to fit whole, and its labels may then be
smaller (chapter 09's phase table). Widgets are their kernel-free versions
(the deck runs each chapter as the book does), so they work on the slide.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from browser_support import AXE_TAGS, ARTIFACTS, ROOT, axe_source, built_slides, launch, serve

sys.path.insert(0, str(ROOT / "tools"))

import build_slides  # noqa: E402

pytestmark = pytest.mark.browser
MIN_TYPE_PX = 20

MEASURE = """() => {
  const slide = Reveal.getCurrentSlide();
  window.casebookFitSlide();
  const zoom = parseFloat(slide.style.zoom || "1");
  const scale = Reveal.getScale() * zoom;
  // What a closed <details> holds (a chart's folded numbers) takes no room until opened.
  const folded = e => { const d = e.closest("details"); return d && !d.open && e !== d && !e.closest("summary"); };
  const shown = [...slide.querySelectorAll("*")].filter(e => e.offsetParent !== null && !folded(e));
  const rects = shown.map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
  const bottom = rects.length ? Math.max(...rects.map(r => r.bottom)) : 0;
  const top = rects.length ? Math.min(...rects.map(r => r.top)) : 0;
  const texts = shown.filter(e => e.matches(".jp-MarkdownCell p, .jp-MarkdownCell li") && e.textContent.trim());
  const smallest = texts.length ? Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize))) * scale : null;
  const code = [...slide.querySelectorAll(".jp-CodeCell .jp-InputArea")].filter(e => e.offsetParent !== null).length;
  // MathJax's preview of an equation, left beside the typeset equation: the equation shown twice.
  const twice = [...slide.querySelectorAll(".MathJax_Preview")].filter(e => e.offsetParent !== null && e.textContent.trim()).length;
  return {top, bottom, viewport: window.innerHeight, zoom, smallest, code, twice,
          title: (slide.querySelector("h1, h2, h3") || {}).textContent || slide.textContent.slice(0, 60)};
}"""


# MathJax 2 runs one queue: a callback pushed onto it runs once all typesetting queued before it is
# done, including the re-render that nbconvert's deck queues on every slide change.
MATH_DONE = """() => new Promise(done => window.MathJax && MathJax.Hub
  ? MathJax.Hub.Queue(() => done(true)) : done(true))"""
AXE_ON_SLIDE = """async (tags) => {
  const r = await axe.run(Reveal.getCurrentSlide(), {runOnly: tags});
  return r.violations.map(v => [v.id, v.nodes.map(n => n.target.join(" ")).slice(0, 3)]);
}"""


def settled(page) -> dict:
    """The slide measured once fitting it twice running gives the same zoom and extent.

    A slide just shown is still being laid out: the deck has MathJax typeset its equations again
    (in chunks, each showing a preview beside the output) and loads web fonts. Measured then, a
    slide reads shorter or taller than it will rest, and a run on a busy machine passed one that
    overflows (chapter 07's equations, shrunk to 15 px type once settled).
    """
    page.evaluate(MATH_DONE)
    last = page.evaluate(MEASURE)
    for _ in range(20):
        page.wait_for_timeout(100)
        page.evaluate(MATH_DONE)
        m = page.evaluate(MEASURE)
        if abs(m["zoom"] - last["zoom"]) < 1e-3 and abs(m["bottom"] - last["bottom"]) < 1:
            return m
        last = m
    return last


def measure_decks(folder: Path, decks: list[Path], profile: Path) -> tuple[list[str], list[str]]:
    """Every slide of ``decks`` shown in turn: ``(problems, requests that left the local server)``."""
    problems, outside = [], []
    axe = axe_source()
    with serve(folder) as base, launch(profile, width=1280, height=720) as ctx:
        page = ctx.new_page()
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
        for deck in decks:
            page.goto(f"{base}/{deck.name}")
            page.wait_for_function("() => window.Reveal && Reveal.isReady && Reveal.isReady()")
            # No transition: each slide is measured where it rests, not on its way in.
            page.evaluate("() => Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
            page.evaluate(axe + "\n;0")
            slides = page.evaluate("() => Reveal.getSlides().map(s => Reveal.getIndices(s))")
            for k, at in enumerate(slides):
                page.evaluate(f"() => Reveal.slide({at['h']}, {at.get('v') or 0})")
                m = settled(page)
                where = f"{deck.name} slide {k + 1} ({m['title'].strip()[:50]!r})"
                if m["bottom"] > m["viewport"] + 1 or m["top"] < -1:
                    problems.append(f"{where}: runs from {m['top']:.0f} to {m['bottom']:.0f} px "
                                    f"of a {m['viewport']} px screen")
                if m["smallest"] is not None and m["smallest"] < MIN_TYPE_PX:
                    problems.append(f"{where}: type {m['smallest']:.1f} px")
                if m["code"]:
                    problems.append(f"{where}: shows {m['code']} code cell(s)")
                if m["twice"]:
                    problems.append(f"{where}: shows {m['twice']} equation(s) twice (MathJax's preview left beside it)")
                # WCAG 2.x A and AA on the slide as shown (axe-core, npm): contrast, names, 24 px targets.
                for rule, targets in page.evaluate(AXE_ON_SLIDE, AXE_TAGS):
                    problems.append(f"{where}: axe {rule} on {targets}")
            if deck.name.startswith("05"):
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "slide_05_last.png"))
    return problems, outside


def test_every_slide_fits_the_deck_with_type_to_project_and_passes_axe(tmp_path):
    folder = built_slides()
    decks = sorted(folder.glob("*.slides.html"))
    assert len(decks) == len(list((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb")))
    problems, outside = measure_decks(folder, decks, tmp_path / "profile")
    assert problems == [], "\n".join(problems)
    assert outside == []


def test_staging_hides_code_drops_solutions_and_gives_widgets_their_own_slide():
    nb = {"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# 05 Title\n\nIntro."},
        {"cell_type": "code", "metadata": {}, "source": "import x", "outputs": [], "execution_count": 1},
        {"cell_type": "code", "metadata": {}, "source": "build()", "execution_count": 2,
         "outputs": [{"output_type": "display_data", "metadata": {},
                      "data": {build_slides.WIDGET_MIME: {"model_id": "m"}, "text/plain": "VBox()"}}]},
        {"cell_type": "markdown", "metadata": {}, "source": "After.\n\n<details class=\"cb-solution\"><summary>S"
                                                             "</summary>\n\nThe answer.\n\n</details>"},
        {"cell_type": "code", "metadata": {"tags": ["show-code"]}, "source": "x = 1  # the lesson",
         "outputs": [], "execution_count": 3},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    cells = build_slides.stage(nb)["cells"]
    kinds = [c["metadata"]["slideshow"]["slide_type"] for c in cells]
    sources = ["".join(c["source"]) for c in cells]
    assert "import x" not in sources  # nothing to show: dropped
    assert not any("The answer" in s for s in sources)
    widget = sources.index("build()")
    assert kinds[widget] == "subslide" and kinds[widget + 1] == "subslide"
    assert "remove_input" in cells[widget]["metadata"]["tags"]
    lesson = next(c for c in cells if "the lesson" in "".join(c["source"]))
    assert "remove_input" not in lesson["metadata"]["tags"]


def test_a_long_text_cell_is_cut_into_slides_that_fit_the_budget():
    para = "word " * 120
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "## Section\n\n" + "\n\n".join([para] * 6)}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    cells = build_slides.stage(nb)["cells"]
    starts = [i for i, c in enumerate(cells) if c["metadata"]["slideshow"]["slide_type"] != "-"]
    assert len(starts) >= 3
    bounds = starts + [len(cells)]
    for a, b in zip(bounds, bounds[1:]):
        assert sum(build_slides._text_height("".join(c["source"])) for c in cells[a:b]) <= build_slides.BUDGET


def test_no_chapter_has_a_mermaid_diagram():
    """The slide and Voila templates load no mermaid (it would come from a CDN): vendor it first if one is added."""
    for nb_path in (ROOT / "chapters").glob("*.ipynb"):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            text = "".join(cell["source"])
            assert "```mermaid" not in text, nb_path.name
            for o in cell.get("outputs", []):
                assert "text/vnd.mermaid" not in o.get("data", {}), nb_path.name


def test_a_tall_table_is_cut_between_rows_under_its_header():
    row = "| " + "long words in a cell " * 4 + " | " + "more words here " * 4 + " |"
    text = "| a | b |\n|---|---|\n" + "\n".join([row] * 20)
    pieces = build_slides._blocks(text)
    assert len(pieces) >= 3
    for piece in pieces:
        assert piece.startswith("| a | b |\n|---|---|\n")
        assert build_slides._text_height(piece) <= build_slides.BUDGET
    assert sum(p.count(row) for p in pieces) == 20


def test_an_equation_closed_at_the_end_of_a_line_does_not_swallow_the_text_after_it():
    # Chapter 07's in/out pair: "$$\mathrm{in} ... ,\qquad" then "\mathrm{out} ... $$". The cut took
    # the rest of the cell for part of the equation, so one slide ran to 1,255 px of a 720 px deck.
    para = "word " * 60
    text = "$$a = b,\\qquad\nc = d.$$\n\n" + "\n\n".join([para] * 4)
    blocks = build_slides._blocks(text)
    assert len(blocks) == 5 and blocks[0].endswith("$$")
    assert build_slides._text_height(text) == 70 + sum(build_slides._text_height(p) - 24 for p in [para] * 4) \
        + 8 * 4 + 24
    assert build_slides._text_height("$$x$$ and $$y$$") == 140 + 24


# Every slide with an equation, shown in turn 40 ms apart for as long as MathJax's first pass runs.
HURRY = """async () => {
  const slides = Reveal.getSlides().filter(s => s.querySelector('script[type^="math/tex"]'));
  let during = 0;
  for (const s of slides) {
    if (!document.querySelector('.MathJax_Preview .MJXp-math')) { break; }
    const at = Reveal.getIndices(s);
    Reveal.slide(at.h, at.v || 0);
    during += 1;
    await new Promise(r => setTimeout(r, 40));
  }
  return during;
}"""
# Once MathJax is done, a preview with anything in it is an equation shown twice.
LEFT_TWICE = """() => [...document.querySelectorAll('.MathJax_Preview')].filter(e => e.textContent.trim())
  .map(e => Reveal.getSlides().indexOf(e.closest('section')) + 1)"""


def equations_twice(folder: Path, decks: list[Path], profile: Path) -> tuple[list[str], int]:
    """Each deck opened and hurried through, slide by slide, while MathJax's first pass runs.

    The first pass shows a quick preview of every equation, then typesets them in page order, and
    nbconvert's deck asks for a shown slide to be typeset again; a presenter who moves on at once
    lands on slides in every state. Returns the problems, and how many slides were shown during a
    first pass (a fast machine may finish a deck first).
    """
    problems, during = [], 0
    with serve(folder) as base, launch(profile, width=1280, height=720) as ctx:
        page = ctx.new_page()
        for deck in decks:
            page.goto(f"{base}/{deck.name}")
            page.wait_for_function("() => window.Reveal && Reveal.isReady && Reveal.isReady()")
            during += page.evaluate(HURRY)
            page.evaluate(MATH_DONE)
            page.wait_for_timeout(200)
            page.evaluate(MATH_DONE)
            left = page.evaluate(LEFT_TWICE)
            if left:
                problems.append(f"{deck.name}: {len(left)} equation(s) shown twice, on slides {sorted(set(left))[:8]}")
    return problems, during


def test_a_slide_shown_before_mathjax_is_done_shows_each_equation_once(tmp_path):
    # nbconvert's deck typesets a slide again when it is shown; asked during MathJax's first pass, that
    # left the previews beside the equations (chapter 07: every equation twice, the slide shrunk).
    folder = built_slides()
    decks = sorted(folder.glob("*.slides.html"))
    problems, during = equations_twice(folder, decks, tmp_path / "profile")
    assert problems == []
    assert during >= 1  # slides really were shown during a first pass
