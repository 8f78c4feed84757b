"""The composition of the core: a database, the active rules, today's date and the services.

The app and the CLI both open a ``Workspace``, so they behave the same by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import platformdirs

from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.services.orders import OrderService
from ta_desktop.core.services.settings import SettingsService
from ta_desktop.core.services.suppliers import SupplierService
from ta_desktop.core.storage.db import DATABASE_FILENAME, Database

APP_NAME = "TA Desktop"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class Workspace:
    def __init__(self, db: Database, data_dir: Path, today: Callable[[], date] = date.today):
        self.db = db
        self.data_dir = data_dir
        self.today = today
        self.settings = SettingsService(db)
        self.suppliers = SupplierService(db, today)
        self.orders = OrderService(db, self.profile_now, today)

    @classmethod
    def open(
        cls, target: str | Path | None = None, *, today: Callable[[], date] = date.today
    ) -> Workspace:
        """Open (creating and upgrading as needed) the database ``target`` — a file path or a
        SQLAlchemy URL — or the user's own database in the data folder when None."""
        if target is None:
            data_dir = default_data_dir()
            data_dir.mkdir(parents=True, exist_ok=True)
            db = Database.open(data_dir / DATABASE_FILENAME)
        else:
            db = Database.open(target)
            data_dir = (
                db.path.with_name(f"{db.path.stem}-files") if db.path else default_data_dir()
            )
        return cls(db, data_dir, today)

    def profile_now(self) -> RuleProfile:
        return self.settings.profile()

    @property
    def profile(self) -> RuleProfile:
        return self.settings.profile()

    def is_empty(self) -> bool:
        return self.suppliers.count() == 0 and self.orders.count() == 0

    def close(self) -> None:
        self.db.close()
