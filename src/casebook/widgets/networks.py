"""Widget for chapter 08: build a networked alliance, measure it, and let a firm exit.

Examples
--------
>>> box = build_network_explorer()
>>> box.controls["kind"].value = "branch"
>>> box.controls["exit"].value = 1
>>> "cut off" in box.outputs["summary"].value
True
"""

from __future__ import annotations

import html

from casebook.widgets.figure import Blitter

__all__ = ["build_network_explorer", "summary_html"]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _names(G, nodes) -> str:
    return ", ".join(html.escape(str(G.nodes[v].get("label", v))) for v in nodes)


def summary_html(G, metrics, exited=None, *, barrier_closed: bool = True, base=None, effect=None) -> str:
    """The metrics table and what an exit does, as escaped HTML.

    Parameters
    ----------
    G : networkx.Graph from :func:`casebook.models.networks.structure`
    metrics : StructureMetrics of ``G``
    exited : node, optional
    barrier_closed : bool, default True
    base, effect : optional
        Precomputed ``diffusion(G, barrier_closed=...)`` and ``exit_effect(G, exited)``.

    Returns
    -------
    str

    Examples
    --------
    >>> from casebook.models.networks import structure, structure_metrics
    >>> G = structure("circuit", n=6)
    >>> "no cut point" in summary_html(G, structure_metrics(G))
    True
    """
    from casebook.models.networks import diffusion, exit_effect

    rows = []
    for name, value in metrics.as_dict().items():
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        rows.append(f"<tr><td>{html.escape(name)}</td><td style='text-align:right'>{shown}</td></tr>")
    d = base if base is not None else diffusion(G, barrier_closed=barrier_closed)
    if d.steps_to_all is None:
        spread = f"never reaches {_names(G, d.shut_out)} (shut out behind the barrier)"
    else:
        spread = f"reaches every firm in {d.steps_to_all} steps"
    parts = [f"<p><b>{html.escape(G.graph.get('label', ''))}</b>, {metrics.n_firms} firms.</p>",
             "<table class='cb-metrics'>" + "".join(rows) + "</table>",
             f"<p>An innovation from the research institution {spread}.</p>"]
    if metrics.cut_points:
        worst = sorted(metrics.cut_points, key=lambda v: -metrics.exit_impact[v])[:3]
        items = "; ".join(f"{_names(G, [v])} ({_pct(metrics.exit_impact[v])} of pairs cut)" for v in worst)
        parts.append(f"<p>Cut points: {len(metrics.cut_points)}. Most damaging exits: {items}.</p>")
    else:
        parts.append("<p>There is no cut point: any single firm can leave and the rest stay connected.</p>")
    if exited is not None:
        e = effect if effect is not None else exit_effect(G, exited)
        after = diffusion(G, barrier_closed=barrier_closed, exited=exited)
        who = _names(G, [exited])
        if e.stranded:
            text = (f"If {who} leaves, {_pct(e.share_pairs_cut)} of the remaining firm pairs are cut off; "
                    f"stranded from the largest group: {_names(G, e.stranded)}.")
        else:
            text = f"If {who} leaves, every remaining firm can still reach every other."
        if after.steps_to_all is None:
            text += f" The innovation no longer reaches {_names(G, after.shut_out)}."
        else:
            text += f" The innovation then reaches every remaining firm in {after.steps_to_all} steps."
        parts.append(f"<p class='cb-exit'>{text}</p>")
    return "".join(parts)


