"""The composition of the core: a database, the active rules, today's date and the services.

The app and the CLI both open a ``Workspace``, so they behave the same by construction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

import platformdirs

from ta_desktop.core.domain.errors import TADesktopError
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.workdays import WorkCalendar
from ta_desktop.core.services import backup, workdays
from ta_desktop.core.services.backup import BackupService
from ta_desktop.core.services.disputes import DisputeService
from ta_desktop.core.services.evidence.service import EvidenceService
from ta_desktop.core.services.integrity import DataReport, check_data
from ta_desktop.core.services.orders import OrderService
from ta_desktop.core.services.settings import SettingsService
from ta_desktop.core.services.suppliers import SupplierService
from ta_desktop.core.storage.app_lock import AppLock, LockHolder, refuse_writes
from ta_desktop.core.storage.db import DATABASE_FILENAME, Database, database_url, file_of

APP_NAME = "TA Desktop"
log = logging.getLogger(__name__)


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def locate(target: str | Path | None) -> tuple[str | Path, Path]:
    """The database ``target`` names (the user's own when None) and its data folder, where
    evidence files and backups live: ``<name>-files`` beside a database file."""
    if target is None:
        data_dir = default_data_dir()
        data_dir.mkdir(parents=True, exist_ok=True)
        return data_dir / DATABASE_FILENAME, data_dir
    path = file_of(database_url(target))
    return target, (path.with_name(f"{path.stem}-files") if path else default_data_dir())


class Workspace:
    def __init__(self, db: Database, data_dir: Path, today: Callable[[], date] = date.today):
        self.db = db
        self.data_dir = data_dir
        self.today = today
        self.settings = SettingsService(db)
        self.suppliers = SupplierService(db, today)
        self.orders = OrderService(db, self.settings.profile, today)
        self.evidence = EvidenceService(db, data_dir / "evidence", self.settings.profile)
        self._calendar: tuple[tuple, WorkCalendar] | None = None
        self.disputes = DisputeService(db, self.settings.profile, today, self.calendar)
        self.backups = BackupService(db, data_dir, self.settings)
        # Why writes are refused, when another app holds the database (see ``claim``).
        self.read_only: str | None = None
        self._lock: AppLock | None = None

    @classmethod
    def open(
        cls, target: str | Path | None = None, *, today: Callable[[], date] = date.today,
        new: bool = False,
    ) -> Workspace:
        """Open (creating and upgrading as needed, after a backup) the database ``target`` — a
        file path or a SQLAlchemy URL — or the user's own database in the data folder when
        None. A zero-byte file is refused unless ``new``. What interrupted imports and trash
        emptying left in the evidence store is cleaned (``EvidenceService.tidy_store``)."""
        database, data_dir = locate(target)
        db = Database.open(database, new=new, before_upgrade=backup.before_upgrade(data_dir))
        return cls(db, data_dir, today)._tidied()

    def _tidied(self) -> Workspace:
        try:
            self.evidence.tidy_store()
        except (OSError, TADesktopError) as error:  # tidying must never keep the data closed
            log.warning("the evidence store was not tidied: %s", error)
        return self

    def reopen(self) -> Workspace:
        """This database and data folder opened afresh, as ``open`` does (upgrading a restored
        older database after a backup); this workspace is closed. The app's lock on the file
        (and a read-only window's refusal to write) carry over to the new one."""
        lock, self._lock = self._lock, None
        self.close()
        target = self.db.path or self.db.engine.url.render_as_string(hide_password=False)
        db = Database.open(target, before_upgrade=backup.before_upgrade(self.data_dir))
        reopened = type(self)(db, self.data_dir, self.today)._tidied()
        reopened._lock = lock
        if self.read_only:
            reopened.read_only = self.read_only
            refuse_writes(db, self.read_only)
        return reopened

    def calendar(self) -> WorkCalendar:
        """The dispute team's working days (DS-TEAM): the profile's country, public holidays
        and make-up days, with the user's own changes from the settings."""
        profile = self.profile
        days_off, worked = workdays.user_days(self.settings)
        key = (profile.team_holiday_country, tuple(days_off), tuple(worked))
        if self._calendar is None or self._calendar[0] != key:
            calendar = workdays.team_calendar(profile, days_off=days_off, working_days=worked)
            self._calendar = (key, calendar)
        return self._calendar[1]

    @property
    def profile(self) -> RuleProfile:
        return self.settings.profile()

    @property
    def where(self) -> str:
        """The database as the user would name it: its file, or its URL without a password."""
        return self.db.where

    def check_data(self, *, repair: bool = False, quick: bool = False) -> DataReport:
        """Help → Check data and ``verify``: see ``services.integrity``."""
        return check_data(self.db, self.evidence, self.where, repair=repair, quick=quick)

    # --- one app per database file --------------------------------------------------------------
    def claim(self, force: bool = False) -> LockHolder | None:
        """Take the app's lock beside the database file (the app does; the command line never
        needs it). Returns who holds it when another live app does and ``force`` is False;
        None when the lock is ours, or there is no file to lock (a database server)."""
        if self.db.path is None:
            return None
        self._lock = self._lock or AppLock(self.db.path)
        return self._lock.take(force)

    def open_read_only(self, holder: LockHolder) -> None:
        """Use the database without writing to it while ``holder`` has it: every write is
        refused with one sentence saying why."""
        self.read_only = (f"This window is read-only: TA Desktop ({holder.describe()}) has "
                          "this database open; close it there, or open the database again here "
                          "and choose Open anyway.")
        refuse_writes(self.db, self.read_only)

    def is_empty(self) -> bool:
        return self.suppliers.count() == 0 and self.orders.count() == 0

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
        self.db.close()
