"""Adding 6 camera photos on the Evidence tab, against the CLI's check of the same files.

The tab copies the files into the store, checks them and draws thumbnails off the GUI thread;
the figure is from "Add files" until every badge and thumbnail is in (issue 10: at most 2x the
CLI's ``check-evidence``).

    QT_QPA_PLATFORM=offscreen python bench/bench_evidence_ui.py [phone]

On a loaded machine the wall-clock figures swing; the CPU times say what each did.

``phone``: 6 phone-sized photos (12 MP, about 3 MB) instead of camera-sized ones (12-20 MB).
"""

from __future__ import annotations

import os
import resource
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


def phone_photo(path: Path, number: int) -> Path:
    """A 4032 x 3024 photo of about 3 MB: a gradient with light noise, JPEG quality 85."""
    from PIL import Image

    noise = Image.effect_noise((4032, 3024), 12 + number)
    gradient = Image.linear_gradient("L").resize((4032, 3024))
    Image.merge("RGB", (noise, gradient, Image.blend(noise, gradient, 0.5))).save(
        path, "JPEG", quality=85)
    return path


def cli_seconds(photos: list[Path]) -> float:
    start, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "ta_desktop", "check-evidence", *map(str, photos)],
                   check=False, capture_output=True)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"  CLI CPU time: {used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime:.2f} s"
          " (start-up included)")
    return time.perf_counter() - start


def ui_seconds(app: QApplication, root: Path, photos: list[Path]) -> float:
    workspace = Workspace.open(root / "bench.sqlite")
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    panel = EvidencePanelWidget(workspace, Operations(ScriptedMessages(), TaskRunner()))
    panel.set_order(order)
    panel.show()
    seen_progress = []
    start, cpu = time.perf_counter(), time.process_time()
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
    print(f"  Evidence tab CPU time (every thread): {time.process_time() - cpu:.2f} s")
    print(f"  progress bar values seen: {sorted(set(seen_progress))}")
    panel.close()
    workspace.close()
    return seconds


def main() -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        if sys.argv[1:] == ["phone"]:
            photos = [phone_photo(root / f"phone {n}.jpg", n) for n in range(COUNT)]
        else:
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
