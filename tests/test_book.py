"""The book's cross-chapter contracts: template, citations, glossary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
CITE = re.compile(r"<!--\s*cite:\s*([A-Za-z0-9_:\-]+)\s*-->")


def markdown(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def bib_keys() -> set[str]:
    keys = set()
    for path in [ROOT / "book" / "references.bib", *(ROOT / "book" / "references").glob("*.bib")]:
        keys |= set(re.findall(r"^@\w+\s*\{\s*([^,\s]+)\s*,", path.read_text(encoding="utf-8"), re.M))
    return keys


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_follows_the_template(path):
    text = markdown(path)
    number = path.name[:2]
    assert re.search(rf"^# {number} ", text, re.M), f"{path.name}: title must start '# {number} '"
    wanted = ["## Learning objectives", "## Summary", "## References"]
    if number != "00":
        wanted.insert(1, "## Exercises")
    positions = []
    for heading in wanted:
        m = re.search(rf"^{re.escape(heading)}\s*$", text, re.M)
        assert m, f"{path.name}: no '{heading}' section"
        positions.append(m.start())
    assert positions == sorted(positions), f"{path.name}: sections out of order {wanted}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_citation_is_in_the_bibliography(path):
    keys = bib_keys()
    cited = CITE.findall(markdown(path))
    assert cited, f"{path.name}: the references carry no <!-- cite: key --> markers"
    missing = sorted(set(cited) - keys)
    assert not missing, f"{path.name}: cited but not in book/references*.bib: {missing}"


@pytest.mark.parametrize("path", [p for p in CHAPTERS if p.name[:2] != "00"], ids=lambda p: p.name)
@pytest.mark.parametrize("instructor", [False, True], ids=["student", "instructor"])
def test_solutions_are_folded(path, instructor, tmp_path):
    """The notebook holds no solution (it lives in the chapter's question file, out of a student's
    sight); the book prints each one after its ask() cell, folded (open in the instructor edition)."""
    import nbformat

    from casebook.classroom.questions import get_question

    bb = _build_book_module()
    assert '<details class="cb-solution"' not in markdown(path), f"{path.name}: a solution sits in the notebook"
    bb.stage_chapter(path, tmp_path, [], instructor=instructor)
    staged = nbformat.read(tmp_path / path.name, as_version=4)
    asked = 0
    for i, cell in enumerate(staged.cells):
        m = bb.ASK_CELL.match(cell.source) if cell.cell_type == "code" else None
        if m and get_question(m.group(1)).solution:
            asked += 1
            after = staged.cells[i + 1]
            opening = '<details class="cb-solution" open>' if instructor else '<details class="cb-solution">'
            assert after.cell_type == "markdown" and after.source.startswith(opening), (path.name, m.group(1))
            assert get_question(m.group(1)).solution[:40] in after.source
    assert asked, f"{path.name}: no folded solution"
    text = markdown(tmp_path / path.name)
    assert text.count("<details") == text.count("</details>")


def test_glossary_terms_are_defined_once_with_a_source():
    seen = {}
    for path in sorted((ROOT / "book" / "glossary").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            assert set(item) >= {"term", "definition", "source"}, f"{path.name}: {item}"
            key = item["term"].strip().lower()
            assert key not in seen, f"'{item['term']}' is defined in {seen.get(key)} and {path.name}"
            seen[key] = path.name


def _build_book_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_book", ROOT / "tools" / "build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("glossary", sorted((ROOT / "book" / "glossary").glob("*.yaml")), ids=lambda p: p.name)
def test_each_term_is_printed_in_bold_and_linked_in_its_chapter(glossary):
    """A glossary entry is useless to a reader if no chapter text links to it."""
    build = _build_book_module()
    chapter = next(p for p in CHAPTERS if p.name[:2] == glossary.name[:2])
    terms = [item["term"] for item in yaml.safe_load(glossary.read_text(encoding="utf-8"))]
    linked: set[str] = set()
    text = build.rewrite_markdown(markdown(chapter), sorted(terms, key=len, reverse=True), linked, instructor=False)
    assert linked == {t.lower() for t in terms}, f"{chapter.name} never prints in bold: {set(map(str.lower, terms)) - linked}"
    assert "{term}`" in text


def test_term_links_keep_plurals_and_punctuation():
    build = _build_book_module()
    linked: set[str] = set()
    text = build.rewrite_markdown("The **lead firms** and **Tacitness.** here.", ["lead firm", "tacitness"], linked,
                                  instructor=False)
    assert text == "The **{term}`lead firms <lead firm>`** and **{term}`Tacitness <tacitness>`.** here."
    assert linked == {"lead firm", "tacitness"}
