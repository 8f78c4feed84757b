"""Reminders with the window closed (tray, system notifications) and Start at login."""

import configparser
import plistlib
import shlex
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from ta_desktop.core.domain.types import ClaimType, Party
from ta_desktop.core.services import autostart
from ta_desktop.ui import tray
from ta_desktop.ui.home.reminder_banner import MemoryReminderStore
from ta_desktop.ui.main_window import MainWindow
from ta_desktop.ui.messages import ScriptedMessages
from ta_desktop.ui.tasks import SyncTaskRunner
from tests.ui import test_dispute_workflow as flows

D = date.fromisoformat
clock, shop = flows.clock, flows.shop  # the shipped order of the dispute tests


@pytest.fixture
def with_tray(monkeypatch):
    """A desktop with a system tray (the offscreen platform has none)."""
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))


def test_a_tray_reminder_fires_with_the_window_hidden(qtbot, with_tray, shop, clock):
    workspace, order_id = shop
    workspace.disputes.open(order_id, claim=ClaimType.QUALITY, requested_refund=Decimal("100"),
                            claim_text="Scratches.")
    workspace.disputes.propose(order_id, Party.SUPPLIER, Decimal("10"))
    window = MainWindow(workspace, ScriptedMessages(), MemoryReminderStore(), SyncTaskRunner(),
                        notified=MemoryReminderStore())
    qtbot.addWidget(window)
    window.show()
    window.tray.stay_action.setChecked(True)
    window.close()  # to the tray, not quit
    assert not window.isVisible() and window.tray.icon.isVisible()
    assert window.tray.notified[-1][0] == "TA Desktop keeps running"

    clock.today = D("2026-11-08")  # the reply to the proposal is due on 9 November
    window.check_deadlines()  # what the hourly timer does, window hidden
    title, text = window.tray.notified[-1]
    assert title == "Answer the supplier's proposal — order TA-900"
    assert text.startswith("Act by 08 Nov 2026")
    count = len(window.tray.notified)
    window.check_deadlines()
    assert len(window.tray.notified) == count, "once a day per deadline"

    window.tray.open_requested.emit()
    assert window.isVisible()
    window.tray.quit_requested.emit()
    assert not window.isVisible()


def test_without_the_setting_closing_quits_and_nothing_is_notified(qtbot, with_tray, shop):
    window = MainWindow(shop[0], ScriptedMessages(), MemoryReminderStore(), SyncTaskRunner(),
                        notified=MemoryReminderStore())
    qtbot.addWidget(window)
    window.show()
    assert not window.tray.keeps_running()
    assert window.close()
    assert window.tray.notified == []


def test_start_at_login_on_linux_writes_an_xdg_autostart_entry(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert not tray.starts_at_login("linux")
    tray.set_start_at_login(True, "linux")
    path = tmp_path / "autostart" / "ta-desktop.desktop"
    assert tray.starts_at_login("linux")
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(path)
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "TA Desktop"
    assert section["Exec"].endswith("-m ta_desktop.app --minimized")
    command = shlex.split(section["Exec"])  # what the session runs at login, for real
    ran = subprocess.run([*command[:-1], "--help"], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0 and "--minimized" in ran.stdout
    tray.set_start_at_login(False, "linux")
    assert not path.exists()


def test_the_exec_line_quotes_a_path_with_spaces():
    line = autostart.desktop_entry(["/opt/my apps/python", "-m", "ta_desktop.app"])
    assert 'Exec="/opt/my apps/python" -m ta_desktop.app' in line


def test_macos_launch_agent_and_windows_run_value():
    command = ["/Applications/TA Desktop/python", "-m", "ta_desktop.app", "--minimized"]
    agent = plistlib.loads(autostart.launch_agent(command))
    assert agent["Label"] == "com.ta-desktop.app"
    assert agent["ProgramArguments"] == command and agent["RunAtLoad"] is True
    assert str(autostart.mac_file()).endswith("Library/LaunchAgents/com.ta-desktop.app.plist")
    assert autostart.windows_command([r"C:\Program Files\Python\python.exe", "-m",
                                      "ta_desktop.app"]) == (
        r'"C:\Program Files\Python\python.exe" -m ta_desktop.app')
    assert autostart.WINDOWS_RUN_KEY.endswith(r"\CurrentVersion\Run")
    assert autostart.file_for_platform("win32") is None
