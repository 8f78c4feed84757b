"""The supplier scorecard from a hand-built history, and the same figures from SQL for the list."""

from datetime import date
from decimal import Decimal

import pytest

from ta_desktop.core.domain.entities import Action, Certificate, ListQuery
from ta_desktop.core.domain.inspections import InspectionResult as R
from ta_desktop.core.domain.scorecard import (
    OrderFacts,
    dispute_outcome,
    scorecard,
    scorecard_by_year,
)
from ta_desktop.core.domain.specs import readiness
from ta_desktop.core.domain.types import OrderStatus as S
from ta_desktop.core.services.demo import POWER_BANK_SPEC, VAGUE_SPEC
from tests.factories import TODAY, make_supplier, order_through


def _facts(placed, agreed=None, shipped=None, *, status=S.COMPLETED, total="100", cur="USD",
           readiness=None, disputes=(), inspections=()):
    return OrderFacts(placed_on=placed, status=status, total=Decimal(total), currency=cur,
                      agreed_shipment=agreed, shipped_on=shipped, readiness=readiness,
                      dispute_outcomes=tuple(disputes), inspections=tuple(inspections))


# Five orders of one supplier, worked by hand:
# A: agreed 1 Mar, shipped 28 Feb  -> on time, delay 0
# B: agreed 1 Apr, shipped 1 Apr   -> on time (on the agreed day), delay 0
# C: agreed 1 May, shipped 11 May  -> late, delay 10
# D: agreed 1 Jun, shipped 3 Jun   -> late, delay 2 (2025); a dispute, refunded
# E: not shipped, cancelled        -> not counted in shipping; no spend
HISTORY = [
    _facts(date(2026, 1, 5), date(2026, 3, 1), date(2026, 2, 28), readiness=90,
           inspections=[R.PASSED]),
    _facts(date(2026, 2, 5), date(2026, 4, 1), date(2026, 4, 1), readiness=70, total="250.50",
           inspections=[R.FAILED, R.PASSED]),
    _facts(date(2026, 3, 5), date(2026, 5, 1), date(2026, 5, 11), cur="EUR", total="80",
           disputes=["cancelled"], inspections=[R.BOOKED]),
    _facts(date(2025, 4, 5), date(2025, 6, 1), date(2025, 6, 3), status=S.REFUNDED,
           readiness=50, disputes=["refunded"], inspections=[R.FAILED]),
    _facts(date(2026, 5, 5), date(2026, 7, 1), status=S.CANCELLED, total="999"),
]


def test_scorecard_counts_a_hand_built_history():
    card = scorecard(HISTORY)
    assert card.orders == 5
    assert card.orders_shipped == 4
    assert card.on_time_rate == 2 / 4
    assert card.average_delay_days == (0 + 0 + 10 + 2) / 4 == 3.0
    assert card.disputes_opened == 2
    assert card.dispute_outcomes == {"cancelled": 1, "refunded": 1}
    # Done inspections: passed, failed, passed, failed (the booked one is not done yet).
    assert card.inspection_pass_rate == 2 / 4
    assert card.average_readiness == round((90 + 70 + 50) / 3) == 70
    # Paid orders only: the cancelled one's 999 is not spend; each currency on its own.
    assert card.spend == {"EUR": Decimal("80"), "USD": Decimal("450.50")}


def test_scorecard_per_year_splits_by_the_year_placed():
    years = scorecard_by_year(HISTORY)
    assert list(years) == [2025, 2026]
    assert years[2025].on_time_rate == 0.0 and years[2025].average_delay_days == 2.0
    assert years[2026].on_time_rate == 2 / 3 and years[2026].orders_shipped == 3


def test_a_supplier_without_history_has_no_rates():
    card = scorecard([])
    assert (card.on_time_rate, card.average_delay_days, card.inspection_pass_rate,
            card.average_readiness) == (None, None, None, None)
    assert card.orders_shipped == card.disputes_opened == 0


