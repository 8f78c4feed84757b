"""Adding 6 camera photos on the Evidence tab, against the CLI's check of the same files.

The tab copies the files into the store, checks them and draws thumbnails off the GUI thread;
the figure is from "Add files" until every badge and thumbnail is in (issue 10: at most 2x the
CLI's ``check-evidence``).

    QT_QPA_PLATFORM=offscreen python bench/bench_evidence_ui.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.evidence.evidence_model import Badge
from ta_desktop.ui.evidence.evidence_panel import EvidencePanelWidget
from ta_desktop.ui.messages import ScriptedMessages
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.tasks import TaskRunner
from tests.evidence_files import NoisyPhotos
from tests.factories import make_order, make_supplier

COUNT = 6


def cli_seconds(photos: list[Path]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ta_desktop", "check-evidence", *map(str, photos)],
                   check=False, capture_output=True)
    return time.perf_counter() - start


def ui_seconds(app: QApplication, root: Path, photos: list[Path]) -> float:
    workspace = Workspace.open(root / "bench.sqlite")
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    panel = EvidencePanelWidget(workspace, Operations(ScriptedMessages(), TaskRunner()))
    panel.set_order(order)
    panel.show()
    seen_progress = []
    start = time.perf_counter()
    panel.add_paths(photos)
    while True:
        app.processEvents()
        bar = getattr(panel, "progress_bar", None)
        if bar is not None and bar.isVisible():
            seen_progress.append(bar.value())
        model = panel.model
        rows = model.rowCount()
        if rows == COUNT and all(model.badge(r)[0] != Badge.CHECKING for r in range(rows)):
            break
        time.sleep(0.005)
    seconds = time.perf_counter() - start
    print(f"  progress bar values seen: {sorted(set(seen_progress))}")
    panel.close()
    workspace.close()
    return seconds


def main() -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        maker = NoisyPhotos()
        photos = [maker.photo(root, f"photo {n}.jpg", n) for n in range(COUNT)]
        total = sum(p.stat().st_size for p in photos)
        print(f"{COUNT} photos, {total / 1e6:.0f} MB, {os.cpu_count()} CPU(s)")
        cli = cli_seconds(photos)
        print(f"CLI check-evidence: {cli:.2f} s")
        ui = ui_seconds(app, root, photos)
        print(f"Evidence tab, add until every badge and thumbnail is in: {ui:.2f} s "
              f"({ui / cli:.1f}x the CLI)")


if __name__ == "__main__":
    main()
