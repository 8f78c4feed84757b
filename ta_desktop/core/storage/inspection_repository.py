"""Inspections of orders: a Session in, ``Inspection`` dataclasses out."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ta_desktop.core.domain.errors import NotFound
from ta_desktop.core.domain.inspections import Inspection, InspectionResult, InspectionType
from ta_desktop.core.storage.locking import lock_rows
from ta_desktop.core.storage.orm import EvidenceRecord
from ta_desktop.core.storage.orm_inspections import InspectionRecord
from ta_desktop.core.storage.saving import check_version, next_version


class InspectionRepository:
    def __init__(self, session: Session):
        self.session = session

    def _record(self, inspection_id: int) -> InspectionRecord:
        record = self.session.get(InspectionRecord, inspection_id,
                                  with_for_update=lock_rows(self.session))
        if record is None:
            raise NotFound(f"Inspection #{inspection_id} does not exist (any more).")
        return record

    def get(self, inspection_id: int) -> Inspection:
        return self._inspections([self._record(inspection_id)])[0]

    def for_order(self, order_id: int) -> list[Inspection]:
        records = self.session.scalars(
            select(InspectionRecord).where(InspectionRecord.order_id == order_id)
            .order_by(InspectionRecord.on, InspectionRecord.id))
        return self._inspections(list(records))

    def save(self, inspection: Inspection) -> Inspection:
        """Insert, or update from a copy read at ``inspection.version`` (``ConflictError`` when
        another save came in between)."""
        if inspection.id:
            record = self._record(inspection.id)
            next_version(record, inspection.version, f"The inspection by {record.inspector}")
        else:
            record = InspectionRecord(order_id=inspection.order_id)
            self.session.add(record)
        record.inspector = inspection.inspector.strip()
        record.on = inspection.on
        record.kind = inspection.kind.value
        record.aql_plan = inspection.aql_plan.strip()
        record.result = inspection.result.value
        record.report_evidence_id = inspection.report_evidence_id
        record.note = inspection.note.strip()
        self.session.flush()
        return self.get(record.id)

    def delete(self, inspection_id: int, version: int | None = None) -> int:
        """Delete an inspection (its report stays with the order's evidence); its order's id."""
        record = self._record(inspection_id)
        check_version(record, version, f"The inspection by {record.inspector}")
        order_id = record.order_id
        self.session.delete(record)
        self.session.flush()
        return order_id

    def _inspections(self, records: list[InspectionRecord]) -> list[Inspection]:
        ids = {r.report_evidence_id for r in records if r.report_evidence_id}
        names = dict(self.session.execute(
            select(EvidenceRecord.id, EvidenceRecord.original_name)
            .where(EvidenceRecord.id.in_(ids))).all()) if ids else {}
        return [
            Inspection(
                id=r.id, order_id=r.order_id, inspector=r.inspector, on=r.on,
                kind=InspectionType(r.kind), aql_plan=r.aql_plan,
                result=InspectionResult(r.result), report_evidence_id=r.report_evidence_id,
                report_name=names.get(r.report_evidence_id, ""), note=r.note, version=r.version,
            )
            for r in records
        ]
