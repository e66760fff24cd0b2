"""The judges of chapters 00-04 say what their models say (each line checked against the model)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.classroom.judges import judge_option
from casebook.models import governance, knowledge, transfer

unit = st.floats(0, 1, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(unit, min_size=4, max_size=4), unit)
def test_spiral_judge_reports_the_spiral(xs, tau):
    params = dict(zip(knowledge.PROCESSES, xs))
    j = judge_option("knowledge.spiral_reach", params, {"tacit_share": tau})
    r = knowledge.spiral(**params, tacit_share=tau)
    assert j.figures["tacit_at_firm"] == pytest.approx(float(r.tacit[-1]))
    assert j.figures["explicit_at_firm"] == pytest.approx(float(r.explicit[-1]))


@pytest.mark.parametrize("vignette", sorted(transfer.VIGNETTES))
def test_plan_judge_reports_the_learning_plan_model(vignette):
    params = {"visits": 2, "rotations": 1, "leadership": 0.8}
    j = judge_option("transfer.plan_outcome", params, {"vignette": vignette})
    out = transfer.simulate(transfer.LearningPlan(visits=2, rotations=1), transfer.Factors(leadership=0.8),
                            vignette).iloc[-1]
    assert j.figures["tacit_share"] == pytest.approx(out["tacit"] / transfer.VIGNETTES[vignette].tacit)
    assert f"{j.figures['tacit_share']:.0%}" in j.summary


def test_route_judge_matches_the_chooser_and_reports_ties():
    ctx = {"speed": "high", "budget": "low", "knowledge": "component", "coordination": "simple"}
    rec = governance.choose(**ctx)
    for route in governance.ROUTES:
        j = judge_option("governance.route_verdict", {"route": route}, ctx)
        assert j.figures["score"] == rec.scores[route]
        if not rec.feasible[route]:
            assert j.figures["rank"] is None and "ruled out" in j.summary
    tie = {"speed": "low", "budget": "medium", "knowledge": "architectural", "coordination": "complex",
           "capability": "strong"}
    j = judge_option("governance.route_verdict", {"route": "internal"}, tie)
    assert j.figures["tied"] == 1.0 and "tied with Equity joint venture" in j.summary


def test_diagnostic_judge_moves_levels_and_names_a_lever():
    from casebook.models import diagnostic as d

    base = d.case_profile("alpha_hito")
    j = judge_option("diagnostic.profile_after", {"connections": 1}, {"case": "alpha_hito"})
    assert j.figures["connections"] == base["connections"] + 1
    assert any(o.lever in j.summary for o in d.OBJECTIVES)
    top = judge_option("diagnostic.profile_after", {"connections": 9}, {"case": "alpha_hito"})
    assert top.figures["connections"] == 5.0
