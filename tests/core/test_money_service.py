"""Payment schedules and landed costs kept per order: checked, versioned, in the deadlines and
in ``orders --json``; revision 0011 upgrades a database that has orders."""

import csv
import json
from datetime import date
from decimal import Decimal

import pytest

from ta_desktop.cli import main
from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.errors import ConflictError, ValidationError
from ta_desktop.core.domain.landed_cost import Basis, Cost, CostKind, LineMeasure
from ta_desktop.core.domain.payment_schedule import (
    DueEvent,
    Instalment,
    PaymentSchedule,
    from_template,
)
from ta_desktop.core.domain.types import PaymentStatus
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage.db import Database, head_revision
from tests.core.database_files import OLD_SUPPLIER_ROW, database_with
from tests.factories import TODAY, make_order, make_supplier, orders_in_three_currencies

pytestmark = pytest.mark.both_engines
D = Decimal


def finish(work):
    """The value a generator (a long job yielding progress) returns."""
    try:
        while True:
            next(work)
    except StopIteration as stop:
        return stop.value


def confirmed_order(workspace, **fields) -> int:
    """785.00 USD, sent and confirmed (the deposit's day: TODAY)."""
    supplier = workspace.suppliers.save(make_supplier()).value
    order_id = workspace.orders.save(make_order(supplier_id=supplier.id, **fields)).value.id
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(order_id, action)
    return order_id


def test_a_schedule_is_kept_only_when_it_adds_up(workspace):
    order_id = confirmed_order(workspace)
    short = PaymentSchedule(order_id, [Instalment("Deposit", DueEvent.ORDER_CONFIRMED, D(30))])
    with pytest.raises(ValidationError, match=r"add up to 235\.50 USD"):
        workspace.money.save_schedule(short)
    saved = workspace.money.save_schedule(PaymentSchedule(order_id, from_template("30/70")))
    assert saved.changes.touches_order(order_id)
    assert [i.label for i in workspace.money.schedule(order_id).instalments] == [
        "Deposit", "Balance"]


def test_a_stale_schedule_is_refused(workspace, other_window):
    order_id = confirmed_order(workspace)
    workspace.money.save_schedule(PaymentSchedule(order_id, from_template("30/70")))
    mine = workspace.money.schedule(order_id)
    theirs = other_window.money.schedule(order_id)
    theirs.instalments = from_template("50/50")
    other_window.money.save_schedule(theirs)
    mine.instalments = from_template("100% upfront")
    with pytest.raises(ConflictError):
        workspace.money.save_schedule(mine)
    assert workspace.money.schedule(order_id).instalments[0].percent == D(50)


def test_deposit_and_balance_are_deadlines_until_paid(workspace):
    order_id = confirmed_order(workspace)
    workspace.money.save_schedule(PaymentSchedule(order_id, from_template("30/70")))
    rows = [d for d in workspace.disputes.deadlines() if d.rule == "PAY-SCHED"]
    assert [(d.title, d.due) for d in rows] == [
        ("Pay the deposit: 235.50 USD (30%)", TODAY),
        ("Pay the balance: 549.50 USD (70%)", date(2026, 12, 1)),
    ]
    workspace.orders.perform(order_id, Action.RECORD_PAYMENT, payment=Payment(
        D("235.50"), TODAY, PaymentStatus.RECEIVED))
    rows = [d for d in workspace.disputes.deadlines() if d.rule == "PAY-SCHED"]
    assert [d.title for d in rows] == ["Pay the balance: 549.50 USD (70%)"]
    # DS-OPEN: the order counts as paid from the first received instalment
    assert workspace.orders.get(order_id).payment_received_on() == TODAY
    assert "Open dispute" in {a.label for a, check in
                              workspace.orders.actions(workspace.orders.get(order_id)).items()
                              if check}
    keyed = workspace.disputes.order_deadlines(order_id)
    assert any(d.rule == "PAY-SCHED" and d.open for d in keyed)


