"""Widgets for chapters 06 and 07: the cluster explorer, leak-or-share and the cluster over time.

Each builder returns a panel with ``controls`` and ``outputs``; its picture is
drawn once by :mod:`casebook.plotting.spillovers` and moved on every change
through the picture's ``update``, then blitted into the
:class:`~casebook.widgets.figure.LiveFigure`.

Examples
--------
>>> box = build_cluster_explorer()
>>> box.controls["delta"].value = 1.0; box.controls["beta"].value = 0.0
>>> "outside" in box.outputs["summary"].value
True
>>> box = build_leak_or_share()
>>> box.controls["spillover"].value = 0.8
>>> "share" in box.outputs["summary"].value
True
"""

from __future__ import annotations

import html

from casebook.widgets.figure import Blitter

__all__ = ["build_cluster_explorer", "build_leak_or_share", "build_cluster_over_time"]


def _slider(name, label, value, lo, hi, step, integer=False):
    import ipywidgets as w

    cls = w.IntSlider if integer else w.FloatSlider
    kw = {} if integer else {"readout_format": ".2f"}
    s = cls(value=value, min=lo, max=hi, step=step, description=label, continuous_update=True,
            style={"description_width": "9em"}, layout=w.Layout(width="95%"), **kw)
    s.add_class(f"cb-control-{name.replace('_', '-')}")
    return s


def _fmt(x):
    return f"{x:,.2f}"


def build_cluster_explorer(beta: float = 0.5, theta: float = 0.3, delta: float = 0.5,
                           n_strong: int = 1, n_weak: int = 9, strong_rd: float = 3.0, weak_rd: float = 0.5):
    """Inward, outward and net gains of a strong and a weak firm in a cluster.

    Returns
    -------
    ipywidgets.VBox
        ``controls``: ``beta``, ``theta``, ``delta``, ``strong_rd``,
        ``weak_rd`` (FloatSliders), ``n_strong``, ``n_weak`` (IntSliders);
        ``outputs``: ``figure`` (LiveFigure), ``summary`` (HTML);
        ``table()`` returns the current :func:`casebook.models.spillovers.cluster_gains` frame.
    """
    import ipywidgets as w
    import numpy as np

    from casebook.models import spillovers as sp
    from casebook.plotting.spillovers import draw_cluster_gains
    from casebook.widgets.figure import Blitter, LiveFigure, panel

    controls = {
        "beta": _slider("beta", "learning difficulty β", beta, 0, 1, 0.05),
        "theta": _slider("theta", "spillover level θ", theta, 0.05, 1, 0.05),
        "delta": _slider("delta", "rivalry δ", delta, 0, 2, 0.05),
        "strong_rd": _slider("strong_rd", "strong firm R&D", strong_rd, 0.5, 6, 0.25),
        "weak_rd": _slider("weak_rd", "weak firm R&D", weak_rd, 0.05, 3, 0.05),
        "n_strong": _slider("n_strong", "strong firms", n_strong, 1, 10, 1, integer=True),
        "n_weak": _slider("n_weak", "weak firms", n_weak, 1, 40, 1, integer=True),
    }
    live = LiveFigure(size=(6.5, 3.4), css_class="cb-cluster-figure")
    summary = w.HTML()
    summary.add_class("cb-cluster-summary")
    state = {}
    labels = ["a strong firm", "a weak firm"]

    def table():
        c = {k: v.value for k, v in controls.items()}
        rd = [max(c["strong_rd"], c["weak_rd"])] * c["n_strong"] + [min(c["strong_rd"], c["weak_rd"])] * c["n_weak"]
        return sp.cluster_gains(rd, c["beta"], c["theta"], delta=c["delta"])

    def update(_=None):
        df = table()
        state["df"] = df
        pick = df.iloc[[0, len(df) - 1]]
        if "picture" not in state:
            # The y range follows the data, so the y-axis (ticks, labels, grid) and the
            # zero line are moving artists of the picture, redrawn over a background that never changes.
            state["picture"] = draw_cluster_gains(pick, ax=live.ax, labels=labels)
            state["blit"] = Blitter(live, state["picture"].artists)
        state["blit"].show(state["picture"], pick)
        c = {k: v.value for k, v in controls.items()}
        if c["strong_rd"] > c["weak_rd"]:
            b = sp.crossover_beta(c["strong_rd"], c["weak_rd"], c["n_strong"], c["n_weak"], c["theta"])
            cross = f"Strong firms take in more than weak ones once β exceeds {b:.2f}." if b <= 1 else \
                "Weak firms take in more at every β here."
        else:
            cross = "Set strong R&D above weak R&D to compare the two kinds of firm."
        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td>{_fmt(r.inward)}</td><td>{_fmt(r.outward)}</td>"
            f"<td>{_fmt(r.net)}</td><td>{'stay outside' if r.stay_outside else 'join'}</td></tr>"
            for name, r in zip(("strong firm", "weak firm"), pick.itertuples()))
        summary.value = ("<table><tr><th></th><th>inward</th><th>outward</th><th>net</th><th>would rather</th></tr>"
                         f"{rows}</table><p>{html.escape(cross)}</p>")

    for c in controls.values():
        c.observe(update, names="value")
    update()
    box = panel([w.HBox([w.VBox(list(controls.values())[:4]), w.VBox(list(controls.values())[4:])]),
                 live.image, summary], "cb-cluster-explorer", title="Cluster explorer")
    box.controls, box.outputs = controls, {"figure": live, "summary": summary}
    box.table = lambda: state["df"]
    box.picture = state["picture"]
    box.book_controls = ("beta", "theta")  # live in the static book (casebook.widgets.frames)
    return box


