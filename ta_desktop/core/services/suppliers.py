"""Supplier use cases: list, read, save, delete. One transaction per call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.entities import ListQuery, Supplier, SupplierRow
from ta_desktop.core.domain.errors import NotAllowed
from ta_desktop.core.domain.rules import RuleProfile, default_profile
from ta_desktop.core.domain.validation import validate_supplier
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.repositories import SupplierRepository
from ta_desktop.core.storage.scorecard_repository import supplier_rows


class SupplierService:
    def __init__(self, db: Database, today: Callable[[], date],
                 profile: Callable[[], RuleProfile] = default_profile):
        self._db = db
        self._today = today
        self._profile = profile

    def count(self, query: ListQuery = ListQuery()) -> int:
        with self._db.unit_of_work() as session:
            return SupplierRepository(session).count(query)

    def rows(
        self, query: ListQuery = ListQuery(), offset: int = 0, limit: int | None = None
    ) -> list[SupplierRow]:
        """The list with each supplier's scorecard columns (SQL aggregates)."""
        days = self._profile().certificate_reminder_days
        with self._db.unit_of_work() as session:
            return supplier_rows(session, query, self._today(), days, offset, limit)

    def names(self) -> list[tuple[int, str]]:
        with self._db.unit_of_work() as session:
            return SupplierRepository(session).names()

    def get(self, supplier_id: int) -> Supplier:
        with self._db.unit_of_work() as session:
            return SupplierRepository(session).get(supplier_id)

    def save(self, supplier: Supplier) -> Outcome[Supplier]:
        """Add or change a supplier; a copy read before another save of it is refused with
        ``ConflictError``."""
        validate_supplier(supplier, self._today())
        with self._db.writing() as session:
            saved = SupplierRepository(session).save(supplier)
        return Outcome(saved, changes_of(session))

    def delete(self, supplier_id: int, version: int | None = None) -> Outcome[None]:
        """Delete a supplier without orders; with ``version``, only the version the user saw."""
        with self._db.writing() as session:
            repository = SupplierRepository(session)
            orders = repository.order_count(supplier_id)
            if orders:
                name = repository.get(supplier_id).name
                raise NotAllowed(
                    f"{name} has {orders} order(s); delete or move them before the supplier."
                )
            repository.delete(supplier_id, version)
        return Outcome(None, changes_of(session))