def test_landed_cost_sheet_round_trip_and_checks(workspace):
    order_id = confirmed_order(workspace)
    workspace.money.set_home("EUR", {"USD": "0.92"})
    order = workspace.orders.get(order_id)
    sheet = workspace.money.sheet(order_id)
    sheet.basis = Basis.WEIGHT
    sheet.costs = [Cost(CostKind.FREIGHT, "USD", D("100.00")),
                   Cost(CostKind.DUTY, "EUR", rate=D("3.5"))]
    sheet.measures = [LineMeasure(order.lines[0].id, weight=D("42.5"))]
    workspace.money.save_sheet(sheet)
    stored = workspace.money.landed(order_id)
    # goods 785.00 x 0.92 = 722.20; freight 92.00; duty 3.5% of 722.20 = 25.277 -> 25.28
    assert stored.result.total.amount == D("839.48") and stored.result.estimate
    assert stored.sheet.measures[0].weight == D("42.5")
    bad = workspace.money.sheet(order_id)
    bad.costs = [Cost(CostKind.FREIGHT, "USD", rate=D("5"))]
    with pytest.raises(ValidationError, match="Only the import duty"):
        workspace.money.save_sheet(bad)


def test_orders_json_adds_the_money_keys(db_target, capsys):
    assert main(["--db", db_target, "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", db_target, "orders", "--json"]) == 0
    orders = {o["order_number"]: o for o in json.loads(capsys.readouterr().out)}
    for order in orders.values():
        assert {"paid", "balance_due", "landed_cost", "home_currency"} <= set(order)
        assert {"order_number", "supplier", "status", "currency", "total"} <= set(order)
        if order["status"] != "cancelled":
            assert D(order["paid"]) + D(order["balance_due"]) == D(order["total"])
    assert orders["TA-2026-0109"]["balance_due"] == "3150.00"
    assert orders["TA-2026-0101"]["landed_cost"] is None
    assert sum(o["landed_cost"] is not None for o in orders.values()) >= 3
    assert {o["home_currency"] for o in orders.values()} == {"EUR"}
    assert main(["--db", db_target, "deadlines", "--json"]) == 0
    rules = {d["rule"] for d in json.loads(capsys.readouterr().out)}
    assert "PAY-SCHED" in rules


def test_revision_0011_upgrades_a_database_with_orders(tmp_path):
    path = database_with(
        tmp_path / "old.sqlite", "0007", OLD_SUPPLIER_ROW,
        "INSERT INTO orders (id, order_number, supplier_id, currency, status, online,"
        " incoterm, notes, spec_text, total_amount, created_on)"
        " VALUES (1, 'OLD-1', 1, 'USD', 'awaiting_shipment', 1, '', '', '', 10000000,"
        " '2026-10-01')",
        "INSERT INTO order_lines (id, order_id, position, product, sku, quantity, unit,"
        " unit_price) VALUES (1, 1, 0, 'Lamp', '', 100, 'pcs', 100000)",
        "INSERT INTO payments (id, order_id, amount, paid_on, status, reference)"
        " VALUES (1, 1, 3000000, '2026-10-05', 'received', '')")
    ws = Workspace(Database.open(path), tmp_path, today=lambda: TODAY)  # upgraded on open
    assert ws.db.current_revision() == head_revision()
    ws.money.save_schedule(PaymentSchedule(1, from_template("30/70")))
    sheet = ws.money.sheet(1)
    sheet.costs, sheet.payment_rates = [Cost(CostKind.FREIGHT, "USD", D("50"))], {1: D("1")}
    ws.money.save_sheet(sheet)
    assert ws.money.order_money()[1].balance_due.amount == D("700.00")
    assert ws.money.landed(1).result.total.amount == D("1050.00")
    ws.close()


