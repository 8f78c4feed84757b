"""The database: where it is, how it is opened, upgraded, backed up, and written in transactions.

Nothing outside this package assumes SQLite: the rest of the app sees a ``Database`` and
sessions from ``unit_of_work()`` (reading) and ``writing()`` (locks first, see ``locking``).
SQLite-only details (pragmas, the file backup) live here.

Opening cannot brick a file. What a SQLite file holds is first read without writing to it
(``sqlite_file.inspect_file``): a file that is not SQLite, not ours, empty, or made by a newer
TA Desktop is refused untouched. A new database is built under a temporary name and renamed into
place. An upgrade runs in one transaction that really holds the DDL (pysqlite does not put DDL
in a transaction by itself: the migration connection takes charge of BEGIN), after a verified
copy of the old database; a crash or a full disk leaves the old database or the new one.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, create_engine, event, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import NullPool

from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.storage import (
    authorship,
    deadline_table,
    locking,
    notify,
    search_index,
    sqlite_file,
)
from ta_desktop.core.storage.changes import note_flushed
from ta_desktop.core.storage.orm import Base
from ta_desktop.core.storage.orm_rules import RuleProfileRecord  # noqa: F401 (tables of Base)
from ta_desktop.core.storage.saving import conflict
from ta_desktop.core.storage.sqlite_file import FileKind

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DATABASE_FILENAME = "ta_desktop.sqlite"
VERSION_TABLE = "alembic_version"
OUR_TABLES = frozenset(Base.metadata.tables) | {VERSION_TABLE} | search_index.SQLITE_TABLES
# The newest migration in migrations/versions (a test keeps the two equal). A database already
# at it is opened without Alembic, whose import (Mako, every SQLAlchemy dialect) would cost
# start-up about a third of a second; Alembic is loaded only to create or upgrade a database.
HEAD_REVISION = "0014"

# Called with the database before an upgrade; returns where the (verified) copy is.
BeforeUpgrade = Callable[["Database"], Path | None]


def database_url(target: str | Path) -> URL:
    """A file path or a SQLAlchemy URL, as given to ``--db``."""
    text = str(target)
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError:
            raise StorageError(f"'{text}' is not a database URL SQLAlchemy understands.") from None
        return _with_driver(url)
    path = Path(text).expanduser().resolve()
    if path.is_dir():
        raise StorageError(f"{path} is a folder; give a database file name inside it.")
    if not path.parent.is_dir():
        raise StorageError(f"The folder {path.parent} does not exist.")
    return URL.create("sqlite+pysqlite", database=str(path))


def _with_driver(url: URL) -> URL:
    """``url``, once its database type is known and its driver installed: said in one line
    before any connection is tried, instead of a traceback from deep inside SQLAlchemy."""
    shown = url.render_as_string(hide_password=True)
    try:
        dialect = url.get_dialect()
    except ArgumentError:  # NoSuchModuleError: an unknown scheme or driver name
        raise StorageError(f"'{shown}' names a database type TA Desktop cannot open "
                           f"('{url.drivername}'); give a file path, or a URL such as "
                           "postgresql+psycopg://user@host/name.") from None
    try:
        dialect.import_dbapi()
    except ImportError as error:
        raise StorageError(f"The database driver for '{shown}' is not installed (no module "
                           f"'{error.name}'); install it, or give a database file.") from None
    return url


def file_of(url: URL) -> Path | None:
    """The database file of a SQLite URL; None for a server or an in-memory database."""
    name = url.database
    if url.get_backend_name() != "sqlite" or not name or name == ":memory:" \
            or name.startswith("file:"):
        return None
    return Path(name)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _migration_pragmas(dbapi_connection, _record) -> None:
    # SQLAlchemy's recipe for pysqlite: no BEGIN of its own (nor a COMMIT before DDL); the
    # "begin" event below emits ours, so the whole upgrade is one transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    # Tables are rebuilt by copying them (batch mode): with foreign keys on, dropping the old
    # table would cascade. SQLite's own procedure: keys off, foreign_key_check before commit.
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    # The write lock before the revision is read: two apps opening one old file upgrade it once.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _migration_engine(url: URL) -> Engine:
    """An engine whose transactions hold DDL too, for creating and upgrading the schema."""
    engine = create_engine(url, poolclass=NullPool)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _migration_pragmas)
        event.listen(engine, "begin", _begin_immediate)
    return engine


def stored_revision(connection: Connection) -> str | None:
    """The schema revision the database records (None: none yet), read without Alembic."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest migration, as Alembic finds it in migrations/versions."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@functools.cache
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(revision.revision for revision in script.walk_revisions())


