"""Backups of a team's server database (team mode): ``pg_dump``'s custom format when the
PostgreSQL client tools are on this computer, else a logical export that ``restore`` reads
(``storage.server_backup``). Kept in ``<data folder>/server-backups`` by default; a restore
over a database holding data needs ``force`` and backs that data up there first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.storage import server_backup
from ta_desktop.core.storage.db import Database, head_revision

FOLDER = "server-backups"


@dataclass(frozen=True)
class ServerBackup:
    path: Path
    kind: str  # "pg_dump" (custom format) or "export" (TA Desktop's logical export)
    size: int
    counts: dict[str, int]


@dataclass(frozen=True)
class ServerRestore:
    restored: ServerBackup
    safety_copy: ServerBackup | None  # what the database held before, when it held anything


class ServerBackupService:
    def __init__(self, db: Database, data_dir: Path,
                 now: Callable[[], datetime] = datetime.now):
        self._db = db
        self._data_dir = Path(data_dir)
        self._now = now

    @property
    def available(self) -> bool:
        """True for a database on a server (file databases have their own backups)."""
        return not self._db.is_sqlite

    def back_up(self, out: Path | None = None, label: str = "manual") -> ServerBackup:
        if not self.available:
            raise StorageError("This database is a file: use its own backup.")
        if out is None:
            folder = self._data_dir / FOLDER
            folder.mkdir(parents=True, exist_ok=True)
            out = folder / f"{self._db.engine.url.database}.{label}." \
                           f"{self._now():%Y%m%d-%H%M%S}.backup"
        kind = server_backup.back_up(self._db.engine, Path(out))
        return ServerBackup(Path(out), kind, Path(out).stat().st_size,
                            server_backup.counts(self._db.engine))

    def restore(self, archive: Path, *, force: bool = False) -> ServerRestore:
        """Replace the server database's data with ``archive``; with ``force`` a database
        holding data is backed up first, then replaced."""
        archive = Path(archive)
        server_backup.kind_of(archive)  # a file that is no backup changes nothing
        held = server_backup.counts(self._db.engine)
        safety = self.back_up(label="before-restore") if force and any(held.values()) \
            else None
        kind = server_backup.restore(self._db.engine, archive, head_revision(), force=force)
        return ServerRestore(
            ServerBackup(archive, kind, archive.stat().st_size,
                         server_backup.counts(self._db.engine)), safety)
