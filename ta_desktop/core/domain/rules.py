"""The Trade Assurance rule profile: every platform number the app uses, in one place.

Alibaba rewrites its help pages in place, so the numbers are data, not constants: a profile is a
small JSON file (name, source, date, and one entry per value with its rule id). The default
profile ships in ``resources/rules``; a user may override single values when the platform
changes, and every deadline and check reads the active profile.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.resources import resource_path

DEFAULT_PROFILE_PATH = resource_path("rules", "ta_buyer_guide.json")


def _rule(rule_id: str) -> Any:
    return field(metadata={"rule": rule_id})


@dataclass(frozen=True)
class RuleProfile:
    """The active numbers. Each field's metadata names the rule id from TA_RULES.md."""

    name: str
    source: str
    date: str
    evidence_max_bytes: int = _rule("EV-SIZE")
    evidence_max_files: int = _rule("EV-COUNT")
    evidence_extensions: tuple[str, ...] = _rule("EV-TYPE")
    evidence_max_image_pixels: int = _rule("EV-CORRUPT")
    evidence_zip_max_entries: int = _rule("EV-ZIP")
    evidence_zip_max_unpacked_bytes: int = _rule("EV-ZIP")
    evidence_zip_max_ratio: int = _rule("EV-ZIP")
    evidence_zip_max_depth: int = _rule("EV-ZIP")
    # Not a platform rule: how large a file the app copies into its own store (a video may be
    # kept even though only a fitted copy is uploaded); beyond it a file is refused unread.
    evidence_import_max_bytes: int = _rule("EV-IMPORT")
    negotiation_min_days: int = _rule("DS-NEGOTIATE")
    negotiation_max_days: int = _rule("DS-NEGOTIATE")
    manual_escalation_from_day: int = _rule("DS-ESC-EARLY")
    auto_escalation_on_day: int = _rule("DS-ESC-AUTO")
    proposal_reply_days: int = _rule("DS-REPLY")
    team_response_working_days: int = _rule("DS-TEAM")
    team_holiday_country: str = _rule("DS-TEAM")
    receiving_extension_days: int = _rule("RC-EXT")
    receiving_extensions_per_party: int = _rule("RC-EXT")
    receiving_extension_max_days: int = _rule("RC-EXT")
    # RC-WINDOW is not in the guide: estimates per shipping method until the buyer enters the
    # platform's "confirm receipt by" date (core/domain/receiving.py).
    receiving_window_express_days: int = _rule("RC-WINDOW")
    receiving_window_air_days: int = _rule("RC-WINDOW")
    receiving_window_sea_days: int = _rule("RC-WINDOW")
    receiving_window_land_days: int = _rule("RC-WINDOW")
    dispute_window_days: int = _rule("DS-WINDOW")
    offline_complaint_days: int = _rule("OFF-WINDOW")
    supplier_confirmation_days: int = _rule("CONF-AUTO")
    payment_wait_days: int = _rule("CONF-AUTO")
    supplier_fee_min_rate: Decimal = _rule("FEE-SUP")
    supplier_fee_max_rate: Decimal = _rule("FEE-SUP")
    supplier_fee_cap_usd: Decimal = _rule("FEE-SUP")
    domestic_wire_cap_non_usd: Decimal = _rule("PAY-WIRE-CAP")
    card_fee_rate: Decimal = _rule("PAY-CARD")
    domestic_wire_fee_rate: Decimal = _rule("PAY-METHODS")
    international_wire_fee_rate: Decimal = _rule("PAY-METHODS")
    western_union_fee_rate: Decimal = _rule("PAY-METHODS")
    pay_later_fee_rate: Decimal = _rule("PAY-METHODS")
    lead_time_min_days: int = _rule("LEAD")
    lead_time_max_days: int = _rule("LEAD")
    # Regions by name or ISO code, matched without regard to case against a supplier's country.
    ta_eligible_regions: tuple[str, ...] = _rule("SUP-ELIG")
    supplier_fee_regions: tuple[str, ...] = _rule("FEE-SUP")
    certificate_reminder_days: int = _rule("SUP-CERT")
    labels: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # The profile's version in its history (profiles.py); 1 for the shipped file.
    version: int = field(default=1, compare=False)

    @staticmethod
    def value_names() -> list[str]:
        return [f.name for f in fields(RuleProfile) if "rule" in f.metadata]

    @staticmethod
    def rule_of(name: str) -> str:
        """The rule id behind a value, e.g. ``rule_of("evidence_max_bytes") == "EV-SIZE"``."""
        return _FIELDS[name].metadata["rule"]

    def value(self, name: str) -> Any:
        return getattr(self, name)

    def label(self, name: str) -> str:
        return self.labels.get(name, name.replace("_", " "))

    def with_overrides(self, overrides: dict[str, Any]) -> RuleProfile:
        """A copy with some values replaced (strings or numbers, as typed by a user)."""
        changes = {name: _coerce(name, raw) for name, raw in overrides.items()}
        return dataclasses.replace(self, **changes)

    def overrides_against(self, base: RuleProfile) -> dict[str, Any]:
        """The values that differ from ``base``, in JSON-ready form."""
        return {
            name: to_json(getattr(self, name))
            for name in self.value_names()
            if getattr(self, name) != getattr(base, name)
        }


