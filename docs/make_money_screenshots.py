"""Re-take the landed-cost screenshots (issue 14): ``python docs/make_money_screenshots.py``
(offscreen is fine). The tab is built alone on a fresh demo database at 1366 x 768, light and
dark: docs/landed_cost.png and docs/landed_cost_dark.png."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from ta_desktop.core.services.demo import load_demo
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.messages import ScriptedMessages
from ta_desktop.ui.money.landed_cost_tab import LandedCostTab
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.tasks import SyncTaskRunner
from ta_desktop.ui.theme import apply_theme

DOCS = Path(__file__).resolve().parent
ORDER = "TA-2026-0120"


def main() -> None:
    app = QApplication(sys.argv)
    workspace = Workspace.open(Path(tempfile.mkdtemp()) / "demo.sqlite")
    load_demo(workspace)
    order = workspace.orders.get_by_number(ORDER)
    for dark, name in ((False, "landed_cost.png"), (True, "landed_cost_dark.png")):
        apply_theme(app, dark=dark)
        tab = LandedCostTab(workspace, Operations(ScriptedMessages(), SyncTaskRunner()))
        tab.resize(1366, 768)
        tab.set_order(order)
        tab.show()
        for _ in range(5):
            app.processEvents()
        tab.grab().save(str(DOCS / name))
        print("saved", DOCS / name)
        tab.close()
    workspace.close()


if __name__ == "__main__":
    main()
