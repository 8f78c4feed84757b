"""Time the contract summary of a 200-line order with a long specification, beside a bare
reportlab document holding the same order-lines table (the anchor), measured in the same run.

    python bench/bench_summary.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_db import machine, ratio_line
from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from ta_desktop.core.domain.entities import Order, OrderLine, Supplier
from ta_desktop.core.services import formatting as fmt
from ta_desktop.core.services.reports.gather import summary_for
from ta_desktop.core.services.reports.render import STYLES, render_summary
from ta_desktop.core.services.workspace import Workspace

LINES = 200


def bare_document(order: Order) -> bytes:
    """The anchor: the order lines as one table (the same cells, widths and style) in a plain
    reportlab document, nothing else on the pages."""
    cur = order.currency
    head = [Paragraph(text, STYLES[style]) for text, style in (
        ("#", "head"), ("SKU", "head"), ("PRODUCT", "head"), ("QTY", "headnum"),
        ("UNIT", "head"), (f"UNIT PRICE<br/>{cur}", "headnum"), (f"TOTAL<br/>{cur}", "headnum"))]
    rows = [head] + [[str(n), Paragraph(line.sku, STYLES["cell"]),
                      Paragraph(line.product, STYLES["cell"]), fmt.quantity(line.quantity),
                      line.unit, fmt.price(line.unit_price, cur), fmt.amount(line.total, cur)]
                     for n, line in enumerate(order.lines, 1)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm)
    fixed = [8 * mm, 22 * mm, 0, 16 * mm, 11 * mm, 22 * mm, 26 * mm]
    fixed[2] = doc.width - 12 - sum(fixed)
    table = Table(rows, colWidths=fixed, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 1), (-1, -1), "Helvetica", 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F3A5F")),
        ("ALIGN", (3, 1), (3, -1), "RIGHT"), ("ALIGN", (5, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F4F6F9")]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#D5DAE1")),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    doc.build([table])
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace.open(Path(folder) / "bench.sqlite")
        supplier = workspace.suppliers.save(
            Supplier("深圳市华强电子有限公司", country="China")).value
        lines = [OrderLine(f"Part {n:03d}, stainless steel 304, 40 x 20 x 3 mm", 100 + n,
                           Decimal("1.37"), sku=f"SS-{n:03d}") for n in range(1, LINES + 1)]
        spec = "\n".join(f"Clause {n}: tolerance ±0.{n % 10} mm per drawing D-{n}.pdf; "
                         "material certificate EN 10204 3.1." for n in range(1, 121))
        order = workspace.orders.save(
            Order("TA-BENCH", supplier.id, lines=lines, spec_text=spec)).value
        render_summary(summary_for(workspace, "TA-BENCH"))  # warm up: fonts, imports
        bare_document(order)
        times, anchors, data, bare = [], [], b"", b""
        for _ in range(args.runs):  # interleaved, so both see the same machine
            start, cpu = time.perf_counter(), time.process_time()
            data = render_summary(summary_for(workspace, "TA-BENCH"))
            times.append((time.perf_counter() - start, time.process_time() - cpu))
            start, cpu = time.perf_counter(), time.process_time()
            bare = bare_document(order)
            anchors.append((time.perf_counter() - start, time.process_time() - cpu))
        pages = len(PdfReader(io.BytesIO(data)).pages)
        bare_pages = len(PdfReader(io.BytesIO(bare)).pages)
        workspace.close()
    print(f"contract summary, {LINES} lines + 120-line spec: {pages} pages, "
          f"{len(data) / 1024:.0f} KiB (the bare table: {bare_pages} pages); median of "
          f"{args.runs} runs; {machine()}")
    wall, cpu = ([statistics.median(t[i] for t in runs) for runs in (times, anchors)]
                 for i in (0, 1))
    print(ratio_line("contract summary (load + render)", wall[0], "bare reportlab table",
                     wall[1], "ms", 2))
    print(f"  CPU time: summary {cpu[0] * 1000:.0f} ms | bare table {cpu[1] * 1000:.0f} ms | "
          f"ratio {cpu[0] / cpu[1]:.2f}x")


if __name__ == "__main__":
    main()
