"""The import wizard: choose the columns, check the whole file, look at the rows with their
errors beside them, then import all of it — or nothing.

1. **Columns.** Each field of the records (orders or suppliers) is matched to a column of the
   file by name; any can be changed. The choice is remembered for files with the same header.
2. **Check.** The whole file is read off the GUI thread, with a progress bar and Cancel.
3. **Preview.** The first rows as the file has them, each with its problems, and the list of
   every error; what the import would create, update and leave unchanged. Import is enabled
   only when no row has an error.
4. **Import**, again with progress and Cancel: one transaction, so Cancel leaves nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.tabular import (
    COLUMNS,
    REQUIRED_COLUMNS,
    RecordKind,
    match_columns,
    text,
)
from ta_desktop.core.services.io.importer import (
    ImportReport,
    ImportRequest,
    Peek,
    check_import,
    import_file,
    peek,
)
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.jobs import JobRunner, run_with_progress
from ta_desktop.ui.operations import Operations

NOT_IN_FILE = -1
ERROR_BACKGROUND = QColor(255, 228, 225)


def mapping_key(kind: RecordKind, headers: list[str]) -> str:
    digest = hashlib.sha1("\x1f".join(headers).encode("utf-8")).hexdigest()[:16]
    return f"import/mapping/{kind.value}/{digest}"


def ask_import_path(parent: QWidget) -> Path | None:
    path, _chosen = QFileDialog.getOpenFileName(
        parent, parent.tr("Import orders or suppliers"), "",
        parent.tr("Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"))
    return Path(path) if path else None


def open_import(parent: QWidget, workspace: Workspace, ops: Operations, path: Path,
                jobs: JobRunner | None = None) -> ImportWizard | None:
    """The wizard on ``path``, or None (with the reason shown) when it cannot be read."""
    found: list[Peek] = []
    if not ops.run_op(parent, lambda: peek(path), found.append):
        return None
    return ImportWizard(workspace, ops, path, found[0], jobs, parent)


class ImportWizard(QDialog):
    imported = Signal(object)  # the ImportReport of what was written

    def __init__(self, workspace: Workspace, ops: Operations, path: Path, start: Peek,
                 jobs: JobRunner | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.ops = ops
        self.path = Path(path)
        self.start = start
        self.jobs = jobs or JobRunner()
        self.report: ImportReport | None = None
        self.progress = None
        self.setWindowTitle(self.tr("Import {0}").format(self.path.name))
        self.resize(980, 620)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._preview_page())
        box = QVBoxLayout(self)
        box.addWidget(self.pages)
        self._show_columns(start.kind)

    # --- 1. columns -------------------------------------------------------------------------
    def _columns_page(self) -> QWidget:
        page = QWidget()
        self.file_label = QLabel(self.tr("<b>{0}</b> — {1}").format(
            self.path.name, self.start.description))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Orders (one row per order line)"), RecordKind.ORDERS)
        self.kind.addItem(self.tr("Suppliers"), RecordKind.SUPPLIERS)
        self.kind.currentIndexChanged.connect(lambda: self._show_columns(self.record_kind()))
        self.update_existing = QCheckBox(self.tr(
            "Update records already stored that differ (orders: drafts only, MOD-REQ)"))
        self.columns_form = QFormLayout()
        holder = QWidget()
        holder.setLayout(self.columns_form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.check_button = QPushButton(self.tr("Check the file…"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)

        top = QFormLayout()
        top.addRow(self.tr("File:"), self.file_label)
        top.addRow(self.tr("Import:"), self.kind)
        hint = QLabel(self.tr("Each field takes the column of the file chosen beside it; "
                              "fields in bold must have one."))
        hint.setObjectName("hint")
        box = QVBoxLayout(page)
        box.addLayout(top)
        box.addWidget(hint)
        box.addWidget(scroll, 1)
        box.addWidget(self.update_existing)
        box.addLayout(_buttons(cancel, self.check_button))
        return page

    def _show_columns(self, kind: RecordKind) -> None:
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.kind.blockSignals(False)
        while self.columns_form.rowCount():
            self.columns_form.removeRow(0)
        self.choosers: dict[str, QComboBox] = {}
        mapping = self._remembered(kind) or match_columns(self.start.headers, kind)
        for field in COLUMNS[kind]:
            chooser = QComboBox()
            chooser.addItem(self.tr("— not in the file —"), NOT_IN_FILE)
            for index, header in enumerate(self.start.headers):
                chooser.addItem(header or self.tr("(column {0})").format(index + 1), index)
            chooser.setCurrentIndex(max(0, chooser.findData(mapping.get(field, NOT_IN_FILE))))
            label = QLabel(f"<b>{field}</b>" if field in REQUIRED_COLUMNS[kind] else field)
            self.columns_form.addRow(label, chooser)
            self.choosers[field] = chooser

    def record_kind(self) -> RecordKind:
        return RecordKind(self.kind.currentData())  # the combo hands back a plain str

    def mapping(self) -> dict[str, int]:
        return {field: chooser.currentData() for field, chooser in self.choosers.items()
                if chooser.currentData() != NOT_IN_FILE}

    def _remembered(self, kind: RecordKind) -> dict[str, int]:
        stored = QSettings().value(mapping_key(kind, self.start.headers))
        if not stored:
            return {}
        names = json.loads(stored)
        return {field: self.start.headers.index(name) for field, name in names.items()
                if name in self.start.headers}

    def _remember(self) -> None:
        names = {field: self.start.headers[index] for field, index in self.mapping().items()}
        QSettings().setValue(mapping_key(self.record_kind(), self.start.headers),
                             json.dumps(names, ensure_ascii=False))

    def request(self) -> ImportRequest:
        return ImportRequest(self.path, self.record_kind(),
                             update=self.update_existing.isChecked(), mapping=self.mapping())

    # --- 2. check ---------------------------------------------------------------------------
    def check(self) -> None:
        self._remember()
        self.progress = run_with_progress(
            self, self.jobs, check_import(self.workspace, self.request()),
            self.tr("Checking {0}…").format(self.path.name), self.show_preview,
            lambda error: self.ops.show_error(self, error))

    # --- 3. preview -------------------------------------------------------------------------
    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rows_table = _table()
        self.errors_table = _table()
        self.errors_table.setColumnCount(3)
        self.errors_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.errors_table.horizontalHeader().setStretchLastSection(True)
        self.errors_table.cellDoubleClicked.connect(self._on_error_double_clicked)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.rows_table)
        splitter.addWidget(self.errors_table)
        splitter.setSizes([340, 160])
        back = QPushButton(self.tr("← Columns"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.clicked.connect(self.run_import)
        box = QVBoxLayout(page)
        box.addWidget(self.summary)
        box.addWidget(splitter, 1)
        box.addLayout(_buttons(back, cancel, self.import_button))
        return page

    def show_preview(self, report: ImportReport) -> None:
        self.report = report
        counts = self.tr("{0} to create, {1} to update, {2} unchanged, from {3} row(s).").format(
            report.created, report.updated, report.unchanged, report.rows)
        if report.ok:
            self.summary.setText(self.tr("No errors: {0}").format(counts))
        else:
            shown = "" if report.error_count == len(report.errors) else self.tr(
                " (the first {0} are listed)").format(len(report.errors))
            self.summary.setText(self.tr(
                "<b>{0} error(s){1}: nothing can be imported until they are fixed.</b> Fix the "
                "file and check it again. Without them: {2}").format(
                    report.error_count, shown, counts))
        self._fill_rows(report)
        self._fill_errors(report)
        self.import_button.setEnabled(report.ok and report.created + report.updated > 0)
        self.import_button.setDefault(True)
        self.pages.setCurrentIndex(1)

    def _fill_rows(self, report: ImportReport) -> None:
        by_row: dict[int, list] = defaultdict(list)
        for error in report.errors:
            by_row[error.row].append(error)
        mapping = self.mapping()
        fields = list(mapping)
        table = self.rows_table
        table.clear()
        table.setColumnCount(len(fields) + 2)
        table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Problems"), *fields])
        table.setRowCount(len(self.start.rows))
        for position, (number, cells) in enumerate(self.start.rows):
            errors = by_row.get(number, [])
            table.setItem(position, 0, _item(str(number)))
            problems = _item("; ".join(f"{e.column}: {e.message}" for e in errors) or "✓")
            problems.setToolTip("\n".join(f"{e.column}: {e.message}" for e in errors))
            table.setItem(position, 1, problems)
            wrong = {e.column for e in errors}
            for column, field in enumerate(fields, start=2):
                index = mapping[field]
                value = cells[index] if index < len(cells) else None
                item = _item(_shown(value))
                if field in wrong:
                    item.setBackground(QBrush(ERROR_BACKGROUND))
                table.setItem(position, column, item)
            if errors:
                for column in (0, 1):
                    table.item(position, column).setBackground(QBrush(ERROR_BACKGROUND))
        table.resizeColumnsToContents()
        table.setColumnWidth(1, min(table.columnWidth(1), 320))

    def _fill_errors(self, report: ImportReport) -> None:
        table = self.errors_table
        table.setRowCount(len(report.errors))
        for position, error in enumerate(report.errors):
            for column, value in enumerate((str(error.row), error.column, error.message)):
                table.setItem(position, column, _item(value))
        table.setVisible(bool(report.errors))
        table.resizeColumnToContents(0)

    def _on_error_double_clicked(self, position: int, _column: int) -> None:
        row = int(self.errors_table.item(position, 0).text())
        for index, (number, _cells) in enumerate(self.start.rows):
            if number == row:
                self.rows_table.selectRow(index)
                self.rows_table.scrollToItem(self.rows_table.item(index, 0))
                return

    # --- 4. import --------------------------------------------------------------------------
    def run_import(self) -> None:
        self.progress = run_with_progress(
            self, self.jobs, import_file(self.workspace, self.request()),
            self.tr("Importing {0}…").format(self.path.name), self._on_import_done,
            lambda error: self.ops.show_error(self, error))

    def _on_import_done(self, outcome) -> None:
        report = outcome.value
        if not report.written:  # the records changed since the check: show what now fails
            self.show_preview(report)
            return
        self.ops.run_op(self, lambda: outcome, self._on_written)

    def _on_written(self, report: ImportReport) -> None:
        self.ops.messages.info(self, self.tr("Import finished"), self.tr(
            "{0} created, {1} updated, {2} unchanged.").format(
                report.created, report.updated, report.unchanged))
        self.imported.emit(report)
        self.accept()


def _shown(value: object) -> str:
    try:
        return text(value)
    except ValueError:  # a formula: show it as the file has it
        return str(value)


def _item(value: str) -> QTableWidgetItem:
    item = QTableWidgetItem(value)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _table() -> QTableWidget:
    table = QTableWidget()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    return table


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
