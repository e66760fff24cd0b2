"""Who may do what on the class server, and what input it accepts.

- **Instructor key**: 192 random bits (``secrets.token_urlsafe(24)``), shown
  once when a meeting is created; only its SHA-256 is stored. A key this
  long cannot be guessed, so a fast hash suffices (a slow password hash
  protects short human passwords, which this is not). Keys are compared
  with :func:`hmac.compare_digest`.
- **Join code**: six characters from an alphabet without look-alikes
  (no 0/O, 1/I/L); it names one meeting and admits only to it.
- **CSRF**: every state-changing request must carry the double-submit token
  (cookie ``cb_csrf`` equal to header ``X-CSRF-Token``), be JSON
  (``Content-Type: application/json``, which a cross-site HTML form cannot
  send), and, when the browser sends an ``Origin``, come from this server's
  own host (the request's ``Host``, or the host of ``--public-url`` behind a
  proxy that rewrites ``Host``).
- **Input**: bodies are capped (:data:`MAX_BODY`), must be UTF-8 JSON objects;
  names and reasons are one line, capped, without control characters;
  names hold only letters, marks, digits, spaces and ``' . - _`` (so no markup
  and no spreadsheet formula can be a name); reasons may hold any printable
  text and are escaped wherever they are shown.
- **Rate limits**: a sliding one-minute window per client (:class:`RateLimiter`).

Examples
--------
>>> key = "s3cret-key"
>>> check_secret(key, hash_secret(key)), check_secret("guess", hash_secret(key))
(True, False)
>>> clean_name("  Ana   María ")
'Ana María'
>>> clean_name("<script>")
Traceback (most recent call last):
...
casebook.classroom.live.security.InputError: name: begin with a letter; use letters, digits, spaces and ' . - _ only
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import unicodedata
from collections import deque

__all__ = ["InputError", "MAX_BODY", "MAX_NAME", "MAX_REASON", "hash_secret", "check_secret",
           "new_join_code", "name_key", "clean_name", "clean_reason", "clean_id", "parse_json",
           "RateLimiter", "CSRF_COOKIE", "CSRF_HEADER"]

MAX_BODY = 4096        # bytes of a request body; a commit is well under 1 kB
MAX_NAME = 60          # characters of a student's name
MAX_REASON = 200       # characters of a one-line reason (as the notebook's decision point)
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CSRF_COOKIE = "cb_csrf"
CSRF_HEADER = "x-csrf-token"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_QID = re.compile(r"ch[0-9][0-9]\.[A-Za-z0-9_.-]{1,100}")


class InputError(ValueError):
    """A request the server refuses before touching the database; ``status`` is the HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def hash_secret(secret: str) -> str:
    """The SHA-256 (hex) of a key or token: what the database stores instead of it."""
    return hashlib.sha256(str(secret).encode("utf-8")).hexdigest()


def check_secret(given, stored_hash: str) -> bool:
    """Whether ``given`` is the secret whose hash is ``stored_hash`` (constant time)."""
    if not isinstance(given, str) or not given:
        return False
    return hmac.compare_digest(hash_secret(given), str(stored_hash))


def new_join_code(n: int = 6) -> str:
    """A random join code of ``n`` unambiguous characters.

    Examples
    --------
    >>> code = new_join_code()
    >>> len(code), set(code) <= set(CODE_ALPHABET)
    (6, True)
    """
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(n))


def name_key(name: str) -> str:
    """The form under which two names count as the same student (NFKC, case-folded).

    Examples
    --------
    >>> name_key("Ana María") == name_key("ANA MARÍA")
    True
    """
    return unicodedata.normalize("NFKC", str(name)).casefold()


def _one_line(value, field: str, limit: int) -> str:
    if not isinstance(value, str):
        raise InputError(f"{field}: must be text")
    if _CONTROL.search(value):
        raise InputError(f"{field}: must be one line, without control characters")
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if not text:
        raise InputError(f"{field}: must not be empty")
    if len(text) > limit:
        raise InputError(f"{field}: at most {limit} characters (got {len(text)})")
    return text


def clean_name(value) -> str:
    """A student's name, tidied: it begins with a letter (any script) and holds only letters,
    marks, digits, spaces and ``' . - _`` (a login name such as ``ana_m`` is a name too)."""
    text = _one_line(value, "name", MAX_NAME)
    ok = all(unicodedata.category(c)[0] in "LMN" or c in " '’.-_" for c in text)
    if not ok or not unicodedata.category(text[0]).startswith("L"):
        raise InputError("name: begin with a letter; use letters, digits, spaces and ' . - _ only")
    return text


def clean_reason(value) -> str:
    """A one-line reason of at most :data:`MAX_REASON` characters (any printable text).

    Examples
    --------
    >>> clean_reason("cost < benefit")
    'cost < benefit'
    >>> clean_reason("line one\\nline two")
    Traceback (most recent call last):
    ...
    casebook.classroom.live.security.InputError: reason: must be one line, without control characters
    """
    return _one_line(value, "reason", MAX_REASON)


def clean_id(value, field: str) -> str:
    """A client-made id (commit id, token): 1-64 of ``A-Z a-z 0-9 _ . : -``."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InputError(f"{field}: 1 to 64 letters, digits or _ . : -")
    return value


def clean_qid(value) -> str:
    """A question id of the form ``chNN.slug``."""
    if not isinstance(value, str) or not _QID.fullmatch(value):
        raise InputError("qid: use a question id such as 'ch05.gm_nummi'")
    return value


def _no_constants(name):
    raise InputError(f"body: {name} is not allowed in JSON")


def parse_json(raw: bytes) -> dict:
    """A request body as a JSON object: UTF-8 only, no NaN/Infinity, at most :data:`MAX_BODY`.

    Examples
    --------
    >>> parse_json(b'{"a": 1}')
    {'a': 1}
    >>> parse_json(b'{"a": "\\xff"}')
    Traceback (most recent call last):
    ...
    casebook.classroom.live.security.InputError: body: not valid UTF-8
    """
    if len(raw) > MAX_BODY:
        raise InputError(f"body: at most {MAX_BODY} bytes", 413)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("body: not valid UTF-8") from None
    try:
        doc = json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError("body: not valid JSON") from None
    if not isinstance(doc, dict):
        raise InputError("body: must be a JSON object")
    return doc


def new_token() -> str:
    """A random token (CSRF or a student's)."""
    return secrets.token_urlsafe(24)


class RateLimiter:
    """At most ``limit`` events per key in any ``window`` seconds.

    Examples
    --------
    >>> rl = RateLimiter(limit=2, window=60.0)
    >>> [rl.allow("phone-1") for _ in range(3)], rl.allow("phone-2")
    ([True, True, False], True)
    """

    def __init__(self, limit: int, window: float = 60.0, clock=time.monotonic):
        self.limit, self.window, self.clock = int(limit), float(window), clock
        self._events: dict[str, deque] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one event for ``key``; ``False`` (and not counted) when over the limit."""
        now = self.clock()
        with self._lock:
            q = self._events.setdefault(key, deque())
            while q and now - q[0] > self.window:
                q.popleft()
            if len(q) >= self.limit:
                return False
            q.append(now)
            if len(self._events) > 50_000:  # forget idle clients
                for k in [k for k, v in self._events.items() if not v or now - v[-1] > self.window]:
                    del self._events[k]
            return True
