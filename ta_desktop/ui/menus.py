"""The main window's menus and keys: File, Edit, View, Settings, Help. Each item runs what the
window or its pages already do; keys that act on "the current page" (Ctrl+S, Ctrl+F, Delete,
Esc, F5) ask the page shown, which offers ``search``, ``save()``, ``delete_current()``,
``cancel_edits()`` and ``refresh()`` where it has them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout

from ta_desktop.resources import resource_path

if TYPE_CHECKING:
    from ta_desktop.ui.main_window import MainWindow

USER_GUIDE = resource_path("guide", "user_guide.html")


def tr(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


def _action(window: MainWindow, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
    action = menu.addAction(text)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def add_menu_titles(window: MainWindow) -> dict[str, QMenu]:
    """The menu bar's titles, disabled: the window's frame shows them while the database
    opens (no jump when ``build_menus`` fills them)."""
    menus = {}
    for key, title in (("file", tr("&File")), ("edit", tr("&Edit")), ("view", tr("&View")),
                       ("settings", tr("&Settings")), ("help", tr("&Help"))):
        menus[key] = window.menuBar().addMenu(title)
        menus[key].setEnabled(False)
    return menus


def build_menus(window: MainWindow) -> None:
    """Fill the menus of ``add_menu_titles`` (with the workspace attached) and enable them."""
    from ta_desktop.core.domain.tabular import RecordKind
    from ta_desktop.ui.money.home_currency_dialog import HomeCurrencyDialog
    from ta_desktop.ui.orders.summary_actions import PrintSummaryAction, SaveSummaryAction

    w = window
    for menu in w.menus.values():
        menu.setEnabled(True)
    file_menu = w.menus["file"]
    w.new_order_action = _action(w, file_menu, tr("New &order"), w._on_new_order_triggered,
                                 QKeySequence.StandardKey.New)
    w.new_supplier_action = _action(w, file_menu, tr("New &supplier"),
                                    w._on_new_supplier_triggered, "Ctrl+Shift+N")
    file_menu.addSeparator()
    w.import_action = _action(w, file_menu, tr("&Import orders or suppliers…"), w.import_file,
                              "Ctrl+I")
    w.export_orders_action = _action(w, file_menu, tr("&Export orders…"),
                                     lambda: w.exporter.export(RecordKind.ORDERS))
    w.export_suppliers_action = _action(w, file_menu, tr("Export su&ppliers…"),
                                        lambda: w.exporter.export(RecordKind.SUPPLIERS))
    file_menu.addSeparator()
    for action in w.backup_actions.actions():
        file_menu.addAction(action)
    w.open_database_action = _action(w, file_menu, tr("Open &database…"),
                                     w._on_open_database_triggered, QKeySequence.StandardKey.Open)
    w.recent_menu = file_menu.addMenu(tr("Recent database&s"))
    w.recent_menu.aboutToShow.connect(lambda: _fill_recent(w))
    _fill_recent(w)
    file_menu.addSeparator()
    w.print_action = _action(w, file_menu, tr("&Print contract summary…"),
                             lambda: w.order_document_action(PrintSummaryAction), "Ctrl+P")
    w.pdf_action = _action(w, file_menu, tr("Save contract summary as P&DF…"),
                           lambda: w.order_document_action(SaveSummaryAction))
    file_menu.addSeparator()
    w.demo_action = _action(w, file_menu, tr("Load &demo data"), w.load_demo)
    w.remove_demo_action = _action(w, file_menu, tr("Remo&ve demo data…"), w.remove_demo)
    file_menu.addSeparator()
    _action(w, file_menu, tr("&Quit"), w.quit_app, "Ctrl+Q")

    edit_menu = w.menus["edit"]
    edit_menu.addAction(w.undo_history.undo_action)
    edit_menu.addAction(w.undo_history.redo_action)
    edit_menu.addSeparator()
    w.save_action = _action(w, edit_menu, tr("&Save"), lambda: w.on_page("save"),
                            QKeySequence.StandardKey.Save)
    w.cancel_action = _action(w, edit_menu, tr("Re&vert changes"),
                              lambda: w.on_page("cancel_edits"), "Esc")
    w.find_action = _action(w, edit_menu, tr("&Find"), w.find, QKeySequence.StandardKey.Find)
    w.delete_action = _action(w, edit_menu, tr("&Delete…"), lambda: w.on_page("delete_current"),
                              QKeySequence.StandardKey.Delete)
    for action in (w.save_action, w.cancel_action, w.delete_action):
        # Keys typed in a field stay there (Delete, Esc); the menu acts on the page.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    view_menu = w.menus["view"]
    for row in range(w.navigation.count()):
        _action(w, view_menu, w.navigation.item(row).text(),
                lambda row=row: w.navigation.setCurrentRow(row), f"Ctrl+{row + 1}")
    view_menu.addSeparator()
    w.refresh_action = _action(w, view_menu, tr("&Refresh"), lambda: w.on_page("refresh"),
                               QKeySequence.StandardKey.Refresh)
    w.dark_action = view_menu.addAction(tr("&Dark mode"))
    w.dark_action.setCheckable(True)

    settings_menu = w.menus["settings"]
    w.rules_action = _action(w, settings_menu, tr("Trade Assurance &rules…"),
                             w._on_rules_triggered)
    _action(w, settings_menu, tr("Dispute team &calendar…"), w._on_team_calendar_triggered)
    _action(w, settings_menu, tr("Payment &fees…"), w._on_fees_triggered)
    _action(w, settings_menu, tr("&Home currency and spend…"),
            lambda: HomeCurrencyDialog(w.workspace, w.ops, w).exec())
    _action(w, settings_menu, tr("Your &company…"), w._on_buyer_triggered)
    _action(w, settings_menu, tr("Your &name in the team…"), w._on_member_triggered)
    settings_menu.addSeparator()
    for action in w.tray.actions():
        settings_menu.addAction(action)

    help_menu = w.menus["help"]
    w.guide_action = _action(w, help_menu, tr("&User guide"), lambda: show_user_guide(w),
                             QKeySequence.StandardKey.HelpContents)
    _action(w, help_menu, tr("Trade Assurance &rules…"), w._on_rules_triggered)
    w.check_data_action = _action(w, help_menu, tr("&Check data…"), w.check_data)
    _action(w, help_menu, tr("&About TA Desktop"), w._on_about_triggered)


def _fill_recent(window: MainWindow) -> None:
    from ta_desktop.ui.team.open_database_dialog import recent_databases

    menu = window.recent_menu
    menu.clear()
    for target in recent_databases():
        action = menu.addAction(target)
        action.triggered.connect(lambda _checked=False, t=target: _open_recent(window, t))
    menu.setEnabled(bool(menu.actions()))


def _open_recent(window: MainWindow, target: str) -> None:
    """A file opens at once; a server through Open database…, which asks for its password."""
    from ta_desktop.core.services.connections import is_server

    if is_server(target):
        window._on_open_database_triggered(target)
    else:
        window.database_chosen.emit(target)


def show_user_guide(parent) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("TA Desktop — user guide"))
    browser = QTextBrowser()
    browser.setOpenExternalLinks(True)
    browser.setHtml(USER_GUIDE.read_text(encoding="utf-8"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.resize(720, 600)
    dialog.show()
    return dialog
