"""Modification requests (TA_RULES.md MOD-REQ): once the order is with the supplier the buyer
cannot edit it, only ask for a change that the supplier accepts or declines.

A request holds the proposed new values (only what is to change: the shipment date, the lines
with their quantities and prices, the specification); ``None`` means "unchanged". Accepted, the
order takes them and its history says what each value was and became; declined, nothing
changes.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ta_desktop.core.domain.entities import Order, OrderLine
from ta_desktop.core.domain.errors import NotAllowed, ValidationError


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@dataclass
class ModificationRequest:
    order_id: int
    requested_on: date
    shipment_date: date | None = None
    lines: list[OrderLine] | None = None
    spec_text: str | None = None
    reason: str = ""
    status: RequestStatus = RequestStatus.PENDING
    answered_on: date | None = None
    answer_note: str = ""
    # "field: old -> new", written when the supplier accepted (what the order really changed).
    applied: list[str] = field(default_factory=list)
    previous_spec_text: str | None = None  # the specification the accepted one replaced
    recorded_by: str = ""
    id: int | None = None

    @property
    def pending(self) -> bool:
        return self.status == RequestStatus.PENDING


def _price(value: Decimal) -> str:
    """A price as typed: 7.85, 7.50, 0.125; never 7.8500 as stored."""
    plain = value.normalize()
    if plain.as_tuple().exponent > -2:
        plain = plain.quantize(Decimal("0.01"))
    return f"{plain:f}"


def _line_text(line: OrderLine) -> str:
    sku = f" ({line.sku})" if line.sku else ""
    return f"{line.product}{sku}: {line.quantity} {line.unit} at {_price(line.unit_price)}"


def _day(value: date | None) -> str:
    return value.isoformat() if value else "none"


def differences(order: Order, request: ModificationRequest) -> list[str]:
    """What the request would change on ``order``, one "what: old -> new" line each."""
    found = []
    if request.shipment_date is not None and request.shipment_date != order.shipment_date:
        found.append(f"shipment date: {_day(order.shipment_date)} -> "
                     f"{_day(request.shipment_date)}")
    if request.lines is not None:
        found += _line_differences(order.lines, request.lines, order.currency)
    if request.spec_text is not None and request.spec_text != order.spec_text:
        found.append(f"specification: {len(order.spec_text)} characters -> "
                     f"{len(request.spec_text)} characters (the old text is kept in this "
                     "request's record)")
    return found


def _line_differences(old: list[OrderLine], new: list[OrderLine], currency: str) -> list[str]:
    by_id = {line.id: line for line in old if line.id is not None}
    kept = {line.id for line in new if line.id in by_id}
    found = [f"line removed: {_line_text(line)}" for line in old if line.id not in kept]
    for line in new:
        before = by_id.get(line.id) if line.id is not None else None
        if before is None:
            found.append(f"line added: {_line_text(line)}")
            continue
        name = before.product
        if line.product != before.product:
            found.append(f"{name}: product {before.product} -> {line.product}")
        if line.quantity != before.quantity:
            found.append(f"{name}: quantity {before.quantity} -> {line.quantity}")
        if line.unit_price != before.unit_price:
            found.append(f"{name}: unit price {_price(before.unit_price)} {currency} -> "
                         f"{_price(line.unit_price)} {currency}")
        if (line.unit, line.sku) != (before.unit, before.sku):
            found.append(f"{name}: unit/SKU {before.unit}/{before.sku or '-'} -> "
                         f"{line.unit}/{line.sku or '-'}")
    return found


def check_request(order: Order, request: ModificationRequest) -> None:
    """A request must change something, and leave the order a valid contract."""
    if request.lines is not None and not request.lines:
        raise ValidationError("An order keeps at least one line; cancel the order instead.",
                              field_errors={"lines": "Keep at least one line."})
    if not differences(order, request):
        raise ValidationError("The request changes nothing: enter the new shipment date, "
                              "lines, quantities, prices or specification.")


def accept(order: Order, request: ModificationRequest, on: date) -> list[str]:
    """Apply an accepted request to ``order``; returns the "old -> new" lines it changed."""
    if not request.pending:
        raise NotAllowed(f"This modification request was already {request.status.value}.",
                         rule="MOD-REQ")
    changed = differences(order, request)
    if request.shipment_date is not None:
        order.shipment_date = request.shipment_date
    if request.lines is not None:
        order.lines = copy.deepcopy(request.lines)
    if request.spec_text is not None and request.spec_text != order.spec_text:
        request.previous_spec_text = order.spec_text
        order.spec_text = request.spec_text
    request.status, request.answered_on, request.applied = RequestStatus.ACCEPTED, on, changed
    return changed


def decline(request: ModificationRequest, on: date) -> None:
    if not request.pending:
        raise NotAllowed(f"This modification request was already {request.status.value}.",
                         rule="MOD-REQ")
    request.status, request.answered_on = RequestStatus.DECLINED, on
