"""Supplier use cases: list, read, save, delete. One transaction per call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ta_desktop.core.domain.changes import Changes, Kind, Outcome
from ta_desktop.core.domain.entities import ListQuery, Supplier, SupplierRow
from ta_desktop.core.domain.errors import NotAllowed, NotFound
from ta_desktop.core.domain.rules import RuleProfile, default_profile
from ta_desktop.core.domain.validation import validate_supplier, web_address
from ta_desktop.core.storage import snapshots
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.orm import SupplierRecord
from ta_desktop.core.storage.repositories import SupplierRepository
from ta_desktop.core.storage.scorecard_repository import supplier_rows
from ta_desktop.core.storage.snapshots import Snapshot


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

    def find(self, supplier_id: int | None) -> Supplier | None:
        """The supplier, or None when there is none by that id (a new order has none yet)."""
        if not supplier_id:
            return None
        try:
            return self.get(supplier_id)
        except NotFound:
            return None

    def save(self, supplier: Supplier) -> Outcome[Supplier]:
        """Add or change a supplier; a copy read before another save of it is refused with
        ``ConflictError``."""
        validate_supplier(supplier, self._today())
        supplier.store_url = web_address(supplier.store_url)
        with self._db.writing() as session:
            saved = SupplierRepository(session).save(supplier)
        return Outcome(saved, changes_of(session))

    def delete(self, supplier_id: int, version: int | None = None) -> Outcome[Snapshot]:
        """Delete a supplier without orders; with ``version``, only the version the user saw.
        Its value is what was removed, which ``undo_delete`` puts back."""
        with self._db.writing() as session:
            repository = SupplierRepository(session)
            orders = repository.order_count(supplier_id)
            if orders:
                name = repository.get(supplier_id).name
                raise NotAllowed(
                    f"{name} has {orders} order(s); delete or move them before the supplier."
                )
            removed = snapshots.take(session, {SupplierRecord.__table__: [supplier_id]},
                                     f"supplier {repository.get(supplier_id).name}",
                                     Changes.of(Kind.SUPPLIER, supplier_id))
            repository.delete(supplier_id, version)
        return Outcome(removed, changes_of(session))

    def undo_delete(self, removed: Snapshot) -> Outcome[None]:
        """Put back what ``delete`` removed, as it was (Edit → Undo)."""
        with self._db.writing() as session:
            snapshots.put_back(session, removed)
        return Outcome(None, changes_of(session))
