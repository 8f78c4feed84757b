"""Spreadsheet cells in and out: the column contract of the import/export files, and how one cell
becomes a value (or a message saying why it cannot).

A reader hands each row over as a sequence of plain values: ``str`` from a CSV file; ``str``,
``int``, ``float``, ``bool``, ``datetime`` or ``None`` from an XLSX sheet; a ``Formula`` for a
formula cell. The parsers here accept each of them and raise ``CellError`` with a sentence a buyer
can act on. ``NumberStyle`` says whether the file writes ``1.234,50`` (European Excel, with ``;``
between cells) or ``1,234.50``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from ta_desktop.core.domain.types import (
    CURRENCY_MINOR_UNITS,
    INCOTERMS,
    OrderStatus,
    PaymentMethod,
)


class RecordKind(StrEnum):
    ORDERS = "orders"
    SUPPLIERS = "suppliers"


# The column names are a contract (README, issue 15): new ones are added at the end, none change.
ORDER_COLUMNS = (
    "order_number", "supplier", "status", "online", "currency", "incoterm", "shipment_date",
    "payment_method", "product", "sku", "quantity", "unit", "unit_price", "notes", "created_on",
)
SUPPLIER_COLUMNS = (
    "name", "country", "gold_supplier", "gold_since", "trade_assurance", "ta_limit",
    "ta_limit_currency", "email", "phone", "whatsapp", "wechat", "store_url", "notes",
    "contact_name",
)
COLUMNS = {RecordKind.ORDERS: ORDER_COLUMNS, RecordKind.SUPPLIERS: SUPPLIER_COLUMNS}
# Without these a file cannot be imported at all (the money needs its currency).
REQUIRED_COLUMNS = {
    RecordKind.ORDERS: ("order_number", "supplier", "currency", "product", "quantity",
                        "unit_price"),
    RecordKind.SUPPLIERS: ("name",),
}
LINE_COLUMNS = ("product", "sku", "quantity", "unit", "unit_price")


@dataclass(frozen=True, order=True)
class RowError:
    """A problem in one cell (``column`` names the field) or one row, numbered as the
    spreadsheet numbers it: the header is row 1."""

    row: int
    column: str
    message: str


class Formula(str):
    """The text of a formula cell (``=SUM(C2:C9)``). Formulas are refused: only values import."""


class CellError(ValueError):
    """Why a cell cannot be read; the importer adds the row and the column."""


@dataclass(frozen=True)
class NumberStyle:
    decimal_comma: bool = False

    @property
    def example(self) -> str:
        return "1234,50" if self.decimal_comma else "1234.50"


def normalise_header(name: object) -> str:
    """``" Unit Price "`` and ``"unit-price"`` both name ``unit_price``."""
    text = "" if name is None else str(name)
    return re.sub(r"[\s\-]+", "_", text.strip().lstrip("\ufeff").strip().lower())


def match_columns(headers: Sequence[object], kind: RecordKind) -> dict[str, int]:
    """Each known column of ``kind`` found in ``headers`` (by name), with its index."""
    wanted = set(COLUMNS[kind])
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = normalise_header(header)
        if name in wanted and name not in mapping:
            mapping[name] = index
    return mapping


def guess_kind(headers: Sequence[object]) -> RecordKind:
    names = {normalise_header(h) for h in headers}
    return RecordKind.ORDERS if "order_number" in names or "product" in names \
        else RecordKind.SUPPLIERS


def missing_columns(mapping: Mapping[str, int], kind: RecordKind) -> list[str]:
    return [name for name in REQUIRED_COLUMNS[kind] if name not in mapping]


# --- one cell -------------------------------------------------------------------------------


def is_blank(value: object) -> bool:
    if value is None:
        return True
    return type(value) is str and not value.strip()  # a Formula is never blank


def text(value: object, _style: NumberStyle | None = None) -> str:
    """Any cell as text: a number typed into a text column (an SKU of digits) reads as typed."""
    if type(value) is str:  # the common case first: every CSV cell
        return value.strip()
    if isinstance(value, Formula):
        raise CellError(f"This cell holds a formula ({_short(value)}); TA Desktop imports "
                        "values only: copy the column and paste it as values.")
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _short(value: object) -> str:
    shown = str(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"


_TRUE = {"true", "yes", "y", "1", "x", "是", "wahr", "vrai", "ja", "oui", "sí", "si"}
_FALSE = {"false", "no", "n", "0", "否", "falsch", "faux", "nein", "non"}


def parse_bool(value: object, _style: NumberStyle | None = None) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    shown = text(value)
    if shown.lower() in _TRUE:
        return True
    if shown.lower() in _FALSE:
        return False
    raise CellError(f"'{_short(shown)}' is not yes or no; write true or false.")


_DATE_FORMATS = (
    (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"), (1, 2, 3)),  # 2026-11-25, 2026/11/25
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), (3, 2, 1)),  # 25.11.2026
)


def parse_date(value: object, _style: NumberStyle | None = None) -> date:
    """An exact date: a date cell, or ``YYYY-MM-DD`` (also ``YYYY/MM/DD`` as Chinese Excel
    writes it, and ``DD.MM.YYYY``). ``11/12/2026`` is refused: day or month first is a guess."""
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise CellError(f"'{value}' has a time of day; give the date only.")
        return value.date()
    if isinstance(value, date):
        return value
    shown = text(value)
    if len(shown) == 10 and shown[4] == "-":
        with contextlib.suppress(ValueError):
            return date.fromisoformat(shown)
    for pattern, (y, m, d) in _DATE_FORMATS:
        found = pattern.match(shown)
        if found:
            try:
                return date(int(found[y]), int(found[m]), int(found[d]))
            except ValueError:
                raise CellError(f"'{shown}' is not a date that exists; write it as "
                                "YYYY-MM-DD.") from None
    raise CellError(f"'{_short(shown)}' is not a date; write it as YYYY-MM-DD.")


_PLAIN_NUMBER = re.compile(r"^-?(\d+|\d*\.\d+)(e[+-]?\d+)?$", re.IGNORECASE)
# Thousands separators only where they group three digits: "7,85" is not 785.
_GROUPED = {
    False: re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$"),
    True: re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$"),
}


# What the database columns hold (a 32-bit quantity; amounts in 1/10,000 in 64 bits), checked
# before Python builds an integer from "1e999999".
LARGEST_QUANTITY = Decimal(2**31 - 1)
LARGEST_AMOUNT = Decimal(10) ** 14


def _number_text(value: object, style: NumberStyle) -> str:
    """The digits of a number cell with a point for decimals, thousands separators dropped;
    what is not a plain number is returned as written, for the caller to refuse."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same number
    if isinstance(value, int | Decimal):
        return str(value)
    shown = text(value).replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if _GROUPED[style.decimal_comma].match(shown):
        shown = shown.replace("." if style.decimal_comma else ",", "")
    if style.decimal_comma:
        shown = shown.replace(",", ".")
    return shown


