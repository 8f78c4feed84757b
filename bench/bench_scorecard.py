"""The supplier list's scorecard columns with 100,000 orders from 2,000 suppliers.

Prints the time to fill the database (once), then the median of 5 runs of: the supplier list's
first page (100 rows, scorecard aggregates included) sorted by name and by on-time rate, and one
supplier's full scorecard (per year). Run: python bench/bench_scorecard.py [--orders N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text

from bench.bench_orders import fill
from ta_desktop.core.domain.entities import ListQuery
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.orm import (
    CertificateRecord,
    DisputeEventRecord,
    DisputeRecord,
    OrderEventRecord,
)
from ta_desktop.core.storage.orm_inspections import InspectionRecord

TODAY = date(2026, 11, 25)


def add_history(path: Path, orders: int, suppliers: int) -> None:
    """Shipping events for 60% of the orders (a quarter of them late), disputes on 3%,
    inspections on 30%, two certificates per supplier."""
    rng = random.Random(11)
    db = Database.open(path)
    now = datetime(2026, 11, 25, 12)
    with db.unit_of_work() as session:
        shipped = [n for n in range(1, orders + 1) if rng.random() < 0.6]
        session.execute(insert(OrderEventRecord), [
            {"order_id": n, "action": "mark_shipped", "on": TODAY - timedelta(
                days=rng.randrange(0, 600)), "from_status": "awaiting_shipment",
             "to_status": "awaiting_delivery_confirmation", "party": "supplier", "note": "",
             "recorded_at": now} for n in shipped])
        session.execute(text(  # what the repository keeps on every save
            "UPDATE orders SET shipped_on = (SELECT max(e.\"on\") FROM order_events e"
            " WHERE e.order_id = orders.id AND e.action = 'mark_shipped')"))
        disputed = rng.sample(shipped, len(shipped) // 20)
        session.execute(insert(DisputeRecord), [
            {"id": i + 1, "order_id": n, "claim": "quality", "requested_amount": 100,
             "currency": "USD", "claim_text": ""} for i, n in enumerate(disputed)])
        session.execute(insert(DisputeEventRecord), [
            {"dispute_id": i + 1, "kind": "opened", "on": TODAY, "party": "buyer", "note": ""}
            for i in range(len(disputed))])
        session.execute(insert(InspectionRecord), [
            {"order_id": n, "inspector": "QIMA", "on": TODAY, "kind": "pre_shipment",
             "aql_plan": "", "result": rng.choice(["passed", "passed", "failed"]), "note": ""}
            for n in shipped if rng.random() < 0.5])
        session.execute(insert(CertificateRecord), [
            {"supplier_id": s, "name": "CE", "number": "", "issuer": "", "file_path": "",
             "valid_until": TODAY + timedelta(days=rng.randrange(-100, 700))}
            for s in range(1, suppliers + 1) for _ in range(2)])
    db.close()


def median_ms(work, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--suppliers", type=int, default=2_000)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "scorecard.sqlite"
    seconds = fill(path, args.orders, args.suppliers)
    add_history(path, args.orders, args.suppliers)
    print(f"filled {args.orders:,} orders in {seconds:.1f} s")
    workspace = Workspace.open(path, today=lambda: TODAY)
    suppliers = workspace.suppliers
    for sort in ("name", "on_time_rate", "certificates_expiring"):
        query = ListQuery(sort=sort, descending=sort != "name")
        ms = median_ms(lambda q=query: (suppliers.count(q), suppliers.rows(q, 0, 100)))
        print(f"supplier list, first page sorted by {sort}: {ms:.0f} ms")
    print(f"one supplier's scorecard per year: {median_ms(lambda: workspace.scorecards.of(1)):.0f}"
          " ms")
    workspace.close()


if __name__ == "__main__":
    main()
