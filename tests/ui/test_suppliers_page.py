"""Suppliers through the UI: create, edit, validate, delete, search, sort."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ta_desktop.core.domain.entities import Certificate
from ta_desktop.core.services.demo import load_demo
from ta_desktop.ui.messages import Choice
from ta_desktop.ui.suppliers.suppliers_page import SuppliersPage
from tests.factories import make_order, make_supplier
from tests.ui.conftest import type_text


@pytest.fixture
def page(qtbot, workspace, ops):
    widget = SuppliersPage(workspace, ops)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_model_passes_qt_model_tester(qtmodeltester, page, workspace):
    load_demo(workspace)
    page.refresh()
    qtmodeltester.check(page.model)


def test_buyer_creates_a_supplier_by_typing_and_saving(qtbot, page, workspace):
    type_text(page.form.fields["name"], "深圳市华强电子有限公司")
    qtbot.keyClicks(page.form.fields["country"], "China")
    qtbot.keyClicks(page.form.fields["email"], "lily@hq.cn")
    page.form.fields["gold_supplier"].setChecked(True)
    page.form.fields["gold_since"].setValue(2014)
    qtbot.keyClicks(page.form.limit_amount, "50,000")
    qtbot.keyClicks(page.form.fields["designated_account"], "DE89 3704 0044 0532 0130 00")
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    [row] = workspace.suppliers.rows()
    assert row.name == "深圳市华强电子有限公司" and row.gold_since == 2014
    assert str(workspace.suppliers.get(row.id).ta_limit) == "50,000.00 USD"
    assert workspace.suppliers.get(row.id).designated_account == "DE89 3704 0044 0532 0130 00"
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "深圳市华强电子有限公司"
    assert not page.save_button.isEnabled()


def test_invalid_fields_show_messages_next_to_them_and_keep_what_was_typed(qtbot, page,
                                                                          workspace):
    qtbot.keyClicks(page.form.fields["email"], "lily-at-hq")
    qtbot.keyClicks(page.form.fields["store_url"], "hq alibaba")
    qtbot.keyClicks(page.form.limit_amount, "lots")
    page.form.fields["gold_since"].setValue(1980)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    # Every message at once, the form's own and the rules', not one batch after another.
    assert "Enter the supplier's company name" in page.form.error_text("name")
    assert "not an e-mail address" in page.form.error_text("email")
    assert "not a web address" in page.form.error_text("store_url")
    assert page.form.error_text("ta_limit")
    assert "Gold Supplier" in page.form.error_text("gold_since")
    assert page.form.fields["email"].text() == "lily-at-hq"
    assert workspace.suppliers.count() == 0


def test_a_store_address_without_https_is_understood(qtbot, page, workspace):
    qtbot.keyClicks(page.form.fields["name"], "Ningbo Oceanwave")
    qtbot.keyClicks(page.form.fields["store_url"], "oceanwave.en.alibaba.com")
    # Certificates come from their dialog (a date picker); typed dates: test_typed_inputs.
    page.form.certificates.set_certificates([Certificate("OEKO-TEX",
                                                         valid_until=date(2027, 6, 30))])
    assert page.save()
    [row] = workspace.suppliers.rows()
    saved = workspace.suppliers.get(row.id)
    assert saved.store_url == "https://oceanwave.en.alibaba.com"
    assert saved.certificates[0].valid_until == date(2027, 6, 30)


def test_editing_then_switching_asks_and_can_keep_the_changes(qtbot, page, workspace,
                                                              messages):
    first = workspace.suppliers.save(make_supplier("Alpha Co.")).value
    workspace.suppliers.save(make_supplier("Beta Co."))
    page.refresh()
    page.table.selectRow(0)
    assert page.form.fields["name"].text() == "Alpha Co."
    qtbot.keyClicks(page.form.fields["notes"], "Call on Monday")
    messages.answer_choice = Choice.CANCEL
    page.table.selectRow(1)
    assert page.form.fields["name"].text() == "Alpha Co."
    assert page.form.fields["notes"].toPlainText() == "Call on Monday"
    messages.answer_choice = Choice.SAVE
    page.table.selectRow(1)
    assert page.form.fields["name"].text() == "Beta Co."
    assert workspace.suppliers.get(first.id).notes == "Call on Monday"


def test_deleting_a_supplier_with_orders_is_refused_with_a_reason(qtbot, page, workspace,
                                                                   messages):
    supplier = workspace.suppliers.save(make_supplier("Alpha Co.")).value
    workspace.orders.save(make_order(supplier_id=supplier.id))
    page.refresh()
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    kind, _title, text = messages.shown[-1]
    assert kind == "error" and "1 order" in text
    assert workspace.suppliers.count() == 1


def test_deleting_a_supplier_without_orders(qtbot, page, workspace, messages):
    workspace.suppliers.save(make_supplier("Alpha Co."))
    page.refresh()
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert messages.shown[-1][0] == "confirm"
    assert workspace.suppliers.count() == 0 and page.model.rowCount() == 0


def test_search_and_sort_the_supplier_list(qtbot, page, workspace):
    load_demo(workspace)
    page.refresh()
    qtbot.keyClicks(page.search, "Malaysia")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, 0).data() == "Penang Precision Packaging Sdn. Bhd."
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 9)
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    counts = [int(page.model.index(row, 4).data()) for row in range(page.model.rowCount())]
    assert counts == sorted(counts, reverse=True)


def test_a_round_limit_is_shown_as_a_plain_number(qtbot, page, workspace):
    from decimal import Decimal

    from ta_desktop.core.domain.types import Money

    supplier = workspace.suppliers.save(make_supplier(
        ta_limit=Money(Decimal("120000"), "USD"))).value
    page.refresh()
    page.open_supplier(supplier.id)
    assert page.form.limit_amount.text() == "120000.00"
