"""What every drawing function returns: a :class:`Picture`, the handle that moves it.

A picture is drawn by ONE function, ``draw_<picture>(data, ax=None, ...)`` in
``casebook/plotting/<concept>.py``. It creates every artist once, then puts
them in place for ``data`` through the same ``update`` that a widget calls on
every control change, so a static chapter cell and a live widget show the
same drawing (same code, same pixels). ``plot_<picture>`` is the same drawing
for a caller that only wants the Axes back.

Examples
--------
>>> from matplotlib.figure import Figure
>>> ax = Figure(figsize=(3, 2)).subplots()
>>> line, = ax.plot([0, 1], [0, 0])
>>> def move(y):
...     line.set_ydata([y, y])
...     return [line]
>>> pic = Picture(ax, [line], move)
>>> pic.update(0.5) == [line], list(line.get_ydata())
(True, [0.5, 0.5])
>>> pic.figure is ax.figure
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = ["Picture", "group", "new_axes", "png_width"]


def png_width(png: bytes) -> int:
    """The width in pixels of a PNG, read from its header.

    Examples
    --------
    >>> import io
    >>> from matplotlib.figure import Figure
    >>> buf = io.BytesIO()
    >>> Figure(figsize=(4, 3), dpi=80).savefig(buf, format="png")
    >>> png_width(buf.getvalue())
    320
    >>> png_width(b"GIF89a")
    Traceback (most recent call last):
    ...
    ValueError: not a PNG (no PNG signature and IHDR chunk)
    """
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG (no PNG signature and IHDR chunk)")
    return int.from_bytes(png[16:20], "big")


@dataclass(eq=False)
class Picture:
    """A drawn picture and how to move it to new data.

    Attributes
    ----------
    ax : matplotlib Axes
        The axes drawn on (the first one of a picture of several axes).
    artists : list of Artist
        Every artist that ``update`` may move: what a widget's Blitter
        redraws over the static background. A picture whose static part
        would follow the data (a y-axis, a legend's text) lists that part here.
    move : callable
        ``move(*data, **params) -> list of Artist``: puts the artists in place
        for new data and returns the ones that changed.
    parts : dict
        Named artists (``"bars"``, ``"lines"`` ...) for callers and tests.
    """

    ax: Any
    artists: list
    move: Callable[..., list]
    parts: dict = field(default_factory=dict)

    def update(self, *data, **params) -> list:
        """Move the picture to new data (same arguments as its draw function's data); return the moved artists.

        Deterministic: the same data gives the same artists, whatever came before.
        """
        return list(self.move(*data, **params) or [])

    @property
    def figure(self):
        """The figure the picture is drawn in."""
        return self.ax.figure


def group(pictures, parts: dict | None = None) -> Picture:
    """One picture made of several (e.g. three panels that follow the same data).

    ``update`` passes its arguments to every member and returns all moved artists.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> axes = Figure().subplots(1, 2)
    >>> pics = [Picture(a, [], lambda y: []) for a in axes]
    >>> g = group(pics)
    >>> g.ax is axes[0], g.update(1.0)
    (True, [])
    """
    pictures = list(pictures)
    if not pictures:
        raise ValueError("group: needs at least one picture")

    def move(*data, **params):
        return [a for p in pictures for a in p.update(*data, **params)]

    return Picture(pictures[0].ax, [a for p in pictures for a in p.artists], move,
                   {"pictures": pictures, **(parts or {})})


def new_axes(ax=None, size=(7.0, 4.0)):
    """``ax`` itself, or the axes of a new constrained-layout Figure (not pyplot: nothing shown twice).

    Examples
    --------
    >>> new_axes(size=(2, 1)).figure.get_size_inches().tolist()
    [2.0, 1.0]
    """
    if ax is not None:
        return ax
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained").subplots()
