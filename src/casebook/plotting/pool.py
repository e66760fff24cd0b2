"""Plots of a class pool: choice splits, score distribution, Likert profiles.

Each takes data (never a file) and an optional ``ax`` and returns the axes.
Labels come from students' and authors' text, so they are cleaned first:
control characters dropped, ``$`` escaped (no accidental mathtext), long
labels shortened.

Examples
--------
>>> ax = plot_choice_splits({"ch05.gm": {"Stay": 3, "Exit": 1}})
>>> [round(float(p.get_width()), 2) for p in ax.patches]
[0.75, 0.25]
"""

from __future__ import annotations

import math
import re

__all__ = ["plot_choice_splits", "plot_scores", "plot_likert_profiles", "clean_label"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def clean_label(text, limit: int = 38) -> str:
    """Text safe for a matplotlib label.

    Examples
    --------
    >>> clean_label("costs $5\\n and more than you would think at first sight", limit=20)
    'costs \\\\$5 and more t…'
    """
    text = " ".join(_CONTROL.sub(" ", str(text)).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("$", r"\$")


def _axes(ax):
    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=(6, 4), layout="constrained").subplots()
    return ax


def _empty(ax, message):
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def plot_choice_splits(splits, ax=None):
    """Stacked horizontal bars: the share of students choosing each option, per decision point.

    Parameters
    ----------
    splits : dict
        ``{qid: {option: count}}`` (as :meth:`casebook.pool.ClassPool.splits`).
    ax : matplotlib Axes, optional
    """
    from casebook.theme import PALETTE

    ax = _axes(ax)
    splits = {q: c for q, c in splits.items() if sum(c.values()) > 0}
    if not splits:
        return _empty(ax, "no decision points answered")
    qids = list(splits)
    for row, qid in enumerate(qids):
        total = sum(splits[qid].values())
        left = 0.0
        for k, (option, n) in enumerate(splits[qid].items()):
            share = n / total
            ax.barh(row, share, left=left, color=PALETTE[k % len(PALETTE)], edgecolor="white")
            if share >= 0.12:
                ax.text(left + share / 2, row, f"{clean_label(option, 14)}\n{n}",
                        ha="center", va="center", fontsize=8, color="white")
            left += share
    ax.set_yticks(range(len(qids)), [clean_label(q, 24) for q in qids])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of students")
    ax.set_title("Decision points: how the class split")
    return ax


def plot_scores(scores, ax=None, bins: int = 10):
    """Histogram of students' mean scores (0..1).

    Parameters
    ----------
    scores : dict or sequence
        ``{student: score}`` or a list of scores.

    Examples
    --------
    >>> ax = plot_scores({"a": 1.0, "b": 0.5, "c": 0.55})
    >>> int(sum(p.get_height() for p in ax.patches))
    3
    """
    ax = _axes(ax)
    values = [float(v) for v in (scores.values() if hasattr(scores, "values") else scores)
              if v is not None and math.isfinite(float(v))]
    if not values:
        return _empty(ax, "no scored answers")
    from matplotlib.ticker import MaxNLocator

    ax.hist(values, bins=bins, range=(0, 1), color="#0173b2", edgecolor="white")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, 1)
    ax.set_xlabel("mean score")
    ax.set_ylabel("students")
    ax.set_title(f"Scores (n = {len(values)})")
    return ax


def plot_likert_profiles(profiles, ax=None):
    """Mean rating per statement, one line per Likert question.

    Parameters
    ----------
    profiles : dict
        ``{qid: {"statements": [...], "means": [...], "n": int, "scale": int}}``.

    Examples
    --------
    >>> ax = plot_likert_profiles({"ch03.t": {"statements": ["a", "b"], "means": [4.0, 2.5],
    ...                                       "n": 2, "scale": 5}})
    >>> [float(x) for x in ax.lines[0].get_xdata()]
    [4.0, 2.5]
    """
    from casebook.theme import PALETTE

    ax = _axes(ax)
    if not profiles:
        return _empty(ax, "no Likert questions answered")
    labels, scale = [], 5
    for k, (qid, prof) in enumerate(profiles.items()):
        start = len(labels)
        labels += [f"{clean_label(qid, 14)}: {clean_label(s, 22)}" for s in prof["statements"]]
        ys = list(range(start, len(labels)))
        ax.plot(prof["means"], ys, "o-", color=PALETTE[k % len(PALETTE)],
                label=f"{clean_label(qid, 20)} (n = {prof['n']})")
        scale = max(scale, int(prof.get("scale", 5)))
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0.5, scale + 0.5)
    ax.set_xlabel("mean rating")
    ax.set_title("Likert profiles")
    ax.legend(fontsize=8, loc="lower right")
    return ax
