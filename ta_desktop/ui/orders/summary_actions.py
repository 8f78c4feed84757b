""""Print…" and "Save as PDF…" for the order shown on the order screen: both use the contract
summary PDF the core renders, so the paper copy and the file are the same document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QWidget

from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.money.summary_option import landed_in_summary
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.order_tab import OrderAction, OrderScreen, OrderTab
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


def _saved_order_number(screen: OrderScreen) -> str | None:
    """The saved order to summarise: unsaved edits are saved or dropped first."""
    order = screen.order
    if order is None or order.id is None or not screen.can_leave():
        return None
    return screen.order.order_number


class SaveSummaryAction(OrderAction):
    summary_saved = Signal(Path)

    def __init__(self, screen: OrderScreen, workspace: Workspace, ops: Operations,
                 ask_path: AskPdfPath = ask_pdf_path):
        super().__init__("", self.save_pdf, screen)
        self.setText(self.tr("Save as PDF…"))
        self.setToolTip(self.tr("Save the contract summary to send the supplier"))
        self.screen = screen
        self.workspace = workspace
        self.ops = ops
        self.ask_path = ask_path
        self.paper = default_paper()

    def save_pdf(self) -> Path | None:
        number = _saved_order_number(self.screen)
        if number is None:
            return None
        answer = self.ask_path(self.screen, f"{number} contract summary.pdf", self.paper)
        if answer is None:
            return None
        path, self.paper = answer
        from ta_desktop.core.services.reports.gather import summary_for
        from ta_desktop.core.services.reports.render import write_summary  # reportlab: now

        written = self.ops.run_op(self.screen, lambda: write_summary(
            summary_for(self.workspace, number, landed=landed_in_summary()), path, self.paper),
            self._on_saved)
        return path if written else None


    def _on_saved(self, path: Path) -> None:
        self.ops.note(self.tr("Contract summary saved as {0}.").format(path.name), path)
        self.summary_saved.emit(path)


class PrintSummaryAction(OrderAction):
    def __init__(self, screen: OrderScreen, workspace: Workspace, ops: Operations,
                 paper: Callable[[], str] = default_paper):
        super().__init__("", self.print_preview, screen)
        self.setText(self.tr("Print…"))
        # Ctrl+P is File → Print…'s, which runs this action on the order shown.
        self.setToolTip(self.tr("Print the contract summary (preview first)"))
        self.screen = screen
        self.workspace = workspace
        self.ops = ops
        self.paper = paper  # the paper the buyer last chose, for a first print
        self.printer: QPrinter | None = None

    def render(self, paper: str) -> bytes:
        from ta_desktop.core.services.reports.gather import summary_for
        from ta_desktop.core.services.reports.render import render_summary  # reportlab: now

        return render_summary(summary_for(self.workspace, self.screen.order.order_number,
                                          landed=landed_in_summary()), paper)

    def make_preview(self) -> QPrintPreviewDialog:
        # The dialog does not own its printer: keep it here, which also keeps the user's
        # printer choice for the next print.
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self.printer.setPageSize(page_size_for(self.paper()))
        self.printer.setDocName(
            self.tr("Contract summary {0}").format(self.screen.order.order_number))
        preview = QPrintPreviewDialog(self.printer, self.screen)
        preview.setWindowTitle(self.tr("Print contract summary"))
        preview.paintRequested.connect(lambda target: print_pdf(target, self.render))
        return preview

    def print_preview(self) -> None:
        if _saved_order_number(self.screen) is None:
            return
        # Fail here, with a message, not inside the preview.
        if not self.ops.run_op(self.screen, lambda: self.render(self.paper())):
            return
        preview = self.make_preview()
        preview.exec()
        preview.deleteLater()


def summary_extension(screen: OrderScreen, workspace: Workspace,
                      ops: Operations) -> list[OrderTab | OrderAction]:
    save = SaveSummaryAction(screen, workspace, ops)
    return [PrintSummaryAction(screen, workspace, ops, lambda: save.paper), save]
