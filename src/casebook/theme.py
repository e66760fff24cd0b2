"""The casebook's look: one call that every chapter makes.

The theme is seaborn's ``talk`` context (type sized to be read from the back
of a classroom when the notebook is projected), a white grid, and the
colour-blind-safe ``colorblind`` palette (Waskom 2021, seaborn's palette of
ten colours that stay distinct under the common forms of colour blindness).

Examples
--------
>>> from casebook.theme import use_theme, PALETTE
>>> use_theme()
>>> len(PALETTE)
10
>>> import matplotlib as mpl
>>> mpl.rcParams["font.size"] >= 14
True
"""

from __future__ import annotations

__all__ = ["PALETTE", "TEXT_PALETTE", "use_theme", "role_colors", "text_color", "contrast_ratio"]

# seaborn's "colorblind" palette, written out so that models and tests can
# use the colours without importing seaborn.
PALETTE = [
    "#0173b2",
    "#de8f05",
    "#029e73",
    "#d55e00",
    "#cc78bc",
    "#ca9161",
    "#fbafe4",
    "#949494",
    "#ece133",
    "#56b4e9",
]


def _luminance(color: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(foreground: str, background: str = "#ffffff") -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21).

    Examples
    --------
    >>> round(contrast_ratio("#de8f05"), 2)  # the palette's orange as text on white
    2.61
    >>> contrast_ratio("#000000")
    21.0
    """
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_color(color: str, background: str = "#ffffff", minimum: float = 4.5) -> str:
    """The palette colour darkened just enough to be read as text (WCAG AA: 4.5:1 on ``background``).

    Marks (lines, bars) keep the colour-blind-safe palette; words in that colour
    use this text-safe variant of the same hue.

    Examples
    --------
    >>> text_color("#de8f05")
    '#a46903'
    >>> text_color("#0173b2")  # already dark enough
    '#0173b2'
    """
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    step = 0
    shade = color.lower()
    while contrast_ratio(shade, background) < minimum:
        step += 1
        f = 1 - step / 100
        shade = f"#{int(r * f):02x}{int(g * f):02x}{int(b * f):02x}"
    return shade


#: The palette as text colours: each hue darkened until it reads at 4.5:1 on white.
TEXT_PALETTE = [text_color(c) for c in PALETTE]


def use_theme(context: str = "talk", font_scale: float = 0.9) -> None:
    """Apply the casebook theme to matplotlib and seaborn (and, in IPython, alt text for figures).

    Parameters
    ----------
    context : {"talk", "notebook", "poster"}, default "talk"
        Seaborn plotting context. ``"talk"`` suits a projector.
    font_scale : float, default 0.9
        Multiplier on the context's font sizes.

    Examples
    --------
    >>> use_theme(context="notebook")
    """
    import matplotlib as mpl
    import seaborn as sns

    sns.set_theme(context=context, style="whitegrid", palette=PALETTE, font_scale=font_scale)
    mpl.rcParams.update(
        {
            "figure.figsize": (8.0, 4.5),
            "figure.dpi": 80,
            "savefig.dpi": 80,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            # Keep the text in SVG/PDF output as text, not paths.
            "svg.fonttype": "none",
            # A fixed hash salt makes SVG output identical from run to run.
            "svg.hashsalt": "casebook",
        }
    )
    # Figures shown by a chapter cell carry alt text made from their data (casebook.plotting.display).
    from casebook.plotting.display import register

    register()


def role_colors(roles) -> dict[str, str]:
    """Map each distinct label to a palette colour, in order of first appearance.

    Examples
    --------
    >>> role_colors(["SME", "nodal firm", "SME"])
    {'SME': '#0173b2', 'nodal firm': '#de8f05'}
    """
    colors: dict[str, str] = {}
    for role in roles:
        if role not in colors:
            colors[role] = PALETTE[len(colors) % len(PALETTE)]
    return colors
