"""Profile chart of Inkpen's six objectives (chapter 03)."""

from __future__ import annotations

__all__ = ["plot_profiles"]

_MARKERS = ["o", "s", "D", "^"]


def plot_profiles(profiles, ax=None):
    """Draw one or more diagnostic profiles over the six objectives.

    The first profile is drawn as bars (the student's alliance); the others
    as lines with markers (cases to compare with).

    Parameters
    ----------
    profiles : sequence of casebook.models.diagnostic.Profile
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.containers[0]`` holds the bars of the first profile and
        ``ax.lines`` one line per further profile (in order), so a widget can
        move them in place.

    Examples
    --------
    >>> from casebook.models.diagnostic import Profile, score, full_answers
    >>> you = score(full_answers(4), label="You")
    >>> case = Profile("Case", dict(zip(you.keys(), [5, 4, 1, 4, 3, 2])))
    >>> ax = plot_profiles([you, case])
    >>> len(ax.containers[0]), len(ax.lines)
    (6, 1)
    """
    from casebook.models.diagnostic import OBJECTIVES
    from casebook.theme import PALETTE

    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=(8, 4.5), layout="constrained").subplots()
    profiles = list(profiles)
    if not profiles:
        raise ValueError("plot_profiles needs at least one profile")
    x = list(range(len(OBJECTIVES)))
    first = profiles[0]
    ax.bar(x, first.values(), width=0.6, color=PALETTE[0], alpha=0.8, label=first.label)
    for i, prof in enumerate(profiles[1:], 1):
        ax.plot(x, prof.values(), marker=_MARKERS[(i - 1) % len(_MARKERS)], lw=2,
                color=PALETTE[i % len(PALETTE)], label=prof.label)
    ax.set_xticks(x, [f"{o.number}. {o.key}" for o in OBJECTIVES], rotation=20)
    ax.set_ylim(0, 5.3)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.set_ylabel("score (1 weak, 5 strong)")
    ax.set_title("Inkpen's six objectives")
    ax.legend(loc="lower left", fontsize="small", framealpha=0.9)
    return ax
