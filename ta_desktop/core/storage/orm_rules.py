"""Tables of the rule profile's history and of modification requests (issue 13)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ta_desktop.core.storage.orm import Base, member_column


class RuleProfileRecord(Base):
    """One version of the rule profile: the whole profile as a file holds it (JSON), who made
    it, when and why. Never changed once written."""

    __tablename__ = "rule_profiles"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str]
    source: Mapped[str] = mapped_column(Text)
    date: Mapped[str] = mapped_column(String(10))
    data: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[str] = member_column()
    changed_at: Mapped[datetime]


class ModificationRequestRecord(Base):
    """MOD-REQ: what the buyer asked to change (JSON of the proposed values) and the answer."""

    __tablename__ = "modification_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    requested_on: Mapped[date]
    proposed: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))
    answered_on: Mapped[date | None]
    answer_note: Mapped[str] = mapped_column(Text, default="")
    applied: Mapped[str] = mapped_column(Text, default="")
    previous_spec_text: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = member_column()
