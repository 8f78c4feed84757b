"""Time the contract summary of a 200-line order with a long specification.

    python bench/bench_summary.py
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader

from ta_desktop.core.domain.entities import Order, OrderLine, Supplier
from ta_desktop.core.services.reports import render_summary, summary_for
from ta_desktop.core.services.workspace import Workspace

LINES = 200
RUNS = 5


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace.open(Path(folder) / "bench.sqlite")
        supplier = workspace.suppliers.save(
            Supplier("深圳市华强电子有限公司", country="China")).value
        lines = [OrderLine(f"Part {n:03d}, stainless steel 304, 40 x 20 x 3 mm", 100 + n,
                           Decimal("1.37"), sku=f"SS-{n:03d}") for n in range(1, LINES + 1)]
        spec = "\n".join(f"Clause {n}: tolerance ±0.{n % 10} mm per drawing D-{n}.pdf; "
                         "material certificate EN 10204 3.1." for n in range(1, 121))
        workspace.orders.save(Order("TA-BENCH", supplier.id, lines=lines, spec_text=spec))
        render_summary(summary_for(workspace, "TA-BENCH"))  # warm up: fonts, imports
        times, data = [], b""
        for _ in range(RUNS):
            start = time.perf_counter()
            data = render_summary(summary_for(workspace, "TA-BENCH"))
            times.append(time.perf_counter() - start)
        pages = len(PdfReader(io.BytesIO(data)).pages)
        workspace.close()
    print(f"contract summary, {LINES} lines + 120-line spec: {pages} pages, "
          f"{len(data) / 1024:.0f} KiB")
    print(f"  median {statistics.median(times) * 1000:.0f} ms, "
          f"best {min(times) * 1000:.0f} ms over {RUNS} runs (load + render)")


if __name__ == "__main__":
    main()
