"""Export suppliers or orders to CSV or XLSX: the whole list, or the order list as filtered.

The file is written off the GUI thread by the core (atomically); the status bar says where it
went, with "Open folder".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ta_desktop.core.domain.entities import ListQuery
from ta_desktop.core.domain.tabular import RecordKind
from ta_desktop.core.services.io.export import Exported, export_records
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.operations import Operations

# (parent, title, suggested file name) -> the chosen path, or None when cancelled.
AskSavePath = Callable[[QWidget, str, str], Path | None]

FILTERS = {".xlsx": "Excel workbook (*.xlsx)", ".csv": "CSV, UTF-8 (*.csv)"}


def ask_save_path(parent: QWidget, title: str, suggested: str) -> Path | None:
    """The save dialog; the filter chosen gives the extension when none was typed."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, suggested,
                                               ";;".join(FILTERS.values()))
    if not path:
        return None
    path = Path(path)
    if path.suffix.lower() not in FILTERS:
        suffix = next((key for key, text in FILTERS.items() if text == chosen), ".xlsx")
        path = path.with_name(path.name + suffix)
    return path


class Exporter(QObject):
    exported = Signal(object)  # Exported

    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget,
                 ask_path: AskSavePath = ask_save_path):
        super().__init__(parent)
        self.workspace = workspace
        self.ops = ops
        self.widget = parent
        self.ask_path = ask_path

    def export(self, kind: RecordKind, query: ListQuery = ListQuery(),
               parent: QWidget | None = None) -> None:
        """Ask where, then write the ``kind`` records ``query`` selects."""
        parent = parent or self.widget
        title = self.tr("Export orders") if kind == RecordKind.ORDERS \
            else self.tr("Export suppliers")
        suggested = f"{kind.value}-{self.workspace.today().isoformat()}.xlsx"
        path = self.ask_path(parent, title, suggested)
        if path is None:
            return
        self.ops.run_op(parent, lambda: export_records(self.workspace.db, kind, path, query,
                                                       self.workspace.money),
                        lambda done: self._on_exported(parent, done), slow=True)

    def _on_exported(self, parent: QWidget, done: Exported) -> None:
        what = self.tr("%n order(s)", "", done.records) if done.kind == RecordKind.ORDERS \
            else self.tr("%n supplier(s)", "", done.records)
        self.ops.note(self.tr("{0} written to {1}.").format(what, done.path.name), done.path)
        self.exported.emit(done)
