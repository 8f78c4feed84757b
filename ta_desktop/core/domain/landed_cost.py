"""LAND: what an order really costs once it is in the buyer's warehouse, per line and per unit,
in the buyer's home currency.

landed cost = goods + freight + insurance + import duty + non-reclaimable import VAT + customs
broker + inspection + bank and payment fees + other costs. Every input is the user's, each in
its own currency; nothing is guessed. Amounts are converted at the rate actually paid where the
user recorded one (per payment, per cost), else at the user's current rate, and then the result
says it is an estimate. The costs are spread over the lines by value, quantity, weight or volume,
to the cent: the parts always add up to the whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum

from ta_desktop.core.domain.entities import Order, OrderLine
from ta_desktop.core.domain.fees import FeeSchedule, method_fee
from ta_desktop.core.domain.types import CURRENCY_MINOR_UNITS, Money, PaymentStatus

HUNDRED = Decimal(100)
PER_UNIT_STEP = Decimal("0.0001")


class CostKind(StrEnum):
    FREIGHT = "freight"
    INSURANCE = "insurance"
    DUTY = "duty"
    IMPORT_VAT = "import_vat"
    CUSTOMS_BROKER = "customs_broker"
    INSPECTION = "inspection"
    BANK_FEES = "bank_fees"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    CostKind.FREIGHT: "Freight",
    CostKind.INSURANCE: "Insurance",
    CostKind.DUTY: "Import duty",
    CostKind.IMPORT_VAT: "Import VAT",
    CostKind.CUSTOMS_BROKER: "Customs broker",
    CostKind.INSPECTION: "Inspection",
    CostKind.BANK_FEES: "Bank charges",
    CostKind.OTHER: "Other",
}


class Basis(StrEnum):
    """How the costs are shared among the order's lines."""

    VALUE = "value"
    QUANTITY = "quantity"
    WEIGHT = "weight"
    VOLUME = "volume"

    @property
    def label(self) -> str:
        return {"value": "By value", "quantity": "By quantity", "weight": "By weight",
                "volume": "By volume"}[self.value]


@dataclass
class Cost:
    """One cost of the order. ``rate`` (import duty only) is a percentage of the goods' value
    in the home currency; otherwise ``amount`` in ``currency``. ``paid_rate``: how much home
    currency one unit of ``currency`` cost when it was paid (None: not paid yet)."""

    kind: CostKind
    currency: str
    amount: Decimal | None = None
    rate: Decimal | None = None
    reclaimable: bool = False  # import VAT the buyer gets back: shown, not in the landed cost
    paid_rate: Decimal | None = None
    note: str = ""
    id: int | None = None

    @property
    def title(self) -> str:
        return f"{self.kind.label}: {self.note}" if self.note else self.kind.label


@dataclass
class LineMeasure:
    """The total weight (kg) and volume (m³) of one order line, for sharing by weight/volume."""

    line_id: int
    weight: Decimal | None = None
    volume: Decimal | None = None


@dataclass
class LandedSheet:
    """What the user recorded for an order's landed cost."""

    order_id: int
    basis: Basis = Basis.VALUE
    costs: list[Cost] = field(default_factory=list)
    measures: list[LineMeasure] = field(default_factory=list)
    # home currency per unit of the order currency, as actually paid, by payment id
    payment_rates: dict[int, Decimal] = field(default_factory=dict)
    version: int = 0

    def measure(self, line_id: int | None) -> LineMeasure | None:
        return next((m for m in self.measures if m.line_id == line_id), None)


@dataclass(frozen=True)
class Rates:
    """The home currency and the user's current rates: home currency per one unit of each."""

    home: str
    current: dict[str, Decimal] = field(default_factory=dict)

    def of(self, currency: str) -> Decimal | None:
        return Decimal(1) if currency == self.home else self.current.get(currency)


class MissingRate(Exception):
    def __init__(self, currency: str, home: str):
        super().__init__(f"Enter the current rate of {currency} in {home} (Settings → Home "
                         "currency) to see the landed cost.")


