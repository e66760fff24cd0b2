"""Group commit for SQLite: commits that arrive together share one transaction and one sync.

SQLite has one writer at a time and, with ``synchronous=FULL``, every
transaction waits for the disk (about 4 ms here, more on a busy disk). When a
class commits at once, a writer thread takes every commit waiting in the
queue (up to :data:`MAX_BATCH`), inserts them in one transaction and
acknowledges each only after that transaction is on disk: the same promise
as one transaction per commit, at one sync per batch. A statement that hits
a unique key fails alone (SQLite undoes only that statement) and is explained
by the caller; if the transaction itself fails, every commit in it fails.

Examples
--------
>>> import sqlalchemy as sa, threading
>>> engine = sa.create_engine("sqlite://", poolclass=sa.pool.StaticPool,
...                           connect_args={"check_same_thread": False})
>>> with engine.begin() as c:
...     _ = c.exec_driver_sql("CREATE TABLE t (x INTEGER PRIMARY KEY)")
>>> g = GroupWriter(engine, threading.Lock())
>>> g.submit(sa.text("INSERT INTO t VALUES (1) RETURNING x")), g.submit(sa.text("INSERT INTO t VALUES (1) RETURNING x"))
(True, False)
"""

from __future__ import annotations

import queue
import threading

import sqlalchemy as sa

__all__ = ["GroupWriter", "MAX_BATCH"]

MAX_BATCH = 64


class _Item:
    __slots__ = ("statement", "done", "result")

    def __init__(self, statement):
        self.statement, self.done, self.result = statement, threading.Event(), None


class GroupWriter:
    """A writer thread that runs queued single-row ``INSERT ... RETURNING`` statements in batches."""

    def __init__(self, engine, lock: threading.Lock, max_batch: int = MAX_BATCH):
        self.engine, self.lock, self.max_batch = engine, lock, int(max_batch)
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    def submit(self, statement, timeout: float = 60.0) -> bool:
        """Run ``statement`` in the next batch; ``True`` if it inserted a row, ``False`` if it
        inserted none or hit a unique key. Raises what the batch's transaction raised."""
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="casebook-group-commit",
                                                daemon=True)
                self._thread.start()
        item = _Item(statement)
        self._queue.put(item)
        if not item.done.wait(timeout):
            raise TimeoutError("the database did not take the commit in time")
        if isinstance(item.result, BaseException):
            raise item.result
        return bool(item.result)

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                with self.lock, self.engine.begin() as conn:
                    for item in batch:
                        try:
                            item.result = len(conn.execute(item.statement).all()) == 1
                        except sa.exc.IntegrityError:
                            item.result = False
            except Exception as exc:  # the transaction failed: nothing in it was stored
                for item in batch:
                    item.result = exc
            for item in batch:
                item.done.set()