def parse_money(value: object, style: NumberStyle = NumberStyle()) -> Decimal:
    """An amount of 0 or more, exactly as written (``7.85``, ``1,234.50``; ``7,85`` in a file
    with decimal commas). Letters, currency signs and negative amounts are refused."""
    number = _number_text(value, style)
    if not _PLAIN_NUMBER.match(number):
        raise CellError(f"'{_short(text(value))}' is not an amount; write it like "
                        f"{style.example}, without letters or a currency sign.")
    amount = Decimal(number)
    if amount < 0:
        raise CellError(f"'{_short(text(value))}' is negative; an amount is 0 or more.")
    if amount >= LARGEST_AMOUNT:
        raise CellError(f"'{_short(text(value))}' is too large for an amount.")
    return amount


def parse_quantity(value: object, style: NumberStyle = NumberStyle()) -> int:
    """A whole number above 0 (``1,000`` or ``1.000`` as the file writes thousands)."""
    number = _number_text(value, style)
    amount = Decimal(number) if _PLAIN_NUMBER.match(number) else None
    if amount is not None and amount > LARGEST_QUANTITY:
        raise CellError(f"'{_short(text(value))}' is too large for a quantity.")
    if amount is None or amount != amount.to_integral_value() or amount <= 0:
        raise CellError(f"'{_short(text(value))}' is not a quantity; enter a whole number "
                        "above 0.")
    return int(amount)


def parse_year(value: object, style: NumberStyle = NumberStyle()) -> int:
    shown = _number_text(value, NumberStyle())
    if not re.fullmatch(r"\d{4}(\.0+)?", shown):
        raise CellError(f"'{_short(text(value))}' is not a year; write it like 2015.")
    return int(Decimal(shown))


def _code_parser(codes: tuple[str, ...], what: str):
    def parse(value: object, _style: NumberStyle | None = None) -> str:
        code = text(value).upper()
        if code not in codes:
            raise CellError(f"'{_short(code)}' is not {what}; use one of {', '.join(codes)}.")
        return code

    return parse


parse_currency = _code_parser(tuple(CURRENCY_MINOR_UNITS), "a currency code TA Desktop knows")
parse_incoterm = _code_parser(INCOTERMS, "an Incoterms 2020 rule")


