"""Working days of the dispute team (DS-TEAM): weekends and public holidays are skipped.

The domain knows no country: a ``WorkCalendar`` asks a loader (given by the services layer,
which uses the ``holidays`` package) for one year's days off and make-up working days, and the
user's own changes win over both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class YearDays:
    """One year of a public calendar: days off, and weekend days that are worked instead."""

    days_off: frozenset[date] = frozenset()
    working_weekend_days: frozenset[date] = frozenset()


YearLoader = Callable[[int], YearDays]

SATURDAY, SUNDAY = 5, 6


class WorkCalendar:
    """Mon-Fri minus public holidays, plus make-up working days, plus the user's changes."""

    def __init__(
        self,
        loader: YearLoader | None = None,
        *,
        days_off: Iterable[date] = (),
        working_days: Iterable[date] = (),
        name: str = "",
    ) -> None:
        self._loader = loader
        self._years: dict[int, YearDays] = {}
        self.user_days_off = frozenset(days_off)
        self.user_working_days = frozenset(working_days)
        self.name = name

    def _year(self, year: int) -> YearDays:
        if year not in self._years:
            self._years[year] = self._loader(year) if self._loader else YearDays()
        return self._years[year]

    def with_changes(
        self, *, days_off: Iterable[date] = (), working_days: Iterable[date] = ()
    ) -> WorkCalendar:
        """A copy where the given days are off (or worked), as the user says."""
        off = set(days_off)
        worked = set(working_days)
        return WorkCalendar(
            self._loader,
            days_off=(self.user_days_off - worked) | off,
            working_days=(self.user_working_days - off) | worked,
            name=self.name,
        )

    def is_working_day(self, day: date) -> bool:
        if day in self.user_working_days:
            return True
        if day in self.user_days_off:
            return False
        public = self._year(day.year)
        if day in public.days_off:
            return False
        return day.weekday() not in (SATURDAY, SUNDAY) or day in public.working_weekend_days

    def is_holiday(self, day: date) -> bool:
        """A weekday nobody works (public holiday or a day the user marked off)."""
        return not self.is_working_day(day) and day.weekday() not in (SATURDAY, SUNDAY)

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
        day = start
        remaining = count
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day
