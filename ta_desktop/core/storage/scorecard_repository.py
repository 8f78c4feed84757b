"""Supplier scorecards from the database: the list's columns as SQL aggregates (one grouped
pass over a covering index of the orders, so sorting 100k orders' suppliers by on-time rate
stays fast), and one supplier's plain order facts for ``core.domain.scorecard``."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Float, and_, case, cast, func, select
from sqlalchemy.orm import Session

from ta_desktop.core.domain.entities import ListQuery, SupplierRow
from ta_desktop.core.domain.inspections import InspectionResult
from ta_desktop.core.domain.scorecard import OrderFacts, dispute_outcome
from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.core.storage.money_repository import MoneyRepository
from ta_desktop.core.storage.orm import (
    CertificateRecord,
    DisputeEventRecord,
    DisputeRecord,
    OrderRecord,
    SupplierRecord,
)
from ta_desktop.core.storage.orm_inspections import InspectionRecord
from ta_desktop.core.storage.repositories import SupplierRepository


def _per_supplier():
    shipped = OrderRecord.shipped_on
    dated = and_(shipped.is_not(None), OrderRecord.shipment_date.is_not(None))
    return (
        select(
            OrderRecord.supplier_id,
            func.count().label("orders"),
            func.count(shipped).label("shipped"),
            func.sum(case((dated, 1), else_=0)).label("dated"),
            func.sum(case((and_(dated, shipped <= OrderRecord.shipment_date), 1),
                          else_=0)).label("on_time"),
            func.avg(OrderRecord.spec_score).label("readiness"),
        )
        .group_by(OrderRecord.supplier_id).subquery()
    )


def _count_by_supplier(column, *where):
    return select(column.label("supplier_id"), func.count().label("n")).where(*where) \
        .group_by(column)


def supplier_rows(session: Session, query: ListQuery, today: date, reminder_days: int,
                  offset: int = 0, limit: int | None = None) -> list[SupplierRow]:
    """The supplier list with its scorecard columns, sorted by any of them."""
    per = _per_supplier()
    disputes = (select(OrderRecord.supplier_id, func.count(DisputeRecord.id).label("n"))
                .join(DisputeRecord, DisputeRecord.order_id == OrderRecord.id)
                .group_by(OrderRecord.supplier_id).subquery())
    certificates = _count_by_supplier(
        CertificateRecord.supplier_id,
        CertificateRecord.valid_until <= today + timedelta(days=reminder_days)).subquery()
    rate = cast(per.c.on_time, Float) / func.nullif(per.c.dated, 0)
    columns = {
        "order_count": func.coalesce(per.c.orders, 0),
        "on_time_rate": rate,
        "orders_shipped": func.coalesce(per.c.shipped, 0),
        "disputes_opened": func.coalesce(disputes.c.n, 0),
        "average_readiness": per.c.readiness,
        "certificates_expiring": func.coalesce(certificates.c.n, 0),
    }
    key = columns[query.sort] if query.sort in columns else \
        SupplierRepository.SORT_COLUMNS.get(query.sort, SupplierRecord.name)
    order = key.desc() if query.descending else key.asc()
    statement = (
        SupplierRepository(session)._filtered(query)
        .add_columns(*(c.label(name) for name, c in columns.items()))
        .outerjoin(per, per.c.supplier_id == SupplierRecord.id)
        .outerjoin(disputes, disputes.c.supplier_id == SupplierRecord.id)
        .outerjoin(certificates, certificates.c.supplier_id == SupplierRecord.id)
        .order_by(order.nulls_last(), SupplierRecord.id)
        .offset(offset).limit(limit)
    )
    return [
        SupplierRow(
            id=r.id, name=r.name, country=r.country, gold_supplier=r.gold_supplier,
            gold_since=r.gold_since, trade_assurance=r.trade_assurance,
            order_count=row.order_count, on_time_rate=row.on_time_rate,
            orders_shipped=row.orders_shipped, disputes_opened=row.disputes_opened,
            average_readiness=None if row.average_readiness is None
            else round(float(row.average_readiness)),
            certificates_expiring=row.certificates_expiring,
        )
        for row in session.execute(statement)
        for r in (row[0],)
    ]


def order_facts(session: Session, supplier_id: int) -> list[OrderFacts]:
    """Every order of one supplier as the scorecard's plain facts."""
    rows = session.execute(
        select(OrderRecord.id, OrderRecord.created_on, OrderRecord.status,
               OrderRecord.total_amount, OrderRecord.currency, OrderRecord.shipment_date,
               OrderRecord.spec_score, OrderRecord.shipped_on)
        .where(OrderRecord.supplier_id == supplier_id).order_by(OrderRecord.id)).all()
    ids = [row.id for row in rows]
    outcomes = _dispute_outcomes(session, ids)
    inspections: dict[int, list[InspectionResult]] = {}
    for order_id, result in session.execute(
            select(InspectionRecord.order_id, InspectionRecord.result)
            .where(InspectionRecord.order_id.in_(ids)).order_by(InspectionRecord.id)):
        inspections.setdefault(order_id, []).append(InspectionResult(result))
    made = MoneyRepository(session).made_with_rates(ids)
    return [
        OrderFacts(
            placed_on=row.created_on, status=OrderStatus(row.status), total=row.total_amount,
            currency=row.currency, agreed_shipment=row.shipment_date, shipped_on=row.shipped_on,
            readiness=row.spec_score, dispute_outcomes=tuple(outcomes.get(row.id, ())),
            inspections=tuple(inspections.get(row.id, ())), made=tuple(made.get(row.id, ())),
        )
        for row in rows
    ]


def _dispute_outcomes(session: Session, order_ids: list[int]) -> dict[int, list[str]]:
    events: dict[int, list] = {}
    orders: dict[int, int] = {}
    for dispute_id, order_id, kind, outcome, accepted in session.execute(
            select(DisputeRecord.id, DisputeRecord.order_id, DisputeEventRecord.kind,
                   DisputeEventRecord.outcome, DisputeEventRecord.accepted)
            .join(DisputeEventRecord, DisputeEventRecord.dispute_id == DisputeRecord.id)
            .where(DisputeRecord.order_id.in_(order_ids))
            .order_by(DisputeRecord.id, DisputeEventRecord.id)):
        orders[dispute_id] = order_id
        events.setdefault(dispute_id, []).append((kind, outcome, accepted))
    found: dict[int, list[str]] = {}
    for dispute_id, rows in events.items():
        decisions = [outcome for kind, outcome, _ in rows if kind == "decision" and outcome]
        agreed = any(kind == "reply" and accepted for kind, _, accepted in rows)
        found.setdefault(orders[dispute_id], []).append(dispute_outcome(
            (kind for kind, _, _ in rows), decisions[-1] if decisions else None, agreed))
    return found