def test_exported_orders_carry_their_landed_cost_and_import_back(workspace, tmp_path):
    from ta_desktop.core.domain.tabular import RecordKind
    from ta_desktop.core.services.io.export import LANDED_COLUMNS, export_records
    from ta_desktop.core.services.io.importer import ImportRequest, import_file

    order_id = confirmed_order(workspace)
    sheet = workspace.money.sheet(order_id)
    sheet.costs = [Cost(CostKind.FREIGHT, "USD", D("15.00"))]
    workspace.money.save_sheet(sheet)
    path = tmp_path / "orders.csv"
    export_records(workspace.db, RecordKind.ORDERS, path, money=workspace.money)
    header, row = csv.reader(path.read_text("utf-8-sig").splitlines())
    values = dict(zip(header, row, strict=True))
    assert set(LANDED_COLUMNS) <= set(header)
    # home USD: 785.00 + 15.00; 100 units
    assert (values["home_currency"], values["landed_cost"], values["landed_cost_per_unit"]) \
        == ("USD", "800.00", "8.00")
    fresh = Workspace.open(tmp_path / "fresh.sqlite", today=lambda: TODAY)
    fresh.suppliers.save(make_supplier())
    report = finish(import_file(fresh, ImportRequest(path, RecordKind.ORDERS))).value
    assert report.ok, report.errors
    assert [row.order_number for row in fresh.orders.rows()] == ["TA-1"]  # landed ignored
    fresh.close()


def test_the_contract_summary_states_the_schedule_and_on_request_the_landed_cost(workspace):
    from ta_desktop.core.domain.contract_summary import payment_rows
    from ta_desktop.core.services.reports.gather import summary_for

    order_id = confirmed_order(workspace)
    workspace.money.save_schedule(PaymentSchedule(order_id, from_template("30/70")))
    sheet = workspace.money.sheet(order_id)
    sheet.costs = [Cost(CostKind.FREIGHT, "USD", D("15.00"))]
    workspace.money.save_sheet(sheet)
    plain = dict(payment_rows(summary_for(workspace, "TA-1", risk_finder=None)))
    assert plain["PAY-SCHED: Balance"] == "70% = 549.50 USD, before shipment: due 01 Dec 2026"
    assert "LAND: landed cost" not in plain  # the buyer's own figure: only when asked
    landed = dict(payment_rows(summary_for(workspace, "TA-1", risk_finder=None, landed=True)))
    assert landed["LAND: landed cost"].startswith("800.00 USD: goods 785.00 USD")


def test_the_order_list_sorts_by_the_total_in_the_home_currency_in_sql(workspace):
    from ta_desktop.core.domain.entities import ListQuery

    paid = confirmed_order(workspace)  # TA-1, 785.00 USD
    orders_in_three_currencies(workspace, paid, D("0.88"))
    rows = workspace.money.rows(ListQuery(sort="home_total"))
    # TA-3: no rate for CNY (lowest); TA-1 785.00 x 0.88 = 690.80 at the rate paid;
    # TA-4 760.00 x 0.92 = 699.20 (an estimate); TA-2 700.00 EUR
    assert [(r.order_number, r.home_total and r.home_total.amount, r.home_estimate)
            for r in rows] == [("TA-3", None, False), ("TA-1", D("690.80"), False),
                               ("TA-4", D("699.20"), True), ("TA-2", D("700.00"), False)]
    descending = workspace.money.rows(ListQuery(sort="home_total", descending=True), 0, 2)
    assert [r.order_number for r in descending] == ["TA-2", "TA-4"]


def test_a_rate_paid_is_kept_for_one_payment_without_a_stale_copy(workspace):
    order_id = confirmed_order(workspace)
    workspace.orders.perform(order_id, Action.RECORD_PAYMENT, payment=Payment(
        D("235.50"), TODAY, PaymentStatus.RECEIVED))
    [payment] = workspace.orders.get(order_id).payments
    add = workspace.money.sheet(order_id)
    add.costs = [Cost(CostKind.FREIGHT, "USD", D("15.00"))]
    workspace.money.save_sheet(add)
    done = workspace.money.set_payment_rate(order_id, payment.id, D("0.90"))
    assert done.changes.touches_order(order_id)
    sheet = workspace.money.sheet(order_id)
    assert sheet.payment_rates == {payment.id: D("0.90")} and len(sheet.costs) == 1
    with pytest.raises(ValidationError, match="payment this order does not have"):
        workspace.money.set_payment_rate(order_id, payment.id + 99, D("0.90"))
