"""The order's total and balance due in the buyer's home currency, above the order's tabs:
"Total: 5,100.00 USD ≈ 4,743.00 EUR (estimate at today's rate)". The total is at the rates paid
where they were recorded; the balance is not paid yet, so it is at today's rate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.order_tab import OrderAction, OrderScreen, OrderTab, Placement


class HomeMoneyBar(OrderTab):
    """One line under the order's header; hidden for a new order."""

    placement = Placement.ABOVE_TABS

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        # Shown (empty) while the screen is built, so the pane above the tabs makes room for it.

    def set_order(self, order: Order | None) -> None:
        if order is None or order.id is None:
            self.hide()
            return
        figures = self.workspace.money.in_home(order)
        parts = [self.tr("Total: {0}").format(fmt.money_and_home(order.total, figures.total))]
        if figures.balance.amount:
            parts.append(self.tr("Balance due: {0}").format(
                fmt.money_and_home(figures.balance, figures.balance_home)))
        elif order.status != OrderStatus.CANCELLED:
            parts.append(self.tr("Paid in full"))
        missing = sorted({*figures.total.missing, *figures.balance_home.missing})
        if missing:
            parts.append(self.tr("enter today's rate of {0} (Settings → Home currency and "
                                 "spend…) to see it in {1}").format(
                ", ".join(missing), self.workspace.money.rates().home))
        self.label.setText("  ·  ".join(parts))
        self.show()


def home_figures_extension(_screen: OrderScreen, workspace: Workspace,
                           _ops: Operations) -> list[OrderTab | OrderAction]:
    return [HomeMoneyBar(workspace)]
