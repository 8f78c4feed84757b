"""The pieces every list page shares: its title row and a sortable, single-selection table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTableView,
    QWidget,
)


def list_table(model: QAbstractItemModel, sort_column: int, order: Qt.SortOrder) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(sort_column, order)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(28)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


def title_row(title: str, *widgets: QWidget) -> QHBoxLayout:
    label = QLabel(title)
    label.setObjectName("pageTitle")
    row = QHBoxLayout()
    row.addWidget(label)
    row.addStretch()
    for widget in widgets:
        row.addWidget(widget)
    return row
