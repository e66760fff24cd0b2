"""Plots for chapter 09: the phase table with its unilateral-to-mutual shift, and an audit's urgencies."""

from __future__ import annotations

__all__ = ["draw_phase_table", "plot_phase_table", "draw_urgency", "plot_urgency", "mode_color"]


def _new_ax(ax, size):
    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=size, layout="constrained").subplots()
    return ax


def mode_color(mutual: float) -> tuple[float, float, float]:
    """Colour between unilateral (palette orange) and mutual (palette blue).

    Examples
    --------
    >>> [round(c, 3) for c in mode_color(0.0)] == [round(c, 3) for c in mode_color(0.0)]
    True
    >>> mode_color(1.0) != mode_color(0.0)
    True
    """
    from matplotlib.colors import to_rgb

    from casebook.theme import PALETTE

    a, b = to_rgb(PALETTE[1]), to_rgb(PALETTE[0])
    m = min(max(float(mutual), 0.0), 1.0)
    return tuple(x + (y - x) * m for x, y in zip(a, b))


def draw_phase_table(shift, dimensions, ax=None, highlight=None):
    """Table 2 as a grid (dimensions x phases) with the learning mode drawn below.

    Each column is shaded from orange (unilateral learning) to blue
    (mutual learning) by the phase's mutual share; under the grid, one bar
    per phase splits into its unilateral and mutual shares.

    Parameters
    ----------
    shift : pandas.DataFrame
        :func:`casebook.models.phases.shift_table` (columns ``name``, ``mutual``,
        ``unilateral``, ``mode_label``), one row per phase in order.
    dimensions : sequence of str
        Row labels (the five dimensions' names).
    ax : matplotlib Axes, optional
    highlight : tuple of int, optional
        ``(column, row)`` of a cell to frame, with its phase's mode bar (None: no frame).

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(highlight=(column, row))`` moves the two frames
        (``parts["frames"]``: ``cell`` and ``mode``). Cell ``(row, col)`` is the
        Rectangle ``ax.patches[row * n_phases + col]``; the frames come last.

    Examples
    --------
    >>> from casebook.models.phases import shift_table, load_phases
    >>> pic = draw_phase_table(shift_table(), [d.name for d in load_phases().dimensions], highlight=(1, 2))
    >>> len(pic.ax.patches), pic.parts["frames"]["cell"].get_xy()
    (30, (1.02, 2.03))
    """
    import textwrap

    from matplotlib.patches import Rectangle

    ax = _new_ax(ax, (8.0, 5.0))
    n = len(shift)
    dims = list(dimensions)
    for r, _ in enumerate(dims):
        for c in range(n):
            m = float(shift["mutual"].iloc[c])
            ax.add_patch(Rectangle((c + 0.04, r + 0.06), 0.92, 0.88, facecolor=mode_color(m), alpha=0.35,
                                   edgecolor="white", linewidth=1))
    y = len(dims) + 0.35
    for c in range(n):
        u, m = float(shift["unilateral"].iloc[c]), float(shift["mutual"].iloc[c])
        ax.add_patch(Rectangle((c + 0.04, y), 0.92 * u, 0.6, facecolor=mode_color(0.0)))
        ax.add_patch(Rectangle((c + 0.04 + 0.92 * u, y), 0.92 * m, 0.6, facecolor=mode_color(1.0)))
        label = textwrap.fill(str(shift["mode_label"].iloc[c]), 20)
        ax.text(c + 0.5, y + 0.95, label, ha="center", va="top", fontsize=8)
    ax.set_xlim(0, n)
    ax.set_ylim(len(dims) + 1.7, 0)
    ax.set_xticks([c + 0.5 for c in range(n)])
    ax.set_xticklabels([f"{i + 1}. {s}".replace(" and partner", "\nand partner").replace(" to relationship",
                                                                                          "\nto relationship")
                        for i, s in enumerate(shift["name"])], fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks([r + 0.5 for r in range(len(dims))] + [y + 0.3])
    ax.set_yticklabels(dims + ["Learning mode"], fontsize=10)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.set_title("Learning priorities by phase (Serrat 2009, Table 2, after Iyer 2002)", fontsize=11)
    from casebook.plotting.picture import Picture

    cell = Rectangle((0, 0), 1, 1, fill=False, edgecolor="black", linewidth=3, zorder=5, visible=False)
    mode = Rectangle((0, len(dims) + 0.3), 1, 0.7, fill=False, edgecolor="black", linewidth=2, zorder=5,
                     visible=False)
    ax.add_patch(cell)
    ax.add_patch(mode)

    def move(highlight=None):
        cell.set_visible(highlight is not None)
        mode.set_visible(highlight is not None)
        if highlight is not None:
            c, r = highlight
            cell.set_xy((c + 0.02, r + 0.03))
            cell.set_width(0.96)
            cell.set_height(0.94)
            mode.set_xy((c + 0.02, len(dims) + 0.31))
            mode.set_width(0.96)
        return [cell, mode]

    pic = Picture(ax, [cell, mode], move, {"frames": {"cell": cell, "mode": mode}})
    pic.update(highlight=highlight)
    return pic


def plot_phase_table(shift, dimensions, ax=None):
    """The phase table (:func:`draw_phase_table`, no frame), returning only the Axes.

    Examples
    --------
    >>> from casebook.models.phases import shift_table, load_phases
    >>> len(plot_phase_table(shift_table(), [d.name for d in load_phases().dimensions]).patches)
    30
    """
    return draw_phase_table(shift, dimensions, ax=ax).ax


def draw_urgency(urgency, names=None, ax=None):
    """Horizontal bars: the urgency :math:`u_d` of each learning dimension (0 to 1).

    Parameters
    ----------
    urgency : mapping of dimension key to urgency, in display order
    names : mapping of key to label, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    casebook.plotting.picture.Picture
        ``update(urgency)`` (same keys) moves the bars; ``parts["bars"]`` is ``ax.containers[0]``.

    Examples
    --------
    >>> pic = draw_urgency({"skills": 1.0, "goals": 0.25})
    >>> [round(float(b.get_width()), 2) for b in pic.parts["bars"]]
    [1.0, 0.25]
    >>> _ = pic.update({"skills": 0.5, "goals": 0.0}); [b.get_width() for b in pic.parts["bars"]]
    [0.5, 0.0]
    """
    ax = _new_ax(ax, (6.0, 3.2))
    keys = list(urgency)
    labels = [(names or {}).get(k, k) for k in keys]
    from casebook.theme import PALETTE

    from casebook.plotting.picture import Picture

    bars = ax.barh(range(len(keys)), [0.0] * len(keys), color=PALETTE[3])
    ax.set_yticks(range(len(keys)))
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("urgency $u_d$ (0 = no gap, 1 = largest gap)")
    ax.set_title("Where the alliance's learning gaps bite", fontsize=11)

    def move(urgency):
        for bar, k in zip(bars, keys):
            bar.set_width(float(urgency[k]))
        return list(bars)

    pic = Picture(ax, list(bars), move, {"bars": bars})
    pic.update(urgency)
    return pic


def plot_urgency(urgency, names=None, ax=None):
    """The urgency bars (:func:`draw_urgency`), returning only the Axes (``ax.containers[0]``: the bars).

    Examples
    --------
    >>> len(plot_urgency({"skills": 1.0}).containers[0])
    1
    """
    return draw_urgency(urgency, names, ax=ax).ax
