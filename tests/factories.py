"""Small builders for test data: suppliers, orders (drafts, or walked through the real
lifecycle) and a settable clock."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.entities import Action, Order, OrderLine, Payment, Supplier
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import OrderStatus, Party, PaymentStatus

# The day tests live on: a Wednesday, so working-day arithmetic crosses a weekend soon.
TODAY = date(2026, 11, 25)


class Clock:
    """A settable "today" for workspaces in tests."""

    def __init__(self, today: date):
        self.today = today

    def __call__(self) -> date:
        return self.today


def make_supplier(name: str = "深圳市华强电子有限公司", **fields) -> Supplier:
    """A Gold Supplier in China on Trade Assurance (eligible: SUP-ELIG), unless told."""
    fields.setdefault("gold_supplier", True)
    return Supplier(name=name, country=fields.pop("country", "China"), **fields)


def make_order(number: str = "TA-1", supplier_id: int = 1, **fields) -> Order:
    """A draft of 785.00 USD (100 power banks) shipping on 1 December 2026, unless told."""
    fields.setdefault("shipment_date", date(2026, 12, 1))
    fields.setdefault("lines", [OrderLine("Power bank 20,000 mAh", 100, Decimal("7.85"))])
    return Order(order_number=number, supplier_id=supplier_id, **fields)


STEPS = (
    Action.SUBMIT,
    Action.SUPPLIER_CONFIRM,
    Action.RECORD_PAYMENT,
    Action.PAYMENT_RECEIVED,
    Action.MARK_SHIPPED,
    Action.CONFIRM_DELIVERY,
)


def order_through(
    profile: RuleProfile,
    until: Action | None = None,
    *,
    dates: dict[Action, date] | None = None,
    start: date = date(2026, 3, 2),
    extensions: tuple[Party, ...] = (),
    number: str = "TA-1001",
    order_id: int | None = 1,
    **fields,
) -> Order:
    """An order of 1,000.00 USD, created on ``start`` and shipping on 15 April 2026 unless told,
    walked through the lifecycle up to ``until`` (inclusive).

    Without ``dates``, step n happens on ``start`` + n days.
    """
    fields.setdefault("shipment_date", date(2026, 4, 15))
    fields.setdefault("lines", [OrderLine("Power bank 20,000 mAh", 100, Decimal("10.00"))])
    order = make_order(number, created_on=start, id=order_id, **fields)
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
    order = order_through(profile, Action.PAYMENT_RECEIVED, **kwargs)
    assert order.status == OrderStatus.AWAITING_SHIPMENT
    return order


def orders_in_three_currencies(workspace, paid_id: int, rate_paid: Decimal) -> None:
    """Beside order ``paid_id`` (785.00 USD, confirmed), paid in full now at ``rate_paid``:
    TA-2 700.00 EUR, TA-3 785.00 CNY and TA-4 760.00 USD; home EUR with USD at 0.92 today."""
    supplier_id = workspace.orders.get(paid_id).supplier_id
    for number, currency, price in (("TA-2", "EUR", "7.00"), ("TA-3", "CNY", "7.85"),
                                    ("TA-4", "USD", "7.60")):
        workspace.orders.save(make_order(number, supplier_id, currency=currency,
                                         lines=[OrderLine("Power bank", 100, Decimal(price))]))
    order = workspace.orders.get(paid_id)
    workspace.orders.perform(paid_id, Action.RECORD_PAYMENT, payment=Payment(
        order.total.amount - order.paid.amount, TODAY, PaymentStatus.RECEIVED))
    sheet = workspace.money.sheet(paid_id)
    sheet.payment_rates = {p.id: rate_paid for p in workspace.orders.get(paid_id).payments}
    workspace.money.save_sheet(sheet)
    workspace.money.set_home("EUR", {"USD": "0.92"})
