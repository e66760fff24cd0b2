"""Claims chapter 01 makes about the knowledge items and the spiral model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.models.knowledge import CHANNELS, ITEMS, LEVELS, items_table, sorting_items, spiral

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
CH = list(CHANNELS)


def test_items_fill_three_cells_and_architectural_is_tacit():
    """Tallman (n.d.): architectural knowledge is largely tacit, so no item is explicit and architectural."""
    t = items_table()
    cells = set(zip(t.tacitness, t.scope))
    assert cells == {("tacit", "component"), ("tacit", "architectural"), ("explicit", "component")}


def test_items_have_sources_and_explanations():
    for it in ITEMS:
        assert it.source and ("Inkpen" in it.source or "Tallman" in it.source)
        assert len(it.why_tacitness) > 30 and len(it.why_scope) > 30
        assert it.tacitness in ("tacit", "explicit") and it.scope in ("component", "architectural")
    assert len({it.item for it in ITEMS}) == len(ITEMS)


def test_nummi_repair_cars_explicit_reasons_tacit():
    """The readings' own example (Inkpen 1998): the count is explicit, the reason tacit."""
    by_text = {it.item: it for it in ITEMS}
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


def test_personnel_movement_carries_tacit_better_than_technology_sharing():
    """Inkpen (1996), Table I: personnel movement works best for tacit knowledge."""
    a = spiral(personnel=1.0, tacit_share=1.0)
    b = spiral(technology_sharing=1.0, tacit_share=1.0)
    assert a.total[-1] > b.total[-1]


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
    assert round(float(spiral(1, 1, 1, 1, tacit_share=0.5).total[-1]), 2) == 1.31
    assert round(float(spiral(personnel=1.0, tacit_share=1.0).total[-1]), 2) == 0.44
    assert round(float(spiral(personnel=1.0, tacit_share=1.0).survival_tacit), 3) == 0.551
