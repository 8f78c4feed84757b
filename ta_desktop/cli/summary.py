"""``summary ORDER_NUMBER --out FILE.pdf [--paper a4|letter]``: the contract summary as a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from ta_desktop.cli.common import open_workspace
from ta_desktop.core.services.reports.gather import summary_for
from ta_desktop.core.services.reports.render import PAPERS, write_summary


def register(commands: argparse._SubParsersAction) -> None:
    summary = commands.add_parser(
        "summary", help="write the contract summary of an order as a PDF")
    summary.add_argument("order_number", metavar="ORDER_NUMBER")
    summary.add_argument("--out", required=True, type=Path, metavar="FILE.pdf",
                         help="where to write the PDF (replaced if it exists; its folder "
                         "must exist)")
    summary.add_argument("--paper", choices=sorted(PAPERS), default="a4",
                         help="paper size (default: a4)")
    summary.add_argument("--landed", action="store_true",
                         help="add the order's landed cost in your home currency (your own "
                         "figure: leave it out of a summary you send to the supplier)")
    summary.set_defaults(handler=run_summary)


def run_summary(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        summary = summary_for(workspace, args.order_number, landed=args.landed)
    path = write_summary(summary, args.out, args.paper)
    print(f"Contract summary of {args.order_number} written to {path}")
    return 0
