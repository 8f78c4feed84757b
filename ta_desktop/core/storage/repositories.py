"""Repositories: a Session in, domain dataclasses out. ORM objects never leave this module."""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from ta_desktop.core.domain.entities import (
    Action,
    Certificate,
    ListQuery,
    Order,
    OrderEvent,
    OrderLine,
    OrderRow,
    Payment,
    Supplier,
    SupplierRow,
)
from ta_desktop.core.domain.errors import NotFound
from ta_desktop.core.domain.types import (
    Money,
    OrderStatus,
    Party,
    PaymentMethod,
    PaymentStatus,
    ShippingMethod,
)
from ta_desktop.core.storage.locking import lock_key, lock_rows
from ta_desktop.core.storage.orm import (
    CertificateRecord,
    OrderEventRecord,
    OrderLineRecord,
    OrderRecord,
    PaymentRecord,
    SettingRecord,
    SupplierRecord,
)
from ta_desktop.core.storage.saving import (
    check_version,
    conflict,
    merge_children,
    next_version,
)
from ta_desktop.core.storage.search_index import (
    broad_prefix,
    in_list_order,
    order_matches,
)


def _containing(text: str, *columns) -> ColumnElement[bool]:
    """Any of ``columns`` contains ``text``, ignoring case on every engine: ILIKE on PostgreSQL
    (indexed by pg_trgm, revision 0005), lower() LIKE lower() on SQLite."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(*(column.ilike(f"%{escaped}%", escape="\\") for column in columns))


class SupplierRepository:
    SORT_COLUMNS = {  # noqa: RUF012
        "name": SupplierRecord.name,
        "country": SupplierRecord.country,
        "gold_supplier": SupplierRecord.gold_supplier,
        "trade_assurance": SupplierRecord.trade_assurance,
    }

    def __init__(self, session: Session):
        self.session = session

    def _record(self, supplier_id: int) -> SupplierRecord:
        record = self.session.get(SupplierRecord, supplier_id,
                                  with_for_update=lock_rows(self.session))
        if record is None:
            raise NotFound(f"Supplier #{supplier_id} does not exist (any more).")
        return record

    def get(self, supplier_id: int) -> Supplier:
        return _supplier(self._record(supplier_id))

    def find_by_name(self, name: str) -> Supplier | None:
        record = self.session.scalars(
            select(SupplierRecord).where(SupplierRecord.name == name)
        ).first()
        return _supplier(record) if record else None

    def save(self, supplier: Supplier) -> Supplier:
        """Insert, or update the stored supplier from a copy read at ``supplier.version``
        (``ConflictError`` when another save came in between)."""
        if supplier.id:
            record = self._record(supplier.id)
            next_version(record, supplier.version, f"Supplier {record.name}")
        else:
            record = SupplierRecord()
        record.name = supplier.name
        record.country = supplier.country
        record.gold_supplier = supplier.gold_supplier
        record.gold_since = supplier.gold_since
        record.trade_assurance = supplier.trade_assurance
        record.ta_limit_amount = supplier.ta_limit.amount if supplier.ta_limit else None
        record.ta_limit_currency = supplier.ta_limit.currency if supplier.ta_limit else None
        for name in ("contact_name", "email", "phone", "whatsapp", "wechat", "store_url", "notes",
                     "designated_account"):
            setattr(record, name, getattr(supplier, name))
        record.certificates = merge_children(
            record.certificates,
            supplier.certificates,
            lambda c: CertificateRecord(
                name=c.name, number=c.number, issuer=c.issuer,
                valid_until=c.valid_until, file_path=c.file_path, kind=c.kind, scope=c.scope,
                file_sha256=c.file_sha256, file_name=c.file_name,
            ),
        )
        if supplier.id is None:
            self.session.add(record)
        self.session.flush()
        return _supplier(record)

    def delete(self, supplier_id: int, version: int | None = None) -> None:
        """Delete the supplier; with ``version``, only if it is still the one read."""
        record = self._record(supplier_id)
        check_version(record, version, f"Supplier {record.name}")
        self.session.delete(record)
        self.session.flush()

    def order_count(self, supplier_id: int) -> int:
        return self.session.scalar(
            select(func.count()).where(OrderRecord.supplier_id == supplier_id)
        ) or 0

    def _filtered(self, query: ListQuery) -> Select:
        statement = select(SupplierRecord)
        if query.text:
            statement = statement.where(_containing(
                query.text, SupplierRecord.name, SupplierRecord.country,
                SupplierRecord.contact_name, SupplierRecord.email))
        return statement

    def count(self, query: ListQuery) -> int:
        subquery = self._filtered(query).with_only_columns(SupplierRecord.id).subquery()
        return self.session.scalar(select(func.count()).select_from(subquery)) or 0

    def rows(
        self, query: ListQuery, offset: int = 0, limit: int | None = None
    ) -> list[SupplierRow]:
        orders = (
            select(func.count(OrderRecord.id))
            .where(OrderRecord.supplier_id == SupplierRecord.id)
            .correlate(SupplierRecord)
            .scalar_subquery()
        )
        column = self.SORT_COLUMNS.get(query.sort, SupplierRecord.name)
        key = orders if query.sort == "order_count" else column
        statement = (
            self._filtered(query)
            .add_columns(orders)
            .order_by(key.desc() if query.descending else key.asc(), SupplierRecord.id)
            .offset(offset)
            .limit(limit)
        )
        return [
            SupplierRow(
                id=r.id, name=r.name, country=r.country, gold_supplier=r.gold_supplier,
                gold_since=r.gold_since, trade_assurance=r.trade_assurance, order_count=count,
            )
            for r, count in self.session.execute(statement)
        ]

    def names(self) -> list[tuple[int, str]]:
        statement = select(SupplierRecord.id, SupplierRecord.name).order_by(SupplierRecord.name)
        return [(row.id, row.name) for row in self.session.execute(statement)]

    def by_names(self, names: Iterable[str]) -> dict[str, Supplier]:
        """The stored suppliers called one of ``names`` (the first, where two share a name)."""
        statement = (select(SupplierRecord).where(SupplierRecord.name.in_(set(names)))
                     .options(selectinload(SupplierRecord.certificates))
                     .order_by(SupplierRecord.id))
        found: dict[str, Supplier] = {}
        for record in self.session.scalars(statement):
            found.setdefault(record.name, _supplier(record))
        return found

    def by_ids(self, ids: Iterable[int]) -> list[Supplier]:
        statement = (select(SupplierRecord).where(SupplierRecord.id.in_(list(ids)))
                     .options(selectinload(SupplierRecord.certificates))
                     .order_by(SupplierRecord.id))
        return [_supplier(record) for record in self.session.scalars(statement)]

    def after(self, query: ListQuery, after_id: int, limit: int) -> list[Supplier]:
        """The next ``limit`` suppliers of ``query`` in the order they were added, after the
        one with id ``after_id``: an export reads the whole list page by page."""
        statement = (self._filtered(query).where(SupplierRecord.id > after_id)
                     .options(selectinload(SupplierRecord.certificates))
                     .order_by(SupplierRecord.id).limit(limit))
        return [_supplier(record) for record in self.session.scalars(statement)]


def _supplier(record: SupplierRecord) -> Supplier:
    limit = (
        Money(record.ta_limit_amount, record.ta_limit_currency)
        if record.ta_limit_amount is not None and record.ta_limit_currency
        else None
    )
    return Supplier(
        id=record.id, name=record.name, country=record.country,
        gold_supplier=record.gold_supplier, gold_since=record.gold_since,
        trade_assurance=record.trade_assurance, ta_limit=limit,
        contact_name=record.contact_name, email=record.email, phone=record.phone,
        whatsapp=record.whatsapp, wechat=record.wechat, store_url=record.store_url,
        notes=record.notes, designated_account=record.designated_account,
        version=record.version,
        certificates=[
            Certificate(
                id=c.id, name=c.name, number=c.number, issuer=c.issuer,
                valid_until=c.valid_until, file_path=c.file_path, kind=c.kind, scope=c.scope,
                file_sha256=c.file_sha256, file_name=c.file_name,
            )
            for c in record.certificates
        ],
    )


class OrderRepository:
    SORT_COLUMNS = {  # noqa: RUF012
        "order_number": OrderRecord.order_number,
        "supplier": SupplierRecord.name,
        "status": OrderRecord.status,
        "online": OrderRecord.online,
        "total": OrderRecord.total_amount,
        "currency": OrderRecord.currency,
        "shipment_date": OrderRecord.shipment_date,
        "created_on": OrderRecord.created_on,
        "spec_score": OrderRecord.spec_score,
    }

    def __init__(self, session: Session):
        self.session = session

    def _record(self, order_id: int) -> OrderRecord:
        record = self.session.get(
            OrderRecord, order_id, with_for_update=lock_rows(self.session),
            options=[selectinload(OrderRecord.lines), selectinload(OrderRecord.payments),
                     selectinload(OrderRecord.events), selectinload(OrderRecord.supplier)],
        )
        if record is None:
            raise NotFound(f"Order #{order_id} does not exist (any more).")
        return record

    def get(self, order_id: int) -> Order:
        return _order(self._record(order_id))

    def id_of(self, order_number: str) -> int | None:
        """The id of that order number; in a writing unit of work nobody else may take the number
        until it ends (so checking it, then saving, cannot break the unique key)."""
        lock_key(self.session, f"order_number:{order_number}")
        return self.session.scalar(
            select(OrderRecord.id).where(OrderRecord.order_number == order_number)
        )

    def save(self, order: Order) -> Order:
        """Insert, or update the stored order from a copy read at ``order.version``
        (``ConflictError`` when another save came in between), with its lines; payments and
        events are only ever added or updated, never deleted."""
        if order.id:
            record = self._record(order.id)
            next_version(record, order.version, f"Order {record.order_number}")
        else:
            record = OrderRecord()
        self._fill(record, order)
        if order.id is None:
            self.session.add(record)
        self.session.flush()
        return _order(record)

    def add_all(self, orders: Iterable[Order]) -> None:
        """Insert new orders with their lines and history in one flush, reading nothing back
        (a batch of an import: a few statements for hundreds of orders)."""
        self.session.add_all(self._fill(OrderRecord(), order) for order in orders)
        self.session.flush()

    @staticmethod
    def _fill(record: OrderRecord, order: Order) -> OrderRecord:
        for name in ("order_number", "supplier_id", "currency", "online", "incoterm",
                     "shipment_date", "notes", "created_on", "spec_text", "spec_score",
                     "confirm_receipt_by", "arrived_on", "profile_version"):
            setattr(record, name, getattr(order, name))
        record.shipping_method = order.shipping_method.value if order.shipping_method else None
        record.status = order.status.value
        record.payment_method = order.payment_method.value if order.payment_method else None
        record.total_amount = order.total.amount
        record.shipped_on = order.date_of(Action.MARK_SHIPPED)
        positions = {id(line): index for index, line in enumerate(order.lines)}
        record.lines = merge_children(
            record.lines,
            order.lines,
            lambda line: OrderLineRecord(
                position=positions[id(line)], product=line.product, sku=line.sku,
                quantity=line.quantity, unit=line.unit, unit_price=line.unit_price,
            ),
        )
        record.payments = merge_children(
            record.payments,
            order.payments,
            lambda p: PaymentRecord(
                amount=p.amount, paid_on=p.paid_on, status=p.status.value,
                method=p.method.value if p.method else None, reference=p.reference,
                payee=p.payee, recorded_by=p.recorded_by, recorded_at=p.recorded_at,
            ),
            append_only=True,
        )
        record.events = merge_children(
            record.events,
            order.events,
            lambda e: OrderEventRecord(
                action=e.action.value, on=e.on,
                from_status=e.from_status.value if e.from_status else None,
                to_status=e.to_status.value, party=e.party.value if e.party else None,
                note=e.note, recorded_at=e.recorded_at, recorded_by=e.recorded_by,
            ),
            append_only=True,
        )
        return record

    def delete(self, order_id: int, version: int | None = None) -> None:
        """Delete the order; with ``version``, only if it is still the one read."""
        record = self._record(order_id)
        check_version(record, version, f"Order {record.order_number}")
        self.session.delete(record)
        self.session.flush()

    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def _filtered(self, query: ListQuery, text: bool = True) -> Select:
        statement = select(OrderRecord).join(SupplierRecord)
        if query.status is not None:
            statement = statement.where(OrderRecord.status == query.status.value)
        if query.supplier_id is not None:
            statement = statement.where(OrderRecord.supplier_id == query.supplier_id)
        if query.text and text:
            statement = statement.where(order_matches(query.text, self._dialect()))
        return statement

    def _sorted(self, query: ListQuery, column: ColumnElement, descending: bool) -> Select:
        """The list in the order asked; by date, a search's page comes straight out of an index
        in that order when the engine has one (a page then costs a page, not every match)."""
        by_date = bool(query.text) and column is OrderRecord.created_on
        indexed = in_list_order(query.text, self._dialect()) if by_date else None
        if indexed is not None:
            joined, key = indexed
            return self._filtered(query, text=False).join(key.table, joined).order_by(
                key.desc() if descending else key.asc())
        walked = broad_prefix(self.session, query.text) if by_date else None
        statement = self._filtered(query) if walked is None else \
            self._filtered(query, text=False).where(walked)
        return statement.order_by(column.desc() if descending else column.asc(),
                                  OrderRecord.id.desc() if descending else OrderRecord.id.asc())

    def count(self, query: ListQuery) -> int:
        subquery = self._filtered(query).with_only_columns(OrderRecord.id).subquery()
        return self.session.scalar(select(func.count()).select_from(subquery)) or 0

    def rows(self, query: ListQuery, offset: int = 0, limit: int | None = None,
             key: ColumnElement | None = None) -> list[OrderRow]:
        """A page of the list; ``key``: a sort expression a feature gives for ``query.sort``
        (the total in the home currency)."""
        column = key if key is not None else self.SORT_COLUMNS.get(query.sort,
                                                                   OrderRecord.created_on)
        descending = query.descending if key is not None or query.sort in self.SORT_COLUMNS \
            else True
        statement = (
            self._sorted(query, column, descending)
            .with_only_columns(
                OrderRecord.id, OrderRecord.order_number, SupplierRecord.name,
                OrderRecord.status, OrderRecord.online, OrderRecord.total_amount,
                OrderRecord.currency, OrderRecord.shipment_date, OrderRecord.created_on,
                OrderRecord.spec_score,
            )
            .offset(offset)
            .limit(limit)
        )
        return [
            OrderRow(
                id=r.id, order_number=r.order_number, supplier_name=r.name,
                status=OrderStatus(r.status), online=r.online,
                total=Money(r.total_amount, r.currency), shipment_date=r.shipment_date,
                created_on=r.created_on, spec_score=r.spec_score,
            )
            for r in self.session.execute(statement)
        ]

    def supplier_names(self, order_ids: Iterable[int]) -> dict[int, str]:
        """The supplier's name of each order given (what a list of deadlines shows)."""
        ids = sorted(set(order_ids))
        names: dict[int, str] = {}
        for start in range(0, len(ids), 500):  # bounded IN lists
            statement = (select(OrderRecord.id, SupplierRecord.name)
                         .join(SupplierRecord, OrderRecord.supplier_id == SupplierRecord.id)
                         .where(OrderRecord.id.in_(ids[start:start + 500])))
            names.update((row.id, row.name) for row in self.session.execute(statement))
        return names

    _WHOLE = (selectinload(OrderRecord.lines), selectinload(OrderRecord.payments),
              selectinload(OrderRecord.events), selectinload(OrderRecord.supplier))

    def by_numbers(self, numbers: Iterable[str]) -> dict[str, Order]:
        """The stored orders among ``numbers``, in one query (an import's batch)."""
        found = self._whole(OrderRecord.order_number.in_(set(numbers)))
        return {order.order_number: order for order in found}

    def ids_with_status(self, status: OrderStatus) -> list[int]:
        return list(self.session.scalars(
            select(OrderRecord.id).where(OrderRecord.status == status.value)
            .order_by(OrderRecord.id)))

    def with_ids(self, ids: Iterable[int]) -> list[Order]:
        """The orders ``ids`` name, whole, in one query (and one per kind of child)."""
        return self._whole(OrderRecord.id.in_(list(ids)))

    def _whole(self, condition: ColumnElement[bool]) -> list[Order]:
        statement = select(OrderRecord).where(condition).options(*self._WHOLE)
        return [_order(record) for record in self.session.scalars(statement)]

    def after(self, query: ListQuery, after_id: int, limit: int) -> list[Order]:
        """The next ``limit`` whole orders of ``query`` in the order they were added, after
        the one with id ``after_id``: an export reads the whole list page by page."""
        statement = (self._filtered(query).where(OrderRecord.id > after_id)
                     .options(*self._WHOLE).order_by(OrderRecord.id).limit(limit))
        return [_order(record) for record in self.session.scalars(statement)]


