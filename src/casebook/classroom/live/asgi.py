"""ASGI plumbing of the class server: protective headers, a proxy prefix, a short-lived cache.

Examples
--------
>>> cache = TTLCache(60.0)
>>> cache.get("k", lambda: 1), cache.get("k", lambda: 2), cache.peek("other")
(1, 1, None)
"""

from __future__ import annotations

import threading
import time

from starlette.concurrency import run_in_threadpool

__all__ = ["CSP", "SecurityHeaders", "TTLCache"]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class TTLCache:
    """Values kept for ``ttl`` seconds: what a poll or a repeated lookup reads instead of the database.

    With several server processes on one database, each sees the others' changes within ``ttl``.
    """

    def __init__(self, ttl: float):
        self.ttl, self._items = float(ttl), {}
        self._lock = threading.Lock()

    def get(self, key, compute):
        """The fresh value, or ``compute()`` once: concurrent callers wait for that one."""
        hit = self.peek(key)
        if hit is not None:
            return hit
        with self._lock:
            hit = self.peek(key)
            if hit is not None:
                return hit
            value = compute()
            if value is not None:
                if len(self._items) > 10_000:
                    self._items.clear()
                self._items[key] = (time.monotonic() + self.ttl, value)
            return value

    def peek(self, key):
        """The cached value if still fresh, else ``None`` (never computes)."""
        hit = self._items.get(key)
        return hit[1] if hit is not None and hit[0] > time.monotonic() else None

    async def aget(self, key, compute):
        """:meth:`get` from async code: a fresh value at once, a computed one in a thread."""
        hit = self.peek(key)
        return hit if hit is not None else await run_in_threadpool(self.get, key, compute)

    def drop(self, key=None) -> None:
        if key is None:
            self._items.clear()
        else:
            self._items.pop(key, None)


class SecurityHeaders:
    """ASGI wrapper adding the CSP and the other protective headers to every response."""

    HEADERS = [
        (b"content-security-policy", CSP.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]

    def __init__(self, app, prefix: str = ""):
        self.app, self.prefix = app, prefix.rstrip("/")

    @property
    def state(self):
        return self.app.state

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self.prefix:
            # Behind a proxy under a prefix (a JupyterHub service: /services/NAME): the proxy may
            # pass the prefix on or strip it; Starlette routes both once root_path names it.
            scope = {**scope, "root_path": self.prefix}
        is_api = scope.get("path", "").startswith(scope.get("root_path", "").rstrip("/") + "/api/") \
            or scope.get("path", "").startswith("/api/")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + self.HEADERS
                if is_api:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
