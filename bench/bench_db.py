"""What the benches share: the synthetic database they run on, and how figures are printed.

The database comes from ``python bench/make_db.py PATH --orders N --suppliers M`` (every bench
uses it); until that script is in the tree, from the plain filler of bench_orders.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def make_database(path: Path, orders: int, suppliers: int = 2_000) -> None:
    """A database of ``orders`` orders at ``path`` (left as it is when it exists)."""
    if path.exists():
        return
    make_db = HERE / "make_db.py"
    if make_db.exists():
        subprocess.run([sys.executable, str(make_db), str(path), "--orders", str(orders),
                        "--suppliers", str(suppliers)], check=True, cwd=ROOT)
        return
    sys.path.insert(0, str(HERE))
    from bench_orders import fill

    fill(path, orders, suppliers)


def bench_database(description: str, name: str) -> tuple[argparse.Namespace, Path, Path]:
    """The command line of a bench on the big database (``--db``, ``--orders``, ``--runs``):
    the arguments, a new temporary folder, and the database, made there unless given."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", type=Path, help="reuse this database (made if missing)")
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    path = args.db or folder / "bench.sqlite"
    make_database(path, args.orders)
    return args, folder, path


def machine() -> str:
    """The load when the figures were taken: they mean little on a busy machine."""
    one, five, _ = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {one:.2f} (1 min), {five:.2f} (5 min)"


def median(values: list[float]) -> float:
    return statistics.median(values)


def ratio_line(figure: str, value: float, anchor_name: str, anchor: float, unit: str,
               goal: float | None = None) -> str:
    """``figure: value | anchor: value | ratio`` (and the goal), one line."""
    scale = 1000 if unit == "ms" else 1
    text = (f"{figure}: {value * scale:.0f} {unit} | {anchor_name}: {anchor * scale:.0f} {unit} "
            f"| ratio {value / anchor:.2f}x")
    return text + (f" (goal at most {goal:g}x)" if goal else "")
