"""The chapter 05 learning-race panel: two partners' controls, a live chart.

The chart has three panels (knowledge, dependence, bargaining power over
time); a dashed line marks the moment the venture becomes unstable. The
lines are created once and moved on every change (``set_data``), so a
slider tick re-renders without rebuilding the figure.

Examples
--------
>>> box = build_learning_race()
>>> before = box.outputs["summary"].value
>>> box.controls["b_protectiveness"].value = 0.9
>>> box.outputs["summary"].value != before
True
>>> box.controls["a_intent"].value = 0.0; box.controls["b_intent"].value = 0.0
>>> "stays stable" in box.outputs["summary"].value
True
"""

from __future__ import annotations

import html
from dataclasses import replace

__all__ = ["build_learning_race"]

_PARTNER_FIELDS = (
    ("intent", "intent"),
    ("tacitness", "tacitness sought"),
    ("protectiveness", "protects own"),
    ("relatedness", "relatedness"),
    ("cultural_alignment", "culture fit"),
    ("connections", "connections"),
    ("private_share", "private share"),
)
_RACE_FIELDS = (
    ("reciprocity", "reciprocity", 0.0, 1.0, 0.05),
    ("trust_relief", "trust relief", 0.0, 1.0, 0.05),
    ("threshold", "threshold d*", 0.05, 0.95, 0.05),
)


def _slider(name: str, label: str, value: float, lo=0.0, hi=1.0, step=0.05):
    import ipywidgets as w

    s = w.FloatSlider(value=value, min=lo, max=hi, step=step, description=label,
                      continuous_update=True, readout_format=".2f",
                      style={"description_width": "8.5em"}, layout=w.Layout(width="95%"))
    s.add_class(f"cb-control-{name.replace('_', '-')}")
    return s


