"""How a copy read earlier is saved over the stored record: its version, then its child rows.

Every editable record carries a version (see ``orm.version_column``). A copy whose version is
not the stored one was read before another window saved: saving it would overwrite that save,
so it is refused with a ``ConflictError`` and nothing is written. A copy that passes the check
was read from exactly the rows stored now, so merging its children by id deletes only rows it
had read; history-like children (payments, order and dispute events) are never deleted at all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ta_desktop.core.domain.errors import ConflictError
from ta_desktop.core.storage.authorship import last_change


def conflict(what: str, by: str = "", at: datetime | None = None, me: str = ""
             ) -> ConflictError:
    """The sentence of a stale save; it names the colleague who saved meanwhile (``by``, at
    ``at``) when that is another member than ``me``, else "another window"."""
    where = "in another window"
    if by and by != me:
        where = f"by {by}" + (f" at {at:%H:%M} on {at:%Y-%m-%d}" if at else "")
    error = ConflictError(f"{what} was changed {where} since you opened it: reload it to see "
                          "the change; what you typed is still on screen.")
    error.changed_by, error.changed_at = by, at
    return error


def check_version(record, read_version: int | None, what: str) -> None:
    """Refuse a stale copy of ``record``: ``read_version`` is the version it was read at (None:
    read in this same locked transaction, current by construction)."""
    if read_version is not None and read_version != record.version:
        raise conflict(what, *last_change(record))


def next_version(record, read_version: int | None, what: str) -> None:
    """``check_version``, then count one more version of ``record``."""
    check_version(record, read_version, what)
    record.version = record.version + 1


def merge_children(current: list, items: list, to_record: Callable, *,
                   append_only: bool = False) -> list:
    """The children of a parent record after saving ``items`` over ``current``, matched by id:
    kept rows are updated in place, items without an id added. A current row missing from
    ``items`` is deleted (by the relationship's cascade) unless ``append_only``.

    Call it only after ``next_version`` accepted the copy: then ``items`` were read from the
    very rows in ``current`` and an item's id that is not there cannot happen."""
    by_id = {record.id: record for record in current}
    merged, added = [], []
    for item in items:
        fresh = to_record(item)
        kept = by_id.get(item.id) if item.id else None
        if kept is None:
            merged.append(fresh)
            added.append(fresh)
            continue
        for column in fresh.__table__.columns:
            if not column.primary_key and not column.foreign_keys:
                setattr(kept, column.key, getattr(fresh, column.key))
        merged.append(kept)
    # History keeps every row it had, in its order, and gains the new ones at the end.
    return [*current, *added] if append_only else merged
