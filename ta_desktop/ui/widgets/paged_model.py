"""A read-only table model over a service query, fetched a page at a time.

SQL filters, sorts and counts; the model keeps only the pages the view has asked for, so a list
of 100,000 orders costs one COUNT and a page of rows, not 100,000 Python objects or widgets.
A new query shows its first page at once; the COUNT runs off the GUI thread (a broad search
counts 100,000 matches slower than one types) and the rows grow when it comes back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ta_desktop.core.domain.entities import ListQuery
from ta_desktop.ui.tasks import SyncTaskRunner, TaskRunner

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    text: Callable[[Any], str]
    numeric: bool = False
    tooltip: Callable[[Any], str] | None = None
    sortable: bool = True  # False: computed outside SQL; a click on its header keeps the sort


class PagedTableModel(QAbstractTableModel):
    PAGE_SIZE = 200
    MAX_CACHED_PAGES = 50
    count_changed = Signal()  # rowCount is now exact, or a first page's rows while counting
    count_failed = Signal(object)  # the Exception the count raised

    def __init__(
        self,
        columns: list[Column],
        count: Callable[[ListQuery], int],
        rows: Callable[[ListQuery, int, int], list],
        parent=None,
        tasks: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.columns = columns
        self._count_rows = count
        self._fetch_rows = rows
        self._tasks = tasks or SyncTaskRunner()
        self.query = ListQuery()
        self._count = 0
        self.counting = False  # rowCount is a lower bound until the count comes back
        self._asked = 0  # which set_query a count answers; an older one's answer is dropped
        self._pages: dict[int, list] = {}

    # --- what views and pages ask -------------------------------------------------------------
    def set_query(self, query: ListQuery, keep_rows: bool = False) -> None:
        """Show ``query``'s first page now and count its rows off the GUI thread. ``keep_rows``
        (the same list read again): keep the row count while recounting, so the view keeps
        its scroll position."""
        self.beginResetModel()
        self.query = query
        self._pages.clear()
        first = self._fetch_rows(query, 0, self.PAGE_SIZE)
        self._pages[0] = first
        complete = len(first) < self.PAGE_SIZE  # a page not full: that is every row
        self._count = len(first) if complete or not keep_rows else max(len(first), self._count)
        self.counting = not complete
        self._asked += 1
        self.endResetModel()
        self.count_changed.emit()
        if self.counting:
            asked = self._asked
            self._tasks.run(lambda: self._count_rows(query),
                            lambda count: self._counted(asked, count),
                            lambda error: self._count_failed(asked, error))

    def _counted(self, asked: int, count: int) -> None:
        if asked != self._asked:
            return
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()
        self.counting = False
        self.count_changed.emit()

    def _count_failed(self, asked: int, error: Exception) -> None:
        if asked == self._asked:
            self.counting = False
            self.count_failed.emit(error)

    def refresh(self) -> None:
        self.set_query(self.query, keep_rows=True)

    def row_at(self, row: int) -> Any:
        page, offset = divmod(row, self.PAGE_SIZE)
        if page not in self._pages:
            if len(self._pages) >= self.MAX_CACHED_PAGES:
                self._pages.pop(next(iter(self._pages)))
            self._pages[page] = self._fetch_rows(self.query, page * self.PAGE_SIZE, self.PAGE_SIZE)
        rows = self._pages[page]
        return rows[offset] if offset < len(rows) else None

    def row_of_id(self, record_id: int) -> int | None:
        """The row showing ``record_id`` among the pages already loaded."""
        for page, rows in self._pages.items():
            for offset, item in enumerate(rows):
                if item.id == record_id:
                    return page * self.PAGE_SIZE + offset
        return None

    # --- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        column = self.columns[index.column()]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return column.text(item)
            case Qt.ItemDataRole.ToolTipRole:  # else the whole text, for a cell cut short
                return (column.tooltip(item) if column.tooltip else "") or column.text(item) \
                    or None
            case Qt.ItemDataRole.TextAlignmentRole:
                horizontal = Qt.AlignmentFlag.AlignRight if column.numeric \
                    else Qt.AlignmentFlag.AlignLeft
                return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
            case _ if role == ROW_ROLE:
                return item
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.columns[column].sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(dataclasses.replace(
            self.query, sort=self.columns[column].key, descending=descending))
