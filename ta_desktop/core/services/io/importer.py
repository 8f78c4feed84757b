"""Import suppliers or orders from a CSV or XLSX file: all of it, or nothing.

Orders are keyed by order number and suppliers by name. A record not yet stored is created; one
stored and identical is counted unchanged; one that differs is updated only when asked
(``update``), and an order only while it is a draft (MOD-REQ; its own notes may change in any
status). An order in a later status is created with that status and one "imported" event,
without replaying the platform's steps. Every other case is a row error.

Both use cases are generators that yield ``Progress`` (for a progress bar with Cancel) and
return their result; closing one stops it, and a write in progress is rolled back:

- ``check_import`` reads the whole file in a read transaction and reports what importing it
  would do, with every row's errors. It writes nothing. The file is streamed and checked in
  batches; order numbers already met are kept on disk (``SeenKeys``), so a million rows take
  the memory of a few thousand.
- ``import_file`` checks first; only when no row has an error (and not ``dry_run``) it reads the
  file again and writes it in ONE transaction, which the same checks, repeated inside it, can
  still roll back.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.evidence import Progress
from ta_desktop.core.domain.specs import readiness
from ta_desktop.core.domain.tabular import (
    ParsedRow,
    RecordKind,
    RowError,
    guess_kind,
    is_blank,
    match_columns,
    missing_columns,
    parse_row,
)
from ta_desktop.core.domain.tabular_records import (
    OrderBlock,
    apply_order,
    apply_supplier,
    errors_of,
    first_line_difference,
    group_orders,
    order_changes,
    order_from_block,
    supplier_changes,
    supplier_from_values,
)
from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.core.domain.validation import order_errors, supplier_errors
from ta_desktop.core.services.io.readers import open_table
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.repositories import OrderRepository, SupplierRepository
from ta_desktop.core.storage.scratch import SeenKeys

BATCH = 500  # records looked up (and written) together
MAX_SHOWN_ERRORS = 1000  # the report lists these; it counts them all


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    kind: RecordKind
    update: bool = False
    # field name -> column index in the file; None: the columns are matched by name.
    mapping: Mapping[str, int] | None = None


@dataclass
class ImportReport:
    kind: RecordKind
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows: int = 0
    source: str = ""
    written: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_errors(self, errors: Iterable[RowError]) -> None:
        for error in errors:
            self.error_count += 1
            if len(self.errors) < MAX_SHOWN_ERRORS:
                self.errors.append(error)


@dataclass(frozen=True)
class Peek:
    """The start of a file, for the mapping step and the preview: read in a blink."""

    headers: list[str]
    rows: list[tuple[int, list[object]]]
    description: str
    kind: RecordKind


def peek(path: Path, limit: int = 200, kind: RecordKind | None = None) -> Peek:
    """The header and the first ``limit`` rows of ``path``, and what it seems to hold."""
    with open_table(path, kind) as table:
        rows = [(number, list(cells)) for number, cells in islice(table.rows, limit)]
        return Peek(table.headers, rows, table.description, kind or guess_kind(table.headers))


class _Refused(Exception):
    """Raised inside the write transaction to roll it back when a row fails there."""

    def __init__(self, report: ImportReport):
        super().__init__("rolled back")
        self.report = report


def check_import(workspace: Workspace,
                 request: ImportRequest) -> Generator[Progress, None, ImportReport]:
    """What importing ``request`` would do, with every row's errors; nothing is written."""
    with workspace.db.unit_of_work() as session:
        report = yield from _run(workspace, request, session, write=False)
    return report


def import_file(workspace: Workspace, request: ImportRequest, *,
                dry_run: bool = False) -> Generator[Progress, None, Outcome[ImportReport]]:
    """Check the file, then (unless ``dry_run`` or a row has an error) import all of it in one
    transaction. ``report.written`` says whether anything was written."""
    report = yield from check_import(workspace, request)
    if dry_run or not report.ok:
        return Outcome(report)
    try:
        # The write lock is held from here to the commit: the checks repeated inside hold.
        with workspace.db.writing() as session:
            report = yield from _run(workspace, request, session, write=True)
            if not report.ok:
                raise _Refused(report)
    except _Refused as refused:
        return Outcome(refused.report)
    report.written = True
    return Outcome(report, changes_of(session))


