"""Plot of the casebook's concept map (chapter 09, 'How the book fits together')."""

from __future__ import annotations

__all__ = ["concept_layout", "plot_concept_map"]


def concept_layout(g) -> dict:
    """Positions: chapter on x, concepts of a chapter spread on y (deterministic).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph(); g.add_node("a", chapter=1); g.add_node("b", chapter=1); g.add_node("c", chapter=2)
    >>> concept_layout(g)
    {'a': (1.0, 0.5), 'b': (1.0, -0.5), 'c': (2.0, 0.0)}
    """
    by_ch: dict[int, list[str]] = {}
    for v, d in g.nodes(data=True):
        by_ch.setdefault(d["chapter"], []).append(v)
    pos = {}
    for ch, vs in by_ch.items():
        k = len(vs)
        for i, v in enumerate(vs):
            pos[v] = (float(ch), (k - 1) / 2 - i)
    return pos


def plot_concept_map(g, ax=None, highlight=None, labels: bool = True):
    """Draw the concept map: one column per chapter, arrows for links.

    Parameters
    ----------
    g : networkx.DiGraph
        From :func:`casebook.models.concepts.concept_graph` (nodes carry
        ``chapter`` and ``name``).
    ax : matplotlib Axes, optional
    highlight : str, optional
        A node whose links are drawn in the accent colour.
    labels : bool
        Write each concept's name beside its node.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.collections[0]`` holds the nodes (a PathCollection, one per
        node in ``g.nodes`` order); ``ax.cb_edges`` maps each edge to its
        arrow patch.

    Examples
    --------
    >>> from casebook.models.concepts import concept_graph
    >>> g = concept_graph()
    >>> ax = plot_concept_map(g, highlight="audit")
    >>> len(ax.cb_edges) == g.number_of_edges()
    True
    """
    import textwrap

    from matplotlib.patches import FancyArrowPatch

    from casebook.theme import PALETTE

    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=(11.0, 6.5), layout="constrained").subplots()
    pos = concept_layout(g)
    nodes = list(g.nodes)
    xs = [pos[v][0] for v in nodes]
    ys = [pos[v][1] for v in nodes]
    colors = [PALETTE[(g.nodes[v]["chapter"] - 1) % len(PALETTE)] for v in nodes]
    ax.scatter(xs, ys, s=140, c=colors, zorder=3, edgecolors="black", linewidths=0.6)
    ax.cb_edges = {}
    for a, b in g.edges:
        hot = highlight is not None and highlight in (a, b)
        arrow = FancyArrowPatch(pos[a], pos[b], arrowstyle="-|>", mutation_scale=10,
                                connectionstyle="arc3,rad=0.15", shrinkA=7, shrinkB=7, zorder=2,
                                color=PALETTE[3] if hot else "#9a9a9a", linewidth=2.0 if hot else 0.9)
        ax.add_patch(arrow)
        ax.cb_edges[(a, b)] = arrow
    if labels:
        for v in nodes:
            x, y = pos[v]
            name = g.nodes[v]["name"].split(" (")[0]
            ax.text(x + 0.09, y, textwrap.fill(name, 22), fontsize=7, va="center", ha="left", zorder=4)
    chapters = sorted({g.nodes[v]["chapter"] for v in nodes})
    ax.set_xticks(chapters)
    ax.set_xticklabels([f"{c:02d}" for c in chapters])
    ax.set_xlabel("chapter")
    ax.set_yticks([])
    ax.set_xlim(min(chapters) - 0.4, max(chapters) + 0.95)
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.7)
    ax.grid(False)
    ax.set_title("How the casebook's frameworks link (each link cited in concepts.yaml)", fontsize=11)
    return ax
