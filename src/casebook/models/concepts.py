"""How the book fits together: the casebook's frameworks as a directed graph.

``casebook/data/concepts.yaml`` lists the frameworks the chapters teach
(each with its chapter and source) and the links between them (each with a
short relation in the casebook's words and the passage of a reading that
supports it). This module validates that file and builds a
:class:`networkx.DiGraph`: nodes are frameworks, an edge ``a -> b`` says
that ``a`` bears on ``b``.

Two summaries help a reader find the hubs. For a concept :math:`v` the
*degree* :math:`k_v = k_v^{in} + k_v^{out}` counts its links, and a
chapter's *reach* is the number of other chapters its concepts link to
(either direction). Both are plain counts on the graph.

Examples
--------
>>> g = concept_graph()
>>> g.nodes["phase_table"]["chapter"]
9
>>> g.edges["phase_table", "audit"]["source"]
'Serrat (2009), Table 2'
>>> sorted(chapter_links(g)[9])[:3]
[1, 3, 4]
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

__all__ = ["ConceptMapError", "READINGS", "default_path", "parse_concepts", "load_concepts",
           "concept_graph", "chapter_links", "hubs", "links_table"]

#: Reading keys and how prose cites them.
from casebook.cases import READINGS  # noqa: E402  (the one table of reading names)


class ConceptMapError(ValueError):
    """A problem in the concept-map file, naming the file and the field."""

    def __init__(self, file: str, field: str, message: str):
        self.file, self.field = file, field
        super().__init__(f"{file}: field '{field}': {message}")


def default_path() -> Path:
    """The package's concept-map file."""
    from casebook.paths import data_dir

    return data_dir() / "concepts.yaml"


def _source(s, file, field) -> str:
    if not isinstance(s, Mapping) or set(s) != {"reading", "locator"}:
        raise ConceptMapError(file, field, "must be a mapping with exactly 'reading' and 'locator'")
    if s["reading"] not in READINGS:
        raise ConceptMapError(file, f"{field}.reading", f"is {s['reading']!r}; expected one of {list(READINGS)}")
    if not isinstance(s["locator"], str) or not s["locator"].strip():
        raise ConceptMapError(file, f"{field}.locator", "must be non-empty text")
    return f"{READINGS[s['reading']]}, {s['locator']}"


def parse_concepts(doc, file: str = "concepts.yaml"):
    """Validate a parsed concept-map document.

    Returns
    -------
    (list of dict, list of dict)
        Concepts ``{id, chapter, name, source}`` and links
        ``{from, to, relation, source}``, sources formatted as citations.

    Raises
    ------
    ConceptMapError
        Naming the file and the field: a missing or unknown field, a chapter
        outside 1..9, a duplicate id, a link to an unknown concept, a self
        link, a duplicate link or a link without a source.

    Examples
    --------
    >>> doc = {"concepts": [{"id": "a", "chapter": 1, "name": "A",
    ...                      "source": {"reading": "serrat2009", "locator": "Table 2"}}],
    ...        "links": [{"from": "a", "to": "b", "relation": "r",
    ...                   "source": {"reading": "serrat2009", "locator": "Table 2"}}]}
    >>> parse_concepts(doc, "x.yaml")
    Traceback (most recent call last):
    ...
    casebook.models.concepts.ConceptMapError: x.yaml: field 'links[0].to': unknown concept 'b'
    """
    if not isinstance(doc, Mapping) or set(doc) != {"concepts", "links"}:
        raise ConceptMapError(file, "<top>", "must be a mapping with exactly 'concepts' and 'links'")
    concepts, ids = [], set()
    for i, c in enumerate(doc["concepts"] or []):
        w = f"concepts[{i}]"
        if not isinstance(c, Mapping) or set(c) != {"id", "chapter", "name", "source"}:
            raise ConceptMapError(file, w, "must have exactly id, chapter, name, source")
        if not isinstance(c["id"], str) or not c["id"]:
            raise ConceptMapError(file, f"{w}.id", "must be non-empty text")
        if c["id"] in ids:
            raise ConceptMapError(file, f"{w}.id", f"duplicate id {c['id']!r}")
        if isinstance(c["chapter"], bool) or not isinstance(c["chapter"], int) or not 1 <= c["chapter"] <= 9:
            raise ConceptMapError(file, f"{w}.chapter", f"must be a chapter number 1..9, got {c['chapter']!r}")
        if not isinstance(c["name"], str) or not c["name"].strip():
            raise ConceptMapError(file, f"{w}.name", "must be non-empty text")
        ids.add(c["id"])
        concepts.append({"id": c["id"], "chapter": c["chapter"], "name": c["name"],
                         "source": _source(c["source"], file, f"{w}.source")})
    links, seen = [], set()
    for i, link in enumerate(doc["links"] or []):
        w = f"links[{i}]"
        if not isinstance(link, Mapping) or set(link) != {"from", "to", "relation", "source"}:
            raise ConceptMapError(file, w, "must have exactly from, to, relation, source")
        for end in ("from", "to"):
            if link[end] not in ids:
                raise ConceptMapError(file, f"{w}.{end}", f"unknown concept {link[end]!r}")
        if link["from"] == link["to"]:
            raise ConceptMapError(file, w, f"links {link['from']!r} to itself")
        if (link["from"], link["to"]) in seen:
            raise ConceptMapError(file, w, f"duplicate link {link['from']} -> {link['to']}")
        if not isinstance(link["relation"], str) or not link["relation"].strip():
            raise ConceptMapError(file, f"{w}.relation", "must be non-empty text")
        seen.add((link["from"], link["to"]))
        links.append({"from": link["from"], "to": link["to"], "relation": link["relation"],
                      "source": _source(link["source"], file, f"{w}.source")})
    return concepts, links


