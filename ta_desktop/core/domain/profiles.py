"""A rule profile with a history: every edit or import makes a new version (who, when, why);
an order keeps the version in force when it was sent to the supplier until the user applies a
newer one to it, after seeing which of its deadlines would move.

A profile file is the shipped format (``resources/rules``) with a ``version``; an exported
one also says who made that version, when and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ta_desktop.core.domain.deadlines import Deadline
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.rules import RuleProfile, parse_profile, to_json


@dataclass(frozen=True)
class ProfileVersion:
    profile: RuleProfile
    changed_by: str = ""
    changed_at: datetime | None = None
    reason: str = ""

    @property
    def version(self) -> int:
        return self.profile.version


def profile_data(profile: RuleProfile) -> dict[str, Any]:
    """The profile as a file holds it (the shipped format, with its version)."""
    return {
        "name": profile.name,
        "version": profile.version,
        "source": profile.source,
        "date": profile.date,
        "values": {
            name: {"rule": RuleProfile.rule_of(name), "value": to_json(profile.value(name)),
                   "label": profile.labels.get(name, "")}
            for name in RuleProfile.value_names()
        },
    }


def version_data(item: ProfileVersion) -> dict[str, Any]:
    data = profile_data(item.profile)
    data["changed_by"] = item.changed_by
    data["changed_at"] = item.changed_at.isoformat() if item.changed_at else None
    data["reason"] = item.reason
    return data


def read_profile_data(data: Any) -> RuleProfile:
    """A profile from an imported file's JSON (every value present and valid)."""
    if not isinstance(data, dict):
        raise ValidationError("A rule profile file holds one JSON object with name, version, "
                              "source, date and values.")
    for key in ("name", "source", "date"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValidationError(f"The rule profile has no {key}.")
    try:
        date.fromisoformat(data["date"])
    except ValueError:
        raise ValidationError(f"The rule profile's date '{data['date']}' is not a date "
                              "(YYYY-MM-DD).") from None
    if not isinstance(data.get("values"), dict):
        raise ValidationError("The rule profile has no values.")
    return parse_profile(data)


@dataclass(frozen=True)
class DeadlineMove:
    """One deadline of an order under two profiles; ``before`` or ``after`` is None when it
    exists under one only."""

    key: str
    rule: str
    title: str
    before: date | None
    after: date | None

    def __str__(self) -> str:
        def day(value: date | None) -> str:
            return value.isoformat() if value else "none"

        return f"{self.rule} {self.title}: {day(self.before)} -> {day(self.after)}"


def moved_deadlines(before: list[Deadline], after: list[Deadline]) -> list[DeadlineMove]:
    """The deadlines whose day differs between two lists of one order's deadlines."""
    old = {d.key: d for d in before}
    new = {d.key: d for d in after}
    moves = []
    for key in [*old, *(k for k in new if k not in old)]:
        was, now = old.get(key), new.get(key)
        if was is not None and now is not None and was.due == now.due:
            continue
        shown = now or was
        moves.append(DeadlineMove(key, shown.rule, shown.title,
                                  was.due if was else None, now.due if now else None))
    return moves
