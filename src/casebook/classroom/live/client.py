"""The notebook's side of the live classroom: commit to the class, drive it as the instructor.

Set in the environment (``make lab CLASS=...`` does it for you):

``CASEBOOK_CLASS``
    The class server's address, e.g. ``http://192.168.1.20:8765`` (or a
    student's join address ``.../j/CODE``, which also gives the code).
``CASEBOOK_CLASS_CODE``
    The join code the server printed (not needed if the address has it).
``CASEBOOK_CLASS_KEY``
    The instructor key (the instructor's own machine only: never give it to
    students).

Only the standard library is used here (``urllib``), so a student's
notebook needs nothing beyond the casebook. A decision point calls
:func:`send_commit` after saving the answer locally, and, when
:func:`class_config` has a key, shows :func:`instructor_panel`.

Examples
--------
>>> import os
>>> os.environ.pop("CASEBOOK_CLASS", None) and None
>>> class_config() is None, instructor_panel("ch05.gm") is None
(True, True)
>>> send_commit("ch05.gm", "Stay", "cheaper", "Ana", "c-1")
'Not sent to a class: no class server is set (CASEBOOK_CLASS).'
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

__all__ = ["ClassConfig", "ClassError", "Connection", "class_config", "instructor_panel",
           "send_commit"]

TIMEOUT = 5.0
RETRIES = 4
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


class ClassError(RuntimeError):
    """The class server refused a request or could not be reached; ``status`` is the HTTP status (0: network)."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class ClassConfig:
    """Where the class is: server ``url``, join ``code`` and (the instructor's) ``key``."""

    url: str
    code: str
    key: str | None = None


def class_config() -> ClassConfig | None:
    """The class from ``CASEBOOK_CLASS``, ``CASEBOOK_CLASS_CODE`` and ``CASEBOOK_CLASS_KEY``.

    Returns ``None`` when ``CASEBOOK_CLASS`` is unset or empty.

    Raises
    ------
    ValueError
        ``CASEBOOK_CLASS`` is not an http(s) address, or no join code is
        given (in ``CASEBOOK_CLASS_CODE`` or as ``.../j/CODE``).

    Examples
    --------
    >>> import os
    >>> os.environ["CASEBOOK_CLASS"] = "http://127.0.0.1:8765/j/ab2cde"
    >>> class_config()
    ClassConfig(url='http://127.0.0.1:8765', code='AB2CDE', key=None)
    >>> del os.environ["CASEBOOK_CLASS"]
    """
    url = os.environ.get("CASEBOOK_CLASS", "").strip()
    if not url:
        return None
    if not re.match(r"https?://[^/\s]+", url):
        raise ValueError(f"CASEBOOK_CLASS={url!r}: give the class server's address, "
                         "e.g. http://192.168.1.20:8765")
    code = os.environ.get("CASEBOOK_CLASS_CODE", "").strip()
    m = re.match(r"(.*?)/(?:j|p)/([A-Za-z0-9]{4,12})/?$", url)
    if m:
        url, code = m.group(1), code or m.group(2)
    if not re.fullmatch(r"[A-Za-z0-9]{4,12}", code):
        raise ValueError("CASEBOOK_CLASS_CODE: set it to the join code the class server printed")
    key = os.environ.get("CASEBOOK_CLASS_KEY", "").strip() or None
    return ClassConfig(url=url.rstrip("/"), code=code.upper(), key=key)


class Connection:
    """JSON requests to one class, with the CSRF double-submit token and idempotent retries."""

    def __init__(self, config: ClassConfig, timeout: float = TIMEOUT):
        self.config = config
        self.timeout = timeout
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self._csrf: str | None = None

    def _send(self, method: str, path: str, payload=None, auth: bool = False) -> dict:
        url = self.config.url + path
        data, headers = None, {"Accept": "application/json"}
        if payload is not None:
            data = json.dumps(payload).encode("utf-8")
            headers["Content-Type"] = "application/json"
            headers["X-CSRF-Token"] = self.csrf()
        if auth and self.config.key:
            headers["Authorization"] = f"Bearer {self.config.key}"
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            try:
                message = json.loads(exc.read().decode("utf-8")).get("error", exc.reason)
            except Exception:
                message = str(exc.reason)
            raise ClassError(str(message), exc.code) from None
        except (OSError, ValueError) as exc:
            raise ClassError(f"the class server at {self.config.url} did not answer ({exc})") from None

    def csrf(self) -> str:
        if self._csrf is None:
            self._csrf = self._send("GET", "/api/csrf")["token"]
        return self._csrf

    def api(self, action: str) -> str:
        return f"/api/c/{self.config.code}/{action}"

    def get(self, action: str, auth: bool = False) -> dict:
        return self._send("GET", self.api(action), auth=auth)

    def post(self, action: str, payload: dict, auth: bool = False, retries: int = RETRIES) -> dict:
        """POST, retrying network failures and 5xx answers (the payload is idempotent)."""
        for attempt in range(retries):
            try:
                return self._send("POST", self.api(action), payload, auth=auth)
            except ClassError as exc:
                if 0 < exc.status < 500 or attempt == retries - 1:
                    raise
                time.sleep(0.5 * 2 ** attempt)
        raise AssertionError("unreachable")


