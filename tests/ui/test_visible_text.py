"""What a buyer reads on the order page with the demo loaded: no exponent ("9E+3 USD"), no raw
enum value ("received", "awaiting_payment"), no "None" in any cell, label, button or tooltip."""

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from ta_desktop.core.services.demo import load_demo
from ta_desktop.ui.orders.orders_page import OrdersPage

E_NOTATION = re.compile(r"\d[Ee][+-]?\d")
# snake_case words; file names (design_draft_a.pdf) and addresses are the user's own text.
SNAKE = re.compile(r"(?<![\w./@-])[a-z]+(?:_[a-z0-9]+)+(?![\w.@/-])")
NONE = re.compile(r"\bNone\b")


def _count(method) -> int:
    """A model's row or column count; a list model has one column (QListWidget's model keeps
    its columnCount private)."""
    try:
        return method()
    except TypeError:
        return 1


def _texts(widget: QWidget):
    """(where, text) for every label, button, tab, table cell and item view row shown."""
    for label in widget.findChildren(QLabel):
        if label.isVisibleTo(widget):
            yield f"label {label.objectName()}", label.text()
    for button in widget.findChildren(QAbstractButton):
        if button.isVisibleTo(widget):
            yield "button", button.text()
    for tabs in widget.findChildren(QTabWidget):
        for i in range(tabs.count()):
            yield "tab", tabs.tabText(i)
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        columns = _count(model.columnCount)
        for column in range(columns):
            yield "header", str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for row in range(min(_count(model.rowCount), 60)):
            for column in range(columns):
                index = model.index(row, column)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        where = type(view).__name__
                        if isinstance(view, QTableWidget):
                            head = view.horizontalHeaderItem(column)
                            where += f" {head.text() if head else column}"
                        yield where, value


def _problems(widget: QWidget) -> list[str]:
    found = []
    for where, text in _texts(widget):
        for name, pattern in (("exponent", E_NOTATION), ("snake_case", SNAKE), ("None", NONE)):
            if pattern.search(text):
                found.append(f"{name} in {where}: {text!r}")
    return found


def test_no_exponent_raw_value_or_none_on_any_demo_order(qtbot, workspace, ops):
    load_demo(workspace)
    page = OrdersPage(workspace, ops)
    qtbot.addWidget(page)
    page.resize(1600, 1000)
    page.show()
    page.refresh()
    problems = []
    orders = [page.model.order_row(row) for row in range(page.model.rowCount())]
    assert len(orders) >= 10
    payments_seen = 0
    for row in orders:
        page.open_order(row.id)
        payments_seen += page.detail.payments.rowCount()
        problems += [f"{row.order_number}: {p}" for p in _problems(page)]
    assert payments_seen, "the demo has payments to look at"
    assert not problems, "\n".join(sorted(set(problems)))


def test_payments_and_history_read_as_words_and_money(qtbot, workspace, ops):
    load_demo(workspace)
    page = OrdersPage(workspace, ops)
    qtbot.addWidget(page)
    page.refresh()
    for row in range(page.model.rowCount()):
        page.open_order(page.model.order_row(row).id)
        if page.detail.payments.rowCount():
            break
    payments = page.detail.payments
    amount = payments.item(0, 1).text()
    assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d{2} [A-Z]{3}", amount), amount
    assert payments.item(0, 2).text()[:1].isupper()


def test_settings_dialogs_suppliers_and_what_needs_me_read_as_words(qtbot, workspace, ops):
    from ta_desktop.ui.home.home_page import HomePage
    from ta_desktop.ui.settings.payment_fees_dialog import PaymentFeesDialog
    from ta_desktop.ui.settings.rules_dialog import RulesDialog
    from ta_desktop.ui.settings.team_calendar_dialog import TeamCalendarDialog
    from ta_desktop.ui.suppliers.suppliers_page import SuppliersPage

    load_demo(workspace)
    suppliers = SuppliersPage(workspace, ops)
    home = HomePage(workspace, ops)
    home.refresh()
    screens = [RulesDialog(workspace.settings, ops),
               PaymentFeesDialog(workspace.settings, workspace.profile, ops),
               TeamCalendarDialog(workspace, ops), suppliers, home]
    problems = []
    for screen in screens:
        qtbot.addWidget(screen)
        screen.resize(1366, 768)
        screen.show()
        problems += [f"{type(screen).__name__}: {p}" for p in _problems(screen)]
    assert not problems, "\n".join(sorted(set(problems)))
    suppliers_shown = [home.model.index(r, 5).data() for r in range(home.model.rowCount())]
    assert suppliers_shown and all(suppliers_shown), "every demo deadline has its supplier"
