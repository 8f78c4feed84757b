"""The open-deadline table's rules and its repair (storage/deadline_table.py keeps the rows).

The storage layer refreshes the rows of every order and supplier a write touched; it asks this
service, inside that transaction, for the rules to compute them with: the rule profile and the
team calendar as stored in that very transaction (so a change of the rules rebuilds with the new
ones) and the workspace's today.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.workdays import WorkCalendar
from ta_desktop.core.services import workdays
from ta_desktop.core.services.settings import RULE_OVERRIDES, in_force
from ta_desktop.core.storage import deadline_table
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.deadline_table import DeadlineRules
from ta_desktop.core.storage.repositories import SettingsRepository
from ta_desktop.core.storage.rules_repository import ProfileRepository


class DeadlineIndex:
    def __init__(self, db: Database, today: Callable[[], date]):
        self._db = db
        self._today = today
        self._profile: tuple[str, RuleProfile] | None = None
        self._calendar: tuple[str, WorkCalendar] | None = None
        self._versions: dict[int, RuleProfile] = {}
        db.deadline_rules = self.rules

    def rules(self, session: Session) -> DeadlineRules:
        settings = SettingsRepository(session)
        overrides = settings.get(RULE_OVERRIDES, {})
        days_off = settings.get(workdays.DAYS_OFF_SETTING)
        worked = settings.get(workdays.WORKING_DAYS_SETTING)
        versions = ProfileRepository(session)
        key = deadline_table.fingerprint(overrides, days_off, worked, versions.latest_version())
        if self._profile is None or self._profile[0] != key:
            self._profile = (key, in_force(versions, overrides))
        profile = self._profile[1]

        def version(number: int) -> RuleProfile | None:
            """A stored version (they never change once stored)."""
            if number not in self._versions:
                stored = versions.get(number)
                if stored is None:
                    return None
                self._versions[number] = stored.profile
            return self._versions[number]

        def calendar() -> WorkCalendar:
            if self._calendar is None or self._calendar[0] != key:
                self._calendar = (key, workdays.team_calendar(
                    profile, days_off=workdays.stored_days(days_off),
                    working_days=workdays.stored_days(worked)))
            return self._calendar[1]

        return DeadlineRules(profile, calendar, self._today(), key, version)

    def is_current(self) -> bool:
        """Were the rows built under the stored rules, with this engine?"""
        with self._db.unit_of_work() as session:
            return deadline_table.stored_fingerprint(session) == self.rules(session).fingerprint

    def rebuild(self, progress: Callable[[int], None] = lambda _done: None) -> Outcome[int]:
        """Every open deadline computed afresh (the repair command); its value: how many are
        open today (reminders that start later are stored too, not counted)."""
        with self._db.writing() as session:
            rules = self.rules(session)
            deadline_table.rebuild(session, rules, progress)
            listed = deadline_table.count(session, rules.today)
        return Outcome(listed, changes_of(session))

    def ensure_current(self) -> None:
        """Rebuild when the rows were made under other rules or by another engine (the first
        opening after the upgrade that made the table, or after an update of the app)."""
        if not self.is_current():
            self.rebuild()
