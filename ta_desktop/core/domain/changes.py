"""What a write changed, so each screen can decide for itself whether to refresh.

Every service write returns an ``Outcome``: its result and a ``Changes`` record naming the kinds
of record it touched and their ids. An order's dispute and evidence are named by the order's id,
since that is what a screen shows them under. The records are collected by the storage layer
from what the transaction really flushed, so a write cannot forget to report one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Kind(StrEnum):
    ORDER = "order"
    SUPPLIER = "supplier"
    DISPUTE = "dispute"  # id: the order's
    EVIDENCE = "evidence"  # id: the order's
    SETTINGS = "settings"  # no id: any setting or rule value


@dataclass(frozen=True)
class Changes:
    touched: frozenset[tuple[Kind, int | None]] = frozenset()
    # The team member who made a change heard from the server (live lists); empty for this
    # window's own writes.
    by: str = ""

    @classmethod
    def of(cls, kind: Kind, *ids: int | None) -> Changes:
        return cls(frozenset((kind, i) for i in (ids or (None,))))

    @classmethod
    def union(cls, records: Iterable[Changes]) -> Changes:
        return cls(frozenset().union(*(record.touched for record in records)))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.touched | other.touched, self.by or other.by)

    def __bool__(self) -> bool:
        return bool(self.touched)

    def kinds(self) -> frozenset[Kind]:
        return frozenset(kind for kind, _id in self.touched)

    def ids(self, kind: Kind) -> frozenset[int]:
        return frozenset(i for k, i in self.touched if k == kind and i is not None)

    def has(self, kind: Kind, record_id: int | None = None) -> bool:
        """Did the write touch ``kind`` (that record, when ``record_id`` is given)?"""
        return any(k == kind and (record_id is None or i == record_id) for k, i in self.touched)

    def touches_order(self, order_id: int | None) -> bool:
        """Did anything shown on the order ``order_id`` change (the order, its dispute or its
        evidence, or the rules its deadlines are computed from)?"""
        return self.has(Kind.SETTINGS) or (order_id is not None and any(
            self.has(kind, order_id) for kind in (Kind.ORDER, Kind.DISPUTE, Kind.EVIDENCE)))


NO_CHANGES = Changes()


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A write's result and what it changed."""

    value: T
    changes: Changes = NO_CHANGES
