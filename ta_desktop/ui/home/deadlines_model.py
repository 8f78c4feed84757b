"""Open deadlines of every order as a table: buyer actions first, soonest first. Words in the
cells (who acts, what, the supplier); the rule id only in the tooltip."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from ta_desktop.core.domain.deadlines import Deadline, DeadlineKind, Urgency
from ta_desktop.core.domain.types import Party
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.theme import DANGER, WARNING

DeadlineRole = Qt.ItemDataRole.UserRole + 1


class DeadlinesModel(QAbstractTableModel):
    HEADERS = ("Due", "Left", "Who acts", "What", "Order", "Supplier")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._deadlines: list[Deadline] = []
        self._suppliers: dict[str, str] = {}
        self._today = date.today()

    def set_deadlines(self, deadlines: list[Deadline], today: date,
                      suppliers: dict[str, str] | None = None) -> None:
        """``suppliers``: deadline key → supplier name, for the Supplier column."""
        self.beginResetModel()
        self._deadlines = list(deadlines)
        self._suppliers = dict(suppliers or {})
        self._today = today
        self.endResetModel()

    def who(self, party: Party) -> str:
        return {Party.BUYER: self.tr("You"), Party.SUPPLIER: self.tr("Supplier"),
                Party.PLATFORM: self.tr("Platform")}[party]

    def deadline(self, row: int) -> Deadline | None:
        return self._deadlines[row] if 0 <= row < len(self._deadlines) else None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._deadlines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._deadlines):
            return None
        deadline = self._deadlines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            supplier = self._suppliers.get(deadline.key, "")
            due = fmt.day(deadline.due)
            if deadline.estimate:
                due = self.tr("%1 (estimate)").replace("%1", due)
            return (due, deadline.left_text(self._today), self.who(deadline.party),
                    deadline.title, deadline.order_number, supplier)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [deadline.title, self.tr("Due %1").replace("%1", fmt.day(deadline.due))]
            if deadline.safe_by != deadline.due:
                lines.append(self.tr("Act by %1 to be safe (time zones)")
                             .replace("%1", fmt.day(deadline.safe_by)))
            if deadline.kind == DeadlineKind.DUE:
                lines.append(self.tr("If nobody acts: %1").replace("%1", deadline.consequence))
            if deadline.estimate:
                lines.append(self.tr("RC-WINDOW: an estimate for the shipping method; enter the "
                                     "platform's \"confirm receipt by\" date with Receiving… on "
                                     "the order."))
            lines.append(self.tr("Rule %1").replace("%1", deadline.rule))
            return "\n".join(lines)
        urgency = deadline.urgency(self._today)
        if role == Qt.ItemDataRole.ForegroundRole:
            if urgency == Urgency.OVERDUE:
                return DANGER
            if urgency == Urgency.URGENT and deadline.party == Party.BUYER:
                return WARNING
            return None
        if role == Qt.ItemDataRole.FontRole and deadline.party == Party.BUYER and \
                urgency in (Urgency.OVERDUE, Urgency.URGENT):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DeadlineRole:
            return deadline
        return None
