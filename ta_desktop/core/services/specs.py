"""Specification use cases: lint a text, and save an order's specification with its score.

The score (dispute readiness) is stored next to the text so the order list can show and sort by
it; it is always computed here from the text, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.errors import NotAllowed
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.speclint import LintReport, lint
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.repositories import OrderRepository


def sections_on_order(order: Order) -> frozenset[str]:
    """Spec sections the order itself states on the platform: its agreed shipment date, and the
    quantity of each line."""
    found = set()
    if order.shipment_date is not None:
        found.add("shipment_date")
    if order.lines and all(line.quantity > 0 for line in order.lines):
        found.add("quantity")
    return frozenset(found)


def readiness(order: Order) -> int | None:
    """The score to store for the order's specification; None when it has none yet."""
    if not order.spec_text.strip():
        return None
    return lint(order.spec_text, sections_on_order(order)).score


class SpecService:
    def __init__(self, db: Database, profile: Callable[[], RuleProfile], today: Callable[[], date]):
        self._db = db
        self._profile = profile
        self._today = today

    def report(self, text: str, order: Order | None = None) -> LintReport:
        return lint(text, sections_on_order(order) if order else frozenset())

    def save(self, order_id: int, text: str) -> Order:
        """Save the specification and its score in one transaction. The specification is part
        of the contract, so it changes only while the order itself may be edited (MOD-REQ)."""
        with self._db.unit_of_work() as session:
            repository = OrderRepository(session)
            order = repository.get(order_id)
            verdict = lifecycle.check(order, Action.EDIT, self._profile(), self._today())
            if not verdict:
                raise NotAllowed(verdict.reason, rule=verdict.rule)
            order.spec_text = text
            order.spec_score = readiness(order)
            return repository.save(order)
