"""The class server: a Starlette (ASGI) app over a :class:`~casebook.classroom.live.store.Store`.

Pages (every script and style served from ``/static``, nothing from elsewhere):
``/`` (enter a join code), ``/j/CODE`` (the phone page), ``/p/CODE`` (the
projector view), ``/qr/CODE.svg`` (the QR code of the join address).

JSON API under ``/api`` (see :mod:`casebook.classroom.live.security` for the
rules every request meets):

=========================  ========  ==============================================
``GET  /api/csrf``         anyone    the CSRF token (also set as cookie ``cb_csrf``)
``GET  /api/c/CODE/state``  anyone   the current question; split and reasons only
                                     once shown, outcome only once revealed
``POST /api/c/CODE/join``   anyone   ``{name}`` -> ``{token}``: claims a name
``POST /api/c/CODE/commit`` student  ``{token, qid, choice, reason, commit_id}``
``POST /api/c/CODE/open``   key      ``{qid}``: opens a question (from the question files)
``POST /api/c/CODE/split``  key      ``{qid}``: ends voting, shows the split and reasons
``POST /api/c/CODE/reveal`` key      ``{qid}``: shows the outcome and the model's verdicts
``POST /api/c/CODE/close``  key      ``{qid}``
``GET  /api/c/CODE/admin``  key      every question, split, and reasons with names
``GET  /api/c/CODE/export`` key      the meeting as a class pool document
=========================  ========  ==============================================

"key" means the header ``Authorization: Bearer <instructor key>`` of that
meeting. Errors are ``{"error": "..."}`` with a 4xx status and change nothing.

Examples
--------
>>> from starlette.testclient import TestClient
>>> from casebook.classroom.live.store import Store
>>> app = create_app(Store("sqlite://"))
>>> TestClient(app).get("/").status_code
200
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from casebook.classroom.live import pages
from casebook.classroom.live.asgi import CSP, SecurityHeaders, TTLCache
from casebook.classroom.live.views import public_state, question_record
from casebook.classroom.live.security import (CSRF_COOKIE, CSRF_HEADER, MAX_BODY, InputError,
                                              RateLimiter, check_secret, clean_id, clean_name,
                                              clean_qid, clean_reason, new_token, parse_json)
from casebook.classroom.live.store import Store, StoreError

__all__ = ["create_app", "Limits", "public_state", "question_record", "CSP"]

_CODE = re.compile(r"[A-Za-z0-9]{4,12}")


@dataclass
class Limits:
    """Per-minute limits: commits per student, joins per address, wrong codes and keys per address."""

    commits_per_student: int = 10
    joins_per_address: int = 1200
    bad_codes_per_address: int = 30
    bad_keys_per_address: int = 10


class Refused(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def _default_lookup(qid):
    from casebook.classroom.questions import get_question

    return get_question(qid)


def create_app(store: Store, *, question_lookup=None, limits: Limits | None = None,
               public_url: str | None = None, root_path: str = "") -> Starlette:
    """The ASGI app serving one class database.

    Parameters
    ----------
    store : Store
    question_lookup : callable, optional
        ``qid -> Question``; default :func:`casebook.classroom.questions.get_question`.
    limits : Limits, optional
    public_url : str, optional
        The address students open (for the QR code); default: the address
        of the request.
    root_path : str, optional
        The URL prefix the server is reached under behind a proxy
        (``/services/casebook-class`` on a JupyterHub), whether or not the
        proxy strips it.
    """
    lookup = question_lookup or _default_lookup
    limits = limits or Limits()
    rl_commit = RateLimiter(limits.commits_per_student)
    rl_join = RateLimiter(limits.joins_per_address)
    rl_code = RateLimiter(limits.bad_codes_per_address)
    rl_key = RateLimiter(limits.bad_keys_per_address)
    # A poll reads the state from the database at most twice a second per meeting, however many
    # pages poll (the count may lag by half a second; a stage change shows at once); a meeting
    # and a student's name are looked up once, not on every request.
    meeting_cache, state_cache, token_cache = TTLCache(2.0), TTLCache(0.5), TTLCache(60.0)

    def client(request: Request) -> str:
        return request.client.host if request.client else "unknown"

    def base(request: Request) -> str:
        return request.scope.get("root_path", "").rstrip("/")

    async def meeting_of(request: Request):
        code = str(request.path_params["code"]).upper()
        m = await meeting_cache.aget(code, lambda: store.meeting_by_code(code)) \
            if _CODE.fullmatch(code) else None
        if m is None:
            if not rl_code.allow(client(request)):
                raise Refused("too many wrong join codes from this address; wait a minute", 429)
            raise Refused("no class with this join code", 404)
        return m

    def instructor(request: Request, meeting) -> None:
        auth = request.headers.get("authorization", "")
        given = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        if not check_secret(given, meeting.key_hash):
            if not rl_key.allow(client(request)):
                raise Refused("too many wrong instructor keys from this address; wait a minute", 429)
            raise Refused("this needs the class's instructor key", 403)

    public_host = urlsplit(public_url).netloc if public_url else None

    def own_hosts(request: Request) -> set:
        """This server's host as the browser sees it: the request's, or the public address's
        (a proxy that rewrites the Host header still serves pages from the public address)."""
        return {h for h in (request.headers.get("host"), public_host) if h}

    def csrf(request: Request) -> None:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise Refused("send JSON (Content-Type: application/json)", 415)
        origin = request.headers.get("origin")
        if origin is not None and urlsplit(origin).netloc not in own_hosts(request):
            raise Refused("cross-site request refused (Origin does not match)", 403)
        cookie, header = request.cookies.get(CSRF_COOKIE, ""), request.headers.get(CSRF_HEADER, "")
        if not cookie or not header or not hmac.compare_digest(cookie.encode(), header.encode()):
            raise Refused("missing or wrong CSRF token: reload the page", 403)

    async def body(request: Request) -> dict:
        csrf(request)
        size = request.headers.get("content-length")
        if size is not None and (not size.isdigit() or int(size) > MAX_BODY):
            raise Refused(f"body: at most {MAX_BODY} bytes", 413)
        raw = bytearray()
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_BODY:
                raise Refused(f"body: at most {MAX_BODY} bytes", 413)
        return parse_json(bytes(raw))

    def guarded(handler):
        async def endpoint(request: Request):
            try:
                return await handler(request)
            except (Refused, InputError, StoreError) as exc:
                return JSONResponse({"error": str(exc)}, status_code=exc.status)
        return endpoint

    # ---------------------------------------------------------------- pages
    async def home(request):
        return HTMLResponse(pages.home_page(base(request)))

    async def join_redirect(request):
        code = request.query_params.get("code", "").strip().upper()
        if not _CODE.fullmatch(code):
            return HTMLResponse(pages.message_page(base(request), "That is not a join code."), 404)
        return RedirectResponse(f"{base(request)}/j/{code}", 303)

    async def page(request, render):
        try:
            m = await meeting_of(request)
        except Refused as exc:
            return HTMLResponse(pages.message_page(base(request), str(exc)), exc.status)
        join_url = f"{(public_url or str(request.base_url)).rstrip('/')}/j/{m.code}"
        return HTMLResponse(render(base(request), m.code, m.title, join_url))

    async def phone(request):
        return await page(request, pages.phone_page)

    async def projector(request):
        return await page(request, pages.projector_page)

    async def qr_svg(request):
        m = await meeting_of(request)
        import segno

        url = f"{(public_url or str(request.base_url)).rstrip('/')}/j/{m.code}"
        import io

        buf = io.BytesIO()
        segno.make(url, error="m").save(buf, kind="svg", scale=10, border=2,
                                        xmldecl=False, svgns=True, title="Join address")
        return Response(buf.getvalue(), media_type="image/svg+xml")

    # ---------------------------------------------------------------- API
    async def csrf_token(request):
        token = request.cookies.get(CSRF_COOKIE) or new_token()
        resp = JSONResponse({"token": token})
        resp.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
        return resp

    async def state(request):
        m = await meeting_of(request)
        return JSONResponse(await state_cache.aget(m.id, lambda: public_state(store, m)))

    async def join(request):
        m = await meeting_of(request)
        doc = await body(request)
        name = clean_name(doc.get("name"))
        if not rl_join.allow(client(request)):
            raise Refused("too many joins from this address; wait a minute", 429)
        token = new_token()
        await run_in_threadpool(store.add_student, m.id, name, token)
        return JSONResponse({"name": name, "token": token})

    async def commit(request):
        m = await meeting_of(request)
        doc = await body(request)
        token = clean_id(doc.get("token"), "token")
        qid, commit_id = clean_qid(doc.get("qid")), clean_id(doc.get("commit_id"), "commit_id")
        choice = doc.get("choice")
        if not isinstance(choice, str):
            raise InputError("choice: must be one of the question's options")
        reason = clean_reason(doc.get("reason"))
        name = await token_cache.aget((m.id, token), lambda: store.student_by_token(m.id, token))
        if name is None:
            raise Refused("join the class first (unknown student token)", 403)
        if not rl_commit.allow(f"{m.id}:{token}"):
            raise Refused("too many commits; wait a minute", 429)
        res = await run_in_threadpool(store.commit, m.id, qid, name, choice, reason, commit_id)
        return JSONResponse({"status": res.status, "name": name, "choice": res.choice,
                             "committed_at": res.committed_at})

    async def open_question(request):
        m = await meeting_of(request)
        instructor(request, m)
        qid = clean_qid((await body(request)).get("qid"))
        try:
            record = await run_in_threadpool(lambda: question_record(lookup(qid)))
        except Exception as exc:  # unknown qid or a bad question file: say which
            raise Refused(f"question {qid}: {exc}", 404) from None
        if len(record["options"]) < 2:
            raise Refused(f"question {qid} is a {record['kind']} question: only questions with "
                          "options to choose from (decision points, multiple choice) go live", 422)
        await run_in_threadpool(store.open_question, m.id, record)
        meeting_cache.drop(m.code)
        state_cache.drop(m.id)
        return JSONResponse({"qid": qid, "stage": "open"})

    def stage_endpoint(stage):
        async def handler(request):
            m = await meeting_of(request)
            instructor(request, m)
            qid = clean_qid((await body(request)).get("qid"))
            await run_in_threadpool(store.set_stage, m.id, qid, stage)
            state_cache.drop(m.id)
            return JSONResponse({"qid": qid, "stage": stage})
        return handler

    async def admin(request):
        m = await meeting_of(request)
        instructor(request, m)

        def build():
            out = []
            for q in store.questions(m.id):
                rows = store.commits(m.id, q["qid"])
                out.append({**q, "count": len(rows), "split": store.split(m.id, q["qid"]),
                            "commits": [{"name": r["name"], "choice": r["choice"],
                                         "reason": r["reason"], "committed_at": r["committed_at"]}
                                        for r in rows]})
            return {"title": m.title, "code": m.code, "current_qid": m.current_qid,
                    "questions": out}
        return JSONResponse(await run_in_threadpool(build))

    async def export(request):
        m = await meeting_of(request)
        instructor(request, m)
        from casebook.classroom.live.export import pool_document

        return JSONResponse(await run_in_threadpool(pool_document, store, m))

    static = resources.files("casebook.classroom.live") / "static"
    routes = [
        Route("/", guarded(home)),
        Route("/join", guarded(join_redirect)),
        Route("/j/{code}", guarded(phone)),
        Route("/p/{code}", guarded(projector)),
        Route("/qr/{code}.svg", guarded(qr_svg)),
        Route("/api/csrf", guarded(csrf_token)),
        Route("/api/c/{code}/state", guarded(state)),
        Route("/api/c/{code}/join", guarded(join), methods=["POST"]),
        Route("/api/c/{code}/commit", guarded(commit), methods=["POST"]),
        Route("/api/c/{code}/open", guarded(open_question), methods=["POST"]),
        Route("/api/c/{code}/split", guarded(stage_endpoint("split")), methods=["POST"]),
        Route("/api/c/{code}/reveal", guarded(stage_endpoint("outcome")), methods=["POST"]),
        Route("/api/c/{code}/close", guarded(stage_endpoint("closed")), methods=["POST"]),
        Route("/api/c/{code}/admin", guarded(admin)),
        Route("/api/c/{code}/export", guarded(export)),
        Mount("/static", StaticFiles(directory=str(static)), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.store = store
    return SecurityHeaders(app, prefix=root_path)
