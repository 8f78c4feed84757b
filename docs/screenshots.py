"""Re-take the README screenshots: ``xvfb-run -s "-screen 0 1600x1000x24" python
docs/screenshots.py``. Uses a fresh demo database, so the pictures match the demo data."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ta_desktop.core.services.demo import load_demo
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.main_window import MainWindow
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
    page.detail.tabs.setCurrentIndex(page.detail.spec_tab_index)
    settle(app)
    window.grab().save(str(DOCS / "spec_editor.png"))
    print("saved", DOCS / "spec_editor.png")


if __name__ == "__main__":
    main()
