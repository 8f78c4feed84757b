"""The "Payment methods" view of an order: what each method would cost, what a limit blocks,
and the supplier's estimated Trade Assurance fee. Thin over ``core.domain.fees``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.fees import MethodQuote, quotes, supplier_fee
from ta_desktop.core.services.buyer_settings import load_fee_schedule
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.order_tab import LazyTab, OrderAction, OrderScreen, OrderTab
from ta_desktop.ui.settings.payment_fees_dialog import PaymentFeesDialog
from ta_desktop.ui.theme import DANGER, WARNING


class PaymentMethodsTab(OrderTab):
    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = self.tr("Payment methods")
        self.workspace = workspace
        self.ops = ops
        self.order: Order | None = None
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([
            self.tr("Method"), self.tr("Fee you pay"), self.tr("Limit")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(self._on_table_current_changed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.details = QLabel()
        self.details.setObjectName("banner")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quotes: list[MethodQuote] = []
        self.supplier_fee = QLabel()
        self.supplier_fee.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.settings_button = QPushButton(self.tr("Fee settings…"))
        self.settings_button.clicked.connect(self._on_settings_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.supplier_fee)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.settings_button)
        layout.addLayout(bottom)

    def set_order(self, order: Order | None) -> None:
        self.order = order
        self.setEnabled(order is not None)
        if order is None:
            self.table.setRowCount(0)
            self.heading.clear()
            self.supplier_fee.clear()
            self.hint.clear()
            self.details.clear()
            self.quotes = []
            return
        profile = self.workspace.profile
        schedule = load_fee_schedule(self.workspace.settings, profile)
        total = order.total
        self.heading.setText(self.tr("Paying {0} — what each method costs").format(total))
        self.quotes = quotes(total, profile, schedule)
        self.table.setRowCount(len(self.quotes))
        chosen = 0
        for row, item in enumerate(self.quotes):
            self._fill_row(row, item, item.method == order.payment_method)
            if item.method == order.payment_method:
                chosen = row
        self.table.setCurrentCell(chosen, 0)
        self._on_table_current_changed(chosen)
        supplier = self.workspace.suppliers.find(order.supplier_id)
        fee = supplier_fee(total, profile, schedule, supplier)
        span = str(fee.low) if fee.low == fee.high else f"{fee.low} – {fee.high}"
        self.supplier_fee.setText(self.tr("Supplier's Trade Assurance fee (estimate): {0}. {1}")
                                  .format(span, fee.note))
        rate = schedule.usd_rate(order.currency)
        self.hint.setText("" if rate is not None else self.tr(
            "No exchange rate for {0}: limits and caps in US dollars are not checked. Enter "
            "one in the fee settings.").format(order.currency))

    def _fill_row(self, row: int, item: MethodQuote, chosen: bool) -> None:
        method = item.method.label + (self.tr("  (chosen)") if chosen else "")
        if not item.limit:
            limit = "—"
        else:
            limit = {True: self.tr("Blocked"), None: self.tr("Not checked"),
                     False: self.tr("OK")}[item.blocked]
        fee = str(item.fee) if item.fee is not None else self.tr("unknown")
        for column, text in enumerate((method, fee, limit)):
            cell = QTableWidgetItem(text)
            cell.setToolTip(item.fee_text if column == 1 else item.limit or text)
            if column > 0:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            if chosen:
                font = QFont(cell.font())
                font.setBold(True)
                cell.setFont(font)
            if column == 2 and item.blocked is not False:
                colour = DANGER if item.blocked else WARNING
                cell.setForeground(QBrush(colour))
            cell.setData(Qt.ItemDataRole.UserRole, item.method.value)
            self.table.setItem(row, column, cell)

    def _on_table_current_changed(self, row: int, *_columns) -> None:
        if not 0 <= row < len(self.quotes):
            self.details.clear()
            return
        item = self.quotes[row]
        lines = [f"<b>{item.method.label}</b>: {item.fee_text}"]
        if item.limit:
            lines.append(item.limit)
        lines += [str(notice) for notice in item.notices]
        self.details.setText("<br>".join(lines))

    def _on_settings_clicked(self) -> None:
        dialog = PaymentFeesDialog(self.workspace.settings, self.workspace.profile, self.ops,
                                   self)
        if dialog.exec():
            self.set_order(self.order)  # also over unsaved edits, which keep the order as it is


def payment_methods_extension(_screen: OrderScreen, workspace: Workspace,
                              ops: Operations) -> list[OrderTab | OrderAction]:
    return [LazyTab(PaymentMethodsTab, lambda: PaymentMethodsTab(workspace, ops),
                    QCoreApplication.translate("PaymentMethodsTab", "Payment methods"))]
