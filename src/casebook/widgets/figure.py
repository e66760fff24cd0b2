"""A figure that redraws in place inside a widget, and a panel helper.

Why not ``interact`` + ``plt.show()``? Rebuilding a seaborn figure on every
slider tick costs about 95 ms here; moving the artists of a figure that stays
alive and re-rendering it costs well under 30 ms. ``LiveFigure`` keeps a
:class:`matplotlib.figure.Figure` (not pyplot, so the notebook's inline
backend never shows a stray copy) and writes its PNG into an
:class:`ipywidgets.Image`.

Examples
--------
>>> live = LiveFigure(ncols=1, size=(4, 3))
>>> line, = live.ax.plot([0, 1], [0, 1])
>>> live.refresh()
>>> live.image.value[:4] == b"\\x89PNG"
True
>>> line.set_ydata([1, 0]); live.refresh()
>>> live.renders
2
"""

from __future__ import annotations

import functools
import io
import itertools
import math

from casebook.plotting.picture import png_width  # also importable from here, as before
from casebook.widgets.blitter import Blitter  # noqa: F401 (the shared Blitter, importable from here)

__all__ = ["LiveFigure", "Blitter", "panel", "hold_layout", "png_width", "text_em"]

_FIGURE_IDS = itertools.count(1)


class LiveFigure:
    """A matplotlib figure rendered into an ``ipywidgets.Image``.

    Parameters
    ----------
    nrows, ncols : int
        Subplot grid.
    size : tuple of float
        Figure size in inches.
    dpi : int
        Resolution of the PNG pushed to the browser.
    css_class : str
        Extra CSS class on the image widget (for browser tests).

    Attributes
    ----------
    fig : matplotlib.figure.Figure
    axes : numpy.ndarray of Axes (always 1-D)
    ax : Axes, the first axes
    image : ipywidgets.Image
    renders : int, how many times the figure was rendered
    full_renders : int, how many of those drew the whole figure; a widget that
        redraws in place keeps this constant while its controls move (tests
        check this instead of timing, which only measures a busy machine)
    """

    def __init__(self, nrows: int = 1, ncols: int = 1, size=(8.0, 4.5), dpi: int = 80,
                 css_class: str = "cb-figure", **subplot_kw):
        import ipywidgets as w
        import numpy as np
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=size, dpi=dpi, layout="constrained")
        axes = self.fig.subplots(nrows, ncols, squeeze=False, **subplot_kw)
        self.axes = np.asarray(axes).ravel()
        self.ax = self.axes[0]
        self.dpi = dpi
        # Shown at the width it was rendered (set from each PNG in push), never wider: a
        # stretched image is upscaled and blurred. max_width lets it shrink in a narrow
        # column, height auto keeps its aspect ratio, min_width 0 lets a row shrink it.
        self.image = w.Image(format="png", layout=w.Layout(
            width=f"{round(size[0] * dpi)}px", max_width="100%", min_width="0", height="auto"))
        self.image.add_class("cb-figure")  # every live figure: what the browser tests find
        if css_class != "cb-figure":
            self.image.add_class(css_class)
        # What the chart shows, in words and numbers (casebook.plotting.describe), kept up on every
        # push: the words become the image's alt text where the casebook's accessibility script runs
        # (the book, the slides, Voila), the numbers a folded table. panel() puts it in the widget.
        self.figure_id = f"cb-fig-{next(_FIGURE_IDS)}"
        self.image.add_class(self.figure_id)
        self.caption = w.HTML()
        self.caption.add_class("cb-figure-caption")
        self.image._cb_caption = self.caption
        self.alt, self.numbers = "", ""  # the words and the table of numbers, as of the last push
        self.renders = 0
        self.full_renders = 0  # renders that drew the whole figure (axes, ticks, layout)
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.canvas = FigureCanvasAgg(self.fig)  # the one canvas; Blitter shares it

    def encode(self) -> bytes:
        """The canvas as drawn, as PNG bytes (Pillow, fast compression, no metadata)."""
        import numpy as np
        from PIL import Image

        rgba = np.asarray(self.canvas.buffer_rgba())
        buf = io.BytesIO()
        Image.fromarray(rgba[..., :3]).save(buf, format="PNG", compress_level=1)
        return buf.getvalue()

    def png(self) -> bytes:
        """Draw the whole figure and return it as PNG bytes (deterministic).

        One draw, layout included. ``Figure.savefig`` would draw twice (a
        hidden pass for the constrained layout, then the real one) and
        compress harder: about 80 ms against 55 ms for an exhibit chart here.
        """
        self.canvas.draw()
        return self.encode()

    def push(self, png: bytes, full: bool = True) -> None:
        """Show ``png`` in the image widget and count the render.

        The image is laid out exactly as wide as the PNG (its width is read
        from the PNG header), so the browser never stretches it.
        """
        width = f"{png_width(png)}px"
        if self.image.layout.width != width:
            self.image.layout.width = width
        self.image.value = png
        self.alt, self.numbers = self.describe(), self._numbers_html()
        self.caption.value = self.describe_html()
        self.renders += 1
        self.full_renders += int(full)

    def refresh(self) -> None:
        """Re-render the whole figure and push it to the image widget."""
        self.push(self.png())

    def describe(self) -> str:
        """The figure's alt text, from the data its artists hold (:func:`casebook.plotting.describe.describe`)."""
        from casebook.plotting.describe import describe

        return describe(self.fig)

    def _numbers_html(self) -> str:
        from casebook.plotting.describe import numbers_html

        return numbers_html(self.fig)

    def describe_html(self) -> str:
        """The caption's HTML: the alt text (for the accessibility script) and the folded table of numbers.

        Both as of the last push (``alt`` and ``numbers``), which read them from the figure once.
        """
        import html

        return f'<span class="cb-alt" data-for="{self.figure_id}" hidden>{html.escape(self.alt)}</span>' + self.numbers


