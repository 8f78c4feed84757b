"""The evidence files of one order: thumbnail, name, size and date taken; caption (editable);
and a badge saying in words whether the platform will take the file. Checks and thumbnails
arrive later from background work (``set_check``, ``set_thumbnail``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from ta_desktop.core.domain.evidence import EvidenceItem, FileCheck, megabytes
from ta_desktop.ui import formatting as fmt

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
BADGE_ROLE = Qt.ItemDataRole.UserRole + 2

FILE, CAPTION, CHECK = range(3)
THUMBNAIL_SIZE = QSize(72, 72)


class Badge(Enum):
    CHECKING = "checking"
    READY = "ready"
    WARNING = "warning"
    PROBLEM = "problem"


@dataclass
class _Row:
    item: EvidenceItem
    check: FileCheck | None = None
    thumbnail: QIcon | None = None


class EvidenceModel(QAbstractTableModel):
    caption_edited = Signal(int, str)  # item id, new caption

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._titles = [self.tr("File"), self.tr("Caption"), self.tr("Upload check")]
        # Each rule's problem in a few words, for the badge; the tooltip has the full sentence.
        self._short = {
            "EV-SIZE": self.tr("Too big"),
            "EV-TYPE": self.tr("Type not accepted"),
            "EV-NAME": self.tr("Name must change"),
            "EV-EMPTY": self.tr("Empty file"),
            "EV-CORRUPT": self.tr("Damaged image"),
            "EV-ZIP": self.tr("Unsafe or damaged zip"),
        }

    # --- filling ------------------------------------------------------------------------------
    def set_items(self, items: list[EvidenceItem]) -> None:
        """Show ``items``, keeping the checks and thumbnails of files already shown. The same
        files in the same order (a caption saved) are updated in place, so the view keeps its
        selection and current row."""
        known = {row.item.id: row for row in self._rows}
        rows = [_Row(item, known[item.id].check if item.id in known else None,
                     known[item.id].thumbnail if item.id in known else None) for item in items]
        if [row.item.id for row in rows] == [row.item.id for row in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def items(self) -> list[EvidenceItem]:
        return [row.item for row in self._rows]

    def unchecked(self) -> list[EvidenceItem]:
        return [row.item for row in self._rows if row.check is None]

    def row_of(self, item_id: int) -> int:
        return next((n for n, row in enumerate(self._rows) if row.item.id == item_id), -1)

    def item_at(self, row: int) -> EvidenceItem:
        return self._rows[row].item

    def set_check(self, item_id: int, check: FileCheck, thumbnail: QImage | None) -> None:
        row = self.row_of(item_id)
        if row < 0:
            return  # removed while it was being checked
        self._rows[row].check = check
        if thumbnail is not None and not thumbnail.isNull():
            self._rows[row].thumbnail = _square(thumbnail)
        self.dataChanged.emit(self.index(row, 0), self.index(row, CHECK))

    def badge(self, row: int) -> tuple[Badge, str]:
        check = self._rows[row].check
        if check is None:
            return Badge.CHECKING, self.tr("Checking…")
        if check.problems:
            first = check.problems[0]
            words = self._short.get(first.rule, first.rule)
            if first.rule == "EV-SIZE":
                words = self.tr("Too big: {0}").format(megabytes(check.size))
            more = len(check.problems) - 1
            return Badge.PROBLEM, words + (self.tr(" (+{0} more)").format(more) if more else "")
        if check.warnings:
            return Badge.WARNING, self.tr("Accepted; see note")
        return Badge.READY, self.tr("Ready to upload")

    # --- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == CAPTION else flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        item = row.item
        if role == ITEM_ROLE:
            return item
        if role == BADGE_ROLE:
            return self.badge(index.row())[0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(index.row(), column, role)
        if role == Qt.ItemDataRole.DecorationRole and column == FILE:
            return row.thumbnail or _type_icon(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row) if column in (FILE, CHECK) else None
        if role == Qt.ItemDataRole.ForegroundRole and column == CAPTION and not item.caption:
            return QApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        return None

    def _text(self, row: int, column: int, role: int) -> str:
        item = self._rows[row].item
        if column == FILE:
            if role == Qt.ItemDataRole.EditRole:
                return item.original_name
            details = megabytes(item.size)
            if item.captured_at:
                details += self.tr(" · taken {0}").format(fmt.day(item.captured_at))
            return f"{item.original_name}\n{details}"
        if column == CAPTION:
            if role == Qt.ItemDataRole.DisplayRole and not item.caption:
                return self.tr("(add a caption: what does it prove?)")
            return item.caption
        return self.badge(row)[1]

    def _tooltip(self, row: _Row) -> str:
        item, check = row.item, row.check
        lines = [item.original_name]
        if item.captured_at:
            lines.append(self.tr("Taken {0}").format(fmt.moment(item.captured_at)))
        if item.image_size:
            lines.append(self.tr("{0} x {1} pixels").format(*item.image_size))
        if item.added_by or item.added_at:  # who attached it (team mode) and when
            lines.append(self.tr("Added {0}").format(", ".join(filter(None, (
                item.added_by, fmt.moment(item.added_at) if item.added_at else "")))))
        if check is not None:
            lines += [f"{p.rule}: {p.message} {p.hint}".strip() for p in check.problems]
            lines += [f"{w.rule}: {w.message} {w.hint}".strip() for w in check.warnings]
        return "\n".join(lines)

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != CAPTION or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        text = str(value).strip()
        if text == row.item.caption:
            return False
        row.item.caption = text
        self.dataChanged.emit(index, index)
        if row.item.id is not None:
            self.caption_edited.emit(row.item.id, text)
        return True


def _square(image: QImage) -> QIcon:
    """The thumbnail centred on a transparent square, so names line up whatever the shape."""
    side = max(THUMBNAIL_SIZE.width(), THUMBNAIL_SIZE.height()) * 2
    scaled = image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
    canvas = QPixmap(side, side)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.drawImage((side - scaled.width()) // 2, (side - scaled.height()) // 2, scaled)
    painter.end()
    return QIcon(canvas)  # an icon, so the view scales it to its icon size


def _type_icon(item: EvidenceItem) -> QIcon:
    style = QApplication.style()
    kind = {"zip": QStyle.StandardPixmap.SP_DirIcon}.get(item.detected_type or "")
    return style.standardIcon(kind or QStyle.StandardPixmap.SP_FileIcon)
