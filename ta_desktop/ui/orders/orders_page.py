"""Orders: filters and a sortable list over SQL, beside the selected order."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.changes import Changes, Kind
from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.extensions import ORDER_EXTENSIONS
from ta_desktop.ui.orders.order_detail import OrderDetailWidget
from ta_desktop.ui.orders.orders_model import CREATED_COLUMN, OrdersModel
from ta_desktop.ui.widgets.fitting import remember_splitter
from ta_desktop.ui.widgets.form import enum_data
from ta_desktop.ui.widgets.list_table import list_table, title_row
from ta_desktop.ui.widgets.status_delegate import StatusDelegate


class OrdersPage(QWidget):
    export_requested = Signal(object)  # the ListQuery of the list as filtered

    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.model = OrdersModel(workspace.orders, self, workspace.money, ops.tasks)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search order number, supplier, notes…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in OrderStatus:
            self.status_filter.addItem(status.label, status)
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        self.supplier_filter = QComboBox()
        for combo in (self.status_filter, self.supplier_filter):  # narrow: the list may be
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.supplier_filter.currentIndexChanged.connect(self._apply_filters)
        self.new_button = QPushButton(self.tr("New order"))
        self.new_button.clicked.connect(self.new_order)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Write the orders of this list, as filtered, to "
                                              "an Excel workbook or a CSV file"))
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.model.query))
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        self.model.count_changed.connect(self._update_count)
        self.model.count_failed.connect(lambda error: ops.show_error(self, error))

        self.table = list_table(self.model, CREATED_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setItemDelegateForColumn(OrdersModel.STATUS_COLUMN, StatusDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((120, 200, 230, 120, 120, 120, 90, 80, 90)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)

        # The detail hears of a change first, so the list reselects the order it then shows.
        self.detail = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
        ops.changed.connect(self._on_ops_changed)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.addLayout(title_row(self.tr("Orders"), self.export_button, self.new_button))
        left_box.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.supplier_filter, 1)
        left_box.addLayout(filters)
        left_box.addWidget(self.table)
        left_box.addWidget(self.count_label)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        remember_splitter(self.splitter, "orders/list_divider", [400, 1000])
        QVBoxLayout(self).addWidget(self.splitter)
        self.refresh_suppliers()
        self._apply_filters()

    def refresh_suppliers(self) -> None:
        current = self.supplier_filter.currentData()
        self.supplier_filter.blockSignals(True)
        self.supplier_filter.clear()
        self.supplier_filter.addItem(self.tr("All suppliers"), None)
        for supplier_id, name in self.workspace.suppliers.names():
            self.supplier_filter.addItem(name, supplier_id)
        self.supplier_filter.setCurrentIndex(max(0, self.supplier_filter.findData(current)))
        self.supplier_filter.blockSignals(False)
        self.detail.refresh_suppliers()

    def refresh(self) -> None:
        """Read the list again (F5), and the order shown unless it has unsaved edits."""
        self.model.refresh()
        if not self.detail.dirty:
            self.detail.reload()

    # What Edit → Save, Revert changes and Delete do on this page.
    def save(self) -> bool:
        return self.detail.dirty and self.detail.save()

    def cancel_edits(self) -> None:
        self.detail.cancel_edits()

    def delete_current(self) -> None:
        """Delete: the order line in focus, else the order (after asking)."""
        detail = self.detail
        if detail.lines_view.hasFocus() and detail.remove_line_button.isEnabled():
            detail.remove_line_button.click()
        else:
            detail.delete_order()

    def _apply_filters(self) -> None:
        self.model.set_query(dataclasses.replace(
            self.model.query, text=self.search.text().strip(),
            status=enum_data(self.status_filter, OrderStatus),
            supplier_id=self.supplier_filter.currentData(),
        ))
        self._reselect()

    def _update_count(self) -> None:
        """The exact count, or while it is being counted the rows shown so far ("200+")."""
        rows = self.model.rowCount()
        self.count_label.setText(self.tr("%n+ order(s), counting…", "", rows)
                                 if self.model.counting else self.tr("%n order(s)", "", rows))

    def _reselect(self) -> None:
        order = self.detail.order
        row = self.model.row_of_id(order.id) if order and order.id else None
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row is None:
            self.table.clearSelection()
        else:
            self.table.selectRow(row)
        selection.blockSignals(False)

    def _on_table_current_changed(self, current, _previous) -> None:
        row = self.model.order_row(current.row()) if current.isValid() else None
        if row is None or (self.detail.order and row.id == self.detail.order.id):
            return
        if not self.detail.can_leave():
            self._reselect()
            return
        self.detail.open_order(row.id)

    def open_order(self, order_id: int) -> None:
        if self.detail.can_leave():
            self.detail.open_order(order_id)
            self._reselect()

    def new_order(self) -> None:
        if self.detail.can_leave():
            self.table.clearSelection()
            self.detail.new_order()

    def _on_ops_changed(self, changes: Changes) -> None:
        if changes.has(Kind.SUPPLIER):
            self.refresh_suppliers()
        if changes.has(Kind.ORDER) or changes.has(Kind.SUPPLIER):  # the list names suppliers
            self.refresh()
            self._reselect()
        elif changes.has(Kind.SETTINGS):  # the home currency and its rates
            self.model.refresh()
            self._reselect()
