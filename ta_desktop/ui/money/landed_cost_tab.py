"""The "Landed cost" tab of an order (LAND): its costs, how they are shared among the lines,
the rate paid for each payment, and what each line and unit costs in the home currency.

Every edit is saved at once (one ``MoneyService.save_sheet`` through ``run_op``); the figures
come from ``core.domain.landed_cost``, never from the widgets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.landed_cost import Basis, Cost, CostKind, LandedSheet, LineMeasure
from ta_desktop.core.domain.types import PaymentStatus
from ta_desktop.core.services.money import OrderLanded
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.money.cost_dialog import CostDialog, optional_decimal
from ta_desktop.ui.money.summary_option import landed_in_summary, set_landed_in_summary
from ta_desktop.ui.money.tables import cell, table
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.order_tab import OrderAction, OrderScreen, OrderTab


def _plain(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


class LandedCostTab(OrderTab):
    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = self.tr("Landed cost")
        self.workspace = workspace
        self.ops = ops
        self.shown: OrderLanded | None = None
        self._filling = False
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.summary = QLabel()
        self.summary.setObjectName("banner")
        self.summary.setWordWrap(True)
        self.costs = table([self.tr("Cost"), self.tr("Amount"), self.tr("Rate paid"),
                             self.tr("In home currency")])
        self.costs.doubleClicked.connect(lambda _index: self._on_edit_clicked())
        self.add_button = QPushButton(self.tr("Add cost…"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.basis = QComboBox()
        for basis in Basis:
            self.basis.addItem(basis.label, basis.value)
        self.basis.currentIndexChanged.connect(self._on_basis_changed)
        self.lines = table([self.tr("Line"), self.tr("Quantity"), self.tr("Weight (kg)"),
                             self.tr("Volume (m³)"), self.tr("Goods"), self.tr("Costs"),
                             self.tr("Landed"), self.tr("Per unit")])
        self.lines.itemChanged.connect(self._on_line_edited)
        self.payments = table([self.tr("Payment"), self.tr("Amount"),
                                self.tr("Rate paid (1 unit in home currency)")])
        self.payments.itemChanged.connect(self._on_payment_edited)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.in_summary = QCheckBox(self.tr("Show the landed cost in the contract summaries I "
                                            "print or save"))
        self.in_summary.setToolTip(self.tr("Your own figure: leave it off for a summary you "
                                           "send to the supplier."))
        self.in_summary.setChecked(landed_in_summary())
        self.in_summary.toggled.connect(set_landed_in_summary)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("Share the costs")))
        buttons.addWidget(self.basis)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.costs, 1)
        top_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        for widget in (top, self.lines, self.payments):
            split.addWidget(widget)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.in_summary)
        layout.addLayout(bottom)

    # --- showing ------------------------------------------------------------------------
    def set_order(self, order: Order | None) -> None:
        saved = order is not None and order.id is not None
        self.setEnabled(saved)
        if not saved:
            self.shown = None
            self.heading.setText(self.tr("Landed cost"))
            self.summary.setText(self.tr("Save the order to record its landed costs."))
            for table in (self.costs, self.lines, self.payments):
                table.setRowCount(0)
            self.hint.clear()
            return
        self._show(self.workspace.money.landed(order.id))

    def _show(self, landed: OrderLanded) -> None:
        self.shown = landed
        home = self.workspace.money.rates().home
        result = landed.result
        self._filling = True
        try:
            self.heading.setText(self.tr("Landed cost of {0} in {1}").format(
                landed.order.order_number, home))
            self.basis.setCurrentIndex(list(Basis).index(landed.sheet.basis))
            self.costs.horizontalHeaderItem(3).setText(self.tr("In {0}").format(home))
            self.payments.horizontalHeaderItem(2).setText(
                self.tr("Rate paid (1 {0} in {1})").format(landed.order.currency, home))
            if result is None:
                self.summary.setText(landed.problem)
            else:
                estimate = self.tr(" — estimate: a part is at today's rate, not the rate "
                                   "paid") if result.estimate else ""
                self.summary.setText(self.tr("Goods {0} + costs {1} = <b>{2}</b>{3}").format(
                    fmt.money_of(result.goods), fmt.money_of(result.costs),
                    fmt.money_of(result.total), estimate))
            self._fill_costs(landed)
            self._fill_lines(landed)
            self._fill_payments(landed)
        finally:
            self._filling = False
        self.hint.setText(result.problem if result is not None and result.problem else self.tr(
            "Double-click a cost to change it. Weights, volumes and the rates paid are typed "
            "in the tables; import duty as a rate is a percentage of the goods."))

    def _fill_costs(self, landed: OrderLanded) -> None:
        sheet, result = landed.sheet, landed.result
        rows = list(result.rows) if result else []
        self.costs.setRowCount(len(rows) if result else len(sheet.costs))
        for row in range(self.costs.rowCount()):
            cost = sheet.costs[row] if row < len(sheet.costs) else None
            computed = rows[row] if row < len(rows) else None
            title = computed.title if computed else cost.title
            original = computed.original if computed else None
            amount = fmt.money_of(original) if original else (
                f"{fmt.number(cost.rate)}%" if cost and cost.rate is not None else "")
            paid = _plain(cost.paid_rate) if cost and cost.paid_rate else (
                self.tr("today's rate") if computed and computed.estimate else "")
            home = fmt.money_of(computed.home) if computed else "—"
            cells = (cell(title), cell(amount, numeric=True), cell(paid, numeric=True),
                     cell(home, numeric=True, tip=self.tr("estimate") if computed
                           and computed.estimate else ""))
            for column, item in enumerate(cells):
                if computed and not computed.included:
                    item.setForeground(self.palette().placeholderText())
                self.costs.setItem(row, column, item)
        self.edit_button.setEnabled(bool(sheet.costs))
        self.remove_button.setEnabled(bool(sheet.costs))

    def _fill_lines(self, landed: OrderLanded) -> None:
        order, sheet, result = landed.order, landed.sheet, landed.result
        figures = {id(x.line): x for x in result.lines} if result else {}
        self.lines.setRowCount(len(order.lines))
        for row, line in enumerate(order.lines):
            measure = sheet.measure(line.id)
            figure = figures.get(id(line))
            money = [fmt.money_of(getattr(figure, name)) if figure else "—"
                     for name in ("goods", "costs", "total")]
            per_unit = f"{fmt.price(figure.per_unit.amount, figure.per_unit.currency)} " \
                f"{figure.per_unit.currency}" if figure else "—"
            cells = [cell(line.product), cell(fmt.quantity(line.quantity, line.unit),
                                               numeric=True),
                     cell(_plain(measure.weight) if measure else "", numeric=True,
                           editable=True),
                     cell(_plain(measure.volume) if measure else "", numeric=True,
                           editable=True),
                     *(cell(text, numeric=True) for text in money),
                     cell(per_unit, numeric=True)]
            for column, item in enumerate(cells):
                self.lines.setItem(row, column, item)

    def _fill_payments(self, landed: OrderLanded) -> None:
        made = [p for p in landed.order.payments
                if p.status in (PaymentStatus.RECEIVED, PaymentStatus.PROCESSING)]
        self.payments.setRowCount(len(made))
        for row, payment in enumerate(made):
            rate = landed.sheet.payment_rates.get(payment.id)
            cells = (cell(fmt.day(payment.paid_on) + (f" · {payment.reference}"
                                                       if payment.reference else "")),
                     cell(fmt.money(payment.amount, landed.order.currency), numeric=True),
                     cell(_plain(rate), numeric=True, editable=True,
                           tip=self.tr("Empty: today's rate is used (an estimate).")))
            cells[0].setData(Qt.ItemDataRole.UserRole, payment.id)
            for column, item in enumerate(cells):
                self.payments.setItem(row, column, item)
        self.payments.setVisible(bool(made))

    # --- editing ------------------------------------------------------------------------
    def _save(self, change: Callable[[LandedSheet], LandedSheet]) -> None:
        """Save the shown sheet changed by ``change``; the stored one is shown again after."""
        if self.shown is None:
            return
        order_id = self.shown.order.id

        def run():
            return self.workspace.money.save_sheet(change(self.shown.sheet))

        self.ops.run_op(self, run, lambda _sheet: self._reload(order_id),
                        on_reload=lambda: self._reload(order_id))

    def _reload(self, order_id: int) -> None:
        self._show(self.workspace.money.landed(order_id))

    def _selected_cost(self) -> int | None:
        row = self.costs.currentRow()
        return row if self.shown and 0 <= row < len(self.shown.sheet.costs) else None

    def _on_add_clicked(self) -> None:
        home = self.workspace.money.rates().home
        currency = self.shown.order.currency if self.shown else home
        dialog = CostDialog(Cost(CostKind.FREIGHT, currency), home, self)
        if dialog.exec():
            self._save(lambda s: replace(s, costs=[*s.costs, dialog.cost]))

    def _on_edit_clicked(self) -> None:
        row = self._selected_cost()
        if row is None:
            return
        dialog = CostDialog(self.shown.sheet.costs[row], self.workspace.money.rates().home,
                            self)
        if dialog.exec():
            self._save(lambda s: replace(s, costs=[dialog.cost if i == row else c
                                                   for i, c in enumerate(s.costs)]))

    def _on_remove_clicked(self) -> None:
        row = self._selected_cost()
        if row is not None:
            self._save(lambda s: replace(s, costs=[c for i, c in enumerate(s.costs)
                                                   if i != row]))

    def _on_basis_changed(self, index: int) -> None:
        if not self._filling and self.shown is not None:
            basis = list(Basis)[index]
            self._save(lambda s: replace(s, basis=basis))

    def _on_line_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or self.shown is None or item.column() not in (2, 3):
            return
        line = self.shown.order.lines[item.row()]
        what = "weight" if item.column() == 2 else "volume"
        text = item.text()

        def change(sheet: LandedSheet) -> LandedSheet:
            value = optional_decimal(text, what)
            old = sheet.measure(line.id) or LineMeasure(line.id)
            new = replace(old, **{what: value})
            others = [m for m in sheet.measures if m.line_id != line.id]
            return replace(sheet, measures=[*others, new])

        self._save(change)

    def _on_payment_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or self.shown is None or item.column() != 2:
            return
        payment_id = self.payments.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        text = item.text()

        def change(sheet: LandedSheet) -> LandedSheet:
            rate = optional_decimal(text, "rate paid")
            rates = {k: v for k, v in sheet.payment_rates.items() if k != payment_id}
            if rate is not None:
                rates[payment_id] = rate
            return replace(sheet, payment_rates=rates)

        self._save(change)


def landed_cost_extension(_screen: OrderScreen, workspace: Workspace,
                          ops: Operations) -> list[OrderTab | OrderAction]:
    return [LandedCostTab(workspace, ops)]
