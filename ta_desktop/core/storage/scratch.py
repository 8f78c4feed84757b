"""Scratch space for checks over files too big to hold in memory.

``SeenKeys`` remembers strings (order numbers of a file being imported) with the row each was
first seen on. It lives in a private temporary SQLite database, which keeps a few pages in memory
and the rest in a temporary file deleted when it is closed: a million keys cost the same memory
as a thousand. It has nothing to do with the app's own database.
"""

from __future__ import annotations

import sqlite3


class SeenKeys:
    def __init__(self) -> None:
        # "": a temporary database on disk, private to this connection, removed on close.
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE seen (key TEXT PRIMARY KEY, row INTEGER) WITHOUT ROWID")
        self._db.execute("BEGIN")

    def first_seen(self, key: str, row: int) -> int | None:
        """Remember ``key`` at ``row``; if it was already seen, the row it was first seen on."""
        cursor = self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (key, row))
        if cursor.rowcount == 1:
            return None
        return self._db.execute("SELECT row FROM seen WHERE key = ?", (key,)).fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SeenKeys:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()
