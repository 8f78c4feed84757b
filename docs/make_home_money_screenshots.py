"""Re-take the home-currency screenshots of the order page (issue 14): the orders page at
1366 x 768 on a fresh demo database (home currency EUR), with order TA-2026-0109 open: its total
and balance due in EUR above the tabs (docs/order_home_money.png); then the list widened to
show its "Total (EUR)" column, sorted by it (docs/order_list_home_total.png); each with a dark
twin (``_dark``).
``QT_QPA_PLATFORM=offscreen python docs/make_home_money_screenshots.py``"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from ta_desktop.core.services.demo import load_demo
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.messages import ScriptedMessages
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.orders_page import OrdersPage
from ta_desktop.ui.tasks import SyncTaskRunner
from ta_desktop.ui.theme import apply_theme

DOCS = Path(__file__).resolve().parent
ORDER = "TA-2026-0109"  # 30/70: the deposit paid, the balance due


def main() -> None:
    QCoreApplication.setOrganizationName("TA Desktop screenshots")
    app = QApplication(sys.argv)
    workspace = Workspace.open(Path(tempfile.mkdtemp()) / "demo.sqlite")
    load_demo(workspace)
    order = workspace.orders.get_by_number(ORDER)
    for dark, name in ((False, "order_home_money.png"), (True, "order_home_money_dark.png")):
        apply_theme(app, dark=dark)
        page = OrdersPage(workspace, Operations(ScriptedMessages(), SyncTaskRunner()))
        page.resize(1366, 768)
        page.show()
        page.open_order(order.id)
        for _ in range(5):
            app.processEvents()
        page.grab().save(str(DOCS / name))
        print("saved", DOCS / name)
        page.splitter.setSizes([1100, 266])
        home = next(n for n, c in enumerate(page.model.columns) if c.key == "home_total")
        page.table.sortByColumn(home, Qt.SortOrder.DescendingOrder)
        for _ in range(5):
            app.processEvents()
        listed = name.replace("order_home_money", "order_list_home_total")
        page.grab().save(str(DOCS / listed))
        print("saved", DOCS / listed)
        page.close()
    workspace.close()


if __name__ == "__main__":
    main()
