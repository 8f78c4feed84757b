"""The "Inspections" tab of an order: book an inspection (inspector, day, type, AQL plan), record
its result and report (copied into the store as evidence of the order), and from a failed one
open a dispute with the report as evidence. Inspections show on the order timeline too."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.inspections import (
    Inspection,
    InspectionResult,
    InspectionType,
    aql_plan_text,
    failure_claim_text,
)
from ta_desktop.core.domain.types import ClaimType, Party
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.disputes.dispute_dialog import DisputeDialog, DisputeStep
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.action_dialog import combo_of, date_edit, from_qdate
from ta_desktop.ui.orders.order_tab import OrderAction, OrderScreen, OrderTab
from ta_desktop.ui.suppliers.certificates_editor import pick_file
from ta_desktop.ui.theme import DANGER, SUCCESS
from ta_desktop.ui.widgets.dialog_parts import ok_cancel, row_of
from ta_desktop.ui.widgets.form import ValidatedForm, enum_data
from ta_desktop.ui.widgets.timeline_model import TimelineMarker, long_date

DEFAULT_AQL = "ISO 2859-1 level II, AQL 0 / 2.5 / 4.0"


class InspectionDialog(QDialog):
    """Book or record one inspection; ``report`` is a file the user picked (None: keep)."""

    def __init__(self, inspection: Inspection, lot: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Inspection"))
        self.inspection = inspection
        self.report: Path | None = None
        self.form = ValidatedForm()
        self.inspector = self.form.add_field("inspector", self.tr("Inspector"),
                                             QLineEdit(inspection.inspector))
        self.inspector.setPlaceholderText(self.tr("QIMA, SGS, Bureau Veritas, V-Trust…"))
        self.day = self.form.add_field("on", self.tr("Date"), date_edit(inspection.on))
        self.kind = self.form.add_field("kind", self.tr("Type"), combo_of(
            [(self.tr(k.label), k) for k in InspectionType]))
        self.kind.setCurrentIndex(list(InspectionType).index(inspection.kind))
        self.aql_plan = self.form.add_field("aql_plan", self.tr("AQL plan"),
                                            QLineEdit(inspection.aql_plan or (
                                                aql_plan_text(lot) if lot else DEFAULT_AQL)))
        self.result_box = self.form.add_field("result", self.tr("Result"), combo_of(
            [(self.tr(r.label), r) for r in InspectionResult]))
        self.result_box.setCurrentIndex(list(InspectionResult).index(inspection.result))
        self.report_label = QLabel(inspection.report_name or self.tr("no report"))
        attach = QPushButton(self.tr("Attach report…"))
        attach.clicked.connect(self._on_attach_clicked)
        self.form.add_field("report", self.tr("Report"), row_of(self.report_label, attach))
        self.note = self.form.add_field("note", self.tr("Note"), QLineEdit(inspection.note))
        ok_cancel(self, self.form, self._on_buttons_accepted)

    def _on_attach_clicked(self) -> None:
        path = pick_file(self, self.tr("Attach the inspection report"))
        if path is not None:
            self.report = path
            self.report_label.setText(path.name)

    def read(self) -> Inspection:
        """The inspection as filled in (the service validates it)."""
        i = self.inspection
        i.inspector = self.inspector.text().strip()
        i.on = from_qdate(self.day.date())
        i.kind = enum_data(self.kind, InspectionType)
        i.aql_plan = self.aql_plan.text().strip()
        i.result = enum_data(self.result_box, InspectionResult)
        i.note = self.note.text().strip()
        return i

    def _on_buttons_accepted(self) -> None:
        self.read()
        self.accept()


def edit_inspection(parent: QWidget, inspection: Inspection, lot: int = 0
                    ) -> tuple[Inspection, Path | None] | None:
    """The dialog, modal (the AQL plan proposed for a lot of ``lot`` items); tests replace
    this function."""
    dialog = InspectionDialog(inspection, lot, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.inspection, dialog.report


def ask_dispute(parent: QWidget, order: Order, today: date, claim_text: str) -> dict | None:
    """The "Open dispute" dialog, filled in for a quality claim; tests replace this function."""
    dialog = DisputeDialog(DisputeStep.OPEN, order, today, parent=parent)
    dialog.claim.setCurrentIndex(max(0, dialog.claim.findData(ClaimType.QUALITY)))
    dialog.claim_text.setPlainText(claim_text)
    return dialog.result_kwargs if dialog.exec() == QDialog.DialogCode.Accepted else None


def inspection_markers(inspections: list[Inspection]) -> list[TimelineMarker]:
    """Inspections on the order timeline: booked ones by the buyer, results by the inspector."""
    return [
        TimelineMarker(
            key=f"inspection-{i.id}", day=i.on,
            label=f"Inspection {i.result.label.lower()}" if i.result != InspectionResult.BOOKED
            else "Inspection",
            tooltip="<br>".join([
                f"<b>{html.escape(i.kind.label)} inspection</b>", long_date(i.on),
                html.escape(f"{i.inspector} · {i.result.label}"),
                *([html.escape(i.aql_plan)] if i.aql_plan else []),
                *([html.escape(f"Report: {i.report_name}")] if i.report_name else [])]),
            party=Party.BUYER if i.result == InspectionResult.BOOKED else Party.PLATFORM,
            payload=i)
        for i in inspections
    ]


class InspectionsTab(OrderTab):
    HEADERS = ("Date", "Type", "Inspector", "AQL plan", "Result", "Report")

    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = self.tr("Inspections")
        self.workspace, self.ops = workspace, ops
        self.order: Order | None = None
        self.inspections: list[Inspection] = []
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self._on_edit_clicked())
        self.table.currentCellChanged.connect(lambda *_: self._enable())
        self.hint = QLabel(self.tr(
            "Book a quality inspection before the order is placed: without one, the platform "
            "refuses quality refunds (refusal reason 2)."))
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.book_button = QPushButton(self.tr("Book inspection…"))
        self.edit_button = QPushButton(self.tr("Record result…"))
        self.report_button = QPushButton(self.tr("Open report"))
        self.dispute_button = QPushButton(self.tr("Open dispute with report…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        buttons = QHBoxLayout()
        for button, slot in ((self.book_button, self._on_book_clicked),
                             (self.edit_button, self._on_edit_clicked),
                             (self.report_button, self._on_report_clicked),
                             (self.dispute_button, self._on_dispute_clicked),
                             (self.delete_button, self._on_delete_clicked)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_order(self, order: Order | None) -> None:
        self.order = order
        saved = order is not None and order.id is not None
        self.inspections = self.workspace.inspections.for_order(order.id) if saved else []
        self.table.setRowCount(len(self.inspections))
        for row, i in enumerate(self.inspections):
            cells = (fmt.day(i.on), self.tr(i.kind.label), i.inspector, i.aql_plan,
                     self.tr(i.result.label), i.report_name)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4 and i.result != InspectionResult.BOOKED:
                    item.setForeground(SUCCESS if i.result == InspectionResult.PASSED
                                       else DANGER)
                self.table.setItem(row, column, item)
        self.book_button.setEnabled(saved)
        self.title_changed.emit(self.tr("Inspections ({0})").format(len(self.inspections))
                                if self.inspections else self.tr("Inspections"))
        self._enable()

    def current(self) -> Inspection | None:
        row = self.table.currentRow()
        return self.inspections[row] if 0 <= row < len(self.inspections) else None

    def _enable(self) -> None:
        current = self.current()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(current is not None)
        self.report_button.setEnabled(current is not None and bool(current.report_evidence_id))
        self.dispute_button.setEnabled(self._may_dispute(current))

    def _may_dispute(self, inspection: Inspection | None) -> bool:
        if inspection is None or inspection.result != InspectionResult.FAILED or \
                self.order is None:
            return False
        return bool(self.workspace.orders.actions(self.order)[Action.OPEN_DISPUTE])

    def _on_book_clicked(self) -> None:
        if self.order is None or self.order.id is None:
            return
        self._edit(Inspection(self.order.id, "", self.workspace.today()))

    def _on_edit_clicked(self) -> None:
        if (current := self.current()) is not None:
            self._edit(current)

    def _edit(self, inspection: Inspection) -> None:
        lot = sum(line.quantity for line in self.order.lines) if self.order else 0
        answer = edit_inspection(self, inspection, lot)
        if answer is None:
            return
        inspection, report = answer
        self.ops.run_op(self, lambda: self.workspace.inspections.save(inspection, report),
                        self._on_saved)

    def _on_saved(self, saved: Inspection) -> None:
        if saved.result == InspectionResult.FAILED and self._may_dispute(saved) and \
                self.ops.messages.confirm(self, self.tr("Inspection failed"), self.tr(
                    "The inspection failed. Open a dispute now, with the inspection report as "
                    "evidence?")):
            self.open_dispute(saved)

    def open_dispute(self, inspection: Inspection) -> bool:
        if self.order is None:
            return False
        details = ask_dispute(self, self.order, self.workspace.today(),
                              failure_claim_text(inspection))
        if details is None:
            return False
        return self.ops.run_op(self, lambda: self.workspace.inspections.open_dispute(
            inspection.id, **details))

    def _on_dispute_clicked(self) -> None:
        if (current := self.current()) is not None:
            self.open_dispute(current)

    def _on_report_clicked(self) -> None:
        current = self.current()
        if current is None or not current.report_evidence_id or self.order is None:
            return
        item = next((e for e in self.workspace.evidence.items(self.order.id)
                     if e.id == current.report_evidence_id), None)
        if item is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.workspace.evidence.path_of(item))))

    def _on_delete_clicked(self) -> None:
        current = self.current()
        if current is None or not self.ops.messages.confirm(
                self, self.tr("Delete inspection"),
                self.tr("Delete the inspection by {0}? Its report stays with the order's "
                        "evidence.").format(current.inspector)):
            return
        self.ops.run_op(self, lambda: self.workspace.inspections.delete(current.id,
                                                                        current.version))


def inspections_extension(_screen: OrderScreen, workspace: Workspace,
                          ops: Operations) -> list[OrderTab | OrderAction]:
    return [InspectionsTab(workspace, ops)]
