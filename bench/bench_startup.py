"""Start-up of TA Desktop on a database of 100,000 orders, beside a bare PySide6 main window
measured in the same run: process start to the main window shown, and on to What needs me
listing its first rows (the database opens on a worker once the window shows); the peak
memory at each.

Both run as the installed app would: from compiled bytecode (a warm-up run of each writes it
to a temporary cache first; the figures of later runs are taken). The app runs its real
start-up (``ta_desktop.app.main``), including the work it starts in the background. Run:
python bench/bench_startup.py [--db PATH] [--orders N] [--runs N]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_db import ROOT, bench_database, machine, median, ratio_line

# Prints "shown" when the window has been shown, then (the app only) "listed" when What needs
# me lists its first rows: seconds since the process started and the peak resident memory
# so far (KiB); then leaves at once.
_REPORT = """
import os, resource, sys, time
from PySide6.QtCore import QTimer
STARTED = time.time()

def report(what, leave):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(what, time.time(), peak, flush=True)
    if leave:
        os._exit(0)

def shown_then_report(window_class, leave):
    class Reporting(window_class):
        def showEvent(self, event):
            super().showEvent(event)
            QTimer.singleShot(0, lambda: report("shown", leave))
    return Reporting
"""

BARE = _REPORT + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = shown_then_report(QMainWindow, True)()
window.resize(1360, 820)
window.show()
app.exec()
"""

# The app's module first, as its entry point imports it: its own order of imports holds.
APP = "from ta_desktop import app\n" + _REPORT + """
class Listing(shown_then_report(app.MainWindow, False)):
    def attach(self, workspace):
        super().attach(workspace)
        self.home_page.deadlines_loaded.connect(lambda: report("listed", True))

app.MainWindow = Listing
sys.exit(app.main(["--db", sys.argv[1]]))
"""


def run(code: str, argv: list[str], env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Each moment reported: seconds from process start, and peak memory (MiB) by then."""
    start = time.time()
    process = subprocess.Popen([sys.executable, "-c", code, *argv], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    out, err = process.communicate()
    moments = {}
    for line in out.splitlines():
        what, when, peak = line.split()
        moments[what] = (float(when) - start, int(peak) / 1024)
    if "shown" not in moments:
        raise SystemExit(f"the window was not shown:\n{err}")
    return moments


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
        bare.append(run(BARE, [], env)["shown"])
        app.append(run(APP, [str(path)], env))
    shown = [moments["shown"] for moments in app]
    listed = [moments["listed"] for moments in app]
    print(f"start-up with {args.orders:,} orders, median of {args.runs} runs; {machine()}")
    print("  app, window shown (s):  " + ", ".join(f"{s:.2f}" for s, _ in shown))
    print("  app, rows listed (s):   " + ", ".join(f"{s:.2f}" for s, _ in listed))
    print("  bare window shown (s):  " + ", ".join(f"{s:.2f}" for s, _ in bare))
    bare_s, bare_mb = median([s for s, _ in bare]), median([m for _, m in bare])
    shown_s, shown_mb = median([s for s, _ in shown]), median([m for _, m in shown])
    listed_s, listed_mb = median([s for s, _ in listed]), median([m for _, m in listed])
    print(ratio_line("start-up to the main window shown", shown_s, "bare PySide6 window",
                     bare_s, "ms", 4) + f"; goal at most 500 ms: "
          f"{'met' if shown_s <= 0.5 else 'NOT met'}")
    print(ratio_line("  ... to What needs me listing its first rows", listed_s,
                     "bare PySide6 window", bare_s, "ms"))
    print(f"peak memory, window shown: {shown_mb:.0f} MiB; rows listed: {listed_mb:.0f} MiB | "
          f"bare PySide6 window: {bare_mb:.0f} MiB | ratio {listed_mb / bare_mb:.2f}x (rows "
          f"listed); goal at most 120 MiB: {'met' if listed_mb <= 120 else 'NOT met'}")


if __name__ == "__main__":
    main()
