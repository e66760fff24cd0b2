"""Writing the class pool's files: the summary and counts CSVs, the dashboard and the pool JSON."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from casebook.classroom.pool.classpool import ClassPool, MAX_BYTES, OUTPUT_NAMES
from casebook.classroom.pool.handins import read_handins

__all__ = ['write_dashboard', 'pool']

def write_dashboard(class_pool: ClassPool, path) -> Path:
    """Write the dashboard PNG (choice splits, score distribution, Likert profiles)."""
    from matplotlib.figure import Figure

    from casebook.plotting.pool import plot_choice_splits, plot_likert_profiles, plot_scores

    from casebook.plotting.pool import choice_splits_height, wrap_label

    splits, prompts = class_pool.splits(), class_pool.prompts()
    profiles = class_pool.likert_profiles()
    top = max(3.0, choice_splits_height(splits, prompts))
    likert_lines = sum(wrap_label(f"{q}: {st}", width=44, limit=200).count("\n") + 1
                       for q, p in profiles.items() for st in p["statements"])
    bottom = max(4.5, 1.5 + 0.25 * likert_lines)
    # The splits get the full width (long option texts, wrapped); scores and Likert share
    # the row below. Two subfigures, so that the long labels above do not squeeze the row below.
    fig = Figure(figsize=(15, top + bottom), dpi=80, layout="constrained")
    upper, lower = fig.subfigures(2, 1, height_ratios=[top, bottom])
    plot_choice_splits(splits, ax=upper.subplots(), prompts=prompts)
    ax_scores, ax_likert = lower.subplots(1, 2, width_ratios=[1, 1.6])
    plot_scores(class_pool.scores(), ax=ax_scores)
    plot_likert_profiles(profiles, ax=ax_likert)
    fig.suptitle(f"Class pool: {len(class_pool.students)} students")
    path = Path(path)
    with warnings.catch_warnings():
        # students may type characters the plot font lacks; they show as boxes
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        fig.savefig(path, format="png", metadata={"Software": None})
    return path


def pool(folder, out=None, max_bytes: int = MAX_BYTES) -> ClassPool:
    """Read a folder of hand-ins and write the class summary and counts CSVs, dashboard and pool file.

    Parameters
    ----------
    folder : path
        Folder of ``*.casebook.json`` hand-in files.
    out : path, optional
        Where to write ``class_summary.csv``, ``class_counts.csv``,
        ``class_dashboard.png`` and ``class_pool.json`` (default: the current
        folder).
    max_bytes : int
        Files larger than this are skipped (and reported).

    Returns
    -------
    ClassPool
        With ``problems`` (one line per skipped or odd file) and ``paths``.
    """
    from casebook.classroom.answers import atomic_write_text

    class_pool = read_handins(folder, max_bytes=max_bytes)
    out = Path(out) if out is not None else Path.cwd()
    out.mkdir(parents=True, exist_ok=True)
    csv_path, counts_path, png_path, json_path = (out / n for n in OUTPUT_NAMES)
    atomic_write_text(csv_path, class_pool.to_csv())
    atomic_write_text(counts_path, class_pool.to_counts_csv())
    atomic_write_text(json_path, json.dumps(class_pool.to_json(), ensure_ascii=False,
                                            sort_keys=True, indent=1))
    write_dashboard(class_pool, png_path)
    class_pool.paths = {"csv": csv_path, "counts": counts_path, "dashboard": png_path,
                        "pool": json_path}
    return class_pool



