"""Claims chapter 01 makes about the knowledge items and the spiral model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.models import transfer
from casebook.models.knowledge import (CHANNELS, ITEMS, LATER_ITEMS, LEVELS, PROCESSES, items_table, personnel_threshold,
                                        single_process_totals, sorting_items, spiral)

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
CH = list(CHANNELS)


def test_items_fill_all_four_cells_so_scope_cannot_be_guessed_from_tacitness():
    """Every combination occurs, so knowing an item's tacitness does not give away its scope."""
    t = items_table()
    cells = set(zip(t.tacitness, t.scope))
    assert cells == {("tacit", "component"), ("tacit", "architectural"),
                     ("explicit", "component"), ("explicit", "architectural")}


def test_no_item_tells_the_toyota_city_outcome():
    """Chapter 07 asks the Toyota City supplier decision; chapter 01's items must not answer it."""
    assert all(it.case != "toyota_city" and "co-specialis" not in it.item.lower() for it in ITEMS)


def test_items_have_sources_and_explanations():
    for it in ITEMS:
        assert it.source and ("Inkpen" in it.source or "Tallman" in it.source)
        assert len(it.why_tacitness) > 30 and len(it.why_scope) > 30
        assert it.tacitness in ("tacit", "explicit") and it.scope in ("component", "architectural")
    assert len({it.item for it in ITEMS}) == len(ITEMS)


def test_nummi_repair_cars_explicit_reasons_tacit():
    """The readings' own example (Inkpen 1998): the count is explicit, the reason tacit."""
    assert not [it for it in ITEMS if it.case == "nummi"]  # chapter 01 precedes chapter 02's Toyota decision
    by_text = {it.item: it for it in LATER_ITEMS}
    count = next(it for t, it in by_text.items() if t.startswith("How many NUMMI cars"))
    reason = next(it for t, it in by_text.items() if t.startswith("Why NUMMI needed so few"))
    assert count.tacitness == "explicit" and reason.tacitness == "tacit"


def test_sorting_items_for_each_axis():
    for axis, cats in (("tacitness", ["tacit", "explicit"]), ("scope", ["component", "architectural"])):
        answers, why, categories = sorting_items(axis)
        assert categories == cats
        assert set(answers.values()) == set(cats)
        assert set(why) == set(answers)
    with pytest.raises(ValueError, match="axis"):
        sorting_items("colour")


def test_no_connections_nothing_reaches_group_or_firm():
    r = spiral(tacit_share=0.3, k0=5.0)
    assert r.total[0] == pytest.approx(5.0)
    assert r.total[1] == 0.0 and r.total[2] == 0.0


@settings(max_examples=60, deadline=None)
@given(k0=st.floats(min_value=0.0, max_value=100.0), tau=unit)
def test_no_connections_property(k0, tau):
    r = spiral(tacit_share=tau, k0=k0)
    assert r.total[-1] == 0.0


@settings(max_examples=150, deadline=None)
@given(base=st.lists(unit, min_size=4, max_size=4), which=st.sampled_from(CH),
       bump=unit, tau=unit)
def test_more_connections_never_reduce_what_arrives(base, which, bump, tau):
    kw = dict(zip(CH, base))
    before = spiral(tacit_share=tau, **kw)
    kw[which] = min(1.0, kw[which] + bump)
    after = spiral(tacit_share=tau, **kw)
    assert np.all(after.total >= before.total - 1e-12)
    assert np.all(after.tacit >= before.tacit - 1e-12)
    assert np.all(after.explicit >= before.explicit - 1e-12)


def test_technology_sharing_alone_brings_no_tacit_knowledge():
    r = spiral(technology_sharing=1.0, tacit_share=0.8)
    assert r.tacit[-1] == 0.0 and r.explicit[-1] > 0


params = dict(
    x=st.floats(min_value=0.01, max_value=1.0), tau=unit,
    lam_e=st.floats(min_value=0.1, max_value=5.0), ratio=st.floats(min_value=0.05, max_value=1.0),
    g=st.floats(min_value=1.0, max_value=2.0), k0=st.floats(min_value=0.1, max_value=10.0))


@settings(max_examples=200, deadline=None)
@given(**params)
def test_table_1_order_for_tacit_knowledge_at_every_parameter(x, tau, lam_e, ratio, g, k0):
    """Inkpen (1996), Table 1: personnel movement is the most effective process for tacit knowledge,
    interactions and strategy linkage carry some, technology sharing gives access primarily to explicit."""
    kw = dict(tacit_share=tau, lambda_explicit=lam_e, lambda_tacit=lam_e * ratio, growth=g, k0=k0)
    tacit = {k: spiral(**{k: x}, **kw).tacit for k in PROCESSES}
    if tau >= 1e-6:
        assert np.all(tacit["personnel"][1:] > tacit["interactions"][1:])
        assert np.all(tacit["interactions"][1:] > tacit["technology_sharing"][1:])
    assert np.allclose(tacit["interactions"], tacit["strategy"])
    assert np.all(tacit["technology_sharing"][1:] == 0.0)


