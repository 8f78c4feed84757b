"""The rule profile's versions and the orders' modification requests: rows in, dataclasses out."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ta_desktop.core.domain.entities import OrderLine
from ta_desktop.core.domain.errors import NotFound
from ta_desktop.core.domain.modifications import ModificationRequest, RequestStatus
from ta_desktop.core.domain.profiles import ProfileVersion, profile_data
from ta_desktop.core.domain.rules import parse_profile
from ta_desktop.core.storage.locking import lock_key, lock_rows
from ta_desktop.core.storage.orm_rules import ModificationRequestRecord, RuleProfileRecord


class ProfileRepository:
    def __init__(self, session: Session):
        self.session = session

    def latest_version(self) -> int | None:
        """The newest stored version; in a writing unit of work nobody else adds one until it
        ends (so reading it, then adding the next, cannot collide)."""
        lock_key(self.session, "rule_profiles")
        return self.session.scalar(select(func.max(RuleProfileRecord.version)))

    def get(self, version: int) -> ProfileVersion | None:
        record = self.session.get(RuleProfileRecord, version)
        return _version(record) if record else None

    def all(self) -> list[ProfileVersion]:
        statement = select(RuleProfileRecord).order_by(RuleProfileRecord.version.desc())
        return [_version(record) for record in self.session.scalars(statement)]

    def add(self, item: ProfileVersion) -> ProfileVersion:
        profile = item.profile
        record = RuleProfileRecord(
            version=profile.version, name=profile.name, source=profile.source,
            date=profile.date, data=json.dumps(profile_data(profile)), reason=item.reason)
        if item.changed_at is not None:
            record.changed_at = item.changed_at
        self.session.add(record)
        self.session.flush()
        return _version(record)


def _version(record: RuleProfileRecord) -> ProfileVersion:
    return ProfileVersion(parse_profile(json.loads(record.data)), record.changed_by,
                          record.changed_at, record.reason)


class ModificationRepository:
    def __init__(self, session: Session):
        self.session = session

    def _record(self, request_id: int) -> ModificationRequestRecord:
        record = self.session.get(ModificationRequestRecord, request_id,
                                  with_for_update=lock_rows(self.session))
        if record is None:
            raise NotFound(f"Modification request #{request_id} does not exist (any more).")
        return record

    def get(self, request_id: int) -> ModificationRequest:
        return _request(self._record(request_id))

    def for_order(self, order_id: int) -> list[ModificationRequest]:
        statement = (select(ModificationRequestRecord)
                     .where(ModificationRequestRecord.order_id == order_id)
                     .order_by(ModificationRequestRecord.id))
        return [_request(record) for record in self.session.scalars(statement)]

    def save(self, request: ModificationRequest) -> ModificationRequest:
        record = self._record(request.id) if request.id else ModificationRequestRecord(
            order_id=request.order_id, requested_on=request.requested_on,
            proposed=json.dumps(_proposed(request)), reason=request.reason)
        record.status = request.status.value
        record.answered_on = request.answered_on
        record.answer_note = request.answer_note
        record.applied = "\n".join(request.applied)
        record.previous_spec_text = request.previous_spec_text
        if request.id is None:
            self.session.add(record)
        self.session.flush()
        return _request(record)


def _proposed(request: ModificationRequest) -> dict:
    lines = None if request.lines is None else [
        {"id": line.id, "product": line.product, "sku": line.sku, "quantity": line.quantity,
         "unit": line.unit, "unit_price": str(line.unit_price)}
        for line in request.lines
    ]
    return {"shipment_date": request.shipment_date.isoformat() if request.shipment_date else None,
            "lines": lines, "spec_text": request.spec_text}


def _request(record: ModificationRequestRecord) -> ModificationRequest:
    proposed = json.loads(record.proposed)
    lines = None if proposed["lines"] is None else [
        OrderLine(id=item["id"], product=item["product"], sku=item["sku"],
                  quantity=item["quantity"], unit=item["unit"],
                  unit_price=Decimal(item["unit_price"]))
        for item in proposed["lines"]
    ]
    shipment = proposed["shipment_date"]
    return ModificationRequest(
        id=record.id, order_id=record.order_id, requested_on=record.requested_on,
        shipment_date=date.fromisoformat(shipment) if shipment else None, lines=lines,
        spec_text=proposed["spec_text"], reason=record.reason,
        status=RequestStatus(record.status), answered_on=record.answered_on,
        answer_note=record.answer_note,
        applied=record.applied.splitlines() if record.applied else [],
        previous_spec_text=record.previous_spec_text, recorded_by=record.recorded_by)
