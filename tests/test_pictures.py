"""One drawing per picture: a static picture and the live widget's picture of the same inputs have the same pixels.

For each picture family the widget is built (and, where its layout does not
depend on the data, moved by a control), then the same plotting function
draws the same data once on a fresh figure of the widget's size and
resolution, as a chapter cell would. The widget's PNG (blitted: background
drawn once, moving artists drawn over it in z-order) must match the full
render. The Blitter leaves out of the background every static artist that a
full draw puts above a moving one (a zero line, a legend, the spines) and
draws it after them, so the two are pixel-identical for every family but the
audit's urgency bars, where 0.004% of the pixels differ by at most 11 of 255
(a tick mark at the bars' base, which is part of an axis and stays in the
background). Tolerance: at most ``MAX_CHANGED`` of the pixels may differ, none
by more than ``MAX_LEVEL`` of 255 in a channel.

Rendering is deterministic: moving a widget away and back gives the same bytes.
"""

from __future__ import annotations

import io

import numpy as np
import pytest

MAX_CHANGED = 0.0005  # share of pixels that may differ at all (0.05%)
MAX_LEVEL = 16        # largest difference allowed in one channel of one pixel, of 255


def live_pixels(box):
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(box.outputs["figure"].image.value)).convert("RGB")).astype(int)


