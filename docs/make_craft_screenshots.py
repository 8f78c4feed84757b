"""Screenshots of What needs me, the rules dialog, the dispute dialog and the Evidence tab's
progress, at 1366x768, light and dark:

    QT_QPA_PLATFORM=offscreen python docs/make_craft_screenshots.py [OUT_FOLDER]

Uses a fresh demo database, so the pictures match the demo data."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ta_desktop.core.services.demo import load_demo
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.disputes.dispute_dialog import DisputeDialog, DisputeStep
from ta_desktop.ui.evidence.evidence_panel import EvidencePanelWidget
from ta_desktop.ui.main_window import MainWindow
from ta_desktop.ui.settings.rules_dialog import RulesDialog
from ta_desktop.ui.theme import apply_theme

SIZE = (1366, 768)


def settle(app: QApplication) -> None:
    for _ in range(10):
        app.processEvents()


def shoot(app, widget, out: Path, name: str, dark: bool) -> None:
    settle(app)
    path = out / f"{name}_{'dark' if dark else 'light'}.png"
    widget.grab().save(str(path))
    print("saved", path)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    QCoreApplication.setOrganizationName("TA Desktop screenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication(sys.argv)
    workspace = Workspace.open(Path(tempfile.mkdtemp()) / "demo.sqlite")
    load_demo(workspace)
    for dark in (False, True):
        apply_theme(app, dark)
        window = MainWindow(workspace)
        window.resize(*SIZE)
        window.show()
        window.show_page(window.home_page)
        window.ops.note("Contract summary saved as TA-2026-0113 contract summary.pdf.",
                        Path(tempfile.gettempdir()) / "TA-2026-0113 contract summary.pdf")
        shoot(app, window, out, "what_needs_me", dark)

        rules = RulesDialog(workspace.settings, window.ops, window)
        rules.resize(900, 700)
        rules.show()
        shoot(app, rules, out, "rules_dialog", dark)
        rules.close()

        disputed = workspace.orders.get_by_number("TA-2026-0123")
        dialog = DisputeDialog(DisputeStep.PROPOSE, disputed, workspace.today(), parent=window)
        dialog.show()
        dialog._on_buttons_accepted()  # shows what is missing
        shoot(app, dialog, out, "proposal_dialog", dark)
        dialog.close()

        page = window.orders_page
        window.show_page(page)
        page.open_order(disputed.id)
        panel = page.detail.extension(EvidencePanelWidget)
        page.detail.show_tab(panel)
        panel._copying, panel._copy_total = 2, 6  # as while 6 files are on their way
        panel._show_progress()
        shoot(app, window, out, "evidence_progress", dark)
        window.close()


if __name__ == "__main__":
    main()
