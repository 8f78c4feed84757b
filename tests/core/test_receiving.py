"""RC-WINDOW and DS-WINDOW: the receiving window as the platform shows it, an estimate per
shipping method until then (labelled "estimate" everywhere), and the dispute window from the
earlier of the arrival and the delivery confirmation. Every date is worked out by hand."""

import json
import sqlite3
from contextlib import closing
from datetime import date

import pytest

from ta_desktop.cli import main
from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.contract_summary import key_dates
from ta_desktop.core.domain.deadlines import coming_deadlines, order_deadlines
from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.errors import NotAllowed, ValidationError
from ta_desktop.core.domain.types import Party, PaymentStatus, ShippingMethod
from ta_desktop.core.services.calendar_export import export_ics
from ta_desktop.core.services.workdays import team_calendar
from ta_desktop.core.services.workspace import Workspace
from tests.core.database_files import make_database_at
from tests.factories import make_order, make_supplier, order_through

D = date.fromisoformat
SHIPPED = D("2026-03-10")  # a Tuesday


@pytest.fixture
def cn(profile):
    return team_calendar(profile)


def shipped(profile, **fields):
    return order_through(profile, Action.MARK_SHIPPED,
                         dates={Action.MARK_SHIPPED: SHIPPED}, **fields)


def by_rule(deadlines, rule):
    return next(d for d in deadlines if d.rule == rule)


@pytest.mark.parametrize(("method", "last_day"), [
    (ShippingMethod.EXPRESS, "2026-04-09"),  # 10 March + 30 days: 21 left in March, 9 in April
    (ShippingMethod.AIR, "2026-04-09"),
    (ShippingMethod.LAND, "2026-04-24"),  # + 45 days
    (ShippingMethod.SEA, "2026-05-09"),  # + 60 days: 21 in March, 30 in April, 9 in May
    (None, "2026-04-09"),  # unknown: the shortest estimate (30)
])
def test_until_entered_the_receiving_window_is_an_estimate_for_the_shipping_method(
        profile, cn, method, last_day):
    order = shipped(profile, shipping_method=method)
    receive = by_rule(order_deadlines(order, profile, cn, D("2026-03-11")), "RC-EXT")
    assert receive.due == D(last_day)
    assert receive.estimate and "(estimate)" in receive.title
    assert receive.to_json(D("2026-03-11"))["estimate"] is True


def test_the_platforms_confirm_receipt_by_date_replaces_the_estimate(profile, cn):
    order = shipped(profile, shipping_method=ShippingMethod.SEA,
                    confirm_receipt_by=D("2026-04-28"))
    found = order_deadlines(order, profile, cn, D("2026-03-11"))
    receive = by_rule(found, "RC-EXT")
    assert receive.due == D("2026-04-28") and not receive.estimate
    assert "estimate" not in receive.title
    # Not confirmed yet: the last day to dispute if delivery is confirmed on 28 April is
    # 28 April + 30 = 28 May, a date from the platform's own, so no estimate either.
    window = by_rule(found, "DS-WINDOW")
    assert window.due == D("2026-05-28") and not window.estimate
    assert all(d.to_json(D("2026-03-11"))["estimate"] is False for d in found)


def test_an_extension_moves_the_entered_date_as_the_platform_does(profile):
    order = shipped(profile, confirm_receipt_by=D("2026-04-28"))
    lifecycle.perform(order, Action.EXTEND_RECEIVING, profile, D("2026-04-20"),
                      party=Party.BUYER)
    assert order.confirm_receipt_by == D("2026-05-13")  # 28 April + 15 days


def test_the_dispute_window_estimated_from_the_receiving_estimate_says_so(profile, cn):
    order = shipped(profile)
    window = by_rule(order_deadlines(order, profile, cn, D("2026-03-11")), "DS-WINDOW")
    assert window.due == D("2026-05-09")  # 9 April (estimate) + 30 days
    assert window.estimate and window.title.endswith("(if delivery is confirmed on the last "
                                                     "day, estimate)")


def test_the_dispute_window_counts_from_the_earlier_of_arrival_and_confirmation(profile, cn):
    order = order_through(profile, Action.CONFIRM_DELIVERY,
                          dates={Action.MARK_SHIPPED: SHIPPED,
                                 Action.CONFIRM_DELIVERY: D("2026-04-06")},
                          arrived_on=D("2026-03-30"))
    window = by_rule(order_deadlines(order, profile, cn, D("2026-04-06")), "DS-WINDOW")
    assert window.due == D("2026-04-29")  # 30 March + 30 days, not 6 April + 30 (6 May)
    assert "arrival on 2026-03-30" in window.title
    assert lifecycle.dispute_window_end(order, profile) == D("2026-04-29")
    assert lifecycle.check(order, Action.OPEN_DISPUTE, profile, D("2026-04-29"))
    late = lifecycle.check(order, Action.OPEN_DISPUTE, profile, D("2026-04-30"))
    assert not late and late.rule == "DS-WINDOW"


def test_arrival_before_confirmation_starts_the_dispute_window_while_still_waiting(profile, cn):
    order = shipped(profile, arrived_on=D("2026-03-20"))
    window = by_rule(order_deadlines(order, profile, cn, D("2026-03-21")), "DS-WINDOW")
    assert window.due == D("2026-04-19") and not window.estimate  # 20 March + 30 days


