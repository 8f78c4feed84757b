"""Field checks for suppliers and orders: one message per field, in words a buyer understands.

``*_errors`` return ``{field: message}`` so a form can show each message next to its field;
``validate_*`` raise a ``ValidationError`` carrying the same mapping.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from ta_desktop.core.domain.bounds import (
    MAX_AMOUNT,
    amount_problem,
    day_problem,
    parse_amount,
    quantity_problem,
)
from ta_desktop.core.domain.entities import Order, Supplier
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.types import CURRENCY_MINOR_UNITS, INCOTERMS

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$", re.IGNORECASE)
ORDER_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/]*$")
FIRST_GOLD_YEAR = 1999  # Alibaba's Gold Supplier membership began in the early 2000s


def parse_day(text: str, what: str = "date") -> date | None:
    """A day as typed: 2027-06-30, or 30/06/2027, 30.06.2027, 06/30/2027 when only one reading
    is a real day (05/06/2027 could be May or June: refused). Empty: None."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    parts = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", text)
    readings = set()
    if parts:
        first, second, year = (int(p) for p in parts.groups())
        for day, month in ((first, second), (second, first)):
            try:
                readings.add(date(year, month, day))
            except ValueError:
                continue
    if len(readings) == 1:
        return readings.pop()
    raise ValidationError(f"'{text}' is not a {what} TA Desktop can read for sure; write it as "
                          "YYYY-MM-DD (e.g. 2027-06-30) or pick it in the calendar.")


def parse_quantity(text: str) -> int:
    """A quantity typed by a user: a positive whole number ("1,000" is fine), within bounds."""
    cleaned = str(text).strip().replace(",", "").replace(" ", "")
    if not cleaned.isascii() or not cleaned.isdigit() or int(cleaned) <= 0:
        raise ValidationError(f"'{text}' is not a quantity; enter a whole number above 0.")
    value = int(cleaned)
    problem = quantity_problem(value)
    if problem:
        raise ValidationError(problem)
    return value


def parse_price(text: str) -> Decimal:
    """A unit price typed by a user: 0 or more, at most 4 decimals, within bounds."""
    return parse_amount(text, "unit price", zero_ok=True, field="unit_price")


def web_address(text: str) -> str:
    """A store address as typed: "hq.en.alibaba.com" means https://hq.en.alibaba.com."""
    text = text.strip()
    return f"https://{text}" if text and "://" not in text else text


def supplier_errors(supplier: Supplier, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not supplier.name.strip():
        errors["name"] = "Enter the supplier's company name."
    if supplier.email and not EMAIL.match(supplier.email.strip()):
        errors["email"] = "This is not an e-mail address; it looks like name@company.com."
    if supplier.store_url and not URL.match(web_address(supplier.store_url)):
        errors["store_url"] = ("This is not a web address; it looks like "
                               "yourshop.en.alibaba.com.")
    if supplier.gold_since is not None and not (
        FIRST_GOLD_YEAR <= supplier.gold_since <= today.year
    ):
        errors["gold_since"] = f"Enter a year between {FIRST_GOLD_YEAR} and {today.year}."
    if supplier.gold_since is not None and not supplier.gold_supplier:
        errors["gold_since"] = "Only a Gold Supplier has a membership year; tick Gold Supplier."
    if supplier.ta_limit is not None:
        problem = amount_problem(supplier.ta_limit.amount, "trade assurance limit", zero_ok=True)
        if problem:
            errors["ta_limit"] = problem
    for index, certificate in enumerate(supplier.certificates):
        if not certificate.name.strip():
            errors[f"certificates[{index}].name"] = "Name the certificate (e.g. ISO 9001, CE)."
    return errors


def order_errors(order: Order) -> dict[str, str]:
    errors: dict[str, str] = {}
    number = order.order_number.strip()
    if not number:
        errors["order_number"] = "Enter the Alibaba order number."
    elif not ORDER_NUMBER.match(number):
        errors["order_number"] = "Use letters, digits and - _ / only, as on the Alibaba order."
    if not order.supplier_id:
        errors["supplier_id"] = "Choose the supplier."
    if order.currency not in CURRENCY_MINOR_UNITS:
        errors["currency"] = f"'{order.currency}' is not a currency code such as USD."
    if order.shipment_date is not None and (
            problem := day_problem(order.shipment_date, "shipment date")):
        errors["shipment_date"] = problem
    if order.incoterm and order.incoterm not in INCOTERMS:
        errors["incoterm"] = f"Choose an Incoterms 2020 rule: {', '.join(INCOTERMS)}."
    for index, line in enumerate(order.lines):
        prefix = f"lines[{index}]"
        if not line.product.strip():
            errors[f"{prefix}.product"] = "Describe the product of this line."
        problem = quantity_problem(line.quantity)
        if problem:
            errors[f"{prefix}.quantity"] = problem
        problem = amount_problem(line.unit_price, "unit price", zero_ok=True)
        if problem:
            errors[f"{prefix}.unit_price"] = problem
    if not any(key.startswith("lines[") for key in errors):
        total = sum((line.total for line in order.lines), Decimal(0))
        if total > MAX_AMOUNT:
            errors["lines"] = (f"The order's total ({total:,}) is above the most TA Desktop "
                               f"keeps, {MAX_AMOUNT:,}; check the quantities and prices.")
    return errors


def _raise_if(errors: dict[str, str], what: str) -> None:
    if errors:
        first = next(iter(errors.values()))
        more = f" ({len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ValidationError(f"The {what} cannot be saved: {first}{more}", field_errors=errors)


def validate_supplier(supplier: Supplier, today: date) -> None:
    _raise_if(supplier_errors(supplier, today), "supplier")


def validate_order(order: Order) -> None:
    _raise_if(order_errors(order), "order")
