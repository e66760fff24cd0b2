"""What a chart shows, in words and in numbers, read from the artists it was drawn with.

Every picture in the casebook is drawn by one function in ``casebook.plotting``;
whatever that function drew, its lines, bars and labels hold the data. This
module reads them back, so that any figure (a static chapter cell, a live
widget's frame, a frame precomputed for the book) gets

- :func:`describe`: alternative text saying what the chart shows (which line
  ends highest, where two lines cross, which bar is tallest), and
- :func:`numbers`: the numbers behind it, one table per axes, which
  :func:`numbers_html` writes as an accessible HTML table.

Nothing here is written by hand per chart, so the words cannot drift from
the picture.

Examples
--------
>>> from matplotlib.figure import Figure
>>> ax = Figure().subplots()
>>> _ = ax.plot([0, 1, 2], [0.1, 0.5, 0.9], label="GM")
>>> _ = ax.plot([0, 1, 2], [0.8, 0.5, 0.2], label="Toyota")
>>> _ = ax.set(title="dependence", xlabel="years", ylabel="dependence")
>>> print(describe(ax.figure))
Dependence: line chart of dependence against years (0 to 2). GM ends highest (0.90), Toyota lowest (0.20). GM and Toyota cross at years 1.
>>> numbers(ax.figure)[0][1]
[['years', 'GM', 'Toyota'], ['0', '0.10', '0.80'], ['1', '0.50', '0.50'], ['2', '0.90', '0.20']]
"""

from __future__ import annotations

import html
import math

__all__ = ["describe", "numbers", "numbers_html", "fmt"]

_MAX_ROWS = 11   # rows of a line chart's table (points sampled evenly along x)
_MAX_NAMES = 8   # labelled marks listed in the words of a chart with no lines or bars


def fmt(v) -> str:
    """A number as a chart's reader would say it (3 significant figures at most, no trailing zeros past 2 dp).

    Examples
    --------
    >>> fmt(0.3), fmt(12.345), fmt(1234.5), fmt(float("nan")), fmt(2.0), fmt(0.0)
    ('0.30', '12.3', '1234', 'n/a', '2', '0')
    """
    try:
        v = float(v)
    except (TypeError, ValueError):
        return str(v)
    if math.isnan(v):
        return "n/a"
    if v == int(v):
        return f"{int(v)}"
    if abs(v) >= 100:
        return f"{v:.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def _clean(text) -> str:
    return " ".join(str(text or "").replace("$", "").split())


def _named(label) -> bool:
    return bool(label) and not str(label).startswith("_")


def _lines(ax):
    """(name, x, y) of every visible data line; single-point and reference lines apart."""
    import numpy as np

    series, marks = [], []
    for n, line in enumerate(ax.get_lines()):
        if not line.get_visible():
            continue
        x = np.asarray(line.get_xdata(orig=True), dtype=float)
        y = np.asarray(line.get_ydata(orig=True), dtype=float)
        if x.size == 0 or y.size != x.size:
            continue
        label = _clean(line.get_label())
        if x.size == 2 and x[0] == x[1]:
            marks.append(("vertical", label, x[0]))
        elif x.size == 2 and y[0] == y[1] and not _named(label):
            marks.append(("horizontal", label, y[0]))
        elif x.size == 1:
            if _named(label):
                marks.append(("point", label, (x[0], y[0])))
        else:
            series.append((label if _named(label) else f"line {n + 1}", x, y))
    return series, marks


