"""Hostile input to the class server, on SQLite and PostgreSQL: each case gets a clear error
(the status and the message are asserted) and changes nothing in the database (a snapshot of
every table is compared before and after). Text that is allowed (markup or a formula in a
reason) is stored as typed and asserted to be escaped or neutralised wherever it comes out."""

from __future__ import annotations

import json

import pytest
from live_fixtures import OPTIONS, QID, Api, make_app, pg_server, store_url  # noqa: F401
from starlette.testclient import TestClient

from casebook.classroom.live.app import Limits
from casebook.classroom.live.security import MAX_BODY


def snapshot(store) -> dict:
    """Every row of every table of the class database."""
    from casebook.classroom.live.store import metadata

    with store.engine.connect() as conn:
        return {t.name: sorted(tuple(map(str, r)) for r in conn.execute(t.select()))
                for t in metadata.sorted_tables}


@pytest.fixture
def hostile(store_url):
    store, meeting, app = make_app(store_url, limits=Limits(commits_per_student=10,
                                                            bad_codes_per_address=30,
                                                            bad_keys_per_address=10))
    with TestClient(app) as client:
        api = Api(client, meeting.code, meeting.key)
        api.act("open")
        token = api.join("Ana")
        assert api.commit(token, OPTIONS[0], "first", commit_id="c-ana").status_code == 200
        yield store, meeting, api, token
    store.close()


def refused(store, request, status: int, message: str):
    """Send ``request()``, assert the status and the error message, and that nothing changed."""
    before = snapshot(store)
    r = request()
    assert r.status_code == status, (r.status_code, r.text)
    assert message in r.json()["error"], r.json()
    assert snapshot(store) == before
    return r


def raw(api, action, body: bytes, **headers):
    h = {"Content-Type": "application/json", "X-CSRF-Token": api.csrf, **headers}
    return api.c.post(f"/api/c/{api.code}/{action}", content=body, headers=h)


def test_oversized_bodies(hostile):
    store, m, api, token = hostile
    big = json.dumps({"name": "A" * (MAX_BODY + 10)}).encode()
    refused(store, lambda: raw(api, "join", big), 413, f"at most {MAX_BODY} bytes")
    refused(store, lambda: raw(api, "join", b"{}", **{"Content-Length": "999999999"}), 413, "at most")
    refused(store, lambda: api.post("join", {"name": "A" * 61}, key=""), 400, "at most 60")
    refused(store, lambda: api.commit(token, OPTIONS[1], "x" * 201, "c-long"), 400, "at most 200")


def test_wrong_codes_are_refused_then_rate_limited(hostile):
    store, m, api, token = hostile
    wrong = Api(api.c, "ZZZZZZ")
    refused(store, lambda: wrong.commit(token, OPTIONS[0], "r", "c-z"), 404, "no class with this join code")
    refused(store, lambda: api.c.get("/api/c/%3Cscript%3E/state"), 404, "no class")
    for _ in range(28):
        wrong.state()
    refused(store, lambda: wrong.post("join", {"name": "Eve"}), 429, "too many wrong join codes")


def test_wrong_missing_and_replayed_keys(hostile):
    store, m, api, token = hostile
    old = store.create_meeting("last week")  # a key from another meeting, replayed here
    store.delete_meeting(old.id)
    for action in ("split", "reveal", "close", "open"):
        refused(store, lambda: api.act(action, key="not-the-key"), 403, "instructor key")
    refused(store, lambda: api.act("split", key=old.key), 403, "instructor key")
    refused(store, lambda: api.c.get(f"/api/c/{m.code}/export"), 403, "instructor key")
    refused(store, lambda: api.c.get(f"/api/c/{m.code}/admin",
                                     headers={"Authorization": f"Bearer {old.key}"}), 403, "instructor key")
    for _ in range(5):
        api.act("split", key="guess")
    refused(store, lambda: api.act("split", key="guess"), 429, "too many wrong instructor keys")
    # the right key still works: classmates behind one address cannot lock the instructor out
    assert api.act("split").status_code == 200


