""""Print…" and "Save as PDF…" for the order shown in the order detail: both use the contract
summary PDF the core renders, so the paper copy and the file are the same document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QWidget

from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.errors import TADesktopError
from ta_desktop.core.services.reports.gather import summary_for
from ta_desktop.core.services.reports.render import render_summary, write_summary
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.messages import Messages
from ta_desktop.ui.orders.order_detail import OrderDetailWidget
from ta_desktop.ui.orders.printing import default_paper, page_size_for, print_pdf

# (parent, suggested file name, paper) -> (chosen path, paper) or None when cancelled.
AskPdfPath = Callable[[QWidget, str, str], tuple[Path, str] | None]

_FILTERS = {"a4": "PDF, A4 (*.pdf)", "letter": "PDF, US Letter (*.pdf)"}


def ask_pdf_path(parent: QWidget, suggested: str, paper: str) -> tuple[Path, str] | None:
    """The file dialog; the filter the user picks chooses the paper."""
    filters = [_FILTERS[paper], *(text for key, text in _FILTERS.items() if key != paper)]
    path, chosen = QFileDialog.getSaveFileName(
        parent, parent.tr("Save contract summary"), suggested, ";;".join(filters))
    if not path:
        return None
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    return path, next((key for key, text in _FILTERS.items() if text == chosen), paper)


class SummaryActions(QObject):
    summary_saved = Signal(Path)

    def __init__(self, detail: OrderDetailWidget, workspace: Workspace, messages: Messages,
                 ask_path: AskPdfPath = ask_pdf_path):
        super().__init__(detail)
        self.detail = detail
        self.workspace = workspace
        self.messages = messages
        self.ask_path = ask_path
        self.paper = default_paper()
        self.printer: QPrinter | None = None
        self.print_action = QAction(self.tr("Print…"), detail)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setToolTip(self.tr("Print the contract summary (preview first)"))
        self.print_action.triggered.connect(self.print_preview)
        self.save_action = QAction(self.tr("Save as PDF…"), detail)
        self.save_action.setToolTip(self.tr("Save the contract summary to send the supplier"))
        self.save_action.triggered.connect(self.save_pdf)
        for action in (self.print_action, self.save_action):
            detail.add_document_action(action)
        detail.order_loaded.connect(self._on_detail_order_loaded)
        self._on_detail_order_loaded(detail.order)

    def _on_detail_order_loaded(self, order: Order | None) -> None:
        saved = order is not None and order.id is not None
        for action in (self.print_action, self.save_action):
            action.setEnabled(saved)

    def _ready_order(self) -> Order | None:
        """The saved order to summarise: unsaved edits are saved or dropped first."""
        order = self.detail.order
        if order is None or order.id is None or not self.detail.can_leave():
            return None
        return self.detail.order

    def render(self, paper: str) -> bytes:
        return render_summary(summary_for(self.workspace, self.detail.order.order_number), paper)

    def save_pdf(self) -> Path | None:
        order = self._ready_order()
        if order is None:
            return None
        answer = self.ask_path(self.detail, f"{order.order_number} contract summary.pdf",
                               self.paper)
        if answer is None:
            return None
        path, self.paper = answer
        try:
            written = write_summary(summary_for(self.workspace, order.order_number), path,
                                    self.paper)
        except (TADesktopError, OSError) as error:
            self.messages.error(self.detail, self.tr("Cannot save the summary"), str(error))
            return None
        self.summary_saved.emit(written)
        return written

    def make_preview(self) -> QPrintPreviewDialog:
        # The dialog does not own its printer: keep it here, which also keeps the user's
        # printer choice for the next print.
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self.printer.setPageSize(page_size_for(self.paper))
        self.printer.setDocName(
            self.tr("Contract summary {0}").format(self.detail.order.order_number))
        preview = QPrintPreviewDialog(self.printer, self.detail)
        preview.setWindowTitle(self.tr("Print contract summary"))
        preview.paintRequested.connect(lambda target: print_pdf(target, self.render))
        return preview

    def print_preview(self) -> None:
        if self._ready_order() is None:
            return
        try:
            self.render(self.paper)  # fail here, with a message, not inside the preview
        except TADesktopError as error:
            self.messages.error(self.detail, self.tr("Cannot print the summary"), str(error))
            return
        preview = self.make_preview()
        preview.exec()
        preview.deleteLater()