def _enum_parser(kind: type[OrderStatus] | type[PaymentMethod], what: str):
    by_name = {}
    for member in kind:
        by_name[member.value] = member
        by_name[member.label.lower()] = member

    def parse(value: object, _style: NumberStyle | None = None):
        shown = text(value)
        member = by_name.get(shown) or by_name.get(shown.lower()) \
            or by_name.get(normalise_header(shown))
        if member is None:
            raise CellError(f"'{_short(shown)}' is not a {what}; use one of "
                            f"{', '.join(m.value for m in kind)}.")
        return member

    return parse


parse_status = _enum_parser(OrderStatus, "status")
parse_payment_method = _enum_parser(PaymentMethod, "payment method")


# --- a row ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One column: how a cell becomes its value, whether it may be empty, and its value then."""

    parse: Callable[[Any, NumberStyle], Any]
    required: bool = False
    default: Any = None
    empty_message: str = "This cell is empty; it is required."


ORDER_FIELDS: dict[str, Field] = {
    "order_number": Field(text, True, empty_message="Enter the Alibaba order number."),
    "supplier": Field(text, True, empty_message="Name the supplier, as in your supplier list."),
    "status": Field(parse_status, default=OrderStatus.DRAFT),
    "online": Field(parse_bool, default=True),
    "currency": Field(parse_currency, True, empty_message="Give the currency code, e.g. USD."),
    "incoterm": Field(parse_incoterm, default=""),
    "shipment_date": Field(parse_date),
    "payment_method": Field(parse_payment_method),
    "product": Field(text, True, empty_message="Describe the product of this line."),
    "sku": Field(text, default=""),
    "quantity": Field(parse_quantity, True, empty_message="Give the quantity of this line."),
    "unit": Field(text, default="pcs"),
    "unit_price": Field(parse_money, True, empty_message="Give the unit price of this line."),
    "notes": Field(text, default=""),
    "created_on": Field(parse_date),
}
SUPPLIER_FIELDS: dict[str, Field] = {
    "name": Field(text, True, empty_message="Enter the supplier's company name."),
    "country": Field(text, default=""),
    "gold_supplier": Field(parse_bool, default=False),
    "gold_since": Field(parse_year),
    "trade_assurance": Field(parse_bool, default=True),
    "ta_limit": Field(parse_money),
    "ta_limit_currency": Field(parse_currency),
    "email": Field(text, default=""),
    "phone": Field(text, default=""),
    "whatsapp": Field(text, default=""),
    "wechat": Field(text, default=""),
    "store_url": Field(text, default=""),
    "notes": Field(text, default=""),
    "contact_name": Field(text, default=""),
}
FIELDS = {RecordKind.ORDERS: ORDER_FIELDS, RecordKind.SUPPLIERS: SUPPLIER_FIELDS}


@dataclass
class ParsedRow:
    """One row's values by column (only the mapped columns) and its problems."""

    row: int
    values: dict[str, Any]
    errors: list[RowError]
    blank_line: bool = False  # an order row without a line (an order with no lines)


def parse_row(
    row: int, cells: Sequence[object], mapping: Mapping[str, int], kind: RecordKind,
    style: NumberStyle,
) -> ParsedRow:
    fields = FIELDS[kind]
    raw = {}
    for name, index in mapping.items():
        cell = cells[index] if index < len(cells) else None
        if type(cell) is str:
            cell = cell.strip() or None
        raw[name] = cell
    blank_line = kind == RecordKind.ORDERS and all(
        raw.get(name) is None for name in LINE_COLUMNS)
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for name, cell in raw.items():
        field = fields[name]
        if cell is None:
            if field.required and not (blank_line and name in LINE_COLUMNS):
                errors.append(RowError(row, name, field.empty_message))
            values[name] = field.default
            continue
        try:
            values[name] = field.parse(cell, style)
        except CellError as error:
            errors.append(RowError(row, name, str(error)))
            values[name] = field.default
    return ParsedRow(row, values, errors, blank_line)


# --- writing ----------------------------------------------------------------------------------


def amount_text(amount: Decimal) -> str:
    """An amount as a spreadsheet shows it: at least 2 decimals, no trailing zeros beyond."""
    value = amount.normalize()
    if value.as_tuple().exponent > -2:
        value = amount.quantize(Decimal("0.01"))
    return f"{value:f}"


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_text(value: object) -> str:
    """A value as CSV text. Text that Excel would run as a formula (``=``, ``+86 755…``, ``-``,
    ``@``) gets a leading apostrophe, which ``csv_unescape`` removes again on import."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return amount_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    return str(value)


def csv_unescape(cell: str) -> str | Formula:
    """A CSV cell as written by ``csv_text`` (or by hand): an apostrophe-escaped text loses its
    apostrophe; an unescaped ``=`` starts a formula."""
    if not cell or cell[0] not in "'=":
        return cell
    if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS):
        return cell[1:]
    if cell.startswith("="):
        return Formula(cell)
    return cell
