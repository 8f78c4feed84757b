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
        self._profile_version = 0  # of the stored overrides the profile was built from

    def get(self, key: str, default: Any = None) -> Any:
        return self.get_versioned(key, default)[0]

    def get_versioned(self, key: str, default: Any = None) -> tuple[Any, int]:
        """A value and the version it was read at (0: never stored), to give back to ``put``."""
        with self._db.unit_of_work() as session:
            return SettingsRepository(session).get_versioned(key, default)

    def put(self, key: str, value: Any, version: int | None = None, *,
            label: str | None = None) -> Outcome[None]:
        """Store a value; with ``version`` (the version it was read at) a value stored by
        another window since is a ``ConflictError`` naming ``label``, and nothing is stored.
        Stored, its version is ``version + 1``."""
        return self.put_all({key: value}, {key: version}, label=label)

    def put_all(self, values: dict[str, Any], versions: dict[str, int | None] | None = None,
                *, label: str | None = None) -> Outcome[None]:
        """Store several settings in one transaction: all of them or none. ``versions`` gives,
        by key, the version a value was read at (see ``put``)."""
        versions = versions or {}
        with self._db.writing() as session:
            repository = SettingsRepository(session)
            for key, value in values.items():
                repository.put(key, value, versions.get(key), label)
        return Outcome(None, changes_of(session))

    def profile(self) -> RuleProfile:
        """The active profile: the shipped default with the user's adjustments applied, as this
        window read them (``reload_profile`` reads them again)."""
        if self._profile is None:
            overrides, version = self.get_versioned(RULE_OVERRIDES, {})
            self._profile = default_profile().with_overrides(overrides)
            self._profile_version = version
        return self._profile

    def reload_profile(self) -> RuleProfile:
        """The profile as stored now, with what other windows changed."""
        self._profile = None
        return self.profile()

    def set_rule_values(self, values: dict[str, Any]) -> Outcome[RuleProfile]:
        """Adjust values of the profile this window shows (validated first, then stored in one
        transaction); rules changed in another window since are a ``ConflictError``."""
        return self._store_rules(self.profile().with_overrides(values))

    def reset_rules(self) -> Outcome[RuleProfile]:
        """Back to the shipped rules (a ``ConflictError`` too if another window changed them
        since this one read them: it was not seeing what it resets)."""
        self.profile()
        return self._store_rules(default_profile())

    def _store_rules(self, profile: RuleProfile) -> Outcome[RuleProfile]:
        # Until reload_profile(), every save over the rules this window read is a conflict.
        written = self.put(RULE_OVERRIDES, profile.overrides_against(default_profile()),
                           self._profile_version, label="Trade Assurance rules")
        self._profile, self._profile_version = profile, self._profile_version + 1
        return Outcome(profile, written.changes)
