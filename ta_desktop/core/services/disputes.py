"""Dispute use cases: open, propose, reply, escalate, cancel, decide, refund or return, and the
deadlines of every order. One transaction each; the order's status follows the dispute."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ta_desktop.core.domain import disputes as flow
from ta_desktop.core.domain.bounds import recorded_day
from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.deadlines import (
    Deadline,
    current_deadlines,
    needs_me_order,
)
from ta_desktop.core.domain.disputes import Dispute, DisputeEvent, DisputeEventKind
from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.errors import NotAllowed, ValidationError
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import ClaimType, Money, OrderStatus, Party
from ta_desktop.core.domain.workdays import WorkCalendar
from ta_desktop.core.services.certificates import supplier_deadlines
from ta_desktop.core.storage import deadline_table
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.dispute_repository import DisputeRepository, orders_with_deadlines
from ta_desktop.core.storage.money_repository import MoneyRepository
from ta_desktop.core.storage.repositories import OrderRepository

K = DisputeEventKind


@dataclass(frozen=True)
class DeadlineCounts:
    listed: int  # the rows a filter (a party) lists
    everyone: int  # every open deadline, whoever acts
    mine: int  # the buyer's own among those listed
    overdue: int  # the listed "by" deadlines already past, whoever acts
    soon: int  # the buyer's own "by" deadlines due within the asked days


# Orders in dispute read at a time by the catch-up (each with its lines, payments and history).
CATCH_UP_BATCH = 500


class DisputeService:
    def __init__(
        self,
        db: Database,
        profile: Callable[[], RuleProfile],
        today: Callable[[], date],
        calendar: Callable[[], WorkCalendar],
        profile_for: Callable[[Order], RuleProfile] | None = None,
    ):
        self._db = db
        self._profile = profile
        self._today = today
        self._calendar = calendar
        # The rules an order follows (rule_profiles.profile_for); the current ones by default.
        self._profile_for = profile_for or (lambda _order: profile())

    # --- reading ------------------------------------------------------------------------------
    def get(self, order_id: int) -> Dispute | None:
        """The order's current dispute as recorded (the platform's automatic events are shown
        by ``disputes.effective_events`` and stored with the next change)."""
        with self._db.unit_of_work() as session:
            return DisputeRepository(session).latest_for_order(order_id)

    def deadlines(self, *, within: int | None = None, limit: int | None = None,
                  offset: int = 0, buyer_only: bool = False, not_overdue: bool = False,
                  party: Party | None = None) -> list[Deadline]:
        """The open deadlines of every order (and supplier), buyer actions first, then soonest
        first, read from the table the writes keep (storage/deadline_table.py); ``within``:
        due in the next that many days, overdue ones included unless ``not_overdue``;
        ``limit``: the first so many; ``party``: only those that party acts on."""
        if buyer_only:
            party = Party.BUYER
        with self._db.unit_of_work() as session:
            return deadline_table.read(session, self._today(), within=within, limit=limit,
                                       offset=offset, party=party, not_overdue=not_overdue)

    def deadline_counts(self, soon_days: int, party: Party | None = None) -> DeadlineCounts:
        """How many open deadlines a party acts on (all: None) and in all, how many of those are
        overdue, and how many of the buyer's own are due within ``soon_days`` (What needs me's
        heading), counted in SQL."""
        today = self._today()
        with self._db.unit_of_work() as session:
            listed, everyone, mine, overdue, soon = deadline_table.tally(
                session, today, party=party, soon_until=today + timedelta(days=soon_days))
        if party not in (None, Party.BUYER):  # the buyer's own are not among those listed
            mine = soon = 0
        return DeadlineCounts(listed=listed, everyone=everyone, mine=mine, overdue=overdue,
                              soon=soon)

    def computed_deadlines(self, *, include_closed: bool = False) -> list[Deadline]:
        """Every deadline of every order (and supplier) computed by the engine from all records
        (what the table must equal; the benches' anchor)."""
        profile, calendar, today = self._profile(), self._calendar(), self._today()
        with self._db.unit_of_work() as session:
            disputes = DisputeRepository(session).latest_by_order()
            schedules = MoneyRepository(session).schedules()
            found = [
                deadline
                for order in orders_with_deadlines(session, today, profile.dispute_window_days)
                for deadline in current_deadlines(
                    order, self._profile_for(order), calendar, today, disputes.get(order.id),
                    *schedules.get(order.id, ((), None)))
            ]
            found += supplier_deadlines(session, profile, today)  # SUP-CERT
        return needs_me_order(d for d in found if include_closed or d.open)

    def order_deadlines(self, order_id: int, profile: RuleProfile | None = None
                        ) -> list[Deadline]:
        """The order's deadlines under the rules it follows (or under ``profile``)."""
        with self._db.unit_of_work() as session:
            order = OrderRepository(session).get(order_id)
            dispute = DisputeRepository(session).latest_for_order(order_id)
            instalments = MoneyRepository(session).schedule(order_id).instalments
        return current_deadlines(order, profile or self._profile_for(order), self._calendar(),
                                 self._today(), dispute, instalments)

    # --- writing ------------------------------------------------------------------------------
    def _day(self, on: date | None) -> date:
        return recorded_day(on, self._today())

    def open(self, order_id: int, *, claim: ClaimType, requested_refund: Decimal,
             claim_text: str, on: date | None = None, note: str = "") -> Outcome[Dispute]:
        """Open a dispute (DS-OPEN, OFFLINE, DS-WINDOW) and move the order to "in dispute"."""
        on = self._day(on)
        with self._db.writing() as session:
            orders = OrderRepository(session)
            order = orders.get(order_id)
            dispute = flow.open_dispute(
                order, self._profile_for(order), on, claim=claim,
                requested_refund=Money(requested_refund, order.currency),
                claim_text=claim_text, note=note)
            orders.save(order)
            saved = DisputeRepository(session).save(dispute)
        return Outcome(saved, changes_of(session))

    def _record(self, order_id: int, event: DisputeEvent | Callable[[Dispute], DisputeEvent]
                ) -> Outcome[Dispute]:
        """Record ``event`` (or the event ``event(dispute)`` makes of the stored dispute)."""
        with self._db.writing() as session:
            orders, disputes = OrderRepository(session), DisputeRepository(session)
            order = orders.get(order_id)
            dispute = disputes.latest_for_order(order_id)
            if dispute is None:
                raise NotAllowed("No dispute has been opened on this order.")
            if not isinstance(event, DisputeEvent):
                event = event(dispute)
            event.on = self._day(event.on)
            flow.record(dispute, order, event, self._profile_for(order), self._calendar())
            orders.save(order)
            saved = disputes.save(dispute)
        return Outcome(saved, changes_of(session))

    def propose(self, order_id: int, party: Party, amount: Decimal | None, *,
                on: date | None = None, note: str = "") -> Outcome[Dispute]:
        return self._record(order_id, DisputeEvent(K.PROPOSAL, on, party, note=note,
                                                   amount=amount))

    def reply(self, order_id: int, party: Party, accepted: bool, *, on: date | None = None,
              note: str = "") -> Outcome[Dispute]:
        return self._record(order_id, DisputeEvent(K.REPLY, on, party, note=note,
                                                   accepted=accepted))

    def escalate(
        self, order_id: int, *, on: date | None = None, note: str = ""
    ) -> Outcome[Dispute]:
        return self._record(order_id, DisputeEvent(K.ESCALATED, on, Party.BUYER, note=note,
                                                   rule="DS-ESC-EARLY"))

    def cancel(self, order_id: int, *, on: date | None = None, note: str = "") -> Outcome[Dispute]:
        """Cancel the dispute; after escalation, ask the dispute team to (DS-CANCEL)."""
        return self._record(order_id, lambda dispute: flow.cancel_event(dispute, on, note))

    def answer_cancel(self, order_id: int, accepted: bool, *, on: date | None = None,
                      note: str = "") -> Outcome[Dispute]:
        """The dispute team's answer to the buyer's cancellation request (DS-CANCEL)."""
        return self._record(order_id, DisputeEvent(K.CANCEL_ANSWERED, on, Party.PLATFORM,
                                                   note=note, accepted=accepted,
                                                   rule="DS-CANCEL"))

    def decide(self, order_id: int, outcome: OrderStatus, amount: Decimal | None = None, *,
               on: date | None = None, note: str = "") -> Outcome[Dispute]:
        return self._record(order_id, DisputeEvent(K.DECISION, on, Party.PLATFORM, note=note,
                                                    amount=amount, outcome=outcome))

    def settle(self, order_id: int, kind: DisputeEventKind, amount: Decimal | None = None, *,
               on: date | None = None, note: str = "") -> Outcome[Dispute]:
        """Record the refund received or the goods returned after an agreement or decision."""
        if kind not in (K.REFUND, K.RETURN):
            raise ValidationError("Record a refund or a return.")
        party = Party.SUPPLIER if kind == K.REFUND else Party.BUYER
        return self._record(order_id, DisputeEvent(kind, on, party, note=note, amount=amount,
                                                   rule="DS-AFTER"))

    def catch_up(self) -> Outcome[int]:
        """Store what the platform has done by itself up to today (automatic escalation, a
        silent party's outcome) in every open dispute; its value is how many disputes changed.
        Reads only the orders in dispute (and their disputes), a batch at a time, each kind in
        one query: the finished disputes of years of orders are not read again every hour, and
        thousands of open ones are never all in memory at once."""
        calendar, today = self._calendar(), self._today()
        changed = 0
        with self._db.writing() as session:
            orders, disputes = OrderRepository(session), DisputeRepository(session)
            ids = orders.ids_with_status(OrderStatus.IN_DISPUTE)
            for start in range(0, len(ids), CATCH_UP_BATCH):
                changed += self._catch_up_batch(orders, disputes, ids[start:start + CATCH_UP_BATCH],
                                                calendar, today)
        return Outcome(changed, changes_of(session))

    def _catch_up_batch(self, orders: OrderRepository, disputes: DisputeRepository,
                        ids: list[int], calendar: WorkCalendar, today: date) -> int:
        changed = 0
        in_dispute = {order.id: order for order in orders.with_ids(ids)}
        for order_id, dispute in disputes.latest_for_orders(in_dispute).items():
            order = in_dispute[order_id]
            if flow.apply_automatic(dispute, order, self._profile_for(order), calendar, today):
                orders.save(order)
                disputes.save(dispute)
                changed += 1
        return changed
