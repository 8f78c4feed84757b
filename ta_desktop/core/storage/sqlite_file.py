"""A SQLite database file seen from outside: what it holds before anything is written to it, a
new one made whole or not at all, and verified copies.

Opening a file through the app's engine writes to it (the pragmas switch it to WAL), so what is
decided before that — is it SQLite, is it ours, is it of a newer version — is read here through
a read-only connection that never changes the file. A new database is built under a temporary
name and given its name in one step, so a crash or a full disk never leaves half a database
where the app looks for one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.storage.files import fsync_folder, link_into_place

SQLITE_HEADER = b"SQLite format 3\x00"
SIDECARS = ("-journal", "-wal", "-shm")
SQLITE_READONLY = 8  # the primary result code of SQLITE_READONLY_ROLLBACK, _RECOVERY...
# A temporary database older than this was left by a process that died while making it.
STALE_AFTER_SECONDS = 600


class FileKind(Enum):
    MISSING = "missing"
    EMPTY = "empty"  # zero bytes: not a database, and not ours to fill unless asked
    SQLITE = "sqlite"


@dataclass(frozen=True)
class FileState:
    """What a database file holds, read without writing to it."""

    kind: FileKind
    tables: frozenset[str] = frozenset()
    revision: str | None = None  # alembic_version, when the file has one
    rows: bool = False  # does any table but alembic_version hold a row


def inspect_file(path: Path) -> FileState:
    """Look at ``path`` without writing to it. A folder, a device, a file that is not SQLite or
    cannot be read raise ``StorageError``."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return FileState(FileKind.MISSING)
    except OSError as error:
        raise StorageError(f"Cannot read the database {path}: {error.strerror}.") from None
    if not stat.S_ISREG(info.st_mode):
        raise StorageError(f"{path} is not a regular file, so it cannot be a TA Desktop "
                           "database; choose a database file.")
    if info.st_size == 0 and not _size(sidecar(path, "-wal")):
        return FileState(FileKind.EMPTY)
    if info.st_size:
        try:
            with path.open("rb") as stream:
                header = stream.read(len(SQLITE_HEADER))
        except OSError as error:
            raise StorageError(f"Cannot read the database {path}: {error.strerror}.") from None
        if header != SQLITE_HEADER:
            raise StorageError(f"{path} is not a database TA Desktop can open (not a SQLite "
                               "file); it was left untouched. Choose another file.")
    try:
        try:
            with read_only(path) as connection:
                return _state(connection)
        except sqlite3.Error as error:
            if getattr(error, "sqlite_errorcode", 0) & 0xFF != SQLITE_READONLY:
                raise
        # A crash left a journal to roll back or a WAL to recover: SQLite's own recovery,
        # which a read-only connection cannot run (it only puts back what was committed).
        with contextlib.closing(connect(path, "mode=rw", timeout=5)) as connection:
            return _state(connection)
    except sqlite3.Error as error:
        raise StorageError(f"{path} cannot be read as a database ({error}); it was left "
                           "untouched.") from None


def _state(connection: sqlite3.Connection) -> FileState:
    tables = frozenset(
        name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith("sqlite_"))
    revision = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    rows = any(connection.execute(f'SELECT EXISTS (SELECT 1 FROM "{name}")').fetchone()[0]
               for name in tables - {"alembic_version"})
    return FileState(FileKind.SQLITE, tables, revision, rows)


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot change ``path``. With no WAL or journal beside the file it is
    opened as immutable, which creates no -wal or -shm file next to someone else's database."""
    hot = sidecar(path, "-wal").exists() or sidecar(path, "-journal").exists()
    mode = "mode=ro" if hot else "immutable=1"
    connection = connect(path, mode)
    try:
        yield connection
    finally:
        connection.close()