_FIELDS = {f.name: f for f in fields(RuleProfile)}


def in_regions(country: str, regions: tuple[str, ...]) -> bool:
    """Is a country as entered (a name or an ISO code) one of a profile's ``regions``? A
    province in brackets or after a comma counts with its country: "China (Guangdong)" and
    "Guangdong, China" are China."""
    text = " ".join(country.split()).lower()
    parts = text.replace("(", ",").replace(")", ",").split(",")
    return any(part.strip().lstrip(".") in regions for part in (text, *parts) if part.strip())


def _coerce(name: str, raw: Any) -> Any:
    if name not in _FIELDS or "rule" not in _FIELDS[name].metadata:
        raise ValidationError(f"Unknown rule value '{name}'.")
    kind = _FIELDS[name].type
    try:
        if kind == "int":
            if isinstance(raw, bool) or (isinstance(raw, str) and not raw.strip().isdigit()):
                raise ValueError(raw)
            value = int(raw)
            if value < 0:
                raise ValueError(raw)
            return value
        if kind == "Decimal":
            value = Decimal(str(raw).strip())
            if not value.is_finite() or value < 0:
                raise ValueError(raw)
            return value
        if kind == "tuple[str, ...]":
            items = raw.split(",") if isinstance(raw, str) else list(raw)
            cleaned = (str(item).strip().lower().lstrip(".") for item in items)
            return tuple(item for item in cleaned if item)
        return str(raw).strip()
    except (ValueError, TypeError, InvalidOperation):
        rule = _FIELDS[name].metadata["rule"]
        raise ValidationError(
            f"{rule}: '{raw}' is not a valid value for {name.replace('_', ' ')}; "
            "enter a number of zero or more."
        ) from None


def to_json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def parse_profile(data: dict[str, Any]) -> RuleProfile:
    try:
        entries = data["values"]
        values = {name: _coerce(name, entries[name]["value"]) for name in RuleProfile.value_names()}
        labels = {name: entries[name].get("label", "") for name in RuleProfile.value_names()}
        version = data.get("version", 1)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise ValidationError(f"The rule profile's version must be a whole number from 1, "
                                  f"not '{version}'.")
        return RuleProfile(
            name=data["name"], source=data["source"], date=data["date"], labels=labels,
            version=version, **values
        )
    except (KeyError, TypeError) as exc:
        raise ValidationError(f"The rule profile is incomplete: missing {exc}.") from None


def load_profile(path: Path | None = None) -> RuleProfile:
    path = path or DEFAULT_PROFILE_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(f"Cannot read the rule profile {path}: {exc}") from None
    return parse_profile(data)


_default: RuleProfile | None = None


def default_profile() -> RuleProfile:
    """The shipped "TA buyer guide" profile (read once)."""
    global _default
    if _default is None:
        _default = load_profile()
    return _default
