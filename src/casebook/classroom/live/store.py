"""The live classroom's database: meetings, questions, students and commits.

SQLAlchemy Core over any database URL. The default is SQLite, one file in a
folder the instructor names (:func:`sqlite_url`), opened in WAL mode with
``synchronous=FULL``: every acknowledged commit has been synced to disk, so
it survives a killed server *and* a power cut (``NORMAL`` would survive only
the former; the benchmark shows FULL is fast enough). PostgreSQL
(``postgresql+psycopg://...``) works the same way.

A commit is acknowledged only after the database transaction that holds it
has committed. Each commit carries a client-made ``commit_id``: the same id
sent again returns the first answer and is never counted twice; a second,
different commit by the same student on the same question is refused
(a commit is final).

Examples
--------
>>> store = Store("sqlite://")
>>> m = store.create_meeting("ch05 class")
>>> store.meeting_by_code(m.code).title
'ch05 class'
>>> store.open_question(m.id, {"qid": "ch05.gm", "prompt": "Stay?", "options": ["Stay", "Exit"]})
>>> store.add_student(m.id, "Ana", "t" * 64)
>>> store.commit(m.id, "ch05.gm", "Ana", "Stay", "cheaper", "c1").status
'recorded'
>>> store.commit(m.id, "ch05.gm", "Ana", "Stay", "cheaper", "c1").status
'duplicate'
>>> store.split(m.id, "ch05.gm")
{'Stay': 1, 'Exit': 0}
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from casebook.classroom.live.groupcommit import GroupWriter
from casebook.classroom.live.security import hash_secret, name_key, new_join_code
from casebook.classroom.live.tables import commits, meetings, metadata, questions, students

__all__ = ["Store", "Meeting", "CommitResult", "StoreError", "STAGES", "sqlite_url"]

# The life of a question on the class server, in order. Commits are taken only while "open";
# "split" shows the split and the reasons; "outcome" adds the case's outcome; "closed" ends it.
STAGES = ("open", "split", "outcome", "closed")

class StoreError(ValueError):
    """A request the database refuses; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Meeting:
    """One class meeting: its id, join code, title, creation time and current question."""

    id: str
    code: str
    title: str
    created_at: str
    current_qid: str | None
    key_hash: str


@dataclass(frozen=True)
class CommitResult:
    """``status`` is ``"recorded"`` (new) or ``"duplicate"`` (same commit id seen before)."""

    status: str
    choice: str
    committed_at: str


