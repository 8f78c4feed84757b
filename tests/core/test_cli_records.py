"""The command-line contract for records: names, JSON keys, exit codes."""

import json

import pytest

from ta_desktop.cli import main
from ta_desktop.core.services.demo import DEMO_ORDER_COUNT

pytestmark = pytest.mark.both_engines


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_demo_then_orders_and_suppliers_as_json(db_target, capsys):
    db = db_target
    assert run(capsys, "--db", db, "demo")[0] == 0
    code, out, _ = run(capsys, "--db", db, "orders", "--json")
    orders = json.loads(out)
    assert code == 0 and len(orders) == DEMO_ORDER_COUNT
    for key in ("order_number", "supplier", "status", "currency", "total", "shipment_date"):
        assert key in orders[0]
    assert isinstance(orders[0]["total"], str)
    code, out, _ = run(capsys, "--db", db, "suppliers", "--json")
    suppliers = json.loads(out)
    assert {"name", "country", "trade_assurance"} <= set(suppliers[0])
    assert "深圳市华强电子有限公司" in {s["name"] for s in suppliers}
    assert run(capsys, "--db", db, "demo")[1].startswith("Demo data: 0 supplier(s) and 0 order")


def test_orders_are_readable_without_json(db_target, capsys):
    db = db_target
    run(capsys, "--db", db, "demo")
    code, out, _ = run(capsys, "--db", db, "orders")
    assert code == 0 and "TA-2026-0101" in out and "Waiting for payment" in out
    code, out, _ = run(capsys, "--db", db, "suppliers")
    hq = next(line for line in out.splitlines() if "深圳市华强电子有限公司" in line)
    assert code == 0 and " 2014 " in hq and "2,014" not in out  # a year, not a quantity


def test_an_unreadable_database_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not sqlite at all" * 100)
    code, out, err = run(capsys, "--db", str(bad), "orders", "--json")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "not a database" in err


def test_a_bad_argument_exits_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["orders", "--no-such-flag"])
    assert exit_info.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_orders_search_status_and_limit(db_target, capsys):
    run(capsys, "--db", db_target, "demo")
    _, out, _ = run(capsys, "--db", db_target, "orders", "--search", "pb-20k", "--json")
    found = {o["order_number"] for o in json.loads(out)}  # a SKU, in another case
    assert "TA-2026-0101" in found and "TA-2026-0102" not in found
    _, out, _ = run(capsys, "--db", db_target, "orders", "--search", "华强", "--json")
    assert {o["supplier"] for o in json.loads(out)} == {"深圳市华强电子有限公司"}
    _, out, _ = run(capsys, "--db", db_target, "orders", "--search", "Pantone 1935",
                    "--status", "draft", "--json")  # specification text
    assert [o["order_number"] for o in json.loads(out)] == ["TA-2026-0101"]
    _, out, _ = run(capsys, "--db", db_target, "orders", "--status", "completed", "--limit",
                    "2", "--json")
    rows = json.loads(out)
    assert len(rows) == 2 and {o["status"] for o in rows} == {"completed"}


def test_deadlines_within_and_limit_keep_what_needs_me_order(db_target, capsys):
    run(capsys, "--db", db_target, "demo")
    _, out, _ = run(capsys, "--db", db_target, "deadlines", "--json")
    every = json.loads(out)
    _, out, _ = run(capsys, "--db", db_target, "deadlines", "--limit", "3", "--json")
    assert json.loads(out) == every[:3]
    _, out, _ = run(capsys, "--db", db_target, "deadlines", "--within", "7", "--json")
    assert json.loads(out) == [d for d in every if d["days_left"] <= 7]
    assert {"key", "order_id", "order_number", "rule", "title", "due", "safe_by", "party",
            "kind", "open", "days_left", "overdue", "consequence", "estimate",
            "supplier_id"} == set(every[0])


def test_rebuild_deadlines_puts_back_what_the_table_lost(db_target, capsys):
    run(capsys, "--db", db_target, "demo")
    _, before, _ = run(capsys, "--db", db_target, "deadlines", "--json")
    from ta_desktop.core.services.workspace import Workspace
    from ta_desktop.core.storage.deadline_table import open_deadlines
    workspace = Workspace.open(db_target)
    with workspace.db.engine.begin() as connection:  # damage it behind the app's back
        connection.execute(open_deadlines.delete())
    workspace.close()
    code, out, _ = run(capsys, "--db", db_target, "rebuild-deadlines", "--json")
    assert code == 0 and json.loads(out) == {"open_deadlines": len(json.loads(before))}
    assert run(capsys, "--db", db_target, "deadlines", "--json")[1] == before