# ------------------------------------------------------------------ student tokens
def _token_file() -> Path:
    from casebook.paths import user_home

    return Path(user_home()) / "class_tokens.json"


def _token_slot(config: ClassConfig, student: str) -> str:
    from casebook.classroom.live.security import name_key

    return f"{config.url}|{config.code}|{name_key(student)}"


def _load_tokens() -> dict:
    try:
        doc = json.loads(_token_file().read_text(encoding="utf-8"))
        return doc if isinstance(doc, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_token(slot: str, token: str) -> None:
    path = _token_file()
    tokens = _load_tokens()
    tokens[slot] = token
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(tokens, indent=1), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def _student_token(conn: Connection, student: str) -> str:
    slot = _token_slot(conn.config, student)
    token = _load_tokens().get(slot)
    if token:
        return token
    try:
        token = conn.post("join", {"name": student})["token"]
    except ClassError as exc:
        if exc.status == 409:
            raise ClassError(f"the class already has a student named {student!r} (did you join "
                             "from a phone? then commit there; otherwise export with your full "
                             "name as CASEBOOK_STUDENT)", 409) from None
        raise
    _save_token(slot, token)
    return token


def _commit_id(commit_id) -> str:
    text = str(commit_id)
    return text if _ID.fullmatch(text) else hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


def send_commit(qid: str, choice: str, reason: str, student: str, commit_id: str) -> str:
    """Send one committed decision to the class; a one-line status for the student.

    The same ``commit_id`` is sent on every retry (the server counts it
    once). Never raises: a failure becomes the status line (the answer is
    already saved in the student's answers file).
    """
    try:
        config = class_config()
    except ValueError as exc:
        return f"Not sent to the class: {exc}"
    if config is None:
        return "Not sent to a class: no class server is set (CASEBOOK_CLASS)."
    try:
        from casebook.classroom.live.security import clean_name

        name = clean_name(student)
        conn = Connection(config)
        token = _student_token(conn, name)
        res = conn.post("commit", {"token": token, "qid": qid, "choice": choice,
                                   "reason": reason, "commit_id": _commit_id(commit_id)})
    except ClassError as exc:
        if exc.status == 403 and "unknown student token" in str(exc):
            return "Not sent to the class: this class does not know you yet; reload and try again."
        return f"Not sent to the class: {exc}"
    except Exception as exc:  # never break the chapter
        return f"Not sent to the class: {exc}"
    if res.get("status") == "duplicate":
        return f"Already sent to the class ({res.get('choice')})."
    return f"Sent to the class as {res.get('name')}: {res.get('choice')}."


def instructor_panel(qid: str, **kw):
    """The instructor's controls for one decision point, or ``None`` without an instructor key.

    See :func:`casebook.classroom.live.panel.build_panel` (``poll_seconds`` sets how often the
    live count refreshes; ``None`` only on request).
    """
    if not os.environ.get("CASEBOOK_CLASS_KEY", "").strip():
        return None
    try:
        config = class_config()
    except ValueError as exc:  # a key but a wrong address: say so where the panel would be
        import ipywidgets as w

        from html import escape

        note = w.HTML(f"<b>Class panel:</b> {escape(str(exc))}")
        note.add_class("cb-output-status")
        note.controls, note.outputs = {}, {"status": note}
        return note
    if config is None:
        return None
    from casebook.classroom.live.panel import build_panel

    return build_panel(Connection(config), qid, **kw)
