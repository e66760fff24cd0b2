"""Suarez-Villa's (1998) five structures of networked alliances, built as graphs."""

from __future__ import annotations

import networkx as nx
import numpy as np

__all__ = ['KINDS', 'KIND_LABELS', 'ROLES', 'MIN_FIRMS', 'MAX_FIRMS', 'INSTITUTION', 'structure', 'firms']


KINDS = ("circuit", "nodal_circuit", "branch", "circuit_barrier", "circuit_branch")
"""The five structures of Suarez-Villa (1998, Figures 2 and 3)."""

KIND_LABELS = {
    "circuit": "Circuit (non-nodal)",
    "nodal_circuit": "Nodal circuit",
    "branch": "Branch",
    "circuit_barrier": "Circuit-barrier (hybrid)",
    "circuit_branch": "Circuit-branch (hybrid)",
}

ROLES = ("SME", "nodal firm", "large firm", "subsidiary", "research institution")

MIN_FIRMS = {"circuit": 3, "nodal_circuit": 4, "branch": 4, "circuit_barrier": 5, "circuit_branch": 5}
MAX_FIRMS = 200

INSTITUTION = "research institution"

# where the institution is drawn, relative to the firm it links to
_INSTITUTION_OFFSET = {"circuit": (-0.35, 0.45), "nodal_circuit": (-0.35, 1.45), "branch": (-0.35, 0.7),
                       "circuit_barrier": (-0.35, 1.45), "circuit_branch": (-1.3, 0.5)}


# --------------------------------------------------------------------------- building


def _ring_pos(k: int, radius: float = 1.0, centre=(0.0, 0.0), start: float = np.pi / 2):
    ang = start - 2 * np.pi * np.arange(k) / max(k, 1)
    return [(centre[0] + radius * np.cos(a), centre[1] + radius * np.sin(a)) for a in ang]


def _add_firm(G, i, role, size, label, pos, segment="open", tier=0):
    G.add_node(i, role=role, size=size, label=label, segment=segment, tier=tier,
               pos=(float(pos[0]), float(pos[1])))


def _ring_edges(G, nodes, **attrs):
    k = len(nodes)
    if k < 2:
        return
    for a in range(k if k > 2 else 1):
        G.add_edge(nodes[a], nodes[(a + 1) % k], **attrs)


