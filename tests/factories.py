"""Small builders for test data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ta_desktop.core.domain.entities import Order, OrderLine, Supplier

# The day tests live on: a Wednesday, so working-day arithmetic crosses a weekend soon.
TODAY = date(2026, 11, 25)


def make_supplier(name: str = "深圳市华强电子有限公司", **fields) -> Supplier:
    return Supplier(name=name, country=fields.pop("country", "China"), **fields)


def make_order(number: str = "TA-1", supplier_id: int = 1, **fields) -> Order:
    fields.setdefault("shipment_date", date(2026, 12, 1))
    fields.setdefault("lines", [OrderLine("Power bank 20,000 mAh", 100, Decimal("7.85"))])
    return Order(order_number=number, supplier_id=supplier_id, **fields)
