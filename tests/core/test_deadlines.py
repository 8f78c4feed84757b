"""The order's deadlines: shipment, CONF-AUTO, RC-EXT, DS-WINDOW / OFF-WINDOW, and the dispute's."""

from datetime import date
from decimal import Decimal

import pytest

from ta_desktop.core.domain import deadlines as dl
from ta_desktop.core.domain.deadlines import DeadlineKind, Urgency, needs_me_order, order_deadlines
from ta_desktop.core.domain.disputes import DisputeEvent, DisputeEventKind, open_dispute, record
from ta_desktop.core.domain.entities import Action
from ta_desktop.core.domain.types import ClaimType, Money, Party
from ta_desktop.core.services.workdays import team_calendar
from tests.factories import STEPS, order_through, paid_order

D = date.fromisoformat


@pytest.fixture
def cn(profile):
    return team_calendar(profile)


def by_rule(deadlines, rule):
    found = [d for d in deadlines if d.rule == rule]
    assert found, f"no {rule} deadline in {[d.rule for d in deadlines]}"
    return found[0] if len(found) == 1 else found


def test_unconfirmed_order_is_cancelled_thirty_days_after_it_was_sent(profile, cn):
    order = order_through(profile, Action.SUBMIT, dates={Action.SUBMIT: D("2026-01-31")})
    deadline = by_rule(order_deadlines(order, profile, cn, D("2026-02-01")), "CONF-AUTO")
    assert deadline.due == D("2026-03-02")  # 28-day February
    assert deadline.party == Party.SUPPLIER and deadline.open
    assert "cancels" in deadline.consequence


def test_unpaid_order_is_cancelled_sixty_days_after_confirmation_and_buyer_is_safe_a_day_early(
    profile, cn
):
    order = order_through(profile, Action.SUPPLIER_CONFIRM,
                          dates={Action.SUPPLIER_CONFIRM: D("2026-11-15")})
    deadline = by_rule(order_deadlines(order, profile, cn, D("2026-11-16")), "CONF-AUTO")
    assert (deadline.due, deadline.safe_by) == (D("2027-01-14"), D("2027-01-13"))
    assert deadline.party == Party.BUYER


def test_paid_order_has_no_auto_cancel_deadline(profile, cn):
    order = paid_order(profile)
    assert not [d for d in order_deadlines(order, profile, cn, D("2026-03-06"))
                if d.rule == "CONF-AUTO"]


def test_late_shipment_is_detected_before_and_after_shipping(profile, cn):
    order = paid_order(profile, shipment_date=D("2026-06-01"))
    assert dl.shipment_delay(order, D("2026-06-01")) == 0
    assert dl.shipment_delay(order, D("2026-06-04")) == 3
    ship = by_rule(order_deadlines(order, profile, cn, D("2026-06-04")), "SHIP-DATE")
    assert ship.due == D("2026-06-01") and ship.open and ship.is_overdue(D("2026-06-04"))
    assert "3 days late" in ship.title
    shipped = order_through(profile, Action.MARK_SHIPPED, shipment_date=D("2026-06-01"),
                            dates={Action.MARK_SHIPPED: D("2026-06-05")})
    assert dl.shipment_delay(shipped, D("2026-07-01")) == 4
    assert not by_rule(order_deadlines(shipped, profile, cn, D("2026-07-01")), "SHIP-DATE").open


@pytest.mark.parametrize(
    ("extensions", "due"),
    [
        ((), "2026-03-31"),
        ((Party.BUYER,), "2026-04-15"),
        ((Party.BUYER, Party.SUPPLIER), "2026-04-30"),
    ],
)
def test_delivery_window_runs_from_shipment_plus_each_extension(profile, cn, extensions, due):
    order = order_through(profile, Action.MARK_SHIPPED, extensions=extensions,
                          dates={Action.MARK_SHIPPED: D("2026-03-01")})
    found = order_deadlines(order, profile, cn, D("2026-03-02"))
    receive = by_rule(found, "RC-EXT")
    assert receive.due == D(due) and receive.party == Party.BUYER and receive.open
    assert receive.safe_by == D(due).replace(day=D(due).day - 1)
    window = by_rule(found, "DS-WINDOW")  # projected from the receiving window's last day
    assert window.due == D(due) + (D("2026-01-31") - D("2026-01-01"))


def test_extension_moves_the_deadline_but_keeps_its_key(profile, cn):
    before = order_through(profile, Action.MARK_SHIPPED,
                           dates={Action.MARK_SHIPPED: D("2026-03-01")})
    after = order_through(profile, Action.MARK_SHIPPED, extensions=(Party.SUPPLIER,),
                          dates={Action.MARK_SHIPPED: D("2026-03-01")})
    first = by_rule(order_deadlines(before, profile, cn, D("2026-03-02")), "RC-EXT")
    second = by_rule(order_deadlines(after, profile, cn, D("2026-03-02")), "RC-EXT")
    assert first.key == second.key and first.due != second.due


