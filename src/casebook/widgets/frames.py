"""Kernel-free widgets for the static book: the same widget, its pictures precomputed.

A reader of the HTML book has no Python. So when the book is built
(``tools/build_book.py`` runs each chapter with ``CASEBOOK_KERNEL_FREE=1``), every
panel a chapter displays is replaced by :func:`kernel_free`: the widget's own
builder moves its main one or two controls (``box.book_controls``) over a grid
of values, and each setting's picture, alternative text, table of numbers and
text outputs are stored as one frame. Frames sit in an ``ipywidgets.Stack``;
new controls over the same grid are ``jslink``-ed to the Stack's
``selected_index``, so the browser switches frames with no kernel and no
network. The frames are drawn by the live widget itself (through
``casebook.plotting``), so they are the live widget's pictures, pixel for pixel
before compression. The other controls are listed with the one command that
makes them live.

Page weight: frames are stored as 128-colour PNGs (about a quarter of the
live widget's PNG), and a widget holds at most :data:`MAX_FRAMES` frames.

Examples
--------
>>> from casebook.widgets.spillovers import build_leak_or_share
>>> book = kernel_free(build_leak_or_share())
>>> book.frames, [c.description for c in book.live_controls]
(56, ['spillover β', 'R&D cost γ'])
>>> outer = book.stack
>>> outer.selected_index == book.live_controls[0].index
True
"""

from __future__ import annotations

import html
import io
import itertools
import math

__all__ = ["ENV", "MAX_FRAMES", "grid", "kernel_free", "active"]

ENV = "CASEBOOK_KERNEL_FREE"
MAX_FRAMES = 64   # frames of one widget (a 2-D grid: at most 8 x 8)
_MAX_1D = 21      # settings of a widget's single book control
_COLOURS = 128    # palette of a frame's PNG
_SLIDERS = ("IntSliderView", "FloatSliderView", "FloatLogSliderView", "SelectionSliderView")


def active() -> bool:
    """True while the book is being built (``CASEBOOK_KERNEL_FREE=1``)."""
    from casebook.paths import env_flag

    return env_flag(ENV)


def _numeric(control) -> bool:
    return getattr(control, "_view_name", "") in _SLIDERS[:3]


def grid(control, n: int) -> list[tuple[str, object]]:
    """At most ``n`` settings of ``control`` as ``(label, value)``, always with its current value.

    A slider's values are every k-th step from its minimum (k as small as fits
    ``n``), plus the current value; a selection (dropdown, toggle buttons) or
    a checkbox gives every option.

    Examples
    --------
    >>> import ipywidgets as w
    >>> [label for label, _ in grid(w.FloatSlider(value=0.7, min=0, max=1, step=0.05), 7)]
    ['0.00', '0.20', '0.40', '0.60', '0.70', '0.80', '1.00']
    >>> grid(w.ToggleButtons(options=["low", "high"]), 2)
    [('low', 'low'), ('high', 'high')]
    >>> grid(w.Checkbox(value=True), 5)
    [('off', False), ('on', True)]
    """
    view = getattr(control, "_view_name", "")
    if view == "CheckboxView":
        return [("off", False), ("on", True)]
    if not _numeric(control):
        labels = [str(x) for x in control._options_labels]
        return list(zip(labels, control._options_values))
    lo, hi, step = control.min, control.max, control.step or 1
    count = int(round((hi - lo) / step)) + 1
    stride = max(1, math.ceil((count - 1) / max(1, n - 2 if count > n else n - 1))) if count > n else 1
    idx = sorted(set(range(0, count, stride)) | {count - 1})
    values = [lo + i * step for i in idx]
    if isinstance(lo, int) and isinstance(step, int):
        values = [int(v) for v in values]
    else:
        digits = max(0, -math.floor(math.log10(step))) if step < 1 else 0
        values = [round(v, digits + 2) for v in values]
    current = control.value
    if all(abs(v - current) > 1e-9 for v in values):
        values = sorted(values + [current])
    fmt = (control.readout_format or (".2f" if isinstance(current, float) else "d")).lstrip(":")
    return [(format(v, fmt), v) for v in values]


def _grids(box, names) -> list[list[tuple[str, object]]]:
    """The grid of each book control: selections whole, sliders thinned to keep under MAX_FRAMES."""
    controls = [box.controls[n] for n in names]
    fixed = math.prod(len(grid(c, 10 ** 6)) for c in controls if not _numeric(c))
    sliders = sum(1 for c in controls if _numeric(c))
    each = _MAX_1D if len(names) == 1 else max(3, int((MAX_FRAMES / max(fixed, 1)) ** (1 / max(sliders, 1))))
    grids = [grid(c, each) for c in controls]
    if math.prod(len(g) for g in grids) > MAX_FRAMES:
        raise ValueError(f"{'/'.join(names)}: {math.prod(len(g) for g in grids)} frames, over {MAX_FRAMES}")
    return grids


