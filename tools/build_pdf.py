"""Build the casebook as one PDF, offline: ``python tools/build_pdf.py`` -> book/_build/pdf/casebook.pdf.

The chapters are read with their stored outputs (as the HTML book is), turned
into one Markdown document, converted to Typst markup by pandoc and typeset by
the Typst compiler. Both come from PyPI wheels that carry their binaries
(``pypandoc_binary``, ``typst``): nothing is downloaded at build time, Typst
bundles its fonts, and a whole-book build takes seconds, where the LaTeX route
needs a TeX Live install of about a gigabyte. (Debian's pandoc 2.17 predates
pandoc's Typst writer, and Debian bookworm has no Typst.)

What goes in: every chapter in order, each widget as a still of its stored
state (its figure, its text, and its controls written out with their values,
with a line saying where the live version is), every figure with its alt text
when the notebook gives one (``metadata.casebook.alt`` on the output, or the
picture's ``alt`` in the widget state), folded solutions moved to an appendix
(with a pointer where each stood), the glossary and the bibliography.
"""

from __future__ import annotations

import base64
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "book" / "_build" / "pdf"
CHAPTERS = ROOT / "chapters"

_DETAILS = re.compile(r"<details[^>]*class=[\"']cb-solution[\"'][^>]*>\s*<summary>.*?</summary>(.*?)</details>",
                      re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.S | re.I)
_H1 = re.compile(r"^#\s+(.+)$", re.M)
_ASK_CELL = re.compile(r"""^\s*ask\(\s*["']([^"']+)["']\s*\)\s*;?\s*$""")  # as tools/build_book.py
_TYPST_STRING = str.maketrans({"\\": "\\\\", '"': '\\"'})


def _pandoc(text: str, fmt_from: str, fmt_to: str) -> str:
    import pypandoc

    return pypandoc.convert_text(text, fmt_to, format=fmt_from, extra_args=["--wrap=none"])


class _HtmlBatch:
    """HTML fragments converted to Markdown in one pandoc run (a run costs far more than a fragment)."""

    MARK = "CBFRAGMENTBREAK"

    def __init__(self):
        self.fragments: list[str] = []

    def add(self, fragment: str) -> str:
        """A placeholder for ``fragment``, replaced by its Markdown in :meth:`resolve`."""
        self.fragments.append(_STYLE.sub("", fragment))
        return f"{self.MARK}{len(self.fragments) - 1}{self.MARK}"

    def resolve(self, text: str) -> str:
        if not self.fragments:
            return text
        joined = "".join(f"<p>{self.MARK}</p>{f}" for f in self.fragments)
        md = _pandoc(joined, "html", "markdown-raw_html-native_divs-native_spans-fenced_divs-bracketed_spans"
                                     "-header_attributes-link_attributes")
        pieces = [piece.strip() for piece in md.split(self.MARK)[1:]]
        return re.sub(f"{self.MARK}(\\d+){self.MARK}", lambda m: pieces[int(m.group(1))], text)


def _typst_str(text: str) -> str:
    return '"' + " ".join(str(text).split()).translate(_TYPST_STRING) + '"'


_CAPTION_ALT = re.compile(r'<span class="cb-alt" data-for="([^"]+)" hidden>(.*?)</span>', re.S)


def _caption_alt(state: dict, image_state: dict) -> str | None:
    """A live figure's alt text: its caption (casebook.widgets.figure.LiveFigure.caption) names it by class."""
    ids = [c for c in image_state.get("_dom_classes", []) if c.startswith("cb-fig-")]
    for model in state.values() if ids else ():
        for m in _CAPTION_ALT.finditer(str(model.get("state", {}).get("value", ""))):
            if m.group(1) in ids:
                return html.unescape(m.group(2))
    return None


def _figure(png: bytes, images: Path, name: str, alt: str | None) -> str:
    """A raw Typst figure block for a PNG, with its alt text where there is one."""
    path = images / f"{name}.png"
    path.write_bytes(png)
    alt_arg = f", alt: {_typst_str(alt)}" if alt else ""
    return f"```{{=typst}}\n#figure(image(\"images/{path.name}\", width: 80%{alt_arg}))\n```"