def build_leak_or_share(spillover: float = 0.3, rd_cost: float = 5.0):
    """Cooperative and non-cooperative R&D (d'Aspremont and Jacquemin 1988) against the spillover.

    Returns
    -------
    ipywidgets.VBox
        ``controls``: ``spillover``, ``rd_cost``; ``outputs``: ``figure``,
        ``summary``, ``lines`` (the two curves), ``marker``.
    """
    import ipywidgets as w
    import numpy as np

    from casebook.models import spillovers as sp
    from casebook.plotting.spillovers import draw_leak_or_share
    from casebook.widgets.figure import LiveFigure, panel

    controls = {"spillover": _slider("spillover", "spillover β", spillover, 0, 1, 0.05),
                "rd_cost": _slider("rd_cost", "R&D cost γ", rd_cost, 2.5, 20, 0.5)}
    live = LiveFigure(size=(6.5, 3.4), css_class="cb-leak-figure")
    grid = np.linspace(0, 1, 101)
    picture = draw_leak_or_share(sp.rd_cooperation(grid, rd_cost=rd_cost), ax=live.ax)
    nc, co = picture.parts["lines"]
    marker = picture.parts["marker"]
    summary = w.HTML()
    summary.add_class("cb-leak-summary")
    # The y-axis moves with the curves (a moving artist of the picture), over a background drawn once.
    blit = Blitter(live, picture.artists)

    def update(_=None):
        df = sp.rd_cooperation(grid, rd_cost=controls["rd_cost"].value)
        b = controls["spillover"].value
        now = sp.rd_cooperation(b, rd_cost=controls["rd_cost"].value).iloc[0]
        blit.show(picture, df, point=now)
        if abs(now.cooperative - now.noncooperative) < 1e-9:
            verdict = "At exactly one half the two are equal."
        elif now.cooperative > now.noncooperative:
            verdict = "Spillovers are high: sharing R&D (cooperating) raises it. Important enough to leak, important enough to share."
        else:
            verdict = "Spillovers are low: firms that cooperate do less R&D than rivals would."
        summary.value = (f"<p>At β = {b:.2f}: non-cooperative R&D {_fmt(now.noncooperative)}, "
                         f"cooperative R&D {_fmt(now.cooperative)}. {html.escape(verdict)}</p>")

    for c in controls.values():
        c.observe(update, names="value")
    update()
    box = panel([w.VBox(list(controls.values())), live.image, summary], "cb-leak-or-share", title="Leak or share")
    box.controls = controls
    box.outputs = {"figure": live, "summary": summary, "lines": (nc, co), "marker": marker}
    box.picture = picture
    box.book_controls = ("spillover", "rd_cost")  # live in the static book (casebook.widgets.frames)
    return box


