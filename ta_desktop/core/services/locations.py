"""The app's name and the user's data folder: what start-up needs before the database layer
has loaded (the window shows first; ``workspace`` opens the database after)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

APP_NAME = "TA Desktop"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def shown_target(target: str | None) -> str:
    """A database as start-up names it before opening it: a file's path, a server's address
    without user or password, "your database" for the default one."""
    if target is None:
        return "your database"
    if "://" not in target:
        return target
    parts = urlsplit(target)
    return f"{parts.hostname or ''}{':' + str(parts.port) if parts.port else ''}{parts.path}"
