from decimal import Decimal

import pytest

from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.fees import FeeSchedule, quote, quotes, supplier_fee
from ta_desktop.core.domain.types import Money, PaymentMethod
from ta_desktop.core.services.buyer_settings import (
    BuyerDetails,
    load_buyer,
    load_fee_schedule,
    save_buyer,
    save_fee_schedule,
)
from ta_desktop.core.services.workspace import Workspace

M = PaymentMethod


def usd(amount: str) -> Money:
    return Money(Decimal(amount), "USD")


@pytest.fixture
def schedule(profile):
    return FeeSchedule.from_profile(profile)


def test_card_fee_is_the_profile_rate_of_the_amount(profile, schedule):
    card = quote(usd("8470"), M.CARD, profile, schedule)
    assert card.fee == usd("249.87")  # 2.95 % of 8,470.00 = 249.865, rounded half up
    assert card.blocked is False
    assert any(n.rule == "PAY-CARD" for n in card.notices)


def test_a_user_rate_and_flat_bank_charge_replace_the_default(profile, schedule):
    mine = schedule.with_overrides(
        {"methods": {"international_wire": {"rate": "0.001", "flat_usd": "35"}}})
    assert quote(usd("10000"), M.INTERNATIONAL_WIRE, profile, mine).fee == usd("45.00")


def test_flat_usd_fee_on_a_euro_order_needs_an_exchange_rate(profile, schedule):
    mine = schedule.with_overrides({"methods": {"domestic_wire": {"flat_usd": "10.80"}}})
    eur = Money(Decimal("1000"), "EUR")
    assert quote(eur, M.DOMESTIC_WIRE, profile, mine).fee is None
    rated = mine.with_overrides({"usd_rates": {"EUR": "1.08"}})
    assert quote(eur, M.DOMESTIC_WIRE, profile, rated).fee == Money(Decimal("10.00"), "EUR")


def test_supplier_fee_is_one_to_two_percent(profile, schedule):
    fee = supplier_fee(usd("2000"), profile, schedule)
    assert (fee.low, fee.high, fee.cap_applied) == (usd("20.00"), usd("40.00"), False)


def test_supplier_fee_is_capped_at_100_usd(profile, schedule):
    fee = supplier_fee(usd("8470"), profile, schedule)
    assert (fee.low, fee.high, fee.cap_applied) == (usd("84.70"), usd("100.00"), True)
    assert supplier_fee(usd("50000"), profile, schedule).low == usd("100.00")


def test_supplier_fee_cap_on_a_euro_order_is_not_guessed(profile, schedule):
    eur = Money(Decimal("20000"), "EUR")
    unknown = supplier_fee(eur, profile, schedule)
    assert unknown.cap_applied is None
    assert unknown.high == Money(Decimal("400.00"), "EUR")
    assert "US dollars" in unknown.note
    rated = supplier_fee(eur, profile, schedule.with_overrides({"usd_rates": {"EUR": "1.25"}}))
    assert rated.high == Money(Decimal("80.00"), "EUR")  # US$100 at 1.25 USD per EUR


def test_domestic_wire_in_usd_is_never_blocked(profile, schedule):
    huge = quote(usd("5000000"), M.DOMESTIC_WIRE, profile, schedule)
    assert huge.blocked is False
    assert "no limit for USD" in huge.limit


def test_domestic_wire_over_the_cap_in_another_currency_is_blocked(profile, schedule):
    rated = schedule.with_overrides({"usd_rates": {"EUR": "1.10"}})
    over = quote(Money(Decimal("950000"), "EUR"), M.DOMESTIC_WIRE, profile, rated)
    assert over.blocked is True  # 950,000 EUR = 1,045,000 USD > 1,000,000
    assert "PAY-WIRE-CAP" in over.limit
    under = quote(Money(Decimal("900000"), "EUR"), M.DOMESTIC_WIRE, profile, rated)
    assert under.blocked is False


def test_domestic_wire_limit_without_a_rate_is_unknown_not_guessed(profile, schedule):
    wire = quote(Money(Decimal("10"), "EUR"), M.DOMESTIC_WIRE, profile, schedule)
    assert wire.blocked is None
    assert "USD value of 1 EUR" in wire.limit


def test_wires_warn_about_the_designated_account_and_usd(profile, schedule):
    by_method = {q.method: q for q in quotes(Money(Decimal("100"), "EUR"), profile, schedule)}
    wire = by_method[M.INTERNATIONAL_WIRE]
    assert {n.rule for n in wire.notices} == {"PAY-TT", "PAY-METHODS"}
    assert "USD is recommended" in str(wire.notices[0])
    assert not any(n.rule == "PAY-TT" for n in by_method[M.CARD].notices)


def test_bad_fee_input_is_refused(schedule):
    with pytest.raises(ValidationError):
        schedule.with_overrides({"methods": {"card": {"rate": "-1"}}})
    with pytest.raises(ValidationError):
        schedule.with_overrides({"usd_rates": {"EUR": "0"}})


def test_fee_settings_and_buyer_details_survive_a_reopen(tmp_path, profile):
    ws = Workspace.open(tmp_path / "db.sqlite")
    mine = load_fee_schedule(ws.settings, profile).with_overrides(
        {"methods": {"card": {"rate": "0.031"}}, "usd_rates": {"EUR": "1.08"}})
    save_fee_schedule(ws.settings, mine, profile)
    save_buyer(ws.settings, BuyerDetails(name="Nordic Home AB", contact="Eva Lind"))
    ws.close()
    ws = Workspace.open(tmp_path / "db.sqlite")
    again = load_fee_schedule(ws.settings, profile)
    assert again.fee(M.CARD).rate == Decimal("0.031")
    assert again.fee(M.DOMESTIC_WIRE).rate == profile.domestic_wire_fee_rate
    assert again.usd_rate("EUR") == Decimal("1.08")
    assert load_buyer(ws.settings) == BuyerDetails(name="Nordic Home AB", contact="Eva Lind")
    ws.close()
