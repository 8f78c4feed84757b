"""Backups and restore of a TA Desktop database file with its evidence.

Backups go to ``<data folder>/backups`` (``--out`` puts one anywhere): on demand, at start-up
when the newest is older than the policy says (``back_up_if_due``), before every upgrade
(``before_upgrade``) and, of the target, before every restore. After a backup into the folder,
rotation deletes what the policy does not keep (``domain.backups.to_keep``).

A restore checks the whole backup before it touches anything, refuses a target holding data
unless forced, backs that target up, puts the evidence files in first and then the database
in one rename, so a crash leaves the old database or the restored one, never a database whose
evidence is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ta_desktop import __version__
from ta_desktop.core.domain.backups import BackupName, BackupPolicy, Manifest, is_due, to_keep
from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.errors import NotAllowed, StorageError
from ta_desktop.core.services.settings import SettingsService
from ta_desktop.core.storage import backup_archive, sqlite_file
from ta_desktop.core.storage.app_lock import AppLock
from ta_desktop.core.storage.backup_archive import read_database_copy, stored_hashes
from ta_desktop.core.storage.db import OUR_TABLES, Database, check_known
from ta_desktop.core.storage.evidence_store import BlobStore
from ta_desktop.core.storage.files import (
    fsync_folder,
    link_into_place,
    staging_folder,
    write_atomically,
)
from ta_desktop.core.storage.sqlite_file import FileKind

BACKUPS_FOLDER = "backups"
EVIDENCE_FOLDER = "evidence"
POLICY_KEY = "backup_policy"
_LEFTOVER_PREFIXES = (".backup-", ".ta-desktop-backup-")


@dataclass(frozen=True)
class BackupInfo:
    """A backup file: its size on disk and what its manifest says (``problem`` when it cannot
    be read)."""

    path: Path
    size: int
    manifest: Manifest | None
    problem: str | None = None

    @property
    def created(self) -> datetime | None:
        named = BackupName.parse(self.path.name)
        if named:
            return named.created
        return datetime.fromisoformat(self.manifest.created_at) if self.manifest else None


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    database: Path
    safety_copy: Path | None  # the target as it was before, when it held anything
    evidence_written: int
    evidence_removed: int  # files no row of the restored database uses (in the safety copy)

    @property
    def evidence_lacking(self) -> tuple[str, ...]:
        """Evidence the backup's rows name but that the backup could not hold."""
        return self.manifest.missing_evidence + self.manifest.damaged_evidence


