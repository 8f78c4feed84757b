"""Start TA Desktop at login, so its reminders run without the buyer opening it.

Each system has its own place: Linux (and other XDG desktops) an ``autostart`` .desktop file,
macOS a LaunchAgent property list, Windows a value under the registry's ``Run`` key (written by
the UI through QSettings; this module only says what the value is). The file contents are built
here, Qt-free, so they are tested on any system.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from pathlib import Path

from ta_desktop.core.storage.files import write_atomically

APP_ID = "ta-desktop"
MAC_LABEL = "com.ta-desktop.app"
WINDOWS_RUN_KEY = r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run"
WINDOWS_VALUE = "TA Desktop"
START_HIDDEN = "--minimized"  # started at login: to the tray, not in the buyer's face


def app_command() -> list[str]:
    """How this installation starts the app (the Python running it, the app module)."""
    return [sys.executable, "-m", "ta_desktop.app", START_HIDDEN]


def linux_file(config_home: Path | None = None) -> Path:
    base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "autostart" / f"{APP_ID}.desktop"


def mac_file(home: Path | None = None) -> Path:
    return (home or Path.home()) / "Library" / "LaunchAgents" / f"{MAC_LABEL}.plist"


def _exec_quoted(argument: str) -> str:
    """An Exec= argument as the Desktop Entry specification quotes it."""
    if not any(c in argument for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


def desktop_entry(command: list[str]) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=TA Desktop",
        "Comment=Trade Assurance deadlines and reminders",
        "Exec=" + " ".join(_exec_quoted(part) for part in command),
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        "",
    ])


def launch_agent(command: list[str]) -> bytes:
    return plistlib.dumps({"Label": MAC_LABEL, "ProgramArguments": list(command),
                           "RunAtLoad": True, "ProcessType": "Interactive"})


def windows_command(command: list[str]) -> str:
    """The command line stored in the Run key's value."""
    return subprocess.list2cmdline(command)


def write_start_file(path: Path, content: bytes) -> Path:
    # The autostart folder belongs to the desktop, not to a path the user typed: create it.
    path.parent.mkdir(parents=True, exist_ok=True)
    with write_atomically(path) as out:
        out.write(content)
    return path


def remove_start_file(path: Path) -> None:
    path.unlink(missing_ok=True)


def file_for_platform(platform: str = sys.platform) -> tuple[Path, bytes] | None:
    """Where and what to write on this system; None on Windows (the registry)."""
    command = app_command()
    if platform == "darwin":
        return mac_file(), launch_agent(command)
    if platform.startswith("win"):
        return None
    return linux_file(), desktop_entry(command).encode("utf-8")
