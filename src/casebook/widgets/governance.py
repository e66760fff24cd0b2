"""Widget for chapter 02: the governance chooser.

Examples
--------
>>> box = build_chooser()
>>> box.controls["coordination"].value = "complex"
>>> box.controls["knowledge"].value = "architectural"
>>> "Equity joint venture" in box.outputs["summary"].value
True
"""

from __future__ import annotations

import html

__all__ = ["build_chooser"]

_DESCRIPTIONS = {
    "speed": "How fast?",
    "budget": "Budget",
    "knowledge": "Knowledge",
    "coordination": "Coordination",
    "keep_separate": "Keep apart?",
    "fear_of_leakage": "Leak fear",
    "capability": "Own base",
}


def _summary_html(rec) -> str:
    from casebook.models.governance import ROUTE_LABELS

    if rec.best is None:  # a tie is reported as a tie, never broken by list order
        names = " and ".join(f"<b>{html.escape(ROUTE_LABELS[r])}</b>" for r in rec.leaders)
        parts = [f"<p>A tie: the readings' arguments score {names} equally. Which weighs more here "
                 "is your judgement.</p>"] + [rec.explain_html(r) for r in rec.leaders]
        runner = next((r for r in rec.ranking if r not in rec.leaders and rec.feasible[r]), None)
    else:
        best = html.escape(ROUTE_LABELS[rec.best])
        parts = [f"<p>The readings' arguments favour <b>{best}</b>.</p>", rec.explain_html(rec.best)]
        runner = rec.ranking[1]
    if runner is not None:
        parts.append("<details><summary>Why not " + html.escape(ROUTE_LABELS[runner]) + "?</summary>"
                     + rec.explain_html(runner) + "</details>")
    out = [r for r in rec.ranking if not rec.feasible[r]]
    for r in out:
        parts.append("<details><summary>Ruled out: " + html.escape(ROUTE_LABELS[r]) + "</summary>"
                     + rec.explain_html(r) + "</details>")
    return "".join(parts)


def build_chooser(**situation):
    """Describe a situation; see which route the readings favour, and why.

    Parameters
    ----------
    **situation
        Starting values for :class:`casebook.models.governance.Situation`.

    Returns
    -------
    ipywidgets.VBox
        ``controls``: one ToggleButtons per field of the situation;
        ``outputs``: ``figure`` (LiveFigure of route scores), ``summary`` (HTML
        with every reason and its citation).
    """
    import ipywidgets as w

    from casebook.models.governance import OPTIONS, Situation, choose
    from casebook.plotting.governance import draw_route_scores
    from casebook.widgets import LiveFigure, panel
    from casebook.widgets.figure import Blitter

    start = Situation(**situation)
    controls = {}
    for name, options in OPTIONS.items():
        t = w.ToggleButtons(options=list(options), value=getattr(start, name),
                            description=_DESCRIPTIONS[name], style={"button_width": "7em"})
        t.add_class(f"cb-control-{name}")
        controls[name] = t

    def current():
        return choose(Situation(**{k: c.value for k, c in controls.items()}))

    live = LiveFigure(size=(6.5, 3.0), css_class="cb-chooser-figure")
    picture = draw_route_scores(current(), ax=live.ax)
    summary = w.HTML(_summary_html(current()))
    fast = Blitter(live, picture.artists)  # axes drawn once; only the bars are redrawn

    def update(_=None):
        rec = current()
        summary.value = _summary_html(rec)
        fast.show(picture, rec)

    for c in controls.values():
        c.observe(update, names="value")
    fast.refresh()
    box = panel([*controls.values(), live.image, summary], "cb-chooser",
                title="Governance chooser: build, buy, acquire or ally?")
    box.controls = controls
    box.outputs = {"figure": live, "summary": summary}
    box.picture = picture
    box.book_controls = ("knowledge", "speed")  # live in the static book (casebook.widgets.frames)
    return box
