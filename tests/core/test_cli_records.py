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
