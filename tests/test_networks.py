"""Tests of casebook.models.networks: known values, every claim of chapter 08, relabelling invariance."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.models.networks import (
    KINDS,
    compare,
    MIN_FIRMS,
    ROLES,
    diffusion,
    exit_effect,
    firms,
    gini,
    structure,
    structure_metrics,
)

HIERARCHICAL = ("branch", "circuit_barrier", "circuit_branch")


# ---------------------------------------------------------------- known values


@pytest.mark.parametrize("n", [3, 5, 10, 31])
def test_ring_has_zero_centralization(n):
    m = structure_metrics(nx.cycle_graph(n))
    assert m.degree_centralization == 0.0
    assert m.betweenness_centralization == 0.0
    assert m.degree_gini == 0.0
    assert m.cut_points == ()
    assert m.node_connectivity == 2


@pytest.mark.parametrize("leaves", [2, 4, 9, 30])
def test_star_has_centralization_one(leaves):
    m = structure_metrics(nx.star_graph(leaves))
    assert m.degree_centralization == pytest.approx(1.0)
    assert m.betweenness_centralization == pytest.approx(1.0)
    assert m.cut_points == (0,)
    assert m.exit_impact[0] == 1.0


def test_wheel_of_ten_has_degree_centralization_three_quarters():
    assert structure_metrics(nx.wheel_graph(10)).degree_centralization == pytest.approx(0.75)
    # the nodal circuit of 10 firms is exactly that wheel
    G = structure("nodal_circuit", n=10)
    assert nx.is_isomorphic(G.subgraph(firms(G)), nx.wheel_graph(10))
    assert structure_metrics(G).degree_centralization == pytest.approx(0.75)


def test_betweenness_centralization_matches_a_hand_count():
    # path a-b-c-d: betweenness 0, 2, 2, 0; max sum for n=4 is 3^2*2/2 = 9
    m = structure_metrics(nx.path_graph(4))
    assert m.betweenness_centralization == pytest.approx((2 + 2) / 9)
    assert m.degree_centralization == pytest.approx((1 + 1) / 6)


def test_gini_known_values():
    assert gini([1, 1, 1, 1]) == 0.0
    assert gini([0, 0, 0, 4]) == pytest.approx(0.75)
    assert gini([1, 3]) == pytest.approx(0.25)
    assert gini([]) == 0.0


def test_exit_impact_hand_count():
    # path 0-1-2-3-4: removing 2 leaves {0,1},{3,4}: 2 linked pairs of 6
    m = structure_metrics(nx.path_graph(5))
    assert m.exit_impact[2] == pytest.approx(1 - 2 / 6)
    assert m.exit_impact[1] == pytest.approx(1 - 3 / 6)
    assert m.exit_impact[0] == 0.0
    e = exit_effect(nx.path_graph(5), 2)
    assert e.groups == ((0, 1), (3, 4)) and e.stranded == (3, 4)


# ---------------------------------------------------------------- constructions


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [5, 9, 16, 30])
def test_connectivity_shortcut_equals_networkx(kind, n):
    if n < MIN_FIRMS[kind]:
        return
    for two_way in ([False, True] if kind == "circuit" else [False]):
        G = structure(kind, n=n, two_way=two_way, seed=n)
        F = G.subgraph(firms(G))
        assert structure_metrics(G).node_connectivity == nx.node_connectivity(F)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [None, 7, 12, 40])
def test_every_structure_builds_with_roles_sizes_and_positions(kind, n):
    n = MIN_FIRMS[kind] if n is None else n
    G = structure(kind, n=n)
    assert G.graph["kind"] == kind
    assert len(firms(G)) == n and G.number_of_nodes() == n + 1
    for v, data in G.nodes(data=True):
        assert data["role"] in ROLES
        assert data["size"] in {"SME", "large", "n/a"}
        assert len(data["pos"]) == 2 and all(np.isfinite(data["pos"]))
    assert nx.is_connected(G)
    assert len({G.nodes[v]["pos"] for v in G}) == G.number_of_nodes(), "two nodes drawn on one spot"
    for _, _, t in G.edges(data="tie"):
        assert t in {"cooperation", "two_way", "hierarchy", "external"}


def test_structure_defaults_and_roles_per_kind():
    assert structure().graph["kind"] == "circuit"
    roles = {k: {G.nodes[v]["role"] for v in firms(G)} for k in KINDS for G in [structure(k)]}
    assert roles["circuit"] == {"SME"}
    assert roles["nodal_circuit"] == {"SME", "nodal firm"}
    assert roles["branch"] == {"SME", "large firm", "subsidiary"}
    assert "nodal firm" in roles["circuit_barrier"] and "nodal firm" in roles["circuit_branch"]


def test_two_way_ties_are_seeded_and_only_on_the_circuit():
    a = structure("circuit", n=12, two_way=True, seed=3)
    b = structure("circuit", n=12, two_way=True, seed=3)
    c = structure("circuit", n=12, two_way=True, seed=4)
    assert sorted(a.edges) == sorted(b.edges)
    assert sorted(a.edges) != sorted(c.edges)
    extra = [e for e in a.edges(data="tie") if e[2] == "two_way"]
    assert len(extra) == 12 // 3
    assert sorted(structure("circuit", n=12, seed=3).edges) == sorted(structure("circuit", n=12, seed=9).edges)
    with pytest.raises(ValueError, match="two_way"):
        structure("branch", two_way=True)


@pytest.mark.parametrize("bad, match", [
    (dict(kind="star"), "field 'kind'"),
    (dict(kind="circuit", n=2), "field 'n'"),
    (dict(kind="circuit_barrier", n=4), "field 'n'"),
    (dict(kind="circuit", n=500), "field 'n'"),
    (dict(kind="circuit", n=5.0), "field 'n'"),
    (dict(kind="circuit", n=True), "field 'n'"),
])
def test_bad_input_names_the_field(bad, match):
    with pytest.raises(ValueError, match=match):
        structure(**bad)


def test_metrics_reject_bad_graphs():
    with pytest.raises(ValueError, match="undirected"):
        structure_metrics(nx.DiGraph([(0, 1), (1, 2)]))
    with pytest.raises(ValueError, match="at least 3 firms"):
        structure_metrics(nx.path_graph(2))
    with pytest.raises(ValueError, match="not connected"):
        structure_metrics(nx.Graph([(0, 1), (1, 2), (3, 4)]))
    with pytest.raises(ValueError, match="field 'firm'"):
        exit_effect(structure("circuit"), 99)
    with pytest.raises(ValueError, match="research institution"):
        diffusion(structure("circuit", institution=False))


def test_institution_is_not_counted_as_a_firm():
    with_r = structure_metrics(structure("circuit", n=8))
    without = structure_metrics(structure("circuit", n=8, institution=False))
    assert with_r == without


# ---------------------------------------------------------------- the chapter's claims


@pytest.mark.parametrize("n", range(5, 41))
def test_disparity_is_lowest_in_the_circuit(n):
    """Suarez-Villa (1998, 3.2): no hierarchy in the circuit; disparities grow with hierarchy."""
    m = {k: structure_metrics(structure(k, n=n)) for k in KINDS}
    for field in ("degree_centralization", "betweenness_centralization", "degree_gini"):
        circuit = getattr(m["circuit"], field)
        assert circuit == 0.0
        for k in KINDS[1:]:
            assert getattr(m[k], field) > circuit, (field, k, n)


@pytest.mark.parametrize("seed", range(10))
def test_two_way_circuit_stays_less_unequal_than_the_branch(seed):
    for n in (9, 15, 30):
        two = structure_metrics(structure("circuit", n=n, two_way=True, seed=seed))
        br = structure_metrics(structure("branch", n=n))
        assert two.degree_gini < br.degree_gini
        assert two.betweenness_centralization < br.betweenness_centralization
        assert two.cut_points == ()


@pytest.mark.parametrize("n", range(5, 41))
def test_circuit_survives_any_single_exit_while_branch_and_hybrids_have_cut_points(n):
    circuit = structure_metrics(structure("circuit", n=n))
    assert circuit.cut_points == () and circuit.node_connectivity >= 2
    assert circuit.max_exit_impact == 0.0
    for v in firms(structure("circuit", n=n)):
        assert exit_effect(structure("circuit", n=n), v).stranded == ()
    assert structure_metrics(structure("nodal_circuit", n=n)).cut_points == ()
    for k in HIERARCHICAL:
        m = structure_metrics(structure(k, n=n))
        assert m.cut_points, k
        assert m.node_connectivity == 1
        assert m.max_exit_impact > 0


@pytest.mark.parametrize("n", range(5, 41))
def test_shielded_segment_reaches_the_rest_only_through_its_gatekeeper(n):
    G = structure("circuit_barrier", n=n)
    F = G.subgraph(firms(G))
    gate = [v for v in F if F.nodes[v]["segment"] == "gatekeeper"]
    shielded = [v for v in F if F.nodes[v]["segment"] == "shielded"]
    open_ = [v for v in F if F.nodes[v]["segment"] == "open"]
    assert len(gate) == 1 and len(shielded) >= 2 and len(open_) >= 2
    g = gate[0]
    # every path from a shielded firm to an open firm passes through the gatekeeper
    for s in shielded:
        for o in open_:
            assert nx.has_path(F, s, o)
            assert nx.minimum_node_cut(F, s, o) == {g}
    # without the gatekeeper the shielded segment is a group of its own
    e = exit_effect(G, g)
    assert set(shielded) in [set(c) for c in e.groups]
    # the only ties out of the segment are barrier ties to the gatekeeper
    for s in shielded:
        for o in F[s]:
            if o not in shielded:
                assert o == g and G.edges[s, o]["barrier"]
    # with the barrier closed, exactly the shielded segment is shut out of diffusion
    assert set(diffusion(G).shut_out) == set(shielded)
    assert diffusion(G, barrier_closed=False).shut_out == ()


def test_diffusion_hand_counts():
    # circuit of 10, institution on firm 0: firm 5 is 5 ring steps away, plus the external tie
    d = diffusion(structure("circuit", n=10))
    assert d.adoption_step[0] == 1 and d.adoption_step[5] == 6 and d.steps_to_all == 6
    assert diffusion(structure("nodal_circuit", n=10)).steps_to_all == 2
    assert diffusion(structure("branch", n=10)).steps_to_all == 3
    assert diffusion(structure("circuit_branch", n=10)).steps_to_all == 3


@pytest.mark.parametrize("n", range(8, 41))
def test_hierarchy_spreads_an_innovation_faster_than_the_circuit(n):
    """Suarez-Villa (1998, 4): hierarchy can expand support for continuous innovation."""
    circuit = diffusion(structure("circuit", n=n)).steps_to_all
    for k in ("nodal_circuit", "branch", "circuit_branch"):
        assert diffusion(structure(k, n=n)).steps_to_all < circuit
    # two-way subcontracting ties can only shorten the circuit's diffusion
    assert diffusion(structure("circuit", n=n, two_way=True, seed=1)).steps_to_all <= circuit


def test_exit_changes_diffusion():
    G = structure("branch", n=10)
    d = diffusion(G, exited=1)
    assert set(d.shut_out) == set(exit_effect(G, 1).stranded)
    assert 1 not in d.adoption_step
    with pytest.raises(ValueError, match="exited"):
        diffusion(G, exited=10)


# ---------------------------------------------------------------- property tests


def _relabel(G, perm_seed):
    nodes = list(G)
    rng = np.random.default_rng(perm_seed)
    new = [f"firm-{i}" for i in rng.permutation(len(nodes))]
    return nx.relabel_nodes(G, dict(zip(nodes, new))), dict(zip(nodes, new))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(kind=st.sampled_from(KINDS), n=st.integers(5, 30), perm_seed=st.integers(0, 2**32 - 1),
       two_way=st.booleans())
def test_metrics_are_invariant_to_relabelling(kind, n, perm_seed, two_way):
    G = structure(kind, n=n, two_way=two_way and kind == "circuit", seed=perm_seed % 7)
    H, mapping = _relabel(G, perm_seed)
    a, b = structure_metrics(G), structure_metrics(H)
    for field in ("n_firms", "degree_centralization", "betweenness_centralization", "degree_gini",
                  "node_connectivity"):
        assert getattr(a, field) == pytest.approx(getattr(b, field), abs=1e-12)
    assert {mapping[v] for v in a.cut_points} == set(b.cut_points)
    for v, x in a.exit_impact.items():
        assert b.exit_impact[mapping[v]] == pytest.approx(x, abs=1e-12)
    da, db = diffusion(G), diffusion(H)
    assert da.steps_to_all == db.steps_to_all
    assert {mapping[v] for v in da.shut_out} == set(db.shut_out)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(n=st.integers(4, 25), p=st.floats(0.15, 0.9), seed=st.integers(0, 10_000),
       perm_seed=st.integers(0, 10_000))
def test_metrics_on_random_graphs_are_invariant_and_bounded(n, p, seed, perm_seed):
    G = nx.gnp_random_graph(n, p, seed=seed)
    if not nx.is_connected(G):
        G = G.subgraph(max(nx.connected_components(G), key=len)).copy()
    if G.number_of_nodes() < 3:
        return
    H, mapping = _relabel(G, perm_seed)
    a, b = structure_metrics(G), structure_metrics(H)
    assert a.node_connectivity == b.node_connectivity == nx.node_connectivity(G)
    assert set(a.cut_points) == set(nx.articulation_points(G))
    assert a.degree_centralization == pytest.approx(b.degree_centralization)
    assert a.betweenness_centralization == pytest.approx(b.betweenness_centralization)
    assert a.degree_gini == pytest.approx(b.degree_gini)
    for m in (a,):
        assert 0 <= m.degree_centralization <= 1 + 1e-12
        assert 0 <= m.betweenness_centralization <= 1 + 1e-12
        assert 0 <= m.degree_gini < 1
        assert (m.node_connectivity == 1) == bool(m.cut_points) or G.number_of_nodes() == 2
        assert all(0 <= x <= 1 for x in m.exit_impact.values())
        assert {v for v, x in m.exit_impact.items() if x > 0} == set(m.cut_points)


def test_compare_table_matches_the_metrics():
    df = compare(12)
    assert list(df.index) == list(KINDS)
    for k in KINDS:
        m = structure_metrics(structure(k, n=12))
        assert df.loc[k, "Gini of degree"] == pytest.approx(m.degree_gini)
        assert df.loc[k, "cut points"] == len(m.cut_points)
    assert pd.isna(df.loc["circuit_barrier", "steps to all"])
    assert df.loc["circuit", "steps to all"] == 7


# ---------------------------------------------------------------- statements made in chapter 08


def test_chapter_table_at_ten_firms():
    df = compare(10)
    # the nodal circuit has the most centralized degrees; the circuit-branch the most uneven spread of ties
    assert df["degree centralization"].idxmax() == "nodal_circuit"
    assert df["Gini of degree"].idxmax() == "circuit_branch"
    assert structure_metrics(structure("nodal_circuit", n=8)).degree_centralization == pytest.approx(28 / 42)


def test_branch_betweenness_sits_with_the_large_firm_and_subsidiaries():
    G = structure("branch", n=10)
    btw = nx.betweenness_centrality(G.subgraph(firms(G)))
    top = sorted(btw, key=btw.get, reverse=True)[:4]
    assert {G.nodes[v]["role"] for v in top} == {"large firm", "subsidiary"}


@pytest.mark.parametrize("n", range(5, 41))
def test_exits_named_in_the_chapter(n):
    G = structure("branch", n=n)
    subs = [v for v in firms(G) if G.nodes[v]["role"] == "subsidiary"]
    # losing the large firm strands every subsidiary together with its SMEs
    e = exit_effect(G, 0)
    assert len(e.groups) == len(subs)
    for group in e.groups:
        assert sum(G.nodes[v]["role"] == "subsidiary" for v in group) == 1
    # a subsidiary's exit strands exactly its own SMEs
    for s in subs:
        kids = {v for v in G[s] if G.nodes[v]["role"] == "SME"}
        assert set(exit_effect(G, s).stranded) == kids
    # the gatekeeper is the circuit-barrier's only cut point
    B = structure("circuit_barrier", n=n)
    gate = [v for v in B if B.nodes[v].get("segment") == "gatekeeper"]
    assert structure_metrics(B).cut_points == tuple(gate)


def test_diffusion_numbers_quoted_for_twenty_firms():
    assert diffusion(structure("circuit", n=20)).steps_to_all == 11
    for k in ("nodal_circuit", "branch", "circuit_branch"):
        assert diffusion(structure(k, n=20)).steps_to_all <= 3
    assert diffusion(structure("branch", n=20)).steps_to_all == 3
    two = structure("circuit", n=20, two_way=True, seed=1)
    assert diffusion(two).steps_to_all < 11 and structure_metrics(two).cut_points == ()


# ---------------------------------------------------------------- where the institution attaches
@pytest.mark.parametrize("n", [10, 14, 20, 30, 40])
def test_nodal_structures_beat_the_circuit_wherever_the_institution_attaches(n):
    """Chapter 08: from 10 firms up the nodal advantage survives the worst attachment point, though it shrinks."""
    from casebook.models.networks import diffusion_by_attachment
    df = diffusion_by_attachment(n)
    for kind in ("nodal_circuit", "branch", "circuit_branch"):
        assert df.loc[kind, "worst"] < df.loc["circuit", "best"]
        assert df.loc[kind, "at hub"] == df.loc[kind, "best"]     # the default is the most favourable point
    assert df.loc["circuit", "best"] == df.loc["circuit", "worst"]  # a ring looks the same from every firm
    assert df.loc["branch", "worst"] > df.loc["branch", "at hub"]


def test_institution_at_validates():
    with pytest.raises(ValueError, match="institution_at"):
        structure("circuit", n=5, institution_at=7)
    G = structure("branch", n=10, institution_at=9)
    inst = [v for v, r in G.nodes(data="role") if r == "research institution"][0]
    assert list(G.neighbors(inst)) == [9]


def test_small_alliances_the_branch_advantage_can_vanish():
    from casebook.models.networks import diffusion_by_attachment
    df = diffusion_by_attachment(8)
    assert df.loc["branch", "worst"] == df.loc["circuit", "best"] == 5
