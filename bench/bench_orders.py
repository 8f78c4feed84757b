"""How the app copes with a big database: 100,000 orders from 2,000 suppliers.

Prints: the time to fill the database (once), the time from process start to the main window
shown, and the time of a text filter, a status filter and a sort on the order list (count plus
the first page the view shows). Run: python bench/bench_orders.py [--db PATH] [--orders N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from make_db import fill  # the one synthetic database of every bench

from ta_desktop.core.domain.types import OrderStatus

STARTUP = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.main_window import MainWindow
from ta_desktop.ui.theme import apply_theme
app = QApplication([])
apply_theme(app)
window = MainWindow(Workspace.open(sys.argv[1]))
window.show()
def shown():
    print("shown", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def startup_seconds(path: Path) -> float:
    """Until the window reports itself shown (not until the process exits: background work
    started at start-up, like the deadlines of "What needs me", may still be finishing)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", STARTUP, str(path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parent.parent)
    line = process.stdout.readline()
    shown = time.perf_counter() - start
    _out, err = process.communicate()
    assert "shown" in line, err
    return shown


def list_timings(path: Path) -> dict[str, float]:
    import dataclasses

    from PySide6.QtWidgets import QApplication

    from ta_desktop.core.services.workspace import Workspace
    from ta_desktop.ui.orders.orders_model import OrdersModel

    QApplication.instance() or QApplication([])
    model = OrdersModel(Workspace.open(path).orders)

    def timed(**changes) -> float:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            model.set_query(dataclasses.replace(model.query, **changes))
            for row in range(min(40, model.rowCount())):  # what a view paints first
                model.index(row, 0).data()
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    return {
        "initial list (count + first page)": timed(),
        "text filter 'Ningbo'": timed(text="Ningbo"),
        "text filter 'TA-00999'": timed(text="TA-00999"),
        "status filter": timed(text="", status=OrderStatus.IN_DISPUTE),
        "sort by total, descending": timed(status=None, sort="total", descending=True),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reuse this database (filled if missing)")
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--suppliers", type=int, default=2_000)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite"
    if not path.exists():
        print(f"fill {args.orders:,} orders, {args.suppliers:,} suppliers: "
              f"{fill(path, args.orders, args.suppliers):.1f} s")
    startups = [startup_seconds(path) for _ in range(3)]
    print(f"process start to main window shown: median {statistics.median(startups):.2f} s "
          f"(runs: {', '.join(f'{s:.2f}' for s in startups)})")
    for name, seconds in list_timings(path).items():
        print(f"{name}: {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
