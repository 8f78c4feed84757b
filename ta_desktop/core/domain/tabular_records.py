"""Orders and suppliers as spreadsheet rows, and rows back into them.

An order is one row per order line, its own columns repeated on each; its rows stand together.
``group_orders`` gathers parsed rows into ``OrderBlock``s and checks that the repeated columns
agree. ``*_cells`` give the rows an export writes, in the contract's column order; ``*_changes``
say which columns of a file differ from what is stored, and ``apply_*`` copy them over.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import zip_longest
from typing import Any

from ta_desktop.core.domain.entities import Order, OrderLine, Supplier
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.tabular import (
    LINE_COLUMNS,
    ORDER_COLUMNS,
    ORDER_FIELDS,
    SUPPLIER_FIELDS,
    ParsedRow,
    RowError,
)
from ta_desktop.core.domain.types import Money
from ta_desktop.core.domain.validation import web_address

ORDER_LEVEL = tuple(name for name in ORDER_COLUMNS if name not in LINE_COLUMNS)
# More lines than any real order has; past it a block stops keeping lines (bounded memory).
MAX_LINES_PER_ORDER = 10_000


@dataclass
class OrderBlock:
    """The rows of one order in a file: the order's columns (from its first row), its lines
    with their row numbers, and every problem found in those rows."""

    number: str
    first_row: int
    values: dict[str, Any]
    lines: list[tuple[int, OrderLine]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    last_row: int = 0
    blank_rows: list[int] = field(default_factory=list)

    def row_of_line(self, index: int) -> int:
        return self.lines[index][0] if index < len(self.lines) else self.first_row


_LINE_DEFAULTS = {name: ORDER_FIELDS[name].default for name in LINE_COLUMNS}


def _line(values: dict[str, Any]) -> OrderLine:
    line = {**_LINE_DEFAULTS, **values}
    price = line["unit_price"]
    return OrderLine(product=line["product"] or "", quantity=line["quantity"] or 0,
                     unit_price=price if price is not None else Decimal(0),
                     unit=line["unit"] or "pcs", sku=line["sku"] or "")


def _start(parsed: ParsedRow) -> OrderBlock:
    block = OrderBlock(parsed.values.get("order_number") or "", parsed.row,
                       {name: parsed.values[name] for name in ORDER_LEVEL
                        if name in parsed.values},
                       errors=list(parsed.errors), last_row=parsed.row)
    if parsed.blank_line:
        block.blank_rows.append(parsed.row)
    else:
        block.lines.append((parsed.row, _line(parsed.values)))
    return block


def _add(block: OrderBlock, parsed: ParsedRow) -> None:
    block.errors.extend(parsed.errors)
    block.last_row = parsed.row
    failed = {error.column for error in parsed.errors}
    first_failed = {e.column for e in block.errors if e.row == block.first_row}
    for name, value in block.values.items():
        if name in failed or name in first_failed or parsed.values.get(name) == value:
            continue
        block.errors.append(RowError(
            parsed.row, name, f"This row says '{_shown(parsed.values.get(name))}' but row "
            f"{block.first_row} of order {block.number} says '{_shown(value)}': every row of an "
            f"order repeats the same {name}."))
    if parsed.blank_line:
        block.blank_rows.append(parsed.row)
    elif len(block.lines) < MAX_LINES_PER_ORDER:
        block.lines.append((parsed.row, _line(parsed.values)))
    elif len(block.lines) == MAX_LINES_PER_ORDER:
        block.errors.append(RowError(parsed.row, "product", f"Order {block.number} has more "
                                     f"than {MAX_LINES_PER_ORDER:,} lines."))
        block.lines.append((parsed.row, _line(parsed.values)))


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def group_orders(rows: Iterable[ParsedRow]) -> Iterator[OrderBlock]:
    """Consecutive rows with the same order number make one order. A row without an order
    number is an order of its own (with its error)."""
    block: OrderBlock | None = None
    for parsed in rows:
        number = parsed.values.get("order_number") or ""
        if block is not None and number and number == block.number:
            _add(block, parsed)
            continue
        if block is not None:
            yield _finish(block)
        block = _start(parsed)
    if block is not None:
        yield _finish(block)


def _finish(block: OrderBlock) -> OrderBlock:
    if block.blank_rows and block.lines:
        block.errors.extend(
            RowError(row, "product", f"This row of order {block.number} has no product, "
                     "quantity or price, but the order has lines: fill it in or delete the row.")
            for row in block.blank_rows)
    return block


def order_from_block(block: OrderBlock, supplier_id: int) -> Order:
    values = block.values

    def value(name: str) -> Any:
        return values.get(name, ORDER_FIELDS[name].default)

    return Order(
        order_number=block.number, supplier_id=supplier_id, currency=value("currency") or "USD",
        status=value("status"), online=value("online"), incoterm=value("incoterm"),
        shipment_date=value("shipment_date"), payment_method=value("payment_method"),
        notes=value("notes"), created_on=value("created_on"),
        lines=[line for _row, line in block.lines[:MAX_LINES_PER_ORDER]],
    )


def errors_of(error: ValidationError, block: OrderBlock) -> list[RowError]:
    """A domain validation of an order built from ``block`` as row errors: ``lines[2].quantity``
    is the quantity cell of the block's third line."""
    found = []
    for key, message in (error.field_errors or {"": error.message}).items():
        row, column = block.first_row, key
        if key.startswith("lines["):
            index, _, column = key[len("lines["):].partition("].")
            row = block.row_of_line(int(index))
        column = {"supplier_id": "supplier"}.get(column, column)
        found.append(RowError(row, column, message))
    return found


