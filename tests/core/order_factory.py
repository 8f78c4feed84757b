"""Small factories for orders that went through the real lifecycle, and their disputes."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.entities import Action, Order, OrderLine, Payment
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import OrderStatus, Party, PaymentStatus


class Clock:
    """A settable "today" for workspaces in tests."""

    def __init__(self, today: date):
        self.today = today

    def __call__(self) -> date:
        return self.today


STEPS = (
    Action.SUBMIT,
    Action.SUPPLIER_CONFIRM,
    Action.RECORD_PAYMENT,
    Action.PAYMENT_RECEIVED,
    Action.MARK_SHIPPED,
    Action.CONFIRM_DELIVERY,
)


def make_order(
    profile: RuleProfile,
    until: Action | None = None,
    *,
    dates: dict[Action, date] | None = None,
    start: date = date(2026, 3, 2),
    shipment_date: date | None = date(2026, 4, 15),
    online: bool = True,
    extensions: tuple[Party, ...] = (),
    number: str = "TA-1001",
    order_id: int | None = 1,
) -> Order:
    """An order of 1,000.00 USD walked through the lifecycle up to ``until`` (inclusive).

    Without ``dates``, step n happens on ``start`` + n days.
    """
    order = Order(
        order_number=number,
        supplier_id=1,
        online=online,
        shipment_date=shipment_date,
        created_on=start,
        lines=[OrderLine("Power bank 20,000 mAh", 100, Decimal("10.00"))],
        id=order_id,
    )
    dates = dates or {}
    for index, action in enumerate(STEPS if until else ()):
        on = dates.get(action, start + timedelta(days=index))
        if action == Action.PAYMENT_RECEIVED:
            order.payments.append(Payment(order.total.amount, on, PaymentStatus.RECEIVED))
        lifecycle.transition(order, action, profile, on)
        if action == Action.MARK_SHIPPED:
            for party in extensions:
                lifecycle.transition(order, Action.EXTEND_RECEIVING, profile, on, party=party)
        if action == until:
            break
    return order


def paid_order(profile: RuleProfile, **kwargs) -> Order:
    order = make_order(profile, Action.PAYMENT_RECEIVED, **kwargs)
    assert order.status == OrderStatus.AWAITING_SHIPMENT
    return order
