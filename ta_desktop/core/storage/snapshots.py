"""Deletes that can be undone: the rows of a record and of everything that hangs off it by a
foreign key (lines, payments, history, dispute, evidence rows, and any table added later), read
in the transaction that deletes them, and written back unchanged — same ids, versions and
stamps — when the user undoes the delete. Evidence files stay in the store meanwhile (a
deleted order's files are kept: see Check data), so the rows find them again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ta_desktop.core.domain.changes import Changes
from ta_desktop.core.domain.errors import NotAllowed
from ta_desktop.core.storage.changes import note_touched
from ta_desktop.core.storage.orm import Base


@dataclass(frozen=True)
class Snapshot:
    """What a delete removed, parents first; opaque to the screens that keep it for Undo."""

    what: str  # "order TA-2026-0113", for the Undo menu and messages
    tables: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    touched: Changes

    def __bool__(self) -> bool:
        return any(rows for _name, rows in self.tables)


def take(session: Session, roots: dict[Table, list[int]], what: str,
         touched: Changes) -> Snapshot:
    """The rows of each root table with those ids, and every row that refers to one of them,
    recursively."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:  # parents before the tables that refer to them
        found: dict[tuple, dict[str, Any]] = {}
        if roots.get(table):
            for row in _rows(session, table, table.c.id.in_(roots[table])):
                found[_key(table, row)] = row
        for key in table.foreign_keys:
            values = {row[key.column.name] for row in rows.get(key.column.table.name, ())}
            for row in _rows(session, table, key.parent.in_(values)) if values else ():
                found[_key(table, row)] = row
        if found:
            rows[table.name] = list(found.values())
    ordered = tuple((name, tuple(found)) for name, found in rows.items())
    return Snapshot(what, ordered, touched)


def put_back(session: Session, snapshot: Snapshot) -> None:
    """Write the rows back as they were. Refused, writing nothing, when a record saved since
    took the place of one of them (its id, number or name)."""
    taken = NotAllowed(f"The {snapshot.what} cannot come back: a record saved since has taken "
                       "its place (its number or name).")
    for name, rows in snapshot.tables:
        table = Base.metadata.tables[name]
        if _rows(session, table, _primary_key_in(table, [_key(table, row) for row in rows])):
            raise taken
        try:
            session.execute(table.insert(), list(rows))
        except IntegrityError as error:
            raise taken from error
    note_touched(session, snapshot.touched)


def _rows(session: Session, table: Table, where) -> list[dict[str, Any]]:
    return [dict(row) for row in session.execute(select(table).where(where)).mappings()]


def _key(table: Table, row: dict[str, Any]) -> tuple:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _primary_key_in(table: Table, keys: list[tuple]):
    columns = list(table.primary_key.columns)
    if len(columns) == 1:
        return columns[0].in_([key[0] for key in keys])
    return tuple_(*columns).in_(keys)