@dataclass(frozen=True)
class CostRow:
    title: str
    original: Money | None  # in the cost's own currency (None for a duty rate)
    home: Money
    estimate: bool
    included: bool = True  # False: reclaimable VAT, shown but not part of the landed cost


@dataclass(frozen=True)
class LineLanded:
    line: OrderLine
    goods: Money
    costs: Money
    total: Money
    per_unit: Money  # not rounded to cents: a unit may cost 0.137 EUR


@dataclass(frozen=True)
class LandedCost:
    goods: Money
    rows: tuple[CostRow, ...]
    total: Money
    estimate: bool
    lines: tuple[LineLanded, ...]  # empty when the basis lacks a line's weight or volume
    problem: str = ""  # why lines are empty

    @property
    def costs(self) -> Money:
        return self.total - self.goods


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-CURRENCY_MINOR_UNITS[currency])


def allocate(total: Decimal, weights: list[Decimal], step: Decimal) -> list[Decimal]:
    """``total`` split in proportion to ``weights`` in whole ``step``s, the parts adding up to
    ``total`` exactly: each part is rounded down, then the steps left over go one each to the
    parts that lost most in rounding (the earlier line first on a tie). ``total`` must be a
    whole number of steps and the weights non-negative with a positive sum."""
    whole = sum(weights, Decimal(0))
    if whole <= 0 or any(w < 0 for w in weights):
        raise ValueError("weights must be non-negative with a positive sum")
    units = total / step
    if units != units.to_integral_value():
        raise ValueError(f"{total} is not a whole number of {step}")
    exact = [units * w / whole for w in weights]
    floors = [e.to_integral_value(rounding=ROUND_FLOOR) for e in exact]
    left = int(units - sum(floors, Decimal(0)))
    by_loss = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in by_loss[:left]:
        floors[index] += 1
    return [f * step for f in floors]


def convert(amount: Decimal, currency: str, paid_rate: Decimal | None, rates: Rates
             ) -> tuple[Decimal, bool]:
    """(``amount`` in the home currency to its cent, estimated?)."""
    rate = Decimal(1) if currency == rates.home else paid_rate
    estimate = rate is None
    rate = rate if rate is not None else rates.of(currency)
    if rate is None:
        raise MissingRate(currency, rates.home)
    return (amount * rate).quantize(quantum(rates.home), ROUND_HALF_UP), estimate


def _made(order: Order) -> list:
    return [p for p in order.payments
            if p.status in (PaymentStatus.RECEIVED, PaymentStatus.PROCESSING)]


def in_home(total: Money, made: Iterable[tuple[Decimal, Decimal | None]], rates: Rates
            ) -> tuple[Decimal, bool]:
    """(``total`` in the home currency, estimated?): each payment made, given as (amount, rate
    paid or None), at its own rate, the rest (unpaid) at the current rate. Raises
    ``MissingRate``."""
    home, estimate, paid = Decimal(0), False, Decimal(0)
    for amount, rate in made:
        part, guessed = convert(amount, total.currency, rate, rates)
        home, estimate, paid = home + part, estimate or guessed, paid + amount
    unpaid = total.amount - paid
    if unpaid > 0:
        part, guessed = convert(unpaid, total.currency, None, rates)
        home, estimate = home + part, estimate or guessed
    return home, estimate


def made_at(order: Order, payment_rates: dict[int, Decimal]
            ) -> list[tuple[Decimal, Decimal | None]]:
    """The payments made on ``order`` as ``in_home`` takes them."""
    return [(p.amount, payment_rates.get(p.id)) for p in _made(order)]


def _goods(order: Order, sheet: LandedSheet, rates: Rates) -> tuple[Decimal, bool]:
    """The goods in the home currency: each payment at its own rate, the rest (unpaid) at the
    current rate."""
    return in_home(order.total, made_at(order, sheet.payment_rates), rates)


