"""The PDF edition (make pdf): built offline from the stored chapters, with every part a reader expects."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build_pdf  # noqa: E402

CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    pdf = build_pdf.build_pdf(out)
    return pdf, (out / "casebook.typ").read_text(encoding="utf-8"), (out / "casebook.md").read_text(encoding="utf-8")


def _title(nb_path):
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"])
    return re.search(r"^#\s+(.+)$", first, re.M).group(1).strip()


def test_a_pdf_is_written(built):
    pdf, _, _ = built
    head = pdf.read_bytes()[:8]
    assert head.startswith(b"%PDF-")
    assert pdf.stat().st_size > 200_000  # chapters with their figures, not an empty shell


def test_every_chapter_in_order_then_appendix_glossary_bibliography(built):
    _, typ, _ = built
    headings = [m.group(1).strip() for m in re.finditer(r"^= (.+?)(?: <.*>)?$", typ, re.M)]
    titles = [_title(p) for p in CHAPTERS]
    positions = [next(i for i, h in enumerate(headings) if h.replace("\\", "") == t.replace("\\", "")) for t in titles]
    assert positions == sorted(positions), "chapters out of order"
    assert headings[-3:] == ["Appendix: solutions", "Glossary", "Bibliography"]


def test_no_raw_html_or_css_reaches_the_page(built):
    _, typ, md = built
    for needle in ("<details", "<style", "</div>", "cb-solution", build_pdf._HtmlBatch.MARK):
        assert needle not in typ
    assert build_pdf._HtmlBatch.MARK not in md


def test_folded_solutions_move_to_the_appendix_with_a_pointer_where_each_stood(built):
    from casebook.classroom.questions import get_question

    _, typ, md = built
    cells = [c for p in CHAPTERS for c in json.loads(p.read_text(encoding="utf-8"))["cells"]]
    folded = sum(len(build_pdf._DETAILS.findall("".join(c["source"]))) for c in cells if c["cell_type"] == "markdown")
    asked = [build_pdf._ASK_CELL.match("".join(c["source"])) for c in cells if c["cell_type"] == "code"]
    folded += sum(1 for m in asked if m and get_question(m.group(1), root=ROOT / "chapters").solution)
    assert folded >= 30  # every chapter's questions carry solutions
    pointers = re.findall(r"Solution: see (\d\d\.\d+) in the appendix", md)
    appendix = md.split("# Appendix: solutions", 1)[1].split("# Glossary", 1)[0]
    entries = re.findall(r"^\*\*(\d\d\.\d+)[ .]", appendix, re.M)
    assert len(pointers) == folded and entries == pointers


def test_every_glossary_term_and_every_bibliography_entry(built):
    from pybtex.database import parse_file

    _, _, md = built
    glossary = md.split("# Glossary", 1)[1].split("# Bibliography", 1)[0]
    for f in (ROOT / "book" / "glossary").glob("*.yaml"):
        for entry in yaml.safe_load(f.read_text(encoding="utf-8")) or []:
            assert f"**{entry['term']}**" in glossary
    keys = set()
    for f in [ROOT / "book" / "references.bib", *(ROOT / "book" / "references").glob("*.bib")]:
        keys |= set(parse_file(str(f)).entries)
    bibliography = md.split("# Bibliography", 1)[1]
    assert len(re.findall(r"^- ", bibliography, re.M)) == len(keys)


def test_widgets_appear_as_stills_with_their_pictures(built):
    _, typ, md = built
    views = sum(1 for p in CHAPTERS for c in json.loads(p.read_text(encoding="utf-8"))["cells"]
                for o in c.get("outputs", []) if "application/vnd.jupyter.widget-view+json" in o.get("data", {}))
    assert md.count("An interactive panel, shown here as saved") == views
    assert typ.count('#figure(image("images/') >= 10


def test_a_figure_with_alt_text_carries_it_into_the_typst_source(tmp_path):
    block = build_pdf._figure(b"\x89PNG fake", tmp_path, "f", 'GM "ends" highest')
    assert 'alt: "GM \\"ends\\" highest"' in block and (tmp_path / "f.png").exists()


def test_the_pdf_refuses_modified_chapters_like_the_book(monkeypatch, capsys):
    import build_book

    monkeypatch.setattr(build_book, "modified_chapters", lambda root=build_book.ROOT: [(" M", "chapters/05_x.ipynb")])
    monkeypatch.setattr(build_pdf, "build_pdf", lambda *a, **k: pytest.fail("built from modified chapters"))
    assert build_pdf.main([]) == 1
    err = capsys.readouterr().err
    assert "chapters/05_x.ipynb" in err and "build_pdf.py" in err


def test_every_figure_carries_alt_text_made_from_its_data(built):
    """Static figures (their output's alt metadata) and widget stills (their live figure's caption)."""
    _, typ, md = built
    figures = re.findall(r'#figure\(image\("images/[^"]+", width: 80%(?:, alt: "((?:[^"\\]|\\.)*)")?\)\)', typ)
    assert len(figures) >= 10
    missing = [i for i, alt in enumerate(figures) if len(alt) < 25]
    assert not missing, f"{len(missing)} of {len(figures)} figures have no alt text"
    assert 'class="cb-alt"' not in md  # a caption's words went onto its image, not into the text