def build_network_explorer(kind: str = "circuit", n: int = 10, *, seed: int = 0):
    """Choose a structure and its size; see the drawing, the metrics and an exit.

    Parameters
    ----------
    kind : str, default "circuit"
        One of :data:`casebook.models.networks.KINDS`.
    n : int, default 10
        Number of firms (5 to 30 on the slider).
    seed : int, default 0
        Seed of the circuit's two-way subcontracting ties.

    Returns
    -------
    ipywidgets.VBox
        ``controls``: ``kind`` (Dropdown), ``n`` (IntSlider), ``two_way`` and
        ``barrier`` (Checkbox), ``exit`` (Dropdown of firms, ``None`` = nobody);
        ``outputs``: ``figure`` (LiveFigure), ``summary`` (HTML). The
        artists are created once per structure; an exit only restyles them.
    """
    import ipywidgets as w

    from casebook.models.networks import KIND_LABELS, KINDS, diffusion, exit_effect, firms, structure, structure_metrics
    from casebook.plotting.networks import draw_structure
    from casebook.widgets import LiveFigure, panel

    if kind not in KINDS:
        raise ValueError(f"field 'kind': unknown structure {kind!r}; choose one of {', '.join(KINDS)}")
    if not 5 <= int(n) <= 30:
        raise ValueError(f"field 'n': the explorer shows 5 to 30 firms, got {n}")
    controls = {
        "kind": w.Dropdown(options=[(KIND_LABELS[k], k) for k in KINDS], value=kind, description="Structure"),
        "n": w.IntSlider(value=int(n), min=5, max=30, description="Firms", continuous_update=False),
        "two_way": w.Checkbox(value=False, description="Two-way ties (circuit)"),
        "barrier": w.Checkbox(value=True, description="Barrier closed"),
        "exit": w.Dropdown(options=[("nobody", None)], value=None, description="Firm exits"),
    }
    for name, c in controls.items():
        c.add_class(f"cb-control-{name}")

    live = LiveFigure(size=(7.5, 4.6), css_class="cb-network-figure")
    summary = w.HTML()
    state = {"G": None, "m": None, "busy": False, "effect": None, "base": {}, "picture": None}
    cache = {}  # structures are deterministic: build and measure each one once
    fast = Blitter(live)

    def exited():
        return controls["exit"].value

    def redraw_summary():
        closed = controls["barrier"].value
        if closed not in state["base"]:
            state["base"][closed] = diffusion(state["G"], barrier_closed=closed)
        summary.value = summary_html(state["G"], state["m"], exited(), barrier_closed=closed,
                                     base=state["base"][closed], effect=state["effect"])

    def on_exit(_=None):
        if state["busy"]:
            return
        G = state["G"]
        gone = exited()
        state["effect"] = exit_effect(G, gone) if gone is not None else None
        redraw_summary()
        fast.show(state["picture"], G, exited=gone, stranded=state["effect"].stranded if gone is not None else ())

    def on_structure(_=None):
        k = controls["kind"].value
        controls["two_way"].disabled = k != "circuit"
        key = (k, controls["n"].value, controls["two_way"].value and k == "circuit")
        if key not in cache:
            G = structure(k, n=key[1], seed=seed, two_way=key[2])
            cache[key] = (G, structure_metrics(G), {})
        G, m, base = cache[key]
        state.update(G=G, m=m, base=base, effect=None)
        if state["picture"] is None:
            # One legend for every structure; the summary names the structure, so the figure has no title.
            state["picture"] = draw_structure(G, ax=live.ax, legend="all", title=False)
            fast.artists = state["picture"].artists
        state["busy"] = True
        try:
            controls["exit"].options = [("nobody", None)] + [
                (f"{G.nodes[v]['label']} (#{v})", v) for v in firms(G)]
            controls["exit"].value = None
        finally:
            state["busy"] = False
        redraw_summary()
        fast.show(state["picture"], G)  # another structure: the picture replaces its artists

    for name in ("kind", "n", "two_way"):
        controls[name].observe(on_structure, names="value")
    controls["exit"].observe(on_exit, names="value")
    controls["barrier"].observe(lambda _: (redraw_summary()), names="value")
    on_structure()

    box = panel([w.HBox([controls["kind"], controls["n"]]),
                 w.HBox([controls["two_way"], controls["barrier"], controls["exit"]]),
                 live.image, summary], "cb-network-explorer",
                title="Networked alliance explorer: structure, disparity and exit")
    box.controls = controls
    box.outputs = {"figure": live, "summary": summary}
    box.picture = lambda: state["picture"]
    box.book_controls = ("kind", "n")  # live in the static book (casebook.widgets.frames)
    return box