def _fee_rows(order: Order, sheet: LandedSheet, rates: Rates, fees: FeeSchedule
              ) -> list[CostRow]:
    """Payment fees from the fee model: each payment by its method, the unpaid rest by the
    order's payment method."""
    parts = [(p.amount, p.method or order.payment_method, sheet.payment_rates.get(p.id))
             for p in _made(order)]
    unpaid = order.total.amount - sum((p.amount for p in _made(order)), Decimal(0))
    if unpaid > 0:
        parts.append((unpaid, order.payment_method, None))
    fee, home, estimate = Decimal(0), Decimal(0), False
    for amount, method, paid_rate in parts:
        if method is None:
            continue
        charged = method_fee(Money(amount, order.currency), method, fees)
        if charged is None or not charged.amount:
            continue
        converted, guessed = convert(charged.amount, order.currency, paid_rate, rates)
        fee, home, estimate = fee + charged.amount, home + converted, estimate or guessed
    if not fee:
        return []
    return [CostRow("Payment fees (fee model)", Money(fee, order.currency),
                    Money(home, rates.home), estimate)]


def _cost_row(cost: Cost, goods_home: Decimal, goods_estimate: bool, rates: Rates) -> CostRow:
    if cost.kind == CostKind.DUTY and cost.rate is not None:
        home = (goods_home * cost.rate / HUNDRED).quantize(quantum(rates.home), ROUND_HALF_UP)
        title = f"{cost.title} ({cost.rate.normalize():f}% of the goods)"
        return CostRow(title, None, Money(home, rates.home), goods_estimate)
    amount = cost.amount or Decimal(0)
    home, estimate = convert(amount, cost.currency, cost.paid_rate, rates)
    reclaimed = cost.kind == CostKind.IMPORT_VAT and cost.reclaimable
    title = f"{cost.title} (reclaimable, not counted)" if reclaimed else cost.title
    return CostRow(title, Money(amount, cost.currency), Money(home, rates.home), estimate,
                   included=not reclaimed)


def _weights(order: Order, sheet: LandedSheet) -> list[Decimal] | str:
    """The sharing weight of each line, or why there is none."""
    if sheet.basis == Basis.VALUE:
        weights = [line.total for line in order.lines]
    elif sheet.basis == Basis.QUANTITY:
        weights = [Decimal(line.quantity) for line in order.lines]
    else:
        what = sheet.basis.value
        weights = []
        for line in order.lines:
            measure = sheet.measure(line.id)
            value = getattr(measure, what) if measure else None
            if value is None:
                return f"Enter the {what} of every line to share the costs by {what}."
            weights.append(value)
    if sum(weights, Decimal(0)) <= 0:
        return f"The lines have no {sheet.basis.value} to share the costs by."
    return weights


def landed_cost(order: Order, sheet: LandedSheet, rates: Rates, fees: FeeSchedule
                ) -> LandedCost:
    """The landed cost of ``order``. Raises ``MissingRate`` when a currency has no rate."""
    home = rates.home
    goods, goods_estimate = _goods(order, sheet, rates)
    rows = [_cost_row(c, goods, goods_estimate, rates) for c in sheet.costs]
    rows += _fee_rows(order, sheet, rates, fees)
    costs = sum((r.home.amount for r in rows if r.included), Decimal(0))
    estimate = goods_estimate or any(r.estimate for r in rows if r.included)
    total = Money(goods + costs, home)
    weights = _weights(order, sheet) if order.lines else "The order has no lines."
    if isinstance(weights, str):
        return LandedCost(Money(goods, home), tuple(rows), total, estimate, (), weights)
    step = quantum(home)
    goods_parts = allocate(goods, [line.total for line in order.lines], step) \
        if sum((line.total for line in order.lines), Decimal(0)) > 0 \
        else allocate(goods, [Decimal(1)] * len(order.lines), step)
    cost_parts = allocate(costs, weights, step)
    lines = tuple(
        LineLanded(line, Money(g, home), Money(c, home), Money(g + c, home),
                   Money(((g + c) / line.quantity).quantize(PER_UNIT_STEP), home))
        for line, g, c in zip(order.lines, goods_parts, cost_parts, strict=True))
    return LandedCost(Money(goods, home), tuple(rows), total, estimate, lines)
