"""Issue 13 on screen: modification requests and answers, the supplier warnings (SUP-ELIG,
SUP-LIMIT, PAY-TT), the rule profile's history in Settings and applying newer rules to an
order after a preview. Dates and amounts are worked out by hand."""

import json
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Qt

from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.types import (
    ClaimType,
    Money,
    OrderStatus,
    PaymentMethod,
    PaymentStatus,
)
from ta_desktop.ui.orders.action_dialog import ActionDialog
from ta_desktop.ui.orders.modifications import AnswerDialog, ModificationDialog, ModificationsTab
from ta_desktop.ui.settings.rules_dialog import RulesDialog
from tests.factories import TODAY, make_order, make_supplier


def open_order(orders_page, workspace, *, sent=True, **supplier_fields):
    supplier = workspace.suppliers.save(make_supplier(**supplier_fields)).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    if sent:
        workspace.orders.perform(order.id, Action.SUBMIT)
    orders_page.refresh_suppliers()
    orders_page.refresh()
    orders_page.open_order(order.id)
    return orders_page.detail, order


def answering(fill):
    """``exec`` of a dialog as a user who fills it in and presses OK."""
    def exec_(dialog):
        fill(dialog)
        dialog._on_buttons_accepted()
        return dialog.result()
    return exec_


def modifications_tab(detail) -> ModificationsTab:
    return detail.extension(ModificationsTab)


def test_a_request_from_the_order_screen_changes_the_order_once_the_supplier_accepts(
        orders_page, workspace, monkeypatch):
    detail, order = open_order(orders_page, workspace)

    def ask(dialog):
        dialog.change_date.setChecked(True)
        dialog.shipment.setDate(QDate(2026, 12, 15))
        dialog.change_lines.setChecked(True)
        dialog.lines.setData(dialog.lines.index(0, 2), "120")  # quantity 100 -> 120

    monkeypatch.setattr(ModificationDialog, "exec", answering(ask))
    assert detail.actions_by_kind[Action.REQUEST_MODIFICATION].isEnabled()
    assert detail.perform(Action.REQUEST_MODIFICATION)
    stored = workspace.orders.get(order.id)
    assert stored.shipment_date == date(2026, 12, 1)  # unchanged until the supplier answers
    tab = modifications_tab(detail)
    assert tab.table.item(0, 1).text() == (
        "shipment date: 2026-12-01 -> 2026-12-15\nPower bank 20,000 mAh: quantity 100 -> 120")
    assert tab.table.item(0, 2).text() == "Pending" and tab.answer_button.isEnabled()

    monkeypatch.setattr(AnswerDialog, "exec", answering(lambda dialog: None))  # "Accepted"
    tab.answer_button.click()
    stored = workspace.orders.get(order.id)
    # 120 x 7.85 = 942.00 USD, shipping 15 Dec 2026.
    assert (stored.shipment_date, stored.total) == (date(2026, 12, 15),
                                                    Money(Decimal("942.00"), "USD"))
    tab = modifications_tab(detail)
    assert tab.table.item(0, 2).text() == "Accepted" and not tab.answer_button.isEnabled()
    assert detail.history.item(0, 1).text() == "Supplier accepted the modification"


def test_a_declined_request_changes_nothing(orders_page, workspace, monkeypatch):
    detail, order = open_order(orders_page, workspace)
    monkeypatch.setattr(ModificationDialog, "exec", answering(
        lambda dialog: dialog.change_date.setChecked(True) or dialog.shipment.setDate(
            QDate(2026, 12, 20))))
    detail.perform(Action.REQUEST_MODIFICATION)
    monkeypatch.setattr(AnswerDialog, "exec", answering(
        lambda dialog: dialog.answer.setCurrentIndex(1)))
    modifications_tab(detail).answer_button.click()
    assert workspace.orders.get(order.id).shipment_date == date(2026, 12, 1)
    assert modifications_tab(detail).table.item(0, 2).text() == "Declined"


def test_a_request_without_a_change_stays_open_with_the_reason(orders_page, workspace, qtbot):
    detail, order = open_order(orders_page, workspace)
    dialog = ModificationDialog(workspace.orders.get(order.id), TODAY, detail)
    qtbot.addWidget(dialog)
    dialog.change_lines.setChecked(True)
    dialog.lines.setData(dialog.lines.index(0, 2), "many")
    dialog._on_buttons_accepted()
    assert dialog.result() == 0 and dialog.form.error_text("lines")


def test_send_to_supplier_warns_when_the_total_exceeds_the_known_limit(orders_page, workspace,
                                                                         messages):
    detail, order = open_order(orders_page, workspace, sent=False,
                               ta_limit=Money(Decimal("500"), "USD"))
    # 785.00 USD > 500.00 USD: the banner says it, and sending asks first.
    assert "SUP-LIMIT" in detail.banner.text()
    messages.answer_confirm = False
    assert not detail.perform(Action.SUBMIT, on=TODAY)
    kind, _title, text = messages.shown[-1]
    assert kind == "confirm" and "your payment would be frozen until the order completes" in text
    assert workspace.orders.get(order.id).status == OrderStatus.DRAFT
    messages.answer_confirm = True
    assert detail.perform(Action.SUBMIT, on=TODAY)