def _run(workspace: Workspace, request: ImportRequest, session,
         write: bool) -> Generator[Progress, None, ImportReport]:
    report = ImportReport(request.kind)
    verb = "Importing" if write else "Checking"
    with open_table(request.path, request.kind) as table, SeenKeys() as seen:
        report.source = table.description
        mapping = dict(request.mapping) if request.mapping is not None \
            else match_columns(table.headers, request.kind)
        missing = missing_columns(mapping, request.kind)
        if missing:
            report.add_errors(RowError(1, name, f"The file has no column '{name}'; it is "
                                       "required (name a column so, or choose it).")
                              for name in missing)
            return report
        rows = _parsed(table.rows, mapping, request.kind, table.style, report)
        kind = _Orders if request.kind == RecordKind.ORDERS else _Suppliers
        records = kind(workspace, session, request, set(mapping), seen, write)
        yield Progress(0, 0, f"{verb} {request.path.name}")
        for batch in _batched(records.gather(rows), BATCH):
            report.add_errors(records.handle(batch, report))
            done, total = table.position()
            yield Progress(done, total, f"{verb} row {report.rows + 1:,}")
    return report


def _parsed(rows: Iterator, mapping: dict[str, int], kind: RecordKind, style,
            report: ImportReport) -> Iterator[ParsedRow]:
    for number, cells in rows:
        if all(is_blank(cell) for cell in cells):
            continue
        report.rows += 1
        yield parse_row(number, cells, mapping, kind, style)


class _Records:
    def __init__(self, workspace: Workspace, session, request: ImportRequest,
                 present: set[str], seen: SeenKeys, write: bool):
        self.today = workspace.today()
        self.session = session
        self.request = request
        self.present = present
        self.seen = seen
        self.write = write

    def duplicate(self, key: str, row: int, column: str, what: str) -> list[RowError]:
        first = self.seen.first_seen(key, row) if key else None
        if first is None:
            return []
        return [RowError(row, column, f"{what} {key} is also on row {first}: each is imported "
                         "once, from rows that stand together.")]

    def differs(self, row: int, column: str, what: str) -> RowError:
        return RowError(row, column, f"{what} is already stored with another {column}; import "
                        "with 'update existing records' (--update) to change it.")


