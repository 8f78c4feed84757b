"""Settings kept with the data: the active rule profile (default plus the user's overrides)."""

from __future__ import annotations

from typing import Any

from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.rules import RuleProfile, default_profile
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.repositories import SettingsRepository

RULE_OVERRIDES = "rule_overrides"


class SettingsService:
    def __init__(self, db: Database):
        self._db = db
        self._profile: RuleProfile | None = None

    def get(self, key: str, default: Any = None) -> Any:
        with self._db.unit_of_work() as session:
            return SettingsRepository(session).get(key, default)

    def put(self, key: str, value: Any) -> Outcome[None]:
        return self.put_all({key: value})

    def put_all(self, values: dict[str, Any]) -> Outcome[None]:
        """Store several settings in one transaction: all of them or none."""
        with self._db.unit_of_work() as session:
            repository = SettingsRepository(session)
            for key, value in values.items():
                repository.put(key, value)
        return Outcome(None, changes_of(session))

    def profile(self) -> RuleProfile:
        """The active profile: the shipped default with the user's adjustments applied."""
        if self._profile is None:
            self._profile = default_profile().with_overrides(self.get(RULE_OVERRIDES, {}))
        return self._profile

    def set_rule_values(self, values: dict[str, Any]) -> Outcome[RuleProfile]:
        """Adjust profile values (validated first, then stored in one transaction)."""
        profile = self.profile().with_overrides(values)
        written = self.put(RULE_OVERRIDES, profile.overrides_against(default_profile()))
        self._profile = profile
        return Outcome(profile, written.changes)

    def reset_rules(self) -> Outcome[RuleProfile]:
        written = self.put(RULE_OVERRIDES, {})
        self._profile = default_profile()
        return Outcome(self._profile, written.changes)