# ---------------------------------------------------------------- widgets as stills
def _widget_still(state: dict, model_id: str, images: Path, stem: str, seen: set, batch) -> list[str]:
    """Markdown blocks for one stored widget and its children, in order."""
    model = state.get(model_id)
    if model is None or model_id in seen:
        return []
    seen.add(model_id)
    name, s = model.get("model_name", ""), model.get("state", {})
    out: list[str] = []
    if name in ("VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel", "AccordionModel", "TabModel", "StackModel"):
        children = [c.removeprefix("IPY_MODEL_") for c in s.get("children", [])]
        if name == "StackModel" and s.get("selected_index") is not None and children:
            children = [children[s["selected_index"]]]
        for child in children:
            out += _widget_still(state, child, images, stem, seen, batch)
    elif name == "ImageModel":
        buffers = {tuple(b["path"]): b["data"] for b in model.get("buffers", [])}
        data = buffers.get(("value",))
        if data and s.get("format", "png") == "png":
            alt = s.get("tooltip") or s.get("description") or _caption_alt(state, s) or None
            out.append(_figure(base64.b64decode(data), images, f"{stem}-{len(seen)}", alt))
    elif name in ("HTMLModel", "HTMLMathModel", "LabelModel"):
        value = _CAPTION_ALT.sub("", s.get("value", ""))  # a caption's alt text goes on its image
        if value.strip():
            out.append(batch.add(value) if name != "LabelModel" else html.escape(value))
    elif name in ("RadioButtonsModel", "DropdownModel", "SelectModel", "ToggleButtonsModel", "SelectionSliderModel"):
        labels = s.get("_options_labels", [])
        chosen = s.get("index")
        items = "\n".join(f"- {'(chosen) ' if i == chosen else ''}{lab}" for i, lab in enumerate(labels))
        out.append(f"*{s.get('description') or 'Options'}:*\n\n{items}")
    elif name.endswith("SliderModel") or name in ("CheckboxModel", "TextModel", "TextareaModel",
                                                  "BoundedFloatTextModel", "BoundedIntTextModel"):
        value = s.get("value")
        if name.endswith("RangeSliderModel") and isinstance(value, list):
            value = f"{value[0]} to {value[1]}"
        desc = s.get("description") or name.removesuffix("Model")
        out.append(f"*{desc}:* {value if value not in (None, '') else '(empty)'}")
    return out


def _still(nb: dict, model_id: str, images: Path, stem: str, batch) -> str:
    state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    blocks = _widget_still(state.get("state", {}), model_id, images, stem, set(), batch)
    note = ("*An interactive panel, shown here as saved: its controls move in the notebook "
            "(`make lab`) and in the HTML book.*")
    return "\n\n".join([note, *blocks]) if blocks else note


