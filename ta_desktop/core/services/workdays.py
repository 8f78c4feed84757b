"""The dispute team's working-day calendar (DS-TEAM) from the ``holidays`` package.

The platform's dispute team works in mainland China, so the default calendar is China's public
holidays plus its make-up working weekends; the country comes from the rule profile and the
user's own days off / working days are layered on top.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.workdays import WorkCalendar, YearDays
from ta_desktop.core.services.settings import SettingsService


def public_year_loader(country: str):
    """A loader of one year's public days off and make-up working days for ``country``.

    Nothing is loaded before the first year is asked for: the ``holidays`` package imports the
    data of every country it knows (a tenth of a second or more), which start-up can't spare. An
    unknown country is refused then, with the same sentence."""

    def load(year: int) -> YearDays:
        import holidays

        try:
            days = holidays.country_holidays(country, years=year)
        except NotImplementedError:
            raise ValidationError(
                f"DS-TEAM: no public-holiday calendar is known for '{country}'.", rule="DS-TEAM"
            ) from None
        worked = getattr(days, "weekend_workdays", ())
        return YearDays(
            days_off=frozenset(days.keys()),
            working_weekend_days=frozenset(d for d in worked if d.year == year),
        )

    return load


def team_calendar(
    profile: RuleProfile,
    *,
    days_off: Iterable[date] = (),
    working_days: Iterable[date] = (),
) -> WorkCalendar:
    country = profile.team_holiday_country
    return WorkCalendar(
        public_year_loader(country),
        days_off=days_off,
        working_days=working_days,
        name=country,
    )


# Settings keys for the user's own changes to the team calendar (ISO dates).
DAYS_OFF_SETTING = "team_days_off"
WORKING_DAYS_SETTING = "team_working_days"


def stored_days(values: list[str] | None) -> list[date]:
    return [date.fromisoformat(text) for text in values or ()]


def user_days(settings: SettingsService) -> tuple[list[date], list[date]]:
    """The user's own changes to the team calendar: (extra days off, extra working days)."""
    return (stored_days(settings.get(DAYS_OFF_SETTING)),
            stored_days(settings.get(WORKING_DAYS_SETTING)))


def set_user_days(settings: SettingsService, days_off: Iterable[date],
                  working_days: Iterable[date]) -> Outcome[None]:
    """Store the user's changes; a day cannot be both off and worked."""
    off, worked = set(days_off), set(working_days)
    both = off & worked
    if both:
        listed = ", ".join(sorted(d.isoformat() for d in both))
        raise ValidationError(f"DS-TEAM: {listed} cannot be both a day off and a working day.",
                              rule="DS-TEAM")
    return settings.put_all({DAYS_OFF_SETTING: sorted(d.isoformat() for d in off),
                             WORKING_DAYS_SETTING: sorted(d.isoformat() for d in worked)})
