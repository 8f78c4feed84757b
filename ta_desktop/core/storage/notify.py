"""Live changes between the members of a team (PostgreSQL LISTEN/NOTIFY).

Every writing unit of work on PostgreSQL ends with ``pg_notify`` of what it changed (the
``Changes`` collected from its flushes, with the member's name and the id of the ``Database``
that wrote it), sent in the same transaction, so a notification exists exactly when the write
committed. ``ChangeFeed`` is a connection of its own that LISTENs: its ``fileno()`` becomes
readable when a notification arrives (the app watches it with a QSocketNotifier, no polling);
``poll()`` returns the Changes other windows and members made.
"""

from __future__ import annotations

import json
import logging

from sqlalchemy import event, text
from sqlalchemy.orm import Session, sessionmaker

from ta_desktop.core.domain.changes import Changes, Kind
from ta_desktop.core.storage.authorship import member_of
from ta_desktop.core.storage.changes import changes_of

log = logging.getLogger(__name__)

CHANNEL = "ta_desktop_changes"
ORIGIN = "ta_origin"  # Session.info key: the writing Database's id
_PAYLOAD_LIMIT = 7000  # PostgreSQL refuses payloads of 8000 bytes and more


def install(sessions: sessionmaker) -> None:
    event.listen(sessions, "before_commit", _notify)


def _payloads(changes: Changes, member: str, origin: str) -> list[str]:
    """JSON payloads of at most ``_PAYLOAD_LIMIT`` bytes that together name every change."""
    touched = sorted(([kind.value, record_id] for kind, record_id in changes.touched),
                     key=lambda item: (item[0], item[1] or 0))
    payloads, batch = [], []
    for item in touched:
        candidate = json.dumps({"by": member, "origin": origin, "touched": [*batch, item]})
        if batch and len(candidate.encode()) > _PAYLOAD_LIMIT:
            payloads.append(json.dumps({"by": member, "origin": origin, "touched": batch}))
            batch = []
        batch.append(item)
    if batch:
        payloads.append(json.dumps({"by": member, "origin": origin, "touched": batch}))
    return payloads


def _notify(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql" or ORIGIN not in session.info:
        return
    session.flush()  # what is still pending is part of the write too
    changes = changes_of(session)
    for payload in _payloads(changes, member_of(session), session.info[ORIGIN]) \
            if changes else ():
        session.execute(text("SELECT pg_notify(:channel, :payload)"),
                        {"channel": CHANNEL, "payload": payload})


def parse(payload: str) -> tuple[Changes, str]:
    """The Changes a notification names (their ``by`` the member) and the writer's origin."""
    data = json.loads(payload)
    touched = frozenset((Kind(kind), record_id) for kind, record_id in data["touched"])
    return Changes(touched, by=data.get("by", "")), data.get("origin", "")


class ChangeFeed:
    """A LISTENing connection to the team's database."""

    def __init__(self, engine, origin: str):
        self._origin = origin
        cargs, cparams = engine.dialect.create_connect_args(engine.url)
        self._connection = engine.dialect.loaded_dbapi.connect(*cargs, **cparams)
        self._connection.autocommit = True
        self._connection.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        return self._connection.fileno()

    def poll(self) -> list[Changes]:
        """What other windows and members committed since the last poll (never blocks)."""
        found = []
        for notification in self._connection.notifies(timeout=0):
            try:
                changes, origin = parse(notification.payload)
            except (ValueError, KeyError, TypeError) as error:
                log.warning("ignored a change notification: %s", error)
                continue
            if origin != self._origin:
                found.append(changes)
        return found

    def close(self) -> None:
        self._connection.close()
