"""Why Qt cannot open a window on Linux, said before it tries: Qt's own message names the
platform plugin ("could not load the Qt platform plugin xcb"), not the system library that is
missing. ``ldd`` on the plugin Qt would use names it; the Debian/Ubuntu package follows from it.

Runs before the QApplication exists, so only QtCore (which needs no display library) is used.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

# Packages whose names do not follow the usual rule (libfoo.so.1 → libfoo1).
_PACKAGES = {"libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
             "libgobject-2.0.so.0": "libglib2.0-0"}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def package_of(soname: str) -> str:
    """The Debian/Ubuntu package of a library: libxcb-icccm.so.4 → libxcb-icccm4."""
    if soname in _PACKAGES:
        return _PACKAGES[soname]
    name, _, version = soname.partition(".so.")
    name = name.lower()
    version = version.split(".")[0]
    return f"{name}{'-' if name[-1:].isdigit() else ''}{version}"


def missing_in(ldd_output: str) -> list[str]:
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def plugin_candidates(env: dict[str, str]) -> list[str]:
    """The platform plugins Qt tries, in its order."""
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if chosen:
        return [name for name in chosen.split(";") if name]
    return ["wayland", "xcb"] if env.get("WAYLAND_DISPLAY") else ["xcb"]


def missing_libraries(plugin: Path) -> list[str] | None:
    """The shared libraries ``plugin`` needs and this system lacks; None when it cannot tell."""
    ldd = shutil.which("ldd")
    if ldd is None or not plugin.exists():
        return None
    try:
        run = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return missing_in(run.stdout)


def start_problem(env: dict[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """One sentence saying why Qt cannot open a window here, or None when it should."""
    env = dict(os.environ if env is None else env)
    if not platform.startswith("linux"):
        return None
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    first_missing: list[str] | None = None
    for name in plugin_candidates(env):
        missing = missing_libraries(plugins / f"libq{name}.so")
        if missing is None or not missing:
            break  # it loads (or we cannot tell): let Qt go on
        first_missing = first_missing or missing
    else:
        if first_missing:
            packages = " ".join(dict.fromkeys(package_of(lib) for lib in first_missing))
            return (f"TA Desktop cannot open its window: the system "
                    f"librar{'ies' if len(first_missing) > 1 else 'y'} "
                    f"{', '.join(first_missing)} {'are' if len(first_missing) > 1 else 'is'} "
                    f"missing (on Debian or Ubuntu: sudo apt-get install {packages}).")
    if not any(env.get(key) for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return ("TA Desktop cannot open its window: no display was found (DISPLAY is not "
                "set); start it from a desktop session.")
    return None
