"""A supplier's scorecard, from plain facts about its orders: how often it shipped on time and
how late, how many orders shipped, the disputes and how they ended, the inspections passed, how
ready the specifications were and what was spent.

The supplier page computes it here per year; the supplier list gets the same figures from SQL
aggregates (``storage/scorecard_repository``) so it stays fast with many orders.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ta_desktop.core.domain.home_money import HomeFigure, HomeSum
from ta_desktop.core.domain.inspections import InspectionResult, pass_rate
from ta_desktop.core.domain.landed_cost import Rates
from ta_desktop.core.domain.types import Money, OrderStatus

S = OrderStatus
# Statuses in which the buyer's money reached Trade Assurance: what counts as spend.
PAID_STATUSES = frozenset({S.AWAITING_SHIPMENT, S.AWAITING_DELIVERY_CONFIRMATION, S.COMPLETED,
                           S.IN_DISPUTE, S.REFUNDED, S.PARTIALLY_REFUNDED, S.CLOSED})
# How a dispute ended: a decision's outcome (refunded, partially_refunded, closed), or these.
OPEN, CANCELLED, AGREED = "open", "cancelled", "agreed"


@dataclass(frozen=True)
class OrderFacts:
    """What the scorecard needs of one order."""

    placed_on: date | None
    status: OrderStatus
    total: Decimal
    currency: str
    agreed_shipment: date | None = None
    shipped_on: date | None = None
    readiness: int | None = None
    dispute_outcomes: tuple[str, ...] = ()  # one per dispute opened
    inspections: tuple[InspectionResult, ...] = ()
    made: tuple[tuple[Decimal, Decimal | None], ...] = ()  # payments made: amount, rate paid


@dataclass(frozen=True)
class Scorecard:
    orders: int = 0
    orders_shipped: int = 0
    on_time_rate: float | None = None  # shipped on or before the agreed date, 0-1
    average_delay_days: float | None = None  # over shipped orders with an agreed date; on time = 0
    disputes_opened: int = 0
    dispute_outcomes: dict[str, int] = field(default_factory=dict)
    inspection_pass_rate: float | None = None
    average_readiness: int | None = None  # 0-100, over orders with a specification
    spend: dict[str, Decimal] = field(default_factory=dict)  # per currency, paid orders
    home_spend: HomeFigure | None = None  # the same in the home currency, when rates are given


def delay_days(facts: OrderFacts) -> int | None:
    """Days shipped after the agreed date (0 when on time); None if not shipped or no date."""
    if facts.shipped_on is None or facts.agreed_shipment is None:
        return None
    return max(0, (facts.shipped_on - facts.agreed_shipment).days)


def scorecard(orders: Iterable[OrderFacts], rates: Rates | None = None) -> Scorecard:
    """With ``rates``, the spend in the home currency too: each order at the rates paid for
    its payments, the rest at today's rate (then an estimate)."""
    orders = list(orders)
    delays = [d for d in map(delay_days, orders) if d is not None]
    scores = [o.readiness for o in orders if o.readiness is not None]
    outcomes = Counter(outcome for o in orders for outcome in o.dispute_outcomes)
    spend: dict[str, Decimal] = {}
    home = HomeSum()
    for order in orders:
        if order.status in PAID_STATUSES:
            spend[order.currency] = spend.get(order.currency, Decimal(0)) + order.total
            if rates is not None:
                home.add_total(Money(order.total, order.currency), order.made, rates)
    return Scorecard(
        orders=len(orders),
        orders_shipped=sum(1 for o in orders if o.shipped_on is not None),
        on_time_rate=sum(1 for d in delays if d == 0) / len(delays) if delays else None,
        average_delay_days=sum(delays) / len(delays) if delays else None,
        disputes_opened=sum(outcomes.values()),
        dispute_outcomes=dict(sorted(outcomes.items())),
        inspection_pass_rate=pass_rate(r for o in orders for r in o.inspections),
        average_readiness=round(sum(scores) / len(scores)) if scores else None,
        spend=dict(sorted(spend.items())),
        home_spend=home.figure(rates.home) if rates is not None else None,
    )


def scorecard_by_year(orders: Iterable[OrderFacts], rates: Rates | None = None
                      ) -> dict[int, Scorecard]:
    """One scorecard per year the orders were placed in (orders without a date are left out)."""
    years: dict[int, list[OrderFacts]] = {}
    for order in orders:
        if order.placed_on is not None:
            years.setdefault(order.placed_on.year, []).append(order)
    return {year: scorecard(years[year], rates) for year in sorted(years)}


def dispute_outcome(kinds: Iterable[str], decision: str | None, agreed: bool) -> str:
    """How one dispute ended, from its event kinds: the decision's outcome, cancelled, agreed
    (the buyer accepted a proposal) or still open."""
    kinds = set(kinds)
    if "decision" in kinds and decision:
        return decision
    if "cancelled" in kinds:
        return CANCELLED
    return AGREED if agreed else OPEN
