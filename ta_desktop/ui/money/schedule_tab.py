"""The "Payment schedule" tab of an order (PAY-SCHED): its instalments (a share or an amount,
the event each falls due on, days from it), when each is due and which payments settled it.

The table is edited in place and kept with Save (one ``MoneyService.save_schedule`` through
``run_op``); a template (30/70, 50/50, 100% upfront) fills it. Due dates and settlement come
from ``core.domain.payment_schedule``."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.payment_schedule import (
    TEMPLATES,
    DueEvent,
    Instalment,
    PaymentSchedule,
    from_template,
    plan,
    schedule_problems,
)
from ta_desktop.core.domain.types import parse_decimal
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.money.tables import cell, table
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.order_tab import OrderAction, OrderScreen, OrderTab

NAME, SHARE, EVENT, DAYS, AMOUNT, DUE, PAID = range(7)


def share_text(item: Instalment) -> str:
    if item.percent is not None:
        return f"{item.percent.normalize():f}%"
    return "" if item.amount is None else f"{item.amount.normalize():f}"


def parse_share(text: str, number: int) -> tuple[Decimal | None, Decimal | None]:
    """(percent, amount) from "30%" or "1500.00"."""
    text = text.strip()
    if not text:
        raise ValidationError(f"Give instalment {number} a share (30%) or an amount.")
    if text.endswith("%"):
        return parse_decimal(text[:-1], f"percentage of instalment {number}"), None
    return None, parse_decimal(text, f"amount of instalment {number}")


class PaymentScheduleTab(OrderTab):
    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = self.tr("Payment schedule")
        self.workspace = workspace
        self.ops = ops
        self.order: Order | None = None
        self.schedule: PaymentSchedule | None = None
        self._filling = False
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.table = table([self.tr("Instalment"), self.tr("Share or amount"),
                             self.tr("Falls due"), self.tr("Days"), self.tr("Amount"),
                             self.tr("Due date"), self.tr("Paid")])
        self.table.itemChanged.connect(self._on_item_changed)
        self.template = QComboBox()
        self.template.addItems(list(TEMPLATES))
        self.use_template = QPushButton(self.tr("Use template"))
        self.use_template.clicked.connect(self._on_template_clicked)
        self.add_button = QPushButton(self.tr("Add instalment"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.save_button = QPushButton(self.tr("Save schedule"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("banner")
        self.status.setWordWrap(True)
        self.hint = QLabel(self.tr(
            "Share: a percentage (30%) or an amount in the order's currency. Days: after the "
            "event, or before the agreed shipment date for \"Before shipment\". Payments settle "
            "the instalments oldest first; the order counts as paid (DS-OPEN) from the first."))
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for widget in (self.template, self.use_template, self.add_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)

    # --- showing ------------------------------------------------------------------------
    def set_order(self, order: Order | None) -> None:
        self.order = order
        saved = order is not None and order.id is not None
        self.setEnabled(saved)
        if not saved:
            self.schedule = None
            self.table.setRowCount(0)
            self.heading.setText(self.tr("Payment schedule"))
            self.status.setText(self.tr("Save the order to plan its payments."))
            return
        self._show(self.workspace.money.schedule(order.id))

    def _show(self, schedule: PaymentSchedule) -> None:
        self.schedule = schedule
        self.heading.setText(self.tr("Payment schedule of {0} ({1})").format(
            self.order.order_number, fmt.money_of(self.order.total)))
        self._fill(schedule.instalments)
        self.save_button.setEnabled(False)

    def _fill(self, instalments: list[Instalment]) -> None:
        self._filling = True
        try:
            self.table.setRowCount(len(instalments))
            for row, item in enumerate(instalments):
                self.table.setItem(row, NAME, cell(item.label, editable=True))
                self.table.setItem(row, SHARE, cell(share_text(item), numeric=True,
                                                     editable=True))
                events = QComboBox()
                for event in DueEvent:
                    events.addItem(event.label, event.value)
                events.setCurrentIndex(list(DueEvent).index(item.event))
                events.currentIndexChanged.connect(self._on_edited)
                self.table.setCellWidget(row, EVENT, events)
                self.table.setItem(row, DAYS, cell(str(item.days), numeric=True,
                                                    editable=True))
            self._fill_figures(instalments)
        finally:
            self._filling = False

    def _fill_figures(self, instalments: list[Instalment]) -> None:
        """Amounts, due dates and payments of the instalments as typed (when they read)."""
        states = plan(self.order, instalments) if instalments else []
        for row in range(self.table.rowCount()):
            state = states[row] if row < len(states) else None
            due = "" if state is None else (
                self.tr("when its event happens") if state.due is None else
                fmt.day(state.due) + (self.tr(" (estimate)") if state.estimate else ""))
            paid = "" if state is None else (
                self.tr("paid {0}").format(fmt.day(state.settled_on)) if state.settled else
                self.tr("{0} of {1}").format(fmt.money_of(state.paid),
                                             fmt.money_of(state.amount)))
            amount = fmt.money_of(state.amount) if state else ""
            for column, text in ((AMOUNT, amount), (DUE, due), (PAID, paid)):
                self.table.setItem(row, column, cell(text, numeric=column == AMOUNT))
        open_states = [s for s in states if not s.settled]
        problems = schedule_problems(self.order.total, instalments)
        if problems:  # typed so, or the order total changed since it was kept
            self.status.setText(next(iter(problems.values())))
            return
        self.status.setText(
            self.tr("No schedule: the order is paid in one payment.") if not states else
            self.tr("Fully paid.") if not open_states else
            self.tr("Still to pay: {0}.").format(", ".join(
                f"{s.instalment.label} {fmt.money_of(s.remaining)}"
                + (f" by {fmt.day(s.due)}" if s.due else "") for s in open_states)))

    # --- editing ------------------------------------------------------------------------
    def typed(self) -> list[Instalment]:
        """The instalments as typed; a ValidationError says which cell is wrong."""
        items = []
        for row in range(self.table.rowCount()):
            number = row + 1
            percent, amount = parse_share(self.table.item(row, SHARE).text(), number)
            try:
                days = int(self.table.item(row, DAYS).text().strip() or 0)
            except ValueError:
                raise ValidationError(f"The days of instalment {number} must be a whole "
                                      "number.") from None
            event = DueEvent(self.table.cellWidget(row, EVENT).currentData())
            kept = self.schedule.instalments[row].id if self.schedule and \
                row < len(self.schedule.instalments) else None
            items.append(Instalment(self.table.item(row, NAME).text(), event, percent, amount,
                                    days, id=kept))
        return items

    def _on_edited(self, *_args) -> None:
        if self._filling:
            return
        self.save_button.setEnabled(True)
        try:
            instalments = self.typed()
        except ValidationError:
            return
        self._filling = True
        try:
            self._fill_figures(instalments)
        finally:
            self._filling = False

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() in (NAME, SHARE, DAYS):
            self._on_edited()

    def _on_template_clicked(self) -> None:
        self._fill(from_template(self.template.currentText()))
        self.save_button.setEnabled(True)

    def _on_add_clicked(self) -> None:
        current = [*self.typed_or_none(), Instalment(self.tr("Balance"),
                                                     DueEvent.BEFORE_SHIPMENT, Decimal(0))]
        self._fill(current)
        self.save_button.setEnabled(True)

    def typed_or_none(self) -> list[Instalment]:
        try:
            return self.typed()
        except ValidationError:
            return list(self.schedule.instalments) if self.schedule else []

    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._on_edited()

    def save(self) -> bool:
        if self.schedule is None:
            return False
        order_id, version = self.schedule.order_id, self.schedule.version

        def run():
            return self.workspace.money.save_schedule(
                PaymentSchedule(order_id, self.typed(), version))

        return self.ops.run_op(self, run, self._show,
                               on_reload=lambda: self._show(self.workspace.money.schedule(
                                   order_id)))


def payment_schedule_extension(_screen: OrderScreen, workspace: Workspace,
                               ops: Operations) -> list[OrderTab | OrderAction]:
    return [PaymentScheduleTab(workspace, ops)]