def _bars(ax):
    """(series name, [(category, value)]) for every bar container of the axes."""
    from matplotlib.container import BarContainer

    out = []
    for k, cont in enumerate(c for c in ax.containers if isinstance(c, BarContainer)):
        patches = [p for p in cont.patches if p.get_visible()]
        if not patches:
            continue
        horizontal = getattr(cont, "orientation", None) == "horizontal"
        ticks = ax.get_yticks() if horizontal else ax.get_xticks()
        labels = [_clean(t.get_text()) for t in (ax.get_yticklabels() if horizontal else ax.get_xticklabels())]
        rows = []
        for i, p in enumerate(patches):
            centre = p.get_y() + p.get_height() / 2 if horizontal else p.get_x() + p.get_width() / 2
            value = p.get_width() if horizontal else p.get_height()
            name = f"bar {i + 1}"
            if len(ticks) and len(labels) == len(ticks):
                j = min(range(len(ticks)), key=lambda t: abs(ticks[t] - centre))
                if abs(ticks[j] - centre) <= (p.get_height() if horizontal else p.get_width()) and labels[j]:
                    name = labels[j]
            rows.append((name, float(value)))
        label = _clean(cont.get_label())
        out.append((label if _named(label) else ("" if k == 0 else f"series {k + 1}"), rows))
    return out


def _texts(ax) -> list[str]:
    seen, out = set(), []
    for t in ax.texts:
        s = _clean(t.get_text())
        if s and t.get_visible() and s not in seen:
            seen.add(s)
            out.append(s)
    return out


def _crossing(a, b):
    """First x where two lines on the same x grid change order, or None."""
    import numpy as np

    (_, xa, ya), (_, xb, yb) = a, b
    if xa.shape != xb.shape or not np.allclose(xa, xb):
        return None
    d = ya - yb
    ok = ~np.isnan(d)
    idx = np.flatnonzero(ok[:-1] & ok[1:] & (np.sign(d[:-1]) * np.sign(d[1:]) < 0))
    exact = np.flatnonzero(ok & (d == 0))
    inner = [i for i in exact if 0 < i < len(d) - 1]
    if inner and (not idx.size or inner[0] <= idx[0]):
        return float(xa[inner[0]])
    if not idx.size:
        return None
    i = idx[0]
    return float(xa[i] + (xa[i + 1] - xa[i]) * d[i] / (d[i] - d[i + 1]))


def _last(y):
    import numpy as np

    ok = np.flatnonzero(~np.isnan(y))
    return float(y[ok[-1]]) if ok.size else float("nan")


def _describe_axes(ax) -> str:
    title = _clean(ax.get_title()) or _clean(ax.get_title(loc="left"))
    xl, yl = _clean(ax.get_xlabel()), _clean(ax.get_ylabel())
    head = f"{title}: " if title else ""
    series, marks = _lines(ax)
    bars = _bars(ax)
    words = []
    if series:
        import numpy as np

        xs = np.concatenate([s[1] for s in series])
        what = f"line chart of {yl or 'values'}" + (f" against {xl}" if xl else "")
        words.append(f"{what} ({fmt(np.nanmin(xs))} to {fmt(np.nanmax(xs))}).")
        if len(series) == 1:
            name, x, y = series[0]
            words.append(f"{name} goes from {fmt(y[0])} to {fmt(_last(y))}, between {fmt(np.nanmin(y))} and "
                         f"{fmt(np.nanmax(y))}.")
        else:
            ends = sorted(series, key=lambda s: -_last(s[2]) if not math.isnan(_last(s[2])) else math.inf)
            words.append(f"{ends[0][0]} ends highest ({fmt(_last(ends[0][2]))}), {ends[-1][0]} lowest "
                         f"({fmt(_last(ends[-1][2]))}).")
            x = _crossing(ends[0], ends[1]) if len(ends) >= 2 else None
            if x is not None:
                words.append(f"{ends[0][0]} and {ends[1][0]} cross at {xl or 'x'} {fmt(x)}.")
    if bars:
        kind = "bar chart" + (f" of {yl}" if yl and not series else "")
        allrows = [(f"{name} ({series_name})" if series_name and len(bars) > 1 else name, v)
                   for series_name, rows in bars for name, v in rows]
        top = max(allrows, key=lambda r: r[1])
        low = min(allrows, key=lambda r: r[1])
        sentence = f"{kind} of {len(allrows)} bars" if not series else f"{len(allrows)} bars"
        words.append(f"{sentence}: highest {top[0]} ({fmt(top[1])}), lowest {low[0]} ({fmt(low[1])}).")
    for kind, label, value in marks:
        if kind == "vertical" and not math.isnan(value):
            words.append(f"{label if _named(label) else 'A marker'} at {xl or 'x'} {fmt(value)}.")
        elif kind == "horizontal" and _named(label):
            words.append(f"{label} at {fmt(value)}.")
    grid = _heatmap(ax) if not series and not bars else None
    if grid is not None:
        import numpy as np

        rows, cols, values = grid
        hi = np.unravel_index(np.nanargmax(values), values.shape)
        lo = np.unravel_index(np.nanargmin(values), values.shape)
        words.append(f"heatmap of {len(rows)} rows by {len(cols)} columns, values {fmt(np.nanmin(values))} to "
                     f"{fmt(np.nanmax(values))}: highest {rows[hi[0]]}, {cols[hi[1]]} ({fmt(values[hi])}); "
                     f"lowest {rows[lo[0]]}, {cols[lo[1]]} ({fmt(values[lo])}).")
        framed = [p for p in ax.patches if p.get_visible() and not p.get_fill()]
        for p in framed[:1]:
            i, j = int(round(p.get_y())), int(round(p.get_x()))
            if 0 <= i < len(rows) and 0 <= j < len(cols):
                words.append(f"Framed: {rows[i]}, {cols[j]} ({fmt(values[i, j])}).")
    elif not series and not bars:
        from matplotlib.collections import LineCollection, PathCollection

        points = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
        ties = sum(len(c.get_segments()) for c in ax.collections if isinstance(c, LineCollection))
        texts = _texts(ax)
        if points or ties:
            words.append(f"diagram of {points} points" + (f" joined by {ties} links" if ties else "") + ".")
        if texts:
            more = f" and {len(texts) - _MAX_NAMES} more" if len(texts) > _MAX_NAMES else ""
            words.append(("labelled " if points else "chart of labelled boxes: ") + "; ".join(texts[:_MAX_NAMES])
                         + more + ".")
        if not words:
            return ""
    return head + " ".join(words)


