"""A backup on disk: one zip file holding a consistent copy of the database, the evidence files
and a manifest, sealed, and verified before it is trusted.

Inside: ``manifest.json``, ``database.sqlite`` (SQLite's online backup of the live file, checked
with integrity_check) and ``evidence/<ab>/<sha256>`` (the blob store's own layout). The zip
comment is a seal, ``ta-desktop-seal sha256=`` and the SHA-256 of every byte before it, so one
flipped byte anywhere in the file is caught before anything is restored from it; the manifest
adds the size and SHA-256 of every file inside.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import re
import sqlite3
import zipfile
import zlib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from ta_desktop.core.domain.backups import Manifest, ManifestFile
from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.storage.evidence_store import BlobStore
from ta_desktop.core.storage.files import check_output_path, staged_file, staging_folder
from ta_desktop.core.storage.sqlite_file import connect, integrity_problems, snapshot

MANIFEST_NAME = "manifest.json"
DATABASE_NAME = "database.sqlite"
SEAL = b"ta-desktop-seal sha256="
_DIGEST_LENGTH = 64
_CHUNK = 1 << 20
_BLOB_NAME = re.compile(r"[0-9a-f]{64}")
_BLOB_PATH = re.compile(r"evidence/([0-9a-f]{2})/([0-9a-f]{64})")
COUNTED = ("orders", "suppliers", "disputes", "evidence")


def write_backup(
    database: Path, store: BlobStore, out: Path, *, label: str, app_version: str,
    created: datetime, replace: bool = True, every_blob: bool = False,
) -> Manifest:
    """Back up ``database`` and the evidence its rows refer to (``every_blob``: every file in
    the store) into the new file ``out``, verified before it takes its name. With
    ``replace=False`` an existing ``out`` raises ``FileExistsError`` and is left alone."""
    out = check_output_path(out)
    with staging_folder(out.parent, "backup", target=out) as work:
        copy = work / DATABASE_NAME
        snapshot(database, copy)
        revision, counts, referenced = read_database_copy(copy)
        hashes = referenced | (stored_hashes(store) if every_blob else set())
        with staged_file(out.parent, out.name) as staged:
            sealing = _SealingWriter(staged.stream)
            manifest = _write_zip(
                sealing, copy, store, hashes, referenced,
                Manifest(app_version=app_version, schema_revision=revision,
                         created_at=created.astimezone().isoformat(timespec="milliseconds"),
                         label=label, source=str(database), counts=counts, files=()))
            sealing.seal()
            # Re-read: every file against its SHA-256, the database with integrity_check. The
            # seal was computed from these very bytes as they were written.
            verify_backup(staged.temporary, work / "verify.sqlite", shown_as=out, seal=False)
            staged.publish(out, replace=replace)
    return manifest


class _SealingWriter:
    """The zip's output stream: it hashes every byte written but the last ``_DIGEST_LENGTH``
    (the seal's placeholder), so the seal costs no second reading of the file. It says it
    cannot seek, so zipfile writes each file's sizes after its data, in order."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self._digest = hashlib.sha256()
        self._held = b""
        self._position = 0

    def write(self, data) -> int:
        data = memoryview(data).cast("B")
        self._stream.write(data)
        self._position += len(data)
        if len(data) >= _DIGEST_LENGTH:
            self._digest.update(self._held)
            self._digest.update(data[:-_DIGEST_LENGTH])
            self._held = bytes(data[-_DIGEST_LENGTH:])
        else:
            pending = self._held + bytes(data)
            self._digest.update(pending[:-_DIGEST_LENGTH])
            self._held = pending[-_DIGEST_LENGTH:]
        return len(data)

    def tell(self) -> int:
        return self._position

    def seek(self, *_args) -> int:
        raise OSError("the backup is written in one pass")

    def flush(self) -> None:
        self._stream.flush()

    def seal(self) -> None:
        """Put the digest of everything before the placeholder in the placeholder."""
        self._stream.seek(self._position - _DIGEST_LENGTH)
        self._stream.write(self._digest.hexdigest().encode())
        self._stream.seek(self._position)
        self._stream.flush()


def _write_zip(stream: BinaryIO, copy: Path, store: BlobStore, hashes: set[str],
               referenced: set[str], template: Manifest) -> Manifest:
    stamp = datetime.fromisoformat(template.created_at).timetuple()[:6]
    files, missing, damaged = [], [], []
    with zipfile.ZipFile(stream, "w", allowZip64=True) as archive:
        files.append(_add(archive, DATABASE_NAME, copy, stamp, zipfile.ZIP_DEFLATED))
        for sha256 in sorted(hashes):
            try:  # evidence is mostly photos, videos and PDFs: stored, not squeezed again
                entry = _add(archive, f"evidence/{sha256[:2]}/{sha256}", store.path_of(sha256),
                             stamp, zipfile.ZIP_STORED)
            except FileNotFoundError:
                if sha256 in referenced:
                    missing.append(sha256)
                continue
            files.append(entry)
            if entry.sha256 != sha256:
                damaged.append(sha256)
        manifest = dataclasses.replace(template, files=tuple(files),
                                       missing_evidence=tuple(missing),
                                       damaged_evidence=tuple(damaged))
        info = zipfile.ZipInfo(MANIFEST_NAME, date_time=stamp)
        archive.writestr(info, manifest.to_json().encode(), compress_type=zipfile.ZIP_DEFLATED)
        archive.comment = SEAL + b"0" * _DIGEST_LENGTH  # the real digest is written below
    return manifest


def _add(archive: zipfile.ZipFile, name: str, source: Path, stamp: tuple,
         compression: int) -> ManifestFile:
    digest, size = hashlib.sha256(), 0
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    with source.open("rb") as reader, archive.open(info, "w", force_zip64=True) as writer:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            writer.write(chunk)
    return ManifestFile(name, size, digest.hexdigest())


def _digest(path: Path, length: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as reader:
        while length > 0 and (chunk := reader.read(min(_CHUNK, length))):
            digest.update(chunk)
            length -= len(chunk)
    return digest.hexdigest()


def read_database_copy(path: Path) -> tuple[str | None, dict[str, int], set[str]]:
    """A database copy's schema revision, its counts and the store hashes its rows use
    (evidence and certificate files)."""
    with contextlib.closing(connect(path, "mode=ro")) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        revision = None
        if "alembic_version" in tables:
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        counts = {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                  if name in tables else 0 for name in COUNTED}
        hashes = {sha for (sha,) in db.execute("SELECT DISTINCT sha256 FROM evidence")} \
            if "evidence" in tables else set()
        # Supplier certificates' files share the store (revision 0012 on).
        columns = {row[1] for row in db.execute("PRAGMA table_info(certificates)")}
        if "file_sha256" in columns:
            hashes |= {sha for (sha,) in db.execute(
                "SELECT DISTINCT file_sha256 FROM certificates WHERE file_sha256 != ''")}
    return revision, counts, hashes


def stored_hashes(store: BlobStore) -> set[str]:
    """The content hashes of the files in the blob store (temporary files aside)."""
    if not store.root.is_dir():
        return set()
    return {path.name for path in store.root.glob("??/*")
            if _BLOB_NAME.fullmatch(path.name) and path.parent.name == path.name[:2]
            and path.is_file()}


def _damaged(path: Path, why: str) -> StorageError:
    return StorageError(f"The backup {path} cannot be used: {why}. Nothing was changed.")


def read_manifest(path: Path) -> Manifest:
    """The manifest alone (a quick look, for listings): not a verification."""
    try:
        with zipfile.ZipFile(path) as archive:
            return Manifest.from_json(archive.read(MANIFEST_NAME))
    except (zipfile.BadZipFile, zlib.error, ValueError, KeyError, TypeError, EOFError) as error:
        raise _damaged(path, f"it is damaged or not a TA Desktop backup ({error})") from None


def verify_backup(path: Path, database_to: Path, *, shown_as: Path | None = None,
                  seal: bool = True) -> Manifest:
    """Check everything in the backup ``path``: its seal, that it holds exactly what its
    manifest lists with the right sizes and SHA-256s, and that its database passes
    integrity_check at the revision the manifest gives. The database is left in the new file
    ``database_to``. Anything wrong raises ``StorageError``, one sentence."""
    shown_as = shown_as or path
    try:
        if seal:
            _check_seal(path, shown_as)
        with zipfile.ZipFile(path) as archive:
            manifest = Manifest.from_json(archive.read(MANIFEST_NAME))
            listed = [entry.path for entry in manifest.files]
            if sorted(archive.namelist()) != sorted([*listed, MANIFEST_NAME]) or \
                    DATABASE_NAME not in listed or \
                    not all(_BLOB_PATH.fullmatch(p) for p in listed if p != DATABASE_NAME):
                raise _damaged(shown_as, "what it holds differs from its manifest")
            for entry in manifest.files:
                _check_member(archive, entry, database_to if entry.path == DATABASE_NAME
                              else None, shown_as)
    except (zipfile.BadZipFile, zlib.error, ValueError, KeyError, TypeError, EOFError) as error:
        raise _damaged(shown_as, f"it is damaged or not a TA Desktop backup ({error})") from None
    _check_database(database_to, manifest, shown_as)
    return manifest


def _check_seal(path: Path, shown_as: Path) -> None:
    size = path.stat().st_size
    tail = len(SEAL) + _DIGEST_LENGTH
    with path.open("rb") as reader:
        reader.seek(max(size - tail, 0))
        end = reader.read()
    if size < tail or not end.startswith(SEAL):
        raise _damaged(shown_as, "it is not a TA Desktop backup, or it was cut short")
    if _digest(path, size - _DIGEST_LENGTH).encode() != end[len(SEAL):]:
        raise _damaged(shown_as, "its bytes changed since it was written (the seal does not "
                                 "match)")


def _check_member(archive: zipfile.ZipFile, entry: ManifestFile, copy_to: Path | None,
                  shown_as: Path) -> None:
    digest, size = hashlib.sha256(), 0
    with archive.open(entry.path) as reader, \
            (copy_to.open("xb") if copy_to else contextlib.nullcontext()) as writer:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if writer:
                writer.write(chunk)
    if (size, digest.hexdigest()) != (entry.size, entry.sha256):
        raise _damaged(shown_as, f"{entry.path} does not match its manifest")


def _check_database(copy: Path, manifest: Manifest, shown_as: Path) -> None:
    try:
        with contextlib.closing(connect(copy, "mode=ro")) as db:
            problems = integrity_problems(db)
        revision = read_database_copy(copy)[0]
    except sqlite3.Error as error:
        raise _damaged(shown_as, f"its database cannot be read ({error})") from None
    if problems:
        raise _damaged(shown_as, f"its database fails integrity_check ({problems[0]})")
    if revision != manifest.schema_revision:
        raise _damaged(shown_as, "its database is not at the revision its manifest gives")


def restore_blobs(path: Path, manifest: Manifest, store: BlobStore) -> int:
    """Put the backup's evidence files into ``store`` (each checked against its SHA-256 before
    it takes its name); a file already there with the right bytes is kept. Returns how many
    files were written."""
    skip = set(manifest.damaged_evidence)
    written = 0
    with zipfile.ZipFile(path) as archive:
        for entry in manifest.files:
            match = _BLOB_PATH.fullmatch(entry.path)
            if not match or match[2] in skip:
                continue
            sha256 = match[2]
            target = store.path_of(sha256)
            if target.is_file() and _digest(target, target.stat().st_size) == sha256:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with staged_file(target.parent, "restored") as staged, \
                    archive.open(entry.path) as reader:
                digest = hashlib.sha256()
                while chunk := reader.read(_CHUNK):
                    digest.update(chunk)
                    staged.stream.write(chunk)
                if digest.hexdigest() != sha256:
                    raise _damaged(path, f"{entry.path} changed while it was being restored")
                staged.publish(target)
            written += 1
    return written


def remove_blobs(store: BlobStore, hashes: Iterable[str]) -> int:
    removed = 0
    for sha256 in hashes:
        with contextlib.suppress(FileNotFoundError):
            store.path_of(sha256).unlink()
            removed += 1
    return removed
