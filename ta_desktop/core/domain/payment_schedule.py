"""PAY-SCHED: an order paid in instalments (a deposit at confirmation, the balance before
shipment or against a copy of the bill of lading), each due on a day derived from an event of
the order, and settled by the payments recorded on it, oldest first.

Nothing here is stored twice: amounts follow the order total (percentages) and due dates follow
the order's history, so a late-recorded shipment moves the balance's due date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from ta_desktop.core.domain.bounds import MONEY_DECIMALS, MONEY_STEP, amount_problem
from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.types import CURRENCY_MINOR_UNITS, Money, PaymentStatus

HUNDRED = Decimal(100)
MAX_DAYS = 365


class DueEvent(StrEnum):
    ORDER_CONFIRMED = "order_confirmed"
    BEFORE_SHIPMENT = "before_shipment"
    BILL_OF_LADING = "bill_of_lading"
    AFTER_SHIPMENT = "after_shipment"

    @property
    def label(self) -> str:
        return _EVENT_LABELS[self]


_EVENT_LABELS = {
    DueEvent.ORDER_CONFIRMED: "Order confirmed",
    DueEvent.BEFORE_SHIPMENT: "Before shipment",
    DueEvent.BILL_OF_LADING: "Against a copy of the bill of lading",
    DueEvent.AFTER_SHIPMENT: "Days after shipment",
}


@dataclass
class Instalment:
    """One part of the price: a percentage of the order total or a fixed amount (in the
    order's currency), due ``days`` after its event (before it, for "before shipment")."""

    label: str
    event: DueEvent
    percent: Decimal | None = None
    amount: Decimal | None = None
    days: int = 0
    id: int | None = None


def _template(*parts: tuple[str, DueEvent, int]) -> tuple[Instalment, ...]:
    return tuple(Instalment(label, event, Decimal(share)) for label, event, share in parts)


TEMPLATES: dict[str, tuple[Instalment, ...]] = {
    "30/70": _template(("Deposit", DueEvent.ORDER_CONFIRMED, 30),
                       ("Balance", DueEvent.BEFORE_SHIPMENT, 70)),
    "50/50": _template(("Deposit", DueEvent.ORDER_CONFIRMED, 50),
                       ("Balance", DueEvent.BEFORE_SHIPMENT, 50)),
    "100% upfront": _template(("Full payment", DueEvent.ORDER_CONFIRMED, 100)),
}


def from_template(name: str) -> list[Instalment]:
    return [Instalment(i.label, i.event, i.percent, i.amount, i.days) for i in TEMPLATES[name]]


@dataclass
class PaymentSchedule:
    """An order's instalments as stored, with the version they were read at (0: none yet)."""

    order_id: int
    instalments: list[Instalment] = field(default_factory=list)
    version: int = 0


@dataclass(frozen=True)
class InstalmentState:
    """An instalment on a given day: what it amounts to, when it is due, what settled it."""

    instalment: Instalment
    position: int
    amount: Money
    due: date | None  # None: its event has not happened and has no agreed date yet
    estimate: bool  # the due date is from the agreed shipment date, not the real one
    paid: Money
    settled_by: tuple[int | None, ...] = field(default=())  # ids of the payments used
    settled_on: date | None = None  # the day the last needed payment was made

    @property
    def settled(self) -> bool:
        return self.paid.amount >= self.amount.amount

    @property
    def remaining(self) -> Money:
        return Money(max(self.amount.amount - self.paid.amount, Decimal(0)),
                     self.amount.currency)


def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-CURRENCY_MINOR_UNITS[currency])


def amounts(total: Money, instalments: list[Instalment]) -> list[Money]:
    """Each instalment's amount. Percentages are rounded on their running sum, so shares that
    add up to 100 % add up to the total to the cent (33.33/33.33/33.34 never loses a cent)."""
    quantum = _quantum(total.currency)
    result, share_so_far, rounded_so_far = [], Decimal(0), Decimal(0)
    for instalment in instalments:
        if instalment.percent is None:
            result.append(Money(instalment.amount or Decimal(0), total.currency))
            continue
        share_so_far += instalment.percent
        rounded = total.amount if share_so_far == HUNDRED else \
            (total.amount * share_so_far / HUNDRED).quantize(quantum, ROUND_HALF_UP)
        result.append(Money(rounded - rounded_so_far, total.currency))
        rounded_so_far = rounded
    return result


def shipped_on(order: Order) -> date | None:
    return order.date_of(Action.MARK_SHIPPED)


