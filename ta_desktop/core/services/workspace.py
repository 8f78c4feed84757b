"""The composition of the core: a database, the active rules, today's date and the services.

The app and the CLI both open a ``Workspace``, so they behave the same by construction.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.errors import TADesktopError
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.workdays import WorkCalendar
from ta_desktop.core.services import backup, workdays
from ta_desktop.core.services.backup import BackupService
from ta_desktop.core.services.certificates import CertificateFiles
from ta_desktop.core.services.deadline_index import DeadlineIndex
from ta_desktop.core.services.disputes import DisputeService
from ta_desktop.core.services.evidence.service import EvidenceService
from ta_desktop.core.services.inspections import InspectionService
from ta_desktop.core.services.integrity import DataReport, check_data
from ta_desktop.core.services.locations import APP_NAME, default_data_dir
from ta_desktop.core.services.modifications import ModificationService
from ta_desktop.core.services.money import MoneyService
from ta_desktop.core.services.orders import OrderService
from ta_desktop.core.services.rule_profiles import RuleProfileService
from ta_desktop.core.services.scorecard import ScorecardService
from ta_desktop.core.services.server_backup import ServerBackupService
from ta_desktop.core.services.settings import SettingsService
from ta_desktop.core.services.suppliers import SupplierService
from ta_desktop.core.storage.app_lock import AppLock, LockHolder, refuse_writes
from ta_desktop.core.storage.db import DATABASE_FILENAME, Database, database_url, file_of
from ta_desktop.core.storage.team_blobs import DatabaseBlobStore

log = logging.getLogger(__name__)
__all__ = ["APP_NAME", "Workspace", "default_data_dir", "locate", "system_user"]


def system_user() -> str:
    """The default member name: the user logged in to this computer."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container's numeric user)
        return ""


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
        self.member = system_user()
        self.data_dir = data_dir
        self.today = today
        self.settings = SettingsService(db, today)
        self.rules = RuleProfileService(db, self.settings, today)
        self.suppliers = SupplierService(db, today, self.settings.profile)
        self.orders = OrderService(db, self.settings.profile, today, self.profile_for)
        self.modifications = ModificationService(db, self.profile_for, today)
        self.money = MoneyService(db, self.settings, self.settings.profile)
        # A file's evidence sits in the data folder beside it; a team's in its database, so
        # every member opens what a colleague added (cached in each member's data folder).
        store = None if db.is_sqlite else DatabaseBlobStore(db, data_dir / "evidence-cache")
        self.evidence = EvidenceService(db, data_dir / "evidence", self.settings.profile,
                                        store=store)
        self.scorecards = ScorecardService(db, self.money.rates)
        self.certificate_files = CertificateFiles(self.evidence.store, self.settings.profile)
        self._calendar: tuple[tuple, WorkCalendar] | None = None
        self.disputes = DisputeService(db, self.settings.profile, today, self.calendar,
                                       self.profile_for)
        self.inspections = InspectionService(db, self.evidence, self.disputes, today)
        self.deadline_index = DeadlineIndex(db, today)
        self.backups = BackupService(db, data_dir, self.settings)
        self.server_backups = ServerBackupService(db, data_dir)  # team mode
        # Why writes are refused, when another app holds the database (see ``claim``).
        self.read_only: str | None = None
        self._lock: AppLock | None = None

    @classmethod
    def open(
        cls, target: str | Path | None = None, *, today: Callable[[], date] = date.today,
        new: bool = False, data_dir: Path | None = None,
        upgrading: Callable[[], None] | None = None,
    ) -> Workspace:
        """Open (creating and upgrading as needed, after a backup) the database ``target`` — a
        file path or a SQLAlchemy URL — or the user's own database in the data folder when
        None. A zero-byte file is refused unless ``new``. Files go to ``data_dir``; by default
        a folder beside a database file, else the user's data folder. What interrupted imports
        and trash emptying left in the evidence store is cleaned (``tidy_store``). ``upgrading``
        is told when an upgrade starts (before its backup): it may take minutes."""
        database, default_dir = locate(target)
        data_dir = data_dir or default_dir
        back_up = backup.before_upgrade(data_dir)

        def before_upgrade(db: Database) -> Path | None:
            if upgrading is not None:
                upgrading()
            return back_up(db)

        db = Database.open(database, new=new, before_upgrade=before_upgrade)
        return cls(db, data_dir, today)._tidied()

    def _tidied(self) -> Workspace:
        self.deadline_index.ensure_current()
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
        reopened.member = self.member
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
    def member(self) -> str:
        """The team member working here: every write records this name (default: the system
        user; the app keeps the member's own choice in its settings)."""
        return self.db.member

    @member.setter
    def member(self, name: str) -> None:
        self.db.member = " ".join(name.split())[:100]

    @property
    def profile(self) -> RuleProfile:
        return self.settings.profile()

    def profile_for(self, order: Order) -> RuleProfile:
        """The rules ``order`` follows: every engine reads an order's profile here."""
        return self.rules.profile_for(order)

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

    def change_feed(self):
        """What other members commit, as it happens (a ``ChangeFeed``), on a server; None on a
        file, where only this process writes what its windows show."""
        return self.db.change_feed()

    def is_empty(self) -> bool:
        return self.suppliers.count() == 0 and self.orders.count() == 0

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
        self.db.close()
