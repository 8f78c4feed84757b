"""The database: where it is, how it is opened, upgraded, backed up, and written in transactions.

Nothing outside this package assumes SQLite: the rest of the app sees a ``Database`` and
sessions from ``unit_of_work()`` (reading) and ``writing()`` (locks first, see ``locking``).
SQLite-only details (pragmas, the file backup) live here.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.storage import authorship, locking, notify
from ta_desktop.core.storage.changes import note_flushed
from ta_desktop.core.storage.saving import conflict

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DATABASE_FILENAME = "ta_desktop.sqlite"


def database_url(target: str | Path) -> URL:
    """A file path or a SQLAlchemy URL, as given to ``--db``."""
    text = str(target)
    if "://" in text:
        try:
            return make_url(text)
        except ArgumentError:
            raise StorageError(f"'{text}' is not a database URL SQLAlchemy understands.") from None
    path = Path(text).expanduser().resolve()
    if path.is_dir():
        raise StorageError(f"{path} is a folder; give a database file name inside it.")
    if not path.parent.is_dir():
        raise StorageError(f"The folder {path.parent} does not exist.")
    return URL.create("sqlite+pysqlite", database=str(path))


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


class Database:
    """An engine, a session factory and the schema's version."""

    # How long a write waits for another window's write to finish, in seconds.
    busy_timeout = 5.0

    def __init__(self, engine: Engine):
        self.engine = engine
        # The team member this database is written for: every row written is stamped with it.
        self.member = ""
        self.origin = uuid.uuid4().hex  # tells this Database's notifications from others'
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", authorship.stamp)
        event.listen(self._sessions, "after_flush", note_flushed)
        notify.install(self._sessions)
        locking.install(engine, self._sessions)

    @classmethod
    def open(cls, target: str | Path, *, migrate: bool = True) -> Database:
        url = database_url(target)
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        database = cls(engine)
        try:
            with engine.connect():
                pass
            if migrate:
                database.migrate()
        except (DBAPIError, SQLAlchemyError, sqlite3.Error) as exc:  # sqlite3: the backup
            engine.dispose()
            reason = getattr(exc, "orig", None) or exc
            raise StorageError(f"Cannot open the database {url.render_as_string()}: {reason}") \
                from None
        return database

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def target(self) -> str:
        """What ``--db`` takes to open this database again (from another process)."""
        return str(self.path) if self.path else \
            self.engine.url.render_as_string(hide_password=False)

    @property
    def path(self) -> Path | None:
        """The database file, for SQLite files; None for a server or an in-memory database."""
        name = self.engine.url.database
        return Path(name) if self.is_sqlite and name and name != ":memory:" else None

    def current_revision(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def migrate(self) -> Path | None:
        """Upgrade the schema to the newest revision. An existing SQLite file is copied to a
        backup first; the backup's path is returned (None when nothing needed upgrading)."""
        current = self.current_revision()
        head = head_revision()
        if current == head:
            return None
        if current is None and self._has_foreign_tables():
            raise StorageError("This database holds tables that are not TA Desktop's; "
                               "choose another file.")
        backup = self.backup(f"before-{head}") if current is not None else None
        config = alembic_config()
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        log.info("database upgraded from %s to %s", current, head)
        return backup

    def _has_foreign_tables(self) -> bool:
        return bool(inspect(self.engine).get_table_names())

    def backup(self, label: str) -> Path | None:
        """A consistent copy of a SQLite file beside it (SQLite's online backup, WAL-safe)."""
        source_path = self.path
        if source_path is None or not source_path.exists():
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{source_path.stem}.{label}.{stamp}.bak{source_path.suffix}"
        target = source_path.with_name(name)
        partial = target.with_suffix(target.suffix + ".part")
        source, copy = sqlite3.connect(source_path), sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
        partial.replace(target)
        return target

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction that only reads: it sees one consistent state of the data; a change
        made in it is refused (write in ``writing()``).

        What the database itself refuses (locked, read-only, corrupt, disk full) becomes a
        ``StorageError``; errors of the ORM are left to the services (or are bugs)."""
        with self._transaction(write=False) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction that writes: committed when the block ends, rolled back if it raises.

        The write lock is taken before anything is read (SQLite ``BEGIN IMMEDIATE``; on
        PostgreSQL the repositories lock the rows they load), so what the block reads stays true
        until it commits: check a rule inside the block, then write. A second writer waits up to
        ``busy_timeout`` seconds, then gets a ``StorageError`` saying the database is busy."""
        with self._transaction(write=True) as session:
            yield session

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[Session]:
        try:
            with self._sessions() as session, session.begin():
                session.info[authorship.MEMBER] = self.member
                if write:
                    session.info[notify.ORIGIN] = self.origin
                    locking.start_writing(session, self.busy_timeout)
                yield session
        except StaleDataError:
            # Versions guard every UPDATE and DELETE: a record saved by another writer inside
            # this transaction's lifetime (a write that did not lock first) is not overwritten.
            raise conflict("A record") from None
        except DBAPIError as exc:
            if locking.is_busy(exc):
                raise StorageError(f"The database {self._name()} is busy in another window or "
                                   "program; try again in a moment.") from exc
            raise StorageError(f"The database could not be read or written: {exc.orig}") \
                from exc

    def _name(self) -> str:
        return str(self.path) if self.path else self.engine.url.render_as_string()

    def change_feed(self) -> notify.ChangeFeed | None:
        """A connection hearing what other windows and members write (PostgreSQL only)."""
        return None if self.is_sqlite else notify.ChangeFeed(self.engine, self.origin)

    def close(self) -> None:
        self.engine.dispose()