# ---------------------------------------------------------------- chapters
def chapter_markdown(path: Path, images: Path, batch: _HtmlBatch) -> tuple[str, list[tuple[str, str]]]:
    """One chapter as Markdown (HTML outputs as placeholders of ``batch``), and its folded solutions."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    number = path.name[:2]
    parts: list[str] = []
    solutions: list[tuple[str, str]] = []
    section = ""
    for index, cell in enumerate(nb["cells"]):
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            text = _COMMENT.sub("", source)
            for heading in re.findall(r"^##\s+(.+)$", text, re.M):
                section = heading.strip()
            def solution(match):
                label = f"{number}.{len(solutions) + 1}"
                solutions.append((f"{label} ({section})" if section else label, match.group(1).strip()))
                return f"*Solution: see {label} in the appendix.*"
            text = _DETAILS.sub(solution, text)
            parts.append(text)
        elif cell["cell_type"] == "code":
            asked = _ASK_CELL.match(source)
            if source.strip() and not asked:
                parts.append(f"```python\n{source.rstrip()}\n```")
            for k, output in enumerate(cell.get("outputs", [])):
                stem = f"ch{number}-c{index}-o{k}"
                if output["output_type"] == "stream":
                    parts.append("```\n" + "".join(output.get("text", "")).rstrip() + "\n```")
                    continue
                data = output.get("data", {})
                if "application/vnd.jupyter.widget-view+json" in data:
                    parts.append(_still(nb, data["application/vnd.jupyter.widget-view+json"]["model_id"],
                                        images, stem, batch))
                elif "image/png" in data:
                    meta = output.get("metadata", {})
                    alt = meta.get("casebook", {}).get("alt") or meta.get("image/png", {}).get("alt")
                    parts.append(_figure(base64.b64decode(data["image/png"]), images, stem, alt))
                elif "text/html" in data:
                    parts.append(batch.add("".join(data["text/html"])))
                elif "text/plain" in data:
                    parts.append("```\n" + "".join(data["text/plain"]).rstrip() + "\n```")
            if asked:  # a question from the chapter's question file: its solution goes to the appendix
                from casebook.classroom.questions import get_question

                q = get_question(asked.group(1), root=CHAPTERS)
                if q.solution:
                    label = f"{number}.{len(solutions) + 1}"
                    solutions.append((f"{label} ({section})" if section else label, q.solution.strip()))
                    parts.append(f"*Solution: see {label} in the appendix.*")
    return "\n\n".join(parts), solutions


def glossary_markdown() -> str:
    import yaml

    entries = []
    for f in sorted((ROOT / "book" / "glossary").glob("*.yaml")):
        entries += yaml.safe_load(f.read_text(encoding="utf-8")) or []
    lines = ["# Glossary", ""]
    for e in sorted(entries, key=lambda e: e["term"].lower()):
        lines += [f"**{e['term']}**", f":   {e['definition']} ({e['source']})", ""]
    return "\n".join(lines)


def bibliography_markdown() -> str:
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "markdown")()
    files = [ROOT / "book" / "references.bib", *sorted((ROOT / "book" / "references").glob("*.bib"))]
    entries = {}
    for f in files:
        for key, entry in parse_file(str(f)).entries.items():
            entries.setdefault(key, entry)
    formatted = style.format_entries(sorted(entries.values(), key=lambda e: e.persons.get("author", [""])[0]
                                            .__str__() if e.persons.get("author") else e.key))
    lines = ["# Bibliography", ""]
    lines += [f"- {entry.text.render(backend)}" for entry in formatted]
    return "\n".join(lines)


TEMPLATE = """#set document(title: "The Alliance Learning Casebook", author: "The Alliance Learning Casebook authors")
#set page(paper: "a4", margin: (x: 2.2cm, y: 2.4cm), numbering: "1")
#set text(size: 10.5pt, lang: "en")
#set par(justify: true)
#set heading(numbering: none)
#show raw.where(block: true): set text(size: 8.5pt)
#show raw.where(block: true): block.with(fill: luma(245), inset: 6pt, radius: 2pt, width: 100%)
#show figure: set block(breakable: false)

#align(center + horizon)[
  #text(size: 26pt, weight: "bold")[The Alliance Learning Casebook]
  #v(1em)
  #text(size: 13pt)[How firms learn through strategic alliances and industrial clusters]
  #v(2em)
  #text(size: 10pt)[Text: CC BY 4.0. Code: MIT. Built from the chapters' stored outputs.]
]
#pagebreak()
#outline(depth: 2)

{body}
"""


def build_pdf(out: Path = BUILD) -> Path:
    """Write ``out/casebook.pdf`` (and its ``casebook.typ`` source) from the stored chapters."""
    import typst

    out.mkdir(parents=True, exist_ok=True)
    images = out / "images"
    images.mkdir(exist_ok=True)
    for old in images.glob("*.png"):
        old.unlink()
    chapters, solutions, batch = [], [], _HtmlBatch()
    for path in sorted(CHAPTERS.glob("[0-9][0-9]_*.ipynb")):
        text, sols = chapter_markdown(path, images, batch)
        chapters.append(text)
        solutions.append((path, sols))
    appendix = ["# Appendix: solutions", ""]
    for path, sols in solutions:
        for label, text in sols:
            appendix += [f"**{label}.** {text}", ""]
    # Each chapter and each back part starts a page (a raw Typst break at the top level).
    newpage = "\n\n```{=typst}\n#pagebreak(weak: true)\n```\n\n"
    markdown = batch.resolve(newpage.join([*chapters, "\n".join(appendix), glossary_markdown(),
                                           bibliography_markdown()]))
    (out / "casebook.md").write_text(markdown, encoding="utf-8")
    body = _pandoc(markdown, "markdown+tex_math_dollars-raw_html", "typst")
    (out / "casebook.typ").write_text(TEMPLATE.format(body=body), encoding="utf-8")
    pdf = out / "casebook.pdf"
    typst.compile(str(out / "casebook.typ"), output=str(pdf), root=str(out))
    return pdf


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "tools"))
    from build_book import modified_chapters, refusal  # the HTML book's rule: never build from edited chapters

    changed = modified_chapters()
    if changed and "--allow-modified" not in argv:
        print(refusal(changed, "pdf").replace("build_book.py pdf", "build_pdf.py"), file=sys.stderr)
        return 1
    pdf = build_pdf()
    print(f"PDF: {pdf.relative_to(ROOT)} ({pdf.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
