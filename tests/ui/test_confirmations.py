"""Confirm delivery, cancel an order, escalate and cancel a dispute: each dialog says what
happens and from which day, before anything is recorded."""

from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog

from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.types import ClaimType, PaymentStatus
from ta_desktop.core.services import formatting as fmt
from ta_desktop.ui.disputes.dispute_dialog import DisputeDialog, DisputeStep
from ta_desktop.ui.disputes.dispute_tab import DisputePanel
from ta_desktop.ui.orders.action_dialog import ActionDialog
from ta_desktop.ui.orders.extensions import ORDER_EXTENSIONS
from ta_desktop.ui.orders.order_detail import OrderDetailWidget
from tests.factories import TODAY, make_order, make_supplier


@pytest.fixture
def seen(monkeypatch):
    """The consequence each dialog showed; the user then cancels."""
    texts = []

    def look_and_cancel(dialog) -> int:
        texts.append(dialog.consequence.text() if hasattr(dialog, "consequence") else "")
        if hasattr(dialog, "consequence"):  # a later day says a later day
            dialog.day.setDate(dialog.day.date().addDays(-1))
            texts.append(dialog.consequence.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ActionDialog, "exec", look_and_cancel)
    monkeypatch.setattr(DisputeDialog, "exec", look_and_cancel)
    return texts


@pytest.fixture
def detail(qtbot, workspace, ops):
    screen = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
    qtbot.addWidget(screen)
    return screen


def _order(workspace, until: Action):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-5", supplier.id)).value
    early = TODAY - timedelta(days=20)
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM, Action.RECORD_PAYMENT,
                   Action.MARK_SHIPPED):
        if action == Action.RECORD_PAYMENT:
            workspace.orders.perform(order.id, action, on=early, payment=Payment(
                Decimal("785"), early, PaymentStatus.RECEIVED))
        else:
            workspace.orders.perform(order.id, action, on=early)
        if action == until:
            break
    return order.id


def test_confirm_delivery_says_the_payment_is_released_and_from_when(detail, workspace, seen):
    detail.open_order(_order(workspace, Action.MARK_SHIPPED))
    assert not detail.perform(Action.CONFIRM_DELIVERY)
    today, yesterday = seen
    assert "releases the payment of 785.00 USD to the supplier" in today
    assert fmt.long_day(TODAY) in today
    window = workspace.profile.dispute_window_days
    assert fmt.long_day(TODAY + timedelta(days=window)) in today
    assert fmt.long_day(TODAY - timedelta(days=1)) in yesterday
    assert workspace.orders.get(detail.order.id).status.value != "completed"


def test_cancel_order_says_it_is_for_good(detail, workspace, seen):
    detail.open_order(_order(workspace, Action.SUBMIT))
    assert not detail.perform(Action.CANCEL)
    assert "ends order TA-5 for good" in seen[0] and fmt.long_day(TODAY) in seen[0]


def test_escalate_and_cancel_dispute_say_what_follows(detail, workspace, seen):
    order_id = _order(workspace, Action.MARK_SHIPPED)
    workspace.disputes.open(order_id, claim=ClaimType.QUALITY, requested_refund=Decimal("100"),
                            claim_text="Scratches.", on=TODAY - timedelta(days=10))
    detail.open_order(order_id)
    panel = detail.extension(DisputePanel)
    assert not panel.act(DisputeStep.ESCALATE)
    due = workspace.calendar().add_working_days(TODAY, workspace.profile
                                                .team_response_working_days)
    assert "dispute team" in seen[0] and fmt.long_day(due) in seen[0]
    assert not panel.act(DisputeStep.CANCEL)
    assert "Cancelling the dispute on" in seen[2] and "goes back to" in seen[2]
    assert not panel.act(DisputeStep.PROPOSE)  # not final: no consequence to state
    assert seen[4] == ""


def test_a_step_the_dispute_rules_forbid_now_is_disabled_with_the_reason(detail, workspace):
    order_id = _order(workspace, Action.MARK_SHIPPED)
    workspace.disputes.open(order_id, claim=ClaimType.QUALITY, requested_refund=Decimal("100"),
                            claim_text="Scratches.", on=TODAY - timedelta(days=1))
    detail.open_order(order_id)
    decide = detail.actions_by_kind[Action.RESOLVE_DISPUTE]
    assert not decide.isEnabled()  # in negotiation: only the dispute team decides
    assert decide.toolTip() and decide.toolTip() != Action.RESOLVE_DISPUTE.label
    assert decide.toolTip() == detail.extension(DisputePanel).buttons[
        DisputeStep.DECIDE].toolTip()
    assert detail.actions_by_kind[Action.CANCEL_DISPUTE].isEnabled()
