"""The live classroom under a big class's load: `make bench` runs this (via bench.py), or
`python benchmarks/live.py` alone.

A real class server (uvicorn, the fixture question of tests/live_fixtures) on loopback; 300
students join first, then commit over 10 seconds (start times spread evenly, in a seeded
random order) through real HTTP, each with its own connection, while the projector view
polls the state every 1.5 s as its page does (and, with --phones, every student's page polls
every 2 s too). A commit that fails is retried with the same commit id, as the phone page
does. Reported: commit latency (request sent to acknowledgement) median and p95, commits
lost (acknowledged or not, missing from the database at the end: must be 0), duplicates
(rows beyond one per student: must be 0), and the projector's poll latency. SQLite (the
default) and PostgreSQL (Debian's server, started here as the tests start it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

STUDENTS = 300
SECONDS = 10.0
TARGET_P95_MS = 100


def pct(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


async def _load(base: str, code: str, key: str, students: int, seconds: float, phones: bool) -> dict:
    import httpx

    from live_fixtures import OPTIONS, QID

    async with httpx.AsyncClient(base_url=base, timeout=30) as admin:
        csrf = (await admin.get("/api/csrf")).json()["token"]
        h = {"X-CSRF-Token": csrf, "Authorization": f"Bearer {key}"}
        (await admin.post(f"/api/c/{code}/open", json={"qid": QID}, headers=h)).raise_for_status()
        people = []
        for i in range(students):
            r = await admin.post(f"/api/c/{code}/join", json={"name": f"Student {i:03d}"},
                                 headers={"X-CSRF-Token": csrf})
            r.raise_for_status()
            people.append((r.json()["token"], f"bench-{i:03d}", OPTIONS[i % len(OPTIONS)]))

    rng = random.Random(20261201)
    order = list(range(students))
    rng.shuffle(order)
    starts = {i: seconds * k / students for k, i in enumerate(order)}
    latencies, acked, retries, polls, failures = [], set(), [0], [], []
    done = asyncio.Event()

    async def student(i):
        token, cid, choice = people[i]
        await asyncio.sleep(max(0.0, t0 + starts[i] - time.perf_counter()))
        if True:
            c = phones_client  # its pool opens a connection for each commit in flight
            csrf_i = phones_csrf  # one cookie jar: one CSRF token (each phone fetches its own)
            sent = time.perf_counter()
            for attempt in range(5):
                try:
                    r = await c.post(f"/api/c/{code}/commit", headers={"X-CSRF-Token": csrf_i},
                                     json={"token": token, "qid": QID, "choice": choice,
                                           "reason": "because", "commit_id": cid})
                    if r.status_code == 200:
                        latencies.append((time.perf_counter() - sent) * 1000)
                        acked.add(i)
                        return
                    failures.append(f"{r.status_code} {r.text[:80]}")
                except httpx.HTTPError as exc:
                    failures.append(type(exc).__name__)
                retries[0] += 1
                await asyncio.sleep(0.2 * (attempt + 1))

    host, port = base.split("//")[1].split(":")
    request = (f"GET /api/c/{code}/state HTTP/1.1\r\nHost: {host}:{port}\r\n"
               "Accept: application/json\r\n\r\n").encode()

    async def poller(period, record):
        # A page polling on one kept-alive connection, in raw HTTP/1.1: an httpx client per
        # page would spend more of this shared machine's CPU than the server it measures.
        await asyncio.sleep(rng.random() * period)
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while not done.is_set():
                t = time.perf_counter()
                writer.write(request)
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
                size = int(re.search(rb"content-length: *([0-9]+)", head, re.I).group(1))
                await reader.readexactly(size)
                if record is not None and head.startswith(b"HTTP/1.1 200"):
                    record.append((time.perf_counter() - t) * 1000)
                await asyncio.sleep(max(0.0, period - (time.perf_counter() - t)))
        finally:
            writer.close()

    # one client for all the phones (an httpx client per phone would spend the load generator's
    # CPU on TLS set-up it never uses, and the figures would measure that instead of the server)
    phones_client = httpx.AsyncClient(base_url=base, timeout=10,
                                      limits=httpx.Limits(max_connections=students + 10))
    phones_csrf = (await phones_client.get("/api/csrf")).json()["token"]
    pollers = [asyncio.create_task(poller(1.5, polls))]
    if phones:
        pollers += [asyncio.create_task(poller(2.0, None)) for _ in range(students)]
    t0 = time.perf_counter()  # the students' start times count from here
    await asyncio.gather(*(student(i) for i in range(students)))
    wall = time.perf_counter() - t0
    done.set()
    await asyncio.gather(*pollers)
    await phones_client.aclose()

    async with httpx.AsyncClient(base_url=base, timeout=30) as admin:
        q = (await admin.get(f"/api/c/{code}/admin", headers={"Authorization": f"Bearer {key}"})
             ).json()["questions"][0]
    names = [c["name"] for c in q["commits"]]
    return {"students": students, "seconds": round(wall, 2), "acknowledged": len(acked),
            "lost": students - len(set(names)), "duplicates": len(names) - len(set(names)),
            "retries": retries[0], "failures": sorted(set(failures))[:5], "commit_median_ms": round(statistics.median(latencies), 1),
            "commit_p95_ms": round(pct(latencies, 0.95), 1),
            "commit_max_ms": round(max(latencies), 1),
            "projector_polls": len(polls), "poll_median_ms": round(statistics.median(polls), 1),
            "phones_polling": phones, "target_p95_ms": TARGET_P95_MS}


def run_one(db: str | None, students=STUDENTS, seconds=SECONDS, phones=False) -> dict:
    from live_fixtures import free_port, start_server, stop

    folder = Path(tempfile.mkdtemp(prefix="casebook-live-bench-"))
    port = free_port()
    proc, code, key, _ = start_server(folder, port, db=db)
    try:
        return asyncio.run(_load(f"http://127.0.0.1:{port}", code, key, students, seconds, phones))
    finally:
        stop(proc)


def bench_live(students=STUDENTS, seconds=SECONDS, phones=False) -> dict:
    """The load on SQLite and on PostgreSQL (``{"skipped": reason}`` when it cannot start)."""
    out = {"sqlite": run_one(None, students, seconds, phones)}
    try:
        from live_fixtures import new_database, postgres_server

        with postgres_server() as server:
            out["postgresql"] = run_one(new_database(server, "bench"), students, seconds, phones)
    except BaseException as exc:  # pytest.skip outside pytest raises a BaseException
        if isinstance(exc, KeyboardInterrupt):
            raise
        out["postgresql"] = {"skipped": str(exc)[:200]}
    return out


def report(results: dict) -> None:
    print(f"\nlive classroom: {STUDENTS} students' commits over {SECONDS:g} s through HTTP on loopback, "
          f"projector polling (target p95 < {TARGET_P95_MS} ms, 0 lost, 0 duplicates)")
    for db, r in results.items():
        if "skipped" in r:
            print(f"  {db:10} skipped: {r['skipped']}")
            continue
        flag = "" if r["commit_p95_ms"] < TARGET_P95_MS and not r["lost"] and not r["duplicates"] \
            else "  <- target missed"
        print(f"  {db:10} commit median {r['commit_median_ms']} ms, p95 {r['commit_p95_ms']} ms, "
              f"max {r['commit_max_ms']} ms; lost {r['lost']}, duplicates {r['duplicates']}, "
              f"retries {r['retries']}; projector poll median {r['poll_median_ms']} ms "
              f"({r['projector_polls']} polls){' with every phone polling' if r['phones_polling'] else ''}{flag}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=STUDENTS)
    p.add_argument("--seconds", type=float, default=SECONDS)
    p.add_argument("--phones", action="store_true", help="every student's page polls too")
    a = p.parse_args(argv)
    results = bench_live(a.students, a.seconds, a.phones)
    report(results)
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
