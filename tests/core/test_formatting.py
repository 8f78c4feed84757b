"""The one formatter: never an exponent, a currency's own decimals, quantities per unit."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from ta_desktop.core.domain.types import OrderStatus, PaymentStatus
from ta_desktop.core.services import formatting as fmt


@pytest.fixture(autouse=True)
def english():
    yield
    fmt.set_locale("en")


@pytest.mark.parametrize(("value", "currency", "text"), [
    (Decimal("9000"), "USD", "9,000.00 USD"),
    (Decimal("9E+3"), "USD", "9,000.00 USD"),  # what Decimal.normalize() makes of 9000
    (Decimal("1E12"), "USD", "1,000,000,000,000.00 USD"),
    (Decimal("0.0001"), "USD", "0.00 USD"),
    (Decimal("-1234.565"), "EUR", "-1,234.57 EUR"),
    (Decimal("1234.5"), "JPY", "1,235 JPY"),  # no minor unit
    (Decimal("4.6"), "CNY", "4.60 CNY"),
    (7, "USD", "7.00 USD"),
])
def test_money(value, currency, text):
    assert fmt.money(value, currency) == text
    assert "E" not in fmt.amount(value, currency)


@pytest.mark.parametrize(("value", "currency", "text"), [
    (Decimal("4.6"), "USD", "4.60"), (Decimal("0.215"), "USD", "0.215"),
    (Decimal("9E+3"), "USD", "9,000.00"), (Decimal("120"), "JPY", "120"),
    (Decimal("0.0001"), "USD", "0.0001"),
])
def test_prices_keep_their_currency_decimals_or_more(value, currency, text):
    assert fmt.price(value, currency) == text


@pytest.mark.parametrize(("value", "text"), [
    (1200, "1,200"), (Decimal("9E+3"), "9,000"), (Decimal("1E12"), "1,000,000,000,000"),
    (Decimal("0.0001"), "0.0001"), (-5, "-5"), (Decimal("2.50"), "2.5"),
])
def test_numbers_and_quantities_never_use_exponents(value, text):
    assert fmt.number(value) == text
    assert fmt.quantity(value, "pcs") == f"{text} pcs"


def test_quantities_add_up_per_unit_only():
    lines = [(2000, "bottles"), (2000, "gift boxes"), (1200, "bottles")]
    assert fmt.per_unit(lines) == [(3200, "bottles"), (2000, "gift boxes")]
    assert fmt.quantities(lines) == "3,200 bottles; 2,000 gift boxes"
    assert fmt.quantities([]) == "—"


def test_percent_dates_labels_and_missing_values():
    assert fmt.percent(Decimal("0.0295")) == "2.95%"
    assert fmt.percent(Decimal("0.01")) == "1%"
    assert fmt.day(date(2027, 6, 30)) == "30 Jun 2027"
    assert fmt.long_day(date(2027, 6, 3)) == "3 June 2027"
    assert fmt.moment(datetime(2027, 6, 30, 14, 5)) == "30 Jun 2027, 14:05"
    assert fmt.label(PaymentStatus("received")) == "Received"
    assert fmt.label(OrderStatus.AWAITING_PAYMENT) == "Waiting for payment"
    assert fmt.label("payment_processing") == "Payment processing"
    assert fmt.label(None) == "" and fmt.money(None, "USD") == "—" and fmt.day(None) == "—"
    assert fmt.prefixed(None, "A completed order cannot be edited.") == (
        "A completed order cannot be edited.")
    assert fmt.prefixed("LC-EDIT", "No.") == "LC-EDIT: No."


def test_another_locale_is_babels_not_ours():
    fmt.set_locale("de_DE")
    assert fmt.money(Decimal("9000.5"), "EUR") == "9.000,50 EUR"
    fmt.set_locale("qq_ZZ")
    assert fmt.money(Decimal("9000.5"), "EUR") == "9,000.50 EUR"
