"""When Qt cannot open a window, the app names the missing system library and its package."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ta_desktop.ui import qt_start

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
"""


def test_ldd_output_names_what_is_missing_and_its_package():
    assert qt_start.missing_in(LDD) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert [qt_start.package_of(name) for name in (
        "libxcb-icccm.so.4", "libxkbcommon-x11.so.0", "libEGL.so.1", "libX11-xcb.so.1",
        "libglib-2.0.so.0", "libxcb-render-util.so.0")] == [
        "libxcb-icccm4", "libxkbcommon-x11-0", "libegl1", "libx11-xcb1", "libglib2.0-0",
        "libxcb-render-util0"]


def test_one_sentence_naming_the_libraries_and_the_apt_line(monkeypatch):
    monkeypatch.setattr(qt_start, "missing_libraries",
                        lambda plugin: qt_start.missing_in(LDD) if "xcb" in plugin.name else [])
    problem = qt_start.start_problem({"DISPLAY": ":0"}, "linux")
    assert problem == (
        "TA Desktop cannot open its window: the system libraries libxcb-icccm.so.4, "
        "libxcb-keysyms.so.1 are missing (on Debian or Ubuntu: sudo apt-get install "
        "libxcb-icccm4 libxcb-keysyms1).")
    assert qt_start.start_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None, \
        "Wayland loads, so xcb's libraries do not matter"
    assert qt_start.start_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert qt_start.start_problem({}, "win32") is None


def test_no_display_is_said_in_words(monkeypatch):
    monkeypatch.setattr(qt_start, "missing_libraries", lambda plugin: [])
    assert "no display was found" in qt_start.start_problem({}, "linux")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd and xcb are Linux's")
def test_the_app_says_it_on_this_machine_in_one_line(tmp_path):
    plugins = Path(qt_start.QLibraryInfo.path(qt_start.QLibraryInfo.LibraryPath.PluginsPath))
    missing = qt_start.missing_libraries(plugins / "platforms" / "libqxcb.so")
    if not missing:
        pytest.skip("every library the xcb plugin needs is installed here")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)}
    env.pop("DISPLAY", None)
    ran = subprocess.run([sys.executable, "-m", "ta_desktop.app"], env=env, capture_output=True,
                         text=True, timeout=120)
    assert ran.returncode == 2 and ran.stderr.count("\n") == 1
    assert missing[0] in ran.stderr and qt_start.package_of(missing[0]) in ran.stderr
