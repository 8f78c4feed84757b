"""Start-up: process start to the main window shown, and peak memory then, for TA Desktop on a
database of 100,000 orders, beside a bare PySide6 main window measured in the same run.

Both run as the installed app would: from compiled bytecode (a warm-up run of each writes it
to a temporary cache first; the figures of later runs are taken). The app runs its real
start-up (``ta_desktop.app.main``), including the work it starts in the background; the time
stops when the window has been shown. Run: python bench/bench_startup.py [--db PATH]
[--orders N] [--runs N]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_db import ROOT, bench_database, machine, median, ratio_line

# Prints, once the window is shown: the peak resident memory so far (KiB), then leaves at once.
_REPORT = """
import os, resource, sys
from PySide6.QtCore import QTimer

def shown_then_report(window_class):
    class Reporting(window_class):
        def showEvent(self, event):
            super().showEvent(event)
            QTimer.singleShot(0, report)
    return Reporting

def report():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("shown", peak, flush=True)
    os._exit(0)
"""

BARE = _REPORT + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = shown_then_report(QMainWindow)()
window.resize(1360, 820)
window.show()
app.exec()
"""

# The app's module first, as its entry point imports it: its own order of imports holds.
APP = "from ta_desktop import app\n" + _REPORT + """
app.MainWindow = shown_then_report(app.MainWindow)
sys.exit(app.main(["--db", sys.argv[1]]))
"""


def run(code: str, argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from process start to the window shown, and peak memory (MiB) by then."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *argv], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    line = process.stdout.readline()
    seconds = time.perf_counter() - start
    _out, err = process.communicate()
    if not line.startswith("shown"):
        raise SystemExit(f"the window was not shown:\n{err}")
    return seconds, int(line.split()[1]) / 1024


def main() -> None:
    args, folder, path = bench_database(__doc__.splitlines()[0], "startup")
    # Not due at start-up: the runs measure a start, not a backup of the database beside it.
    from ta_desktop.core.services.workspace import Workspace

    workspace = Workspace.open(path)
    workspace.backups.back_up_if_due()
    workspace.close()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPYCACHEPREFIX=str(folder / "bytecode"), PYTHONPATH=str(ROOT),
               XDG_DATA_HOME=str(folder / "data"), XDG_CONFIG_HOME=str(folder / "config"))
    run(BARE, [], env)  # warm-up runs: bytecode written, files in the page cache
    run(APP, [str(path)], env)
    bare, app = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine
        bare.append(run(BARE, [], env))
        app.append(run(APP, [str(path)], env))
    print(f"start-up with {args.orders:,} orders, median of {args.runs} runs; {machine()}")
    print("  app runs (s):  " + ", ".join(f"{s:.2f}" for s, _ in app))
    print("  bare runs (s): " + ", ".join(f"{s:.2f}" for s, _ in bare))
    app_s, bare_s = median([s for s, _ in app]), median([s for s, _ in bare])
    app_mb, bare_mb = median([m for _, m in app]), median([m for _, m in bare])
    print(ratio_line("start-up to the main window", app_s, "bare PySide6 window", bare_s,
                     "ms", 4) + f"; goal at most 500 ms: {'met' if app_s <= 0.5 else 'NOT met'}")
    print(f"peak memory at the window: {app_mb:.0f} MiB | bare PySide6 window: {bare_mb:.0f} "
          f"MiB | ratio {app_mb / bare_mb:.2f}x; goal at most 120 MiB: "
          f"{'met' if app_mb <= 120 else 'NOT met'}")


if __name__ == "__main__":
    main()