def test_a_dispute_ends_with_its_decision_else_cancelled_agreed_or_open():
    assert dispute_outcome(["opened", "decision"], "partially_refunded", False) == \
        "partially_refunded"
    assert dispute_outcome(["opened", "cancelled"], None, False) == "cancelled"
    assert dispute_outcome(["opened", "reply"], None, True) == "agreed"
    assert dispute_outcome(["opened", "proposal"], None, False) == "open"


@pytest.mark.both_engines
def test_the_list_columns_agree_with_the_domain_scorecard(workspace, profile):
    supplier = workspace.suppliers.save(make_supplier(certificates=[
        Certificate("CE report", kind="CE", valid_until=date(2026, 12, 20)),  # within 60 days
        Certificate("ISO", kind="ISO 9001", valid_until=date(2027, 6, 1)),  # far off
    ])).value
    other = workspace.suppliers.save(make_supplier("Other Co")).value
    # Shipped 6 Mar against 15 Apr (on time) and 20 Apr against 15 Apr (late by 5 days).
    on_time = order_through(profile, Action.MARK_SHIPPED, number="TA-1", order_id=None,
                            supplier_id=supplier.id, spec_text=POWER_BANK_SPEC)
    late = order_through(profile, Action.MARK_SHIPPED, number="TA-2", order_id=None,
                         supplier_id=supplier.id, spec_text=VAGUE_SPEC,
                         dates={Action.MARK_SHIPPED: date(2026, 4, 20)})
    draft = order_through(profile, None, number="TA-3", order_id=None, supplier_id=other.id)
    for order in (on_time, late, draft):
        workspace.orders.save(order)

    scores = [readiness(on_time), readiness(late)]
    assert None not in scores
    rows = {r.name: r for r in workspace.suppliers.rows()}
    row = rows[supplier.name]
    assert (row.on_time_rate, row.orders_shipped, row.average_readiness,
            row.certificates_expiring, row.order_count) == (0.5, 2, round(sum(scores) / 2), 1, 2)
    assert rows["Other Co"].on_time_rate is None and rows["Other Co"].orders_shipped == 0
    card, years = workspace.scorecards.of(supplier.id)
    assert card.on_time_rate == row.on_time_rate and card.average_delay_days == 2.5
    assert card.average_readiness == row.average_readiness and list(years) == [2026]

    by_rate = workspace.suppliers.rows(ListQuery(sort="on_time_rate", descending=True))
    assert [r.name for r in by_rate] == [supplier.name, "Other Co"]  # no rate sorts last
    ascending = workspace.suppliers.rows(ListQuery(sort="orders_shipped"))
    assert [r.name for r in ascending] == ["Other Co", supplier.name]
    assert TODAY  # the workspace lives on TODAY, 25 Nov 2026: 20 Dec is 25 days away


def test_spend_in_the_home_currency_at_the_rates_paid_else_today_s():
    import dataclasses

    from ta_desktop.core.domain.home_money import HomeFigure
    from ta_desktop.core.domain.landed_cost import Rates
    from ta_desktop.core.domain.types import Money

    rates = Rates("EUR", {"USD": Decimal("0.92")})
    paid_a = dataclasses.replace(HISTORY[0], made=((Decimal("100"), Decimal("0.90")),))
    history = [paid_a, *HISTORY[1:]]
    # A 100 USD paid at 0.90 = 90.00; B 250.50 USD x 0.92 = 230.46; C 80.00 EUR;
    # D 100 USD x 0.92 = 92.00; E cancelled: no spend. 492.46, partly at today's rate.
    assert scorecard(history, rates).home_spend == HomeFigure(Money(Decimal("492.46"), "EUR"),
                                                              estimate=True)
    years = scorecard_by_year(history, rates)
    assert years[2026].home_spend.amount == Money(Decimal("400.46"), "EUR")
    assert years[2025].home_spend.amount == Money(Decimal("92.00"), "EUR")
    assert scorecard([paid_a], rates).home_spend == HomeFigure(Money(Decimal("90.00"), "EUR"))
    assert scorecard(history).home_spend is None  # no rates given: per currency only
    no_usd = scorecard(history, Rates("EUR")).home_spend
    assert no_usd.amount is None and no_usd.missing == ("USD",)
