"""The inspections of an order (``core.domain.inspections``): one row per inspection, its report
an evidence row of the same order. Shares the one ``Base`` of ``orm.py``."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ta_desktop.core.storage.orm import (
    Base,
    OrderRecord,
    member_column,
    version_column,
    versioned,
)


class InspectionRecord(Base):
    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    inspector: Mapped[str] = mapped_column(String(200))
    on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(30))
    aql_plan: Mapped[str] = mapped_column(String(500), default="")
    result: Mapped[str] = mapped_column(String(20), index=True)
    # The report is evidence of the order; purging that evidence leaves the inspection.
    report_evidence_id: Mapped[int | None] = mapped_column(
        ForeignKey("evidence.id", ondelete="SET NULL"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()
    changed_by: Mapped[str] = member_column()
    changed_at: Mapped[datetime | None]
    __mapper_args__ = versioned(version)


# The supplier list's scorecard columns read only this index (a covering index): one pass over
# it groups 100k orders by supplier without touching the wide orders table.
Index("ix_orders_scorecard", OrderRecord.supplier_id, OrderRecord.shipped_on,
      OrderRecord.shipment_date, OrderRecord.spec_score)