def test_replayed_commits_and_tokens(hostile):
    store, m, api, token = hostile
    r = api.commit(token, OPTIONS[0], "first", commit_id="c-ana")  # a replay: acknowledged, not counted
    assert r.json()["status"] == "duplicate" and store.count(m.id, QID) == 1
    refused(store, lambda: api.commit(token, OPTIONS[2], "changed", commit_id="c-ana"), 409,
            "belongs to another commit")
    refused(store, lambda: api.commit(token, OPTIONS[2], "again", commit_id="c-new"), 409, "final")
    refused(store, lambda: api.commit("forged-token", OPTIONS[0], "r", "c-f"), 403, "join the class first")
    ben = api.join("Ben")
    refused(store, lambda: api.commit(ben, OPTIONS[0], "r", commit_id="c-ana"), 409,
            "belongs to another commit")
    refused(store, lambda: api.post("join", {"name": "ANA"}, key=""), 409, "already taken")


def test_script_in_names_is_refused_and_in_reasons_escaped(hostile):
    store, m, api, token = hostile
    for name in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "Ana\u202e",
                 "Ben\nCarter", "=HYPERLINK(\"http://evil\")", "@SUM(A1)", "-2+3"):
        refused(store, lambda: api.post("join", {"name": name}, key=""), 400, "name:")
    ben = api.join("Ben")
    script = "<script>alert('x')</script> & <b>bold</b>"
    assert api.commit(ben, OPTIONS[1], script, commit_id="c-ben").status_code == 200
    api.act("split")
    assert script in [r["reason"] for r in api.state()["question"]["reasons"]]  # data, as typed
    for path in (f"/j/{m.code}", f"/p/{m.code}"):
        assert "<script>alert" not in api.c.get(path).text
    from casebook.classroom.live.panel import split_html

    admin = api.admin()["questions"][0]
    html = split_html(admin["split"], admin["commits"])
    assert "<script>" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_formula_text_is_neutralised_in_every_export(hostile, tmp_path):
    store, m, api, token = hostile
    ben = api.join("Ben")
    api.commit(ben, OPTIONS[1], '=HYPERLINK("http://evil","x")', commit_id="c-ben")
    api.act("split")
    from casebook.classroom.live.export import export_meeting

    paths = export_meeting(store, m, tmp_path / "out")
    summary = paths["csv"].read_text(encoding="utf-8")
    assert "'=HYPERLINK" in summary and "\n=HYPERLINK" not in summary.replace(",", "\n")
    assert not any(cell.startswith(("=", "+", "-", "@")) for line in summary.splitlines()
                   for cell in line.split(","))


def test_invalid_utf8_and_malformed_json(hostile):
    store, m, api, token = hostile
    refused(store, lambda: raw(api, "join", b'{"name": "Ana \xff\xfe"}'), 400, "not valid UTF-8")
    refused(store, lambda: raw(api, "commit", b'{"token": "\xc3\x28"}'), 400, "not valid UTF-8")
    refused(store, lambda: raw(api, "join", b'{"name": NaN}'), 400, "NaN is not allowed")
    refused(store, lambda: raw(api, "join", b'["Ana"]'), 400, "JSON object")
    refused(store, lambda: raw(api, "join", b'{"name": '), 400, "not valid JSON")
    refused(store, lambda: raw(api, "join", b"[" * 3000 + b"]" * 3000), 413, "at most")
    refused(store, lambda: raw(api, "join", b"[" * 2000 + b"]" * 2000), 400, "not valid JSON")