@settings(max_examples=200, deadline=None)
@given(**params)
def test_table_1_order_for_explicit_knowledge_at_every_parameter(x, tau, lam_e, ratio, g, k0):
    kw = dict(tacit_share=tau, lambda_explicit=lam_e, lambda_tacit=lam_e * ratio, growth=g, k0=k0)
    explicit = {k: spiral(**{k: x}, **kw).explicit for k in PROCESSES}
    if tau <= 1 - 1e-6:
        assert np.all(explicit["technology_sharing"][1:] > explicit["interactions"][1:])
        assert np.all(explicit["interactions"][1:] > explicit["personnel"][1:])
        assert np.all(explicit["personnel"][1:] > 0)


def test_transfer_model_uses_the_same_channel_definition():
    """One definition of the four processes' channels for chapters 01 and 04."""
    assert transfer.PROCESSES is PROCESSES
    for lever, process in transfer.LEVERS.items():
        assert process in PROCESSES


@pytest.mark.parametrize("tau", [1.0, 0.95, 0.9, 0.8, 0.75])
@pytest.mark.parametrize("lam_e", [0.5, 1.0, 1.5, 2.0, 3.0])
@pytest.mark.parametrize("ratio", [0.5, 0.75, 1.0])
@pytest.mark.parametrize("g", [1.0, 1.2, 1.5])
def test_personnel_does_most_for_a_mostly_tacit_lesson_over_a_grid(tau, lam_e, ratio, g):
    """Chapter 01's claim, over the grid it states (tau >= 0.75, lambda_E in [0.5, 3], lambda_T >= lambda_E / 2)."""
    totals = single_process_totals(tau, lambda_explicit=lam_e, lambda_tacit=lam_e * ratio, growth=g)
    assert max(totals, key=totals.get) == "personnel"


@settings(max_examples=150, deadline=None)
@given(lam_e=st.floats(0.1, 5.0), ratio=st.floats(0.05, 1.0), g=st.floats(1.0, 2.0), d=st.floats(0.01, 0.3))
def test_personnel_threshold_is_where_the_lead_changes(lam_e, ratio, g, d):
    kw = dict(lambda_explicit=lam_e, lambda_tacit=lam_e * ratio, growth=g)
    cut = personnel_threshold(**kw)
    assert 0 < cut < 1
    above, below = min(1.0, cut + d), max(0.0, cut - d)
    t_above = single_process_totals(above, **kw)
    t_below = single_process_totals(below, **kw)
    assert max(t_above, key=t_above.get) == "personnel"
    assert max(t_below, key=t_below.get) != "personnel"


def test_the_claim_breaks_when_tacit_knowledge_is_much_harder_to_pass_on():
    """The 'break the claim' exercise: with lambda_T far below lambda_E a 75% tacit lesson goes to technology sharing."""
    totals = single_process_totals(0.75, lambda_explicit=3.0, lambda_tacit=0.3)
    assert max(totals, key=totals.get) != "personnel"


@settings(max_examples=100, deadline=None)
@given(xs=st.lists(unit, min_size=4, max_size=4), tau=unit,
       g=st.floats(min_value=1.0, max_value=2.0))
def test_bounded_by_growth(xs, tau, g):
    r = spiral(tacit_share=tau, growth=g, **dict(zip(CH, xs)))
    for level in range(len(LEVELS)):
        assert r.total[level] <= g ** level + 1e-9


def test_knowledge_can_grow_when_shared():
    """With strong connections on every channel, more arrives at the firm than left the individual."""
    r = spiral(1, 1, 1, 1, tacit_share=0.5)
    assert r.total[-1] > r.total[0]


def test_tacit_is_harder_at_equal_connection_strength():
    """With interactions only (C_E = C_T), tacit survives less than explicit."""
    r = spiral(interactions=0.5)
    assert r.survival_tacit < r.survival_explicit


@pytest.mark.parametrize("kw, name", [({"personnel": 1.5}, "personnel"), ({"tacit_share": -0.1}, "tacit_share"),
                                      ({"k0": -1}, "k0"), ({"growth": 0.5}, "growth"),
                                      ({"strategy": float("nan")}, "strategy"),
                                      ({"lambda_tacit": 3.0}, "lambda_tacit")])
def test_bad_input_names_the_argument(kw, name):
    with pytest.raises(ValueError, match=name):
        spiral(**kw)


def test_to_frame():
    f = spiral(interactions=1).to_frame()
    assert f.index.tolist() == list(LEVELS)
    assert np.allclose(f.total, f.explicit + f.tacit)


def test_numbers_quoted_in_chapter_01():
    """Chapter 01 prose quotes these model results; keep them true."""
    assert round(float(spiral(1, 1, 1, 1, tacit_share=0.5).total[-1]), 2) == 1.18
    assert round(float(spiral(personnel=1.0, tacit_share=1.0).total[-1]), 2) == 0.44
    assert round(float(spiral(interactions=1.0, tacit_share=1.0).total[-1]), 2) == 0.21
    assert round(float(spiral(personnel=1.0, tacit_share=1.0).survival_tacit), 3) == 0.551
    assert round(personnel_threshold(), 2) == 0.61
