"""Issue 13 on screen: a cancellation request to the dispute team (DS-CANCEL), the platform's
automatic cancellation from its overdue deadline (CONF-AUTO), the receiving dates (RC-WINDOW,
DS-WINDOW) with their estimate, and the lead-time warning (LEAD)."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from ta_desktop.core.domain.disputes import DisputeStage
from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.types import ClaimType, OrderStatus, PaymentStatus, ShippingMethod
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.disputes.dispute_dialog import DisputeDialog, DisputeStep
from ta_desktop.ui.disputes.dispute_tab import DisputePanel, OrderTimelineTab
from ta_desktop.ui.home.home_page import HomePage
from ta_desktop.ui.orders.extensions import ORDER_EXTENSIONS
from ta_desktop.ui.orders.order_detail import OrderDetailWidget
from ta_desktop.ui.orders.receiving_action import ReceivingAction, ReceivingDialog
from tests.factories import Clock, make_order, make_supplier

D = date.fromisoformat


@pytest.fixture
def clock():
    return Clock(D("2026-10-01"))


@pytest.fixture
def shop(tmp_path, clock):
    """One order paid on 1 October and shipped on 19 October (a Monday)."""
    workspace = Workspace.open(tmp_path / "gui.sqlite", today=clock)
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-900", supplier.id,
                                             shipment_date=D("2026-10-20"))).value
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(order.id, action)
    workspace.orders.perform(order.id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), D("2026-10-01"), PaymentStatus.RECEIVED))
    clock.today = D("2026-10-19")
    workspace.orders.perform(order.id, Action.MARK_SHIPPED)
    clock.today = D("2026-11-02")
    yield workspace, order.id
    workspace.close()


@pytest.fixture
def detail(qtbot, shop, ops):
    workspace, order_id = shop
    screen = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    screen.open_order(order_id)
    return screen


def record_step(qtbot, panel, monkeypatch, step, **fields):
    def fill_and_accept(dialog: DisputeDialog) -> int:
        for name, value in fields.items():
            widget = getattr(dialog, name)
            if hasattr(widget, "findData"):
                widget.setCurrentIndex(widget.findData(value))
            elif hasattr(widget, "setPlainText"):
                widget.setPlainText(value)
            else:
                widget.setText(value)
        dialog._on_buttons_accepted()
        return dialog.result()

    monkeypatch.setattr(DisputeDialog, "exec", fill_and_accept)
    button = panel.buttons[step]
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_after_escalation_cancel_asks_the_team_and_waits_for_its_answer(
        qtbot, detail, shop, clock, monkeypatch):
    workspace, order_id = shop
    panel = detail.extension(DisputePanel)
    detail.tabs.setCurrentWidget(panel)
    record_step(qtbot, panel, monkeypatch, DisputeStep.OPEN, claim=ClaimType.QUALITY,
                amount="300", claim_text="Paint chips on 12% of the units.")
    assert not panel.buttons[DisputeStep.ANSWER_CANCEL].isEnabled()
    clock.today = D("2026-11-05")  # day 4
    detail.reload()
    record_step(qtbot, panel, monkeypatch, DisputeStep.ESCALATE)
    record_step(qtbot, panel, monkeypatch, DisputeStep.CANCEL)
    assert panel.dispute.stage == DisputeStage.CANCEL_REQUESTED
    assert detail.status_pill.status == OrderStatus.IN_DISPUTE
    assert "cancellation asked" in panel.timeline.model().title
    assert not panel.buttons[DisputeStep.DECIDE].isEnabled()
    clock.today = D("2026-11-09")
    record_step(qtbot, panel, monkeypatch, DisputeStep.ANSWER_CANCEL, answer=True)
    assert panel.dispute.stage == DisputeStage.CANCELLED
    assert workspace.orders.get(order_id).status == OrderStatus.AWAITING_DELIVERY_CONFIRMATION


def test_an_overdue_automatic_cancellation_is_recorded_in_one_click(qtbot, tmp_path, clock, ops):
    workspace = Workspace.open(tmp_path / "home.sqlite", today=clock)
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-77", supplier.id)).value
    workspace.orders.perform(order.id, Action.SUBMIT)
    workspace.orders.perform(order.id, Action.SUPPLIER_CONFIRM)  # 1 October: pay by 30 Nov
    clock.today = D("2026-12-02")
    page = HomePage(workspace, ops)
    qtbot.addWidget(page)
    page.refresh()
    row = next(r for r in range(page.model.rowCount())
               if page.model.deadline(r).rule == "CONF-AUTO")
    assert page.model.deadline(row).due == D("2026-11-30")
    assert not page.auto_cancel_button.isEnabled()
    page.table.setCurrentIndex(page.model.index(row, 0))
    assert page.auto_cancel_button.isEnabled()
    qtbot.mouseClick(page.auto_cancel_button, Qt.MouseButton.LeftButton)
    cancelled = workspace.orders.get(order.id)
    assert cancelled.status == OrderStatus.CANCELLED
    assert cancelled.last_event(Action.AUTO_CANCEL).on == D("2026-12-01")
    assert not [d for d in page.deadlines() if d.order_id == order.id]
    workspace.close()


def test_receiving_dates_replace_the_estimate_on_the_timeline(qtbot, detail, shop):
    workspace, order_id = shop
    timeline = detail.extension(OrderTimelineTab).timeline
    labels = {m.label: m.day for m in timeline.markers()}
    # Shipped 19 October, no method known: the shortest estimate, 30 days, is 18 November.
    assert labels["Confirm delivery by (estimate)"] == D("2026-11-18")
    asked = []

    def ask(parent, order, profile, today):
        asked.append(order.order_number)
        return {"shipping_method": ShippingMethod.SEA, "confirm_receipt_by": D("2026-12-20"),
                "arrived_on": None}

    action = detail.extension(ReceivingAction)
    action.ask = ask
    action.trigger()
    assert asked == ["TA-900"]
    labels = {m.label: m.day for m in timeline.markers()}
    assert labels["Confirm delivery by"] == D("2026-12-20")
    assert workspace.orders.get(order_id).shipping_method == ShippingMethod.SEA


def test_the_receiving_dialog_offers_every_method_with_its_estimate(qtbot, shop):
    workspace, order_id = shop
    dialog = ReceivingDialog(workspace.orders.get(order_id), workspace.profile, D("2026-11-02"))
    qtbot.addWidget(dialog)
    texts = [dialog.method.itemText(i) for i in range(dialog.method.count())]
    assert texts[0] == "Not known yet (estimate: 30 days)"
    assert "Sea freight (estimate: 60 days)" in texts
    assert dialog.values() == {"shipping_method": None, "confirm_receipt_by": None,
                               "arrived_on": None}
    dialog.arrived.given.setChecked(True)
    assert dialog.values()["arrived_on"] == D("2026-11-02")


def test_a_shipment_date_too_soon_after_confirmation_is_warned(qtbot, tmp_path, clock, ops):
    workspace = Workspace.open(tmp_path / "lead.sqlite", today=clock)
    supplier = workspace.suppliers.save(make_supplier()).value
    # Confirmed 1 October; shipping 20 October is 19 days later, under the 60-day minimum.
    order = workspace.orders.save(make_order("TA-78", supplier.id,
                                             shipment_date=D("2026-10-20"))).value
    workspace.orders.perform(order.id, Action.SUBMIT)
    workspace.orders.perform(order.id, Action.SUPPLIER_CONFIRM)
    screen = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
    qtbot.addWidget(screen)
    screen.show()
    screen.open_order(order.id)
    assert screen.banner.isVisible()
    assert "LEAD" in screen.banner.text() and "19 days" in screen.banner.text()
    workspace.close()
