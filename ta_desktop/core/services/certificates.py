"""Supplier certificates (SUP-CERT): their files, copied into the evidence store, and the
supplier-level reminders of the deadline engine."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from ta_desktop.core.domain.certificates import certificate_deadlines
from ta_desktop.core.domain.deadlines import Deadline
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.storage.certificate_repository import expiring_by
from ta_desktop.core.storage.evidence_store import BlobStore
from ta_desktop.core.storage.team_blobs import DatabaseBlobStore


def supplier_deadlines(session: Session, profile: RuleProfile, today: date) -> list[Deadline]:
    """Every certificate reminder due now (expired or within the profile's reminder days)."""
    last_day = today + timedelta(days=profile.certificate_reminder_days)
    found = []
    for supplier_id, name, certificate in expiring_by(session, last_day):
        found += certificate_deadlines(supplier_id, name, [certificate], profile, today)
    return found


class CertificateFiles:
    """Certificate files, copied into the evidence store (content-addressed, so backups,
    ``verify`` and a team's shared storage hold them too); the store keeps a content while an
    evidence row or a certificate uses it (``EvidenceRepository.uses``)."""

    def __init__(self, store: BlobStore | DatabaseBlobStore, profile: Callable[[], RuleProfile]):
        self.store = store
        self._profile = profile

    def put(self, source: Path) -> tuple[str, str]:
        """Copy a certificate file in (the original is only read); its SHA-256 and name."""
        sha256, _size = self.store.put(source, self._profile().evidence_import_max_bytes)
        return sha256, source.name

    def path_of(self, sha256: str) -> Path:
        return self.store.path_of(sha256)