def build_cluster_over_time(n_firms: int = 60, periods: int = 30, seed: int = 0):
    """Absorptive capacity of lead firms and suppliers, and the share that would rather leave, over time.

    Returns
    -------
    ipywidgets.VBox
        ``controls``: ``beta``, ``theta_within``, ``theta_across``,
        ``delta``, ``delta_within`` (rivalry inside a group) (FloatSliders),
        ``n_lead``, ``seed`` (IntSliders);
        ``outputs``: ``figure``, ``summary``, ``lines`` (``gamma``: mean
        absorptive capacity; ``net``: share of firms with negative net gain;
        each a pair lead, supplier);
        ``data()`` returns the current simulation.
    """
    import ipywidgets as w

    from casebook.models import spillovers as sp
    from casebook.plotting.picture import group
    from casebook.plotting.spillovers import draw_cluster_over_time
    from casebook.widgets.figure import LiveFigure, panel

    controls = {
        "beta": _slider("beta", "learning difficulty β", 0.9, 0, 1, 0.05),
        "theta_within": _slider("theta_within", "θ within group", 0.05, 0, 0.5, 0.01),
        "theta_across": _slider("theta_across", "θ across groups", 0.005, 0, 0.1, 0.005),
        "delta": _slider("delta", "rivalry δ", 0.5, 0, 2, 0.05),
        "delta_within": _slider("delta_within", "rivalry in group δw", 0.5, 0, 2, 0.05),
        "n_lead": _slider("n_lead", "lead firms", 3, 1, 10, 1, integer=True),
        "seed": _slider("seed", "seed", seed, 0, 99, 1, integer=True),
    }
    live = LiveFigure(ncols=2, size=(9.0, 3.2), css_class="cb-cluster-time-figure")
    summary = w.HTML()
    summary.add_class("cb-cluster-time-summary")
    state = {}

    def update(_=None):
        c = {k: v.value for k, v in controls.items()}
        df = sp.simulate_cluster(n_firms=n_firms, n_lead=c["n_lead"], periods=periods, beta=c["beta"],
                                 theta_within=c["theta_within"], theta_across=c["theta_across"],
                                 delta=c["delta"], delta_within=c["delta_within"], m0=sp.M0, strong_rd=0.6,
                                 weak_rd=0.1, seed=c["seed"])
        state["df"] = df
        if "picture" not in state:
            state["picture"] = group([
                draw_cluster_over_time(df, "gamma", ax=live.axes[0], title="absorptive capacity γ", band=False,
                                       legend="lower right", ylim=(0, 1.02)),
                draw_cluster_over_time(df, "net", ax=live.axes[1], share_negative=True,
                                       title="share that would rather leave", legend=False, ylim=(-0.02, 1.02))])
            state["blit"] = Blitter(live, state["picture"].artists)
        state["blit"].show(state["picture"], df)
        g = [line.get_ydata() for line in state["picture"].parts["pictures"][0].parts["lines"]]
        summary.value = (f"<p>Period 0: lead firms absorb γ = {g[0][0]:.2f}, suppliers γ = {g[1][0]:.2f}. "
                         f"Period {periods - 1}: lead {g[0][-1]:.2f}, suppliers {g[1][-1]:.2f}. "
                         f"{n_firms} firms in {c['n_lead']} vertical groups, seed {c['seed']}.</p>")

    for ctl in controls.values():
        ctl.observe(update, names="value")
    update()
    box = panel([w.HBox([w.VBox(list(controls.values())[:3]), w.VBox(list(controls.values())[3:])]),
                 live.image, summary], "cb-cluster-over-time", title="A cluster over time")
    box.controls = controls
    pics = state["picture"].parts["pictures"]
    box.outputs = {"figure": live, "summary": summary,
                   "lines": {"gamma": pics[0].parts["lines"], "net": pics[1].parts["lines"]}}
    box.data = lambda: state["df"]
    box.picture = state["picture"]
    box.book_controls = ("beta", "theta_within")  # live in the static book (casebook.widgets.frames)
    return box
