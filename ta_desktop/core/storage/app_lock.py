"""One app per database file: a small lock file beside it says which app has it open.

``<database file>.lock`` holds one JSON object: ``host``, ``pid``, ``since`` (local time, ISO)
and ``app``. It is written whole under a temporary name and linked into place, which fails if a
lock is already there, so two apps starting at once cannot both take it. A lock is stale when
its process is gone on this same host (a crash); a lock from another host is never judged stale,
since that machine may still be using the file over a share. Only the app takes the lock: the
command line reads alongside it. A second app may still open the file read-only
(``refuse_writes``) or, when the user says so, take the lock anyway.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import event

from ta_desktop import __version__
from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.files import fsync_folder, staged_file

LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int
    since: datetime

    @classmethod
    def me(cls) -> LockHolder:
        return cls(socket.gethostname(), os.getpid(), datetime.now().replace(microsecond=0))

    def is_me(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    def alive(self) -> bool:
        """Whether the app that wrote the lock may still run (always, on another host)."""
        return self.host != socket.gethostname() or process_alive(self.pid)

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}, since {self.since:%Y-%m-%d %H:%M}"

    def to_json(self) -> str:
        return json.dumps({"host": self.host, "pid": self.pid, "since": self.since.isoformat(),
                           "app": f"TA Desktop {__version__}"})


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs on this machine (never signals or stops it)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would terminate the process there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


class AppLock:
    def __init__(self, database: Path):
        self.path = Path(database).with_name(Path(database).name + LOCK_SUFFIX)
        self.mine: LockHolder | None = None

    def holder(self) -> LockHolder | None:
        """Who the lock file names; None when there is none or it cannot be read as one."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockHolder(str(data["host"]), int(data["pid"]),
                              datetime.fromisoformat(data["since"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def take(self, force: bool = False) -> LockHolder | None:
        """Take the lock. When another live app holds it (and not ``force``), it is left alone
        and its holder returned; None means the lock is ours."""
        me = LockHolder.me()
        for _attempt in range(5):
            current = self.holder()
            if current is not None and current.alive() and not current.is_me() and not force:
                return current
            # Missing: link ours in (never over another's). Stale, unreadable, ours or forced:
            # replace it in one step.
            if self._write(me, replace=self.path.exists()) and self.holder() == me:
                self.mine = me
                return None
        return self.holder()

    def _write(self, me: LockHolder, replace: bool) -> bool:
        with staged_file(self.path.parent, self.path.name) as staged:
            staged.stream.write(me.to_json().encode())
            if replace:
                staged.publish(self.path)
                return True
            staged.stream.flush()
            os.fsync(staged.stream.fileno())
            try:
                os.link(staged.temporary, self.path)
            except FileExistsError:
                return False  # another app took it just now: look again
            except OSError:  # no hard links on this file system
                with contextlib.suppress(FileExistsError):
                    descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
                    with os.fdopen(descriptor, "wb") as out:
                        out.write(me.to_json().encode())
                    return True
                return False
        fsync_folder(self.path.parent)
        return True

    def release(self) -> None:
        """Remove the lock if it is still ours (another app may have taken it anyway)."""
        if self.mine is not None and self.holder() == self.mine:
            self.path.unlink(missing_ok=True)
        self.mine = None


def refuse_writes(db: Database, sentence: str) -> None:
    """From now on every write to ``db`` fails with ``StorageError(sentence)``: each SQLite
    connection is made ``query_only`` and SQLite's refusal is turned into the sentence."""
    if not db.is_sqlite:
        raise StorageError("Only a database file can be opened read-only here.")

    def query_only(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA query_only=ON")

    def say_why(context) -> None:
        original = context.original_exception
        if isinstance(original, sqlite3.Error) and (
                getattr(original, "sqlite_errorname", "") == "SQLITE_READONLY"
                or "readonly database" in str(original)):
            raise StorageError(sentence)

    event.listen(db.engine, "connect", query_only)
    event.listen(db.engine, "handle_error", say_why)
    db.engine.dispose()  # connections already open were made before: open new ones
