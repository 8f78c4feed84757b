"""``export`` and ``import`` from the command line: the round trip of issue 15, exit codes 0/1/2,
and every bad input giving a row error with nothing written."""

import json

import pytest

from ta_desktop.cli import main
from ta_desktop.core.services.demo import DEMO_ORDER_COUNT
from tests.factories import TODAY

HEADER = ("order_number,supplier,status,online,currency,incoterm,shipment_date,payment_method,"
          "product,sku,quantity,unit,unit_price,notes\n")
GOOD = "TA-9001,Acme Ltd,draft,true,USD,FOB,2027-01-15,card,Widget,W-1,100,pcs,2.50,\n"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    from ta_desktop.core.services import workspace

    original = workspace.Workspace.open.__func__

    def open_on_today(cls, target=None, *, today=None):
        return original(cls, target, today=lambda: TODAY)

    monkeypatch.setattr(workspace.Workspace, "open", classmethod(open_on_today))


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# What an order list does not carry: its payments, schedule, landed costs, home currency.
MONEY_KEYS = {"paid", "balance_due", "landed_cost", "home_currency"}


def orders_json(capsys, db) -> list:
    code, out, _ = run(capsys, "--db", str(db), "orders", "--json")
    assert code == 0
    return [{k: v for k, v in order.items() if k not in MONEY_KEYS} for order in json.loads(out)]


def import_json(capsys, db, kind, path, *extra) -> tuple[int, dict]:
    code, out, _ = run(capsys, "--db", str(db), "import", kind, str(path), "--json", *extra)
    return code, json.loads(out)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_demo_export_import_into_an_empty_database_lists_the_same_orders(
        capsys, tmp_path, suffix):
    demo, empty = tmp_path / "demo.sqlite", tmp_path / "empty.sqlite"
    assert run(capsys, "--db", str(demo), "demo")[0] == 0
    suppliers, orders = tmp_path / f"suppliers{suffix}", tmp_path / f"orders{suffix}"
    assert run(capsys, "--db", str(demo), "export", "suppliers", "--out", str(suppliers))[0] == 0
    code, out, _ = run(capsys, "--db", str(demo), "export", "orders", "--out", str(orders))
    assert code == 0 and f"{DEMO_ORDER_COUNT} orders" in out

    assert import_json(capsys, empty, "suppliers", suppliers)[1]["created"] == 9
    code, report = import_json(capsys, empty, "orders", orders)
    assert code == 0
    assert report == {"ok": True, "created": DEMO_ORDER_COUNT, "updated": 0, "unchanged": 0,
                      "errors": [], "error_count": 0, "dry_run": False}
    assert orders_json(capsys, empty) == orders_json(capsys, demo)

    code, again = import_json(capsys, empty, "orders", orders)
    assert (code, again["created"], again["updated"], again["unchanged"]) == (0, 0, 0,
                                                                           DEMO_ORDER_COUNT)
    assert import_json(capsys, empty, "suppliers", suppliers)[1]["unchanged"] == 9


def test_export_search_keeps_only_what_the_list_finds(capsys, tmp_path):
    db = tmp_path / "demo.sqlite"
    run(capsys, "--db", str(db), "demo")
    out = tmp_path / "chase.csv"
    code, text, _ = run(capsys, "--db", str(db), "export", "orders", "--out", str(out),
                        "--search", "chase")
    assert code == 0 and text.startswith("1 orders")
    assert "TA-2026-0111" in out.read_text(encoding="utf-8-sig")


@pytest.fixture
def db(capsys, tmp_path):
    """A database with the supplier the bad files name."""
    path = tmp_path / "ta.sqlite"
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text("name,country\nAcme Ltd,China\n", encoding="utf-8")
    assert import_json(capsys, path, "suppliers", suppliers)[0] == 0
    return path


