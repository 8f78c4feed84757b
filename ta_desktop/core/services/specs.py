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


def readiness(text: str) -> int | None:
    """The score to store for ``text``; None when there is no specification yet."""
    return lint(text).score if text.strip() else None


class SpecService:
    def __init__(self, db: Database, profile: Callable[[], RuleProfile], today: Callable[[], date]):
        self._db = db
        self._profile = profile
        self._today = today

    def report(self, text: str) -> LintReport:
        return lint(text)

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
            order.spec_score = readiness(text)
            return repository.save(order)