def _compress(png: bytes) -> bytes:
    """A frame's PNG in 128 colours (about a quarter of the size; deterministic)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    small = img.quantize(colors=_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    small.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _capture(box) -> list[tuple]:
    """What the widget shows now: each figure (PNG, alt text, numbers) and each text output."""
    import ipywidgets as w

    from casebook.widgets.figure import LiveFigure

    shown = []
    for out in box.outputs.values():
        if isinstance(out, LiveFigure):  # its words and numbers were read at its last push
            shown.append(("figure", _compress(out.image.value), out.alt, out.numbers))
        elif isinstance(out, (w.HTML, w.HTMLMath)) and out.value:
            shown.append(("html", out.value))
    return shown


def _frame(shown):
    import base64

    import ipywidgets as w

    from casebook.plotting.picture import png_width

    kids = []
    for item in shown:
        if item[0] == "figure":
            # An <img> in an HTML widget, not an Image widget: it carries its alt text (the book's
            # widget manager cannot show an Image with a tooltip), and is stored as base64 either way.
            _, png, alt, table = item
            src = base64.b64encode(png).decode("ascii")
            kids.append(w.HTML(f'<img class="cb-figure cb-frame" src="data:image/png;base64,{src}" '
                               f'alt="{html.escape(alt)}" width="{png_width(png)}" '
                               f'style="max-width:100%;height:auto">{table}'))
        else:
            kids.append(w.HTML(item[1]))
    return w.VBox(kids)


def _book_control(control, options, index, description=None):
    """A control over the precomputed settings: a selection slider for a slider, the same kind otherwise."""
    import ipywidgets as w

    labels = []
    for label, _ in options:  # options must be distinct labels
        while label in labels:
            label += " "
        labels.append(label)
    view = getattr(control, "_view_name", "")
    style = {"description_width": control.style.description_width} if getattr(control.style, "description_width", None) else {}
    common = dict(options=labels, index=index, description=description or control.description, style=style)
    if view in _SLIDERS:
        made = w.SelectionSlider(continuous_update=True, **common)
    elif view in ("ToggleButtonsView", "CheckboxView"):
        made = w.ToggleButtons(**common)
    elif view == "RadioButtonsView":
        made = w.RadioButtons(**common)
    else:
        made = w.Dropdown(**common)
    made.add_class("cb-book-control")
    return made


def _index(options, value) -> int:
    for i, (_, v) in enumerate(options):
        if v == value or (isinstance(v, float) and isinstance(value, (int, float)) and abs(v - value) < 1e-9):
            return i
    return 0


def _set(control, value) -> None:
    if control.value != value:
        control.value = value


def _title(box) -> str | None:
    first = box.children[0] if box.children else None
    value = getattr(first, "value", "") if getattr(first, "_view_name", "") == "HTMLView" else ""
    return html.unescape(value.split(">", 1)[1].rsplit("<", 1)[0]) if value.startswith("<h4") else None


def kernel_free(box, names=None):
    """The static-book version of a panel: its main controls live in the browser, with no kernel.

    Parameters
    ----------
    box : ipywidgets.VBox
        A panel from a ``build_*`` function of :mod:`casebook.widgets`: it has
        ``controls`` and ``outputs``.
    names : sequence of str, optional
        The controls to precompute (one or two); default ``box.book_controls``.
        None of them: the panel's current picture, with every control named
        as needing Python.

    Returns
    -------
    ipywidgets.VBox
        A panel with ``live_controls`` (the new controls), ``stack`` (the
        outer Stack), ``frames`` (how many) and the original's CSS class
        plus ``cb-kernel-free``. The widget ``box`` is left as it was.
    """
    import ipywidgets as w

    from casebook.widgets.figure import panel

    names = tuple(getattr(box, "book_controls", ()) if names is None else names)
    if len(names) > 2:
        raise ValueError(f"kernel_free: one or two controls, not {len(names)}")
    saved = {n: c.value for n, c in box.controls.items() if hasattr(c, "value")}
    grids = _grids(box, names)
    frames = {}
    try:
        for combo in itertools.product(*(range(len(g)) for g in grids)):
            for n, g, i in zip(names, grids, combo):
                _set(box.controls[n], g[i][1])
            frames[combo] = _frame(_capture(box))
    finally:
        for n in names:
            _set(box.controls[n], saved[n])
        for n, v in saved.items():
            if box.controls[n].value != v:
                _set(box.controls[n], v)
    start = [_index(g, saved[n]) for n, g in zip(names, grids)]
    labels = getattr(box, "book_labels", {})
    made = [_book_control(box.controls[n], g, i, labels.get(n)) for n, g, i in zip(names, grids, start)]
    if len(names) == 2:
        inner = [w.Stack([frames[(i, j)] for j in range(len(grids[1]))], selected_index=start[1])
                 for i in range(len(grids[0]))]
        stack = w.Stack(inner, selected_index=start[0])
        links = [w.jslink((made[0], "index"), (stack, "selected_index"))]
        links += [w.jslink((made[1], "index"), (s, "selected_index")) for s in inner]
    elif len(names) == 1:
        stack = w.Stack([frames[(i,)] for i in range(len(grids[0]))], selected_index=start[0])
        links = [w.jslink((made[0], "index"), (stack, "selected_index"))]
    else:
        stack = w.Stack([frames[()]], selected_index=0)
        links = []
    others = list(dict.fromkeys(c.description for n, c in box.controls.items() if n not in names and c.description
                                and getattr(c, "_view_name", "") not in ("ButtonView",)))  # each name once
    live = " and ".join(f"<b>{html.escape(c.description)}</b>" for c in made)
    note = (f"In this page, {live} move{'s' if len(made) == 1 else ''} the chart: the book holds its pictures "
            f"for {len(frames)} settings, drawn by the same code as the live widget. " if made else
            "This is the widget's picture as the chapter left it. ")
    if others:
        note += ("The other controls (" + ", ".join(html.escape(o) for o in others[:12])
                 + (", ..." if len(others) > 12 else "") + ") need Python: ")
    else:
        note += "With Python, "
    note += "run <code>make lab</code> in the casebook's folder and open this chapter to use them all."
    note_widget = w.HTML(f"<p class='cb-kernel-free-note'>{note}</p>")
    kids = [*made, stack, note_widget]
    css = next((c for c in box._dom_classes if c not in ("cb-panel",)), "cb-widget")
    book = panel(kids, "cb-kernel-free", title=_title(box))
    book.add_class(f"{css}-book")
    book.live_controls, book.stack, book.frames, book.links = made, stack, len(frames), links
    return book
