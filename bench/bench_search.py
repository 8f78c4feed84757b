"""Search as you type over a big database: each query's first page of the order list (what the
list shows at once, newest first) and, apart, its count (which the list waits for off the GUI
thread), through the trigram index, each beside its anchor measured in the same run: a plain
LIKE scan of the same fields (number, supplier, notes, products, SKUs, specification) giving
the same page or the same count. Goal: a first page in 20 ms or less. Run:
python bench/bench_search.py [--db PATH] [--orders N] (a database of revision 0014 or older:
opening it upgrades it)
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_deadlines import median_ms
from make_db import fill
from sqlalchemy import exists, func, or_, select

from ta_desktop.core.domain.entities import ListQuery
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage.orm import OrderLineRecord, OrderRecord, SupplierRecord
from ta_desktop.core.storage.repositories import OrderRepository

PAGE = 200  # the rows the list reads first (PagedTableModel.PAGE_SIZE)
GOAL_MS = 20.0
QUERIES = ["TA-0099", "Ningbo", "Bamboo lid", "LP-6060", "Pantone 300", "Rotterdam", "华强电子",
           "raised the price", "zzqx", "TA", "华强"]


def _wanted(text: str):
    """The anchor: LIKE '%text%' over every searched field."""
    pattern = f"%{text}%"
    return or_(
        OrderRecord.order_number.ilike(pattern), OrderRecord.notes.ilike(pattern),
        OrderRecord.spec_text.ilike(pattern),
        OrderRecord.supplier_id.in_(select(SupplierRecord.id)
                                    .where(SupplierRecord.name.ilike(pattern))),
        exists().where(OrderLineRecord.order_id == OrderRecord.id,
                       or_(OrderLineRecord.product.ilike(pattern),
                           OrderLineRecord.sku.ilike(pattern))))


def _scan_page(session, text: str) -> list[int]:
    return list(session.scalars(select(OrderRecord.id).where(_wanted(text)).order_by(
        OrderRecord.created_on.desc(), OrderRecord.id.desc()).limit(PAGE)))


def _scan_count(session, text: str) -> int:
    return session.scalar(select(func.count()).where(_wanted(text)))


def _page(session, text: str) -> list[int]:
    return [row.id for row in OrderRepository(session).rows(ListQuery(text=text), 0, PAGE)]


def _count(session, text: str) -> int:
    return OrderRepository(session).count(ListQuery(text=text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reuse this database (filled if missing)")
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite"
    if not path.exists():
        print(f"fill {args.orders:,} orders: "
              f"{fill(path, args.orders, max(9, args.orders // 50)):.1f} s")
    workspace = Workspace.open(path)
    slowest = 0.0
    with workspace.db.unit_of_work() as session:
        orders = session.scalar(select(func.count(OrderRecord.id)))
        print(f"{orders:,} orders; load average {os.getloadavg()[0]:.2f} at the start; median of "
              f"{args.runs} (anchor: a plain LIKE scan of the same fields, same page or count)")
        print(f"{'query':<18}{'matches':>9}{'page ms':>9}{'LIKE ms':>9}{'ratio':>7}"
              f"{'count ms':>10}{'LIKE ms':>9}{'ratio':>7}")
        for text in QUERIES:
            page, count = _page(session, text), _count(session, text)
            if len(text) >= 3:  # the prefix search finds other things than the scan
                assert page == _scan_page(session, text), text
                assert count == _scan_count(session, text), (text, count)
            times = [median_ms(lambda f=f, t=text: f(session, t), runs) for f, runs in (
                (_page, args.runs), (_scan_page, max(1, args.runs // 2)),
                (_count, args.runs), (_scan_count, max(1, args.runs // 2)))]
            slowest = max(slowest, times[0])
            print(f"{text:<18}{count:>9,}{times[0]:>9.1f}{times[1]:>9.1f}"
                  f"{times[0] / times[1]:>7.2f}{times[2]:>10.1f}{times[3]:>9.1f}"
                  f"{times[2] / times[3]:>7.2f}" + ("  (prefix search)" if len(text) < 3 else ""))
    print(f"goal, a first page in {GOAL_MS:.0f} ms or less for every query: "
          f"{'met' if slowest <= GOAL_MS else 'NOT met'} (slowest {slowest:.1f} ms); load "
          f"average {os.getloadavg()[0]:.2f} at the end")
    print(f"peak memory of this process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    workspace.close()


if __name__ == "__main__":
    main()
