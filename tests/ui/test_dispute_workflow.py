"""A whole dispute driven through the GUI, the "What needs me" page and the 48-hour reminder."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ta_desktop.core.domain.disputes import DisputeStage
from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.types import (
    ClaimType,
    OrderStatus,
    Party,
    PaymentStatus,
    ShippingMethod,
)
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.disputes.dispute_dialog import DisputeDialog, DisputeStep
from ta_desktop.ui.disputes.dispute_tab import DisputePanel, OrderTimelineTab
from ta_desktop.ui.home.deadlines_model import DeadlinesModel
from ta_desktop.ui.home.home_page import HomePage
from ta_desktop.ui.home.reminder_banner import MemoryReminderStore
from ta_desktop.ui.main_window import MainWindow
from ta_desktop.ui.messages import ScriptedMessages
from ta_desktop.ui.orders.extensions import ORDER_EXTENSIONS
from ta_desktop.ui.orders.order_detail import OrderDetailWidget
from ta_desktop.ui.orders.receiving_action import ReceivingAction, ReceivingDialog
from ta_desktop.ui.settings.team_calendar_dialog import TeamCalendarDialog
from ta_desktop.ui.tasks import SyncTaskRunner
from ta_desktop.ui.theme import DANGER
from tests.factories import Clock, make_order, make_supplier
from tests.ui.conftest import type_text

D = date.fromisoformat




@pytest.fixture
def clock():
    return Clock(D("2026-10-01"))


@pytest.fixture
def shop(tmp_path, clock):
    """A workspace with one order paid on 1 October and shipped on 19 October."""
    workspace = Workspace.open(tmp_path / "gui.sqlite", today=clock)
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-900", supplier.id,
                                             shipment_date=D("2026-10-20"))).value
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(order.id, action)
    workspace.orders.perform(order.id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), D("2026-10-01"), PaymentStatus.RECEIVED))
    clock.today = D("2026-10-19")
    workspace.orders.perform(order.id, Action.MARK_SHIPPED)
    clock.today = D("2026-11-02")
    yield workspace, order.id
    workspace.close()


@pytest.fixture
def gui(qtbot, shop, ops):
    """The order screen on the shipped order, its Dispute tab in front."""
    workspace, order_id = shop
    detail = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
    qtbot.addWidget(detail)
    detail.resize(1400, 900)
    detail.show()
    detail.open_order(order_id)
    panel = detail.extension(DisputePanel)
    detail.tabs.setCurrentWidget(panel)
    return detail, panel


@pytest.fixture
def home(qtbot, shop, ops):
    page = HomePage(shop[0], ops)
    qtbot.addWidget(page)
    page.refresh()
    return page


@pytest.fixture
def answers(monkeypatch):
    """What the "user" types into the next dispute dialogs, one dict of field -> value each."""
    script: list[dict] = []

    def fill_and_accept(dialog: DisputeDialog) -> int:
        for name, value in script.pop(0).items():
            widget = getattr(dialog, name)
            if hasattr(widget, "setPlainText"):
                widget.setPlainText(value)
            elif hasattr(widget, "findData"):
                widget.setCurrentIndex(widget.findData(value))
            else:
                widget.setText(value)
        dialog._on_buttons_accepted()
        return dialog.result()

    monkeypatch.setattr(DisputeDialog, "exec", fill_and_accept)
    return script


def click(qtbot, panel, step):
    action = panel.buttons[step]
    assert action.isEnabled(), action.toolTip()
    qtbot.mouseClick(panel.steps.widgetForAction(action), Qt.MouseButton.LeftButton)


def labels(panel):
    return {m.label: m for m in panel.timeline.markers()}


def test_a_whole_dispute_through_the_gui(qtbot, gui, shop, clock, answers):
    detail, panel = gui
    workspace, order_id = shop
    assert not panel.buttons[DisputeStep.PROPOSE].isEnabled()
    assert "Open a dispute first" in panel.buttons[DisputeStep.PROPOSE].toolTip()

    answers.append({"claim": ClaimType.QUALITY, "amount": "300",
                    "claim_text": "Paint chips on 12% of the units; photos attached."})
    click(qtbot, panel, DisputeStep.OPEN)
    assert detail.status_pill.status == OrderStatus.IN_DISPUTE
    assert "Opened" in labels(panel)
    assert panel.timeline.isVisible()
    assert "day 1 of 31" in panel.timeline.model().title
    assert not panel.buttons[DisputeStep.ESCALATE].isEnabled()
    assert "DS-ESC-EARLY" in panel.buttons[DisputeStep.ESCALATE].toolTip()

    clock.today = D("2026-11-03")
    answers.append({"party": Party.SUPPLIER, "amount": "50"})
    click(qtbot, panel, DisputeStep.PROPOSE)
    reply = labels(panel)["Buyer reply due"]
    assert reply.day == D("2026-11-10")
    deadline = panel.timeline.model().next_deadline
    assert (deadline.rule, deadline.days_left(clock.today)) == ("DS-REPLY", 7)

    clock.today = D("2026-11-05")
    answers.append({"answer": False})
    click(qtbot, panel, DisputeStep.REPLY)
    assert "Buyer declined" in labels(panel)
    answers.append({})
    click(qtbot, panel, DisputeStep.ESCALATE)
    assert labels(panel)["Team answer due"].day == D("2026-11-12")
    assert [s.label for s in panel.timeline.model().spans][-1] == "Dispute team"
    assert not panel.buttons[DisputeStep.ESCALATE].isEnabled()

    clock.today = D("2026-11-11")
    answers.append({"outcome": OrderStatus.PARTIALLY_REFUNDED, "amount": "200"})
    click(qtbot, panel, DisputeStep.DECIDE)
    assert detail.status_pill.status == OrderStatus.PARTIALLY_REFUNDED
    assert "Decided" in panel.timeline.model().title
    answers.append({"amount": "200"})
    click(qtbot, panel, DisputeStep.REFUND)
    assert "Dispute closed" in panel.timeline.model().title
    assert not any(b.isEnabled() for s, b in panel.buttons.items() if s != DisputeStep.OPEN)
    assert panel.events.rowCount() == 6
    history = [e.action for e in workspace.orders.get(order_id).events]
    assert history[-2:] == [Action.OPEN_DISPUTE, Action.RESOLVE_DISPUTE]


def test_rule_refusals_are_shown_not_recorded(qtbot, gui, shop, answers, messages):
    _detail, panel = gui
    answers.append({"claim": ClaimType.QUALITY, "amount": "900", "claim_text": "Broken."})
    click(qtbot, panel, DisputeStep.OPEN)
    kind, _title, text = messages.shown[-1]
    assert kind == "error" and "more than was paid" in text
    assert panel.dispute is None


def test_toolbar_open_dispute_goes_through_the_dispute_tab(qtbot, gui, answers):
    detail, panel = gui
    detail.tabs.setCurrentIndex(0)
    answers.append({"claim": ClaimType.QUALITY, "amount": "100", "claim_text": "Scratches."})
    detail.actions_by_kind[Action.OPEN_DISPUTE].trigger()
    assert detail.tabs.currentWidget() is panel
    assert panel.dispute is not None and panel.dispute.claim == ClaimType.QUALITY


def test_claim_text_warns_about_non_english_characters_while_typing(qtbot, gui):
    _detail, panel = gui
    dialog = DisputeDialog(DisputeStep.OPEN, panel.order, date(2026, 11, 2), parent=panel)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.claim_text, "Colour is 红色")
    qtbot.waitUntil(dialog.text_warning.isVisible)
    assert dialog.text_warning.text() == (
        "The claim text contains Chinese characters (红色); the platform accepts English only.")
    assert dialog.text_warning.toolTip() == "EV-TEXT"


def test_a_dispute_needs_its_claim_type_chosen(qtbot, gui):
    _detail, panel = gui
    dialog = DisputeDialog(DisputeStep.OPEN, panel.order, date(2026, 11, 2), parent=panel)
    qtbot.addWidget(dialog)
    assert dialog.claim.currentIndex() == -1
    dialog.amount.setText("100")
    dialog._on_buttons_accepted()
    assert dialog.result_kwargs == {}
    assert dialog.form.error_text("claim") == "Choose the claim: what went wrong."


def test_a_proposal_states_its_amount_or_no_money(qtbot, gui):
    _detail, panel = gui
    dialog = DisputeDialog(DisputeStep.PROPOSE, panel.order, date(2026, 11, 2), parent=panel)
    qtbot.addWidget(dialog)
    dialog._on_buttons_accepted()
    assert dialog.result_kwargs == {}
    assert "No money" in dialog.form.error_text("amount")
    dialog.no_money.setChecked(True)
    assert not dialog.amount.isEnabled()
    dialog._on_buttons_accepted()
    assert dialog.result_kwargs["amount"] == Decimal(0)


def test_non_english_claim_text_needs_a_confirmation(qtbot, gui, answers, messages):
    _detail, panel = gui
    messages.answer_confirm = False
    answers.append({"claim": ClaimType.QUALITY, "amount": "100", "claim_text": "颜色不对"})
    click(qtbot, panel, DisputeStep.OPEN)
    assert messages.shown[-1][0] == "confirm" and panel.dispute is None


def test_cancelled_dialog_records_nothing(qtbot, gui, monkeypatch):
    _detail, panel = gui
    monkeypatch.setattr(DisputeDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    click(qtbot, panel, DisputeStep.OPEN)
    assert panel.dispute is None


def test_what_needs_me_lists_buyer_deadlines_first_and_opens_the_order(qtbot, shop, clock):
    workspace, order_id = shop
    window = MainWindow(workspace, ScriptedMessages(), MemoryReminderStore(), SyncTaskRunner())
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    workspace.disputes.open(order_id, claim=ClaimType.QUALITY, requested_refund=Decimal("100"),
                            claim_text="Scratches.")
    workspace.disputes.propose(order_id, Party.SUPPLIER, Decimal("10"))
    clock.today = D("2026-11-12")  # the buyer's reply was due on 9 November: cancelled
    window.check_deadlines()  # the hourly timer records what the platform did
    window.show_page(window.home_page)
    model = window.home_page.model
    rows = [model.deadline(r) for r in range(model.rowCount())]
    assert rows[0].party == Party.BUYER
    # The platform cancelled the dispute, so the order waits for delivery confirmation again.
    assert ("RC-EXT", D("2026-11-18")) in {(d.rule, d.due) for d in rows}
    buyers = [d for d in rows if d.party == Party.BUYER]
    assert rows[:len(buyers)] == buyers
    window.orders_page.detail.clear()
    row = next(r for r in range(model.rowCount()) if model.deadline(r).order_id == order_id)
    table = window.home_page.table
    rect = table.visualRect(model.index(row, 3))
    # Qt's item views emit doubleClicked for a second click on the index pressed first.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pages.currentWidget() is window.orders_page
    assert window.orders_page.detail.order.id == order_id


def test_overdue_deadlines_are_red(qtmodeltester, shop, clock):
    workspace, _order_id = shop
    clock.today = D("2026-12-01")  # the receiving window ended on 18 November
    model = DeadlinesModel()
    model.set_deadlines(workspace.disputes.deadlines(), clock.today)
    qtmodeltester.check(model)
    row = next(r for r in range(model.rowCount()) if model.deadline(r).rule == "RC-EXT")
    assert model.data(model.index(row, 1)) == "13 days overdue"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole) == DANGER
    # No "confirm receipt by" date entered: the date is the estimate, and says so.
    assert model.data(model.index(row, 0)) == "18 Nov 2026 (estimate)"
    assert "(estimate)" in model.data(model.index(row, 3))
    assert "RC-WINDOW" in model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)


def test_banner_reminds_once_of_a_buyer_deadline_within_48_hours(qtbot, shop, clock):
    workspace, order_id = shop
    workspace.disputes.open(order_id, claim=ClaimType.QUALITY, requested_refund=Decimal("100"),
                            claim_text="Scratches.")
    workspace.disputes.propose(order_id, Party.SUPPLIER, Decimal("10"))
    store = MemoryReminderStore()
    clock.today = D("2026-11-06")  # reply due on 9 November: 3 days, not yet
    window = MainWindow(workspace, ScriptedMessages(), store, SyncTaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert not window.reminder_banner.isVisible()
    clock.today = D("2026-11-07")
    window.check_deadlines()
    assert window.reminder_banner.isVisible()
    assert "Answer the supplier's proposal" in window.reminder_banner.text.text()
    assert "act by Sun 8 Nov 2026." in window.reminder_banner.text.text()
    qtbot.mouseClick(window.reminder_banner.open_button, Qt.MouseButton.LeftButton)
    assert window.orders_page.detail.order.id == order_id
    assert not window.reminder_banner.isVisible()
    clock.today += timedelta(days=1)
    window.check_deadlines()
    assert not window.reminder_banner.isVisible()  # once per deadline


def test_calendar_export_from_the_home_page(qtbot, home, tmp_path):
    count = home.export_calendar(tmp_path / "d.ics")
    assert count == len(home.deadlines()) > 0
    assert (tmp_path / "d.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_team_calendar_changes_move_the_team_deadline(qtbot, gui, shop, clock, ops):
    detail, panel = gui
    workspace, order_id = shop
    workspace.disputes.open(order_id, claim=ClaimType.QUALITY, requested_refund=Decimal("100"),
                            claim_text="Scratches.")
    clock.today = D("2026-11-05")
    workspace.disputes.escalate(order_id)
    dialog = TeamCalendarDialog(workspace, ops, detail)
    qtbot.addWidget(dialog)
    dialog.add_day_off(D("2026-11-09"))
    dialog.add_working_day(D("2026-11-07"))
    assert dialog.changes.count() == 2
    assert "9 Nov" in dialog.preview.text()
    dialog._on_buttons_accepted()
    assert dialog.result() == QDialog.DialogCode.Accepted
    detail.open_order(order_id)
    # Saturday 7 worked, Monday 9 off: 6, 7, 10, 11, 12 November.
    assert labels(panel)["Team answer due"].day == D("2026-11-12")
    dialog.changes.setCurrentRow(0)
    dialog._on_remove_clicked()
    assert dialog.changes.count() == 1


def test_clicking_an_order_event_shows_it_in_the_history(qtbot, gui, shop):
    detail, _panel = gui
    timeline = detail.extension(OrderTimelineTab).timeline
    shipped = next(m for m in timeline.markers() if m.label == "Shipped")
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton,
                     pos=timeline.marker_position(shipped.key).toPoint())
    assert detail.tabs.currentWidget() is detail.history
    row = detail.history.currentRow()
    assert detail.history.item(row, 1).text() == Action.MARK_SHIPPED.label


def test_exporting_the_calendar_from_the_button(qtbot, home, tmp_path, monkeypatch, ops):
    target = tmp_path / "mine.ics"
    monkeypatch.setattr("ta_desktop.ui.home.home_page.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    noted = []
    ops.noted.connect(lambda text, written: noted.append((text, written)))
    qtbot.mouseClick(home.export_button, Qt.MouseButton.LeftButton)
    [(text, written)] = noted
    assert text.endswith("written to mine.ics.") and written == target and target.exists()
    assert home.export_button.isEnabled()


# --- issue 13: DS-CANCEL, CONF-AUTO, RC-WINDOW, DS-WINDOW and LEAD on screen --------------------


def test_after_escalation_cancel_asks_the_team_and_waits_for_its_answer(
        qtbot, gui, shop, clock, answers):
    detail, panel = gui
    workspace, order_id = shop
    answers.append({"claim": ClaimType.QUALITY, "amount": "300", "claim_text": "Paint chips."})
    click(qtbot, panel, DisputeStep.OPEN)
    assert not panel.buttons[DisputeStep.ANSWER_CANCEL].isEnabled()
    clock.today = D("2026-11-05")  # day 4
    detail.reload()
    answers.extend([{}, {}])
    click(qtbot, panel, DisputeStep.ESCALATE)
    click(qtbot, panel, DisputeStep.CANCEL)
    assert panel.dispute.stage == DisputeStage.CANCEL_REQUESTED
    assert detail.status_pill.status == OrderStatus.IN_DISPUTE
    assert "cancellation asked" in panel.timeline.model().title
    assert not panel.buttons[DisputeStep.DECIDE].isEnabled()
    clock.today = D("2026-11-09")
    answers.append({"answer": True})
    click(qtbot, panel, DisputeStep.ANSWER_CANCEL)
    assert panel.dispute.stage == DisputeStage.CANCELLED
    assert workspace.orders.get(order_id).status == OrderStatus.AWAITING_DELIVERY_CONFIRMATION


def test_an_overdue_automatic_cancellation_is_recorded_in_one_click(qtbot, tmp_path, clock, ops):
    workspace = Workspace.open(tmp_path / "home.sqlite", today=clock)
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-77", supplier.id)).value
    workspace.orders.perform(order.id, Action.SUBMIT)
    workspace.orders.perform(order.id, Action.SUPPLIER_CONFIRM)  # 1 October: pay by 30 Nov
    clock.today = D("2026-12-02")
    page = HomePage(workspace, ops)
    qtbot.addWidget(page)
    page.refresh()
    row = next(r for r in range(page.model.rowCount())
               if page.model.deadline(r).rule == "CONF-AUTO")
    assert page.model.deadline(row).due == D("2026-11-30")
    assert not page.auto_cancel_button.isEnabled()
    page.table.setCurrentIndex(page.model.index(row, 0))
    assert page.auto_cancel_button.isEnabled()
    qtbot.mouseClick(page.auto_cancel_button, Qt.MouseButton.LeftButton)
    cancelled = workspace.orders.get(order.id)
    assert cancelled.status == OrderStatus.CANCELLED
    assert cancelled.last_event(Action.AUTO_CANCEL).on == D("2026-12-01")
    assert not [d for d in page.deadlines() if d.order_id == order.id]
    workspace.close()


def test_receiving_dates_replace_the_estimate_on_the_timeline(qtbot, gui, shop):
    detail, _panel = gui
    workspace, order_id = shop
    timeline = detail.extension(OrderTimelineTab).timeline
    # Shipped 19 October, no method known: the shortest estimate, 30 days, is 18 November.
    assert {m.label: m.day for m in timeline.markers()}[
        "Confirm delivery by (estimate)"] == D("2026-11-18")
    action = detail.extension(ReceivingAction)
    action.ask = lambda parent, order, profile, today: {
        "shipping_method": ShippingMethod.SEA, "confirm_receipt_by": D("2026-12-20"),
        "arrived_on": None}
    action.trigger()
    assert {m.label: m.day for m in timeline.markers()}["Confirm delivery by"] == D("2026-12-20")
    assert workspace.orders.get(order_id).shipping_method == ShippingMethod.SEA


def test_the_receiving_dialog_offers_every_method_with_its_estimate(qtbot, shop):
    workspace, order_id = shop
    dialog = ReceivingDialog(workspace.orders.get(order_id), workspace.profile, D("2026-11-02"))
    qtbot.addWidget(dialog)
    texts = [dialog.method.itemText(i) for i in range(dialog.method.count())]
    assert texts[0] == "Not known yet (estimate: 30 days)"
    assert "Sea freight (estimate: 60 days)" in texts
    assert dialog.values() == {"shipping_method": None, "confirm_receipt_by": None,
                               "arrived_on": None}
    dialog.arrived.given.setChecked(True)
    assert dialog.values()["arrived_on"] == D("2026-11-02")


def test_a_shipment_date_too_soon_after_confirmation_is_warned(qtbot, tmp_path, clock, ops):
    workspace = Workspace.open(tmp_path / "lead.sqlite", today=clock)
    supplier = workspace.suppliers.save(make_supplier()).value
    # Confirmed 1 October; shipping 20 October is 19 days later, under the 60-day minimum.
    order = workspace.orders.save(make_order("TA-78", supplier.id,
                                             shipment_date=D("2026-10-20"))).value
    workspace.orders.perform(order.id, Action.SUBMIT)
    workspace.orders.perform(order.id, Action.SUPPLIER_CONFIRM)
    screen = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
    qtbot.addWidget(screen)
    screen.show()
    screen.open_order(order.id)
    assert screen.banner.isVisible()
    assert "LEAD" in screen.banner.text() and "19 days" in screen.banner.text()
    workspace.close()
# --- What needs me: supplier, words, filter by who acts, counts of the rows shown ---


def cells(page, column):
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def with_a_dispute(shop):
    workspace, order_id = shop
    workspace.disputes.open(order_id, claim=ClaimType.QUALITY, requested_refund=Decimal("100"),
                            claim_text="Scratches.")
    workspace.disputes.propose(order_id, Party.SUPPLIER, Decimal("10"))


def test_rows_show_the_supplier_and_words_with_the_rule_in_the_tooltip(home, shop):
    with_a_dispute(shop)
    home.refresh()
    model = home.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Due", "Left", "Who acts", "What", "Order", "Supplier"]
    assert set(cells(home, 5)) == {"深圳市华强电子有限公司"}
    assert set(cells(home, 2)) <= {"You", "Supplier", "Platform"}
    for row in range(model.rowCount()):
        shown = [model.index(row, c).data() for c in range(model.columnCount())]
        rule = model.deadline(row).rule
        assert not any(rule in text for text in shown), shown
        assert f"Rule {rule}" in model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert re.fullmatch(r"\d{2} [A-Z][a-z]{2} \d{4}", cells(home, 0)[0])


def test_filter_by_who_acts_and_the_heading_counts_the_rows(home, shop):
    with_a_dispute(shop)
    home.refresh()
    everyone = home.model.rowCount()
    assert home.summary.text().startswith(f"{everyone} open deadline(s)")
    for party in (Party.BUYER, Party.SUPPLIER, Party.PLATFORM):
        home.who_filter.setCurrentIndex(home.who_filter.findData(party))
        rows = [home.model.deadline(r) for r in range(home.model.rowCount())]
        assert all(d.party == party for d in rows)
        if rows:
            assert home.summary.text().startswith(f"{len(rows)} open deadline(s)")
        else:
            assert home.summary.text() == "No deadline for this party."
    home.who_filter.setCurrentIndex(0)
    assert home.model.rowCount() == everyone



def test_a_proposal_of_no_money_reads_so(qtbot, gui, shop):
    _detail, panel = gui
    workspace, order_id = shop
    workspace.disputes.open(order_id, claim=ClaimType.QUALITY, requested_refund=Decimal("100"),
                            claim_text="Scratches.")
    workspace.disputes.propose(order_id, Party.SUPPLIER, Decimal(0))
    panel.set_order(workspace.orders.get(order_id))
    amounts = [panel.events.item(r, 4).text() for r in range(panel.events.rowCount())]
    assert amounts == ["100.00 USD", "No money"]
    assert panel.events.item(1, 3).text() == "Supplier"
