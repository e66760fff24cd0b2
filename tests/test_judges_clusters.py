"""The judges of chapters 06-08 and the figures their question files and teacher's kits quote."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.classroom.judges import judge_option
from casebook.classroom.questions import get_question


def _figures(qid):
    q = get_question(qid)
    return {o.text: judge_option(q.judge_name, o.params, q.judge_context).figures for o in q.options}


def test_ch06_location_quoted():
    f = list(_figures("ch06.location").values())
    join, lock, away, ally = f
    assert round(join["inward"], 2) == 5.09 and round(join["outward"], 2) == 13.42
    assert round(join["payoff"], 2) == -1.62 and round(lock["payoff"], 2) == -5.69
    assert away["payoff"] == 0.0 and round(ally["payoff"], 2) == 2.80
    assert all(x["payoff_no_spillovers"] == 0.0 for x in f)
    assert join["members_stable"] == 10 and join["stays_if_free"] == 0


@settings(max_examples=30, deadline=None)
@given(beta=st.floats(0, 1), theta=st.floats(0.01, 1), delta=st.floats(0, 1.5), lock=st.floats(0.01, 1))
def test_locking_down_never_helps_and_allies_never_hurt(beta, theta, delta, lock):
    from casebook.classroom.judges.spillovers import location
    ctx = dict(beta=beta, theta=theta, delta=delta)
    base = location({"join": True}, **ctx).figures["payoff"]
    assert location({"join": True, "lockdown": lock}, **ctx).figures["payoff"] <= base + 1e-12
    assert location({"join": True, "allies": 5}, **ctx).figures["payoff"] >= base - 1e-12


def test_ch07_toyota_sharing_quoted():
    f = list(_figures("ch07.toyota_sharing").values())
    share, guard, tie, leaky = f
    assert round(share["supplier_gamma_end"], 2) == 0.91 and round(share["lead_net_end"], 3) == 0.246
    assert round(guard["supplier_gamma_end"], 2) == 0.66 and round(guard["lead_net_end"], 3) == -0.157
    assert round(tie["lead_net_end"], 3) == 0.070
    assert round(leaky["supplier_gamma_end"], 2) == 0.97 and round(leaky["lead_net_end"], 3) == -0.161
    assert all(round(x["supplier_gamma_end_baseline"], 2) == 0.45 for x in f)


@settings(max_examples=8, deadline=None)
@given(tw=st.floats(0.06, 0.3), seed=st.integers(0, 20))
def test_more_sharing_inside_the_group_raises_suppliers_capacity(tw, seed):
    from casebook.classroom.judges.spillovers import supplier_sharing
    lo = supplier_sharing({"theta_within": 0.05}, seed=seed, runs=2).figures
    hi = supplier_sharing({"theta_within": tw}, seed=seed, runs=2).figures
    assert hi["supplier_gamma_end"] >= lo["supplier_gamma_end"] > lo["supplier_gamma_end_baseline"] - 1e-12


def test_ch08_prato_coordinator_quoted():
    circuit, nodal, branch = _figures("ch08.prato_coordinator").values()
    assert circuit["steps_to_all"] == 5 and nodal["steps_to_all"] == 2 and branch["steps_to_all"] == 3
    assert round(circuit["degree_centralization"], 2) == 0.08 and round(nodal["degree_centralization"], 2) == 0.89
    assert nodal["largest_exit_impact"] == 0 and round(branch["largest_exit_impact"], 2) == 0.79


@pytest.mark.parametrize("n", [10, 20, 30])
def test_nodal_coordinator_is_faster_than_the_circuit_wherever_attached(n):
    from casebook.classroom.judges.networks import organise
    nodal = organise({"kind": "nodal_circuit", "attach": "periphery"}, n=n).figures
    circuit = organise({"kind": "circuit"}, n=n).figures
    assert nodal["steps_to_all"] < circuit["steps_to_all"]
