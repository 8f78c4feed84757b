"""Money across orders in the buyer's home currency: spend per supplier per year, what is still
owed on running orders, and what is at stake in disputes. Converted like the landed cost (the
rate paid where recorded, else the current rate, and then marked as an estimate)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.landed_cost import MissingRate, Rates, convert, in_home, made_at
from ta_desktop.core.domain.types import Money, OrderStatus, PaymentStatus


@dataclass(frozen=True)
class Paid:
    """One payment the buyer made, as the overview needs it."""

    supplier: str
    paid_on: date
    amount: Money
    rate: Decimal | None  # home currency per unit, as actually paid


@dataclass(frozen=True)
class HomeFigure:
    amount: Money | None  # None: a currency has no rate
    estimate: bool = False
    missing: tuple[str, ...] = ()  # currencies without a rate


@dataclass
class HomeSum:
    """Amounts added up in the home currency; a currency without a rate is named, not
    guessed."""

    total: Decimal = Decimal(0)
    estimate: bool = False
    missing: set[str] = field(default_factory=set)

    def add(self, amount: Money, rate: Decimal | None, rates: Rates) -> None:
        try:
            home, guessed = convert(amount.amount, amount.currency, rate, rates)
        except MissingRate:
            self.missing.add(amount.currency)
            return
        self.total += home
        self.estimate = self.estimate or guessed

    def add_total(self, total: Money, made: Iterable[tuple[Decimal, Decimal | None]],
                  rates: Rates) -> None:
        """An order's total: the payments made at their rates paid, the rest at today's."""
        try:
            home, guessed = in_home(total, made, rates)
        except MissingRate:
            self.missing.add(total.currency)
            return
        self.total += home
        self.estimate = self.estimate or guessed

    def figure(self, home: str) -> HomeFigure:
        if self.missing:
            return HomeFigure(None, self.estimate, tuple(sorted(self.missing)))
        return HomeFigure(Money(self.total, home), self.estimate)


@dataclass(frozen=True)
class Overview:
    home: str
    spend: dict[tuple[str, int], HomeFigure]  # by (supplier, year)
    open_commitments: HomeFigure
    in_dispute: HomeFigure


def overview(rates: Rates, paid: list[Paid], owed: list[Money], disputed: list[Money]
             ) -> Overview:
    spend: dict[tuple[str, int], HomeSum] = defaultdict(HomeSum)
    for payment in paid:
        spend[payment.supplier, payment.paid_on.year].add(payment.amount, payment.rate, rates)
    commitments, dispute = HomeSum(), HomeSum()
    for amount in owed:
        commitments.add(amount, None, rates)
    for amount in disputed:
        dispute.add(amount, None, rates)
    return Overview(
        rates.home,
        {key: spend[key].figure(rates.home) for key in sorted(spend, key=lambda k: (-k[1], k[0]))},
        commitments.figure(rates.home), dispute.figure(rates.home))


@dataclass(frozen=True)
class OrderHome:
    """An order's total and the balance still to pay, in the home currency."""

    total: HomeFigure
    balance: Money  # in the order's currency
    balance_home: HomeFigure


def order_in_home(order: Order, payment_rates: dict[int, Decimal], rates: Rates) -> OrderHome:
    """The total as ``in_home`` converts it (payments made at the rates paid); the balance
    (the total less what was received; nothing on a cancelled order) is not paid yet, so it is
    at today's rate: an estimate unless it is in the home currency."""
    total = HomeSum()
    total.add_total(order.total, made_at(order, payment_rates), rates)
    received = sum((p.amount for p in order.payments if p.status == PaymentStatus.RECEIVED),
                   Decimal(0))
    balance = Money.zero(order.currency) if order.status == OrderStatus.CANCELLED \
        else Money(order.total.amount - received, order.currency)
    owed = HomeSum()
    if balance.amount:  # nothing left to pay is no estimate
        owed.add(balance, None, rates)
    return OrderHome(total.figure(rates.home), balance, owed.figure(rates.home))
