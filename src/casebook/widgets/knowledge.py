"""Widget for chapter 01: knowledge climbing the spiral as connections are switched on.

Examples
--------
>>> box = build_spiral()
>>> sorted(box.controls)
['interactions', 'personnel', 'strategy', 'tacit_share', 'technology_sharing']
>>> box.controls["personnel"].value = 1.0
>>> "reaches the firm" in box.outputs["summary"].value
True
"""

from __future__ import annotations

__all__ = ["build_spiral", "spiral_summary"]

_LABELS = {
    "technology_sharing": "Technology sharing",
    "interactions": "Visits and interactions",
    "personnel": "Personnel movement",
    "strategy": "Linked strategies",
    "tacit_share": "Tacit share",
}


def spiral_summary(result) -> str:
    """One paragraph of HTML describing a spiral result (numbers only, nothing from users).

    Examples
    --------
    >>> from casebook.models.knowledge import spiral
    >>> "<b>0.00</b> reaches the firm (0%)" in spiral_summary(spiral())
    True
    """
    k0 = float(result.total[0])
    firm = float(result.total[-1])
    share = firm / k0 if k0 > 0 else 0.0
    return (
        f"<p>Of <b>{k0:.2f}</b> unit of knowledge brought back by individuals, "
        f"<b>{firm:.2f}</b> reaches the firm ({share:.0%}): {float(result.explicit[-1]):.2f} explicit, "
        f"{float(result.tacit[-1]):.2f} tacit. Each step up keeps {result.survival_explicit:.0%} "
        f"of explicit and {result.survival_tacit:.0%} of tacit knowledge before enrichment.</p>"
    )


def build_spiral(tacit_share: float = 0.5, **model_kw):
    """Sliders for the four knowledge connections and the tacit share; bars move in place.

    Parameters
    ----------
    tacit_share : float, default 0.5
        Starting value of the tacit-share slider.
    **model_kw
        Passed to :func:`casebook.models.knowledge.spiral` (``growth``, ``lambda_explicit``, ...).

    Returns
    -------
    ipywidgets.VBox
        ``controls``: one slider per connection and ``tacit_share``;
        ``outputs``: ``figure`` (LiveFigure) and ``summary`` (HTML).
    """
    import ipywidgets as w

    from casebook.models.knowledge import CHANNELS, spiral
    from casebook.plotting.knowledge import draw_spiral
    from casebook.widgets import LiveFigure, panel
    from casebook.widgets.figure import Blitter

    controls = {}
    for name in (*CHANNELS, "tacit_share"):
        value = tacit_share if name == "tacit_share" else 0.0
        s = w.FloatSlider(value=value, min=0.0, max=1.0, step=0.05, description=_LABELS[name],
                          continuous_update=True, style={"description_width": "12em"},
                          layout=w.Layout(width="28em"))
        s.add_class(f"cb-control-{name}")
        controls[name] = s

    def current():
        return spiral(**{k: c.value for k, c in controls.items()}, **model_kw)

    live = LiveFigure(size=(6, 3.5), css_class="cb-spiral-figure")
    growth = model_kw.get("growth", 1.2)
    picture = draw_spiral(current(), ax=live.ax, ymax=growth ** 2 * 1.05, title="Knowledge at each level")
    summary = w.HTML(spiral_summary(current()))
    fast = Blitter(live, picture.artists)  # draw axes once, then only the bars

    def update(_=None):
        result = current()
        summary.value = spiral_summary(result)
        fast.show(picture, result)

    for c in controls.values():
        c.observe(update, names="value")
    fast.refresh()
    box = panel([*controls.values(), live.image, summary], "cb-spiral",
                title="Knowledge climbing the spiral (the casebook's own model)")
    box.controls = controls
    box.outputs = {"figure": live, "summary": summary}
    box.update = update
    box.picture = picture
    box.book_controls = ("technology_sharing", "tacit_share")  # live in the static book (casebook.widgets.frames)
    return box
