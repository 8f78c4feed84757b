"""Money across orders in the buyer's home currency: spend per supplier per year, what is still
owed on running orders, and what is at stake in disputes. Converted like the landed cost (the
rate paid where recorded, else the current rate, and then marked as an estimate)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ta_desktop.core.domain.landed_cost import MissingRate, Rates, convert
from ta_desktop.core.domain.types import Money


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
class _Sum:
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
    spend: dict[tuple[str, int], _Sum] = defaultdict(_Sum)
    for payment in paid:
        spend[payment.supplier, payment.paid_on.year].add(payment.amount, payment.rate, rates)
    commitments, dispute = _Sum(), _Sum()
    for amount in owed:
        commitments.add(amount, None, rates)
    for amount in disputed:
        dispute.add(amount, None, rates)
    return Overview(
        rates.home,
        {key: spend[key].figure(rates.home) for key in sorted(spend, key=lambda k: (-k[1], k[0]))},
        commitments.figure(rates.home), dispute.figure(rates.home))
