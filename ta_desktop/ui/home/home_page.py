""""What needs me": every open deadline of every order, the buyer's own first, soonest first,
overdue in red. Double-click (or Enter) opens the order."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.changes import Changes, Kind
from ta_desktop.core.domain.deadlines import SOON_DAYS, Deadline, DeadlineKind, Urgency
from ta_desktop.core.domain.types import Party
from ta_desktop.core.services.calendar_export import export_ics
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.home.deadlines_model import DeadlinesModel
from ta_desktop.ui.operations import Operations

# What the deadlines are computed from.
_DEADLINE_KINDS = (Kind.ORDER, Kind.DISPUTE, Kind.SETTINGS)


class _DeadlinesView(QTableView):
    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class HomePage(QWidget):
    order_activated = Signal(int)  # an order id to open
    supplier_activated = Signal(int)  # a supplier id to open (a SUP-CERT reminder)
    deadlines_loaded = Signal()

    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.ops = ops
        self._loading = False
        self._stale = False  # something changed while the deadlines were being read
        self.model = DeadlinesModel(self)
        self._all: list[Deadline] = []

        title = QLabel(self.tr("What needs me"))
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("sectionTitle")
        hint = QLabel(self.tr(
            "Every open Trade Assurance deadline of every order. Yours first; act by the day "
            "before a platform deadline (time zones). Double-click a row to open the order."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.only_mine = QCheckBox(self.tr("Only what I must do"))
        self.only_mine.toggled.connect(self._on_only_mine_toggled)
        self.export_button = QPushButton(self.tr("Export calendar (.ics)…"))
        self.export_button.setToolTip(self.tr(
            "One event per deadline; importing the file again updates the events."))
        self.export_button.clicked.connect(self._on_export_clicked)

        self.table = _DeadlinesView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated_row.connect(self._open_row)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch()
        top.addWidget(self.only_mine)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        ops.changed.connect(self._on_ops_changed)

    def deadlines(self) -> list[Deadline]:
        """Every open deadline as last refreshed, whatever the filter shows."""
        return list(self._all)

    def refresh(self) -> None:
        """Re-read every deadline off the GUI thread (a big database takes a moment)."""
        if self._loading:
            self._stale = True
            return
        self._loading, self._stale = True, False
        self.ops.tasks.run(self.workspace.disputes.deadlines, self._on_deadlines_done,
                           self._on_deadlines_failed)

    def _on_ops_changed(self, changes: Changes) -> None:
        if any(changes.has(kind) for kind in _DEADLINE_KINDS):
            self.refresh()

    def _on_deadlines_done(self, deadlines: list[Deadline]) -> None:
        self._loading = False
        self._all = deadlines
        self._apply()
        self.deadlines_loaded.emit()
        if self._stale:
            self.refresh()

    def _on_deadlines_failed(self, error: Exception) -> None:
        self._loading = False
        self.ops.show_error(self, error)

    def _apply(self) -> None:
        today = self.workspace.today()
        shown = [d for d in self._all if d.party == Party.BUYER or not self.only_mine.isChecked()]
        self.model.set_deadlines(shown, today)
        mine = [d for d in self._all if d.party == Party.BUYER and d.kind == DeadlineKind.DUE]
        overdue = sum(d.urgency(today) == Urgency.OVERDUE for d in mine)
        soon = sum(0 <= d.days_left(today) <= SOON_DAYS for d in mine)
        if not mine:
            text = self.tr("Nothing is waiting for you.")
        else:
            text = (self.tr("%1 for you within %2 days").replace("%1", str(soon))
                    .replace("%2", str(SOON_DAYS)))
            if overdue:
                text += self.tr(" · %1 overdue").replace("%1", str(overdue))
        self.summary.setText(text)

    def _on_only_mine_toggled(self, _checked: bool) -> None:
        self._apply()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        deadline = self.model.deadline(row)
        if deadline is not None and deadline.order_id is not None:
            self.order_activated.emit(deadline.order_id)
        elif deadline is not None and deadline.supplier_id is not None:
            self.supplier_activated.emit(deadline.supplier_id)

    def export_calendar(self, path: Path) -> int:
        return export_ics(self._all, path)

    def _on_export_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export deadlines"), "ta-deadlines.ics",
            self.tr("Calendar (*.ics)"))
        if not name:
            return
        self.ops.run_op(self, lambda: self.export_calendar(Path(name)),
                        lambda count: self._on_export_done(count, name), slow=True)

    def _on_export_done(self, count: int, name: str) -> None:
        self.ops.messages.info(self, self.tr("Export deadlines"),
                               self.tr("%1 deadline(s) written to %2.").replace("%1", str(count))
                               .replace("%2", name))