# --- differences ------------------------------------------------------------------------------


def _line_key(line: OrderLine) -> tuple:
    return (line.product, line.sku, line.quantity, line.unit, line.unit_price)


def order_changes(stored: Order, incoming: Order, present: Iterable[str]) -> list[str]:
    """The columns of the file (``present``) whose values differ from the stored order."""
    changed = []
    for name in ORDER_LEVEL:
        if name not in present or name == "order_number":
            continue
        if name == "supplier":
            differs = stored.supplier_id != incoming.supplier_id
        elif name == "created_on":
            differs = incoming.created_on is not None and incoming.created_on != stored.created_on
        else:
            differs = getattr(stored, name) != getattr(incoming, name)
        if differs:
            changed.append(name)
    if [_line_key(line) for line in stored.lines] != [_line_key(line) for line in incoming.lines]:
        changed.append("lines")
    return changed


def first_line_difference(stored: Order, incoming: Order) -> tuple[int, str]:
    """Where the lines first differ: the index of the line and the column."""
    for index, (old, new) in enumerate(zip_longest(stored.lines, incoming.lines)):
        if old is None or new is None:
            return index, "product"
        for name, was, now in zip(LINE_COLUMNS, _line_key(old), _line_key(new), strict=True):
            if was != now:
                return index, name
    return 0, "product"


def apply_order(stored: Order, incoming: Order, changed: Iterable[str]) -> Order:
    for name in changed:
        if name == "lines":
            stored.lines = incoming.lines
        elif name == "supplier":
            stored.supplier_id = incoming.supplier_id
        else:
            setattr(stored, name, getattr(incoming, name))
    return stored


def supplier_from_values(row: int, values: dict[str, Any]) -> tuple[Supplier, list[RowError]]:
    def value(name: str) -> Any:
        return values.get(name, SUPPLIER_FIELDS[name].default)

    errors = []
    limit = None
    amount, currency = value("ta_limit"), value("ta_limit_currency")
    if amount is not None and currency:
        limit = Money(amount, currency)
    elif amount is not None and "ta_limit_currency" in values:
        errors.append(RowError(row, "ta_limit_currency", "Give the currency of the trade "
                               "assurance limit, e.g. USD."))
    elif amount is not None:
        limit = Money(amount, "USD")
    supplier = Supplier(
        name=value("name") or "", country=value("country"), gold_supplier=value("gold_supplier"),
        gold_since=value("gold_since"), trade_assurance=value("trade_assurance"), ta_limit=limit,
        contact_name=value("contact_name"), email=value("email"), phone=value("phone"),
        whatsapp=value("whatsapp"), wechat=value("wechat"),
        store_url=web_address(value("store_url")), notes=value("notes"),
    )
    return supplier, errors


def _supplier_attribute(column: str) -> str:
    return "ta_limit" if column == "ta_limit_currency" else column


def supplier_changes(stored: Supplier, incoming: Supplier, present: Iterable[str]) -> list[str]:
    attributes = dict.fromkeys(_supplier_attribute(c) for c in present if c != "name")
    return [name for name in attributes if getattr(stored, name) != getattr(incoming, name)]


def apply_supplier(stored: Supplier, incoming: Supplier, changed: Iterable[str]) -> Supplier:
    for name in changed:
        setattr(stored, name, getattr(incoming, name))
    return stored


# --- export -----------------------------------------------------------------------------------


def order_cells(order: Order) -> Iterator[list[Any]]:
    """One row per order line in ``ORDER_COLUMNS`` order (one row with empty line cells for an
    order without lines), as typed values: the writer formats them for its file type."""
    head = [order.order_number, order.supplier_name, order.status.value, order.online,
            order.currency, order.incoterm, order.shipment_date,
            order.payment_method.value if order.payment_method else ""]
    for line in order.lines or [None]:
        cells = [line.product, line.sku, line.quantity, line.unit, line.unit_price] if line \
            else [""] * 5
        yield [*head, *cells, order.notes, order.created_on]


def supplier_cells(supplier: Supplier) -> list[Any]:
    """``SUPPLIER_COLUMNS`` order."""
    limit = supplier.ta_limit
    return [supplier.name, supplier.country, supplier.gold_supplier, supplier.gold_since,
            supplier.trade_assurance, limit.amount if limit else None,
            limit.currency if limit else "", supplier.email, supplier.phone, supplier.whatsapp,
            supplier.wechat, supplier.store_url, supplier.notes, supplier.contact_name]
