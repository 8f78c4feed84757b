"""SQLAlchemy tables. These classes never leave the storage package: repositories turn them into
domain dataclasses. The schema itself is created and upgraded by the Alembic migrations."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column, relationship


class ScaledDecimal(TypeDecorator):
    """An exact Decimal stored as an integer of 1/10,000 units: sortable and summable in SQL
    on every database, with none of SQLite's float rounding.

    A value that would be rounded or that does not fit 64 bits is refused (``ValueError``), never
    stored changed: the domain's bounds (``core.domain.bounds``) keep such values out first, so
    reaching this is a bug."""

    impl = BigInteger
    cache_ok = True
    SCALE = 4
    _LARGEST = 2**63 - 1

    def process_bind_param(self, value: Decimal | None, dialect) -> int | None:
        if value is None:
            return None
        scaled = Decimal(value).scaleb(self.SCALE)
        units = int(scaled.to_integral_value()) if scaled.is_finite() else None
        if units is None or units != scaled or abs(units) > self._LARGEST:
            raise ValueError(f"{value} cannot be stored exactly as money (at most "
                             f"{self.SCALE} decimals, within 64 bits); it was not rounded")
        return units

    def process_result_value(self, value: int | None, dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(value).scaleb(-self.SCALE)


def version_column() -> MappedColumn[int]:
    """The version of an editable record: 1 when inserted, raised by one with every save of it
    or its children. Repositories compare it with the version of the copy being saved
    (``ConflictError`` when stale); mapped as the ``version_id_col`` it also guards each UPDATE
    and DELETE with ``WHERE version = <the version read>``."""
    return mapped_column(Integer, default=1, server_default="1")


def member_column() -> MappedColumn[str]:
    """The team member who wrote a row (``authorship``: set at flush from the session's member);
    empty for rows written before members were recorded."""
    return mapped_column(String(100), default="", server_default="")


def versioned(column) -> dict:
    # The repositories set the next version themselves (version_id_generator=False).
    return {"version_id_col": column, "version_id_generator": False}


class Base(DeclarativeBase):
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads this class attribute)
        Decimal: ScaledDecimal(),
        str: String(255),
        date: Date(),
        datetime: DateTime(),
    }


class SupplierRecord(Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(index=True)
    country: Mapped[str] = mapped_column(String(100), default="")
    gold_supplier: Mapped[bool] = mapped_column(Boolean, default=False)
    gold_since: Mapped[int | None]
    trade_assurance: Mapped[bool] = mapped_column(Boolean, default=True)
    ta_limit_amount: Mapped[Decimal | None]
    ta_limit_currency: Mapped[str | None] = mapped_column(String(3))
    designated_account: Mapped[str] = mapped_column(String(500), default="", server_default="")
    contact_name: Mapped[str] = mapped_column(default="")
    email: Mapped[str] = mapped_column(default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    whatsapp: Mapped[str] = mapped_column(String(100), default="")
    wechat: Mapped[str] = mapped_column(String(100), default="")
    store_url: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()
    changed_by: Mapped[str] = member_column()
    changed_at: Mapped[datetime | None]
    __mapper_args__ = versioned(version)

    certificates: Mapped[list[CertificateRecord]] = relationship(
        back_populates="supplier", cascade="all, delete-orphan", order_by="CertificateRecord.id"
    )


class CertificateRecord(Base):
    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str]
    number: Mapped[str] = mapped_column(default="")
    issuer: Mapped[str] = mapped_column(default="")
    valid_until: Mapped[date | None] = mapped_column(index=True)
    file_path: Mapped[str] = mapped_column(String(1000), default="")
    kind: Mapped[str] = mapped_column(String(40), default="", server_default="")
    scope: Mapped[str] = mapped_column(String(500), default="", server_default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")
    file_name: Mapped[str] = mapped_column(String(500), default="", server_default="")

    supplier: Mapped[SupplierRecord] = relationship(back_populates="certificates")


class OrderRecord(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_number: Mapped[str] = mapped_column(String(64), unique=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="RESTRICT"), index=True
    )
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(40), index=True)
    online: Mapped[bool] = mapped_column(Boolean, default=True)
    incoterm: Mapped[str] = mapped_column(String(3), default="")
    shipment_date: Mapped[date | None] = mapped_column(index=True)
    payment_method: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_on: Mapped[date | None] = mapped_column(index=True)
    spec_text: Mapped[str] = mapped_column(Text, default="")
    spec_score: Mapped[int | None]
    # RC-WINDOW and DS-WINDOW (revision 0009): facts copied from the platform or seen by the buyer.
    shipping_method: Mapped[str | None] = mapped_column(String(20))
    confirm_receipt_by: Mapped[date | None]
    arrived_on: Mapped[date | None]
    # The rule profile version in force when the order was sent (revision 0010).
    profile_version: Mapped[int | None]
    # The order total, kept in step with the lines by the repository so lists sort by it in SQL.
    total_amount: Mapped[Decimal] = mapped_column(default=Decimal(0), index=True)
    # The day it shipped (its last "shipped" event), kept by the repository likewise: the
    # supplier scorecard aggregates it over every order (index in ``orm_inspections``).
    shipped_on: Mapped[date | None]
    version: Mapped[int] = version_column()
    changed_by: Mapped[str] = member_column()
    changed_at: Mapped[datetime | None]
    __mapper_args__ = versioned(version)

    lines: Mapped[list[OrderLineRecord]] = relationship(
        cascade="all, delete-orphan", order_by="OrderLineRecord.position"
    )
    payments: Mapped[list[PaymentRecord]] = relationship(
        cascade="all, delete-orphan", order_by="PaymentRecord.id"
    )
    events: Mapped[list[OrderEventRecord]] = relationship(
        cascade="all, delete-orphan", order_by="OrderEventRecord.id"
    )
    supplier: Mapped[SupplierRecord] = relationship()


class OrderLineRecord(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    product: Mapped[str] = mapped_column(String(500))
    sku: Mapped[str] = mapped_column(String(100), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(20), default="pcs")
    unit_price: Mapped[Decimal]


class PaymentRecord(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    amount: Mapped[Decimal]
    paid_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20))
    method: Mapped[str | None] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(default="")
    payee: Mapped[str] = mapped_column(String(500), default="", server_default="")
    recorded_by: Mapped[str] = member_column()
    recorded_at: Mapped[datetime | None]


class OrderEventRecord(Base):
    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    on: Mapped[date]
    from_status: Mapped[str | None] = mapped_column(String(40))
    to_status: Mapped[str] = mapped_column(String(40))
    party: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[str] = member_column()


class SettingRecord(Base):
    """User settings that belong with the data (rule-profile overrides, holiday edits...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = version_column()
    changed_by: Mapped[str] = member_column()
    changed_at: Mapped[datetime | None]
    __mapper_args__ = versioned(version)



class EvidenceRecord(Base):
    """A file attached to an order. The bytes live in the evidence store under ``sha256``."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    # The dispute claim it supports; a plain id until claims have their own table.
    claim_id: Mapped[int | None] = mapped_column(index=True)
    original_name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    detected_type: Mapped[str | None] = mapped_column(String(20))
    width: Mapped[int | None]
    height: Mapped[int | None]
    captured_at: Mapped[datetime | None]
    caption: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime]
    added_by: Mapped[str] = member_column()
    # Removing evidence moves it here; only emptying the trash deletes it.
    trashed_at: Mapped[datetime | None] = mapped_column(index=True)
    version: Mapped[int] = version_column()
    changed_by: Mapped[str] = member_column()
    changed_at: Mapped[datetime | None]
    __mapper_args__ = versioned(version)


class DisputeRecord(Base):
    """A dispute on an order: its claim; the workflow lives in its dated events."""

    __tablename__ = "disputes"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    claim: Mapped[str] = mapped_column(String(40))
    requested_amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    claim_text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()
    changed_by: Mapped[str] = member_column()
    changed_at: Mapped[datetime | None]
    __mapper_args__ = versioned(version)

    events: Mapped[list[DisputeEventRecord]] = relationship(
        cascade="all, delete-orphan", order_by="DisputeEventRecord.id"
    )


class DisputeEventRecord(Base):
    __tablename__ = "dispute_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(
        ForeignKey("disputes.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    on: Mapped[date]
    party: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    amount: Mapped[Decimal | None]
    accepted: Mapped[bool | None] = mapped_column(Boolean)
    outcome: Mapped[str | None] = mapped_column(String(40))
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    rule: Mapped[str | None] = mapped_column(String(20))
    recorded_by: Mapped[str] = member_column()
    recorded_at: Mapped[datetime | None]


# Evidence bytes in the database, for a team on a server (``team_blobs``): one row per distinct
# content, its bytes in chunks of at most 1 MiB, so no file is ever held whole in memory. Plain
# tables, not mapped classes: they hold bytes, not records a screen shows (no change kind).
evidence_blobs = Table(
    "evidence_blobs", Base.metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("added_at", DateTime, nullable=False),
)
evidence_blob_chunks = Table(
    "evidence_blob_chunks", Base.metadata,
    Column("sha256", String(64), ForeignKey("evidence_blobs.sha256", ondelete="CASCADE"),
           primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("data", LargeBinary, nullable=False),
)
