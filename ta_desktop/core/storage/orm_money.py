"""Tables of an order's money beyond its payments: the payment schedule (PAY-SCHED) and the
landed cost (LAND). One ``order_money`` row per order carries the version of both; its children
are saved through it, so a stale copy of either is refused like any other record.

Exchange rates are kept as text: a rate may need more decimals than money (1 JPY = 0.006123 EUR).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ta_desktop.core.storage.orm import Base, member_column, version_column, versioned


class OrderMoneyRecord(Base):
    __tablename__ = "order_money"

    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    basis: Mapped[str] = mapped_column(String(20), default="value")
    version: Mapped[int] = version_column()
    changed_by: Mapped[str] = member_column()
    changed_at: Mapped[datetime | None]
    __mapper_args__ = versioned(version)

    instalments: Mapped[list[InstalmentRecord]] = relationship(
        cascade="all, delete-orphan", order_by="InstalmentRecord.position")
    costs: Mapped[list[LandedCostRecord]] = relationship(
        cascade="all, delete-orphan", order_by="LandedCostRecord.position")
    measures: Mapped[list[LineMeasureRecord]] = relationship(
        cascade="all, delete-orphan", order_by="LineMeasureRecord.id")
    payment_rates: Mapped[list[PaymentRateRecord]] = relationship(
        cascade="all, delete-orphan", order_by="PaymentRateRecord.id")


def _of_order() -> Mapped[int]:
    return mapped_column(ForeignKey("order_money.order_id", ondelete="CASCADE"), index=True)


class InstalmentRecord(Base):
    __tablename__ = "payment_instalments"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = _of_order()
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(100))
    event: Mapped[str] = mapped_column(String(30))
    percent: Mapped[Decimal | None]
    amount: Mapped[Decimal | None]
    days: Mapped[int] = mapped_column(Integer, default=0)


class LandedCostRecord(Base):
    __tablename__ = "landed_costs"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = _of_order()
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal | None]
    rate: Mapped[Decimal | None]
    reclaimable: Mapped[bool] = mapped_column(Boolean, default=False)
    paid_rate: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(default="")


class LineMeasureRecord(Base):
    __tablename__ = "line_measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = _of_order()
    line_id: Mapped[int] = mapped_column(
        ForeignKey("order_lines.id", ondelete="CASCADE"), unique=True)
    weight: Mapped[Decimal | None]
    volume: Mapped[Decimal | None]


class PaymentRateRecord(Base):
    __tablename__ = "payment_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = _of_order()
    payment_id: Mapped[int] = mapped_column(
        ForeignKey("payments.id", ondelete="CASCADE"), unique=True)
    rate: Mapped[str] = mapped_column(String(40))