def static_axes(box, ncols=1):
    """A new figure as a chapter cell would make it: the widget's size and resolution, constrained layout."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    live = box.outputs["figure"]
    fig = Figure(figsize=tuple(live.fig.get_size_inches()), dpi=live.dpi, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.subplots(1, ncols, squeeze=False).ravel()


def pixels(fig):
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)


def assert_same_picture(box, fig):
    live, static = live_pixels(box), pixels(fig)
    assert live.shape == static.shape
    d = np.abs(live - static).max(axis=2)
    changed = float((d > 0).mean())
    assert changed <= MAX_CHANGED and d.max() <= MAX_LEVEL, (changed, int(d.max()))
    return changed, int(d.max())


def test_spiral():
    from casebook.models.knowledge import spiral
    from casebook.plotting.knowledge import draw_spiral
    from casebook.widgets.knowledge import build_spiral

    box = build_spiral()
    box.controls["personnel"].value = 0.8
    box.controls["tacit_share"].value = 0.7
    fig, (ax,) = static_axes(box)
    draw_spiral(spiral(**{k: c.value for k, c in box.controls.items()}), ax=ax, ymax=1.2 ** 2 * 1.05,
                title="Knowledge at each level")
    assert_same_picture(box, fig)


def test_route_scores():
    from casebook.models.governance import Situation, choose
    from casebook.plotting.governance import draw_route_scores
    from casebook.widgets.governance import build_chooser

    box = build_chooser()
    box.controls["knowledge"].value = "architectural"
    fig, (ax,) = static_axes(box)
    draw_route_scores(choose(Situation(**{k: c.value for k, c in box.controls.items()})), ax=ax)
    assert_same_picture(box, fig)


def test_profiles(tmp_path):
    from casebook.plotting.diagnostic import draw_profiles
    from casebook.widgets.diagnostic import _partial_scores, build_diagnostic

    box = build_diagnostic(home=tmp_path)
    for q in [q for q in box.controls if "." in q][::3]:
        box.controls[q].value = 2 + len(q) % 4
    fig, (ax,) = static_axes(box)
    answers = {q: c.value for q, c in box.controls.items() if "." in q}
    draw_profiles([_partial_scores(answers), *box.case_profiles], ax=ax, label="Your alliance")
    assert_same_picture(box, fig)


def test_transfer():
    from casebook.models import transfer as t
    from casebook.plotting.transfer import draw_transfer
    from casebook.widgets.transfer import build_learning_plan

    box = build_learning_plan()
    box.controls["rotations"].value = 2
    box.controls["trust"].value = 0.9
    c = {k: v.value for k, v in box.controls.items()}
    plan = t.LearningPlan(**{p: c[p] for p in t.LEVERS}, budget=t.DEFAULT_BUDGET)
    factors = t.Factors(**{n: c[n] for n in ("flexible_objectives", "leadership", "trust", "redundancy",
                                             "creative_chaos", "myopia")})
    v = t.VIGNETTES[c["vignette"]]
    fig, (ax,) = static_axes(box)
    draw_transfer(t.simulate(plan, factors, c["vignette"], t.HORIZON), ax=ax, pool=(v.explicit, v.tacit))
    assert_same_picture(box, fig)


def test_race_panels():
    from casebook.plotting.races import draw_race_panels
    from casebook.widgets.races import build_learning_race

    box = build_learning_race("nummi")
    box.controls["b_intent"].value = 0.3
    race = box.race()
    fig, axes = static_axes(box, ncols=3)
    draw_race_panels(race.simulate(years=25.0, dt=0.05), axes=axes, instability=race.instability()["time"],
                     threshold=race.threshold, years=25.0)
    assert_same_picture(box, fig)


@pytest.mark.parametrize("beta", [0.2, 0.9])
def test_cluster_gains(beta):
    from casebook.plotting.spillovers import draw_cluster_gains
    from casebook.widgets.spillovers import build_cluster_explorer

    box = build_cluster_explorer(beta=beta)  # built with the inputs: its y-axis layout is the static one's
    df = box.table()
    fig, (ax,) = static_axes(box)
    draw_cluster_gains(df.iloc[[0, len(df) - 1]], ax=ax, labels=["a strong firm", "a weak firm"])
    assert_same_picture(box, fig)


def test_leak_or_share():
    from casebook.models import spillovers as sp
    from casebook.plotting.spillovers import draw_leak_or_share
    from casebook.widgets.spillovers import build_leak_or_share

    box = build_leak_or_share(spillover=0.7, rd_cost=8.0)
    fig, (ax,) = static_axes(box)
    draw_leak_or_share(sp.rd_cooperation(np.linspace(0, 1, 101), rd_cost=8.0), ax=ax,
                       point=sp.rd_cooperation(0.7, rd_cost=8.0).iloc[0])
    assert_same_picture(box, fig)


def test_cluster_over_time():
    from casebook.plotting.spillovers import draw_cluster_over_time
    from casebook.widgets.spillovers import build_cluster_over_time

    box = build_cluster_over_time()
    box.controls["beta"].value = 0.5
    df = box.data()
    fig, axes = static_axes(box, ncols=2)
    draw_cluster_over_time(df, "gamma", ax=axes[0], title="absorptive capacity γ", band=False, legend="lower right",
                           ylim=(0, 1.02))
    draw_cluster_over_time(df, "net", ax=axes[1], share_negative=True, title="share that would rather leave",
                           legend=False, ylim=(-0.02, 1.02))
    assert_same_picture(box, fig)


def test_network():
    from casebook.models.networks import exit_effect, structure
    from casebook.plotting.networks import draw_structure
    from casebook.widgets.networks import build_network_explorer

    box = build_network_explorer("branch", n=10)
    box.controls["exit"].value = 1
    G = structure("branch", n=10)
    fig, (ax,) = static_axes(box)
    draw_structure(G, ax=ax, legend="all", title=False, exited=1, stranded=exit_effect(G, 1).stranded)
    assert_same_picture(box, fig)


def test_phase_table():
    from casebook.models.phases import load_phases, shift_table
    from casebook.plotting.phases import draw_phase_table
    from casebook.widgets.phases import build_phase_explorer

    box = build_phase_explorer()
    box.controls["phase"].value = "expansion"
    t = load_phases()
    fig, (ax,) = static_axes(box)
    row = [x.key for x in t.dimensions].index(box.controls["dimension"].value)
    draw_phase_table(shift_table(t), [x.name for x in t.dimensions], ax=ax,
                     highlight=(t.phase("expansion").number - 1, row))
    assert_same_picture(box, fig)


def test_urgency(tmp_path):
    from casebook.models import audit as A
    from casebook.models.phases import load_phases
    from casebook.plotting.phases import draw_urgency
    from casebook.widgets.audit import build_audit

    box = build_audit(home=tmp_path)
    box.controls["score_culture"].value = 1.0
    t = load_phases()
    fig, (ax,) = static_axes(box)
    draw_urgency(A.urgencies(box.result().profile, t), {x.key: x.name for x in t.dimensions}, ax=ax)
    assert_same_picture(box, fig)


def test_assessment_heatmap():
    from casebook.cases import comparison_table
    from casebook.plotting.cases import draw_assessment_heatmap
    from casebook.widgets.cases import build_comparison_grid

    box = build_comparison_grid()
    box.controls["dimension"].value = "tacitness"
    fig, (ax,) = static_axes(box)
    draw_assessment_heatmap(comparison_table(), ax=ax, highlight=(box.controls["case"].value, "tacitness"))
    assert_same_picture(box, fig)


def test_exhibit():
    from casebook.cases import load_all
    from casebook.plotting.cases import draw_exhibit
    from casebook.widgets.cases import build_case_explorer

    box = build_case_explorer()
    cases = load_all()
    cid, ex = next((i, e.id) for i, c in cases.items() for e in c.exhibits
                   if c.exhibit(e.id).select_dtypes("number").shape[1] and i != box.controls["case"].value)
    box.controls["case"].value = cid
    box.controls["exhibit"].value = ex
    case = cases[cid]
    meta = case.exhibit_meta(ex)
    fig, (ax,) = static_axes(box)
    draw_exhibit(case.exhibit(ex), ax=ax, title=meta.title, units={c.name: c.unit for c in meta.columns if c.unit})
    assert_same_picture(box, fig)


def test_live_frames_are_deterministic():
    """The same inputs give the same PNG bytes, whatever the widget showed before (kernel-free frames rely on it)."""
    from casebook.widgets.races import build_learning_race
    from casebook.widgets.spillovers import build_cluster_explorer

    for box, name, values in ((build_learning_race("nummi"), "a_intent", (0.2, 0.9, 0.2)),
                              (build_cluster_explorer(), "beta", (0.3, 0.95, 0.3))):
        shots = []
        for v in values:
            box.controls[name].value = v
            shots.append(box.outputs["figure"].image.value)
        assert shots[0] == shots[2] and shots[0] != shots[1]
