"""Chapter 09's phase explorer: pick a phase and a learning dimension.

The panel shows what partners should be learning in that cell of Serrat's
Table 2 (after Iyer 2002), the phase's place on the unilateral-to-mutual
shift, and the four factors that condition progress, each with the chapter
03 objective it maps to. Given a diagnostic profile, factors whose objectives
score low are flagged. The figure is drawn once; a choice only moves two
highlight frames (blitted).

Examples
--------
>>> box = build_phase_explorer()
>>> box.controls["phase"].value = "expansion"
>>> box.controls["dimension"].value = "goals"
>>> "Learning to set goals for the alliance itself." in box.outputs["summary"].value
True
"""

from __future__ import annotations

import html

__all__ = ["build_phase_explorer", "explorer_html"]

#: Objectives scoring at or below this flag their factors (the casebook's own threshold).
WEAK = 2.5


def _tag(control, name):
    control.add_class(f"cb-control-{name}")
    return control


def explorer_html(phase, dimension, profile=None, table=None) -> str:
    """The explorer's text for one phase and dimension (everything from data escaped).

    Examples
    --------
    >>> "Tacitness of knowledge" in explorer_html("exploration", "skills")
    True
    """
    from casebook.models import diagnostic as d
    from casebook.models.phases import factors_for, load_phases, mutual_share, what_to_learn

    t = table or load_phases()
    p, dim = t.phase(phase), t.dimension(dimension)
    cell = what_to_learn(p.key, dim.key, t)
    e = html.escape
    rows = []
    for f in factors_for(p.key, t):
        objs = ", ".join(f"{d.objective(o).number}. {d.objective(o).title}" for o in f.objectives)
        flag = ""
        if profile is not None:
            low = [o for o in f.objectives if profile[o] <= WEAK]
            if low:
                flag = (" <strong style='color:#c35600'>watch: "
                        + e(", ".join(f"{o} scores {profile[o]:.1f}" for o in low)) + "</strong>")
        rows.append(f"<li><strong>{e(f.name)}</strong>: {e(f.meaning)} <br><small>Chapter 03 link: {e(objs)} "
                    f"(the casebook's mapping; {e(f.why)})</small>{flag}</li>")
    return (
        f"<h4>{p.number}. {e(p.name)}: {e(dim.name)}</h4>"
        f"<p><em>{e(p.meaning)}</em></p>"
        f"<p><strong>What to learn:</strong> {e(cell.text)}<br><small>Source: {e(str(cell.source))}</small></p>"
        f"<p><strong>Learning mode:</strong> {e(p.mode_label)} (mutual share {mutual_share(p.key, t):.2f}, "
        "the casebook's own scale)</p>"
        f"<p><strong>Factors that condition progress</strong> (all four, in every phase; Serrat 2009, Table 2, note):</p>"
        f"<ul>{''.join(rows)}</ul>"
    )


def build_phase_explorer(phase="exploration", dimension: str = "skills", profile=None):
    """Build the phase explorer.

    Parameters
    ----------
    phase : str or int
        Phase shown first.
    dimension : str
        Dimension shown first.
    profile : casebook.models.diagnostic.Profile or str, optional
        A profile (or a case id) whose weak objectives flag factors.

    Returns
    -------
    ipywidgets.VBox
        ``controls``: ``phase``, ``dimension``; ``outputs``: ``figure``
        (LiveFigure), ``summary`` (HTML); ``frames``: the cell and
        mode-bar highlight rectangles.
    """
    import ipywidgets as w

    from casebook.models import diagnostic as d
    from casebook.models.phases import load_phases, shift_table
    from casebook.plotting.phases import draw_phase_table
    from casebook.widgets import Blitter, LiveFigure, panel

    t = load_phases()
    if isinstance(profile, str):
        profile = d.case_profile(profile)
    shift = shift_table(t)
    live = LiveFigure(size=(8.0, 4.6), css_class="cb-phase-figure")
    picture = draw_phase_table(shift, [x.name for x in t.dimensions], ax=live.ax)
    fast = Blitter(live, picture.artists)

    phase_dd = _tag(w.Dropdown(options=[(f"{p.number}. {p.name}", p.key) for p in t.phases],
                               value=t.phase(phase).key, description="Phase"), "phase")
    dim_dd = _tag(w.Dropdown(options=[(x.name, x.key) for x in t.dimensions], value=t.dimension(dimension).key,
                             description="Dimension"), "dimension")
    summary = w.HTML()
    summary.add_class("cb-output-summary")
    col = {p.key: p.number - 1 for p in t.phases}
    row = {x.key: i for i, x in enumerate(t.dimensions)}

    def update(_=None):
        summary.value = explorer_html(phase_dd.value, dim_dd.value, profile, t)
        fast.show(picture, highlight=(col[phase_dd.value], row[dim_dd.value]))

    phase_dd.observe(update, names="value")
    dim_dd.observe(update, names="value")
    update()
    side = w.VBox([phase_dd, dim_dd, summary], layout=w.Layout(width="45%"))
    box = panel([w.HBox([live.image, side])], "cb-phase-explorer", title="Phase explorer")
    box.controls = {"phase": phase_dd, "dimension": dim_dd}
    box.outputs = {"figure": live, "summary": summary}
    box.frames = picture.parts["frames"]
    box.picture = picture
    box.book_controls = ("phase", "dimension")  # live in the static book (casebook.widgets.frames)
    return box
