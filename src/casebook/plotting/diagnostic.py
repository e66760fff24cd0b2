"""Profile chart of Inkpen's six objectives (chapter 03)."""

from __future__ import annotations

__all__ = ["draw_profiles", "plot_profiles"]

_MARKERS = ["o", "s", "D", "^"]


def _bar_values(first):
    """The bars' heights: a Profile's scores, or a mapping of objective key to score (None: not rated, no bar)."""
    from casebook.models.diagnostic import OBJECTIVES

    if hasattr(first, "values") and hasattr(first, "label"):
        return [float(v) for v in first.values()]
    return [0.0 if first.get(o.key) is None else float(first[o.key]) for o in OBJECTIVES]


def draw_profiles(profiles, ax=None, label: str = "Your alliance"):
    """Draw one or more diagnostic profiles over the six objectives.

    The first profile is drawn as bars (the student's alliance); the others
    as lines with markers (cases to compare with).

    Parameters
    ----------
    profiles : sequence
        First a :class:`casebook.models.diagnostic.Profile` or a mapping of
        objective key to score (None for an objective not rated yet: no bar),
        then any number of Profiles.
    ax : matplotlib Axes, optional
    label : str
        Legend label of the bars when the first entry is a mapping.

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(profiles)`` (same shape) moves the bars (the moving artists) and any case line
        whose profile changed (a static artist: the caller redraws the background);
        ``parts["bars"]`` is ``ax.containers[0]``, ``parts["lines"]`` one line
        per further profile (``ax.lines``, in order).

    Examples
    --------
    >>> from casebook.models.diagnostic import Profile, score, full_answers
    >>> you = score(full_answers(4), label="You")
    >>> case = Profile("Case", dict(zip(you.keys(), [5, 4, 1, 4, 3, 2])))
    >>> pic = draw_profiles([you, case])
    >>> len(pic.parts["bars"]), len(pic.parts["lines"])
    (6, 1)
    >>> _ = pic.update([{"value": 2.0}, case]); [b.get_height() for b in pic.parts["bars"]][:2]
    [2.0, 0.0]
    """
    from casebook.models.diagnostic import OBJECTIVES
    from casebook.plotting.picture import Picture, new_axes
    from casebook.theme import PALETTE

    ax = new_axes(ax, (8, 4.5))
    profiles = list(profiles)
    if not profiles:
        raise ValueError("plot_profiles needs at least one profile")
    x = list(range(len(OBJECTIVES)))
    first = profiles[0]
    bars = ax.bar(x, [0.0] * len(x), width=0.6, color=PALETTE[0], alpha=0.8, label=getattr(first, "label", label))
    lines = [ax.plot(x, [0.0] * len(x), marker=_MARKERS[(i - 1) % len(_MARKERS)], lw=2,
                     color=PALETTE[i % len(PALETTE)], label=prof.label)[0] for i, prof in enumerate(profiles[1:], 1)]
    ax.set_xticks(x, [f"{o.number}. {o.key}" for o in OBJECTIVES], rotation=20)
    ax.set_ylim(0, 5.3)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.set_ylabel("score (1 weak, 5 strong)")
    ax.set_title("Inkpen's six objectives")
    # Beside the axes: nothing that moves ever passes under it.
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False)

    def move(profiles):
        profiles = list(profiles)
        if len(profiles) != len(lines) + 1:
            raise ValueError(f"draw_profiles: update needs {len(lines) + 1} profiles, got {len(profiles)}")
        for bar, h in zip(bars, _bar_values(profiles[0])):
            bar.set_height(h)
        moved = list(bars)
        for line, prof in zip(lines, profiles[1:]):
            if list(line.get_ydata()) != prof.values():  # the cases compared rarely change: then they move too
                line.set_ydata(prof.values())
                moved.append(line)
        return moved

    pic = Picture(ax, list(bars), move, {"bars": bars, "lines": lines})
    pic.update(profiles)
    return pic


def plot_profiles(profiles, ax=None):
    """The profile chart (:func:`draw_profiles`), returning only the Axes.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.containers[0]`` holds the bars of the first profile and
        ``ax.lines`` one line per further profile (in order).

    Examples
    --------
    >>> from casebook.models.diagnostic import score, full_answers
    >>> len(plot_profiles([score(full_answers(3))]).containers[0])
    6
    """
    return draw_profiles(profiles, ax=ax).ax