def test_a_draft_with_a_supplier_outside_trade_assurance_is_warned_about(orders_page, workspace):
    detail, _order = open_order(orders_page, workspace, sent=False, country="United States",
                                gold_supplier=False)
    assert "SUP-ELIG" in detail.banner.text() and "Gold Supplier" in detail.banner.text()
    assert "United States" in detail.banner.text()


def test_a_wire_to_another_payee_asks_before_it_is_recorded(orders_page, workspace, qtbot):
    detail, order = open_order(orders_page, workspace,
                               designated_account="DE89 3704 0044 0532 0130 00")
    asked = []
    dialog = ActionDialog(Action.RECORD_PAYMENT, workspace.orders.get(order.id), TODAY, detail,
                          supplier=workspace.suppliers.get(order.supplier_id),
                          confirm=lambda text: asked.append(text) or False)
    qtbot.addWidget(dialog)
    assert dialog.payee.text() == "DE89 3704 0044 0532 0130 00"  # proposed
    dialog.method.setCurrentIndex(list(PaymentMethod).index(PaymentMethod.INTERNATIONAL_WIRE))
    dialog.payee.setText("Other Trading Ltd 12345")
    dialog._on_buttons_accepted()
    assert dialog.result() == 0 and "PAY-TT" in asked[0]
    dialog.payee.setText("DE89370400440532013000")
    dialog._on_buttons_accepted()
    assert dialog.result_kwargs["payment"].payee == "DE89370400440532013000"
    assert len(asked) == 1


def test_settings_keep_a_history_that_exports_and_imports(qtbot, workspace, ops, tmp_path):
    path = tmp_path / "rules.json"
    dialog = RulesDialog(workspace.settings, ops, rules=workspace.rules,
                         ask_path=lambda _parent, _title, _saving: path)
    qtbot.addWidget(dialog)
    assert dialog.history.rowCount() == 1
    row = next(r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, 2).data(Qt.ItemDataRole.UserRole) == "proposal_reply_days")
    dialog.table.item(row, 2).setText("5")
    dialog.reason.setText("Help page changed")
    dialog._on_buttons_accepted()
    reopened = RulesDialog(workspace.settings, ops, rules=workspace.rules,
                           ask_path=lambda _parent, _title, _saving: path)
    qtbot.addWidget(reopened)
    assert [reopened.history.item(r, 0).text() for r in range(2)] == ["2", "1"]
    assert reopened.history.item(0, 4).text() == "Help page changed"
    reopened._on_export_clicked()
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2
    reopened.reason.setText("Back from the file")
    reopened._on_import_clicked()
    assert reopened.history.rowCount() == 3
    assert reopened.history.item(0, 4).text() == "Back from the file"


def test_newer_rules_are_applied_to_an_order_after_a_preview(orders_page, workspace, messages):
    detail, order = open_order(orders_page, workspace)
    workspace.orders.perform(order.id, Action.SUPPLIER_CONFIRM)
    workspace.orders.perform(order.id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), TODAY, PaymentStatus.RECEIVED))
    workspace.disputes.open(order.id, claim=ClaimType.QUALITY, requested_refund=Decimal("100"),
                            claim_text="Cracked cases")
    workspace.settings.set_rule_values({"auto_escalation_on_day": "35"}, "Day 35 now")
    orders_page.open_order(order.id)
    apply = next(a for a in detail.document_toolbar.actions()
                 if a.text() == "Apply current rules…")
    messages.answer_confirm = False
    apply.trigger()
    kind, _title, text = messages.shown[-1]
    # Opened 25 Nov = day 1: day 31 is 25 Dec, day 35 is 29 Dec.
    assert kind == "confirm"
    assert "DS-ESC-AUTO Automatic escalation: 2026-12-25 -> 2026-12-29" in text
    assert workspace.orders.get(order.id).profile_version == 1
    messages.answer_confirm = True
    apply.trigger()
    assert workspace.orders.get(order.id).profile_version == 2


def test_choosing_a_supplier_outside_trade_assurance_for_a_draft_warns_at_once(orders_page,
                                                                               workspace):
    detail, _order = open_order(orders_page, workspace, sent=False)
    assert "SUP-ELIG" not in detail.banner.text()
    workspace.suppliers.save(make_supplier("Acme Inc.", country="United States"))
    orders_page.refresh_suppliers()
    combo = detail.form.fields["supplier_id"]
    combo.setCurrentIndex(combo.findText("Acme Inc."))
    assert "SUP-ELIG: Acme Inc. is registered outside the regions" in detail.banner.text()
    detail.form.fields["online"].setChecked(False)  # offline: OFFLINE says it instead
    assert "SUP-ELIG" not in detail.banner.text() and "OFFLINE" in detail.banner.text()
