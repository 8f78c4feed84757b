"""Re-take the README screenshots: ``xvfb-run -s "-screen 0 1600x1000x24" python
docs/screenshots.py``. Uses a fresh demo database, so the pictures match the demo data."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ta_desktop.core.services.demo import load_demo
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.evidence.evidence_panel import EvidencePanelWidget
from ta_desktop.ui.main_window import MainWindow
from ta_desktop.ui.specs.specification_tab import SpecificationTab
from ta_desktop.ui.theme import apply_theme

DOCS = Path(__file__).resolve().parent


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def main() -> None:
    QCoreApplication.setOrganizationName("TA Desktop screenshots")
    app = QApplication(sys.argv)
    apply_theme(app)
    workspace = Workspace.open(Path(tempfile.mkdtemp()) / "demo.sqlite")
    load_demo(workspace)
    window = MainWindow(workspace)
    window.resize(1480, 900)
    window.show()
    page = window.orders_page
    window.show_page(page)  # the window opens on "What needs me"
    number = "TA-2026-0113"
    for row in range(page.model.rowCount()):
        if page.model.order_row(row).order_number == number:
            page.table.selectRow(row)
    settle(app)
    window.grab().save(str(DOCS / "main_window.png"))
    print("saved", DOCS / "main_window.png")

    # The spec editor on the demo order with the vague specification.
    vague = workspace.orders.get_by_number("TA-2026-0102")
    page.open_order(vague.id)
    page.detail.show_tab(page.detail.extension(SpecificationTab))
    settle(app)
    window.grab().save(str(DOCS / "spec_editor.png"))
    print("saved", DOCS / "spec_editor.png")

    # The evidence tab of the disputed order, with files a buyer typically collects.
    disputed = workspace.orders.get_by_number("TA-2026-0123")
    workspace.evidence.add_files(disputed.id, sample_evidence(Path(tempfile.mkdtemp())))
    page.open_order(disputed.id)
    page.detail.show_tab(page.detail.extension(EvidencePanelWidget))
    for _ in range(40):  # thumbnails and checks arrive from worker threads
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(50)
    settle(app)
    window.grab().save(str(DOCS / "evidence_tab.png"))
    print("saved", DOCS / "evidence_tab.png")


def sample_evidence(folder: Path) -> list[Path]:
    """A realistic handful: photos of the defect (one too big), a lab report, a renamed file."""
    from PIL import Image, ImageDraw

    files = []
    for name, size, colour in (("chipped paint 01.jpg", (1600, 1200), (200, 120, 60)),
                               ("chipped paint 02.jpg", (1600, 1200), (90, 140, 200)),
                               ("carton label.png", (900, 600), (230, 230, 210))):
        image = Image.new("RGB", size, colour)
        ImageDraw.Draw(image).ellipse((200, 200, 700, 600), outline=(0, 0, 0), width=12)
        image.save(folder / name)
        files.append(folder / name)
    big = folder / "warehouse photo 4000x3000.bmp"
    Image.effect_noise((4000, 3000), 80).convert("RGB").save(big)
    report = folder / "检测报告 lab test.pdf"
    report.write_bytes(b"%PDF-1.4\n% lab report stand-in\n%%EOF\n")
    renamed = folder / "invoice.jpg"
    renamed.write_bytes(b"MZ" + bytes(2000))
    return [*files, big, report, renamed]


if __name__ == "__main__":
    main()
