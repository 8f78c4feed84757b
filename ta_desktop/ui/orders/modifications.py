"""MOD-REQ on the order screen: "Request modification" asks what is to change (shipment date,
lines with quantities and prices, specification); the Modifications tab lists the requests and
records the supplier's answer. And "Apply current rules…": which rule version the order
follows, after a preview of the deadlines that would move."""

from __future__ import annotations

import copy
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.modifications import ModificationRequest, differences
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.action_dialog import RecordDialog, combo_of, date_edit, from_qdate
from ta_desktop.ui.orders.lines_model import OrderLinesModel
from ta_desktop.ui.orders.order_tab import OrderAction, OrderScreen, OrderTab


class ModificationDialog(RecordDialog):
    """What the buyer asks the supplier to change; only the ticked parts are part of it."""

    def __init__(self, order: Order, today: date, parent: QWidget | None = None):
        super().__init__(Action.REQUEST_MODIFICATION.label, order, today, parent)
        self.change_date = QCheckBox(self.tr("New shipment date"))
        self.shipment = date_edit(order.shipment_date or today)
        self.form.add_field("shipment_date", self.change_date, self.shipment)
        self.change_lines = QCheckBox(self.tr("Change lines, quantities or prices"))
        self.lines = OrderLinesModel(self)
        self.lines.set_lines(copy.deepcopy(order.lines), order.currency, True)
        self.lines_view = QTableView()
        self.lines_view.setModel(self.lines)
        self.lines_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        add = QPushButton(self.tr("Add line"))
        add.clicked.connect(lambda: self.lines.add_line())
        remove = QPushButton(self.tr("Remove line"))
        remove.clicked.connect(
            lambda: self.lines.remove_line(self.lines_view.currentIndex().row()))
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.lines_view)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.form.add_field("lines", self.change_lines, box)
        self.change_spec = QCheckBox(self.tr("Replace the specification"))
        self.spec = QPlainTextEdit(order.spec_text)
        self.form.add_field("spec_text", self.change_spec, self.spec)
        self.add_hint(self.tr("MOD-REQ: the order changes only when the supplier accepts; "
                              "record the answer in the Modifications tab."))
        self.finish(self.tr("Record request"))
        self.resize(720, 560)

    def request(self) -> ModificationRequest:
        recorded = self.recorded()
        request = ModificationRequest(self.order.id, recorded["on"], reason=recorded["note"])
        if self.change_date.isChecked():
            request.shipment_date = from_qdate(self.shipment.date())
        if self.change_lines.isChecked():
            errors = self.lines.errors()
            if errors:
                raise ValidationError("A line is not valid.", field_errors={
                    "lines": next(iter(errors.values()))})
            request.lines = self.lines.lines()
        if self.change_spec.isChecked():
            request.spec_text = self.spec.toPlainText()
        return request

    def _on_buttons_accepted(self) -> None:
        try:
            self.result_kwargs = {"request": self.request()}
        except ValidationError as error:
            self.form.show_errors(error.field_errors or {"shipment_date": error.message})
            return
        self.accept()


class AnswerDialog(RecordDialog):
    """The supplier's answer to the pending request."""

    def __init__(self, order: Order, request: ModificationRequest, today: date,
                 parent: QWidget | None = None):
        super().__init__(self.tr("Supplier's answer"), order, today, parent)
        changes = QLabel("\n".join(differences(order, request)) or self.tr("(no change left)"))
        changes.setWordWrap(True)
        self.form.add_field("changes", self.tr("Requested"), changes)
        self.answer = self.form.add_field("accepted", self.tr("Answer"), combo_of([
            (self.tr("Accepted: change the order"), True),
            (self.tr("Declined: nothing changes"), False)]))
        self.finish(self.tr("Record answer"))

    def _on_buttons_accepted(self) -> None:
        self.result_kwargs = {**self.recorded(), "accepted": bool(self.answer.currentData())}
        self.accept()


class ModificationsTab(OrderTab):
    HEADERS = ("Requested", "What changes", "Answer", "Answered", "Note")

    def __init__(self, screen: OrderScreen, workspace: Workspace, ops: Operations):
        super().__init__()
        self.title = self.tr("Modifications")
        self.screen, self.workspace, self.ops = screen, workspace, ops
        self.requests: list[ModificationRequest] = []
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.answer_button = QPushButton(self.tr("Record the supplier's answer…"))
        self.answer_button.clicked.connect(self._on_answer_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.answer_button)
        layout.addLayout(row)

    def set_order(self, order: Order | None) -> None:
        self.order = order
        saved = order is not None and order.id is not None
        self.requests = self.workspace.modifications.for_order(order.id) if saved else []
        self.table.setRowCount(len(self.requests))
        for row, item in enumerate(reversed(self.requests)):
            what = item.applied if item.applied else differences(order, item) if item.pending \
                else []
            texts = (fmt.day(item.requested_on), "\n".join(what), fmt.label(item.status),
                     fmt.day(item.answered_on) if item.answered_on else "",
                     "; ".join(t for t in (item.reason, item.answer_note) if t))
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.answer_button.setEnabled(self.pending() is not None)

    def pending(self) -> ModificationRequest | None:
        return next((item for item in self.requests if item.pending), None)

    def _on_answer_clicked(self) -> None:
        request = self.pending()
        if request is None or not self.screen.can_leave():
            return
        dialog = AnswerDialog(self.order, request, self.workspace.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kwargs = dialog.result_kwargs
        self.ops.run_op(self, lambda: self.workspace.modifications.answer(request.id, **kwargs))


def request_modification(screen: OrderScreen, workspace: Workspace, ops: Operations) -> bool:
    order = screen.order
    dialog = ModificationDialog(order, workspace.today(), screen)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    request = dialog.result_kwargs["request"]
    return ops.run_op(screen, lambda: workspace.modifications.request(request))


def apply_current_rules(screen: OrderScreen, workspace: Workspace, ops: Operations) -> bool:
    """Preview the deadlines the rules in force would move on this order, then apply them."""
    order = screen.order
    if order is None or order.id is None:
        return False
    current = workspace.rules.current()
    if order.profile_version in (None, current.version):
        ops.messages.info(screen, screen.tr("Rules of this order"), screen.tr(
            "Order {0} already follows the rules in force (version {1}).").format(
            order.order_number, current.version))
        return False
    moves = workspace.rules.preview(order.id, workspace.disputes.order_deadlines)
    listed = "\n".join(str(move) for move in moves) or screen.tr("No deadline would move.")
    if not ops.messages.confirm(screen, screen.tr("Apply the rules in force"), screen.tr(
            "Order {0} follows version {1} of the rules. Version {2} would move:\n\n{3}\n\n"
            "Apply version {2} to this order?").format(
            order.order_number, order.profile_version, current.version, listed)):
        return False
    return ops.run_op(screen, lambda: workspace.rules.apply(order.id, current.version))


def modifications_extension(screen: OrderScreen, workspace: Workspace,
                            ops: Operations) -> list[OrderTab | OrderAction]:
    return [
        ModificationsTab(screen, workspace, ops),
        OrderAction(screen.tr("Request modification"),
                    lambda: request_modification(screen, workspace, ops), screen,
                    step=Action.REQUEST_MODIFICATION),
        OrderAction(screen.tr("Apply current rules…"),
                    lambda: apply_current_rules(screen, workspace, ops), screen),
    ]