# ----------------------------------------------------------------- layouts that hold
# Widths are set in em of the widgets' font (13 px in JupyterLab, Voila and the
# book), so they scale with it. Text is measured in DejaVu Sans, the font Chromium
# uses on Debian and wider than Helvetica, Arial or Segoe UI: a label that fits in
# DejaVu fits in those too.
_DEFAULT_LABEL_EM = 80 / 13      # --jp-widgets-inline-label-width: 80px
_DEFAULT_BUTTON_EM = 148 / 13    # --jp-widgets-inline-width-short: 148px
# Buttons: JupyterLab's are wider for the same text than Voila's and the book's (measured:
# 'Show model answer' needs 171 px there, 151 px in the book), so a button's text is
# measured bold, with room for JupyterLab's padding and border.
_BUTTON_PADDING_EM = 2.0
_LABEL_SLACK_EM = 0.3
# A slider's track gets at least this much (a 20-step slider then has 9 px a step,
# more than its 16 px handle needs to be dragged to each value), beside its label,
# the readout (at least 72 px) and margins.
_SLIDER_TRACK_PX = 180
_SLIDER_OTHER_PX = 72 + 3 * 4 + 2 * 8 + 16


def text_em(text: str, bold: bool = False) -> float:
    """Width of one line of ``text`` in em of DejaVu Sans (an upper bound for UI fonts).

    Examples
    --------
    >>> round(text_em("learning difficulty β"), 1)
    9.7
    >>> text_em("Show model answer", bold=True) > text_em("Show model answer")
    True
    >>> text_em("") == 0.0
    True
    """
    return _text_em(str(text), bool(bold)) if text else 0.0


@functools.lru_cache(maxsize=4096)
def _text_em(text: str, bold: bool) -> float:
    measure, prop = _dejavu(bold)
    return measure.get_text_width_height_descent(text, prop, ismath=False)[0] / 100


