"""Build a realistic synthetic database for the benches: python bench/make_db.py PATH --orders N
[--suppliers M] [--seed S]

The demo set is loaded through the app's own services first (its 30 orders cover every status,
disputes with their events, payments, lines and specifications); every further order is a copy
of one of them with its own number, supplier, quantities, notes and specification, its whole
history moved back in time by the same number of days (so the history still replays through the
lifecycle and its deadlines are real ones). Open orders are recent, finished ones up to two
years old. Everything is written with bulk inserts in one transaction; on SQLite the secondary
indexes and triggers are dropped while filling and made again afterwards; then the search index
and the open deadlines are rebuilt as the app's repair commands do.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Connection, Date, DateTime, insert, select, text

from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.core.services import demo
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage import deadline_table, search_index
from ta_desktop.core.storage.orm import (
    CertificateRecord,
    DisputeEventRecord,
    DisputeRecord,
    OrderEventRecord,
    OrderLineRecord,
    OrderRecord,
    PaymentRecord,
    ScaledDecimal,
    SupplierRecord,
)

CITIES = ["Shenzhen", "Yiwu", "Ningbo", "Guangzhou", "Dongguan", "Xiamen", "Hangzhou", "Foshan",
          "Suzhou", "Qingdao", "Wenzhou", "Jinhua", "Penang", "Ho Chi Minh", "Istanbul"]
TRADES = ["Electronics", "Textile", "Toys", "Furniture", "Packaging", "Lighting", "Bamboo",
          "Hardware", "Ceramics", "Apparel", "Cosmetics", "Plastics", "Kitchenware"]
CHINESE = ["深圳市", "义乌市", "宁波", "广州市", "东莞市", "厦门", "杭州"]
CHINESE_TRADES = ["电子有限公司", "日用品有限公司", "纺织品有限公司", "家具制造厂", "玩具有限公司"]
NOTES = ["", "", "", "Shipment is late: chase.", "Customs hold in Rotterdam.",
         "Supplier raised the price.", "Paint chips on some units; lab test ordered.",
         "Sample approved by the client.", "Reorder of last season's best seller.",
         "Pay only against documents.", "客户要求加急", "Check the carton marks before loading.",
         "Second inspection booked with SGS.", "Split shipment agreed in chat."]
CAPACITIES = ["5,000", "10,000", "20,000", "26,800"]
COLOURS = ["Pantone 1935 C", "Pantone 186 C", "Pantone 300 C", "black", "RAL 9016 white"]
BATCH = 20_000
# The demo order numbers look like TA-2026-0101 / OFF-2026-0127: keep the prefix.
OWN_NUMBER = "{prefix}-{n:07d}"

Row = dict[str, object]


def _rows(connection: Connection, table, where) -> list[Row]:
    return [dict(r._mapping) for r in connection.execute(select(table).where(where))]


class _Prototype:
    """One demo order and everything under it, as plain rows of the tables."""

    def __init__(self, connection: Connection, order: Row) -> None:
        order_id = order["id"]
        self.order = order
        self.final = OrderStatus(order["status"]).is_final
        self.lines = _rows(connection, OrderLineRecord.__table__,
                           OrderLineRecord.order_id == order_id)
        self.payments = _rows(connection, PaymentRecord.__table__,
                              PaymentRecord.order_id == order_id)
        self.events = _rows(connection, OrderEventRecord.__table__,
                            OrderEventRecord.order_id == order_id)
        self.disputes = [
            (dispute, _rows(connection, DisputeEventRecord.__table__,
                            DisputeEventRecord.dispute_id == dispute["id"]))
            for dispute in _rows(connection, DisputeRecord.__table__,
                                 DisputeRecord.order_id == order_id)
        ]


def _shifter(table) -> Callable[[Row, timedelta, int], Row]:
    """A copy of a row of ``table`` moved back ``delta`` and with its money and quantities times
    ``factor`` (unit prices stay), found from the column types so new columns follow."""
    dated = [c.name for c in table.columns if isinstance(c.type, (Date, DateTime))]
    scaled = [c.name for c in table.columns
              if (isinstance(c.type, ScaledDecimal) and c.name != "unit_price")
              or c.name == "quantity"]

    def copy(row: Row, delta: timedelta, factor: int) -> Row:
        new = dict(row)
        new.pop("id", None)
        for name in dated:
            if new[name] is not None:
                new[name] = new[name] - delta
        for name in scaled:
            if new[name] is not None:
                new[name] = new[name] * factor
        return new

    return copy


def _spec(rng: random.Random, shipment: date | None) -> str:
    if rng.random() < 0.3:
        return demo.VAGUE_SPEC.replace("350 ml", f"{rng.choice([250, 350, 450])} ml")
    shipment = shipment or date(2026, 7, 1)
    return (demo.POWER_BANK_SPEC
            .replace("{shipment_date}", f"{shipment.day} {shipment:%B %Y}")
            .replace("20,000 mAh", f"{rng.choice(CAPACITIES)} mAh")
            .replace("Pantone 1935 C", rng.choice(COLOURS)))


def _supplier_rows(rng: random.Random, first_id: int, count: int, today: date):
    suppliers, certificates = [], []
    for n in range(count):
        supplier_id = first_id + n
        if rng.random() < 0.2:
            name = f"{rng.choice(CHINESE)}{rng.choice(CHINESE_TRADES)}{n:05d}"
        else:
            name = f"{rng.choice(CITIES)} {rng.choice(TRADES)} Co., Ltd. {n:05d}"
        suppliers.append({
            "id": supplier_id, "name": name, "country": "China", "gold_supplier": n % 3 != 0,
            "gold_since": 2005 + n % 20, "trade_assurance": n % 10 != 0,
            "contact_name": f"Contact {n}", "email": f"sales{n}@example.cn", "phone": "",
            "whatsapp": "", "wechat": "", "store_url": "", "notes": rng.choice(NOTES),
        })
        if rng.random() < 0.3:
            certificates.append({
                "supplier_id": supplier_id, "name": rng.choice(["ISO 9001:2015", "BSCI audit",
                                                                 "CE test report"]),
                "number": f"C-{n:06d}", "issuer": rng.choice(["SGS", "TÜV", "Intertek"]),
                "valid_until": today + timedelta(days=rng.randrange(-120, 720)),
                "file_path": ""})
    return suppliers, certificates


class _Filler:
    def __init__(self, connection: Connection, rng: random.Random, supplier_ids: list[int],
                 prototypes: list[_Prototype]) -> None:
        self.connection = connection
        self.rng = rng
        self.supplier_ids = supplier_ids
        self.prototypes = prototypes
        self.copy = {table: _shifter(table) for table in (
            OrderRecord.__table__, OrderLineRecord.__table__, PaymentRecord.__table__,
            OrderEventRecord.__table__, DisputeRecord.__table__, DisputeEventRecord.__table__)}
        self.next_order = connection.scalar(select(OrderRecord.id).order_by(
            OrderRecord.id.desc()).limit(1)) + 1
        self.next_dispute = (connection.scalar(select(DisputeRecord.id).order_by(
            DisputeRecord.id.desc()).limit(1)) or 0) + 1

    def batch(self, first: int, count: int) -> None:
        rng = self.rng
        tables: dict[object, list[Row]] = defaultdict(list)
        for n in range(first, first + count):
            proto = rng.choice(self.prototypes)
            delta = timedelta(days=rng.randrange(0, 700) if proto.final else rng.randrange(0, 15))
            factor = rng.choice((1, 1, 2, 3, 5))
            order_id = self.next_order
            self.next_order += 1
            order = self.copy[OrderRecord.__table__](proto.order, delta, factor)
            prefix = proto.order["order_number"].split("-")[0]
            order.update(id=order_id, order_number=OWN_NUMBER.format(prefix=prefix, n=n),
                         supplier_id=rng.choice(self.supplier_ids), notes=rng.choice(NOTES))
            if rng.random() < 0.4:
                order["spec_text"] = _spec(rng, order["shipment_date"])
            tables[OrderRecord.__table__].append(order)
            for table, rows in ((OrderLineRecord.__table__, proto.lines),
                                (PaymentRecord.__table__, proto.payments),
                                (OrderEventRecord.__table__, proto.events)):
                for row in rows:
                    tables[table].append(self.copy[table](row, delta, factor) | {
                        "order_id": order_id})
            for dispute, events in proto.disputes:
                dispute_id = self.next_dispute
                self.next_dispute += 1
                tables[DisputeRecord.__table__].append(self.copy[DisputeRecord.__table__](
                    dispute, delta, factor) | {"id": dispute_id, "order_id": order_id})
                for event in events:
                    tables[DisputeEventRecord.__table__].append(
                        self.copy[DisputeEventRecord.__table__](event, delta, factor)
                        | {"dispute_id": dispute_id})
        for table in self.copy:  # parents before children
            if tables[table]:
                self.connection.execute(insert(table), tables[table])


def _without_indexes(connection: Connection) -> list[str]:
    """Drop SQLite's secondary indexes and triggers (the bulk insert is several times faster
    without them); their definitions are returned to be run again afterwards."""
    if connection.dialect.name != "sqlite":
        return []
    made = [(kind, name, sql) for kind, name, sql in connection.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        "AND sql IS NOT NULL")]
    for kind, name, _sql in made:
        connection.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
    return [sql for _kind, _name, sql in made]


def _fix_sequences(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    for table in ("suppliers", "orders", "disputes"):
        connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"(SELECT max(id) FROM {table}))"))


def fill(path: str | Path, orders: int, suppliers: int, *, seed: int = 7,
         progress: Callable[[str], None] = lambda _line: None) -> float:
    """Fill a new database at ``path`` (a file or a URL) with ``orders`` orders from
    ``suppliers`` suppliers (at least the demo's); the seconds it took."""
    start = time.perf_counter()
    rng = random.Random(seed)
    workspace = Workspace.open(path, new=True)
    demo.load_demo(workspace)
    today = workspace.today()
    with workspace.db.writing() as session:
        connection = session.connection()
        recreate = _without_indexes(connection)
        prototypes = [_Prototype(connection, dict(r._mapping))
                      for r in connection.execute(select(OrderRecord.__table__))]
        known = list(connection.scalars(select(SupplierRecord.id)))
        extra = max(0, suppliers - len(known))
        new_suppliers, certificates = _supplier_rows(rng, max(known) + 1, extra, today)
        for table, rows in ((SupplierRecord.__table__, new_suppliers),
                            (CertificateRecord.__table__, certificates)):
            if rows:
                connection.execute(insert(table), rows)
        filler = _Filler(connection, rng, known + [row["id"] for row in new_suppliers],
                         prototypes)
        wanted = max(0, orders - len(prototypes))
        for first in range(0, wanted, BATCH):
            filler.batch(first, min(BATCH, wanted - first))
            progress(f"  {first + min(BATCH, wanted - first) + len(prototypes):>10,} orders "
                     f"{time.perf_counter() - start:7.1f} s")
        _fix_sequences(connection)
        progress(f"  indexes and triggers {time.perf_counter() - start:7.1f} s")
        for sql in recreate:
            connection.exec_driver_sql(sql)
        # What the app derives from the rows, filled as its repair commands do.
        search_index.rebuild(connection)
        progress(f"  search index {time.perf_counter() - start:7.1f} s")
        count = deadline_table.rebuild(session, workspace.deadline_index.rules(session))
        progress(f"  {count:,} open deadlines {time.perf_counter() - start:7.1f} s")
    workspace.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="the new database: a file path or a SQLAlchemy URL")
    parser.add_argument("--orders", type=int, required=True)
    parser.add_argument("--suppliers", type=int, help="default: one per 50 orders")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if Path(args.path).exists():
        parser.error(f"{args.path} exists: give a new file")
    suppliers = args.suppliers if args.suppliers is not None else max(9, args.orders // 50)
    print(f"{args.path}: {args.orders:,} orders, {suppliers:,} suppliers", flush=True)
    seconds = fill(args.path, args.orders, suppliers, seed=args.seed,
                   progress=lambda line: print(line, flush=True))
    print(f"done in {seconds:.1f} s ({datetime.now():%H:%M:%S})")


if __name__ == "__main__":
    main()
