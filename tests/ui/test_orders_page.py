"""Orders through the UI: create, validate, act on the lifecycle, filter, delete."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.types import OrderStatus, Party, PaymentStatus
from ta_desktop.core.services.demo import DEMO_ORDER_COUNT, load_demo
from ta_desktop.ui.messages import Choice
from ta_desktop.ui.orders.action_dialog import ActionDialog
from ta_desktop.ui.orders.extensions import ORDER_EXTENSIONS
from ta_desktop.ui.orders.order_detail import OrderDetailWidget
from ta_desktop.ui.orders.order_form import NEW_SUPPLIER
from ta_desktop.ui.orders.orders_page import OrdersPage
from ta_desktop.ui.suppliers.new_supplier_dialog import NewSupplierDialog
from tests.factories import TODAY, make_order, make_supplier


@pytest.fixture
def page(qtbot, workspace, ops):
    widget = OrdersPage(workspace, ops)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def show_stored(page):
    """Show what a test stored through the services, past the page's change hub."""
    page.refresh_suppliers()
    page.refresh()


def test_orders_model_passes_qt_model_tester(qtmodeltester, page, workspace):
    load_demo(workspace)
    page.refresh()
    qtmodeltester.check(page.model)


def edit_cell(qtbot, view, row, column, text):
    """Double-click a cell, type, press Enter: as a user edits a table."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    if view.state() != view.State.EditingState:
        view.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not None and editor.parent() is view.viewport()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)  # commit is queued


def test_buyer_creates_a_draft_order_with_lines_and_sees_the_total(qtbot, page, workspace):
    workspace.suppliers.save(make_supplier())
    show_stored(page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    detail = page.detail
    qtbot.keyClicks(detail.form.fields["order_number"], "TA-9001")
    qtbot.keyClicks(detail.form.fields["shipment_date"], "2027-01-15")
    qtbot.mouseClick(detail.add_line_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, detail.lines_view, 0, 0, "Power bank 20,000 mAh")
    edit_cell(qtbot, detail.lines_view, 0, 2, "1,000")
    edit_cell(qtbot, detail.lines_view, 0, 4, "7.85")
    assert detail.total_label.text() == "Order total: 7,850.00 USD  (1,000 pcs)"
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)

    order = workspace.orders.get_by_number("TA-9001")
    assert order.total.amount == Decimal("7850") and order.shipment_date == date(2027, 1, 15)
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "TA-9001"
    assert page.model.index(0, 4).data() == "7,850.00 USD"


def test_bad_input_is_explained_next_to_the_field_and_nothing_typed_is_lost(qtbot, page,
                                                                             workspace):
    workspace.suppliers.save(make_supplier())
    show_stored(page)
    detail = page.detail
    page.new_order()
    qtbot.keyClicks(detail.form.fields["order_number"], "TA-9002")
    qtbot.keyClicks(detail.form.fields["shipment_date"], "July")
    qtbot.mouseClick(detail.add_line_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, detail.lines_view, 0, 0, "Mug")
    edit_cell(qtbot, detail.lines_view, 0, 2, "-3")
    edit_cell(qtbot, detail.lines_view, 0, 4, "abc")
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)

    assert "exact date" in detail.form.error_text("shipment_date")
    assert "Line 1: '-3' is not a quantity" in detail.lines_error.text()
    assert "'abc' is not a number" in detail.lines_error.text()
    quantity = detail.lines.index(0, 2)
    assert quantity.data() == "-3"
    assert "whole number above 0" in quantity.data(Qt.ItemDataRole.ToolTipRole)
    assert detail.form.fields["shipment_date"].text() == "July"
    assert workspace.orders.count() == 0


def open_first(page, workspace, **fields):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id, **fields)).value
    show_stored(page)
    page.open_order(order.id)
    return page.detail, order


def test_actions_follow_the_lifecycle_and_disabled_ones_say_why(qtbot, page, workspace):
    detail, order = open_first(page, workspace)
    send = detail.actions_by_kind[Action.SUBMIT]
    dispute = detail.actions_by_kind[Action.OPEN_DISPUTE]
    assert send.isEnabled()
    assert not dispute.isEnabled() and dispute.toolTip().startswith("DS-OPEN:")
    send.trigger()
    assert workspace.orders.get(order.id).status == OrderStatus.AWAITING_SUPPLIER_CONFIRMATION
    assert detail.status_pill.status == OrderStatus.AWAITING_SUPPLIER_CONFIRMATION
    assert not detail.form.fields["order_number"].isEnabled()
    assert detail.edit_hint.text().startswith("MOD-REQ:")
    assert detail.history.item(0, 1).text() == "Send to supplier"

    detail.actions_by_kind[Action.SUPPLIER_CONFIRM].trigger()
    assert detail.perform(Action.RECORD_PAYMENT, on=TODAY, payment=Payment(
        Decimal("785"), TODAY, PaymentStatus.RECEIVED))
    assert detail.status_pill.status == OrderStatus.AWAITING_SHIPMENT
    assert detail.actions_by_kind[Action.OPEN_DISPUTE].isEnabled()
    cancel = detail.actions_by_kind[Action.CANCEL]
    assert not cancel.isEnabled() and "open a dispute instead" in cancel.toolTip()
    assert detail.payments.rowCount() == 1


def test_notes_of_a_sent_order_are_still_saved(qtbot, page, workspace, messages):
    detail, order = open_first(page, workspace)
    assert detail.perform(Action.SUBMIT, on=TODAY)
    assert [shown[1] for shown in messages.shown] == ["Send to supplier"]  # the checkout
    messages.shown.clear()
    assert not detail.form.fields["order_number"].isEnabled()
    qtbot.keyClicks(detail.form.fields["notes"], "Supplier asked for the logo file")
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert workspace.orders.get(order.id).notes == "Supplier asked for the logo file"
    assert not detail.dirty and messages.shown == []


def test_receiving_time_is_extended_once_per_party_through_the_ui(page, workspace, messages):
    detail, order = open_first(page, workspace)
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        detail.perform(action, on=TODAY)
    detail.perform(Action.RECORD_PAYMENT, on=TODAY,
                   payment=Payment(Decimal(785), TODAY, PaymentStatus.RECEIVED))
    detail.perform(Action.MARK_SHIPPED, on=TODAY)
    extend = detail.actions_by_kind[Action.EXTEND_RECEIVING]
    assert extend.isEnabled()
    assert detail.perform(Action.EXTEND_RECEIVING, on=TODAY, party=Party.BUYER)
    assert not detail.perform(Action.EXTEND_RECEIVING, on=TODAY, party=Party.BUYER)
    kind, _title, text = messages.shown[-1]
    assert kind == "error" and "RC-EXT" in text and "once" in text
    assert detail.perform(Action.EXTEND_RECEIVING, on=TODAY, party=Party.SUPPLIER)
    assert workspace.orders.get(order.id).extension_count == 2


def test_the_payment_dialog_proposes_what_is_left_to_pay(qtbot, page, workspace):
    detail, order = open_first(page, workspace)
    dialog = ActionDialog(Action.RECORD_PAYMENT, workspace.orders.get(order.id), TODAY, detail)
    qtbot.addWidget(dialog)
    assert dialog.amount.text() == "785.00"
    dialog.amount.setText("zero")
    dialog._on_buttons_accepted()
    assert "is not a number" in dialog.form.error_text("amount")
    dialog.amount.setText("500")
    dialog.payment_status.setCurrentIndex(1)
    dialog._on_buttons_accepted()
    payment = dialog.result_kwargs["payment"]
    assert payment.amount == Decimal(500) and payment.status is PaymentStatus.RECEIVED
    assert detail.perform(Action.RECORD_PAYMENT, **dialog.result_kwargs) is False  # not confirmed
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        detail.perform(action, on=TODAY)
    assert detail.perform(Action.RECORD_PAYMENT, **dialog.result_kwargs)
    assert workspace.orders.get(order.id).payments[0].method is not None


def test_switching_orders_with_unsaved_changes_asks_first(qtbot, page, workspace, messages):
    supplier = workspace.suppliers.save(make_supplier()).value
    workspace.orders.save(make_order("TA-1", supplier_id=supplier.id))
    workspace.orders.save(make_order("TA-2", supplier_id=supplier.id))
    page.refresh()
    page.table.selectRow(0)
    first = page.detail.order.order_number
    qtbot.keyClicks(page.detail.form.fields["notes"], "Ask about the carton size")
    messages.answer_choice = Choice.CANCEL
    page.table.selectRow(1)
    assert page.detail.order.order_number == first
    messages.answer_choice = Choice.DISCARD
    page.table.selectRow(1)
    assert page.detail.order.order_number != first
    assert workspace.orders.get_by_number(first).notes == ""


def test_filters_narrow_the_list_by_status_supplier_and_text(qtbot, page, workspace):
    load_demo(workspace)
    show_stored(page)
    assert page.model.rowCount() == DEMO_ORDER_COUNT
    page.status_filter.setCurrentIndex(page.status_filter.findData(OrderStatus.COMPLETED))
    assert {page.model.index(r, 2).data() for r in range(page.model.rowCount())} == {"Completed"}
    page.status_filter.setCurrentIndex(0)
    page.supplier_filter.setCurrentIndex(page.supplier_filter.findText("深圳市华强电子有限公司"))
    names = {page.model.index(r, 1).data() for r in range(page.model.rowCount())}
    assert names == {"深圳市华强电子有限公司"}
    page.supplier_filter.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "OFF-")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, 3).data() == "Offline"
    assert page.count_label.text() == "1 order(s)"


def test_deleting_an_order_after_confirmation(qtbot, page, workspace, messages):
    detail, _order = open_first(page, workspace)
    messages.answer_confirm = False
    qtbot.mouseClick(detail.delete_button, Qt.MouseButton.LeftButton)
    assert workspace.orders.count() == 1
    messages.answer_confirm = True
    qtbot.mouseClick(detail.delete_button, Qt.MouseButton.LeftButton)
    assert workspace.orders.count() == 0
    assert page.model.rowCount() == 0
    assert detail.order is None


def test_every_error_of_the_order_form_shows_at_once(qtbot, workspace, ops):
    detail = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
    qtbot.addWidget(detail)
    detail.new_order()  # no supplier yet, no number, and a shipment "date" that is none
    detail.form.fields["shipment_date"].setText("ASAP")
    assert not detail.save()
    assert "Enter the Alibaba order number" in detail.form.error_text("order_number")
    assert "Choose the supplier" in detail.form.error_text("supplier_id")
    assert "exact date" in detail.form.error_text("shipment_date")


def test_the_shipment_date_is_picked_from_a_calendar(qtbot, workspace, ops):
    workspace.suppliers.save(make_supplier())
    detail = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
    qtbot.addWidget(detail)
    detail.new_order()
    field = detail.form.fields["shipment_date"]
    field.show_calendar()
    field.calendar.clicked.emit(QDate(2027, 1, 15))
    assert field.text() == "2027-01-15" and detail.dirty
    field.setText("15/01/2027")
    assert field.day() == date(2027, 1, 15)


def test_a_new_supplier_is_added_from_the_orders_supplier_box(qtbot, workspace, ops,
                                                               monkeypatch):
    typed = []

    def fill_and_save(dialog) -> int:
        dialog.save()  # nothing typed yet: the form says so and stays open
        typed.append(dialog.form.error_text("name"))
        dialog.form.fields["name"].setText("Xiamen Greenleaf Bamboo")
        dialog.form.fields["store_url"].setText("greenleaf.en.alibaba.com")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(NewSupplierDialog, "exec", fill_and_save)
    workspace.suppliers.save(make_supplier())
    detail = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
    qtbot.addWidget(detail)
    detail.new_order()
    box = detail.form.fields["supplier_id"]
    assert box.itemText(box.count() - 1) == "New supplier…"
    box.setCurrentIndex(box.findData(NEW_SUPPLIER))
    assert "company name" in typed[0]
    assert box.currentText() == "Xiamen Greenleaf Bamboo"
    detail.form.fields["order_number"].setText("TA-NEW-1")
    assert detail.save()
    saved = workspace.orders.get_by_number("TA-NEW-1")
    assert workspace.suppliers.get(saved.supplier_id).store_url == \
        "https://greenleaf.en.alibaba.com"
