"""The evidence store: file bytes under their SHA-256, and the rows that describe them.

``BlobStore`` keeps one copy of each distinct content in ``<root>/<ab>/<sha256>``, written
atomically (``files.staged_file``). The user's original is only read. ``EvidenceRepository``
keeps what the app knows about each attached file; removing evidence moves the row to the trash,
and only emptying the trash deletes rows (and blobs no row still needs).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ta_desktop.core.domain.errors import NotFound
from ta_desktop.core.domain.evidence import EvidenceItem
from ta_desktop.core.storage.files import staged_file
from ta_desktop.core.storage.locking import lock_rows
from ta_desktop.core.storage.orm import EvidenceRecord
from ta_desktop.core.storage.saving import next_version

CHUNK = 1 << 20  # bytes read, hashed and written at a time


class BlobStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def put(self, source: Path) -> tuple[str, int]:
        """Copy ``source`` in (once per content); returns its SHA-256 and size."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        # The name is the hash of what was copied, known only at the end.
        with staged_file(self.root, "incoming") as staged, Path(source).open("rb") as src:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                staged.stream.write(chunk)
            sha256 = digest.hexdigest()
            target = self.path_of(sha256)
            if not target.is_file():
                target.parent.mkdir(exist_ok=True)
                staged.publish(target)
        return sha256, size

    def delete(self, sha256: str) -> None:
        self.path_of(sha256).unlink(missing_ok=True)


class EvidenceRepository:
    def __init__(self, session: Session):
        self.session = session

    def _record(self, item_id: int) -> EvidenceRecord:
        record = self.session.get(EvidenceRecord, item_id, with_for_update=lock_rows(self.session))
        if record is None:
            raise NotFound(f"Evidence file #{item_id} does not exist (any more).")
        return record

    def get(self, item_id: int) -> EvidenceItem:
        return _item(self._record(item_id))

    def add(self, item: EvidenceItem) -> EvidenceItem:
        width, height = item.image_size or (None, None)
        record = EvidenceRecord(
            order_id=item.order_id, claim_id=item.claim_id, original_name=item.original_name,
            size=item.size, sha256=item.sha256, detected_type=item.detected_type, width=width,
            height=height, captured_at=item.captured_at, caption=item.caption,
            added_at=item.added_at or datetime.now(), trashed_at=None, added_by=item.added_by,
        )
        self.session.add(record)
        self.session.flush()
        return _item(record)

    def for_order(self, order_id: int, trashed: bool = False) -> list[EvidenceItem]:
        in_trash = EvidenceRecord.trashed_at.is_not(None) if trashed else \
            EvidenceRecord.trashed_at.is_(None)
        rows = self.session.scalars(
            select(EvidenceRecord).where(EvidenceRecord.order_id == order_id, in_trash)
            .order_by(EvidenceRecord.id)
        )
        return [_item(r) for r in rows]

    def find(self, order_id: int, sha256: str) -> EvidenceItem | None:
        record = self.session.scalars(
            select(EvidenceRecord).where(
                EvidenceRecord.order_id == order_id, EvidenceRecord.sha256 == sha256,
                EvidenceRecord.trashed_at.is_(None))
        ).first()
        return _item(record) if record else None

    def update(self, item_id: int, version: int | None = None, **values) -> EvidenceItem:
        """Change fields of a stored item; with ``version`` (the version the caller read) only
        if nobody changed the item since, else ``ConflictError``."""
        record = self._record(item_id)
        next_version(record, version, f"The evidence file {record.original_name}")
        for key, value in values.items():
            setattr(record, key, value)
        return _item(record)

    def trashed(self, order_id: int | None = None) -> list[EvidenceItem]:
        query = select(EvidenceRecord).where(EvidenceRecord.trashed_at.is_not(None))
        if order_id is not None:
            query = query.where(EvidenceRecord.order_id == order_id)
        return [_item(r) for r in self.session.scalars(query.order_by(EvidenceRecord.id))]

    def purge(self, item_ids: list[int]) -> set[str]:
        """Delete rows for good; returns the hashes no remaining row refers to."""
        hashes = set()
        for item_id in item_ids:
            record = self._record(item_id)
            hashes.add(record.sha256)
            self.session.delete(record)
        self.session.flush()
        return {h for h in hashes if not self.uses(h)}

    def uses(self, sha256: str) -> int:
        return self.session.scalar(
            select(func.count()).select_from(EvidenceRecord).where(EvidenceRecord.sha256 == sha256)
        ) or 0


def _item(record: EvidenceRecord) -> EvidenceItem:
    size = (record.width, record.height) if record.width and record.height else None
    return EvidenceItem(
        order_id=record.order_id, original_name=record.original_name, size=record.size,
        sha256=record.sha256, detected_type=record.detected_type, image_size=size,
        captured_at=record.captured_at, caption=record.caption, claim_id=record.claim_id,
        added_at=record.added_at, trashed_at=record.trashed_at, id=record.id,
        version=record.version, added_by=record.added_by,
    )
