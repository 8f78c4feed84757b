"""The order list sorted by the total in the home currency (a SQL expression over today's rates
and the rates paid) against the plain sort by total, on a big database (100,000 orders by
default, filled as bench_orders.py fills it). Prints the median of 5 runs of count + the first
page, with the money columns. Run: python bench/bench_home_total.py [--db PATH] [--orders N]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_orders import fill
from ta_desktop.core.domain.entities import ListQuery
from ta_desktop.core.services.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reuse this database (filled if missing)")
    parser.add_argument("--orders", type=int, default=100_000)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite"
    if not path.exists():
        print(f"fill {args.orders:,} orders: {fill(path, args.orders, 2_000):.1f} s")
    workspace = Workspace.open(path)
    workspace.money.set_home("EUR", {"USD": "0.92", "CNY": "0.13"})
    for sort in ("total", "home_total"):
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            query = dataclasses.replace(ListQuery(), sort=sort, descending=True)
            workspace.orders.count(query)
            workspace.money.rows(query, 0, 200)
            runs.append(time.perf_counter() - start)
        print(f"sort by {sort}, descending, count + first page of 200 with the money columns: "
              f"median {statistics.median(runs) * 1000:.0f} ms")
    workspace.close()


if __name__ == "__main__":
    main()
