"""What each payment method would cost the buyer, what blocks it, and the supplier's TA fee.

TA_RULES.md PAY-METHODS, PAY-CARD, PAY-WIRE-CAP, PAY-TT, FEE-SUP. Fees are data: a
``FeeSchedule`` starts from the rule profile and takes the user's own numbers (their bank's
charges). Amounts in other currencies are compared with US dollar limits only through an exchange
rate the user gives; without one the answer is "unknown", never a guess.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ta_desktop.core.domain.entities import Supplier
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.rules import RuleProfile, in_regions
from ta_desktop.core.domain.types import Money, PaymentMethod, parse_decimal

USD = "USD"

# The profile value holding each method's default rate; OTHER has no known fee.
_PROFILE_RATE = {
    PaymentMethod.CARD: "card_fee_rate",
    PaymentMethod.DOMESTIC_WIRE: "domestic_wire_fee_rate",
    PaymentMethod.INTERNATIONAL_WIRE: "international_wire_fee_rate",
    PaymentMethod.WESTERN_UNION: "western_union_fee_rate",
    PaymentMethod.PAY_LATER: "pay_later_fee_rate",
}
WIRES = frozenset({PaymentMethod.DOMESTIC_WIRE, PaymentMethod.INTERNATIONAL_WIRE})


@dataclass(frozen=True)
class MethodFee:
    """A percentage of the amount (0.0295 = 2.95 %) plus a flat charge in US dollars."""

    rate: Decimal = Decimal(0)
    flat_usd: Decimal = Decimal(0)


@dataclass(frozen=True)
class FeeSchedule:
    methods: dict[PaymentMethod, MethodFee]
    # How many US dollars one unit of a currency buys, as the user entered it (EUR -> 1.08).
    usd_rates: dict[str, Decimal] = field(default_factory=dict)

    @classmethod
    def from_profile(cls, profile: RuleProfile) -> FeeSchedule:
        return cls({
            method: MethodFee(profile.value(_PROFILE_RATE[method]))
            if method in _PROFILE_RATE else MethodFee()
            for method in PaymentMethod
        })

    def fee(self, method: PaymentMethod) -> MethodFee:
        return self.methods.get(method, MethodFee())

    def usd_rate(self, currency: str) -> Decimal | None:
        return Decimal(1) if currency == USD else self.usd_rates.get(currency)

    def with_overrides(self, data: dict[str, Any]) -> FeeSchedule:
        """A copy with the user's numbers applied: the JSON ``to_overrides`` writes, or what a
        user typed: ``{"methods": {"card": {"rate": "0.03"}}, "usd_rates": {"EUR": "1.08"}}``."""
        methods = dict(self.methods)
        for key, values in (data.get("methods") or {}).items():
            try:
                method = PaymentMethod(key)
            except ValueError:
                raise ValidationError(f"Unknown payment method '{key}'.") from None
            current = methods.get(method, MethodFee())
            methods[method] = MethodFee(
                _non_negative(values.get("rate", current.rate), f"{method.label} fee rate"),
                _non_negative(values.get("flat_usd", current.flat_usd),
                              f"{method.label} flat fee"),
            )
        rates = dict(self.usd_rates)
        for currency, raw in (data.get("usd_rates") or {}).items():
            if raw in (None, ""):
                rates.pop(currency, None)
                continue
            rate = _non_negative(raw, f"{currency} exchange rate")
            if rate == 0:
                raise ValidationError(f"An exchange rate for {currency} must be above zero.")
            rates[currency] = rate
        return dataclasses.replace(self, methods=methods, usd_rates=rates)

    def to_overrides(self, base: FeeSchedule) -> dict[str, Any]:
        """What differs from ``base`` (the profile's defaults), JSON-ready."""
        methods = {
            method.value: {"rate": str(fee.rate), "flat_usd": str(fee.flat_usd)}
            for method, fee in self.methods.items() if fee != base.fee(method)
        }
        return {"methods": methods,
                "usd_rates": {code: str(rate) for code, rate in self.usd_rates.items()}}


def _non_negative(raw: Any, what: str) -> Decimal:
    value = parse_decimal(raw if isinstance(raw, Decimal) else str(raw), what)
    if value < 0:
        raise ValidationError(f"The {what} cannot be negative.")
    return value


@dataclass(frozen=True)
class Notice:
    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.text}"


@dataclass(frozen=True)
class MethodQuote:
    method: PaymentMethod
    fee: Money | None  # in the order's currency; None when a flat USD fee cannot be converted
    blocked: bool | None  # None: cannot tell without an exchange rate
    limit: str  # the limit that applies, in words ("" when none)
    notices: tuple[Notice, ...] = ()

    @property
    def fee_text(self) -> str:
        if self.fee is None:
            return "unknown (no exchange rate)"
        if not self.fee.amount:
            return f"{self.fee}: none recorded (bank or agent charges may apply)"
        return str(self.fee)


def _in_currency(usd: Decimal, currency: str, schedule: FeeSchedule) -> Decimal | None:
    rate = schedule.usd_rate(currency)
    return None if rate is None else usd / rate


