"""Work the crash test kills at random moments, each in a process of its own.

Every worker sets ``started`` first (the kill's clock starts then, not at the fork), and
writes a line to its ``markers`` file after each thing that is done and
committed (one ``os.write`` of a short line in append mode; a line cut short by the kill is
ignored). After the kill, everything a complete line names must be in the database.
"""

from __future__ import annotations

import os
from pathlib import Path

from ta_desktop.core.services.backup import restore
from ta_desktop.core.services.workspace import Workspace, locate
from ta_desktop.core.storage.db import Database, known_revisions, tables_at
from tests.factories import make_supplier

# Worked out once in the fork server, so that a worker's time goes to the work itself.
known_revisions()
tables_at("0001")


def mark(markers: str, text: str) -> None:
    descriptor = os.open(markers, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, f"{text}\n".encode())
    finally:
        os.close(descriptor)


def done(markers: str) -> list[str]:
    """The complete lines of a markers file."""
    try:
        with open(markers, encoding="utf-8") as stream:
            text = stream.read()
    except FileNotFoundError:
        return []
    return text.split("\n")[:-1]  # the last piece has no newline: cut short, or empty


def open_and_write(started, path: str, markers: str, writes: int) -> None:
    """Create or upgrade the database by opening it (an upgrade after a full backup), then
    commit suppliers one by one."""
    started.set()
    _write(Workspace.open(path), markers, writes)


def upgrade_only_and_write(started, path: str, markers: str, writes: int) -> None:
    """The upgrade without the backup before it, so that more kills fall inside it."""
    started.set()
    db = Database.open(path, before_upgrade=lambda _db: None)
    _write(Workspace(db, Path(path).with_name(f"{Path(path).stem}-files")), markers, writes)


def _write(workspace: Workspace, markers: str, writes: int) -> None:
    mark(markers, "opened")
    for number in range(writes):
        save_supplier(workspace, markers, f"Written {number}")
    workspace.close()


def save_supplier(workspace: Workspace, markers: str, name: str) -> None:
    workspace.suppliers.save(make_supplier(name))
    mark(markers, f"supplier {name}")


def back_up_and_write(started, path: str, markers: str, rounds: int) -> None:
    """Back up into the backups folder, and commit a supplier between two backups."""
    started.set()
    workspace = Workspace.open(path)
    for number in range(rounds):
        mark(markers, f"backup {workspace.backups.back_up().path}")
        save_supplier(workspace, markers, f"Between backups {os.getpid()}-{number}")
    workspace.close()


def restore_into(started, archive: str, path: str, markers: str) -> None:
    """Restore a backup over a database that holds data (``--force``)."""
    started.set()
    restore(Path(archive), Path(path), locate(path)[1], force=True)
    mark(markers, "restored")


def import_evidence(started, path: str, markers: str, files: list[str]) -> None:
    """Import evidence files onto the first order one by one (the copy into the store, then
    the row), marking each one committed."""
    started.set()
    workspace = Workspace.open(path)
    order_id = workspace.orders.rows()[0].id
    for name in files:
        for item in workspace.evidence.add_files(order_id, [Path(name)]).value:
            mark(markers, f"evidence {item.sha256}")
    workspace.close()
