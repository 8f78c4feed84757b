"""Two windows on one database file: a save of something the other window saved meanwhile says
so in one sentence, keeps what the user typed on screen, and reloads only if they choose to."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from ta_desktop.core.domain.entities import Action
from ta_desktop.core.domain.errors import ConflictError
from ta_desktop.ui.evidence.evidence_model import CAPTION
from ta_desktop.ui.evidence.evidence_panel import EvidencePanelWidget
from ta_desktop.ui.jobs import SyncJobRunner
from ta_desktop.ui.orders.order_detail import OrderDetailWidget
from ta_desktop.ui.settings.rules_dialog import RulesDialog
from ta_desktop.ui.suppliers.suppliers_page import SuppliersPage
from tests.evidence_files import image_file
from tests.factories import make_order, make_supplier
from tests.ui.test_rules_dialog import row_of

CONFLICT = ("Order TA-1 was changed in another window since you opened it: reload it to see "
            "the change; what you typed is still on screen.")


@pytest.fixture
def order_id(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    return workspace.orders.save(make_order("TA-1", supplier.id)).value.id


@pytest.fixture
def detail(qtbot, workspace, ops, order_id):
    widget = OrderDetailWidget(workspace, ops)
    qtbot.addWidget(widget)
    widget.show()
    widget.open_order(order_id)
    return widget


def test_a_conflicting_save_keeps_the_typed_text_until_the_user_reloads(
        qtbot, detail, other_window, order_id, messages):
    notes = detail.form.fields["notes"]
    qtbot.keyClicks(notes, "Ask for the carton drop test")
    theirs = other_window.orders.get(order_id)
    theirs.notes = "Written in the other window"
    other_window.orders.save(theirs)

    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert messages.shown == [("reload_or_keep", "TA Desktop", CONFLICT)]
    assert notes.toPlainText() == "Ask for the carton drop test" and detail.dirty
    assert other_window.orders.get(order_id).notes == "Written in the other window"

    messages.answer_reload = True  # the user chooses Reload this time
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert notes.toPlainText() == "Written in the other window" and not detail.dirty
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(notes, ", then test")
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert other_window.orders.get(order_id).notes == "Written in the other window, then test"
    assert len(messages.shown) == 2


def test_notes_of_a_sent_order_conflict_with_an_action_taken_elsewhere(
        qtbot, detail, other_window, order_id, messages):
    detail.perform(Action.SUBMIT)
    qtbot.keyClicks(detail.form.fields["notes"], "Chase the proforma")
    other_window.orders.perform(order_id, Action.SUPPLIER_CONFIRM)
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert messages.shown == [("reload_or_keep", "TA Desktop", CONFLICT)]
    assert detail.form.fields["notes"].toPlainText() == "Chase the proforma"
    assert other_window.orders.get(order_id).notes == ""


def test_a_supplier_saved_in_another_window_is_not_overwritten(qtbot, workspace, ops, other_window,
                                                               messages):
    supplier_id = workspace.suppliers.save(make_supplier("Alpha Co.")).value.id
    page = SuppliersPage(workspace, ops)
    qtbot.addWidget(page)
    page.show()
    page.open_supplier(supplier_id)
    qtbot.keyClicks(page.form.fields["email"], "lily@alpha.cn")
    theirs = other_window.suppliers.get(supplier_id)
    theirs.phone = "+86 755 1234"
    other_window.suppliers.save(theirs)

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert [kind for kind, _title, _text in messages.shown] == ["reload_or_keep"]
    assert "Supplier Alpha Co. was changed in another window" in messages.shown[0][2]
    assert page.form.fields["email"].text() == "lily@alpha.cn"
    assert other_window.suppliers.get(supplier_id).email == ""


def test_a_caption_saved_in_another_window_is_not_overwritten(qtbot, workspace, ops, other_window,
                                                             order_id, messages, tmp_path):
    panel = EvidencePanelWidget(workspace, ops, jobs=SyncJobRunner())
    qtbot.addWidget(panel)
    panel.set_order(workspace.orders.get(order_id))
    [item] = workspace.evidence.add_files(order_id, [image_file(tmp_path, "box.jpg")]).value
    panel.refresh()
    other_window.evidence.set_caption(item.id, "Carton 4 crushed", item.version)
    caption = panel.model.index(0, CAPTION)
    panel.model.setData(caption, "Wet carton")
    assert "The evidence file box.jpg was changed in another window" in messages.shown[0][2]
    assert caption.data() == "Wet carton"
    messages.answer_reload = True
    panel.model.setData(caption, "Wet carton, really")
    assert panel.model.index(0, CAPTION).data() == "Carton 4 crushed"
    assert other_window.evidence.items(order_id)[0].caption == "Carton 4 crushed"


def test_rules_changed_in_another_window_are_offered_for_reload(qtbot, workspace, ops, other_window,
                                                               messages):
    dialog = RulesDialog(other_window.settings, ops)
    qtbot.addWidget(dialog)
    workspace.settings.set_rule_values({"proposal_reply_days": "5"})
    cell = dialog.table.item(row_of(dialog, "auto_escalation_on_day"), 2)
    cell.setText("8")
    dialog._on_buttons_accepted()
    assert "'Trade Assurance rules' was changed in another window" in messages.shown[0][2]
    assert cell.text() == "8" and workspace.settings.get("rule_overrides") == {
        "proposal_reply_days": 5}
    messages.answer_reload = True
    dialog._on_buttons_accepted()
    assert dialog.table.item(row_of(dialog, "proposal_reply_days"), 2).text() == "5"
    assert dialog.table.item(row_of(dialog, "auto_escalation_on_day"), 2).text() != "8"


def test_without_a_way_to_reload_a_conflict_is_shown_as_an_error(ops, messages):
    def stale():
        raise ConflictError("Order TA-1 was changed in another window since you opened it.")

    assert ops.run_op(None, stale) is False
    assert messages.shown == [
        ("error", "TA Desktop", "Order TA-1 was changed in another window since you opened it.")]


def test_the_conflict_view_names_the_colleague_and_shows_their_change(
        qtbot, workspace, detail, other_window, order_id, messages):
    workspace.member, other_window.member = "Anna", "Chen Wei"
    qtbot.keyClicks(detail.form.fields["notes"], "Mine")
    theirs = other_window.orders.get(order_id)
    theirs.notes = "Supplier asked for 10 more days"
    theirs.incoterm = "FOB"
    other_window.orders.save(theirs)

    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    [(kind, _title, text)] = messages.shown
    assert kind == "reload_or_keep" and "Order TA-1 was changed by Chen Wei at " in text
    assert messages.theirs[0].splitlines() == [
        "Their version:", "Incoterm: now 'FOB'", "Notes: now 'Supplier asked for 10 more days'"]
    assert detail.form.fields["notes"].toPlainText() == "Mine" and detail.dirty
