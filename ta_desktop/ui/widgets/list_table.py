"""The pieces every list page shares: its title row, a sortable single-selection table and a
read-only table of text."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)


def list_table(model: QAbstractItemModel, sort_column: int, order: Qt.SortOrder) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.horizontalHeader().setSortIndicator(sort_column, order)
    table.setSortingEnabled(True)  # sorts once, by that indicator (each sort is a query)
    _keep_sort_on_unsortable(table)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(28)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


def _keep_sort_on_unsortable(table: QTableView) -> None:
    """A click on the header of a column its model cannot sort by (``Column.sortable``) puts
    the sort indicator back where it was: the arrow never claims an order the list lacks."""
    header = table.horizontalHeader()
    shown = [header.sortIndicatorSection(), header.sortIndicatorOrder()]

    def on_sort_indicator_changed(section: int, order: Qt.SortOrder) -> None:
        columns = getattr(table.model(), "columns", None)
        if columns is not None and 0 <= section < len(columns) \
                and not getattr(columns[section], "sortable", True):
            blocked = header.blockSignals(True)
            header.setSortIndicator(*shown)
            header.blockSignals(blocked)
        else:
            shown[:] = [section, order]

    header.sortIndicatorChanged.connect(on_sort_indicator_changed)


def title_row(title: str, *widgets: QWidget) -> QHBoxLayout:
    label = QLabel(title)
    label.setObjectName("pageTitle")
    row = QHBoxLayout()
    row.addWidget(label)
    row.addStretch()
    for widget in widgets:
        row.addWidget(widget)
    return row


def read_only_table(headers: list[str]) -> QTableWidget:
    """A table of plain text the user reads but does not edit (payments, history)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))
    table.resizeColumnsToContents()