def due_date(order: Order, instalment: Instalment) -> tuple[date | None, bool]:
    """(the due day, whether it is an estimate) of ``instalment`` on ``order``."""
    days = timedelta(days=instalment.days)
    match instalment.event:
        case DueEvent.ORDER_CONFIRMED:
            confirmed = order.date_of(Action.SUPPLIER_CONFIRM)
            return (confirmed + days if confirmed else None), False
        case DueEvent.BEFORE_SHIPMENT:
            return (order.shipment_date - days if order.shipment_date else None), False
    # Against the bill of lading or after shipment: from the real shipment when recorded,
    # else from the agreed shipment date, said to be an estimate.
    shipped = shipped_on(order)
    if shipped:
        return shipped + days, False
    return (order.shipment_date + days if order.shipment_date else None), True


def _settling_payments(order: Order) -> list:
    """Payments the buyer has made (received or still processing), oldest first."""
    made = [p for p in order.payments
            if p.status in (PaymentStatus.RECEIVED, PaymentStatus.PROCESSING)]
    return sorted(made, key=lambda p: (p.paid_on, p.id or 0))


def plan(order: Order, instalments: list[Instalment], total: Money | None = None
         ) -> list[InstalmentState]:
    """The schedule of ``order`` as it stands: payments fill the instalments in order.
    ``total``: the order total when ``order`` was read without its lines."""
    payments = _settling_payments(order)
    left = [p.amount for p in payments]
    states, cursor = [], 0
    for position, (instalment, amount) in enumerate(
            zip(instalments, amounts(total or order.total, instalments), strict=True)):
        need, used, last_day = amount.amount, [], None
        while need > 0 and cursor < len(payments):
            taken = min(need, left[cursor])
            need -= taken
            left[cursor] -= taken
            used.append(payments[cursor].id)
            last_day = payments[cursor].paid_on
            if left[cursor] == 0:
                cursor += 1
        due, estimate = due_date(order, instalment)
        states.append(InstalmentState(
            instalment, position, amount, due, estimate,
            Money(amount.amount - need, order.currency), tuple(used),
            last_day if need == 0 else None))
    return states


def schedule_problems(total: Money, instalments: list[Instalment]) -> dict[str, str]:
    """Why the schedule cannot be kept, by field ("instalments", "instalment 2"...); empty when
    it can. The instalments must add up to the order total exactly."""
    problems: dict[str, str] = {}
    for number, item in enumerate(instalments, start=1):
        where = f"instalment {number}"
        if not item.label.strip():
            problems[where] = f"Instalment {number} needs a name (Deposit, Balance...)."
        elif (item.percent is None) == (item.amount is None):
            problems[where] = f"Give instalment {number} either a percentage or an amount."
        elif item.percent is not None and not Decimal(0) < item.percent <= HUNDRED:
            problems[where] = f"The percentage of instalment {number} must be above 0, up to 100."
        elif item.percent is not None and item.percent != item.percent.quantize(MONEY_STEP):
            problems[where] = (f"The percentage of instalment {number} has more than "
                               f"{MONEY_DECIMALS} decimal places.")
        elif item.amount is not None and (
                problem := amount_problem(item.amount, f"amount of instalment {number}")):
            problems[where] = problem
        elif not 0 <= item.days <= MAX_DAYS:
            problems[where] = f"The days of instalment {number} must be 0 to {MAX_DAYS}."
    if not problems and instalments:
        planned = sum((m.amount for m in amounts(total, instalments)), Decimal(0))
        if planned != total.amount:
            problems["instalments"] = (
                f"The instalments add up to {Money(planned, total.currency)}; the order total "
                f"is {total}.")
    return problems


def summary_rows(order: Order, instalments: list[Instalment],
                 day: Callable[[date], str] = date.isoformat) -> list[tuple[str, str]]:
    """The schedule as the contract summary states it: one row per instalment (``day``
    writes a date)."""
    rows = []
    for state in plan(order, instalments):
        item = state.instalment
        share = f"{item.percent.normalize():f}% = " if item.percent is not None else ""
        when = item.event.label.lower()
        if item.days:
            when += f" {'-' if item.event == DueEvent.BEFORE_SHIPMENT else '+'}{item.days} days"
        due = f"due {day(state.due)}" if state.due else "due date follows the event"
        paid = "; paid" if state.settled else ""
        rows.append((f"PAY-SCHED: {item.label}",
                     f"{share}{state.amount}, {when}: {due}{paid}"))
    return rows