def build_learning_race(scenario: str | None = "nummi", years: float = 25.0, dt: float = 0.05):
    """Build the interactive learning race.

    Parameters
    ----------
    scenario : {"nummi", "alpha_hito", "protective_partner"} or None
        Calibration to start from (None: :class:`casebook.models.races.LearningRace`'s defaults).
    years, dt : float
        Horizon and time step of the simulation.

    Returns
    -------
    ipywidgets.VBox
        ``controls``: ``scenario`` (Dropdown), ``a_<field>`` and ``b_<field>``
        for intent, tacitness, protectiveness, relatedness,
        cultural_alignment, connections and private_share (at most 0.95), plus ``reciprocity``,
        ``trust_relief`` and ``threshold`` (FloatSliders); ``outputs``:
        ``figure`` (LiveFigure), ``summary`` (HTML); ``race()`` returns the
        race currently shown.
    """
    import ipywidgets as w

    from casebook.models import races as model
    from casebook.theme import PALETTE, TEXT_PALETTE
    from casebook.plotting.races import draw_race_panels
    from casebook.widgets.figure import Blitter, LiveFigure, panel

    start = model.scenario(scenario) if scenario else model.LearningRace()
    state = {"race": start}

    dropdown = w.Dropdown(options=[("(defaults)", "")] + [(s, s) for s in model.SCENARIOS],
                          value=scenario or "", description="scenario")
    dropdown.add_class("cb-control-scenario")
    controls = {"scenario": dropdown}
    columns = []
    for key, partner in (("a", start.a), ("b", start.b)):
        head = w.HTML()
        kids = [head]
        for fld, label in _PARTNER_FIELDS:
            s = _slider(f"{key}_{fld}", label, getattr(partner, fld),
                        hi=0.95 if fld == "private_share" else 1.0)
            controls[f"{key}_{fld}"] = s
            kids.append(s)
        col = w.VBox(kids, layout=w.Layout(width="50%"))
        col.head = head
        columns.append(col)
    shared = []
    for fld, label, lo, hi, step in _RACE_FIELDS:
        s = _slider(fld, label, getattr(start, fld), lo, hi, step)
        s.layout.width = "33%"
        controls[fld] = s
        shared.append(s)

    live = LiveFigure(ncols=3, size=(10.5, 3.4), css_class="cb-race-figure")
    picture = draw_race_panels(start.simulate(years=years, dt=dt), axes=live.axes,
                               instability=start.instability_time(), threshold=start.threshold, years=years)
    summary = w.HTML()
    summary.add_class("cb-race-summary")

    # Blitting (casebook.widgets.figure.Blitter): the axes, ticks and labels are
    # drawn once into a background; a change draws only the picture's moving
    # artists (lines, threshold, instability marks, and the legend, whose text
    # follows the scenario's partner names).
    fast = Blitter(live, picture.artists)

    def current_race():
        kw = {}
        for key, base in (("a", state["race"].a), ("b", state["race"].b)):
            kw[key] = replace(base, **{fld: controls[f"{key}_{fld}"].value for fld, _ in _PARTNER_FIELDS})
        for fld, *_ in _RACE_FIELDS:
            kw[fld] = controls[fld].value
        return replace(state["race"], **kw)

    def redraw(*_):
        race = current_race()
        df = race.simulate(years=years, dt=dt)
        names = [race.a.name, race.b.name]
        for i, name in enumerate(names):
            columns[i].head.value = f"<b style='color:{TEXT_PALETTE[i]}'>{html.escape(name)}</b>"
        inst = race.instability()
        rates = race.rates()
        rate_txt = ", ".join(f"{html.escape(n)} {r:.3f}/yr" for n, r in rates.items())
        if inst["time"] is None or inst["time"] > years:
            when = "never" if inst["time"] is None else f"only after {inst['time']:.1f} years"
            text = (f"The venture <b>stays stable</b> over {years:g} years: no partner's dependence "
                    f"falls below {race.threshold:.2f} (independence {when}). Learning rates: {rate_txt}.")
        else:
            tt = inst["time"]
            year = f" (about {inst['calendar_year']:.0f})" if "calendar_year" in inst else ""
            text = (f"<b>{html.escape(inst['leader'])}</b> stops needing the venture after "
                    f"<b>{tt:.1f} years</b>{year}. {html.escape(inst['laggard'])} still depends on it "
                    f"({inst['laggard_dependence']:.2f}) and holds {inst['laggard_power']:.0%} of the "
                    f"bargaining power. Learning rates: {rate_txt}.")
        summary.value = text
        fast.show(picture, df, instability=inst["time"], threshold=race.threshold)
        state["shown"] = race

    def load_scenario(change):
        name = change["new"]
        state["race"] = model.scenario(name) if name else model.LearningRace()
        race = state["race"]
        # Move every slider without redrawing on each, then draw once.
        for key, partner in (("a", race.a), ("b", race.b)):
            for fld, _ in _PARTNER_FIELDS:
                s = controls[f"{key}_{fld}"]
                s.unobserve(redraw, names="value")
                s.value = getattr(partner, fld)
                s.observe(redraw, names="value")
        for fld, *_ in _RACE_FIELDS:
            s = controls[fld]
            s.unobserve(redraw, names="value")
            s.value = getattr(race, fld)
            s.observe(redraw, names="value")
        redraw()

    for name, c in controls.items():
        if name == "scenario":
            c.observe(load_scenario, names="value")
        else:
            c.observe(redraw, names="value")
    redraw()

    box = panel([dropdown, w.HBox(columns), w.HBox(shared, layout=w.Layout(width="100%")),
                 live.image, summary], "cb-learning-race", title="A race to learn")
    box.controls = controls
    box.outputs = {"figure": live, "summary": summary}
    box.race = lambda: state["shown"]
    box.picture = picture
    box.book_controls = ("a_intent", "b_intent")  # live in the static book (casebook.widgets.frames)
    box.book_labels = {"a_intent": f"{start.a.name}: intent", "b_intent": f"{start.b.name}: intent"}
    return box
