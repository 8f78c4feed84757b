"""Settings kept with the data: the active rule profile (default plus the user's overrides,
each change a new version in the profile's history) and other values."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.profiles import ProfileVersion
from ta_desktop.core.domain.rules import RuleProfile, default_profile
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.repositories import SettingsRepository
from ta_desktop.core.storage.rules_repository import ProfileRepository

RULE_OVERRIDES = "rule_overrides"


class SettingsService:
    def __init__(self, db: Database, today: Callable[[], date] = date.today):
        self._db = db
        self._today = today
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
            with self._db.unit_of_work() as session:
                overrides, version = SettingsRepository(session).get_versioned(RULE_OVERRIDES, {})
                self._profile = in_force(ProfileRepository(session), overrides)
            self._profile_version = version
        return self._profile

    def reload_profile(self) -> RuleProfile:
        """The profile as stored now, with what other windows changed."""
        self._profile = None
        return self.profile()

    def set_rule_values(self, values: dict[str, Any], reason: str = "") -> Outcome[RuleProfile]:
        """Adjust values of the profile this window shows (validated first, then stored in one
        transaction as a new version, with ``reason``); rules changed in another window since
        are a ``ConflictError``."""
        return self.store_rules(self.profile().with_overrides(values), reason)

    def reset_rules(self, reason: str = "") -> Outcome[RuleProfile]:
        """Back to the shipped rules (a ``ConflictError`` too if another window changed them
        since this one read them: it was not seeing what it resets)."""
        self.profile()
        return self.store_rules(default_profile(), reason or "Back to the shipped rules.")

    def store_rules(self, profile: RuleProfile, reason: str = "", *, keep_date: bool = False
                    ) -> Outcome[RuleProfile]:
        """Make ``profile`` the rules in force: the next version of the history, dated today
        (an imported file keeps its own date with ``keep_date``).
        The first change also stores the version it replaces, so every version an order may
        follow is in the history."""
        before = self.profile()
        with self._db.writing() as session:
            # Until reload_profile(), every save over the rules this window read is a conflict.
            SettingsRepository(session).put(
                RULE_OVERRIDES, profile.overrides_against(default_profile()),
                self._profile_version, "Trade Assurance rules")
            versions = ProfileRepository(session)
            latest = versions.latest_version()
            if latest is None:
                versions.add(ProfileVersion(
                    before, reason="The rules in force before the first change."))
                latest = before.version
            profile = dataclasses.replace(
                profile, version=latest + 1,
                date=profile.date if keep_date else self._today().isoformat())
            versions.add(ProfileVersion(profile, reason=reason.strip()))
        self._profile, self._profile_version = profile, self._profile_version + 1
        return Outcome(profile, changes_of(session))


def in_force(versions: ProfileRepository, overrides: dict[str, Any]) -> RuleProfile:
    """The newest stored version; before any, the shipped profile with the stored overrides
    (databases made before profiles had versions)."""
    latest = versions.latest_version()
    stored = versions.get(latest) if latest is not None else None
    return stored.profile if stored else default_profile().with_overrides(overrides)
