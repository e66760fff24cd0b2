"""The class server's core suite, on SQLite and on a real PostgreSQL: the open-commit-split-
reveal-close cycle through HTTP (Starlette's test client), idempotent and final commits, one
class per join code and key, the pages' security headers, and the database layer itself."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from live_fixtures import OPTIONS, QID, Api, make_app, pg_server, store_url  # noqa: F401
from live_fixtures import lookup as lookup_fixture
from starlette.testclient import TestClient

from casebook.classroom.live.store import Store, StoreError

STATIC = Path(__file__).resolve().parent.parent / "src/casebook/classroom/live/static"


@pytest.fixture
def live(store_url):
    store, meeting, app = make_app(store_url)
    with TestClient(app) as client:
        yield store, meeting, Api(client, meeting.code, meeting.key)
    store.close()


def test_a_whole_cycle_reveals_in_order(live):
    store, meeting, api = live
    assert api.state()["question"] is None
    assert api.act("open").json() == {"qid": QID, "stage": "open"}
    tokens = [api.join(n) for n in ("Ana María", "Ben", "Chen Wei")]
    for token, choice, cid in zip(tokens, [OPTIONS[0], OPTIONS[2], OPTIONS[0]], "abc"):
        assert api.commit(token, choice, f"reason {cid}", commit_id=cid).json()["status"] == "recorded"
    q = api.state()["question"]
    # while open: the question and the count, never the split, the reasons or the outcome
    assert (q["stage"], q["count"], q["options"]) == ("open", 3, OPTIONS)
    assert not {"split", "reasons", "outcome"} & set(q)
    assert api.act("split").status_code == 200
    q = api.state()["question"]
    assert q["split"] == {OPTIONS[0]: 2, OPTIONS[1]: 0, OPTIONS[2]: 1}
    assert sorted(r["reason"] for r in q["reasons"]) == ["reason a", "reason b", "reason c"]
    assert "outcome" not in q and all("name" not in r for r in q["reasons"])  # anonymous
    assert api.act("reveal").status_code == 200
    q = api.state()["question"]
    assert q["outcome"]["text"].startswith("Both partners stayed")
    assert set(q["outcome"]["judges"]) == {OPTIONS[0], OPTIONS[2]}
    admin = api.admin()["questions"][0]
    assert sorted(c["name"] for c in admin["commits"]) == ["Ana María", "Ben", "Chen Wei"]
    from casebook.classroom.pool import ClassPool

    doc = api.c.get(f"/api/c/{meeting.code}/export",
                    headers={"Authorization": f"Bearer {meeting.key}"}).json()
    assert ClassPool.from_json(doc).split(QID) == {OPTIONS[0]: 2, OPTIONS[2]: 1}
    assert api.act("close").status_code == 200
    assert api.state()["question"] is None


def test_a_retried_commit_counts_once_and_a_commit_is_final(live):
    store, meeting, api = live
    api.act("open")
    token = api.join("Ana")
    first = api.commit(token, OPTIONS[1], commit_id="same-id").json()
    again = api.commit(token, OPTIONS[1], commit_id="same-id").json()
    assert (first["status"], again["status"]) == ("recorded", "duplicate")
    assert first["committed_at"] == again["committed_at"]
    other = api.commit(token, OPTIONS[0], commit_id="another-id")
    assert other.status_code == 409 and "final" in other.json()["error"]
    assert store.split(meeting.id, QID) == {OPTIONS[0]: 0, OPTIONS[1]: 1, OPTIONS[2]: 0}


def test_opening_a_second_question_closes_the_first_and_none_reopens(live):
    store, meeting, api = live
    api.act("open")
    assert api.act("open", qid=QID + "_two").status_code == 200
    assert store.question(meeting.id, QID)["stage"] == "closed"
    assert api.state()["question"]["qid"] == QID + "_two"
    r = api.act("open")
    assert r.status_code == 409 and "cannot open again" in r.json()["error"]
    assert api.act("open", qid="ch05.not_a_question").status_code == 404


def test_a_join_code_and_a_key_admit_to_one_class_only(live):
    store, meeting, api = live
    other = store.create_meeting("another class")
    api.act("open")
    api_b = Api(api.c, other.code, other.key)
    api_b.act("open")
    token_a = api.join("Ana")
    # A's student token does not commit in B; A's key does not drive B, nor B's key A
    assert api_b.commit(token_a, OPTIONS[0]).status_code == 403
    assert api_b.act("split", key=meeting.key).status_code == 403
    assert api.act("split", key=other.key).status_code == 403
    assert store.count(other.id, QID) == 0 and store.question(other.id, QID)["stage"] == "open"


def test_pages_are_served_with_a_strict_policy_and_no_inline_script(live):
    store, meeting, api = live
    for path in ("/", f"/j/{meeting.code}", f"/p/{meeting.code}"):
        r = api.c.get(path)
        assert r.status_code == 200
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert not re.search(r"<script(?![^>]*\bsrc=)", r.text), path     # no inline script
        assert not re.search(r"\son[a-z]+=|\sstyle=", r.text), path      # no handlers or styles
    assert api.c.get("/j/ZZZZZZ").status_code == 404
    assert api.c.get(f"/qr/{meeting.code}.svg").headers["content-type"].startswith("image/svg")
    for name in ("common.js", "phone.js", "projector.js", "live.css"):
        assert api.c.get(f"/static/{name}").status_code == 200


def test_scripts_never_write_html():
    for path in STATIC.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", text), path


def test_concurrent_commits_are_all_kept_once(store_url):
    store = Store(store_url)
    m = store.create_meeting("burst")
    store.open_question(m.id, {"qid": QID, "prompt": "p", "options": OPTIONS})
    names = [f"Student {i}" for i in range(40)]
    for n in names:
        store.add_student(m.id, n, f"tok-{n}")
    errors = []

    def send(i):
        try:  # every commit sent twice, as a client retry would
            for _ in range(2):
                store.commit(m.id, QID, names[i], OPTIONS[i % 3], "r", f"id-{i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(names))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.count(m.id, QID) == 40
    assert sum(store.split(m.id, QID).values()) == 40
    store.close()


def test_stages_move_forward_only_and_delete_removes_everything(store_url):
    store = Store(store_url)
    m = store.create_meeting("x")
    keep = store.create_meeting("kept")
    for meeting in (m, keep):
        store.open_question(meeting.id, {"qid": QID, "prompt": "p", "options": OPTIONS})
        store.add_student(meeting.id, "Ana", f"t-{meeting.id}")
        store.commit(meeting.id, QID, "Ana", OPTIONS[0], "r", "c1")
    store.set_stage(m.id, QID, "outcome")
    with pytest.raises(StoreError, match="cannot go back"):
        store.set_stage(m.id, QID, "open")
    counts = store.delete_meeting(m.id)
    assert counts == {"commits": 1, "students": 1, "questions": 1, "meetings": 1}
    store.compact()
    assert store.meeting(m.id) is None and store.commits(m.id) == []
    assert store.count(keep.id, QID) == 1  # the other meeting is untouched
    store.close()


def test_sqlite_is_in_wal_mode_with_full_sync(tmp_path):
    from casebook.classroom.live.store import sqlite_url

    store = Store(sqlite_url(tmp_path))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    store.close()


def test_behind_a_proxy_prefix_with_or_without_stripping(store_url):
    from casebook.classroom.live.app import create_app

    store = Store(store_url)
    m = store.create_meeting("hub")
    prefix = "/services/casebook-class"
    client = TestClient(create_app(store, question_lookup=lookup_fixture, root_path=prefix))
    for path in (f"{prefix}/j/{m.code}", f"/j/{m.code}"):
        page = client.get(path)
        assert page.status_code == 200 and f'data-base="{prefix}"' in page.text
        assert f'src="{prefix}/static/phone.js"' in page.text
    api = Api(client, m.code, m.key)
    assert client.post(f"{prefix}/api/c/{m.code}/open", json={"qid": QID},
                       headers=api.headers()).json()["stage"] == "open"
    assert client.get(f"{prefix}/api/c/{m.code}/state").json()["question"]["qid"] == QID
    store.close()


def test_only_questions_with_options_go_live(live):
    store, meeting, api = live
    from live_fixtures import FixtureQuestion

    from casebook.classroom.live.app import create_app

    numeric = FixtureQuestion(QID + "_n")
    numeric.kind, numeric.options = "numeric", []

    client = TestClient(create_app(store, question_lookup=lambda q: numeric))
    r = Api(client, meeting.code, meeting.key).act("open", qid=QID + "_n")
    assert r.status_code == 422 and "numeric question" in r.json()["error"]
    assert store.question(meeting.id, QID + "_n") is None


def test_a_real_chapter_question_goes_live_from_its_question_file(tmp_path):
    """The default lookup reads the chapter's question file; the model's verdicts come from its judge."""
    from live_fixtures import real_decision_point

    from casebook.classroom.live.app import create_app
    from casebook.classroom.live.store import sqlite_url

    store = Store(sqlite_url(tmp_path))
    m = store.create_meeting("real")
    q = real_decision_point()
    with TestClient(create_app(store)) as client:
        api = Api(client, m.code, m.key)
        assert api.act("open", qid=q.qid).status_code == 200
        token = api.join("Ana")
        assert api.commit(token, q.option_texts()[0], "learn", qid=q.qid).status_code == 200
        shown = api.state()["question"]
        assert (shown["prompt"], shown["options"]) == (q.prompt, q.option_texts())
        api.act("split", qid=q.qid)
        api.act("reveal", qid=q.qid)
        outcome = api.state()["question"]["outcome"]
    assert (outcome["text"], outcome["source"]) == q.outcome()
    assert outcome["judges"] == {o: q.judge(o) for o in q.option_texts() if q.judge(o)}
    store.close()