def _axes(fig):
    """The axes that show something (an axes with its frame turned off, a network say, counts); not colorbars."""
    return [ax for ax in fig.axes if ax.get_visible() and getattr(ax, "_colorbar", None) is None
            and (ax.axison or ax.texts or ax.collections or ax.patches or ax.lines or ax.images)]


def _heatmap(ax):
    """``(row labels, column labels, values)`` of a heatmap drawn as a QuadMesh (seaborn's), or None."""
    import numpy as np
    from matplotlib.collections import QuadMesh

    mesh = next((c for c in ax.collections if isinstance(c, QuadMesh)), None)
    if mesh is None or mesh.get_array() is None:
        return None
    values = np.ma.filled(np.ma.asarray(mesh.get_array(), dtype=float), np.nan)
    if values.ndim != 2:
        return None
    rows = [_clean(t.get_text()) for t in ax.get_yticklabels()]
    cols = [_clean(t.get_text()) for t in ax.get_xticklabels()]
    rows = rows if len(rows) == values.shape[0] else [f"row {i + 1}" for i in range(values.shape[0])]
    cols = cols if len(cols) == values.shape[1] else [f"column {j + 1}" for j in range(values.shape[1])]
    return rows, cols, values


def describe(fig) -> str:
    """Alternative text for ``fig``: what each of its charts shows, from the data its artists hold.

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Returns
    -------
    str
        One sentence or a few per axes; never empty (a figure with nothing
        to read says so).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> _ = ax.bar([0, 1, 2], [3, 9, 1])
    >>> _ = ax.set_xticks([0, 1, 2], ["SMEs", "large", "very large"])
    >>> describe(ax.figure)
    'Bar chart of 3 bars: highest large (9), lowest very large (1).'
    >>> describe(Figure())
    'An empty figure.'
    """
    parts = [p for p in (_describe_axes(ax) for ax in _axes(fig)) if p]
    sup = _clean(fig._suptitle.get_text()) if getattr(fig, "_suptitle", None) is not None else ""
    if not parts:
        return f"{sup}: a figure with no data to read." if sup else "An empty figure."
    text = " ".join(p[0].upper() + p[1:] for p in parts)
    return f"{sup}. {text}" if sup else text


