"""Plots of a class pool: choice splits, score distribution, Likert profiles.

Each takes data (never a file) and an optional ``ax`` and returns the axes.
Labels come from students' and authors' text, so they are cleaned first:
control characters dropped, ``$`` escaped (no accidental mathtext). Option
texts and Likert statements are wrapped onto several lines, never cut, so
that two options that differ only at the end stay distinguishable on a
projector (only hostile lengths, over a few hundred characters, are cut).

Examples
--------
>>> ax = plot_choice_splits({"ch05.gm": {"Stay": 3, "Exit": 1}})
>>> [round(float(p.get_width()), 2) for p in ax.patches]
[0.75, 0.25]
>>> [t.get_text() for t in ax.get_yticklabels()]
['ch05.gm (n = 4)', 'Stay', 'Exit']
"""

from __future__ import annotations

import math
import re
import textwrap

__all__ = ["plot_choice_splits", "plot_scores", "plot_likert_profiles", "clean_label",
           "wrap_label", "choice_splits_height", "MAX_OPTIONS"]

# Options shown per decision point; the rarest beyond this are pooled as "other answers".
MAX_OPTIONS = 8
# Inches per line of label text at the dashboard's label size, and per bar.
_LINE_IN, _ROW_PAD_IN = 0.21, 0.14
_FONT = 11

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


def wrap_label(text, width: int = 48, limit: int = 300) -> str:
    """Text safe for a matplotlib label, wrapped onto lines of at most ``width`` characters.

    Nothing is cut below ``limit`` characters (a guard against hostile input).

    Examples
    --------
    >>> print(wrap_label("Sign, and invest in a learning team at the plant", width=24))
    Sign, and invest in a
    learning team at the
    plant
    >>> wrap_label("costs $5")
    'costs \\\\$5'
    """
    text = " ".join(_CONTROL.sub(" ", str(text)).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    lines = textwrap.wrap(text, width=width, break_on_hyphens=False) or [""]
    return "\n".join(lines).replace("$", r"\$")


def _split_rows(splits, prompts=None, width: int = 48):
    """``[(label, count, share, total)]`` per row; headings have ``count`` ``None``."""
    prompts = prompts or {}
    rows = []
    for qid, counts in splits.items():
        total = sum(counts.values())
        if total <= 0:
            continue
        items = list(counts.items())
        if len(items) > MAX_OPTIONS:
            rest = items[MAX_OPTIONS - 1:]
            items = items[: MAX_OPTIONS - 1] + [
                (f"other answers ({len(rest)} different)", sum(n for _, n in rest))]
        prompt = prompts.get(qid)
        head = f"{qid}: {prompt}" if isinstance(prompt, str) and prompt.strip() else str(qid)
        rows.append((wrap_label(f"{head} (n = {total})", width=width + 16), None, None, total))
        rows += [(wrap_label(option, width=width), n, n / total, total) for option, n in items]
    return rows


def choice_splits_height(splits, prompts=None) -> float:
    """The height in inches :func:`plot_choice_splits` needs to show every label in full.

    Examples
    --------
    >>> choice_splits_height({"q": {"a": 1}}) < choice_splits_height({"q": {"a": 1, "b": 2}})
    True
    """
    rows = _split_rows(splits, prompts)
    lines = sum(label.count("\n") + 1 for label, *_ in rows)
    return 1.2 + _LINE_IN * lines + _ROW_PAD_IN * len(rows)


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


def plot_choice_splits(splits, ax=None, prompts=None):
    """Horizontal bars: the share of students choosing each option, per decision point.

    Each decision point gets a bold heading row (its id, its question when
    ``prompts`` has it, and ``n``), then one bar per option, labelled with the
    option's full text wrapped onto several lines and with its count and
    share. At most :data:`MAX_OPTIONS` bars per decision point.

    Parameters
    ----------
    splits : dict
        ``{qid: {option: count}}`` (as :meth:`casebook.classroom.pool.ClassPool.splits`).
    ax : matplotlib Axes, optional
    prompts : dict, optional
        ``{qid: question text}`` (as :meth:`casebook.classroom.pool.ClassPool.prompts`).

    Examples
    --------
    >>> ax = plot_choice_splits({"ch05.gm": {"Sign, and invest in learning": 2,
    ...                                      "Sign, but treat it as a car source": 1}})
    >>> [t.get_text().replace("\\n", " ") for t in ax.get_yticklabels()][1:]
    ['Sign, and invest in learning', 'Sign, but treat it as a car source']
    """
    from matplotlib.ticker import PercentFormatter

    from casebook.theme import PALETTE

    ax = _axes(ax)
    rows = _split_rows(splits, prompts)
    if not rows:
        return _empty(ax, "no decision points answered")
    # Each row is as tall as its label: y positions accumulate label heights.
    ys, y = [], 0.0
    for label, *_ in rows:
        height = label.count("\n") + 1
        ys.append(y + height / 2)
        y += height + 0.6
    k = 0
    for (label, n, share, _total), yc in zip(rows, ys):
        if n is None:
            k = 0
            continue
        bar_h = min(1.2, 0.8 * (label.count("\n") + 1))
        ax.barh(yc, share, height=bar_h, color=PALETTE[k % len(PALETTE)], edgecolor="white")
        ax.text(share + 0.01, yc, f"{n} ({share:.0%})", ha="left", va="center", fontsize=_FONT)
        k += 1
    ax.set_yticks(ys, [label for label, *_ in rows], fontsize=_FONT)
    for tick, (_label, n, *_rest) in zip(ax.get_yticklabels(), rows):
        if n is None:
            tick.set_fontweight("bold")
    ax.set_ylim(y - 0.3, -0.6)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, 1.15)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
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
        labels += [wrap_label(f"{qid}: {s}", width=44, limit=200) for s in prof["statements"]]
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
