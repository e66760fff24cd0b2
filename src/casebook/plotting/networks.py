"""Plots for chapter 08: networked-alliance structures and their disparities.

:func:`plot_structure` draws a network from :func:`casebook.models.networks.structure`
at its fixed positions, roles coloured with :func:`casebook.theme.role_colors`;
:func:`update_structure` restyles the same artists when a firm exits (the
widget's fast path). :func:`plot_comparison` draws the disparity table of
:func:`casebook.models.networks.compare`.

Examples
--------
>>> from casebook.models.networks import structure
>>> ax = plot_structure(structure("branch", n=7))
>>> len(ax.cb_nodes.get_offsets()), len(ax.cb_edges.get_segments())
(7, 7)
"""

from __future__ import annotations

import numpy as np

__all__ = ["ROLE_COLORS", "draw_structure", "plot_structure", "update_structure", "plot_comparison", "plot_structure_grid"]

from casebook.models.networks import INSTITUTION, ROLES, firms
from casebook.theme import PALETTE, role_colors

ROLE_COLORS = role_colors(ROLES)
"""One fixed colour per role, in the order of :data:`casebook.models.networks.ROLES`."""

_SIZES = {"SME": 170.0, "large": 420.0, "n/a": 260.0}
_TIE_STYLE = {  # colour, width, linestyle
    "cooperation": ("#404040", 1.6, "solid"),
    "hierarchy": ("#404040", 1.6, "solid"),
    "two_way": (PALETTE[9], 2.2, "solid"),
    "external": (PALETTE[4], 1.6, (0, (2, 2))),
}
_BARRIER = (PALETTE[3], 2.4, (0, (5, 3)))
_FADED = 0.12
_SHORT = {"circuit": "Circuit", "nodal_circuit": "Nodal\ncircuit", "branch": "Branch",
          "circuit_barrier": "Circuit-\nbarrier", "circuit_branch": "Circuit-\nbranch"}


def _new_ax(size=(6.5, 4.5)):
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained").subplots()


def _edge_style(G, a, b):
    data = G.edges[a, b]
    if data.get("barrier"):
        return _BARRIER
    return _TIE_STYLE.get(data.get("tie", "cooperation"), _TIE_STYLE["cooperation"])


def _rgba(color, alpha):
    from matplotlib.colors import to_rgba

    return to_rgba(color, alpha)


def _legend_handles(G=None):
    """Legend entries: every role and tie kind (``G`` None), or those present in ``G``."""
    from matplotlib.lines import Line2D

    roles = ROLES if G is None else [r for r in ROLES if any(G.nodes[v].get("role") == r for v in G)]
    handles = [Line2D([], [], marker="s" if r == INSTITUTION else "o", linestyle="", markersize=8,
                      color=ROLE_COLORS[r], label=r) for r in roles]
    if G is None or any(d.get("barrier") for *_, d in G.edges(data=True)):
        handles.append(Line2D([], [], color=_BARRIER[0], linestyle="--", label="barrier tie"))
    if G is None:
        handles.append(Line2D([], [], color=_TIE_STYLE["two_way"][0], label="two-way subcontracting"))
    if G is None or any(v not in set(firms(G)) for v in G):
        handles.append(Line2D([], [], color=_TIE_STYLE["external"][0], linestyle=":",
                              label="external knowledge link"))
    if G is None:
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor="white",
                              markeredgecolor="black", markeredgewidth=2.5, label="stranded by the exit"))
    return handles


def _draw_graph(ax, G, labels, animated):
    """Create the artists of one structure on ``ax`` (limits and aspect set); return them."""
    from matplotlib.collections import LineCollection

    missing = [v for v in G if "pos" not in G.nodes[v]]
    if missing:
        raise ValueError(f"field 'pos': nodes {missing[:5]} have no drawing position")
    order = firms(G)
    inst = [v for v in G if v not in set(order)]
    pos = {v: G.nodes[v]["pos"] for v in G}
    edges = list(G.edges())
    lc = LineCollection([[pos[a], pos[b]] for a, b in edges], zorder=1)
    ax.add_collection(lc)
    xy = np.array([pos[v] for v in order], dtype=float)
    sizes = [_SIZES.get(G.nodes[v].get("size", "SME"), 170.0) for v in order]
    nodes = ax.scatter(xy[:, 0], xy[:, 1], s=sizes, zorder=3)
    ins = None
    if inst:
        ixy = np.array([pos[v] for v in inst], dtype=float)
        ins = ax.scatter(ixy[:, 0], ixy[:, 1], s=_SIZES["n/a"], marker="s",
                         color=ROLE_COLORS[INSTITUTION], edgecolors="white", zorder=3)
    ax.cb_nodes, ax.cb_institution, ax.cb_edges = nodes, ins, lc
    ax.cb_order, ax.cb_edge_list, ax.cb_graph = order, edges, G
    show = labels if labels is not None else G.number_of_nodes() <= 20
    ax.cb_labels = [ax.text(*pos[v], str(v), ha="center", va="center", fontsize=8, color="white", zorder=4)
                    for v in order] if show else []
    allxy = np.array(list(pos.values()), dtype=float)
    lo, hi = allxy.min(axis=0), allxy.max(axis=0)
    pad = 0.25 + 0.08 * (hi - lo)
    ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
    ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
    ax.set_aspect("equal", adjustable="box")
    ax.apply_aspect()
    out = [lc, nodes, *ax.cb_labels] + ([ins] if ins is not None else [])
    for a in out:
        a.set_animated(animated)  # a replacement is drawn the way the artists it replaces were
    return out


