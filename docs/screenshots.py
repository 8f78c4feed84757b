"""Re-take the README screenshots, each at 1366x768 in the light and the dark theme:

    QT_QPA_PLATFORM=offscreen python docs/screenshots.py [OUT_FOLDER]

(or under ``xvfb-run -s "-screen 0 1366x768x24"``). Uses a fresh demo database, so the pictures
match the demo data. The timeline widgets alone: docs/make_timeline_screenshots.py."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ta_desktop.core.services.demo import SUPPLIERS, load_demo
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.disputes.dispute_dialog import DisputeDialog, DisputeStep
from ta_desktop.ui.disputes.dispute_tab import DisputePanel
from ta_desktop.ui.evidence.evidence_panel import EvidencePanelWidget
from ta_desktop.ui.main_window import MainWindow
from ta_desktop.ui.money.landed_cost_tab import LandedCostTab
from ta_desktop.ui.settings.rules_dialog import RulesDialog
from ta_desktop.ui.specs.specification_tab import SpecificationTab
from ta_desktop.ui.theme import apply_theme

SIZE = (1366, 768)


def settle(app: QApplication) -> None:
    """Let worker threads (thumbnails, checks, What needs me) post their results."""
    for _ in range(40):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(25)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    QCoreApplication.setOrganizationName("TA Desktop screenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication(sys.argv)
    workspace = Workspace.open(Path(tempfile.mkdtemp()) / "demo.sqlite")
    load_demo(workspace)
    disputed = workspace.orders.get_by_number("TA-2026-0123")
    workspace.evidence.add_files(disputed.id, sample_evidence(Path(tempfile.mkdtemp())))

    for dark in (False, True):
        apply_theme(app, dark)

        def shoot(widget: QWidget, name: str, dark: bool = dark) -> None:
            settle(app)
            path = out / f"{name}_{'dark' if dark else 'light'}.png"
            widget.grab().save(str(path))
            print("saved", path, f"{widget.width()}x{widget.height()}")

        window = MainWindow(workspace)
        window.resize(*SIZE)
        window.show()
        shoot(window, "what_needs_me")

        page = window.orders_page
        window.show_page(page)
        page.open_order(workspace.orders.get_by_number("TA-2026-0113").id)
        shoot(window, "main_window")
        page.open_order(workspace.orders.get_by_number("TA-2026-0102").id)  # vague spec
        page.detail.show_tab(page.detail.extension(SpecificationTab))
        shoot(window, "spec_editor")
        page.open_order(disputed.id)
        page.detail.show_tab(page.detail.extension(EvidencePanelWidget))
        shoot(window, "evidence_tab")
        page.detail.show_tab(page.detail.extension(DisputePanel))
        shoot(window, "dispute_tab")
        page.open_order(workspace.orders.get_by_number("TA-2026-0120").id)
        page.detail.show_tab(page.detail.extension(LandedCostTab))
        shoot(window, "landed_cost")

        suppliers = window.suppliers_page
        window.show_page(suppliers)
        first = next(r.id for r in workspace.suppliers.rows() if r.name == SUPPLIERS[0].name)
        suppliers.open_supplier(first)
        suppliers.tabs.setCurrentWidget(suppliers.scorecard)
        shoot(window, "scorecard")

        rules = RulesDialog(workspace.settings, window.ops, window, rules=workspace.rules)
        rules.resize(900, 700)
        rules.show()
        shoot(rules, "rules_dialog")
        rules.close()
        dialog = DisputeDialog(DisputeStep.PROPOSE, disputed, workspace.today(), parent=window)
        dialog.show()
        dialog._on_buttons_accepted()  # shows what is missing
        shoot(dialog, "proposal_dialog")
        dialog.close()
        window.close_for_good()
    workspace.close()


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