def test_csrf_and_content_type(hostile):
    store, m, api, token = hostile
    body = json.dumps({"name": "Eve"}).encode()
    url = f"/api/c/{m.code}/join"
    fresh = TestClient(api.c.app)  # no CSRF cookie at all
    refused(store, lambda: fresh.post(url, content=body, headers={"Content-Type": "application/json",
                                                                  "X-CSRF-Token": api.csrf}), 403, "CSRF")
    refused(store, lambda: raw(api, "join", body, **{"X-CSRF-Token": "forged"}), 403, "CSRF")
    refused(store, lambda: raw(api, "join", body, Origin="http://evil.example"), 403, "cross-site")
    refused(store, lambda: api.c.post(url, content=b"name=Eve", headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": api.csrf}), 415, "send JSON")
    refused(store, lambda: api.c.post(f"/api/c/{m.code}/open", content=b'{"qid": "%s"}' % QID.encode(),
                                      headers={"Content-Type": "application/json",
                                               "Authorization": f"Bearer {m.key}",
                                               "X-CSRF-Token": "forged"}), 403, "CSRF")


def test_closed_questions_and_commits_after_the_split_or_reveal(hostile):
    store, m, api, token = hostile
    ben, cy = api.join("Ben"), api.join("Cy")
    api.act("split")
    refused(store, lambda: api.commit(ben, OPTIONS[1], "late", "c-b"), 409, "no longer takes commits")
    api.act("reveal")
    refused(store, lambda: api.commit(ben, OPTIONS[1], "after reveal", "c-b"), 409, "'outcome'")
    api.act("close")
    refused(store, lambda: api.commit(cy, OPTIONS[1], "closed", "c-c"), 409, "'closed'")
    refused(store, lambda: api.act("split"), 409, "cannot go back")
    refused(store, lambda: api.commit(cy, OPTIONS[1], "r", "c-c", qid="ch05.never_opened"), 404,
            "not open in this class")


def test_bad_choices_reasons_and_ids(hostile):
    store, m, api, token = hostile
    api.act("open", qid=QID + "_b")
    q = QID + "_b"
    refused(store, lambda: api.commit(token, "Burn it down", "r", "c-x", qid=q), 422, "not one of the options")
    refused(store, lambda: api.commit(token, OPTIONS[0], "two\nlines", "c-x", qid=q), 400, "one line")
    refused(store, lambda: api.commit(token, OPTIONS[0], "   ", "c-x", qid=q), 400, "must not be empty")
    refused(store, lambda: api.commit(token, OPTIONS[0], "r", "../../etc", qid=q), 400, "commit_id")
    refused(store, lambda: api.commit(token, OPTIONS[0], "r", "c-x", qid="'; DROP TABLE x;--"), 400, "qid")
    refused(store, lambda: api.post("commit", {"token": token, "qid": q, "choice": ["a"],
                                               "reason": "r", "commit_id": "c"}, key=""), 400, "choice")


def test_commits_per_student_per_minute(hostile):
    store, m, api, token = hostile
    for _ in range(9):  # replays: acknowledged, never counted twice, but they use up the limit
        assert api.commit(token, OPTIONS[0], "first", commit_id="c-ana").status_code == 200
    refused(store, lambda: api.commit(token, OPTIONS[0], "first", commit_id="c-ana"), 429, "too many commits")


def test_behind_a_proxy_the_public_origin_is_accepted_and_no_other(tmp_path):
    from live_fixtures import lookup

    from casebook.classroom.live.app import create_app
    from casebook.classroom.live.store import Store, sqlite_url

    store = Store(sqlite_url(tmp_path))
    m = store.create_meeting("proxied")
    app = create_app(store, question_lookup=lookup, public_url="https://class.example.edu")
    with TestClient(app) as client:  # the proxy rewrote Host to the server's own address
        api = Api(client, m.code, m.key)
        body = json.dumps({"name": "Ana"}).encode()
        assert raw(api, "join", body, Origin="https://class.example.edu").status_code == 200
        refused(store, lambda: raw(api, "join", json.dumps({"name": "Eve"}).encode(),
                                   Origin="https://evil.example.edu"), 403, "cross-site")
    store.close()