class _Orders(_Records):
    def __init__(self, workspace: Workspace, *args):
        super().__init__(workspace, *args)
        self.orders = OrderRepository(self.session)
        self.suppliers: dict[str, int | None] = {}
        for supplier_id, name in SupplierRepository(self.session).names():
            self.suppliers[name] = None if name in self.suppliers else supplier_id
        self.note = f"Imported from {self.request.path.name}"
        self.profile = workspace.profile

    def gather(self, rows: Iterator[ParsedRow]) -> Iterator[OrderBlock]:
        return group_orders(rows)

    def handle(self, blocks: tuple[OrderBlock, ...], report: ImportReport) -> list[RowError]:
        stored = self.orders.by_numbers(b.number for b in blocks if b.number)
        errors: list[RowError] = []
        created: list[Order] = []
        for block in blocks:
            found = [*block.errors, *self.duplicate(block.number, block.first_row,
                                                    "order_number", "Order number")]
            supplier_id = self._supplier(block, found)
            if found:
                errors.extend(found)
                continue
            order = order_from_block(block, supplier_id)
            problems = order_errors(order)
            if order.created_on is not None and order.created_on > self.today:
                problems["created_on"] = f"{order.created_on} is in the future."
            if problems:
                errors.extend(errors_of(ValidationError("", field_errors=problems), block))
                continue
            existing = stored.get(order.order_number)
            if existing is None:
                report.created += 1
                created.append(self._new(order))
            else:
                errors.extend(self._compare(existing, order, block, report))
        if self.write and created:
            self.orders.add_all(created)
        return errors

    def _supplier(self, block: OrderBlock, found: list[RowError]) -> int:
        name = block.values.get("supplier") or ""
        if not name or any(e.column == "supplier" for e in found):
            return 0
        if name not in self.suppliers:
            found.append(RowError(block.first_row, "supplier", f"There is no supplier '{name}' "
                                  "in your list: import the suppliers first, or add it."))
            return 0
        supplier_id = self.suppliers[name]
        if supplier_id is None:
            found.append(RowError(block.first_row, "supplier", f"Two suppliers in your list are "
                                  f"called '{name}': rename one first."))
            return 0
        return supplier_id

    def _new(self, order: Order) -> Order:
        order.created_on = order.created_on or self.today
        order.spec_score = readiness(order)
        lifecycle.record_import(order, self.today, self.note)
        return order

    def _compare(self, existing: Order, order: Order, block: OrderBlock,
                 report: ImportReport) -> list[RowError]:
        changed = order_changes(existing, order, self.present)
        if not changed:
            report.unchanged += 1
            return []
        row, column = _cell_of(changed, existing, order, block)
        if "status" in changed:
            return [RowError(block.first_row, "status", f"Order {order.order_number} is "
                             f"'{existing.status.value}' here and '{order.status.value}' in the "
                             "file: an import never moves an order along; use its actions.")]
        if not self.request.update:
            return [self.differs(row, column, f"Order {order.order_number}")]
        if existing.status != OrderStatus.DRAFT and set(changed) != {"notes"}:
            verdict = lifecycle.check(existing, Action.EDIT, self.profile, self.today)
            rule = f"{verdict.rule}: " if verdict.rule else ""
            return [RowError(row, column, f"{rule}{verdict.reason} Of an order "
                             "past draft, an import updates the notes only.")]
        report.updated += 1
        if self.write:
            apply_order(existing, order, changed)
            existing.spec_score = readiness(existing)
            self.orders.save(existing)
        return []


def _cell_of(changed: list[str], stored: Order, order: Order,
             block: OrderBlock) -> tuple[int, str]:
    """The cell to point at for a difference: the first one that is not the notes."""
    first = next((name for name in changed if name != "notes"), changed[0])
    if first != "lines":
        return block.first_row, first
    index, column = first_line_difference(stored, order)
    return block.row_of_line(index), column


class _Suppliers(_Records):
    def __init__(self, workspace: Workspace, *args):
        super().__init__(workspace, *args)
        self.repository = SupplierRepository(self.session)

    def gather(self, rows: Iterator[ParsedRow]) -> Iterator[ParsedRow]:
        return rows

    def handle(self, rows: tuple[ParsedRow, ...], report: ImportReport) -> list[RowError]:
        stored = self.repository.by_names(r.values.get("name") or "" for r in rows)
        errors: list[RowError] = []
        for parsed in rows:
            supplier, found = supplier_from_values(parsed.row, parsed.values)
            found = [*parsed.errors, *found,
                     *self.duplicate(supplier.name, parsed.row, "name", "Supplier")]
            if not found:
                found = [RowError(parsed.row, column.partition("[")[0], message)
                         for column, message in supplier_errors(supplier, self.today).items()]
            if found:
                errors.extend(found)
                continue
            existing = stored.get(supplier.name)
            if existing is None:
                report.created += 1
                if self.write:
                    self.repository.save(supplier)
                continue
            changed = supplier_changes(existing, supplier, self.present)
            if not changed:
                report.unchanged += 1
            elif not self.request.update:
                errors.append(self.differs(parsed.row, changed[0], f"Supplier {supplier.name}"))
            else:
                report.updated += 1
                if self.write:
                    self.repository.save(apply_supplier(existing, supplier, changed))
        return errors


def _batched(items: Iterator, size: int) -> Iterator[tuple]:
    """``itertools.batched`` (Python 3.12), for 3.11."""
    while batch := tuple(islice(items, size)):
        yield batch
