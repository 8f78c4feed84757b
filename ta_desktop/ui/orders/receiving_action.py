""""Receiving…" on the order screen: how the goods travel, the "confirm receipt by" date the
platform shows on the order (RC-WINDOW) and the day they arrived (DS-WINDOW).

Until the platform's date is entered, every date drawn from the receiving window is an estimate
from the rule profile's default for the shipping method, and says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.receiving import default_receiving_days, shipped_on
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import ShippingMethod
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.action_dialog import combo_of, date_edit, from_qdate
from ta_desktop.ui.orders.order_tab import OrderAction, OrderScreen, OrderTab
from ta_desktop.ui.widgets.form import ValidatedForm


class _OptionalDate(QWidget):
    """A date that may be left out: a check box, then the picked date."""

    def __init__(self, text: str, day: date | None, default: date, latest: date | None = None):
        super().__init__()
        self.given = QCheckBox(text)
        self.edit: QDateEdit = date_edit(day or default, latest)
        self.given.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.given.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.given)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.given.isChecked() else None


class ReceivingDialog(QDialog):
    def __init__(self, order, profile: RuleProfile, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receiving — %1").replace("%1", order.order_number))
        self.form = ValidatedForm()
        none = self.tr("Not known yet (estimate: %1 days)").replace(
            "%1", str(default_receiving_days(profile, None)))
        self.method = self.form.add_field("shipping_method", self.tr("Shipping method"), combo_of(
            [(none, None)] + [(self.tr("%1 (estimate: %2 days)").replace("%1", m.label)
                               .replace("%2", str(default_receiving_days(profile, m))), m)
                              for m in ShippingMethod]))
        if order.shipping_method is not None:
            self.method.setCurrentIndex(list(ShippingMethod).index(order.shipping_method) + 1)
        start = shipped_on(order) or today
        self.receipt_by = self.form.add_field(
            "confirm_receipt_by", self.tr("Confirm receipt by"),
            _OptionalDate(self.tr("as the platform shows it"), order.confirm_receipt_by, start))
        self.arrived = self.form.add_field(
            "arrived_on", self.tr("Goods arrived on"),
            _OptionalDate(self.tr("recorded"), order.arrived_on, today, latest=today))
        hint = QLabel(self.tr(
            "RC-WINDOW: the guide does not say how long you have to confirm delivery; the "
            "platform shows a \"confirm receipt by\" date on the order. Until you copy it here, "
            "the app shows an estimate for the shipping method. DS-WINDOW: the last day to open "
            "a dispute counts from the earlier of the arrival and the delivery confirmation."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        return {"shipping_method": self.method.currentData(),
                "confirm_receipt_by": self.receipt_by.value(),
                "arrived_on": self.arrived.value()}


AskReceiving = Callable[[QWidget, Any, RuleProfile, date], dict[str, Any] | None]


def ask_receiving(parent: QWidget, order, profile: RuleProfile, today: date
                  ) -> dict[str, Any] | None:
    dialog = ReceivingDialog(order, profile, today, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    values = dialog.values()
    dialog.deleteLater()
    return values if accepted else None


class ReceivingAction(OrderAction):
    def __init__(self, screen: OrderScreen, workspace: Workspace, ops: Operations,
                 ask: AskReceiving = ask_receiving):
        super().__init__("", self.record, screen)
        self.setText(self.tr("Receiving…"))
        self.setToolTip(self.tr("Shipping method, the platform's \"confirm receipt by\" date "
                                "and the arrival date"))
        self.screen, self.workspace, self.ops, self.ask = screen, workspace, ops, ask

    def record(self) -> bool:
        order = self.screen.order
        if order is None or order.id is None or not self.screen.can_leave():
            return False
        order = self.screen.order
        values = self.ask(self.screen, order, self.workspace.profile, self.workspace.today())
        if values is None:
            return False
        order_id = order.id
        return self.ops.run_op(self.screen, lambda: self.workspace.orders.record_receiving(
            order_id, **values))


def receiving_extension(screen: OrderScreen, workspace: Workspace,
                        ops: Operations) -> list[OrderTab | OrderAction]:
    return [ReceivingAction(screen, workspace, ops)]
