"""The checkout confirmation, the Inspections tab and the SUP-CERT warning, as a buyer sees them."""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from ta_desktop.core.domain.entities import Action, Certificate, Payment
from ta_desktop.core.domain.inspections import Inspection, InspectionResult
from ta_desktop.core.domain.types import ClaimType, Money, OrderStatus, PaymentStatus
from ta_desktop.core.services.demo import POWER_BANK_SPEC, VAGUE_SPEC
from ta_desktop.ui.orders import inspections_tab
from ta_desktop.ui.orders.checkout import CertificateWarningBar
from ta_desktop.ui.orders.inspections_tab import InspectionsTab
from tests.factories import TODAY, make_order, make_supplier


def open_order(orders_page, workspace, supplier=None, **fields):
    supplier = supplier or workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id, **fields)).value
    orders_page.refresh_suppliers()
    orders_page.refresh()
    orders_page.open_order(order.id)
    return orders_page.detail, order


def test_send_to_supplier_asks_with_both_refusal_reasons_and_sends_nothing_on_no(
        orders_page, workspace, messages):
    detail, order = open_order(orders_page, workspace, spec_text=VAGUE_SPEC)
    messages.answer_confirm = False
    assert not detail.perform(Action.SUBMIT)
    [(kind, title, text)] = messages.shown
    assert (kind, title) == ("confirm", "Send to supplier")
    assert text.startswith("Specification readiness: ")
    assert "Missing sections: Labelling and marks, Standards and compliance, Inspection " \
        "method, Design files." in text
    assert "Inspection booked: no." in text
    assert "Refusal reason 1:" in text and "Refusal reason 2:" in text
    assert text.endswith("Send order TA-1 to the supplier anyway?")
    assert workspace.orders.get(order.id).status == OrderStatus.DRAFT


def test_a_ready_order_with_an_inspection_is_sent_after_a_plain_question(
        orders_page, workspace, messages):
    spec = POWER_BANK_SPEC.replace("{shipment_date}", "1 March 2027")  # after LEAD's minimum
    detail, order = open_order(orders_page, workspace, spec_text=spec,
                               shipment_date=date(2027, 3, 1))
    workspace.inspections.save(Inspection(order.id, "QIMA", date(2027, 2, 20)))
    orders_page.open_order(order.id)
    assert detail.perform(Action.SUBMIT)
    [(_kind, _title, text)] = messages.shown
    assert "Inspection booked: yes." in text and "Refusal reason" not in text
    assert text.endswith("Send order TA-1 to the supplier?")
    assert workspace.orders.get(order.id).status == OrderStatus.AWAITING_SUPPLIER_CONFIRMATION


def test_a_failed_inspection_opens_a_dispute_with_its_report_as_evidence(
        qtbot, orders_page, workspace, messages, tmp_path, monkeypatch):
    detail, order = open_order(orders_page, workspace)
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(order.id, action)
    workspace.orders.perform(order.id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), TODAY, PaymentStatus.RECEIVED))
    orders_page.open_order(order.id)
    tab = detail.extension(InspectionsTab)
    report = tmp_path / "QIMA report.pdf"
    report.write_bytes(b"%PDF-1.4 12 major defects")

    def record(_parent, inspection, lot):
        assert lot == 100  # the order's quantity: the AQL plan is proposed for it
        inspection.inspector, inspection.on = "QIMA", date(2026, 11, 24)
        inspection.result = InspectionResult.FAILED
        inspection.aql_plan = inspections_tab.DEFAULT_AQL
        return inspection, report

    claims = []

    def dispute(_parent, _order, _today, claim_text):
        claims.append(claim_text)
        return {"claim": ClaimType.QUALITY, "requested_refund": Decimal("785"),
                "claim_text": claim_text, "on": TODAY, "note": ""}

    monkeypatch.setattr(inspections_tab, "edit_inspection", record)
    monkeypatch.setattr(inspections_tab, "ask_dispute", dispute)
    qtbot.mouseClick(tab.book_button, Qt.MouseButton.LeftButton)

    assert messages.shown[0][1] == "Inspection failed"
    assert claims[0].startswith("Quality: the pre-shipment inspection by QIMA on 2026-11-24 "
                                "failed against ISO 2859-1 level II")
    assert "(QIMA report.pdf) is attached as evidence" in claims[0]
    assert workspace.orders.get(order.id).status == OrderStatus.IN_DISPUTE
    dispute_id = workspace.disputes.get(order.id).id
    [evidence] = workspace.evidence.items(order.id)
    assert evidence.original_name == "QIMA report.pdf" and evidence.claim_id == dispute_id
    assert tab.table.rowCount() == 1 and tab.table.item(0, 4).text() == "Failed"


