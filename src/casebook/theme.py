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

__all__ = ["PALETTE", "use_theme", "role_colors"]

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


def use_theme(context: str = "talk", font_scale: float = 0.9) -> None:
    """Apply the casebook theme to matplotlib and seaborn.

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