def draw_structure(G, ax=None, *, exited=None, stranded=(), labels: bool | None = None, legend=True,
                   title: bool = True):
    """Draw an alliance network at its fixed positions, roles coloured.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`casebook.models.networks.structure` (nodes need ``pos`` and
        ``role``; ``size`` and edge ``tie``/``barrier`` are optional).
    ax : matplotlib Axes, optional
    exited : node, optional
        A firm that has left: drawn hollow, its ties faded.
    stranded : iterable of nodes
        Firms cut off by the exit: drawn with a thick black outline.
    labels : bool, optional
        Write node numbers on the nodes; default when there are at most 20 nodes.
    legend : bool or "all"
        The roles and ties present in ``G``; "all": every role and tie kind
        (a picture whose structure changes keeps one legend); False: none.
    title : bool
        The structure's name as the title.

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(G, exited=None, stranded=())`` restyles the same artists for
        an exit, or replaces them when ``G`` is another structure (then
        ``artists`` lists the new ones). The Axes carries ``cb_nodes`` (the
        firms' PathCollection), ``cb_institution`` (PathCollection or None),
        ``cb_edges`` (LineCollection), ``cb_labels`` (list of Text),
        ``cb_title`` (Text) and ``cb_order`` (firm ids in the order of ``cb_nodes``).

    Raises
    ------
    ValueError
        If a node has no ``pos`` attribute.

    Examples
    --------
    >>> from casebook.models.networks import structure
    >>> G = structure("circuit_barrier", n=8)
    >>> pic = draw_structure(G, exited=0, stranded=(6, 7))
    >>> float(pic.ax.cb_nodes.get_linewidths()[pic.ax.cb_order.index(6)])
    3.0
    >>> _ = pic.update(structure("branch", n=7)); len(pic.ax.cb_nodes.get_offsets())
    7
    """
    from casebook.plotting.picture import Picture

    if ax is None:
        ax = _new_ax()
    ax.set_axis_off()
    artists: list = []
    shown = {"G": None}

    def move(G, exited=None, stranded=()):
        if G is not shown["G"]:
            animated = any(a.get_animated() for a in artists)
            for a in artists:
                if a is not ax.cb_title:
                    a.remove()
            artists[:] = _draw_graph(ax, G, labels, animated)
            if title:
                ax.cb_title.set_text(G.graph.get("label", G.graph.get("kind", "")))
                artists.append(ax.cb_title)
            shown["G"] = G
        update_structure(ax, exited=exited, stranded=stranded)
        return list(artists)

    ax.cb_title = ax.set_title("")
    if legend:
        ax.legend(handles=_legend_handles(None if legend == "all" else G), loc="upper left",
                  bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    pic = Picture(ax, artists, move, {})
    pic.update(G, exited=exited, stranded=stranded)
    return pic


def plot_structure(G, ax=None, *, exited=None, stranded=(), labels: bool | None = None, legend: bool = True):
    """An alliance network (:func:`draw_structure`), returning only the Axes (with its ``cb_*`` attributes).

    Examples
    --------
    >>> from casebook.models.networks import structure
    >>> len(plot_structure(structure("circuit", n=6)).cb_nodes.get_offsets())
    6
    """
    return draw_structure(G, ax=ax, exited=exited, stranded=stranded, labels=labels, legend=legend).ax


def update_structure(ax, *, exited=None, stranded=()):
    """Restyle the artists of :func:`plot_structure` for an exit (no new artists).

    Parameters
    ----------
    ax : Axes returned by :func:`plot_structure`
    exited : node or None
    stranded : iterable of nodes

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from casebook.models.networks import structure
    >>> ax = plot_structure(structure("branch", n=7))
    >>> _ = update_structure(ax, exited=1, stranded=(4, 6))
    >>> bool(ax.cb_nodes.get_facecolors()[ax.cb_order.index(1)][3] < 1)
    True
    """
    G = ax.cb_graph
    stranded = set(stranded)
    faces, edgecolors, widths = [], [], []
    for v in ax.cb_order:
        base = ROLE_COLORS.get(G.nodes[v].get("role", "SME"), PALETTE[0])
        if v == exited:
            faces.append(_rgba("#ffffff", 0.2))
            edgecolors.append(_rgba("#949494", 1.0))
            widths.append(1.5)
        else:
            faces.append(_rgba(base, 1.0))
            edgecolors.append(_rgba("#000000" if v in stranded else "#ffffff", 1.0))
            widths.append(3.0 if v in stranded else 1.0)
    ax.cb_nodes.set_facecolors(faces)
    ax.cb_nodes.set_edgecolors(edgecolors)
    ax.cb_nodes.set_linewidths(widths)
    colors, lws, styles = [], [], []
    for a, b in ax.cb_edge_list:
        c, lw, ls = _edge_style(G, a, b)
        colors.append(_rgba(c, _FADED if exited in (a, b) else 0.9))
        lws.append(lw)
        styles.append(ls)
    ax.cb_edges.set_colors(colors)
    ax.cb_edges.set_linewidths(lws)
    ax.cb_edges.set_linestyles(styles)
    for t, v in zip(ax.cb_labels, ax.cb_order):
        t.set_alpha(0.3 if v == exited else 1.0)
        t.set_color("#949494" if v == exited else "white")
    return ax


def plot_comparison(table, ax=None, columns=("degree centralization", "betweenness centralization",
                                             "Gini of degree", "largest exit impact")):
    """Grouped bars of disparity and exit impact for each structure.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`casebook.models.networks.compare` (index: kinds; the named columns).
    ax : matplotlib Axes, optional
    columns : sequence of str
        The columns to draw (values between 0 and 1).

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    ValueError
        If a column is missing from the table.

    Examples
    --------
    >>> from casebook.models.networks import compare
    >>> ax = plot_comparison(compare(10))
    >>> len(ax.patches)
    20
    """
    if ax is None:
        ax = _new_ax((8, 4))
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"table: missing column(s) {missing}; expected the output of casebook.models.networks.compare")
    kinds = list(table.index)
    x = np.arange(len(kinds))
    width = 0.8 / len(columns)
    for j, col in enumerate(columns):
        ax.bar(x + (j - (len(columns) - 1) / 2) * width, table[col].astype(float).to_numpy(), width,
               label=col, color=PALETTE[j % len(PALETTE)])
    ax.set_xticks(x, [_SHORT.get(k, str(k)) for k in kinds], fontsize=9)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("index, 0 to 1")
    ax.set_title(f"Disparity and exit impact, {int(table['firms'].iloc[0])} firms"
                 if "firms" in table.columns else "Disparity and exit impact")
    ax.legend(fontsize=8, loc="upper left", frameon=False)
    return ax


