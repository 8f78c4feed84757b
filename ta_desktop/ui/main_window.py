"""The main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ta_desktop import __version__
from ta_desktop.ui.jobs import JobRunner, may_close
from ta_desktop.ui.menus import add_menu_titles
from ta_desktop.ui.messages import Messages
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.status_notice import StatusNotice
from ta_desktop.ui.tasks import TaskRunner
from ta_desktop.ui.theme import DARK_SETTING, apply_theme
from ta_desktop.ui.tray import TrayReminders, app_icon
from ta_desktop.ui.widgets.fitting import ElidedLabel

if TYPE_CHECKING:
    from ta_desktop.core.services.workspace import Workspace
    from ta_desktop.ui.home.reminder_banner import ReminderStore
    from ta_desktop.ui.orders.orders_page import OrdersPage
    from ta_desktop.ui.suppliers.suppliers_page import SuppliersPage

REMINDER_CHECK_MS = 60 * 60 * 1000  # look for deadlines due within 48 hours every hour
MEMBER_SETTING = "team/member_name"  # this machine's member name (QSettings, not the database)
HOME_ROW, ORDERS_ROW, SUPPLIERS_ROW = 0, 1, 2  # pages built when first shown, once attached


class MainWindow(QMainWindow):
    """Built in two steps, so that start-up shows it before the database layer has loaded:
    the frame (navigation, menu titles, status bar: Qt only), then ``attach(workspace)``, which
    loads the rest and fills it. Given a workspace, the constructor does both."""

    # File → Open database… chose another database (a file, or a URL with its password): the
    # app opens it in a new window and closes this one.
    database_chosen = Signal(str)
    # Before ``attach``, from the worker opening the database: it is being upgraded.
    upgrading = Signal()

    def __init__(self, workspace: Workspace | None = None, messages: Messages | None = None,
                 reminders: ReminderStore | None = None, tasks: TaskRunner | None = None,
                 jobs: JobRunner | None = None, notified: ReminderStore | None = None):
        super().__init__()
        self.workspace: Workspace | None = None
        self.messages = messages or Messages()
        self.tasks = tasks or TaskRunner()
        self.ops = Operations(self.messages, self.tasks, self)
        self.jobs = jobs or JobRunner()
        self._reminders = reminders
        self.setWindowTitle(self.tr("TA Desktop — Trade Assurance orders"))
        self.setWindowIcon(app_icon())
        self._quitting = False
        self.tray = TrayReminders(self, self.ops, notified)
        self.tray.open_requested.connect(self.bring_back)
        self.tray.quit_requested.connect(self.quit_app)
        # The first start's size, within the screen: a laptop's 1366 x 768 is less high than
        # this (the window's frame and the panels take the rest of the tenth left).
        available = self.screen().availableGeometry()
        self.resize(min(1360, int(available.width() * 0.95)),
                    min(820, int(available.height() * 0.9)))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.pages = QStackedWidget()
        self._built: dict[int, QWidget] = {}  # the pages built so far (stand-ins until then)
        for title in (self.tr("What needs me"), self.tr("Orders"), self.tr("Suppliers")):
            self.add_page(title, QWidget())
        # Until ``attach``: the first page's title, and which database is being opened.
        title = QLabel(self.tr("What needs me"))
        title.setObjectName("pageTitle")
        self.opening = QLabel()
        self.opening.setObjectName("hint")
        stand_in = QVBoxLayout(self.pages.widget(HOME_ROW))
        stand_in.addWidget(title)
        stand_in.addWidget(self.opening)
        stand_in.addStretch()
        self.navigation.setCurrentRow(HOME_ROW)  # before the connection: read once, at attach
        self.navigation.setEnabled(False)

        central = QWidget()
        box = QHBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.navigation)
        self.right = QVBoxLayout()
        self.right.setContentsMargins(0, 0, 0, 0)
        self.right.addWidget(self.pages, 1)
        box.addLayout(self.right, 1)
        self.setCentralWidget(central)
        self.notice = StatusNotice()
        self.statusBar().addWidget(self.notice, 1)
        self.ops.noted.connect(self.notice.show_notice)
        self.menus = add_menu_titles(self)  # filled, and enabled, by ``attach``
        self._restore_geometry()
        if workspace is not None:
            self.attach(workspace)

    def show_opening(self, where: str) -> None:
        """Before ``attach``: the window says which database it is opening (and, told by
        ``upgrading``, that it is being upgraded first)."""
        self.opening.setText(self.tr("Opening {0}…").format(where))
        self.upgrading.connect(lambda: self.opening.setText(self.tr(
            "Upgrading {0} for this version of TA Desktop: a backup of it first, then the "
            "upgrade. A large database takes a few minutes.").format(where)))

    def attach(self, workspace: Workspace) -> None:
        """Fill the window for ``workspace``: its pages, menus and checks. The modules loaded
        here are those of the database layer and of each feature, after the frame shows."""
        from ta_desktop.ui.backups.backup_actions import BackupActions
        from ta_desktop.ui.home.home_page import HomePage
        from ta_desktop.ui.home.reminder_banner import ReminderBanner
        from ta_desktop.ui.io.export_actions import Exporter
        from ta_desktop.ui.io.import_wizard import ask_import_path
        from ta_desktop.ui.menus import build_menus
        from ta_desktop.ui.team.live import LiveChanges
        from ta_desktop.ui.undo import UndoHistory

        self.workspace = workspace
        self._catch_up_due = False
        member = QSettings().value(MEMBER_SETTING, "", type=str)
        if member:
            workspace.member = member
        self.live = LiveChanges(workspace, self.ops, self)  # colleagues' writes, on a server
        self.exporter = Exporter(workspace, self.ops, self)
        self.ask_import_path = ask_import_path
        self.home_page = HomePage(workspace, self.ops)
        self._replace_page(HOME_ROW, self.home_page)
        self.navigation.currentRowChanged.connect(self._on_navigation_row_changed)
        self.navigation.setEnabled(True)
        self.home_page.order_activated.connect(self.open_order)
        self.home_page.supplier_activated.connect(self.open_supplier)
        self.home_page.summary_loaded.connect(self._on_home_due_soon_loaded)
        self.reminder_banner = ReminderBanner(self._reminders)
        self.reminder_banner.order_requested.connect(self.open_order)
        self.right.insertWidget(0, self.reminder_banner)
        self._reminder_timer = QTimer(self, interval=REMINDER_CHECK_MS)
        self._reminder_timer.timeout.connect(self.check_deadlines)
        self._reminder_timer.start()

        self.backup_actions = BackupActions(workspace, self.ops, self, self.can_leave)
        self.backup_actions.noted.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.undo_history = UndoHistory(self.ops, self)
        build_menus(self)
        self.dark_action.setChecked(QSettings().value(DARK_SETTING, False, type=bool))
        self.dark_action.toggled.connect(self._on_dark_toggled)
        self.statusBar().addWidget(self.undo_history.link)
        where = workspace.db.path or workspace.db.engine.url.render_as_string()
        self.statusBar().addPermanentWidget(ElidedLabel(self.tr("Database: {0}").format(where)))
        if workspace.read_only:
            self.setWindowTitle(self.windowTitle() + self.tr(" — read-only"))
            read_only = QLabel(self.tr("Read-only"))
            read_only.setToolTip(workspace.read_only)
            self.statusBar().addPermanentWidget(read_only)
        self.statusBar().addWidget(QLabel(self.tr("Rules: {0} ({1})").format(
            workspace.profile.name, workspace.profile.date)))
        # The first check (a write, then every deadline read) starts once the event loop runs,
        # after the window has been shown: its thread would otherwise share the CPU with the
        # window being built. "What needs me" shows the same rows a moment later.
        self.start_check = QTimer(self, singleShot=True, interval=0)
        self.start_check.timeout.connect(self.check_deadlines)
        self.start_check.start()

    def add_page(self, title: str, page: QWidget) -> None:
        self.pages.addWidget(page)
        QListWidgetItem(title, self.navigation)

    def show_page(self, page: QWidget) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(page))

    # The Orders and Suppliers pages (their widgets, their modules, their first queries) are
    # built when first shown or used: start-up builds only the page it shows.
    @property
    def orders_page(self) -> OrdersPage:
        return self._page(ORDERS_ROW)

    @property
    def suppliers_page(self) -> SuppliersPage:
        return self._page(SUPPLIERS_ROW)

    def _page(self, row: int) -> QWidget:
        page = self._built.get(row)
        if page is None:
            page = self._build_page(row)
            self._replace_page(row, page)
        return page

    def _replace_page(self, row: int, page: QWidget) -> None:
        stand_in = self.pages.widget(row)
        current = self.pages.currentIndex()
        self.pages.insertWidget(row, page)
        self.pages.removeWidget(stand_in)
        stand_in.deleteLater()
        self.pages.setCurrentIndex(current)
        self._built[row] = page

    def _build_page(self, row: int) -> QWidget:
        if row == SUPPLIERS_ROW:
            from ta_desktop.ui.suppliers.suppliers_page import SuppliersPage

            return SuppliersPage(self.workspace, self.ops)
        from ta_desktop.core.domain.tabular import RecordKind
        from ta_desktop.ui.orders.orders_page import OrdersPage

        page = OrdersPage(self.workspace, self.ops)
        page.export_requested.connect(lambda query: self.exporter.export(RecordKind.ORDERS, query))
        return page

    # --- the current page ---------------------------------------------------------------------
    def on_page(self, name: str) -> None:
        """Ctrl+S, Esc, Delete, F5: what the page shown does with them, if it has them."""
        method = getattr(self.pages.currentWidget(), name, None)
        if method is not None:
            method()

    def find(self) -> None:
        """Ctrl+F: the current list's search box (the orders' on "What needs me")."""
        page = self.pages.currentWidget()
        if getattr(page, "search", None) is None:
            self.show_page(page := self.orders_page)
        page.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        page.search.selectAll()

    def order_document_action(self, kind: type) -> None:
        """File → Print… / Save as PDF…: that action of the order shown (from its extensions)."""
        action = self.orders_page.detail.extension(kind)
        if self.pages.currentWidget() is self.orders_page and action.isEnabled():
            action.trigger()
        else:
            self.statusBar().showMessage(self.tr(
                "Open a saved order to print or save its contract summary."), 8000)

    # --- slots --------------------------------------------------------------------------------
    def _on_dark_toggled(self, dark: bool) -> None:
        QSettings().setValue(DARK_SETTING, dark)
        apply_theme(QApplication.instance(), dark)

    def _on_navigation_row_changed(self, row: int) -> None:
        if row in (ORDERS_ROW, SUPPLIERS_ROW):
            self._page(row)
        self.pages.setCurrentIndex(row)
        if self.pages.currentWidget() is self.home_page:
            self.home_page.refresh()  # only reads: today may be another day

    def open_order(self, order_id: int) -> None:
        self.show_page(self.orders_page)
        self.orders_page.open_order(order_id)

    def open_supplier(self, supplier_id: int) -> None:
        self.show_page(self.suppliers_page)
        if self.suppliers_page.can_leave():
            self.suppliers_page.open_supplier(supplier_id)
            self.suppliers_page.refresh()

    def check_deadlines(self) -> None:
        """Re-read the deadlines, which reminds the buyer once of each of theirs due within 48
        hours; once the page has read them and its counts, record what the platform did by
        itself (automatic escalation...): a write, off the GUI thread, whose changes refresh the
        page again. Run at start-up and by the hourly timer, never by navigating. A read-only
        window only re-reads: the app that holds the database records."""
        self._catch_up_due = not self.workspace.read_only
        self.home_page.refresh()

    def _on_home_due_soon_loaded(self) -> None:
        self.tray.remind(self.home_page.due_soon(), self.workspace.today())
        self.reminder_banner.remind(self.home_page.due_soon(), self.workspace.today())
        if self._catch_up_due:  # after the page's reads: they are not kept waiting for it
            self._catch_up_due = False
            self.ops.run_op(self, self.workspace.disputes.catch_up, slow=True)

    def _on_new_order_triggered(self) -> None:
        self.show_page(self.orders_page)
        self.orders_page.new_order()

    def _on_new_supplier_triggered(self) -> None:
        self.show_page(self.suppliers_page)
        self.suppliers_page.new_supplier()

    def import_file(self) -> None:
        from ta_desktop.ui.io.import_wizard import open_import

        path = self.ask_import_path(self)
        wizard = open_import(self, self.workspace, self.ops, path, self.jobs) if path else None
        if wizard is not None:
            wizard.exec()
            wizard.deleteLater()

    def _on_team_calendar_triggered(self) -> None:
        from ta_desktop.ui.settings.team_calendar_dialog import TeamCalendarDialog

        TeamCalendarDialog(self.workspace, self.ops, self).exec()

    def _on_rules_triggered(self) -> None:
        from ta_desktop.ui.settings.rules_dialog import RulesDialog

        RulesDialog(self.workspace.settings, self.ops, self, rules=self.workspace.rules).exec()

    def _on_fees_triggered(self) -> None:
        from ta_desktop.ui.settings.payment_fees_dialog import PaymentFeesDialog

        PaymentFeesDialog(self.workspace.settings, self.workspace.profile, self.ops, self).exec()

    def _on_buyer_triggered(self) -> None:
        from ta_desktop.ui.settings.buyer_dialog import BuyerDialog

        BuyerDialog(self.workspace.settings, self.ops, self).exec()

    def _on_open_database_triggered(self, location: str = "") -> None:
        from ta_desktop.ui.team.open_database_dialog import OpenDatabaseDialog

        dialog = OpenDatabaseDialog(parent=self)
        if location:
            dialog.location.setEditText(location)
        if dialog.exec() == OpenDatabaseDialog.DialogCode.Accepted and dialog.target:
            self.database_chosen.emit(dialog.target)

    def _on_member_triggered(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Your name in the team"),
            self.tr("Every payment, history entry, dispute event and evidence file you record "
                    "carries this name:"), text=self.workspace.member)
        if ok:
            self.set_member(name)

    def set_member(self, name: str) -> None:
        """The name this machine records its writes under (empty: the system user's)."""
        from ta_desktop.core.services.workspace import system_user

        QSettings().setValue(MEMBER_SETTING, " ".join(name.split()))
        self.workspace.member = " ".join(name.split()) or system_user()

    def _on_about_triggered(self) -> None:
        self.messages.info(self, self.tr("About TA Desktop"), self.tr(
            "TA Desktop {0}\nOrders, deadlines, specifications and evidence for buyers under "
            "Alibaba Trade Assurance — offline, on your own machine.").format(__version__))

    def check_data(self, repair: bool = False) -> None:
        """Help → Check data…: the report of ``verify``, worked out off the GUI thread; when
        problems remain, the user may let it repair what is safe."""
        self.statusBar().showMessage(self.tr("Checking the database and every evidence file…"))
        self.ops.run_op(self, lambda: self.workspace.check_data(repair=repair),
                        lambda report: self._on_data_checked(report, repair), slow=True)

    def _on_data_checked(self, report, repaired: bool) -> None:
        self.statusBar().clearMessage()
        title, text = self.tr("Check data"), "\n".join(report.lines())
        if report.ok:
            self.messages.info(self, title, text)
        elif repaired or not report.repairable:
            self.messages.error(self, title, text)
        elif self.messages.confirm(self, title, text + "\n\n" + self.tr(
                "Repair what can be repaired without losing anything?")):
            self.check_data(repair=True)

    def offer_demo(self) -> None:
        """On an empty database, offer the demo data set (not in a read-only window)."""
        if not self.workspace.read_only and self.workspace.is_empty() and self.messages.confirm(
                self, self.tr("Welcome to TA Desktop"),
                self.tr("Your database is empty. Load a demo data set (9 suppliers, 30 orders) "
                        "to look around? File → Remove demo data takes it away again.")):
            self.load_demo()

    def load_demo(self) -> None:
        from ta_desktop.core.services.demo import load_demo

        self.ops.run_op(self, lambda: load_demo(self.workspace), self._on_demo_loaded, slow=True)

    def remove_demo(self) -> None:
        """File → Remove demo data: the demo orders and suppliers, after asking; undoable."""
        from ta_desktop.core.services.demo import DEMO_ORDER_COUNT, remove_demo
        from ta_desktop.core.services.demo import SUPPLIERS as DEMO_SUPPLIERS

        if not self.messages.confirm(self, self.tr("Remove demo data"), self.tr(
                "Remove the {0} demo orders with their disputes and evidence, and those of the {1} "
                "demo suppliers no order of yours uses? Your own records stay. Edit → Undo "
                "brings the demo back.").format(DEMO_ORDER_COUNT, len(DEMO_SUPPLIERS))):
            return
        self.ops.run_op(self, lambda: remove_demo(self.workspace), self._on_demo_removed)

    def _on_demo_removed(self, removed) -> None:
        from ta_desktop.core.services.demo import remove_demo
        from ta_desktop.ui.undo import DeleteStep

        self.ops.undoable.emit(DeleteStep(removed.what, removed, self.workspace.orders.undo_delete,
                                          lambda: remove_demo(self.workspace)))

    def _on_demo_loaded(self, added: tuple[int, int]) -> None:
        self.statusBar().showMessage(
            self.tr("Demo data: {0} supplier(s) and {1} order(s) added.").format(*added), 8000)

    # --- window state -------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def can_leave(self) -> bool:
        """May the window's edits go: nothing unsaved, or the user settled it."""
        orders, suppliers = self._built.get(ORDERS_ROW), self._built.get(SUPPLIERS_ROW)
        return (orders is None or orders.detail.can_leave()) and (
            suppliers is None or suppliers.can_leave())

    def bring_back(self) -> None:
        """From the tray: the window in front again."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def close_for_good(self) -> bool:
        """Close the window itself, not to the tray (another database opens in its place, or
        the app quits); False when the user kept it open."""
        self._quitting = True
        closed = self.close()
        self._quitting = False
        if closed:
            self.tray.icon.hide()
        return closed

    def quit_app(self) -> bool:
        """File → Quit or the tray's Quit: really close, whatever the tray setting."""
        keeps_running = self.tray.keeps_running()
        closed = self.close_for_good()
        if closed and keeps_running:
            QApplication.quit()  # the tray kept the app alive without a window
        return closed

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray.keeps_running() and not self._quitting:
            QSettings().setValue("main_window/geometry", self.saveGeometry())
            event.ignore()
            self.hide()  # the hourly timer goes on; the tray tells of deadlines
            self.tray.told_hidden()
            return
        if not self.can_leave() or not may_close(self, self.messages):
            event.ignore()
            return
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        if self.workspace is not None:
            self.live.close()
        event.accept()