def test_a_draft_states_the_receiving_window_as_an_estimate(profile):
    draft = make_order(shipping_method=ShippingMethod.SEA)
    receive = next(c for c in coming_deadlines(draft, profile) if c.rule == "RC-EXT")
    assert receive.estimate and receive.label.endswith("(estimate)")
    assert "60 days" in receive.starts and "30 days of shipment" not in receive.starts
    assert key_dates([], [receive])[0].label.endswith("(estimate)")


# --- in the database ----------------------------------------------------------------------------


def shipped_in(clocked, clock):
    supplier = clocked.suppliers.save(make_supplier()).value
    clock.today = D("2026-03-01")
    order = clocked.orders.save(make_order("TA-9", supplier.id,
                                           shipment_date=D("2026-03-09"))).value
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        clocked.orders.perform(order.id, action)
    clocked.orders.perform(order.id, Action.RECORD_PAYMENT, payment=Payment(
        order.total.amount, D("2026-03-01"), PaymentStatus.RECEIVED))
    clock.today = SHIPPED
    clocked.orders.perform(order.id, Action.MARK_SHIPPED)
    return order.id


def test_receiving_dates_are_stored_and_the_deadlines_command_says_estimate(
        clocked, clock, capsys, monkeypatch, tmp_path):
    order_id = shipped_in(clocked, clock)
    opened = Workspace.open
    monkeypatch.setattr(Workspace, "open", lambda target=None, **kw: opened(target, today=clock))
    assert main(["--db", str(clocked.db.target), "deadlines", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all("estimate" in row for row in rows)
    assert {row["rule"]: row["estimate"] for row in rows}["RC-EXT"] is True
    ics = tmp_path / "deadlines.ics"
    export_ics(clocked.disputes.deadlines(), ics)
    assert b"Confirm delivery or extend the receiving time (estimate)" in ics.read_bytes()
    saved = clocked.orders.record_receiving(order_id, shipping_method=ShippingMethod.AIR,
                                       confirm_receipt_by=D("2026-04-20"), arrived_on=None).value
    assert saved.shipping_method == ShippingMethod.AIR
    assert clocked.orders.get(order_id).confirm_receipt_by == D("2026-04-20")
    receive = by_rule(clocked.disputes.deadlines(), "RC-EXT")
    assert receive.due == D("2026-04-20") and not receive.estimate
    assert main(["--db", str(clocked.db.target), "deadlines", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["rule"]: row["estimate"] for row in rows}["RC-EXT"] is False


def test_receiving_dates_before_the_shipment_or_arrival_in_the_future_are_refused(clocked,
                                                                                  clock):
    order_id = shipped_in(clocked, clock)
    with pytest.raises(ValidationError) as raised:
        clocked.orders.record_receiving(order_id, shipping_method=None,
                                   confirm_receipt_by=D("2026-03-09"), arrived_on=None)
    assert "confirm_receipt_by" in raised.value.field_errors
    with pytest.raises(ValidationError, match="future"):
        clocked.orders.record_receiving(order_id, shipping_method=None, confirm_receipt_by=None,
                                   arrived_on=D("2026-03-11"))


def test_receiving_dates_of_a_draft_wait_for_the_shipment(clocked, clock):
    supplier = clocked.suppliers.save(make_supplier()).value
    draft = clocked.orders.save(make_order("TA-10", supplier.id)).value
    saved = clocked.orders.record_receiving(draft.id, shipping_method=ShippingMethod.SEA,
                                       confirm_receipt_by=None, arrived_on=None).value
    assert saved.shipping_method == ShippingMethod.SEA  # the method is known before shipment
    with pytest.raises(ValidationError, match="shipped"):
        clocked.orders.record_receiving(draft.id, shipping_method=None,
                                   confirm_receipt_by=D("2026-04-01"), arrived_on=None)


def test_a_cancelled_order_takes_no_receiving_dates(clocked, clock):
    supplier = clocked.suppliers.save(make_supplier()).value
    draft = clocked.orders.save(make_order("TA-11", supplier.id)).value
    clocked.orders.perform(draft.id, Action.CANCEL)
    with pytest.raises(NotAllowed):
        clocked.orders.record_receiving(draft.id, shipping_method=ShippingMethod.SEA,
                                   confirm_receipt_by=None, arrived_on=None)


def test_a_0007_database_upgrades_with_its_orders_and_the_users_window_value(tmp_path):
    path = make_database_at(tmp_path / "old.sqlite", "0007")
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "INSERT INTO settings (key, value, version) VALUES ('rule_overrides', ?, 1)",
            (json.dumps({"receiving_window_days": 45, "proposal_reply_days": 6}),))
    clocked = Workspace.open(path, data_dir=tmp_path / "data")
    try:
        orders = [clocked.orders.get(row.id) for row in clocked.orders.rows()]
        assert sorted(o.order_number for o in orders) == ["OLD-1", "OLD-2", "OLD-3"]
        assert all(o.shipping_method is None and o.confirm_receipt_by is None
                   and o.arrived_on is None for o in orders)
        profile = clocked.profile
        # The old single value becomes each method's estimate; other overrides stay.
        assert (profile.receiving_window_express_days, profile.receiving_window_air_days,
                profile.receiving_window_sea_days, profile.receiving_window_land_days,
                profile.proposal_reply_days) == (45, 45, 45, 45, 6)
    finally:
        clocked.close()
