"""The keys and menus a desktop user expects, and Undo after a delete."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QTextBrowser

from ta_desktop.core.domain.entities import Certificate
from ta_desktop.core.services.demo import DEMO_ORDER_COUNT, SUPPLIERS, load_demo
from tests.factories import make_order, make_supplier

KEYS = {
    "new_order_action": "Ctrl+N", "new_supplier_action": "Ctrl+Shift+N",
    "open_database_action": "Ctrl+O", "print_action": "Ctrl+P", "save_action": "Ctrl+S",
    "cancel_action": "Esc", "find_action": "Ctrl+F", "delete_action": "Del",
    "refresh_action": "F5", "import_action": "Ctrl+I", "guide_action": "F1",
}


@pytest.fixture
def shown(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return window


def open_order(window, workspace, number: str):
    """A saved draft ``number`` shown in the window; its id."""
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(number, supplier.id)).value
    window.open_order(order.id)
    return order.id


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def test_every_key_is_on_its_menu_item(window):
    keys = {name: getattr(window, name).shortcut().toString() for name in KEYS}
    assert keys == KEYS
    assert window.undo_history.undo_action.shortcut().toString() == "Ctrl+Z"
    shortcuts = [a.shortcut().toString() for m in window.menuBar().actions()
                 for a in m.menu().actions() if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), "a key on two items does nothing"


def test_ctrl_digits_switch_pages_and_ctrl_f_goes_to_the_lists_search(qtbot, shown):
    window = shown
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.suppliers_page
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.suppliers_page.search.hasFocus()
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.home_page
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # no list there
    assert window.pages.currentWidget() is window.orders_page
    assert window.orders_page.search.hasFocus()


def test_ctrl_s_saves_and_esc_reverts_after_asking(qtbot, shown, workspace, messages):
    window = shown
    order_id = open_order(window, workspace, "TA-1")
    detail = window.orders_page.detail
    notes = detail.form.fields["notes"]
    notes.setFocus()
    qtbot.keyClicks(notes, "Call Lily on Monday")
    assert detail.dirty
    press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not detail.dirty
    assert workspace.orders.get(order_id).notes == "Call Lily on Monday"

    qtbot.keyClicks(notes, " and Tuesday")
    press(qtbot, window, Qt.Key.Key_Escape)
    assert messages.shown[-1][:2] == ("confirm", "Revert changes")
    assert not detail.dirty and notes.toPlainText() == "Call Lily on Monday"


def test_a_deleted_order_comes_back_with_undo(qtbot, shown, workspace, messages):
    window = shown
    order_id = open_order(window, workspace, "TA-7")
    window.orders_page.table.setFocus()
    press(qtbot, window, Qt.Key.Key_Delete)
    kind, title, text = messages.shown[-1]
    assert (kind, title) == ("confirm", "Delete order")
    assert "TA-7" in text and "Edit → Undo brings it back" in text
    assert workspace.orders.count() == 0
    assert window.orders_page.model.rowCount() == 0
    link = window.undo_history.link
    assert link.isVisible() and "Order TA-7 deleted" in link.text() and "Undo" in link.text()
    assert window.undo_history.undo_action.text() == "&Undo delete order TA-7"

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert workspace.orders.get(order_id).order_number == "TA-7"
    assert window.statusBar().currentMessage() == "Order TA-7 is back."
    assert window.orders_page.model.rowCount() == 1
    assert not link.isVisible()
    assert window.undo_history.redo_action.isEnabled()
    window.undo_history.redo_action.trigger()
    assert workspace.orders.count() == 0
    link.linkActivated.emit("undo")  # the status bar's link
    assert workspace.orders.count() == 1


def test_a_deleted_supplier_comes_back_with_undo(qtbot, window, workspace, messages):
    supplier = workspace.suppliers.save(make_supplier("Ningbo Oceanwave")).value
    window.show_page(window.suppliers_page)
    window.suppliers_page.open_supplier(supplier.id)
    window.delete_action.trigger()
    assert "Ningbo Oceanwave" in messages.shown[-1][2]
    assert workspace.suppliers.count() == 0
    window.undo_history.undo_action.trigger()
    assert workspace.suppliers.get(supplier.id).name == "Ningbo Oceanwave"


def test_remove_demo_data_asks_then_removes_exactly_the_demo(qtbot, window, workspace,
                                                              messages):
    load_demo(workspace)
    mine = workspace.suppliers.save(make_supplier("My own supplier")).value
    workspace.orders.save(make_order("MY-1", mine.id))
    messages.answer_confirm = False
    window.remove_demo_action.trigger()
    kind, title, text = messages.shown[-1]
    assert (kind, title) == ("confirm", "Remove demo data")
    assert f"{DEMO_ORDER_COUNT} demo orders" in text and f"{len(SUPPLIERS)}" in text
    assert workspace.orders.count() == DEMO_ORDER_COUNT + 1
    messages.answer_confirm = True
    window.remove_demo_action.trigger()
    assert [r.order_number for r in workspace.orders.rows()] == ["MY-1"]
    assert [name for _id, name in workspace.suppliers.names()] == ["My own supplier"]
    window.undo_history.undo_action.trigger()
    assert workspace.orders.count() == DEMO_ORDER_COUNT + 1


def test_help_opens_the_user_guide_shipped_with_the_app(qtbot, window):
    window.guide_action.trigger()
    dialog = next(d for d in window.findChildren(QDialog) if d.isVisible())
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert "TA Desktop — user guide" in text and "Edit → Undo" in text
    dialog.close()


def test_print_without_an_order_says_what_to_do(qtbot, window):
    window.print_action.trigger()
    assert "Open a saved order" in window.statusBar().currentMessage()


def test_delete_and_esc_in_the_order_lines_act_on_the_line(qtbot, shown, workspace, messages):
    window = shown
    open_order(window, workspace, "TA-9")
    detail = window.orders_page.detail
    view = detail.lines_view
    view.setFocus()
    view.setCurrentIndex(detail.lines.index(0, 0))
    view.edit(detail.lines.index(0, 0))
    editor = QApplication.focusWidget()
    assert editor is not view
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # closes the cell's editor, nothing else
    assert not [m for m in messages.shown if m[1] == "Revert changes"]
    view.setFocus()
    press(qtbot, window, Qt.Key.Key_Delete)
    assert detail.lines.rowCount() == 0 and detail.dirty
    assert not [m for m in messages.shown if m[1] == "Delete order"]
    assert workspace.orders.count() == 1


def test_delete_in_the_certificates_removes_the_certificate(qtbot, shown, workspace, messages):
    window = shown
    supplier = workspace.suppliers.save(make_supplier(certificates=[
        Certificate("ISO 9001", "Q-1", "SGS", date(2027, 6, 30))])).value
    window.show_page(window.suppliers_page)
    window.suppliers_page.open_supplier(supplier.id)
    table = window.suppliers_page.form.certificates.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert table.rowCount() == 0 and window.suppliers_page.dirty
    assert workspace.suppliers.count() == 1 and not messages.shown
