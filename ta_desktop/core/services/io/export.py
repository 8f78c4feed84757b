"""Export suppliers and orders (all, or a list as filtered) to CSV or XLSX.

Records are read page by page in one read transaction and written as they come, in the order
they were added: importing the file into an empty database adds them in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ta_desktop.core.domain.entities import ListQuery, Order
from ta_desktop.core.domain.tabular import ORDER_COLUMNS, SUPPLIER_COLUMNS, RecordKind
from ta_desktop.core.domain.tabular_records import order_cells, supplier_cells
from ta_desktop.core.services.io.writers import check_format, write_table
from ta_desktop.core.services.money import MoneyService
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.repositories import OrderRepository, SupplierRepository

PAGE = 500
# LAND, exported only: the landed cost of the order, of the row's line and of one unit of it.
LANDED_COLUMNS = ("home_currency", "landed_cost", "landed_cost_line", "landed_cost_per_unit",
                  "landed_cost_estimate")


@dataclass(frozen=True)
class Exported:
    path: Path
    kind: RecordKind
    records: int  # orders or suppliers
    rows: int  # rows below the header (an order has one per line)


def export_records(db: Database, kind: RecordKind, path: Path,
                   query: ListQuery = ListQuery(), money: MoneyService | None = None
                   ) -> Exported:
    """Write the ``kind`` records ``query`` selects to ``path`` (.csv or .xlsx). With
    ``money``, orders get their landed cost in the home currency in columns of their own after
    the importable ones (an import ignores them)."""
    path = Path(path)
    check_format(path)  # before reading anything
    counted = [0]
    with db.unit_of_work() as session:
        if kind == RecordKind.ORDERS:
            repository, columns, cells = OrderRepository(session), ORDER_COLUMNS, order_cells
            if money is not None:
                columns, cells = (*ORDER_COLUMNS, *LANDED_COLUMNS), _with_landed(money)
        else:
            repository, columns = SupplierRepository(session), SUPPLIER_COLUMNS
            cells = lambda supplier: [supplier_cells(supplier)]  # noqa: E731
        rows = _rows(lambda after: repository.after(query, after, PAGE), cells, counted)
        written = write_table(path, columns, rows, kind.value)
    return Exported(path, kind, counted[0], written)


def _with_landed(money: MoneyService) -> Callable[[Order], Iterator[list[object]]]:
    home, costed = money.rates().home, money.costed_orders()

    def cells(order: Order) -> Iterator[list[object]]:
        result = money.landed_of(order) if order.id in costed else None
        by_line = {id(x.line): x for x in result.lines} if result else {}
        for line, row in zip(order.lines or [None], order_cells(order), strict=True):
            figure = by_line.get(id(line))
            yield [*row, home, result.total.amount if result else None,
                   figure.total.amount if figure else None,
                   figure.per_unit.amount if figure else None,
                   result.estimate if result else None]

    return cells


def _rows(page_after: Callable[[int], list], cells: Callable[[object], Iterable[list]],
          counted: list[int]) -> Iterator[list[object]]:
    """Every record, page by page (by id), as rows; ``counted[0]`` counts the records."""
    after = 0
    while page := page_after(after):
        for record in page:
            counted[0] += 1
            yield from cells(record)
        after = page[-1].id
