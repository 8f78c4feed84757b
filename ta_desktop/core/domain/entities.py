"""Plain records the core hands around: suppliers, orders and what happened to them.

Repositories return these, never ORM objects, so the UI never meets a lazy-loading session.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from ta_desktop.core.domain.types import (
    Money,
    OrderStatus,
    Party,
    PaymentMethod,
    PaymentStatus,
    ShippingMethod,
)


@dataclass
class Certificate:
    name: str
    number: str = ""
    issuer: str = ""
    valid_until: date | None = None
    file_path: str = ""
    id: int | None = None
    # SUP-CERT: the kind of certificate (``certificates.CERTIFICATE_TYPES``), what it covers,
    # and its file copied into the certificate store (by content hash, with its own name).
    kind: str = ""
    scope: str = ""
    file_sha256: str = ""
    file_name: str = ""

    def expired(self, today: date) -> bool:
        return self.valid_until is not None and self.valid_until < today


@dataclass
class Supplier:
    name: str
    country: str = ""
    gold_supplier: bool = False
    gold_since: int | None = None
    trade_assurance: bool = True
    # SUP-LIMIT: not shown to buyers by the platform; recorded when the supplier tells it.
    ta_limit: Money | None = None
    # PAY-TT: the account the platform designates for this supplier's wires (bank, account
    # number, beneficiary), as the order page shows it.
    designated_account: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    whatsapp: str = ""
    wechat: str = ""
    store_url: str = ""
    notes: str = ""
    certificates: list[Certificate] = field(default_factory=list)
    id: int | None = None
    # The stored version this copy was read at (0: never stored); a save of a stale copy is
    # refused with ConflictError. Certificates and contacts are part of the supplier's version.
    version: int = 0


@dataclass(frozen=True)
class BuyerDetails:
    """The buyer's own company block, as the contract summary states it."""

    name: str = ""
    address: str = ""
    contact: str = ""
    email: str = ""
    phone: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(asdict(self).values())


class Action(StrEnum):
    """Everything that can happen to an order. ``lifecycle`` says when each is allowed."""

    EDIT = "edit"
    SUBMIT = "submit"
    SUPPLIER_CONFIRM = "supplier_confirm"
    REQUEST_MODIFICATION = "request_modification"
    MODIFICATION_ACCEPTED = "modification_accepted"
    MODIFICATION_DECLINED = "modification_declined"
    APPLY_PROFILE = "apply_profile"
    CANCEL = "cancel"
    AUTO_CANCEL = "auto_cancel"
    RECORD_PAYMENT = "record_payment"
    PAYMENT_RECEIVED = "payment_received"
    MARK_SHIPPED = "mark_shipped"
    CONFIRM_DELIVERY = "confirm_delivery"
    EXTEND_RECEIVING = "extend_receiving"
    OPEN_DISPUTE = "open_dispute"
    CANCEL_DISPUTE = "cancel_dispute"
    RESOLVE_DISPUTE = "resolve_dispute"
    # Brought in from a file already past draft: the status it had, without replaying the
    # platform's steps (issue 15). Never offered as an action.
    IMPORTED = "imported"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    Action.EDIT: "Edit order",
    Action.SUBMIT: "Send to supplier",
    Action.SUPPLIER_CONFIRM: "Supplier confirmed",
    Action.REQUEST_MODIFICATION: "Request modification",
    Action.MODIFICATION_ACCEPTED: "Supplier accepted the modification",
    Action.MODIFICATION_DECLINED: "Supplier declined the modification",
    Action.APPLY_PROFILE: "Newer rules applied",
    Action.CANCEL: "Cancel order",
    Action.AUTO_CANCEL: "Cancelled by the platform",
    Action.RECORD_PAYMENT: "Record payment",
    Action.PAYMENT_RECEIVED: "Payment received",
    Action.MARK_SHIPPED: "Mark shipped",
    Action.CONFIRM_DELIVERY: "Confirm delivery",
    Action.EXTEND_RECEIVING: "Extend receiving time",
    Action.OPEN_DISPUTE: "Open dispute",
    Action.CANCEL_DISPUTE: "Cancel dispute",
    Action.RESOLVE_DISPUTE: "Record dispute decision",
    Action.IMPORTED: "Imported",
}


