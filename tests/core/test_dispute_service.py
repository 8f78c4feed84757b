"""Disputes in the database: one transaction per action, the order following, deadlines of
every order, and the ``deadlines`` command."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from ta_desktop.cli import main
from ta_desktop.core.domain.disputes import DisputeEventKind as K
from ta_desktop.core.domain.disputes import DisputeStage
from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.errors import NotAllowed, ValidationError
from ta_desktop.core.domain.types import ClaimType, OrderStatus, Party, PaymentStatus
from ta_desktop.core.services.calendar_export import event_dates
from ta_desktop.core.services.workdays import DAYS_OFF_SETTING, set_user_days
from ta_desktop.core.services.workspace import Workspace
from tests.factories import Clock, make_order, make_supplier

pytestmark = pytest.mark.both_engines

D = date.fromisoformat




@pytest.fixture
def clock():
    return Clock(D("2026-11-02"))


@pytest.fixture
def workspace(db_target, tmp_path, clock):
    ws = Workspace.open(db_target, today=clock, data_dir=tmp_path / "data")
    yield ws
    ws.close()


def shipped_order(workspace, clock, number="TA-7"):
    supplier = workspace.suppliers.save(make_supplier()).value
    today, clock.today = clock.today, D("2026-10-01")
    order = workspace.orders.save(make_order(number, supplier.id,
                                             shipment_date=D("2026-10-20"))).value
    workspace.orders.perform(order.id, Action.SUBMIT)
    workspace.orders.perform(order.id, Action.SUPPLIER_CONFIRM)
    workspace.orders.perform(order.id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), D("2026-10-01"), PaymentStatus.RECEIVED))
    clock.today = D("2026-10-19")
    workspace.orders.perform(order.id, Action.MARK_SHIPPED)
    clock.today = today
    return order.id


def open_quality_dispute(workspace, order_id, **kwargs):
    kwargs.setdefault("claim", ClaimType.QUALITY)
    kwargs.setdefault("requested_refund", Decimal("300"))
    kwargs.setdefault("claim_text", "Paint chips on 12% of the units.")
    return workspace.disputes.open(order_id, **kwargs).value


def test_opening_a_dispute_stores_it_and_puts_the_order_in_dispute(workspace, clock):
    order_id = shipped_order(workspace, clock)
    dispute = open_quality_dispute(workspace, order_id)
    assert dispute.id is not None and dispute.opened_on == D("2026-11-02")
    assert workspace.orders.get(order_id).status == OrderStatus.IN_DISPUTE
    assert workspace.orders.get(order_id).last_event(Action.OPEN_DISPUTE) is not None
    assert workspace.disputes.get(order_id).claim_text == "Paint chips on 12% of the units."


def test_a_dispute_cannot_be_opened_before_payment(workspace, clock):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-8", supplier.id)).value
    with pytest.raises(NotAllowed) as raised:
        open_quality_dispute(workspace, order.id)
    assert raised.value.rule == "DS-OPEN"
    assert workspace.disputes.get(order.id) is None


def test_refund_above_what_was_paid_is_refused_and_nothing_is_stored(workspace, clock):
    order_id = shipped_order(workspace, clock)
    with pytest.raises(ValidationError):
        open_quality_dispute(workspace, order_id, requested_refund=Decimal("785.01"))
    assert workspace.orders.get(order_id).status == OrderStatus.AWAITING_DELIVERY_CONFIRMATION
    assert workspace.disputes.get(order_id) is None


def test_a_whole_dispute_to_a_partial_refund(workspace, clock):
    order_id = shipped_order(workspace, clock)
    open_quality_dispute(workspace, order_id)
    clock.today = D("2026-11-03")
    with pytest.raises(NotAllowed):  # day 4 is 5 November, and the supplier has not proposed
        workspace.disputes.escalate(order_id)
    workspace.disputes.propose(order_id, Party.SUPPLIER, Decimal("50"))
    # DS-ESC-EARLY: after the supplier's counter-proposal the buyer may escalate at once.
    workspace.disputes.escalate(order_id)
    deadlines = workspace.disputes.order_deadlines(order_id)
    team = next(d for d in deadlines if d.rule == "DS-TEAM")
    # 5 working days after Tuesday 3 November: Wed 4, Thu 5, Fri 6, Mon 9, Tue 10.
    assert team.due == D("2026-11-10") and team.open
    clock.today = D("2026-11-11")
    dispute = workspace.disputes.decide(
        order_id, OrderStatus.PARTIALLY_REFUNDED, Decimal("200")).value
    assert dispute.stage == DisputeStage.DECIDED
    assert workspace.orders.get(order_id).status == OrderStatus.PARTIALLY_REFUNDED
    dispute = workspace.disputes.settle(order_id, K.REFUND, Decimal("200")).value
    assert dispute.stage == DisputeStage.CLOSED
    assert [e.kind for e in workspace.disputes.get(order_id).events] == [
        K.OPENED, K.PROPOSAL, K.ESCALATED, K.DECISION, K.REFUND]


def test_cancelling_returns_the_order_to_its_status(workspace, clock):
    order_id = shipped_order(workspace, clock)
    open_quality_dispute(workspace, order_id)
    workspace.disputes.cancel(order_id)
    assert workspace.orders.get(order_id).status == OrderStatus.AWAITING_DELIVERY_CONFIRMATION


def test_catch_up_stores_the_platforms_automatic_cancellation(workspace, clock):
    order_id = shipped_order(workspace, clock)
    open_quality_dispute(workspace, order_id)
    workspace.disputes.propose(order_id, Party.SUPPLIER, Decimal("50"))
    clock.today = D("2026-11-10")  # reply was due on 9 November
    assert workspace.disputes.catch_up().value == 1
    assert workspace.disputes.get(order_id).stage == DisputeStage.CANCELLED
    assert workspace.orders.get(order_id).status == OrderStatus.AWAITING_DELIVERY_CONFIRMATION
    assert workspace.disputes.catch_up().value == 0


def test_catch_up_reaches_every_open_dispute_batch_after_batch(workspace, clock, monkeypatch):
    from ta_desktop.core.services import disputes

    monkeypatch.setattr(disputes, "CATCH_UP_BATCH", 2)  # five disputes: three batches
    orders = [shipped_order(workspace, clock, number=f"TA-7{n}") for n in range(5)]
    closed = orders.pop()  # a finished dispute is not read again
    open_quality_dispute(workspace, closed)
    workspace.disputes.cancel(closed)
    for order_id in orders:
        open_quality_dispute(workspace, order_id)
        workspace.disputes.propose(order_id, Party.SUPPLIER, Decimal("50"))
    clock.today = D("2026-11-10")  # every reply was due on 9 November
    assert workspace.disputes.catch_up().value == 4
    assert {workspace.disputes.get(o).stage for o in orders} == {DisputeStage.CANCELLED}
    assert workspace.disputes.catch_up().value == 0


def test_future_dates_are_refused(workspace, clock):
    order_id = shipped_order(workspace, clock)
    with pytest.raises(ValidationError, match="future"):
        open_quality_dispute(workspace, order_id, on=clock.today + timedelta(days=1))


def test_user_days_off_move_the_team_deadline(workspace, clock):
    order_id = shipped_order(workspace, clock)
    open_quality_dispute(workspace, order_id)
    clock.today = D("2026-11-05")
    workspace.disputes.escalate(order_id)
    workspace.settings.put(DAYS_OFF_SETTING, ["2026-11-09"])
    team = next(d for d in workspace.disputes.order_deadlines(order_id) if d.rule == "DS-TEAM")
    assert team.due == D("2026-11-13")


def test_deadlines_of_every_order_put_the_buyer_first(workspace, clock):
    order_id = shipped_order(workspace, clock)
    open_quality_dispute(workspace, order_id)
    workspace.disputes.propose(order_id, Party.SUPPLIER, Decimal("50"))
    found = workspace.disputes.deadlines()
    assert found[0].party == Party.BUYER
    assert all(d.open for d in found)
    reply = next(d for d in found if d.rule == "DS-REPLY")
    assert (reply.due, reply.party) == (D("2026-11-09"), Party.BUYER)


def test_deadlines_command_prints_json_and_writes_a_calendar(workspace, clock, tmp_path, capsys,
                                                             monkeypatch):
    order_id = shipped_order(workspace, clock)
    open_quality_dispute(workspace, order_id)
    db = workspace.db.target
    # The command counts from the workspace's today: this test's day, not the machine's.
    opened = Workspace.open
    monkeypatch.setattr(Workspace, "open", lambda target=None, **kw: opened(target, today=clock))
    ics = tmp_path / "deadlines.ics"
    assert main(["--db", db, "deadlines", "--json", "--ics", str(ics)]) == 0
    data = json.loads(capsys.readouterr().out)
    rules = {item["rule"] for item in data}
    assert {"DS-ESC-EARLY", "DS-ESC-AUTO"} <= rules
    assert all(item["order_number"] == "TA-7" for item in data)
    assert len(event_dates(ics.read_bytes())) == len(data)
    assert main(["--db", db, "deadlines"]) == 0
    out = capsys.readouterr().out
    assert "Automatic escalation" in out
    assert "Who acts" in out.splitlines()[0]
    assert "Platform" in out and "Buyer" in out and " buyer " not in out


def test_dispute_clock_says_who_acts_in_words(capsys):
    assert main(["dispute-clock", "--opened", "2026-11-01", "--proposal", "2026-11-03",
                 "--by", "supplier", "--today", "2026-11-02"]) == 0
    rows = {line.split("  ")[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "  Buyer  " in rows["Reply to the supplier's proposal due"]
    assert "  Platform  " in rows["Automatic escalation"]


def test_deadlines_command_refuses_a_calendar_in_a_missing_folder(workspace, clock, tmp_path,
                                                                  capsys):
    code = main(["--db", workspace.db.target, "deadlines", "--ics",
                 str(tmp_path / "nope" / "d.ics")])
    assert code == 2
    assert "cannot write" in capsys.readouterr().err


def test_the_order_service_leaves_disputes_to_the_dispute_workflow(workspace, clock):
    order_id = shipped_order(workspace, clock)
    with pytest.raises(NotAllowed, match="Dispute tab"):
        workspace.orders.perform(order_id, Action.OPEN_DISPUTE)
    assert workspace.orders.get(order_id).status == OrderStatus.AWAITING_DELIVERY_CONFIRMATION


def test_a_day_cannot_be_both_off_and_worked(workspace):
    day = D("2026-11-09")
    with pytest.raises(ValidationError, match="both"):
        set_user_days(workspace.settings, [day], [day])
    set_user_days(workspace.settings, [day], [D("2026-11-07")])
    assert not workspace.calendar().is_working_day(day)
    assert workspace.calendar().is_working_day(D("2026-11-07"))
