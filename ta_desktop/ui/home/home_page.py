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
from ta_desktop.core.domain.deadlines import SOON_DAYS, Deadline
from ta_desktop.core.services.calendar_export import export_ics
from ta_desktop.core.services.disputes import DeadlineCounts
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.home.deadlines_model import DeadlinesModel
from ta_desktop.ui.home.reminder_banner import REMIND_WITHIN_DAYS
from ta_desktop.ui.operations import Operations

# What the deadlines are computed from (add Kind.SUPPLIER with the first supplier-level rule).
_DEADLINE_KINDS = (Kind.ORDER, Kind.DISPUTE, Kind.SETTINGS)
# The list shows the first so many (the buyer's own first, soonest first); the summary counts
# every one in SQL. A million orders stay within a small, fixed memory.
SHOWN_ROWS = 1000


class _DeadlinesView(QTableView):
    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class HomePage(QWidget):
    order_activated = Signal(int)  # an order id to open
    deadlines_loaded = Signal()

    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.ops = ops
        self._loading = False
        self._stale = False  # something changed while the deadlines were being read
        self.model = DeadlinesModel(self)
        self._shown: list[Deadline] = []
        self._due_soon: list[Deadline] = []

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
        """The open deadlines listed, as last refreshed."""
        return list(self._shown)

    def due_soon(self) -> list[Deadline]:
        """The buyer's own open deadlines due within the reminder's days, not yet passed."""
        return list(self._due_soon)

    def refresh(self) -> None:
        """Re-read the deadlines off the GUI thread (indexed queries on the table the writes
        keep: the first rows, the summary's counts, what the reminder needs)."""
        if self._loading:
            self._stale = True
            return
        self._loading, self._stale = True, False
        buyer_only = self.only_mine.isChecked()
        self.ops.tasks.run(lambda: self._read(buyer_only), self._on_deadlines_done,
                           self._on_deadlines_failed)

    def _read(self, buyer_only: bool):
        disputes = self.workspace.disputes
        return (disputes.deadlines(limit=SHOWN_ROWS, buyer_only=buyer_only),
                disputes.deadline_counts(SOON_DAYS),
                disputes.deadlines(within=REMIND_WITHIN_DAYS, buyer_only=True,
                                   not_overdue=True))

    def _on_ops_changed(self, changes: Changes) -> None:
        if any(changes.has(kind) for kind in _DEADLINE_KINDS):
            self.refresh()

    def _on_deadlines_done(self, read: tuple[list[Deadline], DeadlineCounts, list[Deadline]]
                           ) -> None:
        self._loading = False
        self._shown, counts, self._due_soon = read
        self._apply(counts)
        self.deadlines_loaded.emit()
        if self._stale:
            self.refresh()

    def _on_deadlines_failed(self, error: Exception) -> None:
        self._loading = False
        self.ops.show_error(self, error)

    def _apply(self, counts: DeadlineCounts) -> None:
        self.model.set_deadlines(self._shown, self.workspace.today())
        if not counts.mine:
            text = self.tr("Nothing is waiting for you.")
        else:
            text = (self.tr("%1 for you within %2 days").replace("%1", f"{counts.soon:,}")
                    .replace("%2", str(SOON_DAYS)))
            if counts.overdue:
                text += self.tr(" · %1 overdue").replace("%1", f"{counts.overdue:,}")
        listed = counts.mine if self.only_mine.isChecked() else counts.total
        if listed > len(self._shown):
            text += (self.tr(" · the first %1 of %2 listed").replace("%1", f"{len(self._shown):,}")
                     .replace("%2", f"{listed:,}"))
        self.summary.setText(text)

    def _on_only_mine_toggled(self, _checked: bool) -> None:
        self.refresh()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        deadline = self.model.deadline(row)
        if deadline is not None and deadline.order_id is not None:
            self.order_activated.emit(deadline.order_id)

    def export_calendar(self, path: Path) -> int:
        return export_ics(self.workspace.disputes.deadlines(), path)

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
