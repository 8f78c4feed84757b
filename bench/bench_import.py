"""Importing a big spreadsheet: 100,000 order lines (25,000 orders of 4 lines) from 200 suppliers.

Prints, for a CSV file written here: the time and the peak memory of importing it into an empty
database (the check pass and the write pass, in one transaction), of importing it again (all
unchanged), and of exporting it to XLSX and to CSV. Peak memory is Python's own allocations at
their highest (tracemalloc, in a second, traced run, since tracing slows Python down) and the
process's resident size. Run: python bench/bench_import.py [--lines N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ta_desktop.core.domain.entities import Supplier
from ta_desktop.core.domain.tabular import RecordKind
from ta_desktop.core.services.evidence.fit import drain
from ta_desktop.core.services.io.export import export_records
from ta_desktop.core.services.io.importer import ImportRequest, import_file
from ta_desktop.core.services.workspace import Workspace

SUPPLIERS = 200
LINES_PER_ORDER = 4


def write_csv(path: Path, lines: int) -> None:
    statuses = ["draft", "awaiting_payment", "awaiting_shipment", "completed"]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write("order_number,supplier,status,online,currency,incoterm,shipment_date,"
                  "payment_method,product,sku,quantity,unit,unit_price,notes,created_on\r\n")
        for n in range(lines):
            order = n // LINES_PER_ORDER
            out.write(f"TA-{order:07d},Supplier {order % SUPPLIERS:03d} 有限公司,"
                      f"{statuses[order % 4]},true,USD,FOB,2027-0{1 + order % 9}-15,card,"
                      f"\"Power bank 20,000 mAh, model {n % 7}\",PB-{n % 7},{100 + n % 50},"
                      f"pcs,{7 + n % 13}.85,,2026-0{1 + order % 9}-02\r\n")


def timed(label: str, work: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = work()
    print(f"{label:<44} {time.perf_counter() - start:7.2f} s")
    return result


def traced_peak(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = folder / "orders.csv"
        write_csv(source, args.lines)
        print(f"{args.lines:,} order lines, {args.lines // LINES_PER_ORDER:,} orders, "
              f"{source.stat().st_size / 1e6:.1f} MB of CSV")

        def fresh(name: str) -> Workspace:
            workspace = Workspace.open(folder / name, today=lambda: date(2026, 11, 25))
            for number in range(SUPPLIERS):
                workspace.suppliers.save(Supplier(f"Supplier {number:03d} 有限公司"))
            return workspace

        def run(workspace: Workspace):
            request = ImportRequest(source, RecordKind.ORDERS)
            return drain(import_file(workspace, request)).value

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
        workspace = fresh("bench.sqlite")
        report = timed("import into an empty database", lambda: run(workspace))
        assert report.ok and report.created == args.lines // LINES_PER_ORDER, report.errors[:3]
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
        again = timed("import again (all unchanged)", lambda: run(workspace))
        assert again.unchanged == report.created
        timed("export to XLSX", lambda: export_records(
            workspace.db, RecordKind.ORDERS, folder / "out.xlsx"))
        timed("export to CSV", lambda: export_records(
            workspace.db, RecordKind.ORDERS, folder / "out.csv"))
        workspace.close()

        traced = fresh("traced.sqlite")
        peak = traced_peak(lambda: run(traced))
        traced.close()
        print(f"{'peak Python memory of the import (tracemalloc)':<44} {peak:7.1f} MB")
        print(f"{'peak resident size, growth during the import':<44} "
              f"{rss_after - rss_before:7.1f} MB")


if __name__ == "__main__":
    main()
