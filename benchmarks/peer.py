"""The peer baseline of `make bench`: the cluster explorer built the common way, against ours, in the same run.

The common way: ``ipywidgets.interact`` (``interactive``, which interact displays) over the same seven sliders, whose
function recomputes the same model (:func:`casebook.models.spillovers.cluster_gains`),
builds a new pyplot figure with seaborn's ``barplot`` on every change and
renders it to PNG as the notebook's inline backend does
(``savefig(format="png", bbox_inches="tight")``), shown in an
``ipywidgets.Image``. Ours: :func:`casebook.widgets.spillovers.build_cluster_explorer`
(one figure, the picture moved by its ``update`` and blitted). Both get the
same control changes (the sequence bench.py's ``next_values`` gives, the same
number per control); we report each one's median and 95th percentile of the
time from a ``.value`` change to the new PNG, and their ratio (peer / ours).
"""

from __future__ import annotations

import io
import statistics
import time

FIELDS = ("beta", "theta", "delta", "strong_rd", "weak_rd", "n_strong", "n_weak")


def build_peer():
    """The cluster explorer as ``interact`` + seaborn would write it; returns (controls, image)."""
    import ipywidgets as w
    import matplotlib.pyplot as plt
    import pandas as pd
    import seaborn as sns

    from casebook.models import spillovers as sp

    image = w.Image(format="png")
    sliders = {
        "beta": w.FloatSlider(value=0.5, min=0, max=1, step=0.05, description="learning difficulty β"),
        "theta": w.FloatSlider(value=0.3, min=0.05, max=1, step=0.05, description="spillover level θ"),
        "delta": w.FloatSlider(value=0.5, min=0, max=2, step=0.05, description="rivalry δ"),
        "strong_rd": w.FloatSlider(value=3.0, min=0.5, max=6, step=0.25, description="strong firm R&D"),
        "weak_rd": w.FloatSlider(value=0.5, min=0.05, max=3, step=0.05, description="weak firm R&D"),
        "n_strong": w.IntSlider(value=1, min=1, max=10, description="strong firms"),
        "n_weak": w.IntSlider(value=9, min=1, max=40, description="weak firms"),
    }

    def show(beta, theta, delta, strong_rd, weak_rd, n_strong, n_weak):
        rd = [max(strong_rd, weak_rd)] * n_strong + [min(strong_rd, weak_rd)] * n_weak
        df = sp.cluster_gains(rd, beta, theta, delta=delta).iloc[[0, n_strong + n_weak - 1]]
        df = df.assign(firm=["a strong firm", "a weak firm"])
        long = df.melt(id_vars="firm", value_vars=["inward", "outward", "net"], var_name="flow", value_name="gain")
        fig, ax = plt.subplots(figsize=(6.5, 3.4), dpi=80)
        sns.barplot(data=long, x="firm", y="gain", hue="flow", ax=ax)
        ax.axhline(0, color="black", lw=0.8)
        ax.set_ylabel("gain from the cluster")
        buf = io.BytesIO()
        fig.savefig(buf, format="png", bbox_inches="tight")
        plt.close(fig)
        image.value = buf.getvalue()

    w.interactive(show, **sliders)  # interact without display(): the same machinery, headless
    return sliders, image


def _time_changes(controls, values):
    times = []
    for name, vals in values.items():
        for v in vals:
            t = time.perf_counter()
            controls[name].value = v
            times.append((time.perf_counter() - t) * 1000)
    return times


def bench_peer(next_values, pct, changes: int = 30):
    """Ours and the peer's latency on the same changes; returns the results row."""
    from casebook.widgets.spillovers import build_cluster_explorer

    ours = build_cluster_explorer()
    peer, image = build_peer()
    values = {name: next_values(ours.controls[name], changes) for name in FIELDS}
    t_ours = _time_changes(ours.controls, values)
    import contextlib

    with contextlib.redirect_stdout(io.StringIO()):  # interactive's clear_output writes escapes outside a kernel
        t_peer = _time_changes(peer, values)
    assert image.value[:4] == b"\x89PNG"
    row = {"widget": "spillovers.build_cluster_explorer", "peer": "ipywidgets.interact + seaborn barplot, "
           "new figure and PNG (bbox_inches='tight') on every change", "changes": len(t_ours),
           "ours_median_ms": round(statistics.median(t_ours), 2), "ours_p95_ms": round(pct(t_ours, 0.95), 2),
           "peer_median_ms": round(statistics.median(t_peer), 2), "peer_p95_ms": round(pct(t_peer, 0.95), 2)}
    row["ratio_median"] = round(row["peer_median_ms"] / row["ours_median_ms"], 1)
    row["ratio_p95"] = round(row["peer_p95_ms"] / row["ours_p95_ms"], 1)
    return row