def test_inspections_show_on_the_order_timeline(orders_page, workspace):
    from ta_desktop.ui.disputes.dispute_tab import OrderTimelineTab

    detail, order = open_order(orders_page, workspace)
    workspace.inspections.save(Inspection(order.id, "SGS", date(2026, 11, 30)))
    orders_page.open_order(order.id)
    model = detail.extension(OrderTimelineTab).timeline.model()
    [marker] = [m for m in model.markers if m.key.startswith("inspection-")]
    assert (marker.day, marker.label) == (date(2026, 11, 30), "Inspection")
    assert "SGS · Booked" in marker.tooltip


def test_an_order_shipping_after_its_certificate_expires_is_warned(orders_page, workspace):
    supplier = workspace.suppliers.save(make_supplier(certificates=[
        Certificate("CE report", kind="CE", valid_until=date(2026, 11, 30))])).value
    detail, _order = open_order(orders_page, workspace, supplier=supplier,
                                shipment_date=date(2026, 12, 1))
    bar = detail.extension(CertificateWarningBar)
    assert bar.isVisible()
    assert bar.label.text() == (
        "SUP-CERT: CE report expires on 2026-11-30, before the agreed shipment date "
        "2026-12-01: ask the supplier for a renewed one before the goods ship.")
    _detail, _other = open_order(orders_page, workspace, supplier=supplier, number="TA-2",
                                 shipment_date=date(2026, 11, 30))
    assert not bar.isVisible()


def test_send_to_supplier_asks_once_with_every_warning(orders_page, workspace, messages):
    """Readiness, missing sections, the inspection, the supplier's limit (SUP-LIMIT), a date
    too close (LEAD) and an expiring certificate (SUP-CERT): one question, asked once."""
    supplier = workspace.suppliers.save(make_supplier(
        ta_limit=Money(Decimal("500"), "USD"),
        certificates=[Certificate("CE report", kind="CE", valid_until=date(2026, 11, 30))])).value
    detail, order = open_order(orders_page, workspace, supplier=supplier, spec_text=VAGUE_SPEC)
    messages.answer_confirm = False
    assert not detail.perform(Action.SUBMIT)
    [(kind, title, text)] = messages.shown
    assert (kind, title) == ("confirm", "Send to supplier")
    lines = text.split("\n")
    assert lines[0].startswith("Specification readiness: ")
    assert lines[1].startswith("Missing sections: ")
    assert lines[2] == "Inspection booked: no."
    assert [line.split(":")[0] for line in lines[3:-2]] == [
        "Refusal reason 1", "Refusal reason 2", "SUP-LIMIT", "LEAD", "SUP-CERT"]
    assert "785.00 USD" in text and "2026-12-01" in text
    assert lines[-2:] == ["", "Send order TA-1 to the supplier anyway?"]
    assert workspace.orders.get(order.id).status == OrderStatus.DRAFT
    messages.answer_confirm = True
    messages.shown.clear()
    assert detail.perform(Action.SUBMIT)
    assert len(messages.shown) == 1
    assert workspace.orders.get(order.id).status == OrderStatus.AWAITING_SUPPLIER_CONFIRMATION
