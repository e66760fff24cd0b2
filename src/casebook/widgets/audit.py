"""Chapter 09's alliance learning audit as a panel.

Start from a case's assessment or from the answers saved in chapter 03,
adjust the six objective scores, name the phase, and read the plan; the
urgency bars move in place (blitted). "Write report" saves the one-page
report (Markdown or HTML, everything typed escaped) in the student's
casebook folder, outside the repository.

Examples
--------
>>> import tempfile
>>> box = build_audit(home=tempfile.mkdtemp())
>>> box.controls["score_culture"].value = 1.0
>>> box.outputs["plan"].value.count("Align the cultures") >= 1
True
"""

from __future__ import annotations

import html

__all__ = ["build_audit", "plan_html"]

_SAVED = "__saved__"


def _tag(control, name):
    control.add_class(f"cb-control-{name}")
    return control


def plan_html(result) -> str:
    """The current and next phase of an audit as HTML (all text escaped).

    Examples
    --------
    >>> from casebook.models.audit import audit
    >>> "<script>" in plan_html(audit("nummi", 1, alliance="<script>"))
    False
    """
    e = html.escape
    out = [f"<p><strong>{e(result.alliance or 'Your alliance')}</strong>: weakest objectives "
           + e(", ".join(result.weakest)) + "</p>"]
    for s in result.plan:
        if s.status not in ("now", "next"):
            continue
        out.append(f"<h4>{s.number}. {e(s.name)} ({e(s.status)}; {e(s.mode_label)})</h4><ol>")
        out += [f"<li><strong>{e(p.name)}</strong> ({p.urgency:.2f}): {e(p.text)}</li>" for p in s.priorities[:3]]
        out.append("</ol><ul>")
        for a in s.actions:
            if s.status == "now":
                out.append(f"<li>Act on <em>{e(a.title)}</em> ({a.score:.2f}): {e(a.advice)} "
                           f"<small>Watch: {e(', '.join(a.factors))}. ({e(a.advice_source)})</small></li>")
            else:
                out.append(f"<li>Keep at <em>{e(a.title)}</em>: {e(' '.join(a.in_phase))}</li>")
        out.append("</ul>")
    return "".join(out)


