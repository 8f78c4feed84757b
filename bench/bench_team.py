"""Team mode under load: 8 members (processes) x 200 edits of the same orders on PostgreSQL.

Each edit is what a member does on the order screen: open the order, type a new line, save; a
ConflictError (a colleague saved first) is a reload and the line typed again. Afterwards every
edit a member was told was saved must be in the database exactly once: a missing one is a lost
update. Prints the throughput, the conflicts detected and the lost updates, each beside its
anchor. Run: python bench/bench_team.py [--db URL] [--members 8] [--edits 200] [--orders 20]
(without --db a throwaway PostgreSQL cluster is started, as the tests do).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ta_desktop.core.domain.entities import OrderLine  # noqa: E402
from ta_desktop.core.domain.errors import ConflictError, StorageError  # noqa: E402
from ta_desktop.core.services.workspace import Workspace  # noqa: E402

ATTEMPTS = 50  # a member reloads and types the line again this often before giving up


def worker(db: str, member: int, edits: int, order_ids: list[int], out: Path) -> None:
    workspace = Workspace.open(db, data_dir=out.with_suffix(".data"))
    workspace.member = f"member {member}"
    rng = random.Random(member)
    saved, counts = [], Counter()
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.perf_counter()
    for edit in range(edits):
        order_id, product = rng.choice(order_ids), f"m{member}-e{edit}"
        for _attempt in range(ATTEMPTS):
            order = workspace.orders.get(order_id)
            order.lines.append(OrderLine(product, 1 + edit % 9, Decimal("1.25")))
            try:
                workspace.orders.save(order)
            except ConflictError:
                counts["conflicts"] += 1
                continue
            except StorageError:
                counts["busy"] += 1
                continue
            saved.append([order_id, product])
            break
        else:
            counts["gave_up"] += 1
    out.write_text(json.dumps({"saved": saved, **counts,
                               "seconds": time.perf_counter() - started}))
    workspace.close()


def run(db: str, members: int, edits: int, orders: int) -> None:
    from tests.factories import make_order, make_supplier

    workspace = Workspace.open(db, data_dir=Path(tempfile.mkdtemp()))
    supplier = workspace.suppliers.save(make_supplier("Bench Supplier")).value
    order_ids = [workspace.orders.save(make_order(f"TEAM-{n:03d}", supplier.id)).value.id
                 for n in range(orders)]
    folder = Path(tempfile.mkdtemp(prefix="bench-team-"))
    outs = [folder / f"member-{n}.json" for n in range(members)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    processes = [subprocess.Popen(
        [sys.executable, __file__, "--worker", db, str(n), str(edits),
         ",".join(map(str, order_ids)), str(out)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        for n, out in enumerate(outs)]
    for process in processes:
        assert process.stdout.readline() == "ready\n"
    started = time.perf_counter()
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    for process in processes:
        process.wait()
    wall = time.perf_counter() - started
    reports = [json.loads(out.read_text()) for out in outs]

    reported = Counter((order_id, product) for r in reports for order_id, product in r["saved"])
    stored = Counter((order_id, line.product) for order_id in order_ids
                     for line in workspace.orders.get(order_id).lines[1:])
    lost = sum((reported - stored).values())
    duplicated = sum((stored - reported).values())
    committed = reported.total()
    totals = Counter()
    for report in reports:
        totals.update({k: report.get(k, 0) for k in ("conflicts", "busy", "gave_up")})
    workspace.close()

    print(f"team bench: {members} members x {edits} edits on {orders} shared orders, "
          f"{db.split('@')[-1]}")
    print(f"  saved edits:      {committed} of {members * edits} "
          f"(anchor: all; gave up after {ATTEMPTS} reloads: {totals['gave_up']})")
    print(f"  throughput:       {committed / wall:.0f} saved edits/s in {wall:.1f} s "
          f"(anchor: >= 1 edit/s; 8 people typing save a few edits a minute)")
    print(f"  conflicts:        {totals['conflicts']} detected and reloaded "
          f"(anchor: > 0, members edit the same orders at once), busy: {totals['busy']}")
    print(f"  lost updates:     {lost} (anchor: must be 0)")
    print(f"  stored twice:     {duplicated} (anchor: must be 0)")
    if lost or duplicated:
        raise SystemExit(1)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        db, member, edits, ids, out = sys.argv[2:7]
        worker(db, int(member), int(edits), [int(i) for i in ids.split(",")], Path(out))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a PostgreSQL URL (default: a throwaway cluster)")
    parser.add_argument("--members", type=int, default=8)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--orders", type=int, default=20)
    args = parser.parse_args()
    if args.db:
        run(args.db, args.members, args.edits, args.orders)
        return
    from tests.pg import start_cluster

    cluster = start_cluster()
    try:
        url = cluster.acquire()
        run(url.render_as_string(hide_password=False), args.members, args.edits, args.orders)
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