def check_known(revision: str | None, where: object) -> None:
    """Refuse a database whose schema this version of the app does not know."""
    if revision not in (None, HEAD_REVISION) and revision not in known_revisions():
        raise StorageError(f"{where} was made by a newer TA Desktop (revision {revision}): "
                           "update the app to open it. It was left untouched.")


@functools.cache
def tables_at(revision: str | None) -> frozenset[str]:
    """The tables the migrations up to ``revision`` make (built in memory)."""
    from alembic import command

    if revision is None:
        return frozenset()
    engine = create_engine("sqlite://", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            return frozenset(inspect(connection).get_table_names()) - {VERSION_TABLE}
    finally:
        engine.dispose()


def _check_file(path: Path, *, new: bool) -> FileKind:
    """What ``path`` is, after refusing (untouched) what the app must not open."""
    state = sqlite_file.inspect_file(path)
    if state.kind is FileKind.EMPTY and not new:
        raise StorageError(f"{path} is empty (0 bytes), so it is not a TA Desktop database; it "
                           "was left untouched. Delete it to start a new database there, or "
                           "restore a backup into it.")
    if state.kind is not FileKind.SQLITE:
        return state.kind
    check_known(state.revision, path)
    if state.revision is None:
        foreign = sorted(state.tables - OUR_TABLES)
        if foreign:
            raise StorageError(f"{path} holds tables that are not TA Desktop's "
                               f"({', '.join(foreign[:5])}); it was left untouched. Choose "
                               "another file.")
        if state.rows:
            raise StorageError(f"{path} holds TA Desktop tables with data but no schema "
                               "version; it was left untouched.")
    return state.kind


def _upgrade_in(connection: Connection, where: object) -> bool:
    """Bring the schema to head inside the caller's transaction; False if it was already."""
    from alembic import command

    current = stored_revision(connection)
    check_known(current, where)
    if current == head_revision():
        return False
    _drop_leftovers(connection, current, where)
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StorageError(f"the upgraded tables break {len(broken)} foreign key(s), first "
                               f"in {broken[0][0]}")
    return True


def _drop_leftovers(connection: Connection, current: str | None, where: object) -> None:
    """Empty tables of ours that ``current`` should not have: what an interrupted creation or
    upgrade by an older TA Desktop (DDL outside a transaction) left. Anything else stops."""
    present = set(inspect(connection).get_table_names()) - {VERSION_TABLE}
    leftovers = present - tables_at(current)
    if not leftovers:
        return
    foreign = sorted(leftovers - OUR_TABLES)
    if foreign:
        raise StorageError(f"{where} holds tables that are not TA Desktop's "
                           f"({', '.join(foreign[:5])}); it was left untouched.")
    for name in sorted(leftovers):
        if connection.exec_driver_sql(f'SELECT EXISTS (SELECT 1 FROM "{name}")').scalar():
            raise StorageError(f"{where} holds data in the table {name}, which its schema "
                               f"revision {current} does not have; it was left untouched.")
    for name in sorted(leftovers):
        connection.exec_driver_sql(f'DROP TABLE "{name}"')


def _build_new(temporary: Path) -> None:
    engine = _migration_engine(URL.create("sqlite+pysqlite", database=str(temporary)))
    # Born in WAL mode: opening it later switches nothing (no journal to leave behind).
    event.listen(engine, "connect", _wal_mode)
    try:
        with engine.begin() as connection:
            _upgrade_in(connection, temporary)
    finally:
        engine.dispose()


def _wal_mode(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA journal_mode=WAL")


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
        # Set by the services (``DeadlineIndex``): without it the open-deadline table is left
        # as it is (a bare Database in a tool or a test).
        self.deadline_rules: deadline_table.RulesOf | None = None
        deadline_table.install(self._sessions, lambda: self.deadline_rules)

    @classmethod
    def open(
        cls, target: str | Path, *, migrate: bool = True, new: bool = False,
        before_upgrade: BeforeUpgrade | None = None,
    ) -> Database:
        """Open ``target``, creating it when missing and upgrading it when old (after the copy
        ``before_upgrade`` makes; by default a verified copy beside the file). A zero-byte file
        is opened only when ``new`` (the caller asked for a new database there)."""
        url = database_url(target)
        path = file_of(url)
        try:
            if path is not None:
                kind = _check_file(path, new=new)
                if migrate and kind is not FileKind.SQLITE:
                    sqlite_file.create_file(path, _build_new,
                                            replace_empty=kind is FileKind.EMPTY)
            engine = create_engine(url)
        except (DBAPIError, SQLAlchemyError, sqlite3.Error) as exc:
            reason = getattr(exc, "orig", None) or exc
            raise StorageError(f"Cannot create the database {url.render_as_string()}: {reason}") \
                from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        database = cls(engine)
        try:
            with engine.connect():
                pass
            if migrate:
                database.migrate(before_upgrade)
        except StorageError:
            engine.dispose()
            raise
        except (DBAPIError, SQLAlchemyError, sqlite3.Error) as exc:
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
        return file_of(self.engine.url)

    @property
    def where(self) -> str:
        """The database as the user named it, for messages (a URL's password hidden)."""
        return str(self.path) if self.path else self.engine.url.render_as_string()

    def current_revision(self) -> str | None:
        with self.engine.connect() as connection:
            return stored_revision(connection)

    def migrate(self, before_upgrade: BeforeUpgrade | None = None) -> Path | None:
        """Upgrade the schema to the newest revision, in one transaction. A database with data
        is copied first (``before_upgrade``, or a verified copy beside the file); that copy's
        path is returned (None when nothing needed upgrading) and named in any error."""
        current = self.current_revision()
        check_known(current, self.where)
        if current == HEAD_REVISION:
            return None
        head = head_revision()
        if current == head:  # HEAD_REVISION lags a new migration: slower, still no upgrade
            return None
        backup = None
        if current is not None:
            try:
                backup = before_upgrade(self) if before_upgrade else self.backup(f"before-{head}")
            except (StorageError, OSError) as error:
                raise StorageError(f"{self.where} was not upgraded: the backup before the "
                                   f"upgrade failed ({error}). Nothing was changed.") from None
        kept = f"; the copy made before the upgrade is {backup}" if backup else ""
        engine = _migration_engine(self.engine.url)
        try:
            with engine.begin() as connection:
                upgraded = _upgrade_in(connection, self.where)
        except StorageError as error:
            if not backup:
                raise
            raise StorageError(f"{str(error).rstrip('.')}{kept}.") from None
        except (DBAPIError, SQLAlchemyError, sqlite3.Error) as exc:
            reason = getattr(exc, "orig", None) or exc
            raise StorageError(f"Cannot upgrade {self.where} from revision {current} to {head}: "
                               f"{reason}. Nothing was changed{kept}.") from None
        finally:
            engine.dispose()
        if upgraded:
            log.info("database upgraded from %s to %s", current, head)
        return backup

    def backup(self, label: str) -> Path | None:
        """A verified copy of a SQLite file beside it (SQLite's online backup, WAL-safe), named
        to the millisecond."""
        source = self.path
        if source is None or not source.exists():
            return None
        for _attempt in range(100):
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")[:-3]
            target = source.with_name(f"{source.stem}.{label}.{stamp}.bak{source.suffix}")
            if not target.exists():
                try:
                    sqlite_file.snapshot(source, target)
                except FileExistsError:
                    continue
                return target
        raise StorageError(f"Cannot find a free name for a copy of {source}.")

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
                raise StorageError(f"The database {self.where} is busy in another window or "
                                   "program; try again in a moment.") from exc
            raise StorageError(f"The database {self.where} could not be read or written: "
                               f"{exc.orig}") from exc

    def change_feed(self) -> notify.ChangeFeed | None:
        """A connection hearing what other windows and members write (PostgreSQL only)."""
        return None if self.is_sqlite else notify.ChangeFeed(self.engine, self.origin)

    def close(self) -> None:
        self.engine.dispose()
