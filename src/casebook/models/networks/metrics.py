"""What a structure does: disparity, centralization, the effect of an exit and how knowledge diffuses."""

from __future__ import annotations

from dataclasses import dataclass
from math import comb
import networkx as nx
import numpy as np

from casebook.models.networks.structures import INSTITUTION, KINDS, firms, structure

__all__ = ['gini', 'StructureMetrics', 'structure_metrics', 'ExitEffect', 'exit_effect', 'Diffusion', 'diffusion',
           'diffusion_by_attachment', 'compare']

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


def diffusion_by_attachment(n: int = 20, *, barrier_closed: bool = False):
    """Steps until every firm holds the innovation, for every firm the institution could link to.

    The reading says a networked alliance may link up with a research
    institution (Suarez-Villa 1998, section 3.1) but not to which member;
    :func:`structure` attaches it to the nodal or large firm by default. This
    table varies the attachment over every firm of each structure.

    Parameters
    ----------
    n : int, default 20
        Firms per structure.
    barrier_closed : bool, default False
        Open by default, so that the circuit-barrier structure has a finite time.

    Returns
    -------
    pandas.DataFrame
        Indexed by kind: ``at hub`` (the default attachment, firm 0),
        ``best``, ``median`` and ``worst`` over all attachment points, and
        ``worst firm`` (the attachment point that gives the worst time; the
        lowest such firm).

    Examples
    --------
    >>> df = diffusion_by_attachment(20)
    >>> df.loc["nodal_circuit", ["at hub", "worst"]].tolist()
    [2, 3]
    >>> df.loc["branch", ["at hub", "worst"]].tolist()
    [3, 5]
    """
    import pandas as pd

    rows = {}
    for kind in KINDS:
        G0 = structure(kind, n=n, institution=False)
        steps = {}
        for v in firms(G0):
            d = diffusion(structure(kind, n=n, institution_at=v), barrier_closed=barrier_closed)
            steps[v] = d.steps_to_all
        vals = [s for s in steps.values() if s is not None]
        worst = max(vals) if vals else None
        rows[kind] = {"at hub": steps[0], "best": min(vals) if vals else None,
                      "median": float(np.median(vals)) if vals else None, "worst": worst,
                      "worst firm": min(v for v, s in steps.items() if s == worst) if vals else None}
    df = pd.DataFrame.from_dict(rows, orient="index")
    for c in ("at hub", "best", "worst", "worst firm"):
        df[c] = df[c].astype("Int64")
    df.index.name = "structure"
    return df


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
