"""LAND: the landed cost of an order worked by hand, to the cent, in the home currency."""

from datetime import date
from decimal import Decimal

import pytest

from ta_desktop.core.domain.entities import Order, OrderLine, Payment
from ta_desktop.core.domain.fees import FeeSchedule
from ta_desktop.core.domain.landed_cost import (
    Basis,
    Cost,
    CostKind,
    LandedSheet,
    LineMeasure,
    MissingRate,
    Rates,
    allocate,
    landed_cost,
)
from ta_desktop.core.domain.rules import default_profile
from ta_desktop.core.domain.types import PaymentMethod, PaymentStatus

D = Decimal
FEES = FeeSchedule.from_profile(default_profile())
RATES = Rates("EUR", {"USD": D("0.92"), "CNY": D("0.13")})


def usd_order(**fields) -> Order:
    """1,500.00 USD: lamps 100 x 10.00, cables 50 x 4.00, displays 3 x 100.00; a deposit of
    450.00 received."""
    return Order("TA-L1", 1, currency="USD", id=7, lines=[
        OrderLine("Lamp", 100, D("10.00"), id=1), OrderLine("Cable", 50, D("4.00"), id=2),
        OrderLine("Display", 3, D("100.00"), id=3)],
        payments=[Payment(D("450.00"), date(2026, 3, 5), PaymentStatus.RECEIVED, id=11)],
        **fields)


def sheet(basis: Basis = Basis.VALUE) -> LandedSheet:
    return LandedSheet(7, basis, costs=[
        Cost(CostKind.FREIGHT, "USD", D("310.00"), paid_rate=D("0.91")),
        Cost(CostKind.INSURANCE, "EUR", D("12.50")),
        Cost(CostKind.DUTY, "EUR", rate=D("3.5")),
        Cost(CostKind.IMPORT_VAT, "EUR", D("343.00"), reclaimable=True),
        Cost(CostKind.CUSTOMS_BROKER, "EUR", D("95.00")),
        Cost(CostKind.INSPECTION, "USD", D("290.00")),
    ], payment_rates={11: D("0.90")})


def test_allocation_hands_the_left_over_cents_to_the_largest_remainders():
    # 0.10 in thirds: 3.33 cents each, floors 3+3+3 = 9, the one cent left goes to the first.
    assert allocate(D("0.10"), [D(1)] * 3, D("0.01")) == [D("0.04"), D("0.03"), D("0.03")]
    # 704.39 by 100/50/3 pieces: 460.3856, 230.1928, 13.8116 -> floors sum 704.38, and the
    # cent goes to the lamps (0.56 of a cent lost, the most).
    parts = allocate(D("704.39"), [D(100), D(50), D(3)], D("0.01"))
    assert parts == [D("460.39"), D("230.19"), D("13.81")] and sum(parts) == D("704.39")
    with pytest.raises(ValueError):
        allocate(D("1.00"), [D(0), D(0)], D("0.01"))


def test_landed_cost_by_value_worked_by_hand():
    result = landed_cost(usd_order(), sheet(), RATES, FEES)
    # goods: 450.00 USD paid at 0.90 = 405.00 EUR; 1,050.00 unpaid at 0.92 = 966.00 EUR
    assert result.goods.amount == D("1371.00") and result.estimate
    homes = [(r.home.amount, r.included, r.estimate) for r in result.rows]
    assert homes == [
        (D("282.10"), True, False),   # freight 310.00 USD at the 0.91 paid
        (D("12.50"), True, False),    # insurance, already in EUR
        (D("47.99"), True, True),     # duty 3.5% of 1,371.00 = 47.985 -> 47.99 (goods estimated)
        (D("343.00"), False, False),  # reclaimable VAT: shown, not counted
        (D("95.00"), True, False),    # broker
        (D("266.80"), True, True),    # inspection 290.00 USD unpaid, at the current 0.92
    ]
    assert result.costs.amount == D("704.39") and result.total.amount == D("2075.39")
    # goods by value 1000/200/300 of 1,371.00: 914.00, 182.80, 274.20 (exact)
    # costs 70,439 cents: 46,959.33 / 9,391.87 / 14,087.80 -> floors leave 2 cents, which go
    # to the cables (.87) and the displays (.80)
    lines = [(line.goods.amount, line.costs.amount, line.total.amount, line.per_unit.amount)
             for line in result.lines]
    assert lines == [
        (D("914.00"), D("469.59"), D("1383.59"), D("13.8359")),
        (D("182.80"), D("93.92"), D("276.72"), D("5.5344")),
        (D("274.20"), D("140.88"), D("415.08"), D("138.3600")),
    ]
    assert sum(line.total.amount for line in result.lines) == result.total.amount


def test_sharing_by_quantity_and_by_weight():
    by_quantity = landed_cost(usd_order(), sheet(Basis.QUANTITY), RATES, FEES)
    assert [line.costs.amount for line in by_quantity.lines] == [D("460.39"), D("230.19"),
                                                           D("13.81")]
    by_weight = sheet(Basis.WEIGHT)
    by_weight.measures = [LineMeasure(1, weight=D("150")), LineMeasure(2, weight=D("25"))]
    missing = landed_cost(usd_order(), by_weight, RATES, FEES)
    assert missing.lines == () and "weight of every line" in missing.problem
    assert missing.total.amount == D("2075.39")  # the total does not depend on the sharing
    by_weight.measures.append(LineMeasure(3, weight=D("25")))
    # 70,439 cents by 150/25/25 kg: 52,829.25 / 8,804.875 / 8,804.875 -> floors leave 2
    # cents, one each to the two lines that lost .875
    assert [line.costs.amount for line in landed_cost(usd_order(), by_weight, RATES, FEES).lines] \
        == [D("528.29"), D("88.05"), D("88.05")]


def test_everything_paid_at_recorded_rates_is_not_an_estimate():
    order = usd_order()
    order.payments.append(Payment(D("1050.00"), date(2026, 4, 1), PaymentStatus.RECEIVED,
                                  id=12))
    paid = LandedSheet(7, costs=[Cost(CostKind.FREIGHT, "EUR", D("100.00"))],
                       payment_rates={11: D("0.90"), 12: D("0.93")})
    result = landed_cost(order, paid, RATES, FEES)
    # 405.00 + 976.50 + 100.00
    assert not result.estimate and result.total.amount == D("1481.50")


def test_payment_fees_come_from_the_fee_model():
    order = usd_order(payment_method=PaymentMethod.CARD)
    result = landed_cost(order, LandedSheet(7, payment_rates={11: D("0.90")}), RATES, FEES)
    # card 2.95%: 450.00 -> 13.275 -> 13.28 USD at 0.90 = 11.952 -> 11.95 EUR;
    # 1,050.00 -> 30.975 -> 30.98 USD at 0.92 = 28.5016 -> 28.50 EUR
    (fees,) = result.rows
    assert fees.original.amount == D("44.26") and fees.home.amount == D("40.45")


def test_a_currency_without_a_rate_is_said_not_guessed():
    costs = LandedSheet(7, costs=[Cost(CostKind.FREIGHT, "CNY", D("800"))])
    with pytest.raises(MissingRate, match="rate of CNY in GBP"):
        landed_cost(usd_order(), costs, Rates("GBP", {"USD": D("0.79")}), FEES)
