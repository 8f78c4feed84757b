"""How fast the deadlines are with a big database, and how fast the timelines paint.

Prints: the time to compute every open deadline of 100,000 orders (what "What needs me" and
the reminder do at start-up and every hour), the .ics export of them, and the median time to
build and paint the dispute and order timelines. Run: python bench/bench_deadlines.py
[--db PATH] [--orders N] [--table-only | --rebuild]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from make_db import fill  # noqa: E402

from ta_desktop.core.services.calendar_export import export_ics  # noqa: E402
from ta_desktop.core.services.workspace import Workspace  # noqa: E402
from ta_desktop.core.storage import deadline_table  # noqa: E402

TODAY = date(2026, 11, 25)


def median_ms(func, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def paint_timings(workspace: Workspace) -> dict[str, float]:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from ta_desktop.core.domain.disputes import DisputeEvent, DisputeEventKind, open_dispute, record
    from ta_desktop.core.domain.entities import Action
    from ta_desktop.core.domain.types import ClaimType, Money, Party
    from ta_desktop.ui.disputes.dispute_timeline import DisputeTimelineWidget
    from ta_desktop.ui.orders.order_timeline import OrderTimelineWidget
    from tests.factories import order_through

    QApplication.instance() or QApplication([])
    profile, calendar = workspace.profile, workspace.calendar()
    order = order_through(profile, Action.MARK_SHIPPED, start=date(2026, 9, 1))
    dispute = open_dispute(order, profile, date(2026, 10, 1), claim=ClaimType.QUALITY,
                           requested_refund=Money(Decimal("400"), "USD"), claim_text="Broken.")
    for day in (3, 6, 9):
        record(dispute, order, DisputeEvent(DisputeEventKind.PROPOSAL, date(2026, 10, day),
                                            Party.SUPPLIER if day % 2 else Party.BUYER),
               profile, calendar)
    disputes = DisputeTimelineWidget(profile, calendar)
    orders = OrderTimelineWidget(profile, calendar)
    for widget in (disputes, orders):
        widget.resize(760, widget.sizeHint().height())
    image = QImage(760, 240, QImage.Format.Format_ARGB32)

    def paint(widget) -> None:
        painter = QPainter(image)
        widget.render(painter, QPoint())
        painter.end()

    return {
        "dispute timeline: build the model": median_ms(
            lambda: disputes.set_dispute(dispute, date(2026, 10, 12)), 20),
        "dispute timeline: paint": median_ms(lambda: paint(disputes), 20),
        "order timeline: build the model": median_ms(
            lambda: orders.set_order(order, date(2026, 10, 12), dispute), 20),
        "order timeline: paint": median_ms(lambda: paint(orders), 20),
    }


def table_timings(workspace: Workspace, runs: int) -> None:
    """What needs me, the reminder and `deadlines` as indexed queries on the open-deadline
    table, each beside the anchor measured in the same run: the engine recomputing every open
    deadline from all orders (what they did before the table)."""
    disputes = workspace.disputes
    figures = {
        "What needs me, first page (40 rows)": lambda: disputes.deadlines(limit=40),
        "What needs me, what it shows first (1,000 rows + their suppliers' names)": lambda: (
            workspace.orders.supplier_names({d.order_id for d in disputes.deadlines(limit=1000)
                                             if d.order_id is not None})),
        "What needs me, the heading's counts": lambda: disputes.deadline_counts(7),
        "What needs me, then: the reminder's rows + the heading's counts": lambda: (
            disputes.deadlines(within=2, buyer_only=True, not_overdue=True),
            disputes.deadline_counts(7)),
        "What needs me, as the page reads it (1,000 rows + counts + reminder)": lambda: (
            disputes.deadlines(limit=1000), disputes.deadline_counts(7),
            disputes.deadlines(within=2, buyer_only=True, not_overdue=True)),
        "deadlines --within 7": lambda: disputes.deadlines(within=7),
        "every open deadline from the table": disputes.deadlines,
    }
    timed = {name: median_ms(read, runs) for name, read in figures.items()}
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory after the table reads: {rss:.0f} MiB")
    anchor = median_ms(disputes.computed_deadlines, 1)
    print(f"load average (1, 5, 15 min): {', '.join(f'{load:.2f}' for load in os.getloadavg())}")
    print(f"anchor: the engine recomputing every open deadline: {anchor:.0f} ms")
    for name, ms in timed.items():
        print(f"{name}: {ms:.1f} ms  (anchor / this: {anchor / ms:,.0f}x)")
    print(f"peak memory after the anchor: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


class _RolledBack(Exception):
    """Leaves the database as it was."""


def rebuild_timing(workspace: Workspace) -> None:
    """The open-deadline table rebuilt from every order (the repair command, make_db's last
    step, a change of the rules), rolled back, beside the anchor measured in the same run: the
    engine recomputing every open deadline (the same work, written nowhere)."""
    try:
        with workspace.db.writing() as session:
            rules = workspace.deadline_index.rules(session)
            start = time.perf_counter()
            rows = deadline_table.rebuild(session, rules)
            seconds = time.perf_counter() - start
            raise _RolledBack
    except _RolledBack:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    anchor = median_ms(workspace.disputes.computed_deadlines, 1) / 1000
    print(f"load average (1, 5, 15 min): {', '.join(f'{load:.2f}' for load in os.getloadavg())}")
    print(f"rebuild of the open-deadline table ({rows:,} rows): {seconds:.1f} s, peak memory "
          f"{rss:.0f} MiB  (anchor: the engine recomputing every open deadline, {anchor:.1f} s;"
          f" this / anchor: {seconds / anchor:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reuse this database (filled if missing)")
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--table-only", action="store_true",
                        help="only the open-deadline table against the engine")
    parser.add_argument("--rebuild", action="store_true",
                        help="only the rebuild of the open-deadline table, rolled back")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite"
    if not path.exists():
        print(f"fill {args.orders:,} orders: {fill(path, args.orders, 2_000):.1f} s")
    if args.rebuild:
        rebuild_timing(Workspace.open(path))
        return
    if args.table_only:
        table_timings(Workspace.open(path), 5)
        return
    workspace = Workspace.open(path, today=lambda: TODAY)
    found = workspace.disputes.deadlines()
    print(f"open deadlines: {len(found):,}")
    print(f"every open deadline of the database: "
          f"{median_ms(workspace.disputes.deadlines, 3):.0f} ms")
    ics = path.with_suffix(".ics")
    print(f".ics export of them: {median_ms(lambda: export_ics(found, ics), 3):.0f} ms "
          f"({ics.stat().st_size / 1e6:.1f} MB)")
    for name, ms in paint_timings(workspace).items():
        print(f"{name}: {ms:.2f} ms")
    workspace.close()


if __name__ == "__main__":
    main()
