"""Case widgets: a case explorer and a cross-case comparison grid.

Both read the cases folder through :mod:`casebook.cases`, so a new valid case
dropped into ``cases/`` shows up in them without any code change. Builders
return the widget and never display it.

Examples
--------
>>> from casebook.paths import repo_root
>>> box = build_case_explorer(root=repo_root() / "tests" / "cases_fixture")
>>> box.controls["case"].value
'fixture_jv'
>>> "Alder Motors" in box.outputs["summary"].value
True
>>> grid = build_comparison_grid(root=repo_root() / "tests" / "cases_fixture")
>>> grid.controls["dimension"].value = "tacitness"
>>> "very high" in grid.outputs["evidence"].value
True
"""

from __future__ import annotations

from html import escape

__all__ = ["build_case_explorer", "build_comparison_grid", "case_summary_html"]


def _tag(control, name):
    control.add_class(f"cb-control-{name}")
    return control


def _level_text(level: str) -> str:
    from casebook.cases import level_label

    return level_label(level)


def case_summary_html(case) -> str:
    """Synopsis, parties, timeline and assessment of a case as escaped HTML.

    Examples
    --------
    >>> from casebook.cases import load_case
    >>> from casebook.paths import repo_root
    >>> html = case_summary_html(load_case("fixture_jv", repo_root() / "tests" / "cases_fixture"))
    >>> html.count("<tr>") > 10
    True
    """
    from casebook.cases import DIMENSIONS, format_source

    e = escape
    dates = case.dates.label()
    out = [
        f"<h3>{e(case.title)}</h3>",
        f"<p><em>{e(case.kind.replace('_', ' '))}; {e(case.industry)}; {e(dates)}</em></p>",
        f"<p>{e(case.synopsis)}</p>",
        "<h4>Parties</h4><table class='cb-table'><tr><th>Name</th><th>Country</th><th>Role</th></tr>",
    ]
    for p in case.parties:
        name = e(p.name) + (" <small>(disguised)</small>" if p.disguised else "")
        out.append(f"<tr><td>{name}</td><td>{e(p.country)}</td><td>{e(p.role)}</td></tr>")
    out.append("</table>")
    if case.ownership or case.governance:
        out.append("<p>" + " ".join(e(x) for x in (case.ownership, case.governance) if x) + "</p>")
    out.append("<h4>Timeline</h4><table class='cb-table'>")
    for t in sorted(case.timeline, key=lambda t: t.year):
        out.append(f"<tr><td>{t.year}</td><td>{e(t.event)} <small>({e(format_source(t.source))})</small></td></tr>")
    out.append("</table>")
    if case.assessment is not None:
        a = case.assessment
        out.append(f"<h4>Assessment (Inkpen 1998), from {e(a.perspective)}'s side</h4>"
                   "<table class='cb-table'><tr><th>Dimension</th><th>Level</th><th>Evidence</th></tr>")
        for dim, label in DIMENSIONS.items():
            r = getattr(a, dim)
            out.append(f"<tr><td>{e(label)}</td><td>{e(_level_text(r.level))}</td>"
                       f"<td>{e(r.evidence)} <small>({e(format_source(r.source))})</small></td></tr>")
        out.append("</table>")
    else:
        out.append("<p><em>No assessment on Inkpen's dimensions for this kind of case.</em></p>")
    return "".join(out)


def _exhibit_html(case, exhibit_id) -> str:
    from casebook.cases import format_source

    if exhibit_id is None:
        return "<p><em>This case has no exhibits.</em></p>"
    meta = case.exhibit_meta(exhibit_id)
    df = case.exhibit(exhibit_id)
    cols = "".join(f"<li><code>{escape(c.name)}</code>: {escape(c.meaning)}"
                   + (f" ({escape(c.unit)})" if c.unit else "") + "</li>" for c in meta.columns)
    return (f"<h4>{escape(meta.title)}</h4><p><small>Source: {escape(format_source(meta.source))}</small></p>"
            + df.to_html(index=False, escape=True, border=0, classes="cb-table")
            + f"<ul>{cols}</ul>")


