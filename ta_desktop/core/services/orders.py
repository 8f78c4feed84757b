"""Order use cases: list, read, save drafts, and every lifecycle action. One transaction each."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.bounds import day_problem
from ta_desktop.core.domain.changes import Changes, Kind, Outcome
from ta_desktop.core.domain.entities import Action, ListQuery, Order, OrderRow, Payment
from ta_desktop.core.domain.errors import NotAllowed, NotFound, ValidationError
from ta_desktop.core.domain.receiving import receiving_problem
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.specs import readiness
from ta_desktop.core.domain.types import Party, ShippingMethod
from ta_desktop.core.domain.validation import validate_order
from ta_desktop.core.storage import snapshots
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.orm import OrderRecord
from ta_desktop.core.storage.repositories import OrderRepository
from ta_desktop.core.storage.snapshots import Snapshot


def order_touched(order_id: int) -> Changes:
    """What deleting or restoring an order changes: the order, its dispute and evidence."""
    return Changes.union(Changes.of(kind, order_id)
                         for kind in (Kind.ORDER, Kind.DISPUTE, Kind.EVIDENCE))


DISPUTE_ACTIONS = frozenset({Action.OPEN_DISPUTE, Action.CANCEL_DISPUTE, Action.RESOLVE_DISPUTE})
MODIFICATION_ACTIONS = frozenset({Action.REQUEST_MODIFICATION, Action.MODIFICATION_ACCEPTED,
                                  Action.MODIFICATION_DECLINED})


class OrderService:
    def __init__(self, db: Database, profile: Callable[[], RuleProfile], today: Callable[[], date],
                 profile_for: Callable[[Order], RuleProfile] | None = None):
        self._db = db
        self._profile = profile
        self._today = today
        # The rules an order follows (rule_profiles.profile_for); the current ones by default.
        self._profile_for = profile_for or (lambda _order: profile())

    def count(self, query: ListQuery = ListQuery()) -> int:
        with self._db.unit_of_work() as session:
            return OrderRepository(session).count(query)

    def rows(
        self, query: ListQuery = ListQuery(), offset: int = 0, limit: int | None = None
    ) -> list[OrderRow]:
        with self._db.unit_of_work() as session:
            return OrderRepository(session).rows(query, offset, limit)

    def supplier_names(self, order_ids: Iterable[int]) -> dict[int, str]:
        """Order id → its supplier's name, for lists that show orders of many suppliers."""
        with self._db.unit_of_work() as session:
            return OrderRepository(session).supplier_names(order_ids)

    def get(self, order_id: int) -> Order:
        with self._db.unit_of_work() as session:
            return OrderRepository(session).get(order_id)

    def get_by_number(self, order_number: str) -> Order:
        with self._db.unit_of_work() as session:
            repository = OrderRepository(session)
            order_id = repository.id_of(order_number)
            if order_id is None:
                raise NotFound(f"There is no order number '{order_number}'.")
            return repository.get(order_id)

    def actions(self, order: Order) -> dict[Action, lifecycle.Check]:
        return lifecycle.allowed_actions(order, self._profile_for(order), self._today())

    def save(self, order: Order) -> Outcome[Order]:
        """Create a draft, or save changes to one (MOD-REQ: only drafts are edited). A copy
        read before another save of the order is refused with ``ConflictError``."""
        validate_order(order)
        with self._db.writing() as session:
            repository = OrderRepository(session)
            other = repository.id_of(order.order_number.strip())
            if other is not None and other != order.id:
                raise ValidationError(
                    f"Order number {order.order_number} is already used by another order.",
                    field_errors={"order_number": "This order number is already in the list."},
                )
            if order.id is not None:
                stored = repository.get(order.id)
                verdict = lifecycle.check(stored, Action.EDIT, self._profile(), self._today())
                if not verdict:
                    raise NotAllowed(verdict.reason, rule=verdict.rule)
            if order.created_on is None:
                order.created_on = self._today()
            order.order_number = order.order_number.strip()
            order.spec_score = readiness(order)
            saved = repository.save(order)
        return Outcome(saved, changes_of(session))

    def save_notes(self, order_id: int, notes: str, version: int | None = None
                   ) -> Outcome[Order]:
        """The buyer's own notes may change in any status: they are not part of the contract.
        With ``version`` (of the copy the notes were typed on), a stale copy is a conflict."""
        with self._db.writing() as session:
            repository = OrderRepository(session)
            order = repository.get(order_id)
            if version is not None:
                order.version = version
            order.notes = notes
            saved = repository.save(order)
        return Outcome(saved, changes_of(session))

    def delete(self, order_id: int, version: int | None = None) -> Outcome[Snapshot]:
        """Delete an order; with ``version``, only the version the user saw. Its value is what
        was removed (with its dispute and evidence rows), which ``undo_delete`` puts back."""
        with self._db.writing() as session:
            repository = OrderRepository(session)
            number = repository.get(order_id).order_number
            removed = snapshots.take(session, {OrderRecord.__table__: [order_id]},
                                     f"order {number}", order_touched(order_id))
            repository.delete(order_id, version)
        return Outcome(removed, changes_of(session) | removed.touched)

    def undo_delete(self, removed: Snapshot) -> Outcome[None]:
        """Put back what ``delete`` removed, as it was (Edit → Undo)."""
        with self._db.writing() as session:
            snapshots.put_back(session, removed)
        return Outcome(None, changes_of(session))

    def perform(
        self,
        order_id: int,
        action: Action,
        *,
        on: date | None = None,
        party: Party | None = None,
        payment: Payment | None = None,
        note: str = "",
    ) -> Outcome[Order]:
        """Apply a lifecycle action in one transaction; recording a received payment moves a
        waiting order on to "waiting for shipment" with both steps in the history."""
        if action in DISPUTE_ACTIONS:
            # A dispute has its own record and clocks: DisputeService moves the order along.
            raise NotAllowed("Open, cancel or decide a dispute in the order's Dispute tab "
                             "(or with DisputeService), so its clocks are kept.")
        if action in MODIFICATION_ACTIONS:
            # A request has its own record: what is to change, then the supplier's answer.
            raise NotAllowed("Request a modification with Request modification and record the "
                             "supplier's answer in the Modifications tab (or with "
                             "ModificationService), so what is to change is kept.", rule="MOD-REQ")
        if action == Action.APPLY_PROFILE:
            raise NotAllowed("Apply newer rules with Apply current rules… (or RuleProfileService), "
                             "after seeing which deadlines move.")
        on = on or self._today()
        if on > self._today():
            raise ValidationError("That date is in the future; record what has happened.")
        if problem := day_problem(on):
            raise ValidationError(problem)
        # Read and checked under the write lock: concurrent actions on the order are applied
        # one after the other, each against what the previous one stored.
        with self._db.writing() as session:
            repository = OrderRepository(session)
            order = repository.get(order_id)
            if action == Action.SUBMIT:
                # Placed now: the order keeps following these rules until a newer version is
                # applied to it.
                order.profile_version = self._profile().version
            profile = self._profile_for(order)
            lifecycle.perform(order, action, profile, on, today=self._today(), party=party,
                              payment=payment, note=note)
            saved = repository.save(order)
        return Outcome(saved, changes_of(session))


    def record_auto_cancel(self, order_id: int) -> Outcome[Order]:
        """CONF-AUTO: record that the platform cancelled an order left unconfirmed or unpaid,
        dated the first day after its last day, so it stops waiting for payment here too."""
        profile, today = self._profile(), self._today()
        with self._db.writing() as session:
            repository = OrderRepository(session)
            order = repository.get(order_id)
            cancelled_on = lifecycle.auto_cancel_day(order, profile) or today
            lifecycle.perform(order, Action.AUTO_CANCEL, profile, min(cancelled_on, today),
                              today=today, party=Party.PLATFORM,
                              note="Cancelled automatically by the platform (CONF-AUTO).")
            saved = repository.save(order)
        return Outcome(saved, changes_of(session))

    def record_receiving(
        self,
        order_id: int,
        *,
        shipping_method: ShippingMethod | None,
        confirm_receipt_by: date | None,
        arrived_on: date | None,
    ) -> Outcome[Order]:
        """Record how the goods travel, the platform's "confirm receipt by" date (RC-WINDOW) and
        the day they arrived (DS-WINDOW). These are facts the platform shows or the buyer saw,
        not changes to the contract, so they may be recorded until the order is final."""
        for day in (confirm_receipt_by, arrived_on):
            if day is not None and (problem := day_problem(day)):
                raise ValidationError(problem)
        with self._db.writing() as session:
            repository = OrderRepository(session)
            order = repository.get(order_id)
            if order.status.is_final:
                raise NotAllowed(f"A {order.status.label.lower()} order is closed.")
            errors = receiving_problem(order, confirm_receipt_by=confirm_receipt_by,
                                       arrived_on=arrived_on, today=self._today())
            if errors:
                raise ValidationError(" ".join(errors.values()), field_errors=errors,
                                      rule="RC-WINDOW" if "confirm_receipt_by" in errors
                                      else "DS-WINDOW")
            order.shipping_method = shipping_method
            order.confirm_receipt_by = confirm_receipt_by
            order.arrived_on = arrived_on
            saved = repository.save(order)
        return Outcome(saved, changes_of(session))
