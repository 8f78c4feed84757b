"""MOD-REQ use cases: ask the supplier for a change, record the answer. One transaction each,
under the write lock, the rules checked again inside it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain import modifications as mod
from ta_desktop.core.domain.bounds import recorded_day
from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.errors import NotAllowed, ValidationError
from ta_desktop.core.domain.modifications import ModificationRequest
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.specs import readiness
from ta_desktop.core.domain.validation import validate_order
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.repositories import OrderRepository
from ta_desktop.core.storage.rules_repository import ModificationRepository


class ModificationService:
    def __init__(self, db: Database, profile_for: Callable[[Order], RuleProfile],
                 today: Callable[[], date]):
        self._db = db
        self._profile_for = profile_for
        self._today = today

    def for_order(self, order_id: int) -> list[ModificationRequest]:
        with self._db.unit_of_work() as session:
            return ModificationRepository(session).for_order(order_id)

    def _day(self, on: date | None) -> date:
        return recorded_day(on, self._today())

    def request(self, request: ModificationRequest) -> Outcome[ModificationRequest]:
        """Record what the buyer asked the supplier to change; the order itself stays as it
        is until the supplier accepts. One request waits for an answer at a time."""
        request.requested_on = self._day(request.requested_on)
        with self._db.writing() as session:
            orders, requests = OrderRepository(session), ModificationRepository(session)
            order = orders.get(request.order_id)
            if any(item.pending for item in requests.for_order(order.id)):
                raise NotAllowed("A modification request on this order is still waiting for "
                                 "the supplier's answer; record it first.", rule="MOD-REQ")
            mod.check_request(order, request)
            _check_result(order, request)
            changes = mod.differences(order, request)
            lifecycle.transition(order, Action.REQUEST_MODIFICATION,
                                 self._profile_for(order), request.requested_on,
                                 today=self._today(), note=_note(changes, request.reason))
            orders.save(order)
            saved = requests.save(request)
        return Outcome(saved, changes_of(session))

    def answer(self, request_id: int, accepted: bool, *, on: date | None = None,
               note: str = "") -> Outcome[Order]:
        """The supplier's answer: accepted, the order takes the new values (old and new in its
        history); declined, nothing of the order changes but its history."""
        on = self._day(on)
        with self._db.writing() as session:
            orders, requests = OrderRepository(session), ModificationRepository(session)
            request = requests.get(request_id)
            order = orders.get(request.order_id)
            profile = self._profile_for(order)
            request.answer_note = note.strip()
            if on < request.requested_on:
                raise ValidationError("The supplier answered before the request was sent? "
                                      f"It was sent on {request.requested_on.isoformat()}.")
            if accepted:
                # Checked first: the order may have moved on (a payment being processed).
                verdict = lifecycle.check(order, Action.MODIFICATION_ACCEPTED, profile, on)
                if not verdict:
                    raise NotAllowed(verdict.reason, rule=verdict.rule)
                changed = mod.accept(order, request, on)
                validate_order(order)
                order.spec_score = readiness(order)
                action = Action.MODIFICATION_ACCEPTED
            else:
                mod.decline(request, on)
                changed, action = [], Action.MODIFICATION_DECLINED
            lifecycle.transition(order, action, profile, on, today=self._today(),
                                 party=None, note=_note(changed, note))
            saved = orders.save(order)
            requests.save(request)
        return Outcome(saved, changes_of(session))


def _check_result(order: Order, request: ModificationRequest) -> None:
    """The order as it would be once accepted must still be a valid order."""
    trial = Order(order_number=order.order_number, supplier_id=order.supplier_id,
                  currency=order.currency, shipment_date=order.shipment_date,
                  lines=list(order.lines), spec_text=order.spec_text)
    if request.shipment_date is not None:
        trial.shipment_date = request.shipment_date
    if request.lines is not None:
        trial.lines = request.lines
    validate_order(trial)


def _note(changes: list[str], text: str) -> str:
    return "; ".join([*changes, *([text.strip()] if text.strip() else [])])