def backups_folder(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_FOLDER


def _database_file(db_path: Path | None) -> Path:
    if db_path is None:
        raise StorageError("Backups are made of database files; this database is on a server "
                           "or in memory: use the server's own backups.")
    return db_path


def _info(path: Path, manifest: Manifest) -> BackupInfo:
    return BackupInfo(path, path.stat().st_size, manifest)


def back_up_into_folder(
    database: Path, data_dir: Path, label: str, now: Callable[[], datetime] = datetime.now,
    *, every_blob: bool = False,
) -> BackupInfo:
    """A new backup in the data folder's backups folder, named to the millisecond (never over
    another one)."""
    folder = backups_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    created = now()
    store = BlobStore(Path(data_dir) / EVIDENCE_FOLDER)
    for _attempt in range(1000):
        path = folder / BackupName(created, label).name
        if not path.exists():
            with contextlib.suppress(FileExistsError):  # made in the same millisecond
                manifest = backup_archive.write_backup(
                    database, store, path, label=label, app_version=__version__,
                    created=created, replace=False, every_blob=every_blob)
                return _info(path, manifest)
        created += timedelta(milliseconds=1)
    raise StorageError(f"Cannot find a free backup name in {folder}.")


def _named_in(folder: Path) -> dict[Path, BackupName]:
    if not folder.is_dir():
        return {}
    return {path: name for path in folder.iterdir()
            if (name := BackupName.parse(path.name)) and path.is_file()}


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in the data folder's backups folder, newest first, each with its manifest
    (read, not verified). Needs no database: it works when the database cannot be opened."""
    found = []
    named = _named_in(backups_folder(data_dir))
    for path, _name in sorted(named.items(), key=lambda item: item[1], reverse=True):
        try:
            found.append(_info(path, backup_archive.read_manifest(path)))
        except StorageError as error:
            found.append(BackupInfo(path, path.stat().st_size, None, str(error)))
    return found


def before_upgrade(data_dir: Path) -> Callable[[Database], Path | None]:
    """What ``Database.open`` calls before an upgrade: a full, verified backup."""

    def back_up(db: Database) -> Path | None:
        if db.path is None:  # a server: its upgrade is one transaction (DDL is transactional)
            return None
        return back_up_into_folder(_database_file(db.path), data_dir, "before-upgrade").path

    return back_up


class BackupService:
    def __init__(self, db: Database, data_dir: Path, settings: SettingsService,
                 now: Callable[[], datetime] = datetime.now):
        self._db = db
        self._data_dir = Path(data_dir)
        self._settings = settings
        self._now = now

    @property
    def folder(self) -> Path:
        return backups_folder(self._data_dir)

    def policy(self) -> BackupPolicy:
        return BackupPolicy.from_settings(self._settings.get(POLICY_KEY, {}))

    def set_policy(self, policy: BackupPolicy) -> Outcome[BackupPolicy]:
        BackupPolicy.from_settings(policy.to_settings())  # validated before it is stored
        return Outcome(policy, self._settings.put(POLICY_KEY, policy.to_settings()).changes)

    def back_up(self, out: Path | None = None) -> BackupInfo:
        """Back up now: into ``out`` (replaced if it is a file), or into the backups folder,
        then rotate the folder."""
        database = _database_file(self._db.path)
        if out is None:
            info = back_up_into_folder(database, self._data_dir, "manual", self._now)
            self.rotate()
            return info
        out = Path(out)
        manifest = backup_archive.write_backup(
            database, BlobStore(self._data_dir / EVIDENCE_FOLDER), out, label="manual",
            app_version=__version__, created=self._now())
        return _info(out, manifest)

    def restore(self, archive: Path, *, force: bool = True) -> RestoreResult:
        """Restore ``archive`` over this database, for the app: its own connections are closed
        first (a restore needs sole use of the file); open the workspace again afterwards
        (``Workspace.reopen``), whether this succeeded or not."""
        database = _database_file(self._db.path)
        self._db.close()
        return restore(archive, database, self._data_dir, force=force, now=self._now)

    def back_up_if_due(self) -> BackupInfo | None:
        """The automatic backup at start-up, when the newest backup is older than the policy
        allows; then rotation."""
        if self._db.path is None:
            return None
        self.remove_leftovers()
        policy = self.policy()
        named = self._named()
        newest = max((n.created for n in named.values()), default=None)
        if not is_due(newest, self._now(), policy):
            return None
        info = back_up_into_folder(self._db.path, self._data_dir, "daily", self._now)
        self.rotate(policy)
        return info

    def _named(self) -> dict[Path, BackupName]:
        return _named_in(self.folder)

    def list(self) -> list[BackupInfo]:
        return list_backups(self._data_dir)

    def rotate(self, policy: BackupPolicy | None = None) -> list[Path]:
        """Delete the backups in the folder the policy does not keep; returns them."""
        named = self._named()
        keep = to_keep(named.values(), policy or self.policy())
        removed = []
        for path, name in named.items():
            if name not in keep:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(path)
        return removed

    def remove_leftovers(self, older_than: timedelta = timedelta(minutes=10)) -> None:
        """What a backup killed half-way left in the folder (it was never a backup)."""
        if not self.folder.is_dir():
            return
        deadline = (self._now() - older_than).timestamp()
        for path in self.folder.iterdir():
            if path.name.startswith(_LEFTOVER_PREFIXES):
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime < deadline:
                        shutil.rmtree(path) if path.is_dir() else path.unlink()


# Restore ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Target:
    kind: FileKind | None  # None: a file TA Desktop cannot open (not SQLite, not ours, newer)
    holds: str  # what it holds, in words, when it holds anything

    @property
    def ours(self) -> bool:
        return self.kind is FileKind.SQLITE


def _look_at(database: Path, store: BlobStore) -> _Target:
    try:
        state = sqlite_file.inspect_file(database)
        if state.kind is FileKind.SQLITE:
            check_known(state.revision, database)
            if not state.tables <= OUR_TABLES:
                raise StorageError("not ours")
    except StorageError:
        if database.exists() and not database.is_file():
            raise StorageError(f"{database} is not a regular file; restore into a database "
                               "file.") from None
        return _Target(None, "a file TA Desktop cannot open")
    held = []
    if state.rows:
        held.append("data")
    if stored_hashes(store):
        held.append("evidence files")
    return _Target(state.kind, " and ".join(held))


@contextlib.contextmanager
def _sole_use(database: Path, target: _Target) -> Iterator[sqlite3.Connection | None]:
    if target.ours:
        with sqlite_file.exclusive(database) as connection:
            yield connection
    else:
        yield None


def _safety_copy(database: Path, data_dir: Path, target: _Target,
                 now: Callable[[], datetime]) -> tuple[Path | None, bool]:
    """Back the target up before it is replaced. Returns the copy and whether it holds every
    evidence file of the store (only then may files the restored database does not use go)."""
    if not target.holds:
        return None, False
    if target.ours:
        with contextlib.suppress(StorageError):  # a damaged database: its bytes, below
            info = back_up_into_folder(database, data_dir, "before-restore", now,
                                       every_blob=True)
            return info.path, True
    folder = backups_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = BackupName(now(), "replaced").name.removesuffix(".zip")
    first = None
    for suffix in ("", "-wal", "-journal"):
        source = sqlite_file.sidecar(database, suffix)
        if source.is_file():
            copy = folder / f"{stamp}-{database.name}{suffix}"
            with source.open("rb") as reader, write_atomically(copy) as writer:
                shutil.copyfileobj(reader, writer, 1 << 20)
            first = first or copy
    return first, False


def _put_in_place(restored: Path, database: Path, target: _Target,
                  lock: sqlite3.Connection | None) -> None:
    if target.kind is FileKind.MISSING:
        try:
            link_into_place(restored, database)
        except FileExistsError:
            raise StorageError(f"{database} was created by someone else during the restore; "
                               "nothing was replaced.") from None
        return
    if target.kind is FileKind.EMPTY and database.stat().st_size:
        raise StorageError(f"{database} was written by someone else during the restore; "
                           "nothing was replaced.")
    if not target.ours:  # its journal belongs to the old file (and was copied aside)
        for suffix in sqlite_file.SIDECARS:
            sqlite_file.sidecar(database, suffix).unlink(missing_ok=True)
    if lock is not None and os.name == "nt":
        lock.close()  # Windows cannot replace a file that is open; POSIX keeps others out
    os.replace(restored, database)
    fsync_folder(database.parent)


def restore(archive: Path, database: Path, data_dir: Path, *, force: bool = False,
            now: Callable[[], datetime] = datetime.now) -> RestoreResult:
    """Restore the backup ``archive`` into the database file ``database`` and its data folder.
    A target that holds anything is refused (``NotAllowed``) unless ``force``; then it is
    backed up first. Nothing is touched unless the whole backup checks out."""
    archive, database = Path(archive), Path(database)
    if not archive.is_file():
        raise StorageError(f"{archive}: no such backup file.")
    holder = AppLock(database).holder()
    if holder is not None and holder.alive() and not holder.is_me():
        raise StorageError(f"TA Desktop ({holder.describe()}) has {database} open; close it "
                           "there first: a restore replaces the database under it.")
    store = BlobStore(Path(data_dir) / EVIDENCE_FOLDER)
    with staging_folder(database.parent, "restore") as work:
        restored = work / "restored.sqlite"
        manifest = backup_archive.verify_backup(archive, restored)
        check_known(manifest.schema_revision, f"The backup {archive}")
        target = _look_at(database, store)
        if target.holds and not force:
            raise NotAllowed(f"{database} already holds {target.holds}; restoring would "
                             "replace it.")
        with _sole_use(database, target) as lock:
            safety, covers_store = _safety_copy(database, data_dir, target, now)
            before = stored_hashes(store)
            written = backup_archive.restore_blobs(archive, manifest, store)
            _put_in_place(restored, database, target, lock)
    unused = before - read_database_copy(database)[2] if covers_store else set()
    removed = backup_archive.remove_blobs(store, unused)
    return RestoreResult(manifest, database, safety, written, removed)
