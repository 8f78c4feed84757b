"""The findings of a specification lint as a table: the kind of issue (a dot coloured by
severity) and the words; the message and the suggestion are the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from ta_desktop.core.domain.speclint import Finding, Severity
from ta_desktop.ui.theme import DANGER, INFO, WARNING

SEVERITY_COLOURS = {Severity.ERROR: DANGER, Severity.WARNING: WARNING, Severity.INFO: INFO}


def finding_tooltip(finding: Finding) -> str:
    colour = SEVERITY_COLOURS[finding.severity].name()
    return (
        f"<p style='white-space:pre-wrap'><b style='color:{colour}'>{finding.rule}</b> "
        f"{_escape(finding.message)}</p><p><i>{_escape(finding.suggestion)}</i></p>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _severity_icon(colour: QColor, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.end()
    return QIcon(pixmap)



class SpecFindingsModel(QAbstractTableModel):
    """The findings of the last full lint: the kind of issue (coloured by severity), the words."""

    COLUMNS = ("Issue", "Text")  # the problem and the fix: tooltip and the card below

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.findings: list[Finding] = []
        self.labels = {
            "SUBJECTIVE": self.tr("Opinion"), "SUPERLATIVE": self.tr("Comparison"),
            "UNMEASURED": self.tr("No value"), "CLAIM": self.tr("Unproven claim"),
            "LOOPHOLE": self.tr("Loophole"), "OPEN-ENDED": self.tr("Open list"),
            "UNNAMED-REF": self.tr("Unnamed reference"), "APPROX": self.tr("Approximate"),
            "COLOUR-CODE": self.tr("No colour code"), "DIM-UNIT": self.tr("No unit"),
            "DIM-TOL": self.tr("No tolerance"), "WEIGHT-UNIT": self.tr("No unit"),
            "WEIGHT-RANGE": self.tr("No weight range"), "UNIT-MISSING": self.tr("No unit"),
            "MATERIAL-GRADE": self.tr("No material grade"), "DATE-VAGUE": self.tr("Vague date"),
            "QTY-VAGUE": self.tr("Vague quantity"), "PLACEHOLDER": self.tr("Blank"),
        }
        self._icons = {s: _severity_icon(c) for s, c in SEVERITY_COLOURS.items()}

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.findings):
            return None
        finding = self.findings[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            label = self.labels.get(finding.rule, finding.rule)
            return (label, finding.text)[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icons[finding.severity]
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding_tooltip(finding)
        if role == Qt.ItemDataRole.UserRole:
            return finding
        return None