def test_last_day_to_open_a_dispute_is_thirty_days_after_confirmed_delivery(profile, cn):
    order = order_through(profile, Action.CONFIRM_DELIVERY,
                          dates={Action.CONFIRM_DELIVERY: D("2026-12-15")})
    window = by_rule(order_deadlines(order, profile, cn, D("2026-12-16")), "DS-WINDOW")
    assert (window.due, window.safe_by) == (D("2027-01-14"), D("2027-01-13"))
    assert window.open and window.party == Party.BUYER
    assert window.urgency(D("2027-01-13")) == Urgency.URGENT
    assert window.urgency(D("2027-01-15")) == Urgency.OVERDUE


def test_offline_complaint_window_counts_from_the_later_of_payment_and_delivery_date(profile, cn):
    order = paid_order(profile, online=False, shipment_date=D("2026-06-01"),
                       dates={Action.PAYMENT_RECEIVED: D("2026-05-01")})
    window = by_rule(order_deadlines(order, profile, cn, D("2026-05-02")), "OFF-WINDOW")
    assert window.due == D("2026-08-30") and window.open


def test_dispute_deadlines_follow_the_events(profile, cn):
    order = paid_order(profile)
    dispute = open_dispute(order, profile, D("2026-12-20"), claim=ClaimType.LATE_SHIPMENT,
                           requested_refund=Money(Decimal("300"), "USD"),
                           claim_text="Goods not shipped by the agreed date.")
    record(dispute, order, DisputeEvent(DisputeEventKind.PROPOSAL, D("2026-12-28"),
                                        Party.SUPPLIER, amount=Decimal("100")), profile, cn)
    found = order_deadlines(order, profile, cn, D("2026-12-29"), dispute)
    early = by_rule(found, "DS-ESC-EARLY")
    assert early.due == D("2026-12-23") and early.kind == DeadlineKind.FROM
    assert early.safe_by == early.due
    assert by_rule(found, "DS-ESC-AUTO").due == D("2027-01-19")
    reply = by_rule(found, "DS-REPLY")
    assert (reply.due, reply.safe_by, reply.party) == (D("2027-01-04"), D("2027-01-03"),
                                                       Party.BUYER)
    assert "cancelled" in reply.consequence
    # The buyer escalates: negotiation clocks close, the team's clock starts (Chinese calendar).
    record(dispute, order, DisputeEvent(DisputeEventKind.ESCALATED, D("2026-12-31"),
                                        Party.BUYER), profile, cn)
    found = order_deadlines(order, profile, cn, D("2026-12-31"), dispute)
    assert not by_rule(found, "DS-REPLY").open
    assert not by_rule(found, "DS-ESC-AUTO").open
    team = by_rule(found, "DS-TEAM")
    assert team.due == D("2027-01-08") and team.open and team.party == Party.PLATFORM


def test_what_needs_me_lists_buyer_actions_first_then_soonest(profile, cn):
    shipped = order_through(profile, Action.MARK_SHIPPED, number="TA-2",
                            dates={Action.MARK_SHIPPED: D("2026-03-01")})
    waiting = order_through(profile, Action.SUBMIT, number="TA-3",
                            dates={Action.SUBMIT: D("2026-02-01")})
    found = [d for o in (shipped, waiting) for d in order_deadlines(o, profile, cn, D("2026-03-02"))
             if d.open]
    ordered = needs_me_order(found)
    assert [d.party for d in ordered] == sorted((d.party for d in ordered),
                                                key=lambda p: p != Party.BUYER)
    buyer = [d.due for d in ordered if d.party == Party.BUYER]
    assert buyer == sorted(buyer)


def test_deadline_json_has_due_safe_by_and_days_left(profile, cn):
    order = order_through(profile, Action.CONFIRM_DELIVERY,
                          dates={Action.CONFIRM_DELIVERY: D("2026-12-15")})
    window = by_rule(order_deadlines(order, profile, cn, D("2026-12-16")), "DS-WINDOW")
    data = window.to_json(D("2027-01-10"))
    assert data["due"] == "2027-01-14" and data["safe_by"] == "2027-01-13"
    assert data["days_left"] == 4 and data["party"] == "buyer" and not data["overdue"]



@pytest.mark.parametrize("online", [True, False])
@pytest.mark.parametrize("until", [None, *STEPS])
def test_each_order_clock_is_dated_once_started_and_coming_before(profile, cn, online, until):
    order = order_through(profile, until, online=online)
    dated = order_deadlines(order, profile, cn, D("2026-03-20"))
    coming = dl.coming_deadlines(order, profile)
    engine_titles = {c.title for c in (dl.CONFIRM, dl.PAY, dl.SHIP, dl.RECEIVE,
                                       dl.DISPUTE_WINDOW, dl.OFFLINE_WINDOW)}
    assert {c.title for c in coming} <= engine_titles
    for clock in coming:
        assert not [d for d in dated if d.title.startswith(clock.title)], clock.title