def load_concepts(path=None):
    """Read and validate the concept map (the package's file by default).

    Examples
    --------
    >>> concepts, links = load_concepts()
    >>> len(concepts) >= 9 and len(links) >= 9
    True
    """
    from casebook.data import read_yaml  # the data layer reads; the model validates

    p = Path(path) if path is not None else default_path()
    if not p.is_file():
        raise ConceptMapError(str(p), "<file>", "no such file")
    return parse_concepts(read_yaml(p, ConceptMapError), p.name)


def concept_graph(path=None):
    """The concept map as a ``networkx.DiGraph``.

    Nodes carry ``chapter``, ``name`` and ``source``; edges carry
    ``relation`` and ``source``.

    Examples
    --------
    >>> g = concept_graph()
    >>> g.has_edge("six_objectives", "audit")
    True
    """
    import networkx as nx

    concepts, links = load_concepts(path)
    g = nx.DiGraph()
    for c in concepts:
        g.add_node(c["id"], chapter=c["chapter"], name=c["name"], source=c["source"])
    for link in links:
        g.add_edge(link["from"], link["to"], relation=link["relation"], source=link["source"])
    return g


def chapter_links(g) -> dict[int, set[int]]:
    """For each chapter, the other chapters its concepts link to (either direction).

    Examples
    --------
    >>> 3 in chapter_links(concept_graph())[9]
    True
    """
    out: dict[int, set[int]] = {ch: set() for ch in sorted({d["chapter"] for _, d in g.nodes(data=True)})}
    for a, b in g.edges:
        ca, cb = g.nodes[a]["chapter"], g.nodes[b]["chapter"]
        if ca != cb:
            out[ca].add(cb)
            out[cb].add(ca)
    return out


def hubs(g, n: int = 3) -> list[tuple[str, int]]:
    """The ``n`` concepts with most links, ``(id, degree)``; ties by id.

    Examples
    --------
    >>> hubs(concept_graph(), 1)[0][0]
    'acquisition_process'
    """
    return sorted(((v, g.degree(v)) for v in g.nodes), key=lambda t: (-t[1], t[0]))[:n]


def links_table(g):
    """Every link as a row: ``from, from_chapter, to, to_chapter, relation, source``.

    Examples
    --------
    >>> list(links_table(concept_graph()).columns)[:3]
    ['from', 'from_chapter', 'to']
    """
    import pandas as pd

    rows = [{"from": g.nodes[a]["name"], "from_chapter": g.nodes[a]["chapter"], "to": g.nodes[b]["name"],
             "to_chapter": g.nodes[b]["chapter"], "relation": d["relation"], "source": d["source"]}
            for a, b, d in g.edges(data=True)]
    return pd.DataFrame(rows, columns=["from", "from_chapter", "to", "to_chapter", "relation", "source"])