def build_case_explorer(case_id: str | None = None, root=None, prerender: bool = True):
    """Pick a case: its synopsis, parties, timeline, assessment and exhibits as charts.

    Exhibits are fixed data, so each chart is rendered once and its PNG kept:
    going back to an exhibit redraws the axes (cheap) but not the pixels. A
    first render of a chart with a dozen labels costs 60-90 ms here, over the
    30 ms a control should take, so by default every exhibit is rendered
    while the widget is built (about 0.5 s for the casebook's seven exhibits)
    and every later switch costs about 15 ms.

    Parameters
    ----------
    case_id : str, optional
        The case shown first (default: the first case in alphabetical order).
    root : path, optional
        The cases folder (default: the casebook's).
    prerender : bool
        Render every exhibit's chart while building (default). With False,
        each chart is rendered the first time it is shown.

    Returns
    -------
    ipywidgets.VBox
        With ``controls`` ``{"case", "exhibit"}`` and ``outputs``
        ``{"summary", "exhibit_table", "figure"}``.

    Raises
    ------
    ValueError
        If ``case_id`` is not a valid case in the folder.
    """
    import ipywidgets as w

    from casebook.cases import load_all
    from casebook.plotting.cases import draw_exhibit, draw_note
    from casebook.widgets import LiveFigure, panel

    cases = load_all(root)
    if case_id is not None and case_id not in cases:
        raise ValueError(f"build_case_explorer: no valid case {case_id!r} (cases: {', '.join(cases) or 'none'})")
    ids = list(cases)
    case_dd = _tag(w.Dropdown(options=[(f"{c.title}", i) for i, c in cases.items()],
                              value=case_id or (ids[0] if ids else None), description="Case"), "case")
    case_dd.layout = w.Layout(width="95%")
    ex_dd = _tag(w.Dropdown(options=[], description="Exhibit"), "exhibit")
    summary = w.HTML()
    summary.add_class("cb-case-summary")
    table = w.HTML()
    table.add_class("cb-exhibit-table")
    WIDTH, HEIGHT = 7.5, 3.8
    live = LiveFigure(size=(WIDTH, HEIGHT), css_class="cb-exhibit-figure")

    rendered = {}  # (case id, exhibit id) or "no exhibit" -> PNG bytes

    def plot(case_id, exhibit_id):
        """Draw one exhibit (or a placeholder) on the axes; return the table's HTML."""
        case = cases.get(case_id)
        # Exhibits differ in shape: the axes are reused (cleared by the drawing), the figure is never rebuilt.
        live.fig.set_size_inches(WIDTH, HEIGHT)
        if case is None or exhibit_id is None:
            draw_note("no exhibit", ax=live.ax)
            return _exhibit_html(case, None) if case is not None else ""
        meta = case.exhibit_meta(exhibit_id)
        try:
            picture = draw_exhibit(case.exhibit(exhibit_id), ax=live.ax, title=meta.title, clear=True,
                                   units={c.name: c.unit for c in meta.columns if c.unit})
            # A table with many or long row labels gets a taller picture, never squeezed labels.
            live.fig.set_size_inches(WIDTH, max(HEIGHT, 1.8 + 0.27 * picture.ax.cb_label_lines))
        except ValueError:
            draw_note("a table of text: see below", ax=live.ax)
        return _exhibit_html(case, exhibit_id)

    def show_exhibit(*_):
        # The axes always hold what is shown (code reading live.ax sees it);
        # only the pixels come from the cache when this exhibit was drawn before.
        table.value = plot(case_dd.value, ex_dd.value)
        key = (case_dd.value, ex_dd.value) if ex_dd.value is not None else "no exhibit"  # one placeholder
        if key in rendered:
            live.push(rendered[key], full=False)
        else:
            rendered[key] = live.png()
            live.push(rendered[key])

    def show_case(*_):
        case = cases.get(case_dd.value)
        if case is None:
            summary.value = "<p><em>No valid case in the cases folder.</em></p>"
            ex_dd.options = []
        else:
            summary.value = case_summary_html(case)
            ex_dd.unobserve(show_exhibit, names="value")  # one redraw per case, not two
            try:
                ex_dd.options = [(e.title, e.id) for e in case.exhibits]
                ex_dd.value = case.exhibits[0].id if case.exhibits else None
            finally:
                ex_dd.observe(show_exhibit, names="value")
        show_exhibit()

    ex_dd.observe(show_exhibit, names="value")
    case_dd.observe(show_case, names="value")
    if prerender:
        for cid, case in cases.items():
            for ex in case.exhibits:
                plot(cid, ex.id)
                rendered[(cid, ex.id)] = live.png()
        plot(None, None)
        rendered["no exhibit"] = live.png()
    show_case()
    box = panel([case_dd, summary, ex_dd, live.image, table], "cb-case-explorer", title="Case explorer")
    box.controls = {"case": case_dd, "exhibit": ex_dd}
    box.outputs = {"summary": summary, "exhibit_table": table, "figure": live}
    box.book_controls = ("case",)  # live in the static book (casebook.widgets.frames)
    return box


