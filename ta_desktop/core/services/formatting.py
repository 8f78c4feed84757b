"""The one place numbers, money, quantities, percentages, dates and names of values become text.

Used by the UI (through ``ui/formatting.py``), the PDFs, the claim-summary PNG and the CLI's
human output, so a price reads the same everywhere. Babel (CLDR data) does the locale work:
grouping, decimal signs and each currency's decimals come from it, not from rules written here.
Never an exponent (``Decimal.normalize()`` prints ``9E+3``), never ``None``, never snake_case.

The documents are in English, so the locale is English until ``set_locale`` says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent, get_currency_precision

_locale = Locale.parse("en")
DASH = "—"


def set_locale(name: str) -> None:
    """Use ``name`` ("de_DE", "zh-Hans") from now on; an unknown name keeps English."""
    global _locale
    try:
        _locale = Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        _locale = Locale.parse("en")


def current_locale() -> Locale:
    return _locale


def _decimal(value: Decimal | int | float | str) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _fixed(value: Decimal, places: int) -> str:
    """``value`` with exactly ``places`` decimals, grouped, in the current locale."""
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(rounded, format=pattern, locale=_locale, decimal_quantization=True)


def number(value: Decimal | int | float | None, places: int | None = None) -> str:
    """A plain number: grouped, its own decimals (0.0001 stays 0.0001), or exactly ``places``."""
    if value is None:
        return DASH
    value = _decimal(value)
    if places is None:
        places = max(0, -value.normalize().as_tuple().exponent) if value == value else 0
    return _fixed(value, places)


def currency_places(currency: str) -> int:
    return get_currency_precision(currency)


def amount(value: Decimal | int | None, currency: str) -> str:
    """An amount without its code, at the currency's decimals: 9000 USD → ``9,000.00``."""
    return DASH if value is None else _fixed(_decimal(value), currency_places(currency))


def money(value: Decimal | int | None, currency: str) -> str:
    """An amount with its code: ``9,000.00 USD``, ``1,200 JPY``."""
    return DASH if value is None else f"{amount(value, currency)} {currency}"


def money_of(value) -> str:
    """A domain ``Money`` (anything with ``amount`` and ``currency``) or None."""
    return DASH if value is None else money(value.amount, value.currency)


def money_and_home(value, home) -> str:
    """An amount and what it is in the home currency (``home``: a ``HomeFigure``):
    ``5,100.00 USD ≈ 4,743.00 EUR (estimate at today's rate)``, or ``= … at the rate paid``;
    the amount alone when it is in the home currency or a rate is missing."""
    if home is None or home.amount is None or home.amount.currency == value.currency:
        return money_of(value)
    if home.estimate:
        return f"{money_of(value)} ≈ {money_of(home.amount)} (estimate at today's rate)"
    return f"{money_of(value)} = {money_of(home.amount)} at the rate paid"


def price(value: Decimal | None, currency: str) -> str:
    """A unit price: the currency's decimals (4.6 → 4.60), more when it has them (0.215)."""
    if value is None:
        return DASH
    value = _decimal(value)
    own = max(0, -value.normalize().as_tuple().exponent)
    return _fixed(value, max(currency_places(currency), own))


def quantity(value: Decimal | int | None, unit: str = "") -> str:
    """A quantity as counted, grouped (1200 → ``1,200``), with its unit when given."""
    if value is None:
        return DASH
    text = number(value)
    return f"{text} {unit}" if unit else text


def per_unit(pairs: Iterable[tuple[Decimal | int, str]]) -> list[tuple[Decimal | int, str]]:
    """Quantities summed per unit, in the order units first appear: bottles are never added
    to gift boxes."""
    totals: dict[str, Decimal | int] = {}
    for value, unit in pairs:
        key = (unit or "").strip()
        totals[key] = totals.get(key, 0) + value
    return [(value, unit) for unit, value in totals.items()]


def quantities(pairs: Iterable[tuple[Decimal | int, str]], sep: str = "; ") -> str:
    """Totals per unit as one text: ``2,000 bottles; 2,000 gift boxes``."""
    return sep.join(quantity(value, unit) for value, unit in per_unit(pairs)) or DASH


def percent(rate: Decimal | float | None, places: int = 2) -> str:
    """A fraction as a percentage, up to ``places`` decimals: 0.0295 → ``2.95%``."""
    if rate is None:
        return DASH
    pattern = "#,##0" + ("." + "#" * places if places else "") + "%"
    return format_percent(_decimal(rate), format=pattern, locale=_locale,
                          decimal_quantization=True)


def day(value: date | None) -> str:
    """A date that no reader can misread: ``01 Jun 2027``."""
    return DASH if value is None else format_date(value, "dd MMM y", locale=_locale)


def weekday_day(value: date | None) -> str:
    """A date with its weekday, for calendars and timelines: ``Mon 1 Jun 2027``."""
    return DASH if value is None else format_date(value, "EEE d MMM y", locale=_locale)


def short_day(value: date | None) -> str:
    """Day and month, where the year is plain from around: ``1 Jun``."""
    return DASH if value is None else format_date(value, "d MMM", locale=_locale)


def long_day(value: date | None) -> str:
    return DASH if value is None else format_date(value, "d MMMM y", locale=_locale)


def moment(value: datetime | None) -> str:
    """A date and time: ``30 Jun 2027, 14:05``."""
    return DASH if value is None else format_datetime(value, "d MMM y, HH:mm", locale=_locale)


def label(value: Enum | str | None) -> str:
    """A value's name for people: its ``label`` when it has one, else ``payment_processing``
    → ``Payment processing``; None → empty."""
    if value is None:
        return ""
    own = getattr(value, "label", None)
    if isinstance(own, str):
        return own
    raw = value.value if isinstance(value, Enum) else value
    text = str(raw).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def prefixed(prefix: str | None, text: str) -> str:
    """``"RULE-ID: text"``, or only the text when there is no prefix (never ``None: …``)."""
    return f"{prefix}: {text}" if prefix else text
