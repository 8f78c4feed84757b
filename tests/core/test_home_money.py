"""Money across orders in the home currency: spend per supplier per year, open commitments and
money in dispute, at the rate paid where recorded, else today's (an estimate)."""

from datetime import date
from decimal import Decimal

from ta_desktop.core.domain.home_money import HomeFigure, Paid, order_in_home, overview
from ta_desktop.core.domain.landed_cost import Rates
from ta_desktop.core.domain.types import Money
from ta_desktop.core.services import formatting as fmt

D = Decimal
RATES = Rates("EUR", {"USD": D("0.92")})


def test_spend_per_supplier_per_year_at_the_rates_paid():
    paid = [Paid("Apex", date(2025, 3, 1), Money(D("1000.00"), "USD"), D("0.90")),
            Paid("Apex", date(2025, 9, 1), Money(D("500.00"), "USD"), D("0.95")),
            Paid("Apex", date(2026, 1, 5), Money(D("100.00"), "USD"), None),
            Paid("Meijia", date(2026, 2, 1), Money(D("300.00"), "EUR"), None),
            Paid("Lvyuan", date(2026, 2, 1), Money(D("800.00"), "CNY"), None)]
    result = overview(RATES, paid, owed=[Money(D("700.00"), "USD"), Money(D("50.00"), "EUR")],
                      disputed=[Money(D("120.00"), "USD")])
    figures = {key: (f.amount and f.amount.amount, f.estimate, f.missing)
               for key, f in result.spend.items()}
    assert figures == {
        ("Apex", 2026): (D("92.00"), True, ()),       # today's rate: an estimate
        ("Lvyuan", 2026): (None, False, ("CNY",)),    # no rate for CNY: said, not guessed
        ("Meijia", 2026): (D("300.00"), False, ()),
        ("Apex", 2025): (D("1375.00"), False, ()),    # 900.00 + 475.00 at the rates paid
    }
    assert list(result.spend) == [("Apex", 2026), ("Lvyuan", 2026), ("Meijia", 2026),
                                  ("Apex", 2025)]  # newest year first, then by supplier
    # 700.00 USD x 0.92 = 644.00, + 50.00 EUR
    assert result.open_commitments.amount == Money(D("694.00"), "EUR")
    assert result.in_dispute.amount == Money(D("110.40"), "EUR")


def _order(status=None, paid=(), currency="USD"):
    from ta_desktop.core.domain.entities import Order, OrderLine, Payment
    from ta_desktop.core.domain.types import OrderStatus, PaymentStatus

    order = Order(order_number="TA-1", supplier_id=1, currency=currency,
                  status=status or OrderStatus.AWAITING_SHIPMENT,
                  lines=[OrderLine("Power bank", 100, D("7.85"))])  # 785.00
    order.payments = [Payment(amount, date(2026, 11, 20), PaymentStatus.RECEIVED, id=number)
                      for number, amount in enumerate(paid, start=1)]
    return order


def test_an_order_in_the_home_currency_at_the_rate_paid_and_today_s():
    figures = order_in_home(_order(paid=[D("235.50")]), {1: D("0.90")}, RATES)
    # 235.50 x 0.90 = 211.95 paid; 549.50 x 0.92 = 505.54 not paid yet: 717.49, an estimate
    assert figures.total == HomeFigure(Money(D("717.49"), "EUR"), estimate=True)
    assert figures.balance == Money(D("549.50"), "USD")
    assert figures.balance_home == HomeFigure(Money(D("505.54"), "EUR"), estimate=True)
    assert fmt.money_and_home(figures.balance, figures.balance_home) == \
        "549.50 USD ≈ 505.54 EUR (estimate at today's rate)"


def test_a_paid_order_is_at_the_rate_paid_and_no_estimate():
    figures = order_in_home(_order(paid=[D("785.00")]), {1: D("0.90")}, RATES)
    assert figures.total == HomeFigure(Money(D("706.50"), "EUR"))  # 785.00 x 0.90
    assert fmt.money_and_home(_order().total, figures.total) == \
        "785.00 USD = 706.50 EUR at the rate paid"
    assert figures.balance_home == HomeFigure(Money(D("0.00"), "EUR"))


def test_no_rate_is_said_not_guessed_and_the_home_currency_is_shown_once():
    from ta_desktop.core.domain.types import OrderStatus

    figures = order_in_home(_order(currency="CNY"), {}, RATES)
    assert figures.total == HomeFigure(None, False, ("CNY",))
    assert fmt.money_and_home(figures.balance, figures.balance_home) == "785.00 CNY"
    in_euro = order_in_home(_order(currency="EUR"), {}, RATES)
    assert fmt.money_and_home(_order(currency="EUR").total, in_euro.total) == "785.00 EUR"
    cancelled = order_in_home(_order(OrderStatus.CANCELLED), {}, RATES)
    assert cancelled.balance == Money.zero("USD")
