"""``python -m casebook class serve|export|delete|list``: the live classroom from the terminal.

- ``serve``: start the class server (see :mod:`casebook.classroom.live.serve`);
- ``export``: write a meeting as hand-ins, the pool files and a gradebook CSV;
- ``delete``: remove every name, choice and reason of a meeting;
- ``list``: the meetings in a database.

``--folder DIR`` (default ``class/``) holds the SQLite database, the QR code
image and exports; ``--db URL`` uses another database instead
(``postgresql+psycopg://user@host/dbname``).
"""

from __future__ import annotations

NAME = "class"
HELP = "The live classroom: serve a class meeting, export it, delete it."


def _common(p) -> None:
    p.add_argument("--folder", metavar="DIR", default="class",
                   help="where the SQLite database, QR image and exports go (default: class/)")
    p.add_argument("--db", metavar="URL", default=None,
                   help="a SQLAlchemy database URL instead of SQLite in --folder")


def add_arguments(parser) -> None:
    """Subcommands ``serve``, ``export``, ``delete`` and ``list``."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    p = sub.add_parser("serve", help="start the class server")
    _common(p)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 for the network)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--title", default="class meeting", help="the meeting's title")
    p.add_argument("--new", action="store_true", help="start a new meeting (new code and key)")
    p.add_argument("--public-url", default=None,
                   help="the address students use, when behind a proxy (https://...)")
    p.add_argument("--root-path", default=None,
                   help="URL prefix behind a proxy (default: $JUPYTERHUB_SERVICE_PREFIX)")
    p = sub.add_parser("export", help="write a meeting as hand-ins, pool files and a gradebook")
    _common(p)
    p.add_argument("meeting", nargs="?", default=None, help="join code or id (default: latest)")
    p.add_argument("--out", metavar="DIR", default=None,
                   help="where to write (default: FOLDER/export-CODE)")
    p.add_argument("--roster", metavar="CSV", default=None,
                   help="a roster (name, id, sis_user_id, sis_login_id, section) for the gradebook")
    p = sub.add_parser("delete", help="remove a meeting's names, choices and reasons")
    _common(p)
    p.add_argument("meeting", help="join code or id")
    p = sub.add_parser("list", help="the meetings in the database")
    _common(p)


def run(args) -> int:
    """Dispatch to the action; status 2 on a usage error or a database that cannot be opened."""
    import sys

    import sqlalchemy as sa

    try:
        return _run(args)
    except (sa.exc.ArgumentError, sa.exc.OperationalError, sa.exc.NoSuchModuleError) as exc:
        where = f"SQLite in {args.folder}"
        if args.db:
            try:  # never print a password that is part of the URL
                where = sa.engine.make_url(args.db).render_as_string(hide_password=True)
            except sa.exc.ArgumentError:
                where = "the --db URL"
        print(f"class: cannot open the database ({where}): {str(exc).splitlines()[0]}",
              file=sys.stderr)
        return 2


def _run(args) -> int:
    import os
    import sys

    action = getattr(args, "action", None)
    if action is None:
        print("usage: python -m casebook class serve|export|delete|list --help", file=sys.stderr)
        return 2
    from casebook.classroom.live.serve import pick_meeting, resolve_url, serve

    if action == "serve":
        root = args.root_path if args.root_path is not None else \
            os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "")
        return serve(db=args.db, folder=args.folder, host=args.host, port=args.port,
                     title=args.title, new=args.new, public_url=args.public_url,
                     root_path=root.rstrip("/"))
    from casebook.classroom.live.store import Store

    store = Store(resolve_url(args.db, args.folder))
    if action == "list":
        for m in store.meetings():
            print(f"{m.code}  {m.id}  {m.created_at}  {m.title}")
        return 0
    meeting = pick_meeting(store, args.meeting)
    if meeting is None:
        print("no meeting in this database yet", file=sys.stderr)
        return 2
    if action == "delete":
        counts = store.delete_meeting(meeting.id)
        store.compact()
        print(f"deleted meeting {meeting.code} ({meeting.title}): {counts['students']} students, "
              f"{counts['commits']} commits, {counts['questions']} questions")
        return 0
    from pathlib import Path

    from casebook.classroom.live.export import export_meeting

    out = Path(args.out) if args.out else Path(args.folder) / f"export-{meeting.code}"
    try:
        paths = export_meeting(store, meeting, out, roster=args.roster)
    except (OSError, ValueError) as exc:
        print(f"export failed: {exc}", file=sys.stderr)
        return 2
    for line in paths.pop("problems"):
        print(f"note: {line}")
    for key in ("handins", "csv", "counts", "dashboard", "pool", "gradebook"):
        print(f"wrote {paths[key]}")
    print(f"to show this meeting's split in the decision points: "
          f"make lab POOL={paths['pool'].resolve()}")
    return 0
