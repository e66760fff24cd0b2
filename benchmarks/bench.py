"""The casebook's benchmarks: `make bench` runs this, prints a table and writes
benchmarks/results.json. Figures, not assertions: the machines are shared and
noisy, so nothing here fails a build; the targets are printed beside the figures.

Measured:
- every widget builder in casebook.widgets.* (each `build_*` callable with no
  arguments): the time from a control's `.value` change to its outputs updated,
  through the widget's own observers (ipywidgets calls them synchronously),
  median and 95th percentile over at least 50 changes per control, and the
  time to build the widget (work a widget does ahead, such as the case
  explorer rendering its exhibits, shows there);
- extra engine benchmarks that a module registers in benchmarks/engines.py
  (the cluster engine against its loop reference, the equilibrium solvers);
- `import casebook` in a fresh interpreter;
- each chapter's execution time (nbclient, fresh kernel);
- in real Chromium (Voila app of chapter 05): key press on a slider to the
  updated figure painted on screen, median over 25 presses;
- the live classroom (benchmarks/live.py): 300 students' commits over 10 s to a real class
  server on loopback with the projector polling, on SQLite and PostgreSQL: commit latency
  median/p95, commits lost and duplicated (--skip-live to leave it out);
- optionally (--with-test-suite) the whole `make test` after installation.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import pkgutil
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.json"
CHANGES = 60
TARGETS = {"widget_median_ms": 30, "widget_p95_ms": 60, "chapter_s": 15, "import_s": 1.0, "make_test_s": 300}


def pct(values, q):
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def next_values(control, n):
    """n successive valid values for a control, always different from the last."""
    import ipywidgets as w

    if isinstance(control, (w.FloatSlider, w.IntSlider, w.FloatText, w.BoundedFloatText, w.BoundedIntText)):
        lo, hi = getattr(control, "min", 0), getattr(control, "max", 1)
        step = getattr(control, "step", None) or (hi - lo) / 20
        span = max(int((hi - lo) / step), 1)
        picks = [lo + ((i * 7919) % (span + 1)) * step for i in range(n)]
        return [type(control.value)(min(max(v, lo), hi)) for v in picks]
    if isinstance(control, (w.Checkbox, w.ToggleButton)):
        return [bool(i % 2 == 0) != control.value for i in range(n)]
    if hasattr(control, "options") and control.options:
        opts = list(control.options)
        values = [o[1] if isinstance(o, tuple) else o for o in opts]
        if isinstance(control, (w.SelectMultiple,)):
            return [tuple(values[: 1 + i % len(values)]) for i in range(n)]
        return [values[i % len(values)] for i in range(1, n + 1)]
    if isinstance(control, (w.FloatRangeSlider, w.IntRangeSlider)):
        lo, hi = control.min, control.max
        return [(lo, lo + (hi - lo) * (0.3 + 0.6 * ((i % 5) / 5))) for i in range(n)]
    return []


def bench_widgets():
    import casebook.widgets as pkg

    rows = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name in {"figure", "blitter"}:
            continue
        module = importlib.import_module(f"casebook.widgets.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("build_") or fn.__module__ != module.__name__:
                continue
            try:
                t = time.perf_counter()
                box = fn()
                build_ms = round((time.perf_counter() - t) * 1000, 1)
            except Exception as exc:  # report, don't hide
                rows.append({"widget": f"{info.name}.{name}", "error": f"{type(exc).__name__}: {exc}"})
                continue
            controls = getattr(box, "controls", {}) or {}
            for cname, control in controls.items():
                values = next_values(control, CHANGES)
                if not values:
                    continue
                times = []
                for v in values:
                    t = time.perf_counter()
                    control.value = v
                    times.append((time.perf_counter() - t) * 1000)
                rows.append({"widget": f"{info.name}.{name}", "control": cname, "changes": len(times),
                             "median_ms": round(statistics.median(times), 2), "p95_ms": round(pct(times, 0.95), 2),
                             "build_ms": build_ms})
    return rows


def bench_engines():
    try:
        engines = importlib.import_module("engines")
    except ModuleNotFoundError:
        return []
    return engines.run()


def bench_import(repeat=7):
    code = "import time; t=time.perf_counter(); import casebook; print(time.perf_counter()-t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(repeat)]
    return {"median_s": round(statistics.median(times), 4), "max_s": round(max(times), 4), "runs": repeat}


def bench_chapters():
    import nbformat
    from nbclient import NotebookClient

    rows = []
    for path in sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        with tempfile.TemporaryDirectory() as home:
            os.environ["CASEBOOK_HOME"] = home
            t = time.perf_counter()
            NotebookClient(nb, timeout=600, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()
            rows.append({"chapter": path.name, "seconds": round(time.perf_counter() - t, 2)})
    return rows


def bench_browser(presses: int = 25):
    """Key press on a slider in real Chromium (Voila app of chapter 05) to the new figure on screen."""
    import signal
    import socket
    import urllib.request

    if not Path("/usr/bin/chromium").exists():
        return {"skipped": "Debian's chromium is not installed"}
    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    voila = Path(sys.executable).parent / "voila"
    proc = subprocess.Popen([str(voila), "chapters/05_learning_races.ipynb", f"--port={port}", "--no-browser",
                             "--Voila.ip=127.0.0.1"], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
        with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium",
                                                       headless=True, args=flags)
            page = ctx.new_page()
            page.set_default_timeout(90_000)
            page.goto(f"http://127.0.0.1:{port}/")
            img = "img.cb-race-figure"
            page.wait_for_selector(img, state="visible")
            handle = page.locator(".widget-slider .noUi-handle").nth(1)
            handle.click()
            times = []
            for i in range(presses):
                before = page.locator(img).get_attribute("src")
                key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
                t = time.perf_counter()
                page.keyboard.press(key)
                page.wait_for_function("([s, b]) => document.querySelector(s).getAttribute('src') !== b",
                                       arg=[img, before])
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")  # painted
                times.append((time.perf_counter() - t) * 1000)
            ctx.close()
        return {"widget": "races.build_learning_race (Voila, chapter 05)", "presses": presses,
                "median_ms": round(statistics.median(times), 1), "p95_ms": round(pct(times, 0.95), 1)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)


def bench_make_test():
    t = time.perf_counter()
    # The suite as a user runs it: none of this script's own settings (a kernel
    # that inherited MPLBACKEND=Agg would store no inline figures, and nbval would fail).
    env = {k: v for k, v in os.environ.items() if k not in {"MPLBACKEND", "CASEBOOK_HOME"}}
    proc = subprocess.run(["make", "--no-print-directory", "test"], cwd=ROOT, capture_output=True, text=True, env=env)
    return {"seconds": round(time.perf_counter() - t, 1), "exit_status": proc.returncode,
            "last_line": proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-test-suite", action="store_true", help="also time `make test` (minutes)")
    parser.add_argument("--skip-chapters", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-live", action="store_true", help="skip the live classroom load (benchmarks/live.py)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ["CASEBOOK_HOME"] = tempfile.mkdtemp(prefix="casebook-bench-")

    results = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
               "targets": TARGETS}
    results["import"] = bench_import()
    results["widgets"] = bench_widgets()
    import peer  # the same widget built the common way (interact + seaborn), timed in this run

    results["peer"] = peer.bench_peer(next_values, pct)
    results["engines"] = bench_engines()
    results["chapters"] = [] if args.skip_chapters else bench_chapters()
    results["browser"] = {"skipped": "--skip-browser"} if args.skip_browser else bench_browser()
    if not args.skip_live:  # 300 students committing over 10 s to a real class server, SQLite and PostgreSQL
        import live

        results["live"] = live.bench_live()
    if args.with_test_suite:
        results["make_test"] = bench_make_test()
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    print(f"\nimport casebook: median {results['import']['median_s']:.3f} s (target < {TARGETS['import_s']} s)")
    print(f"\n{'widget':48} {'control':22} {'median ms':>9} {'p95 ms':>8} {'build ms':>9}   target {TARGETS['widget_median_ms']}/{TARGETS['widget_p95_ms']} ms")
    for r in results["widgets"]:
        if "error" in r:
            print(f"{r['widget']:48} ERROR {r['error']}")
        else:
            flag = "" if r["median_ms"] <= TARGETS["widget_median_ms"] and r["p95_ms"] <= TARGETS["widget_p95_ms"] else "  <- over target"
            print(f"{r['widget']:48} {r['control']:22} {r['median_ms']:9.1f} {r['p95_ms']:8.1f} {r['build_ms']:9.1f}{flag}")
    p = results["peer"]
    print(f"\npeer baseline, {p['widget']} vs {p['peer']}, {p['changes']} changes each:\n"
          f"  ours median {p['ours_median_ms']} ms, p95 {p['ours_p95_ms']} ms; peer median {p['peer_median_ms']} ms, "
          f"p95 {p['peer_p95_ms']} ms; ratio (peer/ours) {p['ratio_median']}x median, {p['ratio_p95']}x p95")
    if results["engines"]:
        print()
        for r in results["engines"]:
            missed = ("target_s" in r and r["median_s"] > r["target_s"]) or \
                ("target_speedup" in r and r["speedup"] < r["target_speedup"])
            print("  ".join(f"{k}={v}" for k, v in r.items()) + ("  <- target missed" if missed else ""))
    if results["chapters"]:
        print(f"\n{'chapter':40} {'seconds':>8}   target < {TARGETS['chapter_s']} s")
        for r in results["chapters"]:
            print(f"{r['chapter']:40} {r['seconds']:8.2f}")
    if "median_ms" in results["browser"]:
        b = results["browser"]
        print(f"\nreal browser, key press to updated figure on screen ({b['widget']}): "
              f"median {b['median_ms']} ms, p95 {b['p95_ms']} ms over {b['presses']} presses")
    if "live" in results:
        live.report(results["live"])
    if "make_test" in results:
        print(f"\nmake test: {results['make_test']['seconds']} s (target < {TARGETS['make_test_s']} s), exit {results['make_test']['exit_status']}")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
