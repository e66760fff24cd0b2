"""The live classroom: a class server that students reach from a phone or a notebook.

- :mod:`~casebook.classroom.live.store` and :mod:`~casebook.classroom.live.tables`: the database
  (SQLite by default, any SQLAlchemy URL);
- :mod:`~casebook.classroom.live.security`: keys, join codes, CSRF, input rules, rate limits;
- :mod:`~casebook.classroom.live.app`: the Starlette app (pages and JSON API), with
  :mod:`~casebook.classroom.live.views` (what each audience sees) and
  :mod:`~casebook.classroom.live.asgi` (headers, proxy prefix, cache);
- :mod:`~casebook.classroom.live.pages` and ``static/``: the phone page and the projector view;
- :mod:`~casebook.classroom.live.serve`: ``python -m casebook class serve``;
- :mod:`~casebook.classroom.live.export`: a meeting as hand-ins, pool files and a gradebook;
- :mod:`~casebook.classroom.live.client` and :mod:`~casebook.classroom.live.panel`: the
  notebook's side (a student's commit, the instructor's panel), standard library only.

Nothing here is imported by ``import casebook``; the server's packages (Starlette,
uvicorn, SQLAlchemy, segno) are needed only to serve.
"""
