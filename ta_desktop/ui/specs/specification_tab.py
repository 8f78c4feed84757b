"""The order's "Specification" tab: the spec editor on the order's specification, which is part
of the contract, so it is edited, saved and reverted with the order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.specs import sections_on_order
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.order_tab import (
    LazyTab,
    OrderAction,
    OrderScreen,
    OrderTab,
    Placement,
)
from ta_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ta_desktop.core.domain.speclint import LintReport


class SpecificationTab(OrderTab):
    placement = Placement.CONTRACT

    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 tasks: TaskRunner | None = None):
        super().__init__(parent)
        self.title = self.tr("Specification")
        self.workspace = workspace
        # The editor (and the linter it loads) when the tab is first shown, not at start-up.
        from ta_desktop.ui.specs.spec_editor import SpecEditorWidget

        self.editor = SpecEditorWidget(tasks=tasks)
        self.editor.spec_changed.connect(self.changed)
        self.editor.report_changed.connect(self._on_editor_report_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)

    def set_order(self, order: Order | None) -> None:
        if order is None:
            self.editor.set_text("")
            return
        editable = self.workspace.orders.actions(order)[Action.EDIT].allowed
        self.editor.set_provided(self._sections_on_order(order))
        self.editor.set_contract_facts(
            order.shipment_date, sum(line.quantity for line in order.lines) or None)
        self.editor.set_text(order.spec_text)
        self.editor.set_read_only(not editable)

    def apply_to(self, order: Order) -> None:
        order.spec_text = self.editor.text()

    def _sections_on_order(self, order: Order) -> dict[str, str]:
        """What the order states itself, so the specification need not repeat it."""
        where = {"quantity": self.tr("the order lines")}
        if order.shipment_date:
            where["shipment_date"] = order.shipment_date.isoformat()
        return {name: where[name] for name in sections_on_order(order)}

    def _on_editor_report_changed(self, report: LintReport) -> None:
        title = self.tr("Specification")
        if self.editor.text().strip():
            title = self.tr("Specification · {0}").format(report.score)
        self.title_changed.emit(title)


def specification_extension(_screen: OrderScreen, workspace: Workspace,
                            ops: Operations) -> list[OrderTab | OrderAction]:
    return [LazyTab(SpecificationTab, lambda: SpecificationTab(workspace, tasks=ops.tasks),
                    QCoreApplication.translate("SpecificationTab", "Specification"))]
