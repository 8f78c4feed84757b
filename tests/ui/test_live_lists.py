"""Two app windows on one PostgreSQL database show each other's changes within 2 s (LISTEN/
NOTIFY through the ops hub), without losing what a user types (issue 11, point 5)."""

import pytest
from PySide6.QtCore import Qt

from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.orders_page import OrdersPage
from ta_desktop.ui.suppliers.suppliers_page import SuppliersPage
from ta_desktop.ui.tasks import SyncTaskRunner
from ta_desktop.ui.team.live import LiveChanges
from tests.factories import make_order, make_supplier

pytestmark = pytest.mark.postgresql_only


@pytest.fixture
def two_windows(qtbot, workspace, other_window, messages):
    workspace.member, other_window.member = "Anna", "Chen Wei"
    windows = []
    for ws in (workspace, other_window):
        ops = Operations(messages, SyncTaskRunner())
        live = LiveChanges(ws, ops)
        orders, suppliers = OrdersPage(ws, ops), SuppliersPage(ws, ops)
        for page in (orders, suppliers):
            qtbot.addWidget(page)
            page.show()
        windows.append((ops, live, orders, suppliers))
    yield windows
    for _ops, live, _orders, _suppliers in windows:
        live.close()


def test_each_window_shows_the_others_changes_within_two_seconds(qtbot, two_windows, workspace,
                                                                 other_window):
    (_, anna_live, anna_orders, anna_suppliers), (_, _, chen_orders, _) = two_windows
    assert anna_live.active
    supplier = other_window.suppliers.save(make_supplier("Ningbo Tools")).value
    qtbot.waitUntil(lambda: anna_suppliers.model.rowCount() == 1, timeout=2000)
    order = workspace.orders.save(make_order("TA-LIVE-1", supplier.id)).value
    qtbot.waitUntil(lambda: chen_orders.model.rowCount() == 1, timeout=2000)
    anna_orders.refresh()  # its own write: a service call here, not through its run_op

    anna_orders.open_order(order.id)
    detail = anna_orders.detail
    qtbot.keyClicks(detail.form.fields["notes"], "Ask for the drop test")
    theirs = other_window.orders.get(order.id)
    theirs.incoterm = "FOB"
    other_window.orders.save(theirs)
    qtbot.waitUntil(detail.changed_bar.isVisible, timeout=2000)
    assert "changed by Chen Wei" in detail.changed_label.text()
    assert detail.form.fields["notes"].toPlainText() == "Ask for the drop test" and detail.dirty
    qtbot.mouseClick(detail.changed_bar.findChild(type(detail.save_button)),
                     Qt.MouseButton.LeftButton)  # Reload
    assert detail.order.incoterm == "FOB" and not detail.changed_bar.isVisible()


def test_a_window_does_not_hear_its_own_writes_twice(qtbot, two_windows, workspace):
    (anna_ops, _, _, _), _ = two_windows
    heard = []
    anna_ops.changed.connect(heard.append)
    workspace.suppliers.save(make_supplier("Own Co."))
    qtbot.wait(300)
    assert heard == []  # the service call did not go through run_op; nothing came back either
