"""Slide decks for a room: one reveal.js deck per chapter, offline, every slide within 1280 x 720.

``tools/build_book.py slides`` calls :func:`build_slides`. Each chapter is staged
first (the chapter itself is never changed):

- each chapter runs first as the book runs it (``execute_kernel_free``): a
  widget is its kernel-free version, whose main controls work on the slide;
- code is hidden: a code cell shows only its outputs, unless it is tagged
  ``show-code`` (code that is the lesson); a cell left with nothing to show is
  dropped, and so are folded solutions (slides are for the class meeting);
- slides are cut to fit: a ``#``/``##`` heading starts a slide and ``###`` a
  sub-slide; a long text cell is cut into its paragraphs; whenever the next
  piece would not fit in what is left of a 720-pixel slide (estimated from its
  lines, tables, equations and pictures), it starts a sub-slide; a widget, or an output taller than a slide, gets a
  sub-slide of its own;
- the deck uses the casebook's template (``tools/jupyter/nbconvert/templates/
  casebook_slides``): 1280 x 720, type for a projector, no mermaid from a CDN,
  and a last resort that shrinks a slide still too tall (a widget) to fit.

The browser test ``tests/test_slides.py`` measures every slide of every deck.
"""

from __future__ import annotations

import copy
import math
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "tools" / "jupyter" / "nbconvert" / "templates"
WIDTH, HEIGHT = 1280, 720
# The budget for one slide's content, in CSS pixels of the 1280 x 720 slide
# (reveal.js keeps a margin; the template's type sizes are below).
BUDGET = 600
CHARS_PER_LINE = 70      # body text at 30 px on a 1180-pixel measure
LINE = 44                # 30 px type at line-height 1.45
HEADING = {1: 90, 2: 80, 3: 66}
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_SOLUTION = re.compile(r"<details[^>]*cb-solution.*?</details>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _text_height(text: str) -> int:
    """Estimated height of a Markdown block on a slide."""
    height = 0
    in_math = False
    for line in text.splitlines():
        s = line.strip()
        n = s.count("$$")
        if in_math or n:
            # A display equation: about 70 px, however many source lines it takes. An odd number
            # of $$ on a line opens one (or closes it) on a later line (chapter 07's in/out pair).
            height += 0 if in_math else 70 * ((n + 1) // 2)
            in_math ^= n % 2 == 1
            continue
        if not s:
            height += 8
            continue
        m = re.match(r"^(#{1,6})\s", s)
        if m:
            height += HEADING.get(len(m.group(1)), 56)
        elif s.startswith("|"):
            if not set(s) <= set("|-: "):
                cells = [c.strip() for c in s.strip("|").split("|")]
                per_cell = max(8, CHARS_PER_LINE // max(1, len(cells)))
                height += 46 * max(math.ceil(len(c) / per_cell) for c in cells)
        else:
            height += LINE * max(1, math.ceil(len(s) / CHARS_PER_LINE))
    return height + 24


def _blocks(text: str) -> list[str]:
    """A Markdown cell cut into paragraphs, keeping equations, tables, lists and fences whole."""
    blocks, current, fence, math_open = [], [], False, False
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("```"):
            fence = not fence
        if not fence and s.count("$$") % 2 == 1:
            math_open = not math_open
        if not s and not fence and not math_open and current:
            blocks.append("\n".join(current))
            current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    out = []
    for block in (b for b in blocks if b.strip()):
        if _text_height(block) > BUDGET:
            out += _split_table(block) if block.lstrip().startswith("|") else _split_list(block)
        else:
            out.append(block)
    return out


def _split_table(block: str) -> list[str]:
    """A Markdown table too tall for a slide, cut between rows, each piece under the same header."""
    lines = block.splitlines()
    if len(lines) < 3 or not set(lines[1].strip()) <= set("|-: "):
        return [block]
    header, rows = lines[:2], lines[2:]
    pieces, piece = [], []
    for row in rows:
        if piece and _text_height("\n".join(header + piece + [row])) > BUDGET:
            pieces.append("\n".join(header + piece))
            piece = []
        piece.append(row)
    pieces.append("\n".join(header + piece))
    return pieces


def _split_list(block: str) -> list[str]:
    """A list too tall for a slide, cut between its items into pieces that fit."""
    lines = block.splitlines()
    if not lines or not re.match(r"^\s*([-*+]|\d+\.)\s", lines[0]):
        return [block]
    items, current = [], []
    for line in lines:
        if re.match(r"^([-*+]|\d+\.)\s", line) and current:
            items.append("\n".join(current))
            current = []
        current.append(line)
    items.append("\n".join(current))
    pieces, piece = [], []
    for item in items:
        if piece and _text_height("\n".join(piece + [item])) > BUDGET:
            pieces.append("\n".join(piece))
            piece = []
        piece.append(item)
    pieces.append("\n".join(piece))
    return pieces


def _output_height(output: dict) -> int:
    data = output.get("data", {})
    if WIDGET_MIME in data:
        return HEIGHT  # always a sub-slide of its own
    if "image/png" in data:
        size = output.get("metadata", {}).get("image/png", {})
        return int(size.get("height", 420)) + 20
    if "text/html" in data:
        return 46 * max(2, "".join(data["text/html"]).count("<tr")) + 20
    text = "".join(data.get("text/plain", output.get("text", "")))
    return 34 * max(1, text.count("\n") + 1) + 20


def stage(nb: dict) -> dict:
    """The chapter as a deck: code hidden, solutions dropped, cut into slides that fit."""
    nb = copy.deepcopy(nb)
    pieces = []  # (cell, height, starts) with starts in {"slide", "subslide", None}
    for cell in nb["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            text = _COMMENT.sub("", _SOLUTION.sub("", source)).strip()
            for block in _blocks(text):
                m = re.match(r"^(#{1,3})\s", block)
                starts = None if not m else ("subslide" if len(m.group(1)) == 3 else "slide")
                new = {"cell_type": "markdown", "metadata": {}, "source": block, "id": None}
                pieces.append((new, _text_height(block), starts))
        elif cell["cell_type"] == "code":
            outputs = cell.get("outputs", [])
            if "show-code" not in tags and not outputs:
                continue
            new = copy.deepcopy(cell)
            new["metadata"] = {"tags": sorted(tags | ({"remove_input"} if "show-code" not in tags else set()))}
            height = sum(_output_height(o) for o in outputs)
            if "show-code" in tags:
                height += 34 * (source.count("\n") + 1) + 30
            # A widget, or an output taller than a slide (a long table), gets a sub-slide of its own.
            widget = any(WIDGET_MIME in o.get("data", {}) for o in outputs) or height > BUDGET
            pieces.append((new, height, "widget" if widget else None))
    cells, used, previous_widget = [], 0, False
    for i, (cell, height, starts) in enumerate(pieces):
        if starts in ("slide", "subslide") or i == 0:
            kind = "slide" if starts == "slide" or i == 0 else "subslide"
            used = height
        elif starts == "widget" or previous_widget or used + height > BUDGET:
            kind, used = "subslide", height
        else:
            kind, used = "-", used + height
        previous_widget = starts == "widget"
        cell["metadata"]["slideshow"] = {"slide_type": kind}
        cell["id"] = f"s{i}"
        cells.append(cell)
    nb["cells"] = cells
    return nb


def build_slides(out: Path, vendor) -> Path:
    """Write one deck per chapter into ``out``; ``vendor(dest)`` copies the JavaScript it needs."""
    import nbformat

    out.mkdir(parents=True, exist_ok=True)
    vendor(out / "vendor")
    from execute_chapters import execute_kernel_free

    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb")):
            # Run a copy kernel-free first (its widgets then work on the slide with no kernel, and
            # are shorter: no questionnaire of thirty buttons shrunk to fit), then cut it into slides.
            run = Path(tmp) / "run" / path.name
            run.parent.mkdir(exist_ok=True)
            run.write_bytes(path.read_bytes())
            execute_kernel_free(run)
            nb = nbformat.read(run, as_version=4)
            staged = Path(tmp) / path.name
            nbformat.write(nbformat.from_dict(stage(nb)), staged)
            subprocess.run([
                sys.executable, "-m", "jupyter", "nbconvert", "--to", "slides", str(staged), "--output-dir", str(out),
                f"--TemplateExporter.extra_template_basedirs={TEMPLATES}",
                "--template=casebook_slides",
                "--TagRemovePreprocessor.enabled=True",
                "--TagRemovePreprocessor.remove_input_tags=remove_input",
                "--SlidesExporter.reveal_url_prefix=vendor/reveal.js",
                "--SlidesExporter.reveal_theme=white",
                f"--SlidesExporter.reveal_width={WIDTH}",
                f"--SlidesExporter.reveal_height={HEIGHT}",
                "--SlidesExporter.jquery_url=vendor/jquery.min.js",
                "--SlidesExporter.require_js_url=vendor/require.js",
                "--SlidesExporter.mathjax_url=vendor/mathjax2/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
                "--SlidesExporter.widget_renderer_url=vendor/html-manager/embed-amd.js",
                "--SlidesExporter.jupyter_widgets_base_url=vendor/",
                "--log-level=WARN",
            ], check=True)
    return out