@pytest.mark.parametrize(("row", "column", "words"), [
    (GOOD.replace("2027-01-15", "2027-02-30"), "shipment_date", "not a date that exists"),
    (GOOD.replace("2.50", "2.5O"), "unit_price", "not an amount"),
    (GOOD.replace("2.50", "USD 2.50"), "unit_price", "not an amount"),
    (GOOD.replace(",100,", ",-100,"), "quantity", "not a quantity"),
    (GOOD.replace("Acme Ltd", "Nobody Co"), "supplier", "no supplier 'Nobody Co'"),
    (GOOD.replace("draft", "shipped"), "status", "not a status"),
    (GOOD.replace("USD", "XYZ"), "currency", "not a currency code"),
    (GOOD.replace("Widget", ""), "product", "Describe the product"),
    (GOOD.replace("TA-9001", ""), "order_number", "order number"),
    (GOOD.replace("2.50", "=2*1.25"), "unit_price", "formula"),
])
def test_each_bad_cell_is_a_row_error_and_nothing_is_written(capsys, tmp_path, db, row, column,
                                                             words):
    path = tmp_path / "orders.csv"
    path.write_text(HEADER + GOOD.replace("9001", "9000") + row, encoding="utf-8")
    code, report = import_json(capsys, db, "orders", path)
    assert code == 1 and not report["ok"] and report["created"] == 1
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(3, column)]
    assert words in report["errors"][0]["message"]
    assert orders_json(capsys, db) == []


def test_an_order_number_twice_in_one_file_is_an_error(capsys, tmp_path, db):
    path = tmp_path / "orders.csv"
    other = GOOD.replace("9001", "9002")
    path.write_text(HEADER + GOOD + other + GOOD, encoding="utf-8")
    code, report = import_json(capsys, db, "orders", path)
    assert code == 1
    assert report["errors"] == [{"row": 4, "column": "order_number", "message":
                                 "Order number TA-9001 is also on row 2: each is imported "
                                 "once, from rows that stand together."}]


def test_rows_of_one_order_must_agree_on_its_columns(capsys, tmp_path, db):
    path = tmp_path / "orders.csv"
    path.write_text(HEADER + GOOD + GOOD.replace("FOB", "CIF"), encoding="utf-8")
    code, report = import_json(capsys, db, "orders", path)
    assert code == 1 and report["errors"][0]["column"] == "incoterm"


def test_a_formula_cell_in_a_workbook_is_refused(capsys, tmp_path, db):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append([*GOOD.strip().split(",")[:10], "=50*2", "pcs", 2.5, ""])
    workbook.save(tmp_path / "orders.xlsx")
    code, report = import_json(capsys, db, "orders", tmp_path / "orders.xlsx")
    assert code == 1
    assert report["errors"][0]["column"] == "quantity"
    assert "formula" in report["errors"][0]["message"]


def test_a_missing_required_column_is_an_error_on_the_header_row(capsys, tmp_path, db):
    path = tmp_path / "orders.csv"
    path.write_text("order_number,supplier,product\nTA-1,Acme Ltd,Widget\n", encoding="utf-8")
    code, report = import_json(capsys, db, "orders", path)
    assert code == 1
    assert {(e["row"], e["column"]) for e in report["errors"]} == {
        (1, "currency"), (1, "quantity"), (1, "unit_price")}


@pytest.mark.parametrize(("content", "words"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old Excel"),
    (b"PK\x03\x04 not really a zip", "not an Excel workbook"),
    (b"name\n\xff\xfe\xfa\xfb\x81\xff\n", "cannot tell the encoding"),
])
def test_a_file_that_cannot_be_read_exits_2_with_one_line(capsys, tmp_path, db, content, words):
    path = tmp_path / "suppliers.csv"
    path.write_bytes(content)
    code, out, err = run(capsys, "--db", str(db), "import", "suppliers", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err


def test_a_missing_file_exits_2(capsys, tmp_path, db):
    code, _, err = run(capsys, "--db", str(db), "import", "orders", str(tmp_path / "nope.csv"))
    assert code == 2 and "nope.csv does not exist" in err


def test_export_to_another_format_exits_2(capsys, tmp_path, db):
    code, _, err = run(capsys, "--db", str(db), "export", "orders", "--out",
                       str(tmp_path / "orders.pdf"))
    assert code == 2 and ".csv or .xlsx" in err


def test_dry_run_counts_and_writes_nothing(capsys, tmp_path, db):
    path = tmp_path / "orders.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    code, report = import_json(capsys, db, "orders", path, "--dry-run")
    assert (code, report["created"], report["dry_run"]) == (0, 1, True)
    assert orders_json(capsys, db) == []
