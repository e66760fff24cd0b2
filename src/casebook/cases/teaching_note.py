"""A case's teaching note as Markdown or HTML (``python -m casebook teaching-note``).

Prints the case's teaching note: synopsis, learning objectives, assignment
questions, the case's discussion questions, the 60-, 80- and 90-minute time
plans as tables, the board plan, the casebook's assessment on Inkpen's (1998)
six dimensions (when the case has one), the wrap-up and the dated, sourced
epilogue. Everything taken from the case
file is escaped, in both formats (Markdown renderers pass raw HTML through,
so a ``<script>`` in a case file must not survive into either).

Examples
--------
>>> from casebook.cases import load_case
>>> from casebook.paths import repo_root
>>> case = load_case("fixture_jv", repo_root() / "tests" / "cases_fixture")
>>> md = render_markdown(case)
>>> md.splitlines()[0]
'# Teaching note: Fixture JV: a made-up 50-50 venture for the tests'
>>> "| 1 | 10 | Opening poll |" in md
True
>>> "| Tacitness | very high (5 of 5) |" in md
True
>>> render_html(case).startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

__all__ = ["render_markdown", "render_html"]

def _md(text) -> str:
    """Markdown-safe text: HTML escaped, table pipes escaped, one line."""
    import html

    # quote=False keeps apostrophes readable; < > & are enough to stop markup.
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def _assessment_rows(case):
    """``(perspective, [(label, level text, evidence, source text), ...])``, or None without an assessment."""
    from casebook.cases import DIMENSIONS, format_source, level_label, level_score

    a = case.assessment
    if a is None:
        return None
    rows = []
    for dim, label in DIMENSIONS.items():
        r = getattr(a, dim)
        rows.append((label, f"{level_label(r.level)} ({level_score(r.level)} of 5)", r.evidence, format_source(r.source)))
    return a.perspective, rows


_ASSESSMENT_NOTE = "Levels run from very low (1) to very high (5); high protectiveness and tacitness make learning harder."


def render_markdown(case) -> str:
    """The teaching note of ``case`` as Markdown."""
    from casebook.cases import TIME_PLAN_LENGTHS, format_source

    tn = case.teaching_note
    out = [f"# Teaching note: {_md(case.title)}", ""]
    out += [f"*Case `{_md(case.id)}`; kind: {_md(case.kind)}; industry: {_md(case.industry)}.*", ""]
    out += ["## Synopsis", "", _md(tn.synopsis), ""]
    out += ["## Learning objectives", ""] + [f"{i}. {_md(x)}" for i, x in enumerate(tn.learning_objectives, 1)] + [""]
    out += ["## Assignment questions", ""] + [f"{i}. {_md(x)}" for i, x in enumerate(tn.assignment_questions, 1)] + [""]
    out += ["## Discussion questions", ""] + [f"{i}. {_md(x)}" for i, x in enumerate(case.discussion_questions, 1)]
    out += [""]
    out += ["## Time plans", ""]
    for n in (n for n in TIME_PLAN_LENGTHS if str(n) in tn.time_plans):
        out += [f"### {n}-minute session", "", "| # | Minutes | Activity |", "|---:|---:|:---|"]
        clock = 0
        for i, slot in enumerate(tn.time_plans[str(n)], 1):
            out.append(f"| {i} | {slot.minutes} | {_md(slot.activity)} |")
            clock += slot.minutes
        out += [f"| | **{clock}** | total |", ""]
    out += ["## Board plan", ""] + [f"- {_md(x)}" for x in tn.board_plan] + [""]
    assessment = _assessment_rows(case)
    if assessment is not None:
        perspective, rows = assessment
        out += ["## Assessment", "", f"*Inkpen (1998), six dimensions; perspective: {_md(perspective)}. {_ASSESSMENT_NOTE}*",
                "", "| Dimension | Level | Evidence | Source |", "|:---|:---|:---|:---|"]
        out += [f"| {_md(label)} | {_md(level)} | {_md(ev)} | {_md(src)} |" for label, level, ev, src in rows] + [""]
    out += ["## Wrap-up", "", _md(tn.wrap_up), ""]
    out += ["## Epilogue", ""] + [f"- **{e.year}**: {_md(e.event)} ({_md(format_source(e.source))})" for e in tn.epilogue]
    return "\n".join(out) + "\n"


def render_html(case) -> str:
    """The teaching note of ``case`` as a standalone HTML page (all case text escaped)."""
    from casebook.cases import TIME_PLAN_LENGTHS, escape, format_source

    tn = case.teaching_note
    e = escape

    def items(tag, xs):
        return f"<{tag}>" + "".join(f"<li>{e(x)}</li>" for x in xs) + f"</{tag}>"

    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Teaching note: {e(case.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .6em}"
        "td.n{text-align:right}</style></head><body>",
        f"<h1>Teaching note: {e(case.title)}</h1>",
        f"<p><em>Case <code>{e(case.id)}</code>; kind: {e(case.kind)}; industry: {e(case.industry)}.</em></p>",
        "<h2>Synopsis</h2>", f"<p>{e(tn.synopsis)}</p>",
        "<h2>Learning objectives</h2>", items("ol", tn.learning_objectives),
        "<h2>Assignment questions</h2>", items("ol", tn.assignment_questions),
        "<h2>Discussion questions</h2>", items("ol", case.discussion_questions),
        "<h2>Time plans</h2>",
    ]
    for n in (n for n in TIME_PLAN_LENGTHS if str(n) in tn.time_plans):
        slots = tn.time_plans[str(n)]
        rows = "".join(f'<tr><td class="n">{i}</td><td class="n">{s.minutes}</td><td>{e(s.activity)}</td></tr>'
                       for i, s in enumerate(slots, 1))
        total = sum(s.minutes for s in slots)
        parts.append(f"<h3>{n}-minute session</h3><table><thead><tr><th>#</th><th>Minutes</th><th>Activity</th>"
                     f"</tr></thead><tbody>{rows}<tr><td></td><td class=\"n\"><strong>{total}</strong></td>"
                     "<td>total</td></tr></tbody></table>")
    parts += ["<h2>Board plan</h2>", items("ul", tn.board_plan)]
    assessment = _assessment_rows(case)
    if assessment is not None:
        perspective, rows = assessment
        body = "".join(f"<tr><td>{e(label)}</td><td>{e(level)}</td><td>{e(ev)}</td><td>{e(src)}</td></tr>"
                       for label, level, ev, src in rows)
        parts += ["<h2>Assessment</h2>",
                  f"<p><em>Inkpen (1998), six dimensions; perspective: {e(perspective)}. {e(_ASSESSMENT_NOTE)}</em></p>",
                  "<table><thead><tr><th>Dimension</th><th>Level</th><th>Evidence</th><th>Source</th></tr></thead>"
                  f"<tbody>{body}</tbody></table>"]
    parts += [
        "<h2>Wrap-up</h2>", f"<p>{e(tn.wrap_up)}</p>",
        "<h2>Epilogue</h2>",
        "<ul>" + "".join(f"<li><strong>{ep.year}</strong>: {e(ep.event)} ({e(format_source(ep.source))})</li>"
                         for ep in tn.epilogue) + "</ul>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