def connect(path: Path, query: str, **options) -> sqlite3.Connection:
    """A connection to ``path`` with URI options: ``mode=ro`` (never writes), ``mode=rw``
    (never creates a missing file), ``immutable=1``."""
    return sqlite3.connect(f"{Path(path).absolute().as_uri()}?{query}", uri=True, **options)


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def create_file(path: Path, build: Callable[[Path], None], *, replace_empty: bool = False) -> bool:
    """Make a new database at ``path``: ``build`` fills a temporary file beside it, which then
    takes the name in one step. Without ``replace_empty`` an existing ``path`` is never replaced
    (another process made it first: False is returned); with it, only a zero-byte file is."""
    remove_stale_temporaries(path)
    temporary = path.with_name(f".{path.name[:64]}.new-{uuid.uuid4().hex[:12]}.tmp")
    try:
        build(temporary)
        _fsync(temporary)
        if replace_empty and path.exists():
            if path.stat().st_size:
                raise StorageError(f"{path} was written by someone else while a new database "
                                   "was being made; it was left as it is.")
            os.replace(temporary, path)
            fsync_folder(path.parent)
        else:
            try:
                link_into_place(temporary, path)
            except FileExistsError:
                return False
        return True
    finally:
        remove_with_sidecars(temporary)


def remove_stale_temporaries(path: Path) -> None:
    """Temporary databases for ``path`` that a killed process left behind."""
    deadline = time.time() - STALE_AFTER_SECONDS
    for leftover in path.parent.glob(f".{path.name[:64]}.new-*.tmp*"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < deadline:
                leftover.unlink()


def remove_with_sidecars(path: Path) -> None:
    for name in (path, *(sidecar(path, suffix) for suffix in SIDECARS)):
        with contextlib.suppress(FileNotFoundError):
            name.unlink()


@contextmanager
def exclusive(path: Path) -> Iterator[sqlite3.Connection]:
    """Sole use of an existing database file, to replace it: refused (``StorageError``) while
    another connection has it open. Its WAL is folded into the file and removed, so no -wal is
    left to be paired with a file put in its place; while the block runs, others may read the
    file but not write it."""
    try:
        connection = connect(path, "mode=rw", timeout=2, isolation_level=None)
    except sqlite3.Error as error:
        raise StorageError(f"Cannot open the database {path}: {error}.") from None
    try:
        # Leaving WAL needs every other connection closed: that is the test.
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if mode != "delete":
            raise sqlite3.OperationalError("database is locked")
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # holds the lock
    except sqlite3.Error as error:
        connection.close()
        if "locked" in str(error) or "busy" in str(error):
            raise StorageError(f"{path} is open in TA Desktop or another program: close it "
                               "there first; nothing was changed.") from None
        raise StorageError(f"Cannot use the database {path}: {error}.") from None
    try:
        yield connection
    finally:
        connection.close()


def integrity_problems(connection: sqlite3.Connection, limit: int = 5) -> list[str]:
    """What ``PRAGMA integrity_check`` finds; empty when the database is sound."""
    rows = [row[0] for row in connection.execute(f"PRAGMA integrity_check({limit})")]
    return [] if rows == ["ok"] else rows


def snapshot(source: Path, target: Path) -> None:
    """A consistent copy of the database ``source`` in the new file ``target`` (SQLite's online
    backup: safe while others read and write, WAL included), checked with ``integrity_check``
    and made self-contained (no WAL) before it takes its name. Raises ``StorageError``."""
    temporary = target.with_name(f".{target.name[:64]}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        # mode=rw: a missing source is an error, never a new empty database
        reader = connect(source, "mode=rw", timeout=30)
        copy = sqlite3.connect(temporary)
        try:
            reader.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            problems = integrity_problems(copy)
        finally:
            reader.close()
            copy.close()
        if problems:
            raise StorageError(f"The copy of {source} is damaged ({'; '.join(problems)}): the "
                               "database itself needs repair; nothing was changed.")
        _fsync(temporary)
        link_into_place(temporary, target)
    except sqlite3.Error as error:
        raise StorageError(f"Cannot copy the database {source} to {target}: {error}.") from None
    finally:
        remove_with_sidecars(temporary)


def _fsync(path: Path) -> None:
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())