def plot_structure_grid(graphs, titles=None, ncols: int = 3, legend_at=None):
    """Several alliance networks side by side (one :func:`draw_structure` per panel); returns the Figure.

    Parameters
    ----------
    graphs : sequence of networkx.Graph
    titles : sequence of str, optional
        One title per panel (default: each graph's own label).
    ncols : int
    legend_at : int, optional
        Index of the panel that carries the legend (default: the last graph of the first row).

    Examples
    --------
    >>> from casebook.models.networks import structure
    >>> fig = plot_structure_grid([structure("circuit", n=5), structure("branch", n=6)], ncols=2)
    >>> len(fig.axes)
    2
    """
    from matplotlib.figure import Figure

    graphs = list(graphs)
    nrows = -(-len(graphs) // ncols)
    fig = Figure(figsize=(4.35 * ncols, 4.0 * nrows), layout="constrained")  # not pyplot: shown once
    axes = fig.subplots(nrows, ncols, squeeze=False)
    legend_at = min(ncols, len(graphs)) - 1 if legend_at is None else legend_at
    flat = axes.ravel()
    for k, (ax, G) in enumerate(zip(flat, graphs)):
        draw_structure(G, ax=ax, legend=k == legend_at)
        if titles is not None:
            ax.set_title(titles[k])
    for ax in flat[len(graphs):]:
        ax.set_visible(False)
    return fig
