"""The dispute team's calendar (DS-TEAM): the public holidays it follows, and the user's own
days off or working days on top (when the platform announces a change, or a local closure)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.services import workdays
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.action_dialog import date_edit, from_qdate

PREVIEW_DAYS = 60  # how far ahead the dialog lists the days nobody works


class TeamCalendarDialog(QDialog):
    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.ops = ops
        self.setWindowTitle(self.tr("Dispute team calendar"))
        self.resize(620, 520)
        days_off, working = workdays.user_days(workspace.settings)
        self.days_off = set(days_off)
        self.working = set(working)
        country = workspace.profile.team_holiday_country
        intro = QLabel(self.tr(
            "DS-TEAM: the dispute team answers within {0} working days. Weekends and the public "
            "holidays of <b>{1}</b> are skipped; make-up working days count. Add a day off or a "
            "working day when the platform announces one.").format(
                workspace.profile.team_response_working_days, country))
        intro.setWordWrap(True)
        self.day = date_edit(workspace.today())
        add_off = QPushButton(self.tr("Add day off"))
        add_off.clicked.connect(self._on_add_off_clicked)
        add_work = QPushButton(self.tr("Add working day"))
        add_work.clicked.connect(self._on_add_work_clicked)
        self.changes = QListWidget()
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._on_remove_clicked)
        self.preview = QLabel()
        self.preview.setObjectName("hint")
        self.preview.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.day)
        row.addWidget(add_off)
        row.addWidget(add_work)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Your changes")))
        layout.addWidget(self.changes, 1)
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.preview)
        layout.addWidget(buttons)
        self._show()

    def _show(self) -> None:
        self.changes.clear()
        for day in sorted(self.days_off | self.working):
            kind = self.tr("day off") if day in self.days_off else self.tr("working day")
            item = QListWidgetItem(f"{fmt.weekday_day(day)} — {kind}")
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.changes.addItem(item)
        calendar = self.workspace.calendar().with_changes(days_off=self.days_off,
                                                          working_days=self.working)
        today = self.workspace.today()
        off = [today + timedelta(days=n) for n in range(PREVIEW_DAYS)]
        holidays = [d for d in off if calendar.is_holiday(d)]
        listed = ", ".join(fmt.short_day(d) for d in holidays) or self.tr("none")
        self.preview.setText(self.tr("Weekdays off in the next {0} days: {1}").format(
            PREVIEW_DAYS, listed))

    def add_day_off(self, day: date) -> None:
        self.working.discard(day)
        self.days_off.add(day)
        self._show()

    def add_working_day(self, day: date) -> None:
        self.days_off.discard(day)
        self.working.add(day)
        self._show()

    def _on_add_off_clicked(self) -> None:
        self.add_day_off(from_qdate(self.day.date()))

    def _on_add_work_clicked(self) -> None:
        self.add_working_day(from_qdate(self.day.date()))

    def _on_remove_clicked(self) -> None:
        item = self.changes.currentItem()
        if item is not None:
            day = item.data(Qt.ItemDataRole.UserRole)
            self.days_off.discard(day)
            self.working.discard(day)
            self._show()

    def _on_buttons_accepted(self) -> None:
        if self.ops.run_op(self, lambda: workdays.set_user_days(
                self.workspace.settings, self.days_off, self.working)):
            self.ops.note(self.tr("Dispute team calendar saved."))
            self.accept()

