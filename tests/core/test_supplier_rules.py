"""SUP-ELIG, SUP-LIMIT, PAY-TT and FEE-SUP: who is covered, who pays, where the money went.
Every amount below is worked out by hand in the test."""

from datetime import date
from decimal import Decimal

from ta_desktop.core.domain.entities import Payment, Supplier
from ta_desktop.core.domain.fees import FeeSchedule, supplier_fee
from ta_desktop.core.domain.supplier_rules import (
    eligibility_warnings,
    limit_warning,
    order_warnings,
    payee_warning,
)
from ta_desktop.core.domain.types import Money, PaymentMethod
from tests.factories import make_order


def usd(amount: str) -> Money:
    return Money(Decimal(amount), "USD")


def gold(country: str, **fields) -> Supplier:
    return Supplier("Supplier Co.", country=country, gold_supplier=True, **fields)


# --- FEE-SUP ----------------------------------------------------------------------------------
def test_gold_suppliers_of_mainland_china_hong_kong_and_taiwan_pay_the_supplier_fee(profile):
    schedule = FeeSchedule.from_profile(profile)
    for country in ("China", "Mainland China", "CN", " hong  kong ", "HK", "Taiwan", "tw"):
        fee = supplier_fee(usd("2000"), profile, schedule, gold(country))
        # 1% of 2,000 = 20.00; 2% = 40.00; under the US$100 cap.
        assert (fee.low, fee.high) == (usd("20.00"), usd("40.00")), country
    capped = supplier_fee(usd("8470"), profile, schedule, gold("China"))
    # 1% = 84.70; 2% = 169.40, capped at 100.00.
    assert (capped.low, capped.high, capped.cap_applied) == (usd("84.70"), usd("100.00"), True)


def test_no_supplier_fee_outside_those_regions_or_without_gold_membership(profile):
    schedule = FeeSchedule.from_profile(profile)
    for supplier in (gold("Malaysia"), gold("Vietnam"),
                     Supplier("Not gold", country="China", gold_supplier=False)):
        fee = supplier_fee(usd("2000"), profile, schedule, supplier)
        assert (fee.low, fee.high) == (usd("0"), usd("0"))
        assert fee.note.startswith(f"FEE-SUP: {supplier.name} pays no Trade Assurance fee")


# --- SUP-ELIG ---------------------------------------------------------------------------------
def test_an_eligible_supplier_raises_no_warning(profile):
    assert eligibility_warnings(gold("China"), profile) == []
    assert eligibility_warnings(gold("Malaysia"), profile) == []  # "selected overseas regions"
    # A province beside its country, as the demo and the platform's profiles write it.
    assert eligibility_warnings(gold("China (Guangdong)"), profile) == []
    assert eligibility_warnings(gold("Shenzhen, Guangdong, China"), profile) == []
    assert len(eligibility_warnings(gold("Vietnam (Hanoi)"), profile)) == 1


def test_each_doubt_about_a_supplier_is_one_warning(profile):
    supplier = Supplier("Acme Inc.", country="United States", gold_supplier=False,
                        trade_assurance=False)
    texts = [str(notice) for notice in eligibility_warnings(supplier, profile)]
    assert texts == [
        "SUP-ELIG: Acme Inc. is not marked as a Trade Assurance supplier: the order may not "
        "be protected.",
        "SUP-ELIG: Acme Inc. is not marked as a Gold Supplier; Trade Assurance suppliers are "
        "Gold Suppliers.",
        "SUP-ELIG: Acme Inc. is registered outside the regions Trade Assurance covers "
        "(United States).",
    ]


def test_the_eligible_regions_are_profile_values(profile):
    wider = profile.with_overrides({"ta_eligible_regions": "china, vietnam"})
    assert eligibility_warnings(gold("Vietnam"), wider) == []
    assert len(eligibility_warnings(gold("Malaysia"), wider)) == 1


# --- SUP-LIMIT --------------------------------------------------------------------------------
def test_a_total_above_the_known_limit_warns_that_the_payment_would_be_frozen(profile):
    schedule = FeeSchedule.from_profile(profile)
    supplier = gold("China", ta_limit=usd("5000"))
    assert limit_warning(usd("5000.00"), supplier, schedule) is None  # at the limit: fine
    notice = limit_warning(usd("5000.01"), supplier, schedule)
    assert str(notice) == ("SUP-LIMIT: The order total 5,000.01 USD exceeds Supplier Co.'s "
                           "Trade Assurance limit of 5,000.00 USD: your payment would be "
                           "frozen until the order completes.")
    assert limit_warning(usd("999999"), gold("China"), schedule) is None  # no limit known


def test_a_limit_in_another_currency_is_compared_through_the_users_rate(profile):
    supplier = gold("China", ta_limit=usd("5000"))
    eur = Money(Decimal("4740"), "EUR")
    unknown = limit_warning(eur, supplier, FeeSchedule.from_profile(profile))
    assert "cannot be compared" in unknown.text
    rated = FeeSchedule.from_profile(profile).with_overrides({"usd_rates": {"EUR": "1.08"}})
    # 4,740 EUR x 1.08 = 5,119.20 USD > 5,000 USD.
    assert "exceeds" in limit_warning(eur, supplier, rated).text
    # 4,600 EUR x 1.08 = 4,968.00 USD: under the limit.
    assert limit_warning(Money(Decimal("4600"), "EUR"), supplier, rated) is None


# --- PAY-TT -----------------------------------------------------------------------------------
IBAN = "DE89 3704 0044 0532 0130 00"


def test_a_wire_to_the_designated_account_is_fine_however_it_is_written():
    supplier = gold("China", designated_account=IBAN)
    payment = Payment(Decimal("785"), date(2026, 11, 20), method=PaymentMethod.INTERNATIONAL_WIRE,
                      payee="de89-3704-0044-0532-0130-00")
    assert payee_warning(payment, supplier) is None


def test_a_wire_to_another_payee_is_not_protected():
    supplier = gold("China", designated_account=IBAN)
    payment = Payment(Decimal("785"), date(2026, 11, 20), method=PaymentMethod.DOMESTIC_WIRE,
                      payee="Shenzhen Trading Ltd, HSBC 123-456")
    assert str(payee_warning(payment, supplier)) == (
        "PAY-TT: This wire went to Shenzhen Trading Ltd, HSBC 123-456, not to Supplier Co.'s "
        "platform-designated account: it is not protected by Trade Assurance.")
    card = Payment(Decimal("785"), date(2026, 11, 20), method=PaymentMethod.CARD, payee="x")
    assert payee_warning(card, supplier) is None  # PAY-TT is about wires
    unknown = payee_warning(payment, gold("China"))
    assert "No platform-designated account is recorded" in unknown.text


def test_order_warnings_gather_the_supplier_checks_of_a_trade_assurance_order(profile):
    schedule = FeeSchedule.from_profile(profile)
    supplier = Supplier("Acme Inc.", country="China", gold_supplier=False,
                        ta_limit=usd("500"), designated_account=IBAN)
    order = make_order()  # 100 x 7.85 = 785.00 USD, above the 500 USD limit
    order.payments.append(Payment(Decimal("785"), date(2026, 11, 20),
                                  method=PaymentMethod.INTERNATIONAL_WIRE, payee="Other"))
    assert [n.rule for n in order_warnings(order, supplier, profile, schedule)] == [
        "SUP-ELIG", "SUP-LIMIT", "PAY-TT"]
    order.online = False  # offline: the OFFLINE warning says it all
    assert order_warnings(order, supplier, profile, schedule) == []
