"""The concept map: every concept and link cited, headings real, the graph whole.

Claims tested (chapter 09, 'How the book fits together'): every chapter
01-09 contributes a concept; every link carries a source whose quoted
heading exists in the cited reading; the map is one connected whole;
chapter 09 draws on at least four earlier chapters; the hubs the chapter
names are the best-connected concepts.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import networkx as nx
import pytest
import yaml

from casebook.models import concepts as C

ROOT = Path(__file__).resolve().parent.parent
from readings import READINGS_DIR  # noqa: E402
FILES = {"inkpen1996": "inkpen_1996_creating_knowledge_through_collaboration.txt",
         "inkpen1998": "inkpen_1998_learning_and_knowledge_acquisition.txt",
         "serrat2009": "serrat_2009_learning_in_strategic_alliances.txt",
         "suarezvilla1998": "suarez_villa_1998_structures_of_cooperation.txt",
         "tallman_nd": "tallman_clusters_and_alliances.txt"}
needs_readings = pytest.mark.skipif(not all((READINGS_DIR / f).exists() for f in FILES.values()),
                                    reason="readings not available")


def raw():
    return yaml.safe_load(C.default_path().read_text(encoding="utf-8"))


def _plain(text: str) -> str:
    return re.sub(r"[*#]", "", text).lower()


@needs_readings
def test_every_source_heading_exists_in_its_reading():
    texts = {k: _plain((READINGS_DIR / f).read_text(encoding="utf-8")) for k, f in FILES.items()}
    doc = raw()
    entries = doc["concepts"] + doc["links"]
    for item in entries:
        src = item["source"]
        quoted = re.findall(r"'([^']+)'", src["locator"])
        tables = re.findall(r"(Table \d|Figure \d)", src["locator"])
        assert quoted or tables, f"{item}: the locator names no heading, table or figure"
        for q in quoted:
            assert _plain(q) in texts[src["reading"]], f"{q!r} is not a heading of {src['reading']}"
        for tb in tables:
            assert tb.lower() in texts[src["reading"]]


def test_every_chapter_has_a_concept_and_every_link_is_cited():
    g = C.concept_graph()
    assert {d["chapter"] for _, d in g.nodes(data=True)} == set(range(1, 10))
    for _, _, d in g.edges(data=True):
        assert d["relation"].strip()
        assert any(d["source"].startswith(name) for name in C.READINGS.values())
    assert g.number_of_edges() == len(raw()["links"])


def test_map_is_one_whole_and_chapter_09_draws_on_earlier_chapters():
    g = C.concept_graph()
    assert nx.is_weakly_connected(g)
    reach = C.chapter_links(g)
    assert len(reach[9]) >= 4
    assert {1, 3, 4} <= reach[9]
    assert all(reach[ch] for ch in reach), "every chapter links to another"


def test_hubs_are_the_best_connected():
    g = C.concept_graph()
    top = C.hubs(g, 3)
    assert [v for v, _ in top] == ["acquisition_process", "conditioning_factors", "phase_table"]
    assert top[0][1] == max(dict(g.degree()).values())


def test_links_table_matches_the_graph():
    g = C.concept_graph()
    t = C.links_table(g)
    assert len(t) == g.number_of_edges()
    assert set(t["from_chapter"]) | set(t["to_chapter"]) == set(range(1, 10))


@pytest.mark.parametrize("mutate, field", [
    (lambda d: d["links"][0].__setitem__("to", "nowhere"), "links[0].to"),
    (lambda d: d["links"][0].__setitem__("to", d["links"][0]["from"]), "links[0]"),
    (lambda d: d["links"].append(copy.deepcopy(d["links"][0])), f"links[{len(raw()['links'])}]"),
    (lambda d: d["links"][1].pop("source"), "links[1]"),
    (lambda d: d["links"][1]["source"].__setitem__("reading", "wikipedia"), "links[1].source.reading"),
    (lambda d: d["concepts"][2].__setitem__("chapter", 12), "concepts[2].chapter"),
    (lambda d: d["concepts"].append(copy.deepcopy(d["concepts"][0])), f"concepts[{len(raw()['concepts'])}].id"),
    (lambda d: d.__setitem__("extra", []), "<top>"),
])
def test_bad_file_names_file_and_field(mutate, field):
    doc = raw()
    mutate(doc)
    with pytest.raises(C.ConceptMapError) as err:
        C.parse_concepts(doc, "map.yaml")
    assert err.value.file == "map.yaml" and err.value.field == field


def test_missing_or_broken_file(tmp_path):
    with pytest.raises(C.ConceptMapError, match="no such file"):
        C.load_concepts(tmp_path / "none.yaml")
    p = tmp_path / "b.yaml"
    p.write_text("concepts: [", encoding="utf-8")
    with pytest.raises(C.ConceptMapError, match="b.yaml: field '<yaml>'"):
        C.load_concepts(p)
