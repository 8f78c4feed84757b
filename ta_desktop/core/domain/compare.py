"""What a colleague changed: the fields in which the stored copy of a record differs from the
copy on screen, in words, for the conflict view ("Notes: now 'Ask for 10 more days'")."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

# Bookkeeping, not what a user edits or reads.
_IGNORED = frozenset({"id", "version", "spec_score", "supplier_name"})


def _shown(value) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, date | Decimal | int):
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = " ".join(str(value).split())
    return f"'{text[:77]}…'" if len(text) > 80 else f"'{text}'"


def differences(mine, theirs) -> list[str]:
    """One line per field of the dataclass ``theirs`` (the stored copy) that differs from
    ``mine``: its new value, or for a list (lines, payments, history) how many it has now."""
    if not (is_dataclass(mine) and is_dataclass(theirs)):
        return []
    found = []
    for field in fields(theirs):
        if field.name in _IGNORED:
            continue
        old, new = getattr(mine, field.name, None), getattr(theirs, field.name)
        if old == new:
            continue
        label = field.name.replace("_", " ").capitalize()
        if isinstance(new, list):
            found.append(f"{label}: {len(new)} now (your copy has {len(old or [])}), changed")
        else:
            found.append(f"{label}: now {_shown(new)}")
    return found
