"""Is the database file sound? SQLite's own checks, read-only, for ``verify`` and Check data.

``integrity_check`` reads every page and also proves each index matches its table (on the
100,000-order benchmark database: about 2 s); ``quick_check`` skips the index comparison (about
0.2 s). ``foreign_key_check`` finds rows whose parent is gone. Other databases check themselves:
nothing is run there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.exc import DBAPIError

from ta_desktop.core.storage.db import Database

# How many of SQLite's problem lines a report keeps (integrity_check stops at 100 anyway).
_MOST_LINES = 20


@dataclass
class DatabaseCheck:
    check: str  # the PRAGMA that ran, or "none" for a server database
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(db: Database, quick: bool = False) -> DatabaseCheck:
    """Run SQLite's integrity check (or the quick one) and the foreign key check."""
    if not db.is_sqlite:
        return DatabaseCheck("none")
    pragma = "quick_check" if quick else "integrity_check"
    result = DatabaseCheck(pragma)
    try:
        with db.engine.connect() as connection:
            lines = [str(row[0]) for row in connection.exec_driver_sql(f"PRAGMA {pragma}")]
            if lines != ["ok"]:
                result.problems += lines[:_MOST_LINES]
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            for table, rowid, parent, _key in broken[:_MOST_LINES]:
                result.problems.append(f"row {rowid} of {table} refers to a missing {parent} row")
    except DBAPIError as error:  # so damaged that the check itself cannot run
        result.problems.append(f"the check could not run: {error.orig}")
    return result
