"""Engine benchmarks for `benchmarks/bench.py`: the cluster simulation and the equilibrium solvers.

``run()`` returns rows of figures (no assertions; the machines are shared):

- ``simulate_cluster`` at 10,000 firms x 100 periods, median of a few runs,
  against :func:`reference_cluster`, a plain per-firm Python loop over the
  same model and the same random draws (kept here as the readable reference;
  ``tests/test_spillovers.py`` checks that the two agree);
- ``equilibrium_rd`` and ``rd_cooperation``: time per call.
"""

from __future__ import annotations

import math
import statistics
import time

import numpy as np
import pandas as pd

from casebook.models import spillovers as sp

SIZE = {"n_firms": 10_000, "n_lead": 20, "periods": 100}


def reference_cluster(n_firms=200, n_lead=4, periods=30, *, beta=0.6, theta_within=0.3, theta_across=0.05,
                      delta=0.5, strong_rd=3.0, weak_rd=0.5, dispersion=0.3, depreciation=0.2, noise=0.1,
                      m0=1.0, seed=0):
    """The model of :func:`casebook.models.spillovers.simulate_cluster` (one run), firm by firm in pure Python."""
    rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0])
    group, lead, rd0, shocks = sp.cluster._setup_cluster(n_firms, n_lead, strong_rd, weak_rd, dispersion, periods, noise, rng)
    group, rd, shocks = group.tolist(), rd0.tolist(), shocks.tolist()
    know = list(rd)
    rows = []
    for t in range(periods):
        gam = [1.0 - beta * math.exp(-k / m0) for k in know]
        rd_by_group, gam_by_group = [0.0] * n_lead, [0.0] * n_lead
        for i in range(n_firms):
            rd_by_group[group[i]] += rd[i]
            gam_by_group[group[i]] += gam[i]
        rd_total, gam_total = sum(rd), sum(gam)
        new_know = []
        for i in range(n_firms):
            gi = group[i]
            inward = gam[i] * (theta_within * (rd_by_group[gi] - rd[i])
                               + theta_across * (rd_total - rd_by_group[gi]))
            outward = rd[i] * (theta_within * (gam_by_group[gi] - gam[i])
                               + theta_across * (gam_total - gam_by_group[gi]))
            rows.append((t, i, rd[i], gam[i], inward, outward, inward - delta * outward, know[i]))
            new_know.append((1.0 - depreciation) * know[i] + shocks[t][i] * rd[i] + inward)
        know = new_know
    return pd.DataFrame(rows, columns=["period", "firm", "rd", "gamma", "inward", "outward", "net", "knowledge"])


def _median_time(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run(repeat: int = 11, reference_repeat: int = 3) -> list[dict]:
    """Time the engines; return one dict per measurement.

    Both sides are warmed up at full size and timed as medians (the engine
    over ``repeat`` runs, the loop over ``reference_repeat``), so one slow
    run on a shared machine does not decide the ratio.
    """
    sp.simulate_cluster(**SIZE)  # warm up at the measured size
    engine = _median_time(lambda: sp.simulate_cluster(**SIZE), repeat)
    reference = _median_time(lambda: reference_cluster(**SIZE), reference_repeat)
    n_eq = 200
    eq = _median_time(lambda: [sp.equilibrium_rd(4, 0.7, 0.5, 0.3, 1.0) for _ in range(n_eq)], 3) / n_eq
    n_co = 2000
    co = _median_time(lambda: [sp.rd_cooperation(0.6) for _ in range(n_co)], 3) / n_co
    size = f"{SIZE['n_firms']}x{SIZE['periods']}"
    return [
        {"engine": "simulate_cluster", "size": size, "median_s": round(engine, 4), "runs": repeat, "target_s": 0.5},
        {"engine": "reference_cluster (loop)", "size": size, "seconds": round(reference, 3), "runs": reference_repeat,
         "speedup": round(reference / engine, 1), "target_speedup": 50},
        {"engine": "equilibrium_rd", "per_call_ms": round(eq * 1000, 3)},
        {"engine": "rd_cooperation", "per_call_ms": round(co * 1000, 3)},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