@dataclass
class OrderLine:
    product: str
    quantity: int
    unit_price: Decimal
    unit: str = "pcs"
    sku: str = ""
    id: int | None = None

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class Payment:
    amount: Decimal
    paid_on: date
    status: PaymentStatus = PaymentStatus.PROCESSING
    method: PaymentMethod | None = None
    reference: str = ""
    id: int | None = None
    recorded_by: str = ""  # the team member who recorded it (set when stored)
    recorded_at: datetime | None = None
    payee: str = ""  # PAY-TT: the account the money went to, as the bank slip names it


@dataclass
class OrderEvent:
    """One entry of the order history. ``on`` is the day it happened (it may be recorded later)."""

    action: Action
    on: date
    to_status: OrderStatus
    from_status: OrderStatus | None = None
    party: Party | None = None
    note: str = ""
    recorded_at: datetime | None = None
    id: int | None = None
    recorded_by: str = ""  # the team member who recorded it (set when stored)


@dataclass
class Order:
    order_number: str
    supplier_id: int
    currency: str = "USD"
    status: OrderStatus = OrderStatus.DRAFT
    online: bool = True
    incoterm: str = ""
    shipment_date: date | None = None
    payment_method: PaymentMethod | None = None
    notes: str = ""
    created_on: date | None = None
    # RC-WINDOW: how the goods travel, and the "confirm receipt by" date copied from the
    # platform's order page (None: the app shows an estimate for the shipping method).
    shipping_method: ShippingMethod | None = None
    confirm_receipt_by: date | None = None
    # DS-WINDOW: the day the goods arrived, recorded apart from the delivery confirmation.
    arrived_on: date | None = None
    spec_text: str = ""
    # Dispute readiness 0-100 from the spec linter, stored so the order list can sort by it.
    spec_score: int | None = None
    lines: list[OrderLine] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    events: list[OrderEvent] = field(default_factory=list)
    supplier_name: str = ""
    # The rule profile version in force when the order was sent to the supplier (None: not
    # sent yet, or sent before profiles had versions: the current profile applies).
    profile_version: int | None = None
    id: int | None = None
    # The stored version this copy was read at (0: never stored); lines, payments and history
    # are part of it. A save of a stale copy is refused with ConflictError.
    version: int = 0

    @property
    def total(self) -> Money:
        return Money(sum((line.total for line in self.lines), Decimal(0)), self.currency)

    @property
    def paid(self) -> Money:
        received = (p.amount for p in self.payments if p.status == PaymentStatus.RECEIVED)
        return Money(sum(received, Decimal(0)), self.currency)

    def last_event(self, action: Action) -> OrderEvent | None:
        matching = [event for event in self.events if event.action == action]
        return max(matching, key=lambda e: e.on) if matching else None

    def date_of(self, action: Action) -> date | None:
        event = self.last_event(action)
        return event.on if event else None

    def extensions_by(self, party: Party) -> int:
        return sum(
            1 for e in self.events if e.action == Action.EXTEND_RECEIVING and e.party == party
        )

    @property
    def extension_count(self) -> int:
        return sum(1 for e in self.events if e.action == Action.EXTEND_RECEIVING)

    def payment_received_on(self) -> date | None:
        """The day the order counts as paid (DS-OPEN): the first received payment."""
        received = [p.paid_on for p in self.payments if p.status == PaymentStatus.RECEIVED]
        return min(received) if received else self.date_of(Action.PAYMENT_RECEIVED)


@dataclass(frozen=True)
class ListQuery:
    """What a list shows: a free-text filter, column filters, a sort key and direction."""

    text: str = ""
    status: OrderStatus | None = None
    supplier_id: int | None = None
    sort: str = ""
    descending: bool = False


@dataclass(frozen=True)
class OrderRow:
    """One line of the order list: what the table shows, computed by SQL."""

    id: int
    order_number: str
    supplier_name: str
    status: OrderStatus
    online: bool
    total: Money
    shipment_date: date | None
    created_on: date | None
    spec_score: int | None = None
    # LAND, in the home currency: filled by the money service where costs were recorded.
    landed_cost: Money | None = None
    landed_estimate: bool = False
    # The total in the home currency (None: no rate), filled by the money service too.
    home_total: Money | None = None
    home_estimate: bool = False


@dataclass(frozen=True)
class SupplierRow:
    id: int
    name: str
    country: str
    gold_supplier: bool
    gold_since: int | None
    trade_assurance: bool
    order_count: int
    # The scorecard, computed by SQL for the list (``core.domain.scorecard`` says what each is).
    on_time_rate: float | None = None
    orders_shipped: int = 0
    disputes_opened: int = 0
    average_readiness: int | None = None
    certificates_expiring: int = 0