def build_audit(start: str = "nummi", phase="exploration", k: int = 2, student: str | None = None, home=None):
    """Build the audit panel.

    Parameters
    ----------
    start : str
        A case id whose assessment fills the scores first, or ``"__saved__"``
        for the answers saved in chapter 03.
    phase : str or int
        The phase shown first.
    k : int
        How many weakest objectives to act on.
    student, home : optional
        Whose saved answers, and where reports are written (tests use a
        throw-away ``home``; default: the casebook's user folder).

    Returns
    -------
    ipywidgets.VBox
        ``controls``: ``start``, ``phase``, ``k``, ``score_<objective>`` (six
        sliders), ``alliance``, ``partner``, ``notes``, ``format``, ``write``;
        ``outputs``: ``figure`` (LiveFigure), ``plan`` (HTML), ``report``
        (HTML message), and ``box.result()`` gives the current Audit.
    """
    from pathlib import Path

    import ipywidgets as w

    from casebook.models import audit as A
    from casebook.models import diagnostic as d
    from casebook.classroom.answers import sanitize_name
    from casebook.cases import list_cases, load_case
    from casebook.paths import user_home
    from casebook.models.phases import load_phases
    from casebook.plotting.phases import draw_urgency
    from casebook.widgets import Blitter, LiveFigure, panel

    t = load_phases()
    options = [("Answers saved in chapter 03", _SAVED)]
    for cid in list_cases():
        try:
            case = load_case(cid)
        except Exception:  # an invalid case file must not break the chapter
            continue
        if case.assessment is not None:
            options.append((f"Case: {case.title}", cid))
    values = [v for _, v in options]
    start_dd = _tag(w.Dropdown(options=options, value=start if start in values else values[-1],
                               description="Start from"), "start")
    phase_dd = _tag(w.Dropdown(options=[(f"{p.number}. {p.name}", p.key) for p in t.phases],
                               value=t.phase(phase).key, description="Phase"), "phase")
    k_sl = _tag(w.IntSlider(value=k, min=1, max=3, description="Act on"), "k")
    sliders = {o.key: _tag(w.FloatSlider(value=3.0, min=1.0, max=5.0, step=0.25, description=f"{o.number}. {o.key}",
                                         continuous_update=True), f"score-{o.key}") for o in d.OBJECTIVES}
    alliance = _tag(w.Text(description="Alliance", placeholder="name of the alliance"), "alliance")
    partner = _tag(w.Text(description="Partner", placeholder="the partner"), "partner")
    notes = _tag(w.Textarea(description="Notes", placeholder="what you know about it"), "notes")
    fmt = _tag(w.ToggleButtons(options=[("HTML", "html"), ("Markdown", "md")], value="html",
                               description="Format"), "format")
    write = _tag(w.Button(description="Write report", button_style="primary"), "write")
    status = w.HTML()
    status.add_class("cb-output-status")
    plan = w.HTML()
    plan.add_class("cb-output-plan")
    report = w.HTML()
    report.add_class("cb-output-report")

    live = LiveFigure(size=(6.0, 3.2), css_class="cb-audit-figure")
    names = {x.key: x.name for x in t.dimensions}
    picture = draw_urgency({x.key: 0.5 for x in t.dimensions}, names, ax=live.ax)
    fast = Blitter(live, picture.artists)
    state = {"loading": False}

    def profile():
        return d.Profile(alliance.value.strip() or "Your alliance", {o: s.value for o, s in sliders.items()})

    def result():
        return A.audit(profile(), phase_dd.value, alliance=alliance.value, partner=partner.value,
                       notes=notes.value, k=k_sl.value, table=t)

    def update(_=None):
        if state["loading"]:
            return
        try:
            res = result()
        except (ValueError, TypeError, KeyError) as exc:
            plan.value = f"<p style='color:#c35600'>{html.escape(str(exc))}</p>"
            return
        plan.value = plan_html(res)
        fast.show(picture, A.urgencies(res.profile, t))

    def load_start(_=None):
        try:
            if start_dd.value == _SAVED:
                prof = d.score(A.answers_from_store(student=student, home=home))
            else:
                prof = d.case_profile(start_dd.value)
        except (ValueError, KeyError) as exc:
            status.value = f"<p><em>{html.escape(str(exc))}</em></p>"
            return
        status.value = ""
        state["loading"] = True
        try:
            for o, s in sliders.items():
                s.value = float(prof[o])
        finally:
            state["loading"] = False
        update()

    def on_write(_=None):
        try:
            res = result()
            folder = Path(home) if home is not None else user_home()
            name = sanitize_name(res.alliance or "alliance")
            path = A.write_report(res, folder / "reports" / f"audit-{name}.{fmt.value}", fmt.value)
        except (OSError, ValueError, TypeError) as exc:
            report.value = f"<p style='color:#c35600'>Could not write the report: {html.escape(str(exc))}</p>"
            return
        report.value = (f"<p>Report written: <code>{html.escape(str(path))}</code> "
                        "(hand this file to your instructor).</p>")

    for s in sliders.values():
        s.observe(update, names="value")
    for c in (phase_dd, k_sl, alliance):
        c.observe(update, names="value")
    start_dd.observe(load_start, names="value")
    write.on_click(on_write)
    load_start()

    left = w.VBox([start_dd, status, *sliders.values(), phase_dd, k_sl], layout=w.Layout(width="42%"))
    right = w.VBox([live.image, plan], layout=w.Layout(width="58%"))
    box = panel([w.HBox([left, right]), alliance, partner, notes, w.HBox([fmt, write]), report],
                "cb-audit", title="Alliance learning audit")
    box.controls = {"start": start_dd, "phase": phase_dd, "k": k_sl, **{f"score_{o}": s for o, s in sliders.items()},
                    "alliance": alliance, "partner": partner, "notes": notes, "format": fmt, "write": write}
    box.outputs = {"figure": live, "plan": plan, "report": report, "status": status}
    box.result = result
    box.picture = picture
    box.book_controls = ("start", "score_tacitness")  # live in the static book (casebook.widgets.frames)
    return box
