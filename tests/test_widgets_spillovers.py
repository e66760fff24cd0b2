"""Headless tests of the chapter 06-07 widgets: controls move the outputs the way the model says."""

from __future__ import annotations

import numpy as np
import pytest

from casebook.models import spillovers as sp
from casebook.widgets.spillovers import build_cluster_explorer, build_cluster_over_time, build_leak_or_share


def test_builders_return_panels_with_controls_and_outputs():
    for build in (build_cluster_explorer, build_leak_or_share, build_cluster_over_time):
        box = build()
        assert "cb-panel" in box._dom_classes
        assert box.controls and {"figure", "summary"} <= set(box.outputs)
        for name, c in box.controls.items():
            assert c.description
            assert any(cls.startswith("cb-control-") for cls in c._dom_classes)


def test_explorer_matches_model_and_redraws():
    box = build_cluster_explorer()
    live = box.outputs["figure"]
    before = live.renders
    box.controls["beta"].value = 0.0
    box.controls["delta"].value = 1.0
    assert live.renders == before + 2
    ref = sp.cluster_gains([3.0] + [0.5] * 9, 0.0, 0.3, delta=1.0)
    assert box.table().net.tolist() == pytest.approx(ref.net.tolist())
    bars = [p for p in live.ax.patches][:2]
    assert [b.get_height() for b in bars] == pytest.approx([ref.inward[0], ref.inward[9]])
    assert "stay outside" in box.outputs["summary"].value   # strong firm, easy learning, full rivalry
    box.controls["delta"].value = 0.0
    assert "stay outside" not in box.outputs["summary"].value


def test_explorer_reports_crossover():
    box = build_cluster_explorer()
    b = sp.crossover_beta(3.0, 0.5, 1, 9, 0.3)
    assert f"{b:.2f}" in box.outputs["summary"].value


def test_leak_or_share_threshold():
    box = build_leak_or_share()
    box.controls["spillover"].value = 0.8
    assert "share" in box.outputs["summary"].value
    nc, co = box.outputs["lines"]
    x = np.asarray(nc.get_xdata())
    above = x > 0.5 + 1e-9
    assert np.all(np.asarray(co.get_ydata())[above] > np.asarray(nc.get_ydata())[above])
    box.controls["spillover"].value = 0.2
    assert "less R&amp;D" in box.outputs["summary"].value or "less R&D" in box.outputs["summary"].value
    old = np.asarray(co.get_ydata()).copy()
    box.controls["rd_cost"].value = 10.0
    assert np.all(np.asarray(co.get_ydata()) < old)


def test_cluster_over_time_follows_simulation():
    box = build_cluster_over_time()
    before = box.outputs["figure"].renders
    box.controls["seed"].value = 5
    assert box.outputs["figure"].renders == before + 1
    df = box.data()
    lead_gamma = df[df.role == "lead"].groupby("period").gamma.mean().to_numpy()
    assert np.asarray(box.outputs["lines"]["gamma"][0].get_ydata()) == pytest.approx(lead_gamma)
    assert "seed 5" in box.outputs["summary"].value
    box.controls["beta"].value = 0.0
    assert np.allclose(box.outputs["lines"]["gamma"][1].get_ydata(), 1.0)


def test_figure_is_png():
    box = build_leak_or_share()
    assert box.outputs["figure"].image.value[:4] == b"\x89PNG"


def test_cluster_over_time_share_leaving():
    box = build_cluster_over_time()
    box.controls["delta"].value = 0.0
    assert np.allclose(box.outputs["lines"]["net"][1].get_ydata(), 0.0)   # no rivalry: nobody leaves
    df = box.data()
    share = (df[df.role == "lead"].net < 0).groupby(df.period).mean().to_numpy()
    box.controls["delta"].value = 2.0
    df = box.data()
    share = (df[df.role == "lead"].net < 0).groupby(df[df.role == "lead"].period).mean().to_numpy()
    assert np.asarray(box.outputs["lines"]["net"][0].get_ydata()) == pytest.approx(share)
