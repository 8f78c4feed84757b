"""An order's payment schedule and landed-cost sheet: read as domain dataclasses, saved through
the versioned ``order_money`` row (a stale copy is a ``ConflictError``, nothing is written)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import ColumnElement, Numeric, case, cast, func, null, select
from sqlalchemy.orm import Session, selectinload

from ta_desktop.core.domain.home_money import Paid
from ta_desktop.core.domain.landed_cost import (
    Basis,
    Cost,
    CostKind,
    LandedSheet,
    LineMeasure,
    Rates,
)
from ta_desktop.core.domain.payment_schedule import DueEvent, Instalment, PaymentSchedule
from ta_desktop.core.domain.types import Money, OrderStatus, PaymentStatus
from ta_desktop.core.storage.locking import lock_key, lock_rows
from ta_desktop.core.storage.orm import DisputeRecord, OrderRecord, PaymentRecord, SupplierRecord
from ta_desktop.core.storage.orm_money import (
    InstalmentRecord,
    LandedCostRecord,
    LineMeasureRecord,
    OrderMoneyRecord,
    PaymentRateRecord,
)
from ta_desktop.core.storage.saving import conflict, merge_children, next_version

MADE = (PaymentStatus.RECEIVED.value, PaymentStatus.PROCESSING.value)
_CHILDREN = (selectinload(OrderMoneyRecord.instalments), selectinload(OrderMoneyRecord.costs),
             selectinload(OrderMoneyRecord.measures),
             selectinload(OrderMoneyRecord.payment_rates))


def _instalment(r: InstalmentRecord) -> Instalment:
    return Instalment(r.label, DueEvent(r.event), r.percent, r.amount, r.days, id=r.id)


def _sheet(order_id: int, r: OrderMoneyRecord | None) -> LandedSheet:
    if r is None:
        return LandedSheet(order_id)
    return LandedSheet(
        order_id, Basis(r.basis),
        costs=[Cost(CostKind(c.kind), c.currency, c.amount, c.rate, c.reclaimable,
                    Decimal(c.paid_rate) if c.paid_rate else None, c.note, id=c.id)
               for c in r.costs],
        measures=[LineMeasure(m.line_id, m.weight, m.volume) for m in r.measures],
        payment_rates={p.payment_id: Decimal(p.rate) for p in r.payment_rates},
        version=r.version)


class MoneyRepository:
    def __init__(self, session: Session):
        self.session = session

    def _record(self, order_id: int) -> OrderMoneyRecord | None:
        return self.session.get(OrderMoneyRecord, order_id, options=list(_CHILDREN),
                                with_for_update=lock_rows(self.session))

    def schedule(self, order_id: int) -> PaymentSchedule:
        record = self._record(order_id)
        if record is None:
            return PaymentSchedule(order_id)
        return PaymentSchedule(order_id, [_instalment(r) for r in record.instalments],
                               record.version)

    def sheet(self, order_id: int) -> LandedSheet:
        return _sheet(order_id, self._record(order_id))

    def _for_saving(self, order_id: int, read_version: int, what: str) -> OrderMoneyRecord:
        lock_key(self.session, f"order_money:{order_id}")  # two first saves: one after the other
        record = self._record(order_id)
        if record is None:
            if read_version:  # read stored, deleted since: the order is gone with it
                raise conflict(what)
            record = OrderMoneyRecord(order_id=order_id, basis=Basis.VALUE.value, version=1)
            self.session.add(record)
            return record
        next_version(record, read_version, what)
        return record

    def save_schedule(self, schedule: PaymentSchedule, what: str) -> PaymentSchedule:
        record = self._for_saving(schedule.order_id, schedule.version, what)
        positions = {id(item): index for index, item in enumerate(schedule.instalments)}
        record.instalments = merge_children(
            record.instalments,
            schedule.instalments,
            lambda i: InstalmentRecord(
                position=positions[id(i)], label=i.label.strip(),
                event=i.event.value, percent=i.percent, amount=i.amount, days=i.days),
        )
        self.session.flush()
        return PaymentSchedule(schedule.order_id,
                               [_instalment(r) for r in record.instalments], record.version)

    def save_sheet(self, sheet: LandedSheet, what: str) -> LandedSheet:
        record = self._for_saving(sheet.order_id, sheet.version, what)
        positions = {id(cost): index for index, cost in enumerate(sheet.costs)}
        record.basis = sheet.basis.value
        record.costs = merge_children(
            record.costs,
            sheet.costs,
            lambda c: LandedCostRecord(
                position=positions[id(c)], kind=c.kind.value, currency=c.currency,
                amount=c.amount, rate=c.rate, reclaimable=c.reclaimable,
                paid_rate=str(c.paid_rate) if c.paid_rate is not None else None,
                note=c.note.strip()),
        )
        # Measures and rates belong to a line or a payment: matched by it, not by their own id.
        stored = {m.line_id: m for m in record.measures}
        measures = []
        for measure in sheet.measures:
            row = stored.get(measure.line_id) or LineMeasureRecord(line_id=measure.line_id)
            row.weight, row.volume = measure.weight, measure.volume
            measures.append(row)
        record.measures = measures
        stored_rates = {p.payment_id: p for p in record.payment_rates}
        rates = []
        for payment_id, rate in sheet.payment_rates.items():
            row = stored_rates.get(payment_id) or PaymentRateRecord(payment_id=payment_id)
            row.rate = str(rate)
            rates.append(row)
        record.payment_rates = rates
        self.session.flush()
        return _sheet(sheet.order_id, record)

    # --- many orders at once ------------------------------------------------------------------
    def schedules(self, order_ids: Iterable[int] | None = None
                  ) -> dict[int, tuple[list[Instalment], Decimal]]:
        """The instalments of every order (or of ``order_ids``) with its total, by order id
        (for the deadlines)."""
        scheduled = select(InstalmentRecord.order_id)
        instalments = select(InstalmentRecord).order_by(InstalmentRecord.order_id,
                                                        InstalmentRecord.position)
        if order_ids is not None:
            wanted = list(order_ids)
            scheduled = scheduled.where(InstalmentRecord.order_id.in_(wanted))
            instalments = instalments.where(InstalmentRecord.order_id.in_(wanted))
        totals = {r.id: r.total_amount for r in self.session.execute(
            select(OrderRecord.id, OrderRecord.total_amount)
            .where(OrderRecord.id.in_(scheduled)))}
        found: dict[int, list[Instalment]] = defaultdict(list)
        for r in self.session.scalars(instalments):
            found[r.order_id].append(_instalment(r))
        return {order_id: (items, totals[order_id]) for order_id, items in found.items()}

    def sheets(self, order_ids: Iterable[int] | None = None) -> dict[int, LandedSheet]:
        """Every recorded landed-cost sheet (of ``order_ids`` when given), by order id."""
        statement = select(OrderMoneyRecord).options(*_CHILDREN)
        if order_ids is not None:
            statement = statement.where(OrderMoneyRecord.order_id.in_(list(order_ids)))
        return {r.order_id: _sheet(r.order_id, r) for r in self.session.scalars(statement)}

    def costed_orders(self) -> set[int]:
        return set(self.session.scalars(select(LandedCostRecord.order_id).distinct()))

    def paid_by_order(self) -> dict[int, Decimal]:
        """The received payments of every order that has one, summed in SQL."""
        statement = (select(PaymentRecord.order_id, func.sum(PaymentRecord.amount))
                     .where(PaymentRecord.status == PaymentStatus.RECEIVED.value)
                     .group_by(PaymentRecord.order_id))
        return {order_id: paid for order_id, paid in self.session.execute(statement)}

    def made_with_rates(self, order_ids: Iterable[int]
                        ) -> dict[int, list[tuple[Decimal, Decimal | None]]]:
        """The payments made (received or processing, as the landed cost counts them) on each
        of ``order_ids``, with the rate paid recorded for each (or None), oldest first."""
        ids = sorted(set(order_ids))
        found: dict[int, list[tuple[Decimal, Decimal | None]]] = defaultdict(list)
        for start in range(0, len(ids), 500):  # bounded IN lists
            statement = (
                select(PaymentRecord.order_id, PaymentRecord.amount, PaymentRateRecord.rate)
                .outerjoin(PaymentRateRecord, PaymentRateRecord.payment_id == PaymentRecord.id)
                .where(PaymentRecord.order_id.in_(ids[start:start + 500]),
                       PaymentRecord.status.in_(MADE))
                .order_by(PaymentRecord.order_id, PaymentRecord.id))
            for r in self.session.execute(statement):
                found[r.order_id].append((r.amount, Decimal(r.rate) if r.rate else None))
        return dict(found)

    @staticmethod
    def home_total_key(rates: Rates) -> ColumnElement:
        """An order's total in the home currency as SQL, to sort the list by: the total at
        today's rate, corrected by each payment made at a recorded rate paid (as
        ``landed_cost.in_home`` converts it, before rounding). An order in a currency without a
        rate sorts as -1, with the lowest."""
        today = {code: rate for code, rate in rates.current.items() if code != rates.home}
        current = case({code: cast(str(rate), Numeric(30, 10)) for code, rate in today.items()},
                       value=OrderRecord.currency, else_=None) if today else null()
        current = case((OrderRecord.currency == rates.home, 1), else_=current)
        paid_rate = cast(PaymentRateRecord.rate, Numeric(30, 10))
        correction = (
            select(func.sum(PaymentRecord.amount * (paid_rate - current)))
            .join(PaymentRateRecord, PaymentRateRecord.payment_id == PaymentRecord.id)
            .where(PaymentRecord.order_id == OrderRecord.id, PaymentRecord.status.in_(MADE),
                   OrderRecord.currency != rates.home)
            .correlate(OrderRecord).scalar_subquery())
        return func.coalesce(OrderRecord.total_amount * current + func.coalesce(correction, 0),
                             -1)

    def payments_made(self) -> list[Paid]:
        """Every received payment of an order not cancelled, with its supplier and the rate
        recorded for it."""
        statement = (
            select(SupplierRecord.name, PaymentRecord.paid_on, PaymentRecord.amount,
                   OrderRecord.currency, PaymentRateRecord.rate)
            .join(OrderRecord, PaymentRecord.order_id == OrderRecord.id)
            .join(SupplierRecord, OrderRecord.supplier_id == SupplierRecord.id)
            .outerjoin(PaymentRateRecord, PaymentRateRecord.payment_id == PaymentRecord.id)
            .where(PaymentRecord.status == PaymentStatus.RECEIVED.value,
                   OrderRecord.status != OrderStatus.CANCELLED.value))
        return [Paid(r.name, r.paid_on, Money(r.amount, r.currency),
                     Decimal(r.rate) if r.rate else None)
                for r in self.session.execute(statement)]

    def owed(self, statuses: tuple[OrderStatus, ...]) -> list[Money]:
        """What is still to pay on each order in ``statuses``: its total less what was
        received."""
        paid = self.paid_by_order()
        statement = select(OrderRecord.id, OrderRecord.total_amount, OrderRecord.currency).where(
            OrderRecord.status.in_([s.value for s in statuses]))
        return [Money(r.total_amount - paid.get(r.id, Decimal(0)), r.currency)
                for r in self.session.execute(statement)
                if r.total_amount > paid.get(r.id, Decimal(0))]

    def disputed(self) -> list[Money]:
        """The refund asked in the current dispute of every order in dispute."""
        latest = (select(func.max(DisputeRecord.id))
                  .join(OrderRecord, DisputeRecord.order_id == OrderRecord.id)
                  .where(OrderRecord.status == OrderStatus.IN_DISPUTE.value)
                  .group_by(DisputeRecord.order_id))
        statement = select(DisputeRecord.requested_amount, DisputeRecord.currency).where(
            DisputeRecord.id.in_(latest))
        return [Money(r.requested_amount, r.currency) for r in self.session.execute(statement)]

    def totals(self) -> list[tuple[int, Money, OrderStatus]]:
        """Every order's id, total and status."""
        statement = select(OrderRecord.id, OrderRecord.total_amount, OrderRecord.currency,
                           OrderRecord.status)
        return [(r.id, Money(r.total_amount, r.currency), OrderStatus(r.status))
                for r in self.session.execute(statement)]
