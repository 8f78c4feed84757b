"""An in-app banner that reminds the buyer of their own deadlines due within 48 hours, once
per deadline (the keys already shown are remembered across runs)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ta_desktop.ui import formatting as fmt

if TYPE_CHECKING:  # the window's frame (and its tray) shows before the domain loads
    from ta_desktop.core.domain.deadlines import Deadline

# 48 hours, counted in days to the platform's deadline (an app setting, not a TA rule).
REMIND_WITHIN_DAYS = 2


class ReminderStore(Protocol):
    def unseen(self, keys: list[str]) -> list[str]: ...

    def mark(self, keys: list[str], current: list[str]) -> None:
        """Remember ``keys`` as reminded; forget those not among ``current`` (deadlines no
        longer due soon), so the store stays as small as the list of deadlines due soon."""


class SettingsReminderStore:
    """Remembers reminded deadline keys in QSettings."""

    KEY = "reminders/shown"

    def __init__(self) -> None:
        self._settings = QSettings()

    def _keys(self) -> set[str]:
        value = self._settings.value(self.KEY, [])
        return set(value if isinstance(value, list) else [value] if value else [])

    def unseen(self, keys: list[str]) -> list[str]:
        known = self._keys()  # one read of the settings for the whole list
        return [key for key in keys if key not in known]

    def mark(self, keys: list[str], current: list[str]) -> None:
        self._settings.setValue(self.KEY, sorted((self._keys() & set(current)) | set(keys)))


class MemoryReminderStore:
    def __init__(self) -> None:
        self.keys: set[str] = set()

    def unseen(self, keys: list[str]) -> list[str]:
        return [key for key in keys if key not in self.keys]

    def mark(self, keys: list[str], current: list[str]) -> None:
        self.keys = (self.keys & set(current)) | set(keys)


def due_soon(deadlines: list[Deadline], today: date) -> list[Deadline]:
    """The buyer's open deadlines due within ``REMIND_WITHIN_DAYS`` (and not yet passed)."""
    from ta_desktop.core.domain.deadlines import DeadlineKind
    from ta_desktop.core.domain.types import Party

    return [d for d in deadlines
            if d.open and d.party == Party.BUYER and d.kind == DeadlineKind.DUE
            and 0 <= d.days_left(today) <= REMIND_WITHIN_DAYS]


def reminder_subject(deadline: Deadline) -> str:
    """What is due, with its order's number; a certificate reminder (SUP-CERT) is the
    supplier's own, whose name its title already says."""
    if not deadline.order_number:
        return deadline.title
    return QCoreApplication.translate("Reminder", "%1 — order %2").replace(
        "%1", deadline.title).replace("%2", deadline.order_number)


class ReminderBanner(QFrame):
    order_requested = Signal(int)

    def __init__(self, store: ReminderStore | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        self.store = store or SettingsReminderStore()
        self.shown: list[Deadline] = []
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open order"))
        self.open_button.clicked.connect(self._on_open_clicked)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self.hide)
        box = QHBoxLayout(self)
        box.setContentsMargins(12, 6, 8, 6)
        box.addWidget(self.text, 1)
        box.addWidget(self.open_button)
        box.addWidget(self.dismiss_button)
        self.hide()

    def remind(self, deadlines: list[Deadline], today: date) -> list[Deadline]:
        """Show the buyer deadlines due soon that were never shown; returns them."""
        from ta_desktop.ui.widgets.timeline_model import countdown_text

        candidates = due_soon(deadlines, today)
        unseen = set(self.store.unseen([d.key for d in candidates]))
        fresh = [d for d in candidates if d.key in unseen]
        if not fresh:
            return []
        self.store.mark([d.key for d in fresh], [d.key for d in candidates])
        self.shown = fresh
        first = fresh[0]
        text = self.tr("Reminder: %1: %2, act by %3.").replace("%1", reminder_subject(first)) \
            .replace("%2", countdown_text(first.days_left(today))) \
            .replace("%3", fmt.weekday_day(first.safe_by))
        if len(fresh) > 1:
            text += self.tr(" And %1 more due within 48 hours.").replace(
                "%1", str(len(fresh) - 1))
        self.text.setText(text)
        self.open_button.setVisible(first.order_id is not None)
        self.show()
        return fresh

    def _on_open_clicked(self) -> None:
        if self.shown and self.shown[0].order_id is not None:
            self.order_requested.emit(self.shown[0].order_id)
        self.hide()
