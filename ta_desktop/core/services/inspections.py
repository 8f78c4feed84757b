"""Inspection use cases: list, record (with its report as evidence of the order), delete; and
the checkout review shown before "Send to supplier". One transaction per write."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from ta_desktop.core.domain.changes import Changes, Outcome
from ta_desktop.core.domain.disputes import Dispute
from ta_desktop.core.domain.errors import InputPathError, NotAllowed, ValidationError
from ta_desktop.core.domain.inspections import (
    CheckoutReview,
    Inspection,
    InspectionResult,
    checkout_review,
    validate_inspection,
)
from ta_desktop.core.domain.types import ClaimType
from ta_desktop.core.services.disputes import DisputeService
from ta_desktop.core.services.evidence.service import EvidenceService
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.evidence_store import EvidenceRepository
from ta_desktop.core.storage.inspection_repository import InspectionRepository
from ta_desktop.core.storage.repositories import OrderRepository


class InspectionService:
    def __init__(self, db: Database, evidence: EvidenceService, disputes: DisputeService,
                 today: Callable[[], date]):
        self._db = db
        self._evidence = evidence
        self._disputes = disputes
        self._today = today

    def for_order(self, order_id: int) -> list[Inspection]:
        with self._db.unit_of_work() as session:
            return InspectionRepository(session).for_order(order_id)

    def checkout_review(self, order_id: int) -> CheckoutReview:
        """What "Send to supplier" shows: readiness, missing sections, inspection booked."""
        with self._db.unit_of_work() as session:
            order = OrderRepository(session).get(order_id)
            inspections = InspectionRepository(session).for_order(order_id)
        return checkout_review(order, inspections)

    def save(self, inspection: Inspection, report: Path | None = None) -> Outcome[Inspection]:
        """Book or record an inspection. A ``report`` file is first attached to the order as
        evidence (copied into the store; the same content twice is kept once), then the
        inspection points at it."""
        validate_inspection(inspection)
        if inspection.result != InspectionResult.BOOKED and inspection.on > self._today():
            raise ValidationError("A result can be recorded only for an inspection that has "
                                  "taken place; the date is in the future.",
                                  field_errors={"on": "In the future."})
        changes = None
        if report is not None:
            inspection.report_evidence_id, changes = self._attach(inspection.order_id, report)
        with self._db.writing() as session:
            OrderRepository(session).get(inspection.order_id)  # NotFound for a deleted order
            saved = InspectionRepository(session).save(inspection)
        written = changes_of(session)
        return Outcome(saved, written | changes if changes else written)

    def _attach(self, order_id: int, report: Path) -> tuple[int | None, Changes]:
        """The report as evidence of the order: its evidence id, and what attaching changed."""
        incoming = self._evidence.import_files([report])
        if not incoming.files:
            why = incoming.skipped[0][1] if incoming.skipped else "it is not a file"
            raise InputPathError(f"The report {report.name} cannot be added: {why}.")
        attached = self._evidence.attach(order_id, incoming.files)
        with self._db.unit_of_work() as session:
            item = EvidenceRepository(session).find(order_id, incoming.files[0].facts.sha256)
        return (item.id if item else None), attached.changes

    def open_dispute(self, inspection_id: int, *, claim: ClaimType, requested_refund: Decimal,
                     claim_text: str, on: date | None = None, note: str = ""
                     ) -> Outcome[Dispute]:
        """Open a dispute on the order of a failed inspection, its report the evidence of the
        claim (the dispute's rules decide whether it may be opened now)."""
        with self._db.unit_of_work() as session:
            inspection = InspectionRepository(session).get(inspection_id)
        if inspection.result != InspectionResult.FAILED:
            raise NotAllowed("Only a failed inspection leads to a dispute.")
        opened = self._disputes.open(inspection.order_id, claim=claim,
                                     requested_refund=requested_refund, claim_text=claim_text,
                                     on=on, note=note)
        if inspection.report_evidence_id is None:
            return opened
        linked = self._evidence.set_claim(inspection.report_evidence_id, opened.value.id)
        return Outcome(opened.value, opened.changes | linked.changes)

    def delete(self, inspection_id: int, version: int | None = None) -> Outcome[None]:
        with self._db.writing() as session:
            InspectionRepository(session).delete(inspection_id, version)
        return Outcome(None, changes_of(session))
