"""Reminders with the window closed: a tray icon that keeps the app running and says, with a
system notification, which of the buyer's deadlines are due within 48 hours (once a day each);
and "Start at login" so it runs without being opened.

Both are settings (Settings menu). Without a system tray the window closes as before: an app
nobody can see or reach must not keep running.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from ta_desktop.core.services import autostart
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.home.reminder_banner import (
    ReminderStore,
    SettingsReminderStore,
    due_soon,
    reminder_subject,
)
from ta_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from ta_desktop.core.domain.deadlines import Deadline

STAY_SETTING = "tray/stay_in_tray"


class NotifiedStore(SettingsReminderStore):
    KEY = "reminders/notified"


def app_icon() -> QIcon:
    """The app's mark, drawn (no image file to ship): "TA" on a blue rounded square."""
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#1f6feb"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(28)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, 64, 64), Qt.AlignmentFlag.AlignCenter, "TA")
    painter.end()
    return QIcon(pixmap)


def starts_at_login(platform: str = sys.platform) -> bool:
    if platform.startswith("win"):
        run = QSettings(autostart.WINDOWS_RUN_KEY, QSettings.Format.NativeFormat)
        return run.contains(autostart.WINDOWS_VALUE)
    where = autostart.file_for_platform(platform)
    return where is not None and where[0].exists()


def set_start_at_login(on: bool, platform: str = sys.platform) -> None:
    """Write (or remove) what starts the app at login on this system."""
    if platform.startswith("win"):
        run = QSettings(autostart.WINDOWS_RUN_KEY, QSettings.Format.NativeFormat)
        if on:
            run.setValue(autostart.WINDOWS_VALUE,
                         autostart.windows_command(autostart.app_command()))
        else:
            run.remove(autostart.WINDOWS_VALUE)
        run.sync()
        return
    path, content = autostart.file_for_platform(platform)
    if on:
        autostart.write_start_file(path, content)
    else:
        autostart.remove_start_file(path)


class TrayReminders(QObject):
    open_requested = Signal()
    quit_requested = Signal()

    def __init__(self, window: QWidget, ops: Operations, store: ReminderStore | None = None):
        super().__init__(window)
        self.window = window
        self.ops = ops
        self.store = store or NotifiedStore()
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.icon.setToolTip(self.tr("TA Desktop — Trade Assurance reminders"))
        menu = QMenu(window)
        menu.addAction(self.tr("Open TA Desktop"), self.open_requested.emit)
        menu.addSeparator()
        menu.addAction(self.tr("Quit"), self.quit_requested.emit)
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(self.open_requested.emit)
        self.notified: list[tuple[str, str]] = []  # (title, text) of every notification sent

        self.stay_action = QAction(self.tr("Keep reminding from the tray when the window is "
                                           "closed"), self, checkable=True)
        self.stay_action.setChecked(QSettings().value(STAY_SETTING, False, type=bool))
        self.stay_action.setEnabled(self.available())
        if not self.available():
            self.stay_action.setToolTip(self.tr("This desktop has no system tray."))
        self.stay_action.toggled.connect(self.set_stay_in_tray)
        self.login_action = QAction(self.tr("Start TA Desktop at login"), self, checkable=True)
        self.login_action.setChecked(starts_at_login())
        self.login_action.toggled.connect(self._on_login_toggled)
        self._apply()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def actions(self) -> list[QAction]:
        return [self.stay_action, self.login_action]

    def keeps_running(self) -> bool:
        """Closing the window hides it to the tray (the setting, and a tray to come back by)."""
        return self.stay_action.isChecked() and self.available()

    def set_stay_in_tray(self, stay: bool) -> None:
        QSettings().setValue(STAY_SETTING, stay)
        self._apply()

    def _apply(self) -> None:
        stay = self.keeps_running()
        self.icon.setVisible(stay)
        QApplication.setQuitOnLastWindowClosed(not stay)

    def _on_login_toggled(self, on: bool) -> None:
        if self.ops.run_op(self.window, lambda: set_start_at_login(on)):
            self.ops.note(self.tr("TA Desktop starts at login.") if on
                          else self.tr("TA Desktop no longer starts at login."))
        else:
            self.login_action.blockSignals(True)
            self.login_action.setChecked(not on)
            self.login_action.blockSignals(False)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()

    def remind(self, deadlines: list[Deadline], today: date) -> list[Deadline]:
        """With the window hidden: a system notification of the buyer's deadlines due within
        48 hours, each once a day while it stays due. Returns those notified."""
        if self.window.isVisible():
            return []  # the banner in the window speaks then
        candidates = {f"{d.key}@{today.isoformat()}": d for d in due_soon(deadlines, today)}
        fresh = [candidates[key] for key in self.store.unseen(list(candidates))]
        if not fresh:
            return []
        self.store.mark([f"{d.key}@{today.isoformat()}" for d in fresh], list(candidates))
        first = fresh[0]
        title = reminder_subject(first)
        text = self.tr("Act by %1.").replace("%1", fmt.day(first.safe_by))
        if len(fresh) > 1:
            text += " " + self.tr("And %1 more due within 48 hours.").replace(
                "%1", str(len(fresh) - 1))
        self.notify(title, text)
        return fresh

    def notify(self, title: str, text: str) -> None:
        self.notified.append((title, text))
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 30_000)

    def told_hidden(self) -> None:
        """Once, the first time the window goes to the tray: where it went."""
        if getattr(self, "_told", False):
            return
        self._told = True
        self.notify(self.tr("TA Desktop keeps running"),
                    self.tr("It reminds you of deadlines from here; Quit from this icon's menu."))
