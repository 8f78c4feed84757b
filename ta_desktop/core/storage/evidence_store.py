"""The evidence store: file bytes under their SHA-256, and the rows that describe them.

``BlobStore`` keeps one copy of each distinct content in ``<root>/<ab>/<sha256>``, written
atomically (``files.staged_file``). The user's original is only read. ``EvidenceRepository``
keeps what the app knows about each attached file; removing evidence moves the row to the trash,
and only emptying the trash deletes rows (and blobs no row still needs).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ta_desktop.core.domain.errors import InputPathError, NotFound
from ta_desktop.core.domain.evidence import EvidenceItem
from ta_desktop.core.storage.files import StagedFile, open_regular, staged_file
from ta_desktop.core.storage.locking import lock_rows
from ta_desktop.core.storage.orm import CertificateRecord, EvidenceRecord, OrderRecord
from ta_desktop.core.storage.saving import next_version

CHUNK = 1 << 20  # bytes read, hashed and written at a time
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ASIDE = ".purge."
_TEMP_SUFFIX = ".tmp"  # what files.staged_file names its temporary files with, too
log = logging.getLogger(__name__)


def _too_large(source: Path, max_bytes: int, size: int | None = None) -> InputPathError:
    what = f"is {size:,} bytes, more than" if size is not None else "grew, while it was copied, " \
        "past"
    done = "it was not copied" if size is not None else "the copy was stopped"
    return InputPathError(f"{source} {what} the {max_bytes:,} bytes TA Desktop keeps of one "
                          f"evidence file (EV-IMPORT); {done}.")


class BlobStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def put(self, source: Path, max_bytes: int) -> tuple[str, int]:
        """Copy ``source`` in (once per content); returns its SHA-256 and size.

        Only a regular file is read (``open_regular``), and never more than ``max_bytes``: a
        larger file is refused before copying, and one that grows past the ceiling while it is
        read stops the copy (``InputPathError`` both times; nothing is left in the store)."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        src, declared = open_regular(Path(source))
        with src:
            if declared > max_bytes:
                raise _too_large(source, max_bytes, declared)
            # The name is the hash of what was copied, known only at the end.
            with staged_file(self.root, "incoming") as staged:
                while chunk := src.read(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise _too_large(source, max_bytes)
                    digest.update(chunk)
                    staged.stream.write(chunk)
                sha256 = digest.hexdigest()
                self._publish(staged, sha256)
        return sha256, size

    def _publish(self, staged: StagedFile, sha256: str) -> None:
        target = self.path_of(sha256)
        if not target.is_file():
            target.parent.mkdir(exist_ok=True)
            staged.publish(target)

    def delete(self, sha256: str) -> None:
        """Remove a stored file at once (a team member's cache; the local store of a database
        file takes files away only through ``set_aside``, inside a transaction)."""
        self.path_of(sha256).unlink(missing_ok=True)

    def holds(self, sha256: str, size: int) -> bool:
        """Whether the file of ``sha256`` is in place with its size (a cheap presence check: a
        stored file is only ever removed whole, never changed)."""
        try:
            return self.path_of(sha256).stat().st_size == size
        except OSError:
            return False

    # --- deleting: set aside inside the transaction, gone after its commit ---------------------
    def aside_path(self, sha256: str) -> Path:
        return self.root / f"{_ASIDE}{sha256}{_TEMP_SUFFIX}"

    def set_aside(self, sha256: str, aside: Path) -> None:
        """Move the file of ``sha256`` out of its place (still in the store, under ``aside``)
        while the transaction deleting its last row is open; ``put_back`` undoes it."""
        with contextlib.suppress(FileNotFoundError):
            os.replace(self.path_of(sha256), aside)

    def put_back(self, sha256: str, aside: Path) -> bool:
        """Return a file set aside to its place (unless a copy is already there); True if it
        was put back."""
        target = self.path_of(sha256)
        if not aside.exists():
            return False
        if target.exists():
            aside.unlink(missing_ok=True)
            return False
        target.parent.mkdir(exist_ok=True)
        os.replace(aside, target)
        return True

    # --- what verify and the start-up tidy look at --------------------------------------------
    def blobs(self) -> dict[str, Path]:
        """Every stored file by its SHA-256."""
        found = {}
        for folder in sorted(self.root.glob("??")) if self.root.is_dir() else ():
            for path in sorted(folder.iterdir()) if folder.is_dir() else ():
                if _SHA256.fullmatch(path.name) and path.name.startswith(folder.name):
                    found[path.name] = path
        return found

    def leftovers(self) -> list[Path]:
        """Temporary files in the store: imports under way or interrupted (``.incoming.*``),
        files set aside by a trash being emptied (``.purge.<sha256>.tmp``)."""
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.iterdir()
                      if p.name.startswith(".") and p.name.endswith(_TEMP_SUFFIX) and p.is_file())

    @staticmethod
    def aside_hash(path: Path) -> str | None:
        """The SHA-256 a file set aside says it holds (None for another leftover)."""
        name = path.name
        if name.startswith(_ASIDE) and name.endswith(_TEMP_SUFFIX):
            sha256 = name[len(_ASIDE):-len(_TEMP_SUFFIX)]
            return sha256 if _SHA256.fullmatch(sha256) else None
        return None

    def tidy(self, used: Callable[[str], bool], older_than: timedelta,
             now: datetime | None = None) -> list[str]:
        """Deal with leftovers older than ``older_than`` (nothing still writes them): a file set
        aside whose content a row still ``used`` and that is missing goes back in place, every
        other one is removed. Returns what was done, in words."""
        done = []
        limit = (now or datetime.now()) - older_than
        for path in self.leftovers():
            try:
                if datetime.fromtimestamp(path.stat().st_mtime) > limit:
                    continue
                sha256 = self.aside_hash(path)
                if sha256 and used(sha256) and self.put_back(sha256, path):
                    done.append(f"put back {self.path_of(sha256)}")
                elif path.exists():
                    path.unlink()
                    done.append(f"removed the leftover {path}")
            except OSError as error:  # another process tidied it first, or no permission
                log.warning("cannot tidy %s: %s", path, error)
        return done


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

    def everything(self) -> list[tuple[EvidenceItem, str]]:
        """Every evidence row, in the trash or not, with its order's number (for verify)."""
        rows = self.session.execute(
            select(EvidenceRecord, OrderRecord.order_number)
            .join(OrderRecord, OrderRecord.id == EvidenceRecord.order_id)
            .order_by(EvidenceRecord.id)
        )
        return [(_item(record), number) for record, number in rows]

    def uses(self, sha256: str) -> int:
        """The rows that keep this content in the store: evidence, and supplier certificates'
        files (SUP-CERT), which share the store."""
        evidence = self.session.scalar(
            select(func.count()).select_from(EvidenceRecord).where(EvidenceRecord.sha256 == sha256)
        ) or 0
        return evidence + (self.session.scalar(
            select(func.count()).select_from(CertificateRecord)
            .where(CertificateRecord.file_sha256 == sha256)) or 0)

    def certificate_hashes(self) -> set[str]:
        """The contents supplier certificates keep in the store."""
        return set(self.session.scalars(
            select(CertificateRecord.file_sha256).where(CertificateRecord.file_sha256 != "")))


def _item(record: EvidenceRecord) -> EvidenceItem:
    size = (record.width, record.height) if record.width and record.height else None
    return EvidenceItem(
        order_id=record.order_id, original_name=record.original_name, size=record.size,
        sha256=record.sha256, detected_type=record.detected_type, image_size=size,
        captured_at=record.captured_at, caption=record.caption, claim_id=record.claim_id,
        added_at=record.added_at, trashed_at=record.trashed_at, id=record.id,
        version=record.version, added_by=record.added_by,
    )
