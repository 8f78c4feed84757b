"""The main window's own wiring: menus, navigation, the catch-up write and the change hub."""

import pytest

from ta_desktop.core.domain.entities import Action
from ta_desktop.core.services.demo import DEMO_ORDER_COUNT
from tests.factories import make_order, make_supplier
from tests.ui.conftest import started


@pytest.fixture
def catch_ups(workspace, monkeypatch):
    """Each time the app records what the platform did by itself (a write)."""
    calls = []
    catch_up = workspace.disputes.catch_up
    monkeypatch.setattr(workspace.disputes, "catch_up", lambda: calls.append(1) or catch_up())
    return calls


def menu_texts(window):
    return {menu.title(): [a.text() for a in menu.actions() if not a.isSeparator()]
            for menu in (a.menu() for a in window.menuBar().actions())}


def test_menus_offer_every_command(window):
    assert menu_texts(window) == {
        "&File": ["New &order", "New &supplier", "&Import orders or suppliers…",
                  "&Export orders…", "Export su&ppliers…", "&Back up now…",
                  "&Restore from backup…", "Open &database…", "Recent database&s",
                  "&Print contract summary…", "Save contract summary as P&DF…",
                  "Load &demo data", "Remo&ve demo data…", "&Quit"],
        "&Edit": ["&Undo", "&Redo", "&Save", "Re&vert changes", "&Find", "&Delete…"],
        "&View": ["What needs me", "Orders", "Suppliers", "&Refresh", "&Dark mode"],
        "&Settings": ["Trade Assurance &rules…", "Dispute team &calendar…", "Payment &fees…",
                      "&Home currency and spend…", "Your &company…", "Your &name in the team…",
                      "Keep reminding from the tray when the window is closed",
                      "Start TA Desktop at login"],
        "&Help": ["&User guide", "Trade Assurance &rules…", "&Check data…",
                  "&About TA Desktop"],
    }


def test_navigation_shows_one_page_at_a_time(window):
    assert window.pages.currentWidget() is window.home_page
    for row, page in enumerate((window.home_page, window.orders_page, window.suppliers_page)):
        window.navigation.setCurrentRow(row)
        assert window.pages.currentWidget() is page
    window.new_order_action.trigger()
    assert window.pages.currentWidget() is window.orders_page


def test_catch_up_runs_at_start_up_and_hourly_never_on_navigation(qtbot, workspace, messages,
                                                                  tasks, catch_ups):
    from ta_desktop.ui.main_window import MainWindow

    window = MainWindow(workspace, messages, tasks=tasks)
    qtbot.addWidget(window)
    assert catch_ups == []  # not while the window is built: once the event loop runs
    started(qtbot, window)
    assert catch_ups == [1]
    heard = []
    window.ops.changed.connect(heard.append)
    window.show_page(window.orders_page)
    window.show_page(window.home_page)
    window.show_page(window.suppliers_page)
    window.show_page(window.home_page)
    assert catch_ups == [1] and heard == []
    window._reminder_timer.timeout.emit()
    assert catch_ups == [1, 1]


def test_an_order_change_reaches_what_needs_me_without_navigating(window, workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    window.open_order(order.id)
    assert window.pages.currentWidget() is window.orders_page
    assert not any(d.rule == "CONF-AUTO" for d in window.home_page.deadlines())
    assert window.orders_page.detail.perform(Action.SUBMIT)
    assert any(d.rule == "CONF-AUTO" and d.order_id == order.id
               for d in window.home_page.deadlines())


def test_an_empty_database_offers_the_demo(window, workspace, messages):
    window.offer_demo()
    assert messages.shown[0][0] == "confirm"
    assert window.orders_page.model.rowCount() == DEMO_ORDER_COUNT
    messages.shown.clear()
    window.offer_demo()
    assert messages.shown == []


def test_dark_theme_is_a_setting_that_sticks(window):
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    window.dark_action.trigger()
    background = QApplication.instance().palette().color(QPalette.ColorRole.Window)
    assert background.lightness() < 80
    assert QSettings().value("appearance/dark", type=bool) is True
    window.dark_action.trigger()
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() > 180


def test_the_member_name_is_this_machines_setting_and_stamps_writes(qtbot, window, workspace):
    from ta_desktop.core.services.workspace import system_user
    from ta_desktop.ui.main_window import MainWindow

    assert workspace.member == system_user()
    window.set_member("  Chen   Wei ")
    assert workspace.member == "Chen Wei"
    supplier = workspace.suppliers.save(make_supplier()).value
    order_id = workspace.orders.save(make_order("TA-9", supplier.id)).value.id
    workspace.orders.perform(order_id, Action.SUBMIT)
    assert workspace.orders.get(order_id).events[-1].recorded_by == "Chen Wei"
    workspace.member = "someone else"
    again = MainWindow(workspace, window.messages, tasks=window.tasks)  # the next start
    qtbot.addWidget(again)
    assert workspace.member == "Chen Wei"


def test_the_orders_and_suppliers_pages_are_built_when_first_shown(window, workspace):
    from ta_desktop.ui.orders.orders_page import OrdersPage
    from ta_desktop.ui.suppliers.suppliers_page import SuppliersPage

    supplier = workspace.suppliers.save(make_supplier()).value
    workspace.orders.save(make_order(supplier_id=supplier.id))
    assert not isinstance(window.pages.widget(1), OrdersPage)  # start-up built only its page
    assert not isinstance(window.pages.widget(2), SuppliersPage)
    window.navigation.setCurrentRow(1)
    assert window.pages.currentWidget() is window.orders_page
    assert window.orders_page.model.rowCount() == 1  # what the database holds when shown
    window.navigation.setCurrentRow(2)
    assert window.pages.currentWidget() is window.suppliers_page
    assert window.pages.count() == 3 and window.can_leave()
