r"""Networked alliances: five structures, their disparities, exits and diffusion.

Suarez-Villa (1998, section 3.2 'Structure in the networked alliance')
names five network structures that may form inside a multi-firm alliance:
the *circuit* (non-nodal) structure among independent SMEs, the *nodal
circuit*, the *branch* structure around a large firm, and two hybrids, the
*circuit-barrier* and the *circuit-branch* networks. He links structure to
disparities among firms, to commitment and exit, and to support for
innovation; a networked alliance may also link up with a research
institution (section 3.1 'The networked alliance').

The article's Figures 2 and 3 draw the structures, but the figures are not
reproduced in the text the casebook works from. **Each construction below
is therefore the casebook's own reading** of the prose that describes the
figure; what the prose fixes and what the casebook adds is stated for each
kind in :func:`structure`.

Graphs
------
:func:`structure` returns an undirected :class:`networkx.Graph`. Nodes
``0 .. n-1`` are firms; node ``n`` (if ``institution=True``) is the research
institution. Node attributes: ``role`` (one of :data:`ROLES`), ``size``
(``"SME"``, ``"large"`` or ``"n/a"``), ``label``, ``segment`` (``"open"``,
``"shielded"`` or ``"gatekeeper"``), ``tier`` (0 = top of a hierarchy) and
``pos`` (a fixed drawing position). Edge attribute ``tie``:
``"cooperation"``, ``"two_way"`` (reciprocal subcontracting across the
circuit), ``"hierarchy"`` (a nodal or parent firm to a dependent unit) or
``"external"`` (the external knowledge linkage); ``barrier`` is ``True`` on
ties that cross a barrier.

Metrics (published measures)
----------------------------
:func:`structure_metrics` measures the alliance's **firms** only (the
external linkage is a different kind of tie in the reading's legend). With
:math:`n` firms, degrees :math:`d_i` and betweenness :math:`b_i` (unnormalised,
undirected), Freeman's (1979) centralization indices are

.. math::

    C_D = \frac{\sum_i (d^* - d_i)}{(n-1)(n-2)}, \qquad
    C_B = \frac{\sum_i (b^* - b_i)}{(n-1)^2 (n-2) / 2},

where :math:`d^*, b^*` are the largest values; both are 0 for a ring and 1
for a star. The Gini coefficient of degrees is

.. math::

    G = \frac{\sum_i \sum_j |d_i - d_j|}{2 n^2 \bar d}.

A **cut point** (articulation point) is a firm whose exit disconnects the
others; **node connectivity** :math:`\kappa` is the fewest firms whose exit
disconnects the rest. The **exit impact** of firm :math:`v` is the casebook's
own summary: the share of pairs of the remaining firms that can no longer
reach each other once :math:`v` leaves,

.. math::

    E_v = 1 - \frac{\sum_c \binom{|c|}{2}}{\binom{n-1}{2}},

summed over the connected components :math:`c` of the firms without :math:`v`.

Diffusion (the casebook's own operationalisation)
-------------------------------------------------
An innovation starts at the research institution (step 0). At each step
every holder passes it to each neighbour across a tie that carries
knowledge; a tie marked ``barrier`` carries nothing while the barrier is
closed. The set of holders is :math:`A_t = A_{t-1} \cup N'(A_{t-1})`, so
firm :math:`i` adopts at :math:`T_i = \mathrm{dist}'(R, i)`, the shortest
path length over open ties, and every firm holds the innovation after
:math:`T = \max_i T_i` steps. Firms with no open path are *shut out*.

Examples
--------
>>> G = structure("nodal_circuit", n=10)
>>> m = structure_metrics(G)
>>> round(m.degree_centralization, 2), m.cut_points, m.node_connectivity
(0.75, (), 3)
>>> d = diffusion(structure("circuit_barrier", n=10))
>>> d.shut_out
(7, 8, 9)
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import networkx as nx
import numpy as np

__all__ = [
    "KINDS",
    "ROLES",
    "MIN_FIRMS",
    "structure",
    "structure_metrics",
    "StructureMetrics",
    "exit_effect",
    "ExitEffect",
    "diffusion",
    "Diffusion",
    "firms",
    "gini",
    "compare",
    "KIND_LABELS",
]

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
              institution: bool = True) -> nx.Graph:
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


def gini(values) -> float:
    r"""Gini coefficient :math:`\sum_i\sum_j |x_i - x_j| / (2 n^2 \bar x)` (0 if all equal).

    Examples
    --------
    >>> gini([2, 2, 2]), gini([0, 0, 3])
    (0.0, 0.6666666666666666)
    """
    x = np.asarray(list(values), dtype=float)
    if x.size == 0 or x.mean() == 0:
        return 0.0
    return float(np.abs(x[:, None] - x[None, :]).sum() / (2 * x.size ** 2 * x.mean()))


def _pairs_cut(H, remaining: int) -> float:
    if remaining < 2:
        return 0.0
    linked = sum(comb(len(c), 2) for c in nx.connected_components(H))
    return float(1 - linked / comb(remaining, 2))


@dataclass(frozen=True)
class StructureMetrics:
    """What :func:`structure_metrics` returns (see the module docstring for the formulas).

    Attributes
    ----------
    n_firms : int
    degree_centralization, betweenness_centralization, degree_gini : float
    cut_points : tuple of node ids, sorted
    node_connectivity : int
    exit_impact : dict
        Firm -> share of the remaining firm pairs cut off if it leaves.
    """

    n_firms: int
    degree_centralization: float
    betweenness_centralization: float
    degree_gini: float
    cut_points: tuple
    node_connectivity: int
    exit_impact: dict

    @property
    def max_exit_impact(self) -> float:
        """The largest exit impact of any firm."""
        return max(self.exit_impact.values(), default=0.0)

    def as_dict(self) -> dict:
        """The scalar metrics, for a table.

        Examples
        --------
        >>> structure_metrics(structure("circuit", n=5)).as_dict()["cut points"]
        0
        """
        return {
            "firms": self.n_firms,
            "degree centralization": self.degree_centralization,
            "betweenness centralization": self.betweenness_centralization,
            "Gini of degree": self.degree_gini,
            "cut points": len(self.cut_points),
            "node connectivity": self.node_connectivity,
            "largest exit impact": self.max_exit_impact,
        }


def _connectivity(F, cuts, deg) -> int:
    """Node connectivity, skipping the max-flow search where bounds settle it.

    A connected graph with a cut point has connectivity 1; without one it has
    at least 2, and never more than its smallest degree (Whitney 1932), so a
    graph with no cut point and a firm of degree 2 has exactly 2.
    """
    if cuts:
        return 1
    if deg.min() <= 2 or F.number_of_nodes() <= 3:
        return int(min(deg.min(), F.number_of_nodes() - 1))
    return int(nx.node_connectivity(F))


def _sort_key(v):
    return (str(type(v)), v)


def structure_metrics(G) -> StructureMetrics:
    """Disparity and robustness of an alliance's firm network.

    Parameters
    ----------
    G : networkx.Graph
        Any undirected graph; nodes whose ``role`` is ``"research
        institution"`` are left out, every other node counts as a firm.
        The firm network must be connected and have at least three firms.

    Returns
    -------
    StructureMetrics

    Raises
    ------
    ValueError
        If the graph is directed, has fewer than three firms, or its firms
        are not connected.

    Examples
    --------
    >>> m = structure_metrics(nx.star_graph(5))
    >>> m.degree_centralization, m.betweenness_centralization, m.cut_points
    (1.0, 1.0, (0,))
    >>> m.exit_impact[0], m.exit_impact[1]
    (1.0, 0.0)
    >>> structure_metrics(nx.cycle_graph(6)).degree_gini
    0.0
    """
    if G.is_directed():
        raise ValueError("field 'G': the alliance network must be undirected")
    F = G.subgraph(firms(G)).copy()
    n = F.number_of_nodes()
    if n < 3:
        raise ValueError(f"field 'G': need at least 3 firms to measure centralization, got {n}")
    if not nx.is_connected(F):
        raise ValueError("field 'G': the firms are not connected; measure each component separately")
    deg = np.array([d for _, d in F.degree()], dtype=float)
    c_deg = float((deg.max() - deg).sum() / ((n - 1) * (n - 2)))
    btw = np.array(list(nx.betweenness_centrality(F, normalized=False).values()), dtype=float)
    c_btw = float((btw.max() - btw).sum() / ((n - 1) ** 2 * (n - 2) / 2))
    cuts = tuple(sorted(nx.articulation_points(F), key=_sort_key))
    impact = {}
    cutset = set(cuts)
    for v in F:
        if v in cutset:
            H = F.subgraph([u for u in F if u != v])
            impact[v] = _pairs_cut(H, n - 1)
        else:
            impact[v] = 0.0
    return StructureMetrics(
        n_firms=n,
        degree_centralization=round(c_deg, 12),
        betweenness_centralization=round(c_btw, 12),
        degree_gini=round(gini(deg), 12),
        cut_points=cuts,
        node_connectivity=_connectivity(F, cuts, deg),
        exit_impact=impact,
    )


@dataclass(frozen=True)
class ExitEffect:
    """What happens when one firm leaves.

    Attributes
    ----------
    firm : node id that left
    share_pairs_cut : float
        Share of the remaining firm pairs that can no longer reach each other.
    stranded : tuple
        Remaining firms outside the largest remaining group (ties broken by
        the group holding the lowest-sorted firm).
    groups : tuple of tuples
        The groups of remaining firms that can still reach each other.
    """

    firm: object
    share_pairs_cut: float
    stranded: tuple
    groups: tuple


def exit_effect(G, firm) -> ExitEffect:
    """Remove ``firm`` and report who is cut off from whom.

    Examples
    --------
    >>> e = exit_effect(structure("branch", n=10), 1)
    >>> e.stranded, round(e.share_pairs_cut, 3)
    ((4, 7), 0.417)
    """
    F = G.subgraph(firms(G))
    if firm not in F:
        raise ValueError(f"field 'firm': {firm!r} is not a firm of this network")
    rest = [v for v in F if v != firm]
    H = F.subgraph(rest)
    groups = sorted((tuple(sorted(c, key=_sort_key)) for c in nx.connected_components(H)),
                    key=lambda c: (-len(c), _sort_key(c[0])))
    stranded = tuple(sorted((v for c in groups[1:] for v in c), key=_sort_key))
    return ExitEffect(firm=firm, share_pairs_cut=_pairs_cut(H, len(rest)), stranded=stranded,
                      groups=tuple(groups))


# --------------------------------------------------------------------------- diffusion


@dataclass(frozen=True)
class Diffusion:
    """Result of :func:`diffusion` (the casebook's own operationalisation).

    Attributes
    ----------
    adoption_step : dict
        Firm -> step at which it first holds the innovation (reached firms only).
    steps_to_all : int or None
        Steps until every firm holds it; ``None`` if some firm is shut out.
    shut_out : tuple
        Firms the innovation never reaches.
    """

    adoption_step: dict
    steps_to_all: int | None
    shut_out: tuple


def diffusion(G, source=None, *, barrier_closed: bool = True, exited=None) -> Diffusion:
    """Spread an innovation from the research institution, step by step.

    Parameters
    ----------
    G : networkx.Graph
        A network from :func:`structure` (or any graph with the same attributes).
    source : node, optional
        Where the innovation starts; default the research institution.
    barrier_closed : bool, default True
        Whether ties marked ``barrier`` block the innovation.
    exited : node, optional
        A firm that has left the alliance (removed before the spread).

    Returns
    -------
    Diffusion

    Examples
    --------
    >>> diffusion(structure("circuit", n=10)).steps_to_all
    6
    >>> diffusion(structure("nodal_circuit", n=10)).steps_to_all
    2
    >>> diffusion(structure("circuit_barrier", n=10), barrier_closed=False).steps_to_all
    4
    """
    if source is None:
        found = [v for v, r in G.nodes(data="role") if r == INSTITUTION]
        if not found:
            raise ValueError("field 'source': the network has no research institution; pass source=")
        source = found[0]
    if source not in G:
        raise ValueError(f"field 'source': {source!r} is not in the network")
    if exited is not None and exited == source:
        raise ValueError("field 'exited': the source of the innovation cannot exit")
    keep = [v for v in G if v != exited]
    H = nx.Graph()
    H.add_nodes_from(keep)
    H.add_edges_from((a, b) for a, b, bar in G.edges(data="barrier", default=False)
                     if a != exited and b != exited and not (barrier_closed and bar))
    dist = nx.single_source_shortest_path_length(H, source)
    fs = [v for v in firms(G) if v != exited and v != source]
    step = {v: dist[v] for v in fs if v in dist}
    shut = tuple(sorted((v for v in fs if v not in dist), key=_sort_key))
    return Diffusion(adoption_step=step, steps_to_all=(max(step.values(), default=0) if not shut else None),
                     shut_out=shut)


# --------------------------------------------------------------------------- comparison


def compare(n: int = 10, seed: int = 0, *, two_way: bool = False):
    """One row per structure: disparity, robustness and diffusion for ``n`` firms.

    Parameters
    ----------
    n : int, default 10
        Firms in each structure (at least 5, so every kind can be built).
    seed : int, default 0
    two_way : bool, default False
        Give the circuit its two-way subcontracting ties.

    Returns
    -------
    pandas.DataFrame
        Indexed by kind; the columns of :meth:`StructureMetrics.as_dict` plus
        ``steps to all`` (``None`` when some firm is shut out, barrier closed)
        and ``shut out`` (count).

    Examples
    --------
    >>> df = compare(10)
    >>> float(df.loc["nodal_circuit", "degree centralization"])
    0.75
    >>> int(df.loc["circuit_barrier", "shut out"])
    3
    """
    import pandas as pd

    rows = {}
    for kind in KINDS:
        G = structure(kind, n=n, seed=seed, two_way=two_way and kind == "circuit")
        row = structure_metrics(G).as_dict()
        d = diffusion(G)
        row["steps to all"] = d.steps_to_all
        row["shut out"] = len(d.shut_out)
        rows[kind] = row
    df = pd.DataFrame.from_dict(rows, orient="index")
    df["steps to all"] = df["steps to all"].astype("Int64")
    df.index.name = "structure"
    return df