def method_fee(amount: Money, method: PaymentMethod, schedule: FeeSchedule) -> Money | None:
    fee = schedule.fee(method)
    flat = Decimal(0)
    if fee.flat_usd:
        converted = _in_currency(fee.flat_usd, amount.currency, schedule)
        if converted is None:
            return None
        flat = converted
    return Money(amount.amount * fee.rate + flat, amount.currency).rounded()


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _usd(amount: Decimal) -> str:
    return f"US${amount.normalize():,f}"


def wire_limit(amount: Money, profile: RuleProfile, schedule: FeeSchedule
               ) -> tuple[bool | None, str]:
    """PAY-WIRE-CAP: (blocked, the limit in words) for a domestic wire of ``amount``."""
    if amount.currency == USD:
        return False, "PAY-WIRE-CAP: no limit for USD"
    cap = profile.domestic_wire_cap_non_usd
    limit = f"PAY-WIRE-CAP: up to {_usd(cap)} for {amount.currency}"
    rate = schedule.usd_rate(amount.currency)
    if rate is None:
        return None, (f"{limit}; enter the USD value of 1 {amount.currency} in the payment "
                      "settings to check this order against it")
    in_usd = (amount.amount * rate).quantize(Decimal("0.01"))
    if in_usd > cap:
        return True, f"{limit}; this order is about {_usd(in_usd)}: over the limit"
    return False, f"{limit}; this order is about {_usd(in_usd)}"


def quote(amount: Money, method: PaymentMethod, profile: RuleProfile,
          schedule: FeeSchedule) -> MethodQuote:
    fee_data = schedule.fee(method)
    notices: list[Notice] = []
    blocked: bool | None = False
    limit = ""
    if method == PaymentMethod.CARD:
        notices.append(Notice("PAY-CARD", f"card fee {_percent(fee_data.rate)}; "
                                          "one card per payment"))
    if method == PaymentMethod.DOMESTIC_WIRE:
        blocked, limit = wire_limit(amount, profile, schedule)
        notices.append(Notice("PAY-METHODS", "domestic wires are offered for the US, Australia, "
                                             "Canada, the UK, Japan, New Zealand and Europe"))
    if method == PaymentMethod.INTERNATIONAL_WIRE and amount.currency != USD:
        notices.append(Notice("PAY-METHODS", "USD is recommended for international wires; "
                                             f"{amount.currency} may add bank charges"))
    if method in WIRES:
        notices.append(Notice("PAY-TT", "protected only when sent to the supplier's "
                                        "platform-designated account"))
    if method == PaymentMethod.PAY_LATER:
        notices.append(Notice("PAY-METHODS", "pay-later terms depend on the offer"))
    if method == PaymentMethod.OTHER:
        notices.append(Notice("PAY-METHODS", "no fee data for this method"))
    return MethodQuote(method, method_fee(amount, method, schedule), blocked, limit,
                       tuple(notices))


def quotes(amount: Money, profile: RuleProfile, schedule: FeeSchedule) -> list[MethodQuote]:
    """Every method for this amount, in the order of PaymentMethod."""
    return [quote(amount, method, profile, schedule) for method in PaymentMethod]


@dataclass(frozen=True)
class SupplierFee:
    """FEE-SUP: what the supplier pays Trade Assurance on this order (the buyer pays none)."""

    low: Money
    high: Money
    cap_applied: bool | None  # None: the US$ cap could not be applied (no exchange rate)
    note: str


def pays_supplier_fee(supplier: Supplier, profile: RuleProfile) -> bool:
    """FEE-SUP: only Gold Suppliers from the profile's regions pay the supplier TA fee."""
    return supplier.gold_supplier and in_regions(supplier.country, profile.supplier_fee_regions)


def supplier_fee(amount: Money, profile: RuleProfile, schedule: FeeSchedule,
                 supplier: Supplier | None = None) -> SupplierFee:
    """The fee range; with the ``supplier`` known, none unless FEE-SUP applies to it."""
    if supplier is not None and not pays_supplier_fee(supplier, profile):
        zero = Money.zero(amount.currency)
        return SupplierFee(zero, zero, False, (
            f"FEE-SUP: {supplier.name} pays no Trade Assurance fee: it applies only to Gold "
            "Suppliers from mainland China, Hong Kong and Taiwan (the profile's regions). "
            "Buyers pay no Trade Assurance fee."))
    low = amount * profile.supplier_fee_min_rate
    high = amount * profile.supplier_fee_max_rate
    cap_usd = profile.supplier_fee_cap_usd
    rates = (f"{_percent(profile.supplier_fee_min_rate)} to "
             f"{_percent(profile.supplier_fee_max_rate)}")
    cap = _in_currency(cap_usd, amount.currency, schedule)
    if cap is None:
        return SupplierFee(low.rounded(), high.rounded(), None, (
            f"FEE-SUP: {rates}, capped at {_usd(cap_usd)}; the cap is in US dollars and is not "
            f"applied here (no USD value entered for 1 {amount.currency}). Paid by the supplier."))
    capped = high.amount > cap
    low = Money(min(low.amount, cap), amount.currency)
    high = Money(min(high.amount, cap), amount.currency)
    in_currency = "" if amount.currency == USD else f" (about {Money(cap, amount.currency)})"
    return SupplierFee(low.rounded(), high.rounded(), capped, (
        f"FEE-SUP: {rates}, capped at {_usd(cap_usd)}{in_currency}. Paid by the supplier; "
        "buyers pay no Trade Assurance fee."))
