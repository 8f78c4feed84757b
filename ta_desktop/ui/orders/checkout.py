"""The checkout confirmation ("Send to supplier" asks once, listing the specification's readiness,
the missing sections, whether an inspection is booked and what the supplier, LEAD and SUP-CERT
rules warn about: ``services.checkout``), and the SUP-CERT warning above an order whose shipment
date falls after the expiry of a relevant supplier certificate."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ta_desktop.core.domain.certificates import shipment_warnings
from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.errors import NotFound
from ta_desktop.core.services.checkout import send_review
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.order_tab import OrderAction, OrderScreen, OrderTab, Placement


class CertificateWarningBar(OrderTab):
    """Shown above the tabs only while the order has a SUP-CERT warning."""

    placement = Placement.ABOVE_TABS

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.label = QLabel()
        self.label.setObjectName("banner")
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.hide()

    def set_order(self, order: Order | None) -> None:
        warnings = []
        if order is not None and order.supplier_id and not order.status.is_final:
            try:
                certificates = self.workspace.suppliers.get(order.supplier_id).certificates
            except NotFound:
                certificates = []
            warnings = [w.text for w in shipment_warnings(order, certificates)]
        self.label.setText("\n".join(warnings))
        self.setVisible(bool(warnings))


def checkout_text(workspace: Workspace, order_id: int) -> tuple[str, bool]:
    """The confirmation's text and whether it warns (a low score, no inspection, a rule's
    caution)."""
    review = send_review(workspace, order_id)
    return review.text(), review.needs_confirmation


def checkout_extension(screen: OrderScreen, workspace: Workspace,
                       ops: Operations) -> list[OrderTab | OrderAction]:
    bar = CertificateWarningBar(workspace)

    def send() -> bool:
        order = screen.order
        if order is None or order.id is None or not screen.can_leave():
            return False
        order_id = order.id
        text, warns = checkout_text(workspace, order_id)
        question = (bar.tr("Send order {0} to the supplier anyway?") if warns else
                    bar.tr("Send order {0} to the supplier?")).format(order.order_number)
        if not ops.messages.confirm(bar, Action.SUBMIT.label, f"{text}\n\n{question}"):
            return False
        return ops.run_op(bar, lambda: workspace.orders.perform(order_id, Action.SUBMIT))

    return [bar, OrderAction(Action.SUBMIT.label, send, bar, step=Action.SUBMIT)]