@functools.lru_cache(maxsize=2)
def _dejavu(bold: bool):
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    return TextToPath(), FontProperties(family="DejaVu Sans", size=100, weight="bold" if bold else "normal")


def _em(css: str | None, default: float) -> float | None:
    """A CSS length in em ('9em', '80px', '' for the default); None for any other unit."""
    css = (css or "").strip()
    if not css:
        return default
    if css.endswith("em") and not css.endswith("rem"):
        return float(css[:-2])
    if css.endswith("px"):
        return float(css[:-2]) / 13
    return None


def _up(em: float) -> str:
    return f"{math.ceil(em * 10) / 10:g}em"


def _is(widget, *views: str) -> bool:
    return getattr(widget, "_view_name", None) in views


def _children(widget):
    return list(getattr(widget, "children", ()) or ())


def hold_layout(widget) -> None:
    """Make a widget tree's layout hold at any width: no cut label, no collapsed slider, no stretched box.

    Applied by :func:`panel` to everything in it; it only sets layout and style
    traits that the builder left unset or set too small:

    - every control's description label (``style.description_width``) is at
      least as wide as its text, and the controls stacked in one box share the
      widest of them, so their tracks still line up;
    - buttons and toggle buttons are at least as wide as their text;
    - every horizontal slider keeps room for a usable track (``min_width``);
    - every ``HBox`` wraps its children onto a new line when the row is too
      narrow for them, and a box inside an ``HBox`` that was given no width
      takes an equal share of the row. (Without a width, such a column is only
      as wide as its content; a slider sized as a percentage of it then has
      no track at all: chapter 06's cluster explorer had seven 0 px sliders.)

    Examples
    --------
    >>> import ipywidgets as w
    >>> s = w.FloatSlider(description="learning difficulty β", style={"description_width": "9em"})
    >>> t = w.FloatSlider(description="rivalry δ", style={"description_width": "9em"})
    >>> row = w.HBox([w.VBox([s, t]), w.VBox([w.IntSlider(description="n")])])
    >>> hold_layout(row)
    >>> s.style.description_width, t.style.description_width
    ('10em', '10em')
    >>> row.layout.flex_flow, row.children[0].layout.flex
    ('row wrap', '1 1 0%')
    >>> s.layout.min_width
    'calc(10em + 296px)'
    """
    kids = _children(widget)
    _share_label_width([widget] if _labelled(widget) else [])
    _fit_control(widget)
    if _is(widget, "HBoxView"):
        if widget.layout.flex_flow is None:
            widget.layout.flex_flow = "row wrap"
        for kid in kids:
            if _is(kid, "HBoxView", "VBoxView", "BoxView", "GridBoxView") and kid.layout.width is None \
                    and kid.layout.flex is None:
                kid.layout.flex = "1 1 0%"
    elif _is(widget, "VBoxView", "BoxView"):
        _share_label_width([k for k in kids if _labelled(k)])
    for kid in kids:
        hold_layout(kid)


def _labelled(c) -> bool:
    """A control with a description shown in a label to its left."""
    return bool(getattr(c, "description", "")) and hasattr(getattr(c, "style", None), "description_width") \
        and not _is(c, "ButtonView", "ToggleButtonView", "CheckboxView")


def _share_label_width(group) -> None:
    """Give every control of ``group`` one label width, wide enough for the longest description."""
    current = [_em(k.style.description_width, _DEFAULT_LABEL_EM) for k in group]
    if not group or any(c is None for c in current):  # 'initial', '%': the builder chose; leave it
        return
    need = max(max(current), *(text_em(k.description) + _LABEL_SLACK_EM for k in group))
    if need > min(current) + 1e-9:
        for k in group:
            k.style.description_width = _up(need)


