"""Disputes and their events: a Session in, domain ``Dispute`` objects out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from ta_desktop.core.domain.disputes import Dispute, DisputeEvent, DisputeEventKind
from ta_desktop.core.domain.entities import Action, Order, OrderEvent, Payment
from ta_desktop.core.domain.errors import NotFound
from ta_desktop.core.domain.types import (
    ClaimType,
    Money,
    OrderStatus,
    Party,
    PaymentStatus,
    ShippingMethod,
)
from ta_desktop.core.storage.locking import lock_rows
from ta_desktop.core.storage.orm import (
    DisputeEventRecord,
    DisputeRecord,
    OrderEventRecord,
    OrderRecord,
    PaymentRecord,
)
from ta_desktop.core.storage.saving import merge_children, next_version

S = OrderStatus
# Orders that may have an open deadline whatever their dates: the flow is still running.
RUNNING = (S.AWAITING_SUPPLIER_CONFIRMATION, S.AWAITING_PAYMENT, S.PAYMENT_PROCESSING,
           S.AWAITING_SHIPMENT, S.AWAITING_DELIVERY_CONFIRMATION, S.IN_DISPUTE)
# Stored values to their members by a dict: Enum(value) costs microseconds, and rebuilding the
# open deadlines of a million orders asks it millions of times.
_ACTIONS, _STATUSES, _PARTIES, _PAYMENT_STATUSES = (
    {member.value: member for member in enum} for enum in (Action, S, Party, PaymentStatus))


def orders_with_deadlines(session: Session, today: date, dispute_window_days: int
                          ) -> Iterator[Order]:
    """Every order that can still have an open deadline: running ones, and completed online
    orders whose delivery was confirmed within the dispute window (DS-WINDOW).

    Read with three plain queries (orders, their history, their payments) and without their
    lines, which no deadline needs: 100,000 orders are read in well under a second."""
    return orders_for_deadlines(session, can_have_deadlines(today, dispute_window_days))


def can_have_deadlines(today: date, dispute_window_days: int) -> ColumnElement[bool]:
    """Running orders, and completed online orders confirmed within the dispute window."""
    recently_confirmed = exists().where(and_(
        OrderEventRecord.order_id == OrderRecord.id,
        OrderEventRecord.action == Action.CONFIRM_DELIVERY.value,
        OrderEventRecord.on >= today - timedelta(days=dispute_window_days),
    ))
    return or_(
        OrderRecord.status.in_([status.value for status in RUNNING]),
        and_(OrderRecord.status == S.COMPLETED.value, OrderRecord.online, recently_confirmed),
    )


def orders_for_deadlines(session: Session, wanted: ColumnElement[bool]) -> Iterator[Order]:
    """The orders ``wanted`` selects, with what their deadlines need (history and payments,
    not lines), by id."""
    ids = select(OrderRecord.id).where(wanted).scalar_subquery()
    events: dict[int, list[OrderEvent]] = defaultdict(list)
    for r in session.execute(
        select(OrderEventRecord.order_id, OrderEventRecord.action, OrderEventRecord.on,
               OrderEventRecord.from_status, OrderEventRecord.to_status,
               OrderEventRecord.party)
        .where(OrderEventRecord.order_id.in_(ids)).order_by(OrderEventRecord.id)
    ):
        events[r.order_id].append(OrderEvent(
            action=_ACTIONS[r.action], on=r.on, to_status=_STATUSES[r.to_status],
            from_status=_STATUSES[r.from_status] if r.from_status else None,
            party=_PARTIES[r.party] if r.party else None))
    payments: dict[int, list[Payment]] = defaultdict(list)
    for r in session.execute(
        select(PaymentRecord.order_id, PaymentRecord.amount, PaymentRecord.paid_on,
               PaymentRecord.status).where(PaymentRecord.order_id.in_(ids))
    ):
        payments[r.order_id].append(Payment(r.amount, r.paid_on, _PAYMENT_STATUSES[r.status]))
    for r in session.execute(
        select(OrderRecord.id, OrderRecord.order_number, OrderRecord.supplier_id,
               OrderRecord.currency, OrderRecord.status, OrderRecord.online,
               OrderRecord.shipment_date, OrderRecord.created_on,
               OrderRecord.shipping_method, OrderRecord.confirm_receipt_by,
               OrderRecord.arrived_on, OrderRecord.profile_version)
        .where(wanted).order_by(OrderRecord.id)
    ):
        yield Order(id=r.id, order_number=r.order_number, supplier_id=r.supplier_id,
                    currency=r.currency, status=_STATUSES[r.status], online=r.online,
                    shipment_date=r.shipment_date, created_on=r.created_on,
                    shipping_method=ShippingMethod(r.shipping_method) if r.shipping_method
                    else None,
                    confirm_receipt_by=r.confirm_receipt_by, arrived_on=r.arrived_on,
                    profile_version=r.profile_version,
                    events=events.get(r.id, []), payments=payments.get(r.id, []))


class DisputeRepository:
    def __init__(self, session: Session):
        self.session = session

    def _select(self):
        return select(DisputeRecord).options(selectinload(DisputeRecord.events))

    def latest_for_order(self, order_id: int) -> Dispute | None:
        """The order's current (most recent) dispute; an order may be disputed again after a
        cancelled dispute."""
        record = self.session.scalars(
            self._select().where(DisputeRecord.order_id == order_id)
            .order_by(DisputeRecord.id.desc()).limit(1)
        ).first()
        return _dispute(record, self._order_number(order_id)) if record else None

    def latest_by_order(self) -> dict[int, Dispute]:
        """Every order's most recent dispute, by order id."""
        numbers = {row.id: row.order_number for row in self.session.execute(
            select(OrderRecord.id, OrderRecord.order_number)
            .where(OrderRecord.id.in_(select(DisputeRecord.order_id))))}
        latest: dict[int, Dispute] = {}
        for record in self.session.scalars(self._select().order_by(DisputeRecord.id)):
            latest[record.order_id] = _dispute(record, numbers.get(record.order_id, ""))
        return latest

    def latest_for_orders(self, order_ids: Iterable[int]) -> dict[int, Dispute]:
        """The most recent dispute of each of ``order_ids`` that has one, by order id."""
        ids = list(order_ids)
        numbers = dict(self.session.execute(
            select(OrderRecord.id, OrderRecord.order_number).where(OrderRecord.id.in_(ids))).all())
        latest: dict[int, Dispute] = {}
        for record in self.session.scalars(
                self._select().where(DisputeRecord.order_id.in_(ids)).order_by(DisputeRecord.id)):
            latest[record.order_id] = _dispute(record, numbers.get(record.order_id, ""))
        return latest

    def _order_number(self, order_id: int) -> str:
        return self.session.scalar(
            select(OrderRecord.order_number).where(OrderRecord.id == order_id)) or ""

    def save(self, dispute: Dispute) -> Dispute:
        """Insert, or update the stored dispute from a copy read at ``dispute.version``
        (``ConflictError`` when another save came in between); events are only added."""
        if dispute.id is not None:
            record = self.session.get(DisputeRecord, dispute.id,
                                      with_for_update=lock_rows(self.session))
            if record is None:
                raise NotFound(f"Dispute #{dispute.id} does not exist (any more).")
            next_version(record, dispute.version,
                         f"The dispute on order {dispute.order_number or dispute.order_id}")
        else:
            record = DisputeRecord(order_id=dispute.order_id)
        record.claim = dispute.claim.value
        record.requested_amount = dispute.requested_refund.amount
        record.currency = dispute.requested_refund.currency
        record.claim_text = dispute.claim_text
        record.events = merge_children(record.events, dispute.events, _event_record,
                                       append_only=True)
        if dispute.id is None:
            self.session.add(record)
        self.session.flush()
        return _dispute(record, dispute.order_number)


def _event_record(event: DisputeEvent) -> DisputeEventRecord:
    return DisputeEventRecord(
        kind=event.kind.value, on=event.on, party=event.party.value if event.party else None,
        note=event.note, amount=event.amount, accepted=event.accepted,
        outcome=event.outcome.value if event.outcome else None, automatic=event.automatic,
        rule=event.rule, recorded_by=event.recorded_by, recorded_at=event.recorded_at,
    )


def _dispute(record: DisputeRecord, order_number: str) -> Dispute:
    return Dispute(
        id=record.id,
        order_id=record.order_id,
        order_number=order_number,
        claim=ClaimType(record.claim),
        requested_refund=Money(record.requested_amount, record.currency),
        claim_text=record.claim_text,
        version=record.version,
        events=[
            DisputeEvent(
                id=r.id, kind=DisputeEventKind(r.kind), on=r.on,
                party=Party(r.party) if r.party else None, note=r.note, amount=r.amount,
                accepted=r.accepted, outcome=OrderStatus(r.outcome) if r.outcome else None,
                automatic=r.automatic, rule=r.rule, recorded_by=r.recorded_by,
                recorded_at=r.recorded_at,
            )
            for r in record.events
        ],
    )
