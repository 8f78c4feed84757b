""""What needs me": every open deadline of every order, the buyer's own first, soonest first,
overdue in red, with the supplier; filtered by who acts. The heading counts the rows shown.
Double-click (or Enter) opens the order.

A refresh reads in two steps off the GUI thread: the first rows (shown at once), then the
reminder's rows and the heading's counts, which walk every open deadline (the slow part with a
million orders); the heading says it is counting meanwhile. Each refresh makes the answers of
the ones before it stale: they are dropped, never shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from ta_desktop.core.domain.types import Party
from ta_desktop.core.services.calendar_export import export_ics
from ta_desktop.core.services.disputes import DeadlineCounts
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.home.deadlines_model import DeadlinesModel
from ta_desktop.ui.home.reminder_banner import REMIND_WITHIN_DAYS
from ta_desktop.ui.operations import Operations

# What the deadlines are computed from (a supplier's certificates: SUP-CERT).
_DEADLINE_KINDS = (Kind.ORDER, Kind.DISPUTE, Kind.SETTINGS, Kind.SUPPLIER)
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
    supplier_activated = Signal(int)  # a supplier id to open (a SUP-CERT reminder)
    deadlines_loaded = Signal()  # the rows are shown
    summary_loaded = Signal()  # the heading's counts and the reminder's rows (due_soon)

    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.ops = ops
        self._generation = 0  # one more each refresh: answers of older ones are dropped
        self._who: Party | None = None  # the filter of the newest refresh
        self._counting = False  # a count is under way (one at a time: each walks every row)
        self._count_wanted = False  # the newest rows are shown; their count is not started
        self.model = DeadlinesModel(self)
        self._shown: list[Deadline] = []
        self._due_soon: list[Deadline] = []
        self._counts = DeadlineCounts(0, 0, 0, 0, 0)

        title = QLabel(self.tr("What needs me"))
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("sectionTitle")
        hint = QLabel(self.tr(
            "Every open Trade Assurance deadline of every order. Yours first; act by the day "
            "before a platform deadline (time zones). Double-click a row to open the order."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.who_filter = QComboBox()
        self.who_filter.setToolTip(self.tr("Show the deadlines of one party only"))
        self.who_filter.addItem(self.tr("Anyone acts"), None)
        for party in (Party.BUYER, Party.SUPPLIER, Party.PLATFORM):
            self.who_filter.addItem(self.model.who(party), party)
        self.who_filter.currentIndexChanged.connect(lambda _index: self.refresh())
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
        # Column widths from the first 100 rows, not all 1,000 (0.45 s of every refresh).
        header.setResizeContentsPrecision(100)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated_row.connect(self._open_row)
        self.auto_cancel_button = QPushButton(self.tr("Record the platform's cancellation"))
        self.auto_cancel_button.setToolTip(self.tr(
            "CONF-AUTO: the platform cancels an order left unconfirmed or unpaid; select its "
            "overdue deadline to record the cancellation."))
        self.auto_cancel_button.setEnabled(False)
        self.auto_cancel_button.clicked.connect(self._on_auto_cancel_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch()
        top.addWidget(QLabel(self.tr("Who acts:")))
        top.addWidget(self.who_filter)
        top.addWidget(self.auto_cancel_button)
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
        keep): the first rows, then the reminder's rows and the summary's counts."""
        self._generation += 1
        generation = self._generation
        chosen = self.who_filter.currentData()  # Qt hands the Party back as its text
        self._who = who = Party(chosen) if chosen else None
        self.ops.tasks.run(lambda: self._read(who),
                           lambda read: self._on_deadlines_done(generation, read),
                           lambda error: self._on_read_failed(generation, error))

    def counting(self) -> bool:
        """Is the heading waiting for its counts?"""
        return self._counting or self._count_wanted

    def _read(self, who: Party | None):
        """The first rows the filter shows with their suppliers' names (by deadline key: a
        SUP-CERT reminder is a supplier's own)."""
        disputes = self.workspace.disputes
        shown = disputes.deadlines(limit=SHOWN_ROWS, party=who)
        of_order = self.workspace.orders.supplier_names(
            {d.order_id for d in shown if d.order_id is not None})
        of_supplier = dict(self.workspace.suppliers.names()) \
            if any(d.order_id is None for d in shown) else {}
        suppliers = {d.key: of_order.get(d.order_id, "") if d.order_id is not None
                     else of_supplier.get(d.supplier_id, "") for d in shown}
        return shown, suppliers

    def _read_the_rest(self, who: Party | None) -> tuple[list[Deadline], DeadlineCounts]:
        """The reminder's rows (thousands with a million orders) and the heading's counts."""
        disputes = self.workspace.disputes
        return (disputes.deadlines(within=REMIND_WITHIN_DAYS, buyer_only=True, not_overdue=True),
                disputes.deadline_counts(SOON_DAYS, party=who))

    def _on_ops_changed(self, changes: Changes) -> None:
        if any(changes.has(kind) for kind in _DEADLINE_KINDS):
            self.refresh()

    def _on_deadlines_done(self, generation: int,
                           read: tuple[list[Deadline], dict[str, str]]) -> None:
        if generation != self._generation:
            return
        self._shown, suppliers = read
        self.model.set_deadlines(self._shown, self.workspace.today(), suppliers)
        self.auto_cancel_button.setEnabled(False)  # a reset model has no current row
        self.summary.setText(self.tr("Counting the open deadlines…"))
        self._count_wanted = True
        self._count()
        self.deadlines_loaded.emit()

    def _count(self) -> None:
        """Count for the newest rows shown, unless a count is under way: when it ends, stale,
        it starts this one (counts asked in a burst of changes do not pile up)."""
        if self._counting or not self._count_wanted:
            return
        self._counting, self._count_wanted = True, False
        generation, who = self._generation, self._who
        self.ops.tasks.run(lambda: self._read_the_rest(who),
                           lambda rest: self._on_counted(generation, rest),
                           lambda error: self._on_count_failed(generation, error))

    def _on_counted(self, generation: int, rest: tuple[list[Deadline], DeadlineCounts]) -> None:
        self._counting = False
        if generation != self._generation:
            self._count()
            return
        self._due_soon, self._counts = rest
        self.summary.setText(self.heading(self._counts))
        self.summary_loaded.emit()

    def _on_count_failed(self, generation: int, error: Exception) -> None:
        self._counting = False
        if generation != self._generation:
            self._count()
            return
        self.summary.setText(self.tr("The open deadlines could not be counted."))
        self.ops.show_error(self, error)

    def _on_read_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.ops.show_error(self, error)

    def heading(self, counts: DeadlineCounts) -> str:
        """Counts of the rows the filter shows (all of them, also past the first page)."""
        if not counts.listed:
            return (self.tr("Nothing is waiting for you.") if not counts.everyone
                    else self.tr("No deadline for this party."))
        parts = [self.tr("%1 open deadline(s)").replace("%1", f"{counts.listed:,}")]
        if counts.mine:
            parts.append(self.tr("%1 yours within %2 days").replace("%1", f"{counts.soon:,}")
                         .replace("%2", str(SOON_DAYS)))
        if counts.overdue:
            parts.append(self.tr("%1 overdue").replace("%1", f"{counts.overdue:,}"))
        if counts.listed > len(self._shown):
            parts.append(self.tr("the first %1 listed").replace("%1", f"{len(self._shown):,}"))
        return "  ·  ".join(parts)

    def _cancelled_by_platform(self) -> Deadline | None:
        """The selected deadline, when it is an automatic cancellation (CONF-AUTO) now due."""
        deadline = self.model.deadline(self.table.currentIndex().row())
        if deadline is None or deadline.rule != "CONF-AUTO" or deadline.order_id is None:
            return None
        return deadline if deadline.is_overdue(self.workspace.today()) else None

    def _on_current_row_changed(self, *_args) -> None:
        self.auto_cancel_button.setEnabled(self._cancelled_by_platform() is not None)

    def _on_auto_cancel_clicked(self) -> None:
        deadline = self._cancelled_by_platform()
        if deadline is not None:
            order_id = deadline.order_id
            self.ops.run_op(self, lambda: self.workspace.orders.record_auto_cancel(order_id))

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        deadline = self.model.deadline(row)
        if deadline is not None and deadline.order_id is not None:
            self.order_activated.emit(deadline.order_id)
        elif deadline is not None and deadline.supplier_id is not None:
            self.supplier_activated.emit(deadline.supplier_id)

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
        self.ops.note(self.tr("%1 deadline(s) written to %2.").replace("%1", str(count))
                      .replace("%2", Path(name).name), Path(name))
