"""The rule profile's values in the units people use: megabytes rather than bytes, percentages
rather than fractions, days. The profile keeps bytes and fractions; this converts both ways, so
the rules dialog shows and takes what the fees dialog shows and takes (the values themselves
come from the profile, never from here)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.ui import formatting as fmt

MB = Decimal(1_000_000)  # decimal megabytes, as the platform counts them
MEGAPIXEL = Decimal(1_000_000)
HUNDRED = Decimal(100)

# Unit parentheses the profile's labels carry; the dialog has a unit column instead.
_LABEL_UNIT = re.compile(r"\s*\((?:bytes|days|working days|USD|pixels)\)")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RuleUnits", text)


def unit_of(name: str) -> str:
    """The unit a value is shown in, in words."""
    if name.endswith("_bytes"):
        return _tr("MB")
    if name.endswith("_rate"):
        return "%"
    if name.endswith("_pixels"):
        return _tr("megapixels")
    if name.endswith("_working_days"):
        return _tr("working days")
    if name.endswith("_days"):
        return _tr("days")
    if name.endswith("_day"):
        return _tr("day of the dispute")
    if name.endswith("_usd") or name.endswith("_non_usd"):
        return "USD"
    if name.endswith("_ratio"):
        return _tr("times")
    if name == "team_holiday_country":
        return _tr("country code")
    if name.endswith("_extensions"):
        return _tr("file types")
    return ""


def _scale(name: str) -> Decimal:
    if name.endswith("_bytes"):
        return MB
    if name.endswith("_pixels"):
        return MEGAPIXEL
    if name.endswith("_rate"):
        return 1 / HUNDRED
    return Decimal(1)


def label_of(profile: RuleProfile, name: str) -> str:
    return _LABEL_UNIT.sub("", profile.label(name))


def shown(name: str, value) -> str:
    """A stored value as the user reads and types it: bytes as megabytes, a fraction as a
    percentage."""
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, str):
        return value
    return fmt.number(Decimal(value) / _scale(name))


def stored(name: str, text: str) -> str:
    """What the user typed, back in the profile's unit (bytes, fractions). Text that is not a
    number goes through as typed, for the profile to refuse with its rule id."""
    cleaned = text.strip().removesuffix("%").strip()
    unit = unit_of(name)
    if unit and cleaned.endswith(unit):
        cleaned = cleaned.removesuffix(unit).strip()
    kind = RuleProfile.__dataclass_fields__[name].type
    if kind not in ("int", "Decimal") or not cleaned:
        return cleaned
    if _scale(name) == 1:
        return cleaned.replace(",", "")  # "10.5 days" is for the profile to refuse
    try:
        value = Decimal(cleaned.replace(",", "")) * _scale(name)
    except InvalidOperation:
        return text
    if not value.is_finite():
        return text
    return str(int(value.to_integral_value())) if kind == "int" else f"{value.normalize():f}"
