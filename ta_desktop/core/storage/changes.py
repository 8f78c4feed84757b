"""Collect what a transaction really flushed as a ``Changes`` record (see domain.changes).

A listener on every session of a ``Database`` notes each inserted, updated and deleted record by
kind and id; a service reads them with ``changes_of(session)`` after its unit of work commits.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ta_desktop.core.domain.changes import Changes, Kind
from ta_desktop.core.storage.orm import (
    CertificateRecord,
    DisputeEventRecord,
    DisputeRecord,
    EvidenceRecord,
    OrderEventRecord,
    OrderLineRecord,
    OrderRecord,
    PaymentRecord,
    SettingRecord,
    SupplierRecord,
)
from ta_desktop.core.storage.orm_inspections import InspectionRecord
from ta_desktop.core.storage.orm_money import (
    InstalmentRecord,
    LandedCostRecord,
    LineMeasureRecord,
    OrderMoneyRecord,
    PaymentRateRecord,
)
from ta_desktop.core.storage.orm_rules import ModificationRequestRecord, RuleProfileRecord

_KEY = "ta_changes"


def _dispute_order_id(session: Session, event: DisputeEventRecord) -> int | None:
    """The order of an event's dispute, from the records already in the session (events are
    always written through their dispute, so it is there); no SQL inside a flush."""
    for record in session.identity_map.values():
        if isinstance(record, DisputeRecord) and record.id == event.dispute_id:
            return record.order_id
    return None


def _touched(session: Session, record: object) -> tuple[Kind, int | None]:
    match record:
        case OrderRecord():
            return Kind.ORDER, record.id
        case OrderLineRecord() | PaymentRecord() | OrderEventRecord() | \
                ModificationRequestRecord() | InspectionRecord():
            return Kind.ORDER, record.order_id
        case (OrderMoneyRecord() | InstalmentRecord() | LandedCostRecord() | LineMeasureRecord()
              | PaymentRateRecord()):
            return Kind.ORDER, record.order_id
        case SupplierRecord():
            return Kind.SUPPLIER, record.id
        case CertificateRecord():
            return Kind.SUPPLIER, record.supplier_id
        case DisputeRecord():
            return Kind.DISPUTE, record.order_id
        case DisputeEventRecord():
            return Kind.DISPUTE, _dispute_order_id(session, record)
        case EvidenceRecord():
            return Kind.EVIDENCE, record.order_id
        case SettingRecord() | RuleProfileRecord():
            return Kind.SETTINGS, None
    raise TypeError(f"{type(record).__name__} has no change kind: add it to storage/changes.py")


def note_flushed(session: Session, _flush_context) -> None:
    """``after_flush`` listener: the pending lists still hold what was just written."""
    touched = session.info.setdefault(_KEY, set())
    for record in (*session.new, *session.dirty, *session.deleted):
        if record in session.dirty and not session.is_modified(record):
            continue
        touched.add(_touched(session, record))


def note_touched(session: Session, changes: Changes) -> None:
    """Count rows written without the ORM (an undone delete, put back as it was)."""
    session.info.setdefault(_KEY, set()).update(changes.touched)


def changes_of(session: Session) -> Changes:
    """What the (committed) unit of work ``session`` wrote."""
    return Changes(frozenset(session.info.get(_KEY, ())))
