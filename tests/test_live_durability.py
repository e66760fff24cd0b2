"""Nothing acknowledged is lost: a real uvicorn server is killed with SIGKILL in the middle of a
burst of commits and started again on the same database (SQLite, then PostgreSQL). Every
commit the server acknowledged before it died is there after the restart, nothing is counted
twice, and the clients' retries (same commit ids) complete the class exactly once each."""

from __future__ import annotations

import signal
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from live_fixtures import OPTIONS, QID, free_port, new_database, pg_server, start_server, stop  # noqa: F401

from casebook.classroom.live.client import ClassConfig, ClassError, Connection

STUDENTS = 160
KILL_AFTER = 50


def _burst_kill_restart(tmp_path, db):
    port = free_port()
    proc, code, key, _ = start_server(tmp_path / "class", port, db=db)
    assert key, "a new meeting prints its instructor key"
    url = f"http://127.0.0.1:{port}"
    admin = Connection(ClassConfig(url, code, key))
    admin.post("open", {"qid": QID}, auth=True)
    people = []
    for i in range(STUDENTS):
        c = Connection(ClassConfig(url, code))
        name = f"Student {i:03d}"
        people.append((name, c.post("join", {"name": name})["token"], f"commit-{i:03d}", OPTIONS[i % 3]))

    acked, lock, killed = set(), threading.Lock(), threading.Event()

    def send(person):
        name, token, cid, choice = person
        try:
            Connection(ClassConfig(url, code), timeout=10).post(
                "commit", {"token": token, "qid": QID, "choice": choice, "reason": "r",
                           "commit_id": cid}, retries=1)
        except ClassError:
            return  # the server died under this request: not acknowledged
        with lock:
            acked.add(name)
            if len(acked) >= KILL_AFTER and not killed.is_set():
                killed.set()
                stop(proc, signal.SIGKILL)

    with ThreadPoolExecutor(max_workers=24) as pool:
        list(pool.map(send, people))
    assert killed.is_set(), "the burst ended before the kill"
    assert proc.returncode == -signal.SIGKILL
    assert KILL_AFTER <= len(acked) < STUDENTS  # the kill really cut the burst short

    proc2, code2, key2, lines = start_server(tmp_path / "class", port, db=db)
    try:
        assert (code2, key2) == (code, None), "the restart resumes the meeting (and never reprints the key)"
        q = admin.get("admin", auth=True)["questions"][0]
        names = [c["name"] for c in q["commits"]]
        assert acked <= set(names), f"lost {sorted(acked - set(names))}"
        assert len(names) == len(set(names)) == q["count"]
        # every client retries with its own commit id: acknowledged ones come back as duplicates
        results = {}
        for name, token, cid, choice in people:
            res = Connection(ClassConfig(url, code)).post(
                "commit", {"token": token, "qid": QID, "choice": choice, "reason": "r",
                           "commit_id": cid})
            results[name] = res["status"]
        assert all(results[n] == "duplicate" for n in acked)
        q = admin.get("admin", auth=True)["questions"][0]
        assert q["count"] == STUDENTS == len({c["name"] for c in q["commits"]})
        assert q["split"] == {o: sum(1 for i in range(STUDENTS) if OPTIONS[i % 3] == o) for o in OPTIONS}
    finally:
        stop(proc2)


def test_sigkill_during_a_burst_loses_no_acknowledged_commit_sqlite(tmp_path):
    _burst_kill_restart(tmp_path, None)


def test_sigkill_during_a_burst_loses_no_acknowledged_commit_postgresql(tmp_path, pg_server):
    _burst_kill_restart(tmp_path, new_database(pg_server, "durability"))


def test_serve_prints_the_join_address_code_qr_and_key_once(tmp_path):
    port = free_port()
    proc, code, key, lines = start_server(tmp_path / "class", port)
    stop(proc)
    text = "".join(lines)
    assert f"http://127.0.0.1:{port}/j/{code}" in text
    assert "Listening on 127.0.0.1 only" in text and key and key in text
    assert (tmp_path / "class" / f"join-{code}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "\u2588" in text or "\u2580" in text  # the QR code drawn in the terminal
    proc, code2, key2, lines = start_server(tmp_path / "class", port)
    stop(proc)
    assert code2 == code and key2 is None and key not in "".join(lines)
    proc, code3, key3, _ = start_server(tmp_path / "class", port, new=True)
    stop(proc)
    assert code3 != code and key3 and key3 != key


@pytest.mark.parametrize("host", ["0.0.0.0"])
def test_listening_on_the_network_says_so_and_how_to_add_https(tmp_path, host, capsys, monkeypatch):
    import uvicorn

    from casebook.classroom.live import serve as serve_mod

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)  # print only; do not listen
    serve_mod.serve(db=None, folder=tmp_path, host=host, port=8765)
    out = capsys.readouterr().out
    assert "Listening on the network" in out and "HTTPS" in out and "--public-url" in out
