"""Write transactions that take the write lock before they read (DESIGN.md, "Writes").

pysqlite begins a transaction only at the first INSERT, UPDATE or DELETE, so a unit of work that
read an order, checked a rule and then wrote decided on data another process could change in
between: payments reported as saved went missing, an extension was stored twice. Here pysqlite's
own transaction handling is switched off and SQLAlchemy emits the BEGIN (the documented pysqlite
recipe): ``BEGIN`` for reading, ``BEGIN IMMEDIATE`` for a unit of work that will write, which
takes SQLite's write lock at once, waiting up to the busy timeout for another writer.

On PostgreSQL the repositories lock the rows a write will change instead (``SELECT … FOR UPDATE``
where ``lock_rows(session)`` says so; SQLite ignores it), a row that does not exist yet is
guarded by a key lock (``lock_key``: a transaction-level advisory lock), and the busy timeout is
the transaction's ``lock_timeout``, so a writer never waits forever for a colleague's write.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

# Connection execution option of a writing unit of work; its value is the busy timeout (s).
WRITE_OPTION = "ta_desktop_write"
_WRITING = "ta_desktop_writing"  # Session.info key
# What a lock wait that ran out looks like: SQLite's SQLITE_BUSY, PostgreSQL's
# lock_not_available (lock_timeout) and deadlock_detected.
_BUSY_SQLSTATES = frozenset({"55P03", "40P01"})


def install(engine: Engine, sessions: sessionmaker) -> None:
    """Begin every transaction of ``engine`` explicitly (SQLite) and make sure sessions that
    were not opened for writing never flush a change."""
    event.listen(sessions, "before_flush", _refuse_writes_when_reading)
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _no_driver_transactions)
    event.listen(engine, "begin", _begin)


def _no_driver_transactions(dbapi_connection, _record) -> None:
    # pysqlite would otherwise BEGIN (deferred) by itself before the first write; it still
    # sends COMMIT and ROLLBACK for the transactions begun below.
    dbapi_connection.isolation_level = None


def _begin(connection: Connection) -> None:
    timeout = connection.get_execution_options().get(WRITE_OPTION)
    if timeout is None:
        connection.exec_driver_sql("BEGIN")
        return
    connection.exec_driver_sql(f"PRAGMA busy_timeout = {max(0, round(timeout * 1000))}")
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def start_writing(session: Session, busy_timeout: float) -> None:
    """Make ``session``'s transaction a writing one: on SQLite the write lock is taken now."""
    session.info[_WRITING] = True
    connection = session.connection(execution_options={WRITE_OPTION: busy_timeout})
    if connection.dialect.name == "postgresql":
        # SET LOCAL: for this transaction only; a lock wait that runs out is SQLSTATE 55P03.
        connection.exec_driver_sql(
            f"SET LOCAL lock_timeout = {max(1, round(busy_timeout * 1000))}")


def lock_key(session: Session, name: str) -> None:
    """Serialise the writers that may create the record ``name`` (a setting's key, an order
    number) until this transaction ends: two windows inserting the same new key then run one
    after the other, and the second finds the first's row instead of breaking the unique key.
    SQLite's write lock already does that for the whole database."""
    if not session.info.get(_WRITING) or session.get_bind().dialect.name != "postgresql":
        return
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def lock_rows(session: Session) -> bool | None:
    """``with_for_update`` for the records a repository loads: rows read by a writing unit of
    work are locked until it ends (PostgreSQL; SQLite holds its database-wide lock already)."""
    return True if session.info.get(_WRITING) else None


def _refuse_writes_when_reading(session: Session, _context, _instances) -> None:
    if not session.info.get(_WRITING) and (session.new or session.dirty or session.deleted):
        raise RuntimeError("A change was made in a reading unit of work: write in "
                           "Database.writing(), which locks before it reads.")


def is_busy(error: DBAPIError) -> bool:
    """Did a lock wait run out (another window holds the write lock)?"""
    original = error.orig
    if getattr(original, "sqlite_errorname", "").startswith("SQLITE_BUSY"):
        return True
    if "database is locked" in str(original):
        return True
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    return state in _BUSY_SQLSTATES
