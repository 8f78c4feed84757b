"""Inspections of an order and the checkout confirmation before "Send to supplier"."""

import sqlite3
from datetime import date

import pytest

from ta_desktop.core.domain.changes import Kind
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.inspections import (
    READY_SCORE,
    Inspection,
    InspectionResult,
    InspectionType,
    checkout_review,
)
from ta_desktop.core.services.demo import POWER_BANK_SPEC, VAGUE_SPEC
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage.db import Database
from tests.core.database_files import OLD_SUPPLIER_ROW, database_with
from tests.factories import TODAY, make_order, make_supplier

BOOKED = Inspection(order_id=1, inspector="QIMA", on=date(2026, 12, 20))


def test_a_vague_specification_without_an_inspection_asks_to_confirm_with_both_reasons():
    order = make_order(id=1, spec_text=VAGUE_SPEC)
    review = checkout_review(order, [])
    assert review.score is not None and review.score < READY_SCORE
    assert review.missing == ("Labelling and marks", "Standards and compliance",
                              "Inspection method", "Design files")
    assert review.needs_confirmation and not review.inspection_booked
    assert review.text().splitlines() == [
        f"Specification readiness: {review.score}/100.",
        "Missing sections: " + ", ".join(review.missing) + ".",
        "Inspection booked: no.",
        "Refusal reason 1: the contract has no clear, measurable specification (readiness "
        "below 80). A dispute about quality is likely to be lost.",
        "Refusal reason 2: no quality inspection is booked. Book one (pre-shipment, with an AQL "
        "plan) before the order is placed.",
    ]


def test_no_specification_at_all_is_reason_1_too():
    review = checkout_review(make_order(id=1), [BOOKED])
    assert review.score is None and review.inspection_booked
    assert review.text().splitlines()[:2] == ["Specification readiness: no specification.",
                                              "Inspection booked: yes."]
    assert [w[:18] for w in review.warnings] == ["Refusal reason 1: "]


def test_a_ready_specification_with_a_booked_inspection_goes_without_asking():
    order = make_order(id=1, spec_text=POWER_BANK_SPEC.replace("{shipment_date}", "1 Dec 2026"))
    review = checkout_review(order, [BOOKED])
    assert review.score >= READY_SCORE and not review.needs_confirmation
    assert review.text().endswith("Inspection booked: yes.")


@pytest.mark.both_engines
def test_an_inspection_with_its_report_is_evidence_of_the_order(workspace, tmp_path):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    assert workspace.inspections.checkout_review(order.id).inspection_booked is False
    booked = workspace.inspections.save(Inspection(
        order_id=order.id, inspector="QIMA", on=date(2026, 12, 20),
        aql_plan="ISO 2859-1 level II, AQL 0 / 2.5 / 4.0"))
    assert booked.changes.touches_order(order.id)
    assert workspace.inspections.checkout_review(order.id).inspection_booked is True

    report = tmp_path / "QIMA report.pdf"
    report.write_bytes(b"%PDF-1.4 failed: 12 major defects")
    inspection = booked.value
    inspection.on, inspection.result = date(2026, 11, 24), InspectionResult.FAILED
    done = workspace.inspections.save(inspection, report)
    assert done.changes.kinds() >= {Kind.ORDER, Kind.EVIDENCE}
    [stored] = workspace.inspections.for_order(order.id)
    assert (stored.result, stored.kind, stored.report_name) == (
        InspectionResult.FAILED, InspectionType.PRE_SHIPMENT, "QIMA report.pdf")
    [evidence] = workspace.evidence.items(order.id)
    assert evidence.id == stored.report_evidence_id

    # The same report again points at the same evidence, not a second copy.
    stored.note = "re-sent"
    again = workspace.inspections.save(stored, report).value
    assert again.report_evidence_id == evidence.id and len(workspace.evidence.items(order.id)) == 1


def test_a_result_for_a_future_inspection_and_a_nameless_inspector_are_refused(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    with pytest.raises(ValidationError, match="taken place"):
        workspace.inspections.save(Inspection(order.id, "QIMA", date(2026, 12, 1),
                                              result=InspectionResult.PASSED))
    with pytest.raises(ValidationError, match="Name the inspector"):
        workspace.inspections.save(Inspection(order.id, " ", TODAY))
    assert workspace.inspections.for_order(order.id) == []


def test_a_0007_database_with_certificates_upgrades(tmp_path):
    path = database_with(
        tmp_path / "old.sqlite", "0007", OLD_SUPPLIER_ROW,
        "INSERT INTO certificates (supplier_id, name, number, issuer, valid_until, file_path)"
        " VALUES (1, 'CE', 'N1', 'SGS', '2027-01-23', '')",
        "INSERT INTO orders (order_number, supplier_id, currency, status, online, incoterm,"
        " shipment_date, notes, spec_text, total_amount)"
        " VALUES ('TA-1', 1, 'USD', 'completed', 1, 'FOB', '2026-04-15', '', '', 0)",
        "INSERT INTO order_events (order_id, action, \"on\", to_status, note, recorded_at)"
        " VALUES (1, 'mark_shipped', '2026-04-16', 'awaiting_delivery_confirmation', '',"
        " '2026-04-16 10:00:00')")
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT count(*) FROM certificates").fetchone() == (1,)
    workspace = Workspace(Database.open(path), tmp_path, today=lambda: TODAY)
    try:
        [certificate] = workspace.suppliers.get(1).certificates
        assert (certificate.name, certificate.kind, certificate.valid_until) == (
            "CE", "", date(2027, 1, 23))
        [row] = workspace.suppliers.rows()
        # The shipment day is taken from the history: one day late.
        assert row.certificates_expiring == 1 and row.on_time_rate == 0.0
        assert row.orders_shipped == 1
    finally:
        workspace.close()


def test_only_a_failed_inspection_leads_to_a_dispute(workspace):
    from decimal import Decimal

    from ta_desktop.core.domain.errors import NotAllowed
    from ta_desktop.core.domain.types import ClaimType

    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    passed = workspace.inspections.save(Inspection(order.id, "QIMA", TODAY,
                                                   result=InspectionResult.PASSED)).value
    with pytest.raises(NotAllowed, match="Only a failed inspection"):
        workspace.inspections.open_dispute(passed.id, claim=ClaimType.QUALITY,
                                           requested_refund=Decimal("1"), claim_text="x")
    passed.result = InspectionResult.FAILED
    failed = workspace.inspections.save(passed).value
    # The dispute's own rules still decide: an unpaid order cannot be disputed (DS-OPEN).
    with pytest.raises(NotAllowed):
        workspace.inspections.open_dispute(failed.id, claim=ClaimType.QUALITY,
                                           requested_refund=Decimal("1"), claim_text="x")


def test_the_proposed_aql_plan_follows_iso_2859_1_for_the_lot():
    from ta_desktop.core.domain.inspections import aql_plan_text

    # 1,000 items: code letter J, sample 80; AQL 2.5 accepts 5 (rejects 6), 4.0 accepts 7.
    assert aql_plan_text(1000) == (
        "ISO 2859-1 level II, lot 1,000 (code J); critical 0; major 2.5: sample 80, accept 5, "
        "reject 6; minor 4.0: sample 80, accept 7, reject 8")
    assert aql_plan_text(1).startswith("ISO 2859-1 level II: inspect every item")
