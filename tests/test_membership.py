"""Stay or leave: the adverse-selection spiral of chapter 06 (casebook.models.spillovers.membership)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.models import spillovers as sp


def test_default_spiral_quoted():
    """Chapter 06: 10 of 15 firms stay; the five strongest leave first; the pool and weak gains shrink."""
    res = sp.stable_membership()
    s = res.summary()
    assert s["stable"] and s["members_start"] == 15 and s["members_end"] == 10
    assert res.history.firm.dropna().tolist() == [0, 1, 2, 3, 4]
    assert round(s["pool_start"], 1) == 21.1 and round(s["pool_end"], 1) == 7.1
    assert round(s["weak_gain_start"], 2) == 4.09 and round(s["weak_gain_end"], 2) == 1.33


def test_no_spillover_baseline_nobody_moves():
    for b in (0.0, 0.5, 1.0):
        assert sp.stable_membership(beta=b, theta=0.0, delta=1.0).n_members == 15


rd_lists = st.lists(st.floats(0.05, 5.0), min_size=3, max_size=15)


@settings(max_examples=40, deadline=None)
@given(rd=rd_lists, beta=st.floats(0, 1), theta=st.floats(0.01, 1), delta=st.floats(0, 1.5),
       a=st.floats(0, 2))
def test_end_state_is_stable_and_leavers_are_stronger(rd, beta, theta, delta, a):
    res = sp.stable_membership(rd, beta=beta, theta=theta, delta=delta, location_benefit=a)
    if not res.stable:
        return  # a cycle is reported, not hidden
    g = res.gains
    assert (g.payoff[g.member] >= -1e-9).all()
    inside = g.member.to_numpy()
    # no outsider would gain by joining the final membership
    for i in np.flatnonzero(~inside):
        trial = inside.copy()
        trial[i] = True
        df = sp.cluster_gains(np.asarray(rd)[trial], beta, theta, delta) if trial.sum() >= 2 else None
        if df is not None:
            pos = int(np.flatnonzero(trial).tolist().index(i))
            assert a + df.net.iloc[pos] <= 1e-9
    # every firm that left first (before any re-entry) had more R&D than every weak firm that stayed
    moves = res.history[res.history.move != "start"]
    first = moves[moves.move == "leave"].firm.tolist()
    if first and moves.move.iloc[0] == "leave":
        assert np.asarray(rd)[first[0]] >= np.asarray(rd)[list(res.members)].min() - 1e-12


@settings(max_examples=30, deadline=None)
@given(beta=st.floats(0, 1), theta=st.floats(0.05, 1), delta=st.floats(0.3, 1.5))
def test_the_pool_and_weak_gains_never_grow_as_firms_leave(beta, theta, delta):
    res = sp.stable_membership(beta=beta, theta=theta, delta=delta)
    h = res.history
    if (h.move == "join").any():
        return
    assert np.all(np.diff(h.pool) <= 1e-12)
    w = h.weak_gain.dropna().to_numpy()
    assert np.all(np.diff(w) <= 1e-9)


@pytest.mark.parametrize("delta", [0.3, 0.5, 0.8])
def test_harder_learning_keeps_more_firms(delta):
    """Hard-to-absorb knowledge limits what leaks to weak firms, so fewer strong firms leave."""
    counts = [sp.stable_membership(beta=b, delta=delta).n_members for b in (0.0, 0.5, 0.9)]
    assert counts == sorted(counts)


def test_more_rivalry_never_keeps_more_firms():
    counts = [sp.stable_membership(delta=d).n_members for d in np.linspace(0, 1.5, 16)]
    assert counts == sorted(counts, reverse=True)


def test_bad_input():
    with pytest.raises(ValueError, match="rd"):
        sp.stable_membership([1.0])
    with pytest.raises(ValueError, match="theta"):
        sp.stable_membership(theta=2.0)
    with pytest.raises(ValueError, match="location_benefit"):
        sp.stable_membership(location_benefit=-1.0)
