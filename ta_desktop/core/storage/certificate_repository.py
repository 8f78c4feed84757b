"""Certificates across suppliers (SUP-CERT reminders): a Session in, dataclasses out."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ta_desktop.core.domain.entities import Certificate
from ta_desktop.core.storage.orm import CertificateRecord, SupplierRecord


def expiring_by(session: Session, last_day: date) -> list[tuple[int, str, Certificate]]:
    """(supplier id, supplier name, certificate) for every certificate valid until
    ``last_day`` at the latest, soonest first."""
    rows = session.execute(
        select(SupplierRecord.id, SupplierRecord.name, CertificateRecord)
        .join(CertificateRecord, CertificateRecord.supplier_id == SupplierRecord.id)
        .where(CertificateRecord.valid_until <= last_day)
        .order_by(CertificateRecord.valid_until, CertificateRecord.id))
    return [
        (supplier_id, name, Certificate(
            id=c.id, name=c.name, number=c.number, issuer=c.issuer, valid_until=c.valid_until,
            file_path=c.file_path, kind=c.kind, scope=c.scope, file_sha256=c.file_sha256,
            file_name=c.file_name))
        for supplier_id, name, c in rows
    ]
