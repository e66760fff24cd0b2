"""The shared Blitter: a :class:`~casebook.widgets.figure.LiveFigure` redrawn in place, only what moves.

Examples
--------
>>> from casebook.widgets.figure import LiveFigure
>>> live = LiveFigure(size=(3, 2))
>>> line, = live.ax.plot([0, 1], [0, 1])
>>> Blitter(live, [line]).refresh(); live.full_renders
1
"""

from __future__ import annotations

__all__ = ["Blitter"]


class Blitter:
    """Fast in-place refresh of a :class:`LiveFigure` by blitting.

    A full render redraws axes, ticks and labels and re-runs the constrained
    layout: 70-110 ms for a typical chapter figure here, over the 30 ms a
    slider needs. The Blitter draws the static part once, keeps its pixels,
    and on each refresh pastes them back, draws only the moving ``artists``
    and encodes the PNG with Pillow at a fast compression level: under 10 ms.
    Call :meth:`invalidate` after changing anything static (axis limits,
    titles, a legend's text) so the background is drawn again.

    Examples
    --------
    >>> from casebook.widgets.figure import LiveFigure
    >>> live = LiveFigure(size=(4, 3))
    >>> line, = live.ax.plot([0, 1], [0, 1])
    >>> fast = Blitter(live, [line])
    >>> fast.refresh(); line.set_ydata([1, 0]); fast.refresh()
    >>> live.renders, live.image.value[:4] == b"\\x89PNG"
    (2, True)
    >>> _ = live.ax.set_title("changed"); fast.invalidate(); fast.refresh()
    >>> live.renders
    3
    """

    def __init__(self, live: LiveFigure, artists=()):
        self.live = live
        self.canvas = live.canvas
        self._background = None
        self._layout = live.fig.get_layout_engine()
        self._overlay = []
        self.artists = list(artists)

    @property
    def artists(self):
        """The moving artists, redrawn on every refresh."""
        return self._artists

    @artists.setter
    def artists(self, artists) -> None:
        # Animated artists are never part of the background, so swapping them
        # (a new network drawn in place of the old) keeps the background valid.
        self._artists = list(artists)
        for a in self._artists:
            if not a.get_animated():  # drawn into the background so far: draw it again without
                a.set_animated(True)
                self._background = None

    def invalidate(self) -> None:
        """Draw the static background again at the next refresh."""
        self._background = None

    def show(self, picture, *data, **params) -> list:
        """Move a :class:`casebook.plotting.picture.Picture` to new data and redraw what moves.

        The one way a widget changes its figure: ``picture.update(*data, **params)``
        moves the artists (the widget draws nothing itself); if the picture
        replaced its artists (a new network), the Blitter animates the new
        ones; if it moved a static artist, the background is drawn again; the
        figure is re-rendered unless nothing moved. Returns the moved artists.

        Examples
        --------
        >>> from casebook.plotting.picture import Picture
        >>> from casebook.widgets.figure import LiveFigure
        >>> live = LiveFigure(size=(3, 2))
        >>> line, = live.ax.plot([0, 1], [0, 0])
        >>> pic = Picture(live.ax, [line], lambda y: (line.set_ydata([y, y]), [line])[1])
        >>> fast = Blitter(live, pic.artists)
        >>> len(fast.show(pic, 0.5)), live.renders, len(fast.show(Picture(live.ax, [line], lambda: []))), live.renders
        (1, 1, 0, 1)
        """
        moved = picture.update(*data, **params)
        if list(picture.artists) != self._artists:
            self.artists = picture.artists
        if any(not a.get_animated() for a in moved):  # a static artist moved: the background is stale
            self.invalidate()
        if moved or self._background is None:
            self.refresh()
        return moved

    def _above(self) -> list:
        """Static artists that a full draw puts over a moving one (a zero line over bars, a legend
        over curves, the spines): left out of the background and drawn after the moving artists,
        so that a blitted frame has the pixels of a full render. Axis ticks and labels are not, nor
        a legend (drawing one costs 10-20 ms here): a picture whose moving artists can pass under its
        legend lists the legend among them."""
        from matplotlib.axis import Axis
        from matplotlib.legend import Legend

        moving, out = set(self._artists), []
        for ax in self.live.fig.axes:
            mine = [a.get_zorder() for a in self._artists if getattr(a, "axes", None) is ax]
            if mine:
                hidden = set() if ax.axison else set(ax.spines.values())  # an axes turned off draws no spine
                out += [c for c in ax.get_children() if c not in moving and c not in hidden and c is not ax.patch
                        and not isinstance(c, (Axis, Legend)) and c.get_zorder() > min(mine)]
        return out

    def refresh(self) -> None:
        """Redraw the moving artists over the cached background and push the PNG."""
        fig = self.live.fig
        full = self._background is None
        if full:
            for a in self._overlay:
                a.set_animated(False)
            self._overlay = self._above()
            for a in self._overlay:
                a.set_animated(True)
            fig.set_layout_engine(self._layout)
            self.canvas.draw()  # animated artists are left out of this full draw
            fig.set_layout_engine("none")  # freeze the layout just computed
            self._background = self.canvas.copy_from_bbox(fig.bbox)
        else:
            self.canvas.restore_region(self._background)
        # In z-order, as a full draw would, so that a blitted frame matches the static picture.
        for a in sorted([*self._artists, *self._overlay], key=lambda a: a.get_zorder()):
            if a.get_visible():
                fig.draw_artist(a)
        self.live.push(self.live.encode(), full=full)
