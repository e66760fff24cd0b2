"""Headless tests of the chapter 08 network explorer and plots."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from casebook.models.networks import KINDS, compare, exit_effect, firms, structure, structure_metrics
from casebook.plotting.networks import ROLE_COLORS, plot_comparison, plot_structure, update_structure
from casebook.theme import role_colors
from casebook.widgets.networks import build_network_explorer, summary_html


def test_builds_with_defaults_and_follows_the_contract():
    box = build_network_explorer()
    assert "cb-network-explorer" in box._dom_classes
    assert set(box.controls) == {"kind", "n", "two_way", "barrier", "exit"}
    for name, c in box.controls.items():
        assert c.description and f"cb-control-{name}" in c._dom_classes
    assert set(box.outputs) == {"figure", "summary"}
    live = box.outputs["figure"]
    assert live.image.value[:4] == b"\x89PNG" and live.renders == 1
    assert "Circuit (non-nodal)" in box.outputs["summary"].value
    assert "no cut point" in box.outputs["summary"].value


def test_roles_are_coloured_with_the_theme():
    assert ROLE_COLORS == role_colors(["SME", "nodal firm", "large firm", "subsidiary", "research institution"])
    G = structure("branch", n=9)
    ax = plot_structure(G)
    faces = ax.cb_nodes.get_facecolors()
    for i, v in enumerate(ax.cb_order):
        assert tuple(faces[i]) == to_rgba(ROLE_COLORS[G.nodes[v]["role"]])
    assert tuple(ax.cb_institution.get_facecolors()[0]) == to_rgba(ROLE_COLORS["research institution"])


def test_layout_is_deterministic():
    a = plot_structure(structure("circuit_branch", n=14)).cb_nodes.get_offsets()
    b = plot_structure(structure("circuit_branch", n=14)).cb_nodes.get_offsets()
    assert np.array_equal(np.asarray(a), np.asarray(b))


def test_choosing_a_structure_rebuilds_the_drawing_and_the_metrics():
    box = build_network_explorer()
    live = box.outputs["figure"]
    ax = live.ax
    box.controls["kind"].value = "branch"
    box.controls["n"].value = 13
    m = structure_metrics(structure("branch", n=13))
    assert len(ax.cb_nodes.get_offsets()) == 13
    assert len(ax.collections) == 3  # edges, firms, institution: old artists were removed
    html = box.outputs["summary"].value
    assert "<b>Branch</b>, 13 firms" in html
    assert f"{m.betweenness_centralization:.2f}" in html
    assert f"Cut points: {len(m.cut_points)}" in html
    assert live.renders == 3
    # the exit menu lists exactly this structure's firms
    values = [v for _, v in box.controls["exit"].options]
    assert values == [None, *firms(structure("branch", n=13))]


def test_exit_restyles_in_place_and_reports_the_stranded_firms():
    box = build_network_explorer("branch", 10)
    ax = box.outputs["figure"].ax
    nodes, edges = ax.cb_nodes, ax.cb_edges
    renders = box.outputs["figure"].renders
    box.controls["exit"].value = 1
    assert ax.cb_nodes is nodes and ax.cb_edges is edges  # same artists, restyled
    e = exit_effect(structure("branch", n=10), 1)
    i = ax.cb_order.index(1)
    assert nodes.get_facecolors()[i][3] < 0.5
    for v in e.stranded:
        assert nodes.get_linewidths()[ax.cb_order.index(v)] == 3.0
    faded = [k for k, (a, b) in enumerate(ax.cb_edge_list) if 1 in (a, b)]
    assert all(edges.get_colors()[k][3] < 0.2 for k in faded)
    html = box.outputs["summary"].value
    assert f"{100 * e.share_pairs_cut:.0f}% of the remaining firm pairs are cut off" in html
    assert "SME 4" in html and "no longer reaches" in html
    assert box.outputs["figure"].renders == renders + 1
    box.controls["exit"].value = None
    assert nodes.get_facecolors()[i][3] == 1.0
    assert "cb-exit" not in box.outputs["summary"].value


def test_circuit_exit_strands_nobody():
    box = build_network_explorer("circuit", 8)
    box.controls["exit"].value = 3
    assert "every remaining firm can still reach every other" in box.outputs["summary"].value


def test_barrier_checkbox_changes_diffusion_text():
    box = build_network_explorer("circuit_barrier", 10)
    assert "shut out behind the barrier" in box.outputs["summary"].value
    box.controls["barrier"].value = False
    assert "reaches every firm in 4 steps" in box.outputs["summary"].value


def test_two_way_only_for_the_circuit():
    box = build_network_explorer("circuit", 12)
    n_edges = len(box.outputs["figure"].ax.cb_edges.get_segments())
    box.controls["two_way"].value = True
    assert len(box.outputs["figure"].ax.cb_edges.get_segments()) == n_edges + 4
    box.controls["kind"].value = "branch"
    assert box.controls["two_way"].disabled


def test_bad_arguments_name_the_field():
    with pytest.raises(ValueError, match="field 'kind'"):
        build_network_explorer("ring")
    with pytest.raises(ValueError, match="field 'n'"):
        build_network_explorer("circuit", 50)


def test_summary_escapes_labels():
    G = structure("circuit", n=5)
    G.nodes[2]["label"] = "<script>alert(1)</script>"
    G.graph["label"] = "<b>x</b>"
    out = summary_html(G, structure_metrics(G), exited=2)
    assert "<script>" not in out and "&lt;script&gt;" in out and "&lt;b&gt;x" in out


# Speed is measured by benchmarks/bench.py (make bench), never asserted here:
# timing on a shared machine only measures how busy it is. What makes a widget
# fast is testable, though: a control change must not redraw the whole figure.

def test_exit_update_is_in_place():
    box = build_network_explorer("branch", 30)
    live = box.outputs["figure"]
    full, renders = live.full_renders, live.renders
    for v in [1, 2, 3, None, 0, 4] * 2:
        box.controls["exit"].value = v
    assert live.renders > renders and live.full_renders == full


def test_switching_structure_keeps_the_background():
    box = build_network_explorer("circuit", 20)
    live = box.outputs["figure"]
    full, renders = live.full_renders, live.renders
    for k in list(KINDS) * 2:
        box.controls["kind"].value = k
    assert live.renders > renders and live.full_renders == full


def test_plot_structure_contract():
    ax = plot_structure(structure("circuit_barrier", n=9), exited=0, stranded=(6, 7, 8))
    assert ax.get_title() == "Circuit-barrier (hybrid)"
    ax2 = update_structure(ax)
    assert ax2 is ax and max(ax.cb_nodes.get_linewidths()) == 1.0
    import networkx as nx
    with pytest.raises(ValueError, match="field 'pos'"):
        plot_structure(nx.path_graph(3))


def test_plot_comparison_heights_equal_the_table():
    df = compare(12)
    ax = plot_comparison(df)
    heights = [p.get_height() for p in ax.patches]
    expected = [float(df.loc[k, c]) for c in ("degree centralization", "betweenness centralization",
                                              "Gini of degree", "largest exit impact") for k in df.index]
    assert heights == pytest.approx(expected)
    with pytest.raises(ValueError, match="missing column"):
        plot_comparison(pd.DataFrame({"x": [1]}))


def test_new_sizes_keep_the_background():
    box = build_network_explorer("circuit", 8)
    live = box.outputs["figure"]
    full = live.full_renders
    for n in (9, 14, 19, 24):
        box.controls["n"].value = n
        for k in KINDS:
            box.controls["kind"].value = k
    assert live.full_renders == full


