"""How a chapter shows a figure: with alternative text made from its data, and its numbers in the book.

:func:`register` (called by :func:`casebook.theme.use_theme`, which every chapter
runs first) teaches IPython one thing about matplotlib figures: the output
of a cell that shows a figure carries :func:`casebook.plotting.describe.describe`
as the PNG's ``alt`` metadata (the PDF and any viewer that reads it use it).
While the static book is built (``CASEBOOK_KERNEL_FREE=1``) and in the Voila
app (``CASEBOOK_PRESENT=1``), the output is also an HTML figure, the image with that alt text and, folded beneath it,
the table of the numbers behind the chart. The PNG is made here as well
(``bbox_inches="tight"``, as matplotlib's inline backend makes it), since the
casebook's figures are not pyplot figures and the inline backend may never
have been loaded.

Examples
--------
>>> from matplotlib.figure import Figure
>>> ax = Figure(figsize=(2, 1)).subplots()
>>> _ = ax.plot([0, 1], [0, 2], label="sales")
>>> data, meta = bundle(ax.figure, book=False)
>>> list(data), data["image/png"][:4], meta["image/png"]["alt"]
(['image/png'], b'\x89PNG', 'Line chart of values (0 to 1). sales goes from 0 to 2, between 0 and 2.')
>>> data, _ = bundle(ax.figure, book=True)
>>> data["text/html"].startswith('<figure class="cb-figure-static"><img src="data:image/png;base64,')
True
"""

from __future__ import annotations

import base64
import html

__all__ = ["register", "bundle"]

_ENV = "CASEBOOK_KERNEL_FREE"  # the same switch as casebook.widgets.frames.ENV (no widget import here)


def _book() -> bool:
    """The book being built, or the Voila app (``make present`` sets ``CASEBOOK_PRESENT``): HTML figures.

    JupyterLab and Voila draw an ``image/png`` output with no alt text whatever its metadata says;
    an HTML figure carries it.
    """
    from casebook.paths import env_flag

    return env_flag(_ENV) or env_flag("CASEBOOK_PRESENT")


def bundle(fig, book: bool | None = None):
    """``(data, metadata)`` for IPython's mimebundle formatter: the alt text, and in the book the HTML figure."""
    from casebook.plotting.describe import describe, numbers_html

    from IPython.core.pylabtools import print_figure

    alt = describe(fig)
    # The PNG itself too: a figure made with matplotlib.figure.Figure (not pyplot, so a chapter
    # shows it once) has no other formatter when pyplot was never imported.
    png = print_figure(fig, "png", bbox_inches="tight")
    data = {"image/png": png}
    if _book() if book is None else book:
        from casebook.plotting.picture import png_width

        width = png_width(png)
        data["text/html"] = (f'<figure class="cb-figure-static"><img src="data:image/png;base64,'
                             f'{base64.b64encode(png).decode("ascii")}" alt="{html.escape(alt)}" '
                             f'width="{width}" style="max-width:100%;height:auto">'
                             f'{numbers_html(fig)}</figure>')
    return data, {"image/png": {"alt": alt}}


def register(ip=None) -> bool:
    """Register :func:`bundle` for matplotlib figures in the running IPython (if any); True if it did."""
    if ip is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython comes with the notebook stack
            return False
        ip = get_ipython()
    if ip is None or not hasattr(ip, "display_formatter"):
        return False
    from matplotlib.figure import Figure

    ip.display_formatter.mimebundle_formatter.for_type(Figure, bundle)
    return True
