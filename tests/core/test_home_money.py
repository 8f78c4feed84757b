"""Money across orders in the home currency: spend per supplier per year, open commitments and
money in dispute, at the rate paid where recorded, else today's (an estimate)."""

from datetime import date
from decimal import Decimal

from ta_desktop.core.domain.home_money import Paid, overview
from ta_desktop.core.domain.landed_cost import Rates
from ta_desktop.core.domain.types import Money

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