def structure(kind: str = "circuit", n: int = 10, seed: int = 0, *, two_way: bool = False,
              institution: bool = True, institution_at=None) -> nx.Graph:
    """Build one of the five networked-alliance structures.

    Parameters
    ----------
    kind : {"circuit", "nodal_circuit", "branch", "circuit_barrier", "circuit_branch"}
    n : int, default 10
        Number of firms (the research institution is extra). At least
        :data:`MIN_FIRMS` [kind], at most 200.
    seed : int, default 0
        Seeds the choice of two-way subcontracting ties (the only random
        part; without ``two_way`` the graph does not depend on it).
    two_way : bool, default False
        Circuit only: add about ``n // 3`` reciprocal subcontracting ties
        between firms that are not neighbours on the circuit (Suarez-Villa
        1998, section 3.2, on two-way subcontracting among independent SMEs).
    institution : bool, default True
        Add a research institution joined by an external knowledge linkage
        (section 3.1).
    institution_at : int, optional
        The firm the institution links to. Default: the nodal or large firm
        (firm 0), the casebook's choice because nodal firms may manage the
        alliance's external transactions (section 3.2); the reading does not
        say where the link attaches. Diffusion results depend on this
        choice: see :func:`casebook.models.networks.diffusion_by_attachment`.

    Returns
    -------
    networkx.Graph
        ``G.graph["kind"]`` holds the kind; node and edge attributes are
        described in the module docstring.

    Notes
    -----
    What the reading fixes, and what is the casebook's own reading of its
    figures (Suarez-Villa 1998, section 3.2 and Figures 2-3):

    ``circuit``
        Reading: independent SMEs, no hierarchy, ties formed as needs
        arise. Casebook: the SMEs sit on a ring, each cooperating with two
        neighbours; the institution links to firm 0.
    ``nodal_circuit``
        Reading: a circuit in which one firm takes a coordinating or
        gatekeeping role. Casebook: a ring of ``n - 1`` SMEs plus a nodal
        firm (itself an SME) tied to all of them (a wheel); the institution
        links to the nodal firm, which manages external transactions.
    ``branch``
        Reading: SMEs dependent on a large firm or its subsidiaries; the
        hierarchy develops levels. Casebook: a tree with the large firm on
        top, ``max(2, round(sqrt(n - 1)))`` subsidiaries below it and the
        SMEs shared round-robin among the subsidiaries; no ties across
        branches. The institution links to the large firm.
    ``circuit_barrier``
        Reading: a hierarchical hybrid that shields a segment of the
        network, control held by a major nodal firm (the parent in a
        network of subsidiaries). Casebook: the nodal firm (large) sits on
        an open circuit of SMEs; a shielded segment of ``max(2, (n-1)//3)``
        SMEs forms its own circuit, joined to the rest only through the
        nodal firm (its gatekeeper) by two ties marked ``barrier``. The
        institution links to the gatekeeper.
    ``circuit_branch``
        Reading: a hybrid of a circuit and branches under nodal firms.
        Casebook: three large nodal firms form a circuit; the other firms
        are SMEs in branches under them, shared round-robin. The
        institution links to the first nodal firm.

    Raises
    ------
    ValueError
        For an unknown ``kind``, a size outside the bounds, or ``two_way``
        on a kind other than ``circuit``.

    Examples
    --------
    >>> G = structure("branch", n=10)
    >>> sorted({G.nodes[v]["role"] for v in G})
    ['SME', 'large firm', 'research institution', 'subsidiary']
    >>> G.number_of_nodes(), G.number_of_edges()
    (11, 10)
    >>> structure("circuit", n=9, two_way=True, seed=1).number_of_edges()
    13
    """
    if kind not in KINDS:
        raise ValueError(f"field 'kind': unknown structure {kind!r}; choose one of {', '.join(KINDS)}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise ValueError(f"field 'n': the number of firms must be an integer, got {n!r}")
    n = int(n)
    if not MIN_FIRMS[kind] <= n <= MAX_FIRMS:
        raise ValueError(f"field 'n': a {kind} structure needs {MIN_FIRMS[kind]} to {MAX_FIRMS} firms, got {n}")
    if two_way and kind != "circuit":
        raise ValueError(f"field 'two_way': two-way subcontracting ties are added to the circuit only, not to {kind}")

    G = nx.Graph(kind=kind, label=KIND_LABELS[kind])
    anchor = 0
    if kind == "circuit":
        for i, p in enumerate(_ring_pos(n)):
            _add_firm(G, i, "SME", "SME", f"SME {i}", p)
        _ring_edges(G, list(range(n)), tie="cooperation", barrier=False)
        if two_way:
            rng = np.random.default_rng(seed)
            pairs = [(a, b) for a in range(n) for b in range(a + 2, n) if not (a == 0 and b == n - 1)]
            k = min(n // 3, len(pairs))
            for idx in sorted(rng.choice(len(pairs), size=k, replace=False)) if k else []:
                a, b = pairs[int(idx)]
                G.add_edge(a, b, tie="two_way", barrier=False)
    elif kind == "nodal_circuit":
        _add_firm(G, 0, "nodal firm", "SME", "Nodal firm", (0.0, 0.0))
        ring = list(range(1, n))
        for i, p in zip(ring, _ring_pos(n - 1)):
            _add_firm(G, i, "SME", "SME", f"SME {i}", p, tier=1)
        _ring_edges(G, ring, tie="cooperation", barrier=False)
        for i in ring:
            G.add_edge(0, i, tie="hierarchy", barrier=False)
    elif kind == "branch":
        b = max(2, int(round(np.sqrt(n - 1))))
        _add_firm(G, 0, "large firm", "large", "Large firm", (0.0, 1.0))
        subs = list(range(1, b + 1))
        half = max(1.15, 0.09 * (n - b - 1))  # the SME row widens with its number of firms
        xs = np.linspace(-0.85 * half, 0.85 * half, b)
        for s, x in zip(subs, xs):
            _add_firm(G, s, "subsidiary", "SME", f"Subsidiary {s}", (x, 0.0), tier=1)
            G.add_edge(0, s, tie="hierarchy", barrier=False)
        smes = list(range(b + 1, n))
        xs = np.linspace(-half, half, max(len(smes), 1))
        # children are placed left to right grouped by parent, so branches do not cross
        order = sorted(smes, key=lambda v: ((v - b - 1) % b, v))
        for v, x in zip(order, xs):
            parent = subs[(v - b - 1) % b]
            _add_firm(G, v, "SME", "SME", f"SME {v}", (x, -1.0), tier=2)
            G.add_edge(parent, v, tie="hierarchy", barrier=False)
    elif kind == "circuit_barrier":
        s = max(2, (n - 1) // 3)
        open_ = list(range(1, n - s))
        shielded = list(range(n - s, n))
        _add_firm(G, 0, "nodal firm", "large", "Nodal firm (gatekeeper)", (0.0, 0.0), segment="gatekeeper")
        ring = [0, *open_]
        for v, p in zip(ring, _ring_pos(len(ring), radius=1.0, centre=(-1.0, 0.0), start=0.0)):
            if v:
                _add_firm(G, v, "SME", "SME", f"SME {v}", p, tier=1)
        _ring_edges(G, ring, tie="cooperation", barrier=False)
        pos = _ring_pos(s + 1, radius=0.8, centre=(0.8, 0.0), start=np.pi)[1:]
        for v, p in zip(shielded, pos):
            _add_firm(G, v, "SME", "SME", f"SME {v} (shielded)", p, segment="shielded", tier=1)
        if s >= 3:
            _ring_edges(G, shielded, tie="cooperation", barrier=False)
            G.remove_edge(shielded[0], shielded[-1])
        else:
            G.add_edge(shielded[0], shielded[1], tie="cooperation", barrier=False)
        G.add_edge(0, shielded[0], tie="hierarchy", barrier=True)
        G.add_edge(0, shielded[-1], tie="hierarchy", barrier=True)
    else:  # circuit_branch
        k = 3
        hubs = list(range(k))
        for h, p in zip(hubs, _ring_pos(k, radius=0.6)):
            _add_firm(G, h, "nodal firm", "large", f"Nodal firm {h}", p)
        _ring_edges(G, hubs, tie="cooperation", barrier=False)
        smes = list(range(k, n))
        for h in hubs:
            kids = [v for v in smes if (v - k) % k == h]
            hx, hy = G.nodes[h]["pos"]
            norm = np.hypot(hx, hy)
            base = np.arctan2(hy, hx)
            spread = np.linspace(-0.5, 0.5, len(kids)) if len(kids) > 1 else [0.0]
            for v, da in zip(kids, spread):
                p = (hx + 0.9 * np.cos(base + da), hy + 0.9 * np.sin(base + da)) if norm else (hx, hy - 0.9)
                _add_firm(G, v, "SME", "SME", f"SME {v}", p, tier=1)
                G.add_edge(h, v, tie="hierarchy", barrier=False)
    if institution_at is not None:
        if isinstance(institution_at, bool) or not isinstance(institution_at, (int, np.integer)) \
                or not 0 <= int(institution_at) < n:
            raise ValueError(f"field 'institution_at': must be a firm 0..{n - 1}, got {institution_at!r}")
        anchor = int(institution_at)
    if institution:
        ax, ay = G.nodes[anchor]["pos"]
        dx, dy = _INSTITUTION_OFFSET[kind]
        G.add_node(n, role=INSTITUTION, size="n/a", label="Research institution", segment="open",
                   tier=-1, pos=(float(ax + dx), float(ay + dy)))
        G.add_edge(n, anchor, tie="external", barrier=False)
    return G


# --------------------------------------------------------------------------- metrics


def firms(G) -> list:
    """The nodes of ``G`` that are firms (every node whose role is not the institution).

    Examples
    --------
    >>> firms(structure("circuit", n=4))
    [0, 1, 2, 3]
    """
    return [v for v, r in G.nodes(data="role") if r != INSTITUTION]
