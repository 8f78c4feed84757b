"""Sub-commands over the records: ``demo``, ``orders``, ``suppliers``."""

from __future__ import annotations

import argparse

from ta_desktop.cli.common import LIMIT, open_workspace, print_json, print_table
from ta_desktop.core.domain.entities import ListQuery
from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.core.services.demo import load_demo
from ta_desktop.core.services.money import OrderMoney


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo", help="load the demo data set (loading it twice changes nothing)"
    )
    demo.set_defaults(handler=run_demo)

    orders = commands.add_parser("orders", help="list the orders, newest first")
    orders.add_argument("--search", metavar="TEXT", default="",
                        help="only orders whose number, supplier, notes, products, SKUs or "
                             "specification contain TEXT (shorter than 3 characters: numbers "
                             "starting with it, supplier names containing it)")
    orders.add_argument("--status", choices=[status.value for status in OrderStatus],
                        help="only orders in this status")
    orders.add_argument("--limit", type=LIMIT, metavar="N", help="the first N orders only")
    orders.add_argument("--json", action="store_true", help="print JSON for scripts")
    orders.set_defaults(handler=run_orders)

    suppliers = commands.add_parser("suppliers", help="list the suppliers")
    suppliers.add_argument("--json", action="store_true", help="print JSON for scripts")
    suppliers.set_defaults(handler=run_suppliers)


def run_demo(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        suppliers, orders = load_demo(workspace).value
    print(f"Demo data: {suppliers} supplier(s) and {orders} order(s) added.")
    return 0


def run_orders(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        query = ListQuery(text=args.search,
                          status=OrderStatus(args.status) if args.status else None)
        rows = workspace.orders.rows(query, limit=args.limit)
        money = workspace.money.order_money() if args.json else {}
        home = workspace.money.rates().home
    if args.json:
        print_json([
            {
                "order_number": row.order_number,
                "supplier": row.supplier_name,
                "status": row.status.value,
                "currency": row.total.currency,
                "total": row.total.amount_text(),
                "shipment_date": row.shipment_date,
                "online": row.online,
                "created_on": row.created_on,
                **_money_keys(money[row.id], home),
            }
            for row in rows
        ])
    else:
        print_table(
            ["Order", "Supplier", "Status", "Total", "Ships"],
            [[r.order_number, r.supplier_name, r.status.label, r.total, r.shipment_date]
             for r in rows],
        )
    return 0


def _money_keys(money: OrderMoney, home: str) -> dict[str, object]:
    """Issue 14: paid + balance_due = total (for every order not cancelled); the landed cost in
    the home currency, or null when no costs were recorded or a rate is missing."""
    landed = money.landed_cost
    return {
        "paid": money.paid.amount_text(),
        "balance_due": money.balance_due.amount_text(),
        "landed_cost": landed.amount_text() if landed else None,
        "home_currency": home,
    }


def run_suppliers(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        rows = workspace.suppliers.rows()
    if args.json:
        print_json([
            {
                "name": row.name,
                "country": row.country,
                "trade_assurance": row.trade_assurance,
                "gold_supplier": row.gold_supplier,
                "gold_since": row.gold_since,
                "orders": row.order_count,
                "on_time_rate": None if row.on_time_rate is None else round(row.on_time_rate, 4),
                "orders_shipped": row.orders_shipped,
                "disputes_opened": row.disputes_opened,
                "average_readiness": row.average_readiness,
                "certificates_expiring": row.certificates_expiring,
            }
            for row in rows
        ])
    else:
        print_table(
            ["Supplier", "Country", "Trade Assurance", "Gold since", "Orders"],
            [[r.name, r.country, "yes" if r.trade_assurance else "NO",
              str(r.gold_since or ""),  # a year, not a quantity: no thousands separator
              r.order_count] for r in rows],
        )
    return 0
