"""The rule profile's history: versions, import and export as JSON, and which version each order
follows (``profile_for``: the one function every rule engine reads an order's profile from)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.deadlines import Deadline
from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.errors import NotFound, ValidationError
from ta_desktop.core.domain.profiles import (
    DeadlineMove,
    ProfileVersion,
    moved_deadlines,
    read_profile_data,
    version_data,
)
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.services.settings import SettingsService
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.files import check_output_path, open_regular, write_atomically
from ta_desktop.core.storage.repositories import OrderRepository
from ta_desktop.core.storage.rules_repository import ProfileRepository

# A profile file is a few kilobytes; anything far larger is not one.
PROFILE_FILE_MAX_BYTES = 1_000_000


class RuleProfileService:
    def __init__(self, db: Database, settings: SettingsService, today: Callable[[], date]):
        self._db = db
        self._settings = settings
        self._today = today
        self._versions: dict[int, RuleProfile] = {}  # versions never change once stored

    # --- reading ------------------------------------------------------------------------------
    def current(self) -> RuleProfile:
        return self._settings.profile()

    def history(self) -> list[ProfileVersion]:
        """Every version, newest first; before any change, the profile in force alone."""
        with self._db.unit_of_work() as session:
            stored = ProfileRepository(session).all()
        return stored or [ProfileVersion(self.current(), reason="The rules in force.")]

    def version(self, number: int) -> RuleProfile:
        if number not in self._versions:
            with self._db.unit_of_work() as session:
                stored = ProfileRepository(session).get(number)
            if stored is None:
                current = self.current()
                if number != current.version:
                    raise NotFound(f"There is no version {number} of the rule profile.")
                return current  # the shipped (or legacy) profile, before the first change
            self._versions[number] = stored.profile
        return self._versions[number]

    def profile_for(self, order: Order) -> RuleProfile:
        """The rules an order follows: the version in force when it was sent to the supplier,
        or a newer one applied to it; the current rules for a draft (and for orders sent
        before profiles had versions)."""
        if order.profile_version is None:
            return self.current()
        return self.version(order.profile_version)

    # --- files --------------------------------------------------------------------------------
    def export_file(self, path: Path, number: int | None = None) -> ProfileVersion:
        """Write a version (the current one by default) as JSON, with who made it and why."""
        path = check_output_path(Path(path))
        chosen = number if number is not None else self.current().version
        item = next((v for v in self.history() if v.version == chosen), None)
        if item is None:
            raise NotFound(f"There is no version {chosen} of the rule profile.")
        text = json.dumps(version_data(item), indent=2, ensure_ascii=False) + "\n"
        with write_atomically(path) as out:
            out.write(text.encode("utf-8"))
        return item

    def import_file(self, path: Path, reason: str = "") -> Outcome[RuleProfile]:
        """Make the profile in a JSON file the rules in force, as the next version."""
        stream, size = open_regular(Path(path))
        with stream:
            if size > PROFILE_FILE_MAX_BYTES:
                raise ValidationError(f"{path} is too large to be a rule profile.")
            raw = stream.read(PROFILE_FILE_MAX_BYTES + 1)
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise ValidationError(f"{path} is not a JSON rule profile: {error}.") from None
        profile = read_profile_data(data)
        why = reason.strip() or f"Imported from {Path(path).name} (its version {profile.version})."
        return self._settings.store_rules(profile, why, keep_date=True)

    # --- an order's version ---------------------------------------------------------------------
    def preview(self, order_id: int, deadlines: Callable[[int, RuleProfile], list[Deadline]],
                number: int | None = None) -> list[DeadlineMove]:
        """The deadlines of the order that would move if it followed version ``number`` (the
        current one by default); ``deadlines`` lists an order's deadlines under a profile."""
        with self._db.unit_of_work() as session:
            order = OrderRepository(session).get(order_id)
        target = self.current() if number is None else self.version(number)
        return moved_deadlines(deadlines(order_id, self.profile_for(order)),
                               deadlines(order_id, target))

    def apply(self, order_id: int, number: int | None = None, note: str = ""
              ) -> Outcome[Order]:
        """Make the order follow version ``number`` (the current one by default), recorded in
        its history."""
        target = self.current() if number is None else self.version(number)
        with self._db.writing() as session:
            orders = OrderRepository(session)
            order = orders.get(order_id)
            was = order.profile_version
            if was == target.version:
                raise ValidationError(f"Order {order.order_number} already follows version "
                                      f"{target.version} of the rules.")
            order.profile_version = target.version
            before = f"version {was}" if was is not None else "the current rules"
            lifecycle.transition(order, Action.APPLY_PROFILE, target, self._today(), note=(
                f"Rules {before} -> version {target.version} ({target.name})"
                + (f": {note.strip()}" if note.strip() else "")))
            saved = orders.save(order)
        return Outcome(saved, changes_of(session))