def _fit_control(c) -> None:
    """Buttons as wide as their text; sliders with room for a track."""
    if _is(c, "ButtonView", "ToggleButtonView") and c.layout.width is None:
        need = text_em(c.description, bold=True) + _BUTTON_PADDING_EM + (1.5 if getattr(c, "icon", "") else 0)
        if need > _DEFAULT_BUTTON_EM:
            c.layout.width = _up(need)
    elif _is(c, "ToggleButtonsView"):
        current = _em(c.style.button_width, _DEFAULT_BUTTON_EM)
        labels = [str(label) for label in getattr(c, "_options_labels", ())]
        need = max((text_em(t, bold=True) for t in labels), default=0) + _BUTTON_PADDING_EM + (1.5 if any(c.icons) else 0)
        if current is not None and need > current:
            c.style.button_width = _up(need)
    elif _is(c, "IntSliderView", "FloatSliderView", "FloatLogSliderView", "IntRangeSliderView",
             "FloatRangeSliderView", "SelectionSliderView", "SelectionRangeSliderView") \
            and c.orientation == "horizontal" and c.layout.min_width is None:
        label = c.style.description_width or f"{_DEFAULT_LABEL_EM:.2f}em"
        if not c.description:
            label = "0px"
        c.layout.min_width = f"calc({label} + {_SLIDER_TRACK_PX + _SLIDER_OTHER_PX}px)"


def _figure_captions(widgets) -> list:
    """The captions of the live figures in a widget tree (LiveFigure.caption), in tree order."""
    found = []
    for wid in widgets:
        caption = getattr(wid, "_cb_caption", None)
        if caption is not None:
            found.append(caption)
        found += _figure_captions(_children(wid))
    return found


@functools.lru_cache(maxsize=1)
def _panel_class():
    """``Panel``: a ``VBox`` whose plain-text form is its ``note`` (ipywidgets imported only when needed)."""
    import ipywidgets as w

    class Panel(w.VBox):
        note = ""
        _book = None

        def _repr_mimebundle_(self, **kwargs):
            # Building the static book (casebook.widgets.frames): show the kernel-free version instead.
            from casebook.widgets import frames

            if frames.active() and getattr(self, "book_controls", None) is not None:
                if self._book is None:
                    self._book = frames.kernel_free(self)
                return self._book._repr_mimebundle_(**kwargs)
            data = super()._repr_mimebundle_(**kwargs)
            if data is not None and self.note:
                data["text/plain"] = self.note
            return data

    Panel.__module__ = __name__
    return Panel


def panel(children, css_class: str, title: str | None = None):
    """A ``VBox`` with a stable CSS class and an optional heading, laid out to hold.

    Everything in it passes through :func:`hold_layout` (labels not cut,
    sliders with a usable track, rows that wrap).

    Where the widget cannot be drawn (a chapter opened before it is run, while
    JupyterLab does not yet trust it; a notebook viewer with no widget
    support) the stored output's plain text is a one-line note saying how to
    use the widget, not the widget's repr (``VBox(children=(HTML(...``).

    Examples
    --------
    >>> import ipywidgets as w
    >>> box = panel([w.IntSlider(description="n")], "cb-demo", title="Demo")
    >>> box._dom_classes
    ('cb-panel', 'cb-demo')
    >>> box._repr_mimebundle_()["text/plain"]
    'Demo: an interactive widget. Run the chapter (Run > Run All Cells) to use it.'
    """
    import html

    import ipywidgets as w

    kids = list(children)
    kids += [c for c in _figure_captions(kids) if c not in kids]  # each live figure's words and numbers
    if title:
        kids.insert(0, w.HTML(f"<h4 style='margin:0.2em 0'>{html.escape(title)}</h4>"))
    box = _panel_class()(kids)
    box.note = (f"{title}: an" if title else "An") + " interactive widget. Run the chapter (Run > Run All Cells) to use it."
    hold_layout(box)
    box.add_class("cb-panel")
    box.add_class(css_class)
    return box