def _order(record: OrderRecord) -> Order:
    return Order(
        id=record.id,
        order_number=record.order_number,
        supplier_id=record.supplier_id,
        supplier_name=record.supplier.name if record.supplier else "",
        currency=record.currency,
        status=OrderStatus(record.status),
        online=record.online,
        incoterm=record.incoterm,
        shipment_date=record.shipment_date,
        payment_method=PaymentMethod(record.payment_method) if record.payment_method else None,
        notes=record.notes,
        created_on=record.created_on,
        spec_text=record.spec_text,
        spec_score=record.spec_score,
        shipping_method=ShippingMethod(record.shipping_method) if record.shipping_method
        else None,
        confirm_receipt_by=record.confirm_receipt_by,
        arrived_on=record.arrived_on,
        profile_version=record.profile_version,
        version=record.version,
        lines=[
            OrderLine(id=r.id, product=r.product, sku=r.sku, quantity=r.quantity,
                      unit=r.unit, unit_price=r.unit_price)
            for r in record.lines
        ],
        payments=[
            Payment(id=r.id, amount=r.amount, paid_on=r.paid_on,
                    status=PaymentStatus(r.status),
                    method=PaymentMethod(r.method) if r.method else None, reference=r.reference,
                    payee=r.payee, recorded_by=r.recorded_by, recorded_at=r.recorded_at)
            for r in record.payments
        ],
        events=[
            OrderEvent(id=r.id, action=Action(r.action), on=r.on,
                       from_status=OrderStatus(r.from_status) if r.from_status else None,
                       to_status=OrderStatus(r.to_status),
                       party=Party(r.party) if r.party else None,
                       note=r.note, recorded_at=r.recorded_at, recorded_by=r.recorded_by)
            for r in record.events
        ],
    )


class SettingsRepository:
    """JSON values by key, each with its version (0 for a key never stored)."""

    def __init__(self, session: Session):
        self.session = session

    def _record(self, key: str) -> SettingRecord | None:
        lock_key(self.session, f"setting:{key}")
        return self.session.get(SettingRecord, key, with_for_update=lock_rows(self.session))

    def get(self, key: str, default: Any = None) -> Any:
        return self.get_versioned(key, default)[0]

    def get_versioned(self, key: str, default: Any = None) -> tuple[Any, int]:
        record = self._record(key)
        return (json.loads(record.value), record.version) if record else (default, 0)

    def put(self, key: str, value: Any, version: int | None = None,
            label: str | None = None) -> None:
        """Store ``value``; with ``version`` (the version it was read at) only if nobody stored
        another value since (else ``ConflictError`` naming ``label``)."""
        text = json.dumps(value, default=lambda v: str(v) if isinstance(v, Decimal) else v)
        record = self._record(key)
        what = f"The setting '{label or key}'"
        if record is None:
            if version:
                raise conflict(what)  # read when stored, gone now: settings are never deleted
            record = SettingRecord(key=key, value=text)
            self.session.add(record)
        else:
            next_version(record, version, what)
            record.value = text
        self.session.flush()