def build_comparison_grid(root=None, cases=None):
    """Cases x Inkpen dimensions as a heatmap; the chosen cell's evidence beside it.

    The heatmap is drawn once per data set; choosing a case and a dimension
    moves a highlight frame and rewrites the evidence.

    Parameters
    ----------
    root : path, optional
        The cases folder (default: the casebook's).
    cases : iterable of Case, optional
        Use these cases instead of reading the folder.

    Returns
    -------
    ipywidgets.VBox
        With ``controls`` ``{"case", "dimension"}``, ``outputs``
        ``{"figure", "evidence", "table"}`` (``table`` is the tidy DataFrame)
        and ``highlight`` (the frame, a matplotlib Rectangle).
    """
    import ipywidgets as w

    from casebook.cases import DIMENSIONS, comparison_table
    from casebook.plotting.cases import draw_assessment_heatmap, draw_note
    from casebook.plotting.picture import Picture
    from casebook.widgets import Blitter, LiveFigure, panel

    table = comparison_table(cases=cases, root=root)
    ids = list(dict.fromkeys(table["case"]))
    titles = dict(zip(table["case"], table["title"]))
    live = LiveFigure(size=(8.0, 0.45 * max(len(ids), 2) + 2.4), css_class="cb-comparison-figure")
    evidence = w.HTML()
    evidence.add_class("cb-comparison-evidence")
    case_dd = _tag(w.Dropdown(options=[(titles[i], i) for i in ids], value=ids[0] if ids else None,
                              description="Case"), "case")
    dim_dd = _tag(w.Dropdown(options=[(v, k) for k, v in DIMENSIONS.items()], value="value",
                             description="Dimension"), "dimension")
    if ids:
        picture = draw_assessment_heatmap(table, ax=live.ax)
    else:
        picture = draw_note("no case with an assessment", ax=live.ax)
        picture = Picture(picture.ax, [], lambda highlight=None: [], {"frame": None})
    index = {(r.case, r.dimension): r for r in table.itertuples(index=False)}

    def update(*_):
        row = index.get((case_dd.value, dim_dd.value))
        if row is None:
            evidence.value = "<p><em>No assessment to show.</em></p>"
        else:
            evidence.value = (
                f"<h4>{escape(row.title)}</h4>"
                f"<p><strong>{escape(row.label)}</strong>, from {escape(row.perspective)}'s side: "
                f"<strong>{escape(_level_text(row.level))}</strong> ({row.score} of 5)</p>"
                f"<p>{escape(row.evidence)}</p><p><small>Source: {escape(row.source)}</small></p>")
        fast.show(picture, highlight=None if row is None else (row.case, row.dimension))

    # The heatmap never changes: it is drawn once as the background, and a
    # change repaints only the highlight frame over it.
    fast = Blitter(live, picture.artists)
    case_dd.observe(update, names="value")
    dim_dd.observe(update, names="value")
    update()
    side = w.VBox([case_dd, dim_dd, evidence], layout=w.Layout(width="40%"))
    box = panel([w.HBox([live.image, side])], "cb-comparison-grid", title="Cases on Inkpen's dimensions")
    box.controls = {"case": case_dd, "dimension": dim_dd}
    box.outputs = {"figure": live, "evidence": evidence, "table": table}
    box.highlight = picture.parts["frame"]
    box.picture = picture
    box.book_controls = ("dimension", "case")  # live in the static book (casebook.widgets.frames)
    return box
