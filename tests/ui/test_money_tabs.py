"""The order's Payment schedule and Landed cost tabs: what the buyer sees and edits."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.landed_cost import Cost, CostKind
from ta_desktop.core.domain.types import PaymentStatus
from ta_desktop.ui.money.home_figures import HomeMoneyBar
from ta_desktop.ui.money.landed_cost_tab import LandedCostTab
from ta_desktop.ui.money.schedule_tab import AMOUNT, DUE, PAID, SHARE, PaymentScheduleTab
from tests.factories import TODAY, make_order, make_supplier, orders_in_three_currencies

D = Decimal


@pytest.fixture
def order_id(workspace):
    """785.00 USD, confirmed TODAY, a deposit of 235.50 received."""
    supplier = workspace.suppliers.save(make_supplier()).value
    order_id = workspace.orders.save(make_order(supplier_id=supplier.id)).value.id
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(order_id, action)
    workspace.orders.perform(order_id, Action.RECORD_PAYMENT, payment=Payment(
        D("235.50"), TODAY, PaymentStatus.RECEIVED))
    return order_id


def add_freight(workspace, order_id: int, amount: str, currency: str) -> None:
    sheet = workspace.money.sheet(order_id)
    sheet.costs = [Cost(CostKind.FREIGHT, currency, D(amount))]
    workspace.money.save_sheet(sheet)


def landed_tab(qtbot, workspace, ops, order_id: int) -> LandedCostTab:
    tab = LandedCostTab(workspace, ops)
    qtbot.addWidget(tab)
    tab.set_order(workspace.orders.get(order_id))
    return tab


def test_a_template_fills_the_schedule_and_save_keeps_it(qtbot, workspace, ops, order_id):
    tab = PaymentScheduleTab(workspace, ops)
    qtbot.addWidget(tab)
    tab.set_order(workspace.orders.get(order_id))
    assert "one payment" in tab.status.text()
    tab.template.setCurrentText("30/70")
    tab.use_template.click()
    assert [tab.table.item(r, AMOUNT).text() for r in range(2)] == ["235.50 USD", "549.50 USD"]
    assert tab.table.item(0, PAID).text().startswith("paid")
    assert tab.table.item(1, DUE).text() == "01 Dec 2026"
    assert tab.save()
    stored = workspace.money.schedule(order_id)
    assert [i.percent for i in stored.instalments] == [D(30), D(70)]
    assert tab.status.text() == "Still to pay: Balance 549.50 USD by 01 Dec 2026."


def test_a_schedule_that_does_not_add_up_is_explained(qtbot, workspace, ops, messages,
                                                      order_id):
    tab = PaymentScheduleTab(workspace, ops)
    qtbot.addWidget(tab)
    tab.set_order(workspace.orders.get(order_id))
    tab.use_template.click()
    tab.table.item(1, SHARE).setText("60%")
    assert not tab.save()
    assert "add up to" in messages.shown[-1][-1]
    assert workspace.money.schedule(order_id).instalments == []


def test_the_landed_cost_tab_shows_lines_per_unit_and_takes_a_rate_paid(
        qtbot, workspace, ops, order_id):
    workspace.money.set_home("EUR", {"USD": "0.92"})
    add_freight(workspace, order_id, "50.00", "EUR")
    tab = landed_tab(qtbot, workspace, ops, order_id)
    # 785.00 USD at 0.92 = 722.20 EUR, + 50.00 freight = 772.20; 100 units -> 7.722 each
    assert "772.20 EUR" in tab.summary.text() and "estimate" in tab.summary.text()
    assert tab.lines.item(0, 7).text() == "7.722 EUR"
    tab.payments.item(0, 2).setText("0.90")  # the deposit 235.50 at 0.90 = 211.95
    # 211.95 + 549.50 x 0.92 (505.54) + 50.00 = 767.49, still an estimate (the balance)
    assert "767.49 EUR" in tab.summary.text()
    assert workspace.money.sheet(order_id).payment_rates


def test_home_currency_dialog_keeps_the_rates_and_shows_the_spend(qtbot, workspace, ops,
                                                                  order_id):
    from ta_desktop.ui.money.home_currency_dialog import HomeCurrencyDialog

    dialog = HomeCurrencyDialog(workspace, ops)
    qtbot.addWidget(dialog)
    assert dialog.spend.rowCount() == 1 and dialog.spend.item(0, 2).text() == "235.50 USD"
    assert dialog.commitments.text() == "549.50 USD"
    dialog.home.setCurrentText("EUR")
    usd = next(r for r in range(dialog.rates.rowCount()) if dialog.rates.item(r, 0).text()
               == "USD")
    dialog.rates.item(usd, 1).setText("0.92")
    dialog._on_buttons_accepted()
    rates = workspace.money.rates()
    assert rates.home == "EUR" and rates.current == {"USD": D("0.92")}


def test_the_order_list_shows_the_landed_cost(qtbot, workspace, order_id):
    from ta_desktop.ui.orders.orders_model import OrdersModel

    add_freight(workspace, order_id, "15.00", "USD")
    model = OrdersModel(workspace.orders, money=workspace.money)
    model.refresh()
    column = next(n for n, c in enumerate(model.columns) if c.key == "landed_cost")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Landed cost"
    # home USD: the deposit at 1, the unpaid balance at 1 too: not an estimate
    assert model.data(model.index(0, column)) == "800.00 USD"


def test_the_landed_cost_goes_into_printed_summaries_only_when_turned_on(
        qtbot, workspace, ops, order_id):
    from ta_desktop.ui.orders.summary_actions import PrintSummaryAction

    add_freight(workspace, order_id, "15.00", "USD")
    tab = landed_tab(qtbot, workspace, ops, order_id)
    assert not tab.in_summary.isChecked()

    class Screen(QWidget):
        order = workspace.orders.get(order_id)

    screen = Screen()
    qtbot.addWidget(screen)
    action = PrintSummaryAction(screen, workspace, ops)
    assert "landed cost" not in pdf_text(action.render("a4"))
    tab.in_summary.setChecked(True)
    assert "LAND: landed cost" in pdf_text(action.render("a4"))


def pdf_text(data: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_the_cost_dialog_takes_a_duty_rate_or_says_what_is_wrong(qtbot):
    from ta_desktop.ui.money.cost_dialog import CostDialog

    dialog = CostDialog(Cost(CostKind.FREIGHT, "USD"), "EUR")
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(list(CostKind).index(CostKind.DUTY))
    dialog.rate.setText("3.5")
    dialog._on_ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (dialog.cost.kind, dialog.cost.rate, dialog.cost.amount) == (CostKind.DUTY, D("3.5"),
                                                                        None)
    wrong = CostDialog(Cost(CostKind.FREIGHT, "USD"), "EUR")
    qtbot.addWidget(wrong)
    wrong.amount.setText("12,5O")
    wrong._on_ok()
    assert wrong.result() != wrong.DialogCode.Accepted
    assert "is not a number" in wrong.form.error_text("amount")


def test_a_weight_that_is_not_a_number_is_one_message_and_nothing_saved(
        qtbot, workspace, ops, messages, order_id):
    tab = landed_tab(qtbot, workspace, ops, order_id)
    tab.lines.item(0, 2).setText("heavy")
    assert "'heavy' is not a number" in messages.shown[-1][-1]
    assert workspace.money.sheet(order_id).measures == []


def test_the_order_page_shows_total_and_balance_in_the_home_currency(
        qtbot, workspace, ops, order_id):
    from ta_desktop.ui.orders.orders_page import OrdersPage

    workspace.money.set_home("EUR", {"USD": "0.92"})
    page = OrdersPage(workspace, ops)
    qtbot.addWidget(page)
    page.open_order(order_id)
    bar = page.detail.extension(HomeMoneyBar)
    # all at today's rate: 785.00 x 0.92 = 722.20; the balance 549.50 x 0.92 = 505.54
    assert bar.label.text() == (
        "Total: 785.00 USD ≈ 722.20 EUR (estimate at today's rate)  ·  "
        "Balance due: 549.50 USD ≈ 505.54 EUR (estimate at today's rate)")
    sheet = workspace.money.sheet(order_id)
    sheet.payment_rates = {workspace.orders.get(order_id).payments[0].id: D("0.90")}
    workspace.money.save_sheet(sheet)
    page.open_order(order_id)
    # the deposit at the rate paid: 235.50 x 0.90 = 211.95, + 505.54 = 717.49
    assert bar.label.text().startswith("Total: 785.00 USD ≈ 717.49 EUR (estimate")
    workspace.money.set_home("EUR", {})
    page.open_order(order_id)
    assert bar.label.text().endswith(
        "enter today's rate of USD (Settings → Home currency and spend…) to see it in EUR")


def test_the_order_list_sorts_by_the_total_in_the_home_currency(qtbot, workspace, ops,
                                                               order_id):
    from ta_desktop.ui.orders.orders_page import OrdersPage

    orders_in_three_currencies(workspace, order_id, D("0.88"))  # TA-1 paid in full at 0.88
    page = OrdersPage(workspace, ops)
    qtbot.addWidget(page)
    model = page.model
    home = next(n for n, c in enumerate(model.columns) if c.key == "home_total")
    landed = next(n for n, c in enumerate(model.columns) if c.key == "landed_cost")
    assert model.headerData(home, Qt.Orientation.Horizontal) == "Total (EUR)"
    page.table.sortByColumn(home, Qt.SortOrder.AscendingOrder)

    def shown():
        return [(model.data(model.index(r, 0)), model.data(model.index(r, home)))
                for r in range(model.rowCount())]

    # TA-1 785.00 USD paid at 0.88 = 690.80; TA-4 760.00 USD x 0.92 = 699.20, an estimate;
    # TA-2 700.00 EUR; TA-3 in CNY has no rate: blank, sorted lowest.
    assert shown() == [("TA-3", ""), ("TA-1", "690.80 EUR"), ("TA-4", "699.20 EUR ~"),
                       ("TA-2", "700.00 EUR")]
    page.table.sortByColumn(landed, Qt.SortOrder.DescendingOrder)  # cannot be sorted by
    assert page.table.horizontalHeader().sortIndicatorSection() == home
    assert [row[0] for row in shown()] == ["TA-3", "TA-1", "TA-4", "TA-2"]
    page.table.sortByColumn(home, Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in shown()] == ["TA-2", "TA-4", "TA-1", "TA-3"]
    ops.changed.emit(workspace.money.set_home("USD", {"EUR": "1.08"}).changes)
    assert model.headerData(home, Qt.Orientation.Horizontal) == "Total (USD)"
    # 700.00 EUR x 1.08 = 756.00 USD, an estimate; TA-1 in USD is its own total
    assert ("TA-2", "756.00 USD ~") in shown() and ("TA-1", "785.00 USD") in shown()


def test_a_new_order_list_is_sorted_by_created_newest_first(qtbot, workspace, ops):
    from ta_desktop.ui.orders.orders_page import OrdersPage

    page = OrdersPage(workspace, ops)
    qtbot.addWidget(page)
    header = page.table.horizontalHeader()
    assert page.model.columns[header.sortIndicatorSection()].key == "created_on"
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_a_payment_is_recorded_with_the_rate_actually_paid(qtbot, workspace, ops, messages,
                                                           monkeypatch):
    from ta_desktop.ui.orders.action_dialog import ActionDialog
    from ta_desktop.ui.orders.orders_page import OrdersPage

    supplier = workspace.suppliers.save(make_supplier()).value
    order_id = workspace.orders.save(make_order(supplier_id=supplier.id)).value.id
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(order_id, action)
    workspace.money.set_home("EUR", {"USD": "0.92"})
    page = OrdersPage(workspace, ops)
    qtbot.addWidget(page)
    page.open_order(order_id)
    typed = []

    def exec_(dialog):
        label = dialog.form.layout_.labelForField(dialog.rate_paid.parentWidget())
        assert label.text() == "Rate paid (EUR per 1 USD)"
        dialog.payment_status.setCurrentIndex(1)  # received
        for rate in ("-1", "0.90"):
            dialog.rate_paid.setText(rate)
            dialog._on_buttons_accepted()
            typed.append((dialog.form.error_text("rate_paid"), dialog.result()))
        return dialog.result()

    monkeypatch.setattr(ActionDialog, "exec", exec_)
    assert page.detail.perform(Action.RECORD_PAYMENT)
    assert typed == [("The rate paid must be above 0.", 0), ("The rate paid must be above 0.", 1)]
    [payment] = workspace.orders.get(order_id).payments
    assert workspace.money.sheet(order_id).payment_rates == {payment.id: D("0.90")}
    # 785.00 USD paid at 0.90 = 706.50 EUR: no estimate left
    assert page.detail.extension(HomeMoneyBar).label.text() == \
        "Total: 785.00 USD = 706.50 EUR at the rate paid  ·  Paid in full"
