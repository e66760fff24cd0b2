"""Start the class server: pick or create the meeting, print how to join, run uvicorn.

Examples
--------
>>> join_address("127.0.0.1", 8765)
'http://127.0.0.1:8765'
>>> join_address("0.0.0.0", 8765, public_url="https://class.example.edu/live/")
'https://class.example.edu/live'
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

__all__ = ["serve", "join_address", "resolve_url", "pick_meeting", "LOCAL_HOSTS"]

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
HTTPS_HELP = (
    "  Traffic is not encrypted. For a class over a shared network, serve it behind HTTPS:\n"
    "  keep this server on 127.0.0.1 and let a reverse proxy (Caddy: `caddy reverse-proxy --from\n"
    "  class.example.edu --to 127.0.0.1:PORT`; or nginx, or a JupyterHub service, README\n"
    "  'Teaching live') terminate TLS, and start it with --public-url https://class.example.edu")


def _lan_address() -> str:
    """This machine's address on its main network (no packet is sent)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, only picks the interface
            return s.getsockname()[0]
    except OSError:
        return socket.gethostbyname(socket.gethostname())


def join_address(host: str, port: int, public_url: str | None = None, root_path: str = "") -> str:
    """The address students open (without ``/j/CODE``)."""
    if public_url:
        return public_url.rstrip("/")
    shown = _lan_address() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}{root_path.rstrip('/')}"


def resolve_url(db: str | None, folder) -> str:
    """The database URL: ``db`` if given, else SQLite in ``folder``."""
    from casebook.classroom.live.store import sqlite_url

    return db if db else sqlite_url(folder)


def pick_meeting(store, ident: str | None):
    """The meeting named by id or join code, else the latest; ``None`` if there is none."""
    if ident:
        m = store.meeting(ident) or store.meeting(ident.upper())
        if m is None:
            known = ", ".join(f"{x.code} ({x.title})" for x in store.meetings()) or "none"
            raise SystemExit(f"no meeting {ident!r} in this database (meetings: {known})")
        return m
    found = store.meetings()
    return found[-1] if found else None


def serve(*, db: str | None, folder, host: str = "127.0.0.1", port: int = 8765,
          title: str = "class meeting", new: bool = False, public_url: str | None = None,
          root_path: str = "", out=None, question_lookup=None) -> int:
    """Serve the class until interrupted; prints the join address, code, QR code and key.

    ``question_lookup`` (``qid -> Question``) defaults to the chapters' question files.
    """
    import segno
    import uvicorn

    from casebook.classroom.live.app import create_app
    from casebook.classroom.live.store import Store

    folder = Path(folder)
    url = resolve_url(db, folder)
    store = Store(url)
    meeting = None if new else pick_meeting(store, None)
    key = None
    if meeting is None:
        meeting = store.create_meeting(title)
        key = meeting.key
    base = join_address(host, port, public_url, root_path)
    join = f"{base}/j/{meeting.code}"
    qr = segno.make(join, error="m")
    folder.mkdir(parents=True, exist_ok=True)
    png = (folder / f"join-{meeting.code}.png").resolve()
    qr.save(str(png), kind="png", scale=12, border=2)

    def say(text=""):
        # sys.stdout looked up when printing, not when the module was imported (a test's capture, a redirect)
        print(text, file=out if out is not None else sys.stdout, flush=True)

    say(f"\n  Class meeting: {meeting.title}  (database: {url.split('@')[-1]})")
    say(f"  Students open:  {join}")
    say(f"  Join code:      {meeting.code}")
    say(f"  Projector view: {base}/p/{meeting.code}")
    say(f"  QR code image:  {png}")
    qr.terminal(out=out if out is not None else sys.stdout, compact=True, border=1)
    if key:
        say("  Instructor key (shown only now; it opens, reveals, closes and exports):")
        say(f"      {key}")
        say("  In the instructor's notebook (never on students' machines):")
        say(f"      make lab CLASS={base} CLASS_CODE={meeting.code} CLASS_KEY={key}")
    else:
        say("  Resuming this meeting: its instructor key was printed when it was created "
            "(lost it? start a new meeting with --new).")
    say(f"  Students' notebooks: make lab CLASS={join}")
    if host in LOCAL_HOSTS:
        say(f"  Listening on {host} only: this computer can reach it, phones cannot. "
            "To let phones in: --host 0.0.0.0 (see README 'Teaching live').")
    else:
        say(f"  Listening on the network ({host}:{port}): anyone who can reach this "
            "machine can open the join page.")
        say(HTTPS_HELP.replace("PORT", str(port)))
    say("  Stop with Ctrl-C; the data stays in the database until "
        f"`python -m casebook class delete {meeting.code}`.\n")
    app = create_app(store, public_url=base, question_lookup=question_lookup, root_path=root_path)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                server_header=False, proxy_headers=True, timeout_graceful_shutdown=3)
    return 0
