"""Evidence bytes in the team's database, so every member opens the file a colleague added.

``DatabaseBlobStore`` has the ``BlobStore`` interface the evidence service uses. A file put in
is hashed and copied to this member's local cache (``BlobStore``, streamed), then streamed into
``evidence_blobs``/``evidence_blob_chunks`` one 1 MiB chunk at a time, once per content for the
whole team (``INSERT … ON CONFLICT DO NOTHING`` waits for a colleague uploading the same bytes).
``path_of`` gives the cached copy, fetching it first when this member has not got it: streamed
from a server-side cursor into a staged file, checked against its SHA-256, then published.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, exists, func, insert, select

from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.evidence_store import CHUNK, BlobStore
from ta_desktop.core.storage.files import staged_file
from ta_desktop.core.storage.orm import (
    CertificateRecord,
    EvidenceRecord,
    evidence_blob_chunks,
    evidence_blobs,
)


class DatabaseBlobStore:
    def __init__(self, db: Database, cache_root: Path):
        self._db = db
        self.cache = BlobStore(cache_root)
        self.root = self.cache.root

    def path_of(self, sha256: str) -> Path:
        """The local copy of the content, fetched from the database when missing here (a
        content the database lacks too leaves a path that does not exist, as a lost file)."""
        path = self.cache.path_of(sha256)
        if not path.is_file():
            self._fetch(sha256)
        return path

    def has(self, sha256: str) -> bool:
        with self._db.engine.connect() as connection:
            return bool(connection.scalar(
                select(func.count()).where(evidence_blobs.c.sha256 == sha256)))

    def put(self, source: Path, max_bytes: int) -> tuple[str, int]:
        sha256, size = self.cache.put(source, max_bytes)
        self.upload(sha256)
        return sha256, size

    def upload(self, sha256: str) -> None:
        """Store the cached content in the database unless it is there already."""
        path = self.cache.path_of(sha256)
        size = path.stat().st_size
        with self._db.engine.begin() as connection:
            row = {"sha256": sha256, "size": size, "added_at": datetime.now()}
            if connection.dialect.name == "postgresql":
                # Imported here: the PostgreSQL dialect is not loaded for a file database.
                from sqlalchemy.dialects.postgresql import insert as pg_insert

                added = connection.execute(
                    pg_insert(evidence_blobs).values(**row).on_conflict_do_nothing()
                    .returning(evidence_blobs.c.sha256)).first() is not None
            elif connection.scalar(select(func.count()).where(
                    evidence_blobs.c.sha256 == sha256)):
                added = 0
            else:
                added = connection.execute(insert(evidence_blobs).values(**row)).rowcount
            if not added:
                return
            with path.open("rb") as stream:
                position = 0
                while chunk := stream.read(CHUNK):
                    connection.execute(insert(evidence_blob_chunks).values(
                        sha256=sha256, position=position, data=chunk))
                    position += 1

    def _fetch(self, sha256: str) -> None:
        target = self.cache.path_of(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with self._db.engine.connect() as connection, \
                staged_file(target.parent, "fetching") as staged:
            rows = connection.execution_options(stream_results=True, yield_per=1).execute(
                select(evidence_blob_chunks.c.data).where(
                    evidence_blob_chunks.c.sha256 == sha256)
                .order_by(evidence_blob_chunks.c.position))
            found = False
            for (data,) in rows:
                found = True
                digest.update(data)
                staged.stream.write(data)
            if not found:
                return  # not in the team's storage either: the item shows as missing
            if digest.hexdigest() != sha256:
                raise StorageError(f"The stored evidence {sha256[:12]}… is damaged in the "
                                   "database: its bytes do not match their SHA-256.")
            staged.publish(target)

    def delete(self, sha256: str) -> None:
        """Forget the content here and, unless an evidence row or a certificate uses it again,
        for the team."""
        with self._db.engine.begin() as connection:
            connection.execute(delete(evidence_blobs).where(
                evidence_blobs.c.sha256 == sha256,
                ~exists().where(EvidenceRecord.sha256 == sha256),
                ~exists().where(CertificateRecord.file_sha256 == sha256)))
        self.cache.delete(sha256)
