"""PAY-SCHED: instalment amounts to the cent, due dates from the order's events, settling
payments, and the "pay the balance" deadlines."""

from datetime import date
from decimal import Decimal

from ta_desktop.core.domain.deadlines import payment_deadlines
from ta_desktop.core.domain.entities import Action, OrderLine, Payment
from ta_desktop.core.domain.payment_schedule import (
    DueEvent,
    Instalment,
    amounts,
    from_template,
    plan,
    schedule_problems,
)
from ta_desktop.core.domain.rules import default_profile
from ta_desktop.core.domain.types import Money, PaymentStatus
from tests.factories import order_through

D = Decimal


def test_thirds_add_up_to_the_total_to_the_cent():
    # 100.00 in thirds: 33.33 (running 33.33), 33.33 (running 66.66), and the last takes
    # what the running sum leaves: 100.00 - 66.66 = 33.34.
    thirds = [Instalment(f"Part {n}", DueEvent.ORDER_CONFIRMED, D("33.33")) for n in (1, 2)]
    thirds.append(Instalment("Part 3", DueEvent.BEFORE_SHIPMENT, D("33.34")))
    parts = amounts(Money(D("100.00"), "USD"), thirds)
    assert [p.amount for p in parts] == [D("33.33"), D("33.33"), D("33.34")]


def test_thirty_seventy_of_an_odd_total_rounds_on_the_running_sum():
    # 30% of 1,234.57 = 370.371 -> 370.37; the balance is 1,234.57 - 370.37 = 864.20.
    parts = amounts(Money(D("1234.57"), "USD"), from_template("30/70"))
    assert [p.amount for p in parts] == [D("370.37"), D("864.20")]


def test_a_fixed_deposit_and_a_percentage_balance():
    schedule = [Instalment("Deposit", DueEvent.ORDER_CONFIRMED, amount=D("200")),
                Instalment("Balance", DueEvent.BEFORE_SHIPMENT, amount=D("800"))]
    assert schedule_problems(Money(D("1000"), "USD"), schedule) == {}
    short = [Instalment("Deposit", DueEvent.ORDER_CONFIRMED, D("30"))]
    assert "add up to 300.00 USD" in schedule_problems(Money(D("1000"), "USD"), short)[
        "instalments"]


def test_due_dates_follow_the_events_of_the_order():
    profile = default_profile()
    # steps on 2 March + n days: confirmed 3 March, shipped 6 March; agreed shipment 15 April
    order = order_through(profile, Action.SUPPLIER_CONFIRM)
    schedule = [
        Instalment("Deposit", DueEvent.ORDER_CONFIRMED, D("30"), days=3),
        Instalment("Balance", DueEvent.BEFORE_SHIPMENT, D("40"), days=7),
        Instalment("Against B/L", DueEvent.BILL_OF_LADING, D("20")),
        Instalment("Final", DueEvent.AFTER_SHIPMENT, D("10"), days=30),
    ]
    due = [(s.due, s.estimate) for s in plan(order, schedule)]
    assert due == [(date(2026, 3, 6), False), (date(2026, 4, 8), False),
                   (date(2026, 4, 15), True), (date(2026, 5, 15), True)]
    shipped = order_through(profile, Action.MARK_SHIPPED)  # shipped on 6 March
    assert shipped.date_of(Action.MARK_SHIPPED) == date(2026, 3, 6)
    due = [(s.due, s.estimate) for s in plan(shipped, schedule)][2:]
    assert due == [(date(2026, 3, 6), False), (date(2026, 4, 5), False)]


def test_an_unconfirmed_order_has_no_deposit_day_yet():
    order = order_through(default_profile(), Action.SUBMIT)
    deposit = plan(order, from_template("30/70"))[0]
    assert deposit.due is None
    assert [d.rule for d in payment_deadlines(order, from_template("30/70"))] == ["PAY-SCHED"]


def test_payments_settle_the_instalments_oldest_first():
    order = order_through(default_profile(), Action.SUPPLIER_CONFIRM,
                          lines=[OrderLine("Lamp", 100, D("10.00"))])
    order.payments = [Payment(D("300"), date(2026, 3, 5), PaymentStatus.RECEIVED, id=1),
                      Payment(D("500"), date(2026, 3, 20), PaymentStatus.RECEIVED, id=2),
                      Payment(D("99"), date(2026, 3, 21), PaymentStatus.FAILED, id=3)]
    deposit, balance = plan(order, from_template("30/70"))
    assert deposit.settled and deposit.settled_by == (1,) and deposit.settled_on == date(2026, 3, 5)
    assert not balance.settled and balance.paid.amount == D("500")
    assert balance.remaining == Money(D("200"), "USD")


def test_the_balance_is_a_buyer_deadline_until_paid():
    order = order_through(default_profile(), Action.SUPPLIER_CONFIRM)
    order.payments = [Payment(D("300"), date(2026, 3, 5), PaymentStatus.RECEIVED, id=1)]
    rows = payment_deadlines(order, from_template("30/70"))
    assert [(d.title, d.open, d.due) for d in rows] == [
        ("Pay the deposit: 300.00 USD (30%)", False, date(2026, 3, 3)),
        ("Pay the balance: 700.00 USD (70%)", True, date(2026, 4, 15)),
    ]
    assert {d.rule for d in rows} == {"PAY-SCHED"} and rows[1].party.value == "buyer"
    assert rows[1].key == "order-1/pay-1"


def test_a_percentage_finer_than_the_store_is_refused_not_rounded():
    thirds = [Instalment("Third", DueEvent.ORDER_CONFIRMED, D("33.333333"))] * 3
    problems = schedule_problems(Money(D("100"), "USD"), thirds)
    assert "more than 4 decimal places" in problems["instalment 1"]
