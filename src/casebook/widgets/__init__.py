"""Widget builders: each connects controls to a model and a plot.

A builder returns the widget and never displays it; the chapter cell that
calls it displays it (so the same builder serves a notebook, Voila, the
book and the headless tests). Every panel carries a stable CSS class
(``cb-...``) that the browser tests select on.

The shared plumbing is :class:`casebook.widgets.figure.LiveFigure`: a
matplotlib figure kept alive between updates whose PNG is pushed into an
``ipywidgets.Image``, so a slider tick only moves artists and re-renders,
never rebuilds the figure.
"""

from casebook.widgets.figure import Blitter, LiveFigure, panel

__all__ = ["Blitter", "LiveFigure", "panel"]
