"""Search as you type over a big database: each query's count plus the first page of the order
list (what the list shows), through the trigram index, beside the anchor measured in the same
run: a plain LIKE scan of the same fields (number, supplier, notes, products, SKUs,
specification) giving the same count and page. Run: python bench/bench_search.py [--db PATH]
[--orders N]
"""

from __future__ import annotations

import argparse
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

PAGE = 40  # the rows a list view paints first
QUERIES = ["TA-0099", "Ningbo", "Bamboo lid", "LP-6060", "Pantone 300", "Rotterdam", "华强电子",
           "raised the price", "zzqx", "TA", "华强"]


def _plain_scan(session, text: str) -> tuple[int, list[int]]:
    """The anchor: LIKE '%text%' over every searched field, newest first."""
    pattern = f"%{text}%"
    wanted = or_(
        OrderRecord.order_number.ilike(pattern), OrderRecord.notes.ilike(pattern),
        OrderRecord.spec_text.ilike(pattern),
        OrderRecord.supplier_id.in_(select(SupplierRecord.id)
                                    .where(SupplierRecord.name.ilike(pattern))),
        exists().where(OrderLineRecord.order_id == OrderRecord.id,
                       or_(OrderLineRecord.product.ilike(pattern),
                           OrderLineRecord.sku.ilike(pattern))))
    count = session.scalar(select(func.count()).where(wanted))
    page = list(session.scalars(select(OrderRecord.id).where(wanted).order_by(
        OrderRecord.created_on.desc(), OrderRecord.id.desc()).limit(PAGE)))
    return count, page


def _indexed(session, text: str) -> tuple[int, list[int]]:
    repository = OrderRepository(session)
    query = ListQuery(text=text)
    return repository.count(query), [row.id for row in repository.rows(query, 0, PAGE)]


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
    with workspace.db.unit_of_work() as session:
        orders = session.scalar(select(func.count(OrderRecord.id)))
        print(f"{orders:,} orders; count + first {PAGE} rows, median of {args.runs} "
              "(plain LIKE scan of the same fields = anchor)")
        print(f"{'query':<20}{'matches':>10}{'indexed ms':>12}{'LIKE ms':>10}{'ratio':>8}")
        for text in QUERIES:
            found = _indexed(session, text)
            if len(text) >= 3:
                anchor = _plain_scan(session, text)
                assert found == anchor, (text, found[0], anchor[0])
            ours = median_ms(lambda t=text: _indexed(session, t), args.runs)
            scan = median_ms(lambda t=text: _plain_scan(session, t), max(1, args.runs // 2))
            print(f"{text:<20}{found[0]:>10,}{ours:>12.1f}{scan:>10.1f}{ours / scan:>8.2f}"
                  + ("  (prefix search)" if len(text) < 3 else ""))
    print(f"peak memory of this process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    workspace.close()


if __name__ == "__main__":
    main()