def now() -> str:
    """The current UTC time, ISO 8601 to the millisecond."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def sqlite_url(folder) -> str:
    """The SQLite URL of the class database in ``folder`` (created if needed).

    Examples
    --------
    >>> import tempfile
    >>> sqlite_url(tempfile.mkdtemp()).endswith("/class.sqlite3")
    True
    """
    folder = Path(folder).expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'class.sqlite3'}"


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


class Store:
    """The class database behind one server (any SQLAlchemy URL).

    Parameters
    ----------
    url : str
        ``sqlite:///path/class.sqlite3`` (see :func:`sqlite_url`),
        ``postgresql+psycopg://user@host/db`` or any SQLAlchemy URL;
        ``sqlite://`` is an in-memory database (tests only).
    """

    def __init__(self, url: str):
        self.url = str(url)
        self.is_sqlite = self.url.startswith("sqlite")
        kw = {}
        if self.url in ("sqlite://", "sqlite:///:memory:"):
            kw["poolclass"] = sa.pool.StaticPool
            kw["connect_args"] = {"check_same_thread": False}
        elif self.is_sqlite:
            kw["connect_args"] = {"check_same_thread": False, "timeout": 10}
        else:
            # no pre-ping (a round trip per checkout); connections are recycled every 30 minutes
            kw.update(pool_size=8, max_overflow=8, pool_recycle=1800)
        self.engine = sa.create_engine(self.url, **kw)
        if self.is_sqlite:
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        # SQLite has one writer at a time: queue writers here instead of on the file lock.
        self._write_lock = threading.Lock() if self.is_sqlite else None
        self._options_cache: dict = {}
        self._group = GroupWriter(self.engine, self._write_lock) if self.is_sqlite else None
        metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def _write(self):
        store = self

        class _Tx:
            def __enter__(self):
                if store._write_lock is not None:
                    store._write_lock.acquire()
                self.cm = store.engine.begin()
                return self.cm.__enter__()

            def __exit__(self, *exc):
                try:
                    return self.cm.__exit__(*exc)
                finally:
                    if store._write_lock is not None:
                        store._write_lock.release()

        return _Tx()

    # ------------------------------------------------------------------ meetings
    def create_meeting(self, title: str = "class meeting", key: str | None = None) -> "NewMeeting":
        """A new meeting with a fresh join code; returns it with its instructor key (shown once)."""
        key = key or secrets.token_urlsafe(24)
        for _ in range(20):
            code = new_join_code()
            row = {"id": secrets.token_hex(8), "code": code, "key_hash": hash_secret(key),
                   "title": str(title)[:200], "created_at": now(), "current_qid": None}
            try:
                with self._write() as conn:
                    conn.execute(meetings.insert().values(**row))
            except sa.exc.IntegrityError:
                continue
            return NewMeeting(key=key, **row)
        raise StoreError("could not find a free join code", 500)

    def meetings(self) -> list[Meeting]:
        """Every meeting, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(meetings.select().order_by(meetings.c.created_at)).mappings()
            return [Meeting(**r) for r in rows]

    def meeting_by_code(self, code: str) -> Meeting | None:
        with self.engine.connect() as conn:
            r = conn.execute(meetings.select().where(meetings.c.code == str(code))).mappings().first()
        return Meeting(**r) if r else None

    def meeting(self, ident: str) -> Meeting | None:
        """A meeting by id or by join code."""
        with self.engine.connect() as conn:
            r = conn.execute(meetings.select().where(
                (meetings.c.id == str(ident)) | (meetings.c.code == str(ident)))).mappings().first()
        return Meeting(**r) if r else None

    def delete_meeting(self, meeting_id: str) -> dict:
        """Remove a meeting and everything stored with it; returns how many rows went."""
        counts = {}
        with self._write() as conn:
            for name, table in (("commits", commits), ("students", students),
                                ("questions", questions), ("meetings", meetings)):
                col = table.c.id if table is meetings else table.c.meeting_id
                counts[name] = conn.execute(table.delete().where(col == meeting_id)).rowcount
        return counts

    def compact(self) -> None:
        """After a delete: make SQLite rewrite its file, so deleted rows leave no trace in it."""
        if not self.is_sqlite:
            return
        with self._write_lock:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.exec_driver_sql("VACUUM")
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    # ------------------------------------------------------------------ questions
    def open_question(self, meeting_id: str, q: dict) -> None:
        """Open question ``q`` (``qid, prompt, options``, optional ``kind, case_id, outcome,
        source, judges``) to the class; any other open question of the meeting is closed."""
        with self._write() as conn:
            old = conn.execute(sa.select(questions.c.stage).where(
                (questions.c.meeting_id == meeting_id) & (questions.c.qid == q["qid"]))).first()
            if old is not None:
                raise StoreError(f"question {q['qid']} was already opened in this meeting "
                                 f"(it is {old[0]}); a commit is final, so it cannot open again")
            conn.execute(questions.update().where(
                (questions.c.meeting_id == meeting_id) & (questions.c.stage != "closed"))
                .values(stage="closed"))
            conn.execute(questions.insert().values(
                meeting_id=meeting_id, qid=q["qid"], kind=q.get("kind", "decision_point"),
                prompt=q["prompt"], options=json.dumps(list(q["options"]), ensure_ascii=False),
                case_id=q.get("case_id"), outcome=q.get("outcome", ""), source=q.get("source", ""),
                judges=json.dumps(q.get("judges") or {}, ensure_ascii=False),
                stage="open", opened_at=now()))
            conn.execute(meetings.update().where(meetings.c.id == meeting_id)
                         .values(current_qid=q["qid"]))

    def set_stage(self, meeting_id: str, qid: str, stage: str) -> str:
        """Move a question forward to ``stage`` (never back); returns the new stage."""
        if stage not in STAGES:
            raise StoreError(f"unknown stage {stage!r}", 400)
        with self._write() as conn:
            row = conn.execute(sa.select(questions.c.stage).where(
                (questions.c.meeting_id == meeting_id) & (questions.c.qid == qid))).first()
            if row is None:
                raise StoreError(f"question {qid} has not been opened in this meeting", 404)
            if STAGES.index(stage) < STAGES.index(row[0]):
                raise StoreError(f"question {qid} is already at '{row[0]}'; it cannot go back "
                                 f"to '{stage}'")
            conn.execute(questions.update().where(
                (questions.c.meeting_id == meeting_id) & (questions.c.qid == qid)).values(stage=stage))
        return stage

    def question(self, meeting_id: str, qid: str) -> dict | None:
        """A question's stored row (``options`` and ``judges`` decoded), or ``None``."""
        with self.engine.connect() as conn:
            r = conn.execute(questions.select().where(
                (questions.c.meeting_id == meeting_id) & (questions.c.qid == qid))).mappings().first()
        if r is None:
            return None
        out = dict(r)
        out["options"] = json.loads(out["options"])
        out["judges"] = json.loads(out["judges"])
        return out

    def questions(self, meeting_id: str) -> list[dict]:
        """Every question opened in a meeting, in the order opened."""
        with self.engine.connect() as conn:
            qids = [r[0] for r in conn.execute(sa.select(questions.c.qid).where(
                questions.c.meeting_id == meeting_id).order_by(questions.c.opened_at))]
        return [self.question(meeting_id, q) for q in qids]

    # ------------------------------------------------------------------ students
    def add_student(self, meeting_id: str, name: str, token: str) -> None:
        """Claim ``name`` in the meeting for the holder of ``token``; a taken name is refused."""
        try:
            with self._write() as conn:
                conn.execute(students.insert().values(
                    meeting_id=meeting_id, name_key=name_key(name), name=name,
                    token_hash=hash_secret(token), joined_at=now()))
        except sa.exc.IntegrityError:
            raise StoreError(f"the name {name!r} is already taken in this class: if that is "
                             "not you, add an initial or your surname") from None

    def student_by_token(self, meeting_id: str, token: str) -> str | None:
        """The name that ``token`` claimed in this meeting, or ``None``."""
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(students.c.name).where(
                (students.c.meeting_id == meeting_id)
                & (students.c.token_hash == hash_secret(token)))).first()
        return r[0] if r else None

    # ------------------------------------------------------------------ commits
    def commit(self, meeting_id: str, qid: str, name: str, choice: str, reason: str,
               commit_id: str) -> CommitResult:
        """Record one student's final choice; idempotent by ``commit_id``.

        Raises
        ------
        StoreError
            The question is not open, the choice is not one of its options,
            the student already committed a different commit, or the commit
            id belongs to another commit.
        """
        key = name_key(name)
        options = self._options(meeting_id, qid)
        if options is not None and choice not in options:
            raise StoreError(f"{choice!r} is not one of the options of {qid}", 422)
        stamp = now()
        # The fast path is one statement: insert, only if the question is open. A repeated
        # commit id or a second commit by the same student hits a unique key and is explained
        # below, as is a question that is not open.
        row = sa.select(questions.c.meeting_id, questions.c.qid, *(
            sa.literal(v, sa.String).label(c) for c, v in (
                ("name_key", key), ("commit_id", commit_id), ("name", name), ("choice", choice),
                ("reason", reason), ("committed_at", stamp)))).where(
            (questions.c.meeting_id == meeting_id) & (questions.c.qid == qid)
            & (questions.c.stage == "open"))
        insert = commits.insert().from_select(
            ["meeting_id", "qid", "name_key", "commit_id", "name", "choice", "reason",
             "committed_at"], row).returning(commits.c.commit_id)
        if self._group is not None:  # SQLite: share a transaction with the commits arriving now
            if self._group.submit(insert):
                return CommitResult("recorded", choice, stamp)
            return self._explain(meeting_id, qid, key, name, choice, commit_id)
        try:
            with self._write() as conn:
                done = conn.execute(insert).all()
            if len(done) == 1:
                return CommitResult("recorded", choice, stamp)
        except sa.exc.IntegrityError:
            pass
        return self._explain(meeting_id, qid, key, name, choice, commit_id)

    def _options(self, meeting_id: str, qid: str) -> list | None:
        """A question's options (they never change once it is open), cached."""
        got = self._options_cache.get((meeting_id, qid))
        if got is None:
            with self.engine.connect() as conn:
                r = conn.execute(sa.select(questions.c.options).where(
                    (questions.c.meeting_id == meeting_id) & (questions.c.qid == qid))).first()
            if r is None:
                return None
            got = self._options_cache[(meeting_id, qid)] = json.loads(r[0])
        return got

    def _explain(self, meeting_id, qid, key, name, choice, commit_id) -> CommitResult:
        """Why a commit was not inserted: a replay (acknowledged again) or a refusal."""
        with self.engine.connect() as conn:
            seen = conn.execute(commits.select().where(
                (commits.c.meeting_id == meeting_id) & (commits.c.commit_id == commit_id))
            ).mappings().first()
            if seen is not None:
                if (seen["qid"], seen["name_key"], seen["choice"]) != (qid, key, choice):
                    raise StoreError("this commit id belongs to another commit")
                return CommitResult("duplicate", seen["choice"], seen["committed_at"])
            q = conn.execute(sa.select(questions.c.stage).where(
                (questions.c.meeting_id == meeting_id) & (questions.c.qid == qid))).first()
            if q is None:
                raise StoreError(f"question {qid} is not open in this class", 404)
            if q[0] != "open":
                raise StoreError(f"question {qid} no longer takes commits (it is at '{q[0]}')")
            if conn.execute(sa.select(commits.c.choice).where(
                    (commits.c.meeting_id == meeting_id) & (commits.c.qid == qid)
                    & (commits.c.name_key == key))).first() is not None:
                raise StoreError(f"{name} already committed to {qid}; a commit is final")
        raise StoreError("the commit could not be recorded; send it again", 503)

    def count(self, meeting_id: str, qid: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(commits).where(
                (commits.c.meeting_id == meeting_id) & (commits.c.qid == qid))).scalar_one()

    def split(self, meeting_id: str, qid: str) -> dict[str, int]:
        """How many chose each option, in the question's own option order."""
        q = self.question(meeting_id, qid)
        if q is None:
            return {}
        with self.engine.connect() as conn:
            got = dict(conn.execute(sa.select(commits.c.choice, sa.func.count()).where(
                (commits.c.meeting_id == meeting_id) & (commits.c.qid == qid))
                .group_by(commits.c.choice)).all())
        return {o: int(got.get(o, 0)) for o in q["options"]}

    def commits(self, meeting_id: str, qid: str | None = None) -> list[dict]:
        """Every commit of a meeting (of one question if ``qid``), oldest first."""
        where = commits.c.meeting_id == meeting_id
        if qid is not None:
            where = where & (commits.c.qid == qid)
        with self.engine.connect() as conn:
            rows = conn.execute(commits.select().where(where)
                                .order_by(commits.c.committed_at, commits.c.name_key)).mappings()
            return [dict(r) for r in rows]


@dataclass(frozen=True)
class NewMeeting(Meeting):
    """A meeting just created, with its instructor ``key`` (kept nowhere else)."""

    key: str = ""
