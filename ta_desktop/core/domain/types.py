"""Value types shared by the whole core: money, parties, statuses and methods."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from ta_desktop.core.domain.errors import ValidationError

# ISO 4217 codes a buyer on Alibaba meets; the minor-unit count decides rounding for display.
CURRENCY_MINOR_UNITS = {
    "USD": 2, "EUR": 2, "GBP": 2, "CNY": 2, "HKD": 2, "AUD": 2, "CAD": 2, "NZD": 2,
    "CHF": 2, "SGD": 2, "MYR": 2, "TWD": 2, "INR": 2, "AED": 2, "SEK": 2, "NOK": 2,
    "DKK": 2, "PLN": 2, "MXN": 2, "BRL": 2, "ZAR": 2, "JPY": 0, "KRW": 0,
}
CURRENCIES = tuple(CURRENCY_MINOR_UNITS)


def parse_decimal(text: str | int | Decimal, what: str = "amount") -> Decimal:
    """A user's number ("1,234.50", " 12 ") as a Decimal, or a ValidationError saying why not."""
    if isinstance(text, Decimal):
        value = text
    else:
        cleaned = str(text).strip().replace(",", "").replace(" ", "")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValidationError(
                f"'{text}' is not a number; write the {what} like 1234.50."
            ) from None
    if not value.is_finite():
        raise ValidationError(f"The {what} must be a finite number.")
    return value


@dataclass(frozen=True, order=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if self.currency not in CURRENCY_MINOR_UNITS:
            raise ValidationError(f"Unknown currency code '{self.currency}'.")
        if not isinstance(self.amount, Decimal):
            object.__setattr__(self, "amount", parse_decimal(self.amount))

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValidationError(f"Cannot add {other.currency} to {self.currency}.")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        return Money(self.amount * factor, self.currency)

    def rounded(self) -> Money:
        quantum = Decimal(1).scaleb(-CURRENCY_MINOR_UNITS[self.currency])
        return Money(self.amount.quantize(quantum, rounding=ROUND_HALF_UP), self.currency)

    def amount_text(self) -> str:
        """The amount rounded to the currency's minor unit, e.g. ``"1234.50"``."""
        return str(self.rounded().amount)

    def __str__(self) -> str:
        return f"{self.rounded().amount:,} {self.currency}"


class Party(StrEnum):
    BUYER = "buyer"
    SUPPLIER = "supplier"
    PLATFORM = "platform"


class OrderStatus(StrEnum):
    """The order flow as the buyer sees it (TA_RULES.md "Order flow")."""

    DRAFT = "draft"
    AWAITING_SUPPLIER_CONFIRMATION = "awaiting_supplier_confirmation"
    AWAITING_PAYMENT = "awaiting_payment"
    PAYMENT_PROCESSING = "payment_processing"
    AWAITING_SHIPMENT = "awaiting_shipment"
    AWAITING_DELIVERY_CONFIRMATION = "awaiting_delivery_confirmation"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    IN_DISPUTE = "in_dispute"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially_refunded"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATUSES


_STATUS_LABELS = {
    OrderStatus.DRAFT: "Draft",
    OrderStatus.AWAITING_SUPPLIER_CONFIRMATION: "Waiting for supplier confirmation",
    OrderStatus.AWAITING_PAYMENT: "Waiting for payment",
    OrderStatus.PAYMENT_PROCESSING: "Payment processing",
    OrderStatus.AWAITING_SHIPMENT: "Waiting for shipment",
    OrderStatus.AWAITING_DELIVERY_CONFIRMATION: "Shipped, waiting for delivery confirmation",
    OrderStatus.COMPLETED: "Completed",
    OrderStatus.CANCELLED: "Cancelled",
    OrderStatus.IN_DISPUTE: "In dispute",
    OrderStatus.REFUNDED: "Refunded",
    OrderStatus.PARTIALLY_REFUNDED: "Partially refunded",
    OrderStatus.CLOSED: "Closed",
}

FINAL_STATUSES = frozenset({
    OrderStatus.CANCELLED,
    OrderStatus.REFUNDED,
    OrderStatus.PARTIALLY_REFUNDED,
    OrderStatus.CLOSED,
})


class PaymentStatus(StrEnum):
    PROCESSING = "processing"
    RECEIVED = "received"
    FAILED = "failed"
    REFUNDED = "refunded"


class PaymentMethod(StrEnum):
    """TA_RULES.md PAY-METHODS. Fees per method are data (rule profile and settings)."""

    CARD = "card"
    DOMESTIC_WIRE = "domestic_wire"
    INTERNATIONAL_WIRE = "international_wire"
    WESTERN_UNION = "western_union"
    PAY_LATER = "pay_later"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self]


_METHOD_LABELS = {
    PaymentMethod.CARD: "Credit/debit card",
    PaymentMethod.DOMESTIC_WIRE: "Domestic wire transfer",
    PaymentMethod.INTERNATIONAL_WIRE: "International wire transfer (T/T)",
    PaymentMethod.WESTERN_UNION: "Western Union",
    PaymentMethod.PAY_LATER: "Pay later",
    PaymentMethod.OTHER: "Other",
}


class ShippingMethod(StrEnum):
    """How the goods travel: the platform's receiving window depends on it (RC-WINDOW)."""

    EXPRESS = "express"
    AIR = "air"
    SEA = "sea"
    LAND = "land"

    @property
    def label(self) -> str:
        return _SHIPPING_LABELS[self]


_SHIPPING_LABELS = {
    ShippingMethod.EXPRESS: "Express courier",
    ShippingMethod.AIR: "Air freight",
    ShippingMethod.SEA: "Sea freight",
    ShippingMethod.LAND: "Rail or truck",
}

INCOTERMS = ("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP")


class ClaimType(StrEnum):
    LATE_SHIPMENT = "late_shipment"
    QUALITY = "quality"
    QUANTITY_SHORT = "quantity_short"
    NOT_DELIVERED = "not_delivered"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CLAIM_LABELS[self]


_CLAIM_LABELS = {
    ClaimType.LATE_SHIPMENT: "Late shipment",
    ClaimType.QUALITY: "Quality not as contracted",
    ClaimType.QUANTITY_SHORT: "Quantity short",
    ClaimType.NOT_DELIVERED: "Not delivered after payment",
    ClaimType.OTHER: "Other",
}

# OFFLINE: for orders paid outside Trade Assurance the platform only handles non-delivery.
OFFLINE_CLAIM_TYPES = frozenset({ClaimType.NOT_DELIVERED})
