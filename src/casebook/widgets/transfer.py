"""The chapter 04 learning-plan builder: spend a budget, set the climate, watch knowledge arrive.

Examples
--------
>>> box = build_learning_plan()
>>> before = box.outputs["figure"].ax.lines[1].get_ydata()[-1]
>>> box.controls["rotations"].value = 2
>>> bool(box.outputs["figure"].ax.lines[1].get_ydata()[-1] > before)
True
"""

from __future__ import annotations

import html

__all__ = ["build_learning_plan", "Blitter"]

from casebook.widgets.figure import Blitter  # noqa: E402,F401


# Blitter moved to casebook.widgets.figure (shared by every widget); kept importable here.


_FACTOR_LABELS = {
    "flexible_objectives": "flexible objectives",
    "leadership": "leadership",
    "trust": "trust",
    "redundancy": "redundancy",
    "creative_chaos": "creative chaos",
    "myopia": "perf. myopia",
}


def build_learning_plan(vignette: str = "continuous_improvement", budget: float | None = None,
                        horizon: int | None = None):
    """Build the learning-plan builder of chapter 04.

    Parameters
    ----------
    vignette : str
        Starting vignette (a key of :data:`casebook.models.transfer.VIGNETTES`).
    budget : float, optional
        Budget points (default :data:`casebook.models.transfer.DEFAULT_BUDGET`).
    horizon : int, optional
        Quarters to simulate (default :data:`casebook.models.transfer.HORIZON`).

    Returns
    -------
    ipywidgets.VBox
        ``controls``: ``vignette``, ``meetings``, ``visits``, ``rotations``,
        ``liaison``, ``planning`` and the six factors; ``outputs``: ``figure`` and ``summary``.
        A plan over budget is not drawn: the summary says by how much.
    """
    import ipywidgets as w

    from casebook.models import transfer as t
    from casebook.plotting.transfer import draw_transfer
    from casebook.widgets import LiveFigure, panel

    budget = t.DEFAULT_BUDGET if budget is None else budget
    horizon = t.HORIZON if horizon is None else horizon
    if vignette not in t.VIGNETTES:
        raise ValueError(f"unknown vignette {vignette!r}; expected one of {list(t.VIGNETTES)}")

    def ctl(name, widget):
        widget.add_class(f"cb-control-{name}")
        return widget

    controls = {"vignette": ctl("vignette", w.Dropdown(
        options=[(v.title, k) for k, v in t.VIGNETTES.items()], value=vignette, description="vignette"))}
    maxima = {"meetings": 12, "visits": 12, "rotations": 4, "liaison": 3, "planning": 3}
    start = {"meetings": 2, "visits": 2, "rotations": 0, "liaison": 0, "planning": 0}
    for lever, process in t.LEVERS.items():
        controls[lever] = ctl(lever, w.IntSlider(
            value=start[lever], min=0, max=maxima[lever],
            description=f"{lever} ({t.COST[lever]:g} pt)", tooltip=process.replace("_", " "),
            style={"description_width": "9em"}))
    for name, label in _FACTOR_LABELS.items():
        controls[name] = ctl(name, w.FloatSlider(value=0.5, min=0, max=1, step=0.05, description=label,
                                                 style={"description_width": "9em"}))

    live = LiveFigure(size=(8.0, 4.0), css_class="cb-transfer-figure")
    v0 = t.VIGNETTES[vignette]
    picture = draw_transfer(t.simulate(None, None, vignette, horizon), ax=live.ax, pool=(v0.explicit, v0.tacit))
    fast = Blitter(live, picture.artists)
    story = w.HTML()
    summary = w.HTML()
    summary.add_class("cb-output-summary")

    def update(_=None):
        v = t.VIGNETTES[controls["vignette"].value]
        story.value = (f"<p><b>{html.escape(v.title)}.</b> {html.escape(v.story)} "
                       f"<i>({html.escape(v.source)})</i></p>")
        units = {p: controls[p].value for p in t.LEVERS}
        cost = sum(t.COST[p] * n for p, n in units.items())
        if cost > budget:
            summary.value = (f"<p class='cb-warning'><b>Over budget:</b> this plan costs {cost:g} of "
                             f"{budget:g} points. Trim it by {cost - budget:g} to see its effect.</p>")
            return
        plan = t.LearningPlan(**units, budget=budget)
        factors = t.Factors(**{n: controls[n].value for n in _FACTOR_LABELS})
        out = t.simulate(plan, factors, controls["vignette"].value, horizon)
        fast.show(picture, out, pool=(v.explicit, v.tacit))
        e, ta = out["explicit"].iloc[-1], out["tacit"].iloc[-1]
        summary.value = (
            f"<p>Plan cost: {cost:g} of {budget:g} points. Parent uptake per quarter: "
            f"{t.uptake(factors):.2f}. After {horizon} quarters the parent holds "
            f"<b>{e / v.explicit:.0%}</b> of the explicit and <b>{ta / v.tacit:.0%}</b> of the "
            f"tacit knowledge in this JV.</p>")

    for c in controls.values():
        c.observe(update, names="value")
    update()

    levers = w.VBox([controls[p] for p in t.LEVERS])
    factors_box = w.VBox([controls[n] for n in _FACTOR_LABELS])
    box = panel([controls["vignette"], story, w.HBox([levers, factors_box]), live.image, summary],
                "cb-learning-plan", title="Learning-plan builder (the casebook's own model)")
    box.controls = controls
    box.outputs = {"figure": live, "summary": summary, "story": story}
    box.refresh = fast.refresh
    box.picture = picture
    box.book_controls = ("vignette", "rotations")  # live in the static book (casebook.widgets.frames)
    return box
