"""Who did what: every row a transaction writes is stamped with the team member it was written
for (``Database.member``, put in each session's info) and the time.

A ``before_flush`` listener, like the change collector, so no write can forget it: new history
entries, payments, dispute events and evidence files get their ``recorded_by``/``added_by`` (and
``recorded_at`` when the domain did not date them); every editable record inserted or changed
gets ``changed_by``/``changed_at``, which a ``ConflictError`` names ("changed by Lily at 14:02").
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, object_session

from ta_desktop.core.storage.orm import EvidenceRecord

MEMBER = "ta_member"  # Session.info key: the member's name


def member_of(session: Session | None) -> str:
    return session.info.get(MEMBER, "") if session is not None else ""


def stamp(session: Session, _flush_context, _instances) -> None:
    member, now = member_of(session), datetime.now().replace(microsecond=0)
    for record in session.new:
        if hasattr(record, "recorded_by") and not record.recorded_by:
            record.recorded_by = member
        if hasattr(record, "recorded_at") and record.recorded_at is None:
            record.recorded_at = now
        if isinstance(record, EvidenceRecord) and not record.added_by:
            record.added_by = member
    for record in (*session.new, *session.dirty):
        if hasattr(record, "changed_by") and (record in session.new
                                              or session.is_modified(record)):
            record.changed_by, record.changed_at = member, now


def last_change(record) -> tuple[str, datetime | None, str]:
    """Who last changed ``record`` and when, and the member of the session reading it."""
    return (getattr(record, "changed_by", "") or "", getattr(record, "changed_at", None),
            member_of(object_session(record)))
