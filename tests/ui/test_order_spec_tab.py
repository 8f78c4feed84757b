"""The Specification tab of an order: written, scored, saved with the order, shown in the list."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from ta_desktop.core.domain.entities import Action, OrderLine
from ta_desktop.ui.messages import Choice
from ta_desktop.ui.orders.orders_model import ORDER_COLUMNS
from ta_desktop.ui.orders.orders_page import OrdersPage
from ta_desktop.ui.specs.specification_tab import SpecificationTab
from tests.factories import make_order, make_supplier

# the order list's "Readiness" column
READINESS = next(n for n, c in enumerate(ORDER_COLUMNS) if c.key == "spec_score")


@pytest.fixture
def page(qtbot, workspace, ops):
    widget = OrdersPage(workspace, ops)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def open_draft(page, workspace, **fields):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-7", supplier_id=supplier.id, **fields)).value
    page.refresh()
    page.table.selectRow(0)
    return order


def test_spec_typed_on_an_order_is_saved_with_its_readiness_in_the_list(qtbot, page,
                                                                         workspace):
    order = open_draft(page, workspace)
    detail = page.detail
    assert page.model.headerData(READINESS, Qt.Orientation.Horizontal) == "Readiness"
    assert page.model.index(0, READINESS).data() == ""
    spec = detail.extension(SpecificationTab)
    detail.tabs.setCurrentWidget(spec)
    qtbot.keyClicks(spec.editor.editor, "Colour: red. Ship ASAP")
    assert detail.dirty and detail.save_button.isEnabled()
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)

    stored = workspace.orders.get(order.id)
    assert stored.spec_text == "Colour: red. Ship ASAP"
    assert stored.spec_score == spec.editor.score()
    assert page.model.index(0, READINESS).data() == f"{stored.spec_score}%"
    assert detail.tabs.tabText(detail.tabs.indexOf(spec)) == f"Specification · {stored.spec_score}"


def test_unsaved_spec_changes_are_asked_about_before_leaving(qtbot, page, workspace,
                                                              messages):
    order = open_draft(page, workspace, spec_text="Colour: Pantone 186 C")
    workspace.orders.save(make_order("TA-8", supplier_id=order.supplier_id,
                                     spec_text="Colour: Pantone 186 C"))
    page.refresh()
    page.table.selectRow(0)
    first = page.detail.order.order_number
    qtbot.keyClicks(page.detail.extension(SpecificationTab).editor.editor, " Material: plastic")
    assert page.detail.dirty
    messages.answer_choice = Choice.CANCEL
    page.table.selectRow(1)
    assert page.detail.order.order_number == first
    messages.answer_choice = Choice.DISCARD
    page.table.selectRow(1)
    assert page.detail.order.order_number != first
    assert workspace.orders.get_by_number(first).spec_text == "Colour: Pantone 186 C"


def test_a_sent_orders_spec_is_read_only(qtbot, page, workspace):
    order = open_draft(page, workspace, spec_text="Colour: red")
    workspace.orders.perform(order.id, Action.SUBMIT)
    page.detail.open_order(order.id)
    editor = page.detail.extension(SpecificationTab).editor
    assert editor.text() == "Colour: red"
    assert editor.editor.isReadOnly()
    assert not editor.template_button.isEnabled()


def test_the_editor_proposes_the_orders_shipment_date_and_lot_size(qtbot, page, workspace):
    open_draft(page, workspace, shipment_date=date(2027, 2, 20),
               lines=[OrderLine("Power bank", 1_200, Decimal("7.85")),
                      OrderLine("Cable", 300, Decimal("0.40"))])
    editor = page.detail.extension(SpecificationTab).editor
    assert editor.sections.shipment_edit.date() == QDate(2027, 2, 20)
    assert editor.inspection.lot_spin.value() == 1_500
