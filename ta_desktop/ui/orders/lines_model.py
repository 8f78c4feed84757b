"""The editable order lines of a draft. Cells keep exactly what the user typed; each cell is
checked with the core's parsers and shows its problem in red with a tooltip, so nothing typed is
lost when a save is refused."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ta_desktop.core.domain.entities import OrderLine
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.types import Money
from ta_desktop.core.domain.validation import parse_price, parse_quantity
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.theme import DANGER
from ta_desktop.ui.widgets.paged_model import Index

FIELDS = ("product", "sku", "quantity", "unit", "unit_price")
TITLES = ("Product", "SKU", "Quantity", "Unit", "Unit price", "Line total")
TOTAL_COLUMN = 5


def _cell_error(field: str, text: str) -> str:
    try:
        if field == "quantity":
            parse_quantity(text)
        elif field == "unit_price":
            parse_price(text)
        elif field == "product" and not text.strip():
            return "Describe the product of this line."
    except ValidationError as error:
        return error.message
    return ""


class OrderLinesModel(QAbstractTableModel):
    total_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict[str, str]] = []
        self._ids: list[int | None] = []
        self.currency = "USD"
        self.editable = True

    def set_lines(self, lines: list[OrderLine], currency: str, editable: bool) -> None:
        self.beginResetModel()
        self._rows = [
            {"product": line.product, "sku": line.sku, "quantity": str(line.quantity),
             "unit": line.unit, "unit_price": f"{line.unit_price.normalize():f}"}
            for line in lines
        ]
        self._ids = [line.id for line in lines]
        self.currency = currency
        self.editable = editable
        self.endResetModel()
        self.total_changed.emit()

    def add_line(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append({"product": "", "sku": "", "quantity": "1", "unit": "pcs",
                           "unit_price": "0"})
        self._ids.append(None)
        self.endInsertRows()
        self.total_changed.emit()
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            del self._ids[row]
            self.endRemoveRows()
            self.total_changed.emit()

    def _line_total(self, row: int) -> Decimal | None:
        cells = self._rows[row]
        try:
            return parse_price(cells["unit_price"]) * parse_quantity(cells["quantity"])
        except ValidationError:
            return None

    def total(self) -> Money | None:
        """The order total, or None while some line cannot be computed."""
        totals = [self._line_total(row) for row in range(len(self._rows))]
        if any(t is None for t in totals):
            return None
        return Money(sum(totals, Decimal(0)), self.currency)

    def counted(self) -> str:
        """The quantities summed per unit ("2,000 bottles; 500 gift boxes"), or ""."""
        pairs = []
        for cells in self._rows:
            try:
                pairs.append((parse_quantity(cells["quantity"]), cells["unit"].strip() or "pcs"))
            except ValidationError:
                return ""
        return fmt.quantities(pairs) if pairs else ""

    def errors(self) -> dict[str, str]:
        found = {}
        for row, cells in enumerate(self._rows):
            for field in FIELDS:
                message = _cell_error(field, cells[field])
                if message:
                    found[f"lines[{row}].{field}"] = message
        return found

    def lines(self) -> list[OrderLine]:
        errors = self.errors()
        if errors:
            raise ValidationError("Some order lines need fixing: " + next(iter(errors.values())),
                                  field_errors=errors)
        return [
            OrderLine(product=c["product"].strip(), sku=c["sku"].strip(),
                      quantity=parse_quantity(c["quantity"]), unit=c["unit"].strip() or "pcs",
                      unit_price=parse_price(c["unit_price"]), id=line_id)
            for c, line_id in zip(self._rows, self._ids, strict=True)
        ]

    # --- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return TITLES[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.isValid() and index.column() != TOTAL_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if column == TOTAL_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                total = self._line_total(row)
                return "" if total is None else fmt.money(total, self.currency)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        field = FIELDS[column]
        text = self._rows[row][field]
        error = _cell_error(field, text)
        if role == Qt.ItemDataRole.DisplayRole and not error:
            return self._shown(field, text)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text  # what was typed, to edit, or to fix when it cannot be read
        if role == Qt.ItemDataRole.ToolTipRole:
            return error or None
        if role == Qt.ItemDataRole.BackgroundRole and error:
            tint = QColor(DANGER)
            tint.setAlpha(60)
            return QBrush(tint)
        if role == Qt.ItemDataRole.TextAlignmentRole and field in ("quantity", "unit_price"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _shown(self, field: str, text: str) -> str:
        if field == "quantity":
            return fmt.quantity(parse_quantity(text))
        if field == "unit_price":
            return fmt.price(parse_price(text), self.currency)
        return text

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable:
            return False
        if index.column() == TOTAL_COLUMN:
            return False
        self._rows[index.row()][FIELDS[index.column()]] = str(value)
        row_start = self.index(index.row(), 0)
        row_end = self.index(index.row(), TOTAL_COLUMN)
        self.dataChanged.emit(row_start, row_end)
        self.total_changed.emit()
        return True