def numbers(fig) -> list[tuple[str, list[list[str]]]]:
    """The numbers behind each chart of ``fig``: ``(caption, rows)``, the first row the header.

    Lines give one column per line, at up to 11 points evenly spaced along x
    (always the first and the last); bars give one row per category and one
    column per series. A chart with neither (a network, a map of concepts)
    lists its labels.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> _ = ax.bar([0, 1], [2, 5], label="1980-84")
    >>> _ = ax.set_xticks([0, 1], ["IBM", "NEC"])
    >>> numbers(ax.figure)
    [('Chart 1', [['', '1980-84'], ['IBM', '2'], ['NEC', '5']])]
    """
    import numpy as np

    tables = []
    for n, ax in enumerate(_axes(fig), start=1):
        caption = _clean(ax.get_title()) or f"Chart {n}"
        series, marks = _lines(ax)
        if series:
            x = series[0][1]
            same = all(s[1].shape == x.shape and np.allclose(s[1], x, equal_nan=True) for s in series)
            xl = _clean(ax.get_xlabel()) or "x"
            if same:
                pick = np.unique(np.linspace(0, len(x) - 1, min(len(x), _MAX_ROWS)).round().astype(int))
                rows = [[xl] + [s[0] for s in series]]
                rows += [[fmt(x[i])] + [fmt(s[2][i]) for s in series] for i in pick]
            else:  # lines on different x: one block of rows per line
                rows = [["line", xl, _clean(ax.get_ylabel()) or "y"]]
                for name, xs, ys in series:
                    pick = np.unique(np.linspace(0, len(xs) - 1, min(len(xs), _MAX_ROWS)).round().astype(int))
                    rows += [[name, fmt(xs[i]), fmt(ys[i])] for i in pick]
            tables.append((caption, rows))
        bars = _bars(ax)
        if bars:
            cats = []
            for _, rows_ in bars:
                cats += [c for c, _ in rows_ if c not in cats]
            header = [""] + [name or (_clean(ax.get_ylabel()) or "value") for name, _ in bars]
            body = [[c] + [next((fmt(v) for cc, v in rows_ if cc == c), "") for _, rows_ in bars] for c in cats]
            tables.append((caption if not series else f"{caption} (bars)", [header] + body))
        grid = _heatmap(ax) if not series and not bars else None
        if grid is not None:
            rows, cols, values = grid
            tables.append((caption, [[""] + cols] + [[r] + [fmt(v) for v in values[i]] for i, r in enumerate(rows)]))
        elif not series and not bars:
            texts = _texts(ax)
            if texts:
                tables.append((caption, [["label"]] + [[t] for t in texts]))
        for kind, label, value in marks:
            if kind == "vertical" and _named(label) and not math.isnan(value):
                tables.append((f"{caption}: {label}", [[_clean(ax.get_xlabel()) or "x"], [fmt(value)]]))
    return tables


def numbers_html(fig, summary: str = "The numbers behind this chart") -> str:
    """:func:`numbers` as HTML: a folded ``<details>`` with one captioned table per chart (escaped).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> _ = ax.plot([0, 1], [1, 2], label="<b>A</b>")
    >>> s = numbers_html(ax.figure)
    >>> s.startswith('<details class="cb-numbers">') and "&lt;b&gt;A&lt;/b&gt;" in s and "<b>A" not in s
    True
    """
    parts = [f'<details class="cb-numbers"><summary>{html.escape(summary)}</summary>']
    tables = numbers(fig)
    if not tables:
        parts.append("<p>This chart has no numbers to show.</p>")
    for caption, rows in tables:
        head, *body = rows
        parts.append(f'<table class="cb-numbers-table"><caption>{html.escape(caption)}</caption><thead><tr>'
                     + "".join(f'<th scope="col">{html.escape(h)}</th>' for h in head) + "</tr></thead><tbody>")
        for row in body:
            parts.append("<tr>" + f'<th scope="row">{html.escape(row[0])}</th>'
                         + "".join(f"<td>{html.escape(v)}</td>" for v in row[1:]) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</details>")
    return "".join(parts)
