"""A supplier's scorecard, overall and per year (``core.domain.scorecard``)."""

from __future__ import annotations

from collections.abc import Callable

from ta_desktop.core.domain.landed_cost import Rates
from ta_desktop.core.domain.scorecard import Scorecard, scorecard, scorecard_by_year
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.scorecard_repository import order_facts


class ScorecardService:
    def __init__(self, db: Database, rates: Callable[[], Rates] | None = None):
        self._db = db
        self._rates = rates  # the home currency and today's rates, for the spend in it

    def of(self, supplier_id: int) -> tuple[Scorecard, dict[int, Scorecard]]:
        """The supplier's scorecard over all its orders, and one per year the orders were
        placed in."""
        with self._db.unit_of_work() as session:
            facts = order_facts(session, supplier_id)
        rates = self._rates() if self._rates else None
        return scorecard(facts, rates), scorecard_by_year(facts, rates)
