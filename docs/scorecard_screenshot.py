"""Re-take docs/scorecard.png (and its dark twin): the supplier page at 1366x768 with the
Scorecard tab of the demo's first supplier. ``QT_QPA_PLATFORM=offscreen python
docs/scorecard_screenshot.py``."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QSplitter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ta_desktop.core.services.demo import SUPPLIERS, load_demo
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.messages import Messages
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.suppliers.suppliers_page import SuppliersPage
from ta_desktop.ui.tasks import SyncTaskRunner
from ta_desktop.ui.theme import apply_theme

DOCS = Path(__file__).resolve().parent


def main() -> None:
    QCoreApplication.setOrganizationName("TA Desktop screenshots")
    app = QApplication(sys.argv)
    workspace = Workspace.open(Path(tempfile.mkdtemp()) / "demo.sqlite")
    load_demo(workspace)
    for dark, name in ((False, "scorecard.png"), (True, "scorecard_dark.png")):
        apply_theme(app, dark=dark)
        page = SuppliersPage(workspace, Operations(Messages(), SyncTaskRunner()))
        page.resize(1366, 768)
        page.show()
        first = next(r.id for r in workspace.suppliers.rows() if r.name == SUPPLIERS[0].name)
        page.open_supplier(first)
        page._reselect(first)
        page.tabs.setCurrentWidget(page.scorecard)
        # Room for the list's scorecard columns: the names narrower, the chart still wide.
        page.findChild(QSplitter).setSizes([850, 516])
        header = page.table.horizontalHeader()
        header.setSectionResizeMode(0, header.ResizeMode.Interactive)
        for column, width in enumerate((150, 108, 80, 50, 54, 60, 60, 64, 72, 70)):
            page.table.setColumnWidth(column, width)
        for _ in range(5):
            app.processEvents()
        page.grab().save(str(DOCS / name))
        print("saved", DOCS / name)
        page.close()


if __name__ == "__main__":
    main()
