"""The import service: keys, updates under MOD-REQ, imported history, one transaction, files of
every encoding Excel writes, and a big file read in bounded memory."""

import tracemalloc
from datetime import date
from decimal import Decimal

import pytest

from ta_desktop.core.domain.changes import Kind
from ta_desktop.core.domain.entities import Action, OrderLine
from ta_desktop.core.domain.tabular import RecordKind
from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.core.services.evidence.fit import drain
from ta_desktop.core.services.io.export import export_records
from ta_desktop.core.services.io.importer import ImportRequest, check_import, import_file
from tests.factories import TODAY, make_order, make_supplier

HEADER = "order_number,supplier,status,currency,product,quantity,unit_price,notes\n"


@pytest.fixture
def supplier(workspace):
    return workspace.suppliers.save(make_supplier("Acme Ltd")).value


def write(tmp_path, text: str, name="orders.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(workspace, path, kind=RecordKind.ORDERS, **options):
    dry_run = options.pop("dry_run", False)
    return drain(import_file(workspace, ImportRequest(path, kind, **options), dry_run=dry_run))


def test_an_order_past_draft_is_imported_with_one_imported_event(workspace, supplier, tmp_path):
    path = write(tmp_path, HEADER + "TA-1,Acme Ltd,awaiting_shipment,USD,Mug,10,1.20,\n")
    outcome = run(workspace, path)
    assert outcome.value.created == 1 and outcome.value.written
    order = workspace.orders.get_by_number("TA-1")
    assert order.status == OrderStatus.AWAITING_SHIPMENT
    assert [(e.action, e.on, e.to_status) for e in order.events] == [
        (Action.IMPORTED, TODAY, OrderStatus.AWAITING_SHIPMENT)]
    assert order.created_on == TODAY
    assert outcome.changes.has(Kind.ORDER, order.id)
    assert Action.IMPORTED not in workspace.orders.actions(order)


def test_a_draft_has_no_history_and_statuses_may_be_their_labels(workspace, supplier, tmp_path):
    path = write(tmp_path, HEADER + "TA-1,Acme Ltd,Draft,USD,Mug,10,1.20,\n"
                 "TA-2,Acme Ltd,Waiting for payment,USD,Mug,10,1.20,\n")
    run(workspace, path)
    assert workspace.orders.get_by_number("TA-1").events == []
    assert workspace.orders.get_by_number("TA-2").status == OrderStatus.AWAITING_PAYMENT


def test_a_stored_order_that_differs_needs_update(workspace, supplier, tmp_path):
    workspace.orders.save(make_order("TA-1", supplier.id, currency="USD",
                                     lines=[OrderLine("Mug", 10, Decimal("1.20"))]))
    path = write(tmp_path, HEADER + "TA-1,Acme Ltd,draft,USD,Mug,12,1.20,\n")
    refused = run(workspace, path).value
    assert not refused.ok and refused.errors[0].column == "quantity"
    assert "--update" in refused.errors[0].message

    outcome = run(workspace, path, update=True)
    assert (outcome.value.updated, outcome.value.created) == (1, 0)
    assert workspace.orders.get_by_number("TA-1").lines[0].quantity == 12


def test_an_order_past_draft_is_never_updated_but_its_notes(workspace, supplier, tmp_path,
                                                            profile):
    order = workspace.orders.save(make_order("TA-1", supplier.id,
                                             lines=[OrderLine("Mug", 10, Decimal("1.20"))])).value
    workspace.orders.perform(order.id, Action.SUBMIT)
    changed = write(tmp_path, HEADER + "TA-1,Acme Ltd,awaiting_supplier_confirmation,USD,"
                    "Mug,99,1.20,\n")
    report = run(workspace, changed, update=True).value
    assert not report.ok
    assert report.errors[0].message.startswith("MOD-REQ: ")
    noted = write(tmp_path, HEADER + "TA-1,Acme Ltd,awaiting_supplier_confirmation,USD,"
                  "Mug,10,1.20,call Lily\n", name="notes.csv")
    assert run(workspace, noted, update=True).value.updated == 1
    assert workspace.orders.get_by_number("TA-1").notes == "call Lily"


def test_an_import_never_moves_an_order_along(workspace, supplier, tmp_path):
    workspace.orders.save(make_order("TA-1", supplier.id, currency="USD",
                                     lines=[OrderLine("Mug", 10, Decimal("1.20"))]))
    path = write(tmp_path, HEADER + "TA-1,Acme Ltd,completed,USD,Mug,10,1.20,\n")
    report = run(workspace, path, update=True).value
    assert report.errors[0].column == "status"
    assert workspace.orders.get_by_number("TA-1").status == OrderStatus.DRAFT


def test_one_bad_row_among_many_writes_nothing(workspace, supplier, tmp_path):
    rows = "".join(f"TA-{n},Acme Ltd,draft,USD,Mug,10,1.20,\n" for n in range(1200))
    path = write(tmp_path, HEADER + rows + "TA-X,Acme Ltd,draft,USD,Mug,ten,1.20,\n")
    report = run(workspace, path).value
    assert (report.created, report.error_count, report.written) == (1200, 1, False)
    assert workspace.orders.count() == 0


def test_cancelling_the_write_rolls_everything_back(workspace, supplier, tmp_path):
    rows = "".join(f"TA-{n},Acme Ltd,draft,USD,Mug,10,1.20,\n" for n in range(1100))
    job = import_file(workspace, ImportRequest(write(tmp_path, HEADER + rows),
                                               RecordKind.ORDERS))
    steps = [step.message for step in job if step.message.startswith("Importing row")]
    assert steps  # it got as far as writing ...
    job = import_file(workspace, ImportRequest(tmp_path / "orders.csv", RecordKind.ORDERS,
                                               update=True))
    # ... and this time the user presses Cancel in the middle of it.
    workspace.orders.delete(workspace.orders.get_by_number("TA-5").id)
    for step in job:
        if step.message.startswith("Importing row"):
            job.close()
            break
    assert workspace.orders.count() == 1099


def test_gbk_with_semicolons_and_decimal_commas(workspace, supplier, tmp_path):
    workspace.suppliers.save(make_supplier("义乌市美佳日用品有限公司"))
    text = ("order_number;supplier;currency;product;quantity;unit_price\r\n"
            "TA-1;义乌市美佳日用品有限公司;CNY;陶瓷杯 350 ml;1.200;1.234,50\r\n")
    report = run(workspace, write(tmp_path, text, encoding="gb18030")).value
    assert report.ok, report.errors
    assert "GB18030" in report.source and "decimal commas" in report.source
    line = workspace.orders.get_by_number("TA-1").lines[0]
    assert (line.product, line.quantity, line.unit_price) == ("陶瓷杯 350 ml", 1200,
                                                              Decimal("1234.50"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_utf_encodings_with_or_without_a_mark(workspace, tmp_path, encoding):
    path = write(tmp_path, "name,country\n深圳市华强电子有限公司,China\n", "s.csv", encoding)
    assert run(workspace, path, RecordKind.SUPPLIERS).value.created == 1
    assert workspace.suppliers.rows()[0].name == "深圳市华强电子有限公司"


def test_text_excel_would_run_survives_both_formats(workspace, supplier, tmp_path):
    workspace.suppliers.save(make_supplier("Formula Co", phone="+86 755 8321 0000",
                                           notes="=HYPERLINK(\"x\")"))
    for name in ("s.csv", "s.xlsx"):
        export_records(workspace.db, RecordKind.SUPPLIERS, tmp_path / name)
        assert run(workspace, tmp_path / name, RecordKind.SUPPLIERS).value.unchanged == 2
    assert "'+86 755" in (tmp_path / "s.csv").read_text(encoding="utf-8-sig")


def test_a_suppliers_trade_assurance_limit_needs_its_currency(workspace, tmp_path):
    path = write(tmp_path, "name,ta_limit,ta_limit_currency,gold_supplier,gold_since\n"
                 "A,50000,,yes,2015\nB,60000,EUR,no,2016\n", "s.csv")
    report = run(workspace, path, RecordKind.SUPPLIERS).value
    assert [(e.row, e.column) for e in report.errors] == [(2, "ta_limit_currency"),
                                                          (3, "gold_since")]


def test_the_mapping_may_name_other_columns(workspace, supplier, tmp_path):
    path = write(tmp_path, "Nr,Lieferant,Währung,Artikel,Menge,Preis\n"
                 "TA-1,Acme Ltd,EUR,Tasse,5,2.00\n")
    mapping = {"order_number": 0, "supplier": 1, "currency": 2, "product": 3, "quantity": 4,
               "unit_price": 5}
    report = drain(check_import(workspace, ImportRequest(path, RecordKind.ORDERS,
                                                         mapping=mapping)))
    assert (report.ok, report.created) == (True, 1)
    assert workspace.orders.count() == 0  # a check writes nothing


def _big_file(path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("order_number,supplier,status,currency,shipment_date,product,sku,quantity,"
                  "unit_price,notes\n")
        line = ",Acme Ltd,draft,USD,2027-01-15,Power bank 20000 mAh,PB-20K,100,7.85,note\n"
        for n in range(rows):
            out.write(f"TA-{n // 4:08d}{line}")
        out.write(f"TA-LAST{line.replace('7.85', 'abc')}")


def _peak_of_checking(workspace, path) -> int:
    tracemalloc.start()
    try:
        report = drain(check_import(workspace, ImportRequest(path, RecordKind.ORDERS)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (report.error_count, report.errors[0].column) == (1, "unit_price")
    return peak


def test_memory_does_not_grow_with_the_file(workspace, supplier, tmp_path):
    """Checking 24,000 rows takes no more memory than 6,000 (both past the first batches):
    rows are streamed, order numbers kept on disk. bench/bench_import.py measures a million."""
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    _big_file(small, 6_000)
    _big_file(large, 24_000)
    ratio = _peak_of_checking(workspace, large) / _peak_of_checking(workspace, small)
    assert ratio < 1.25, f"4 times the rows took {ratio:.2f} times the memory"


def test_created_on_in_the_future_is_an_error(workspace, supplier, tmp_path):
    path = write(tmp_path, HEADER.replace("notes", "created_on") +
                 f"TA-1,Acme Ltd,draft,USD,Mug,10,1.20,{date(2030, 1, 1)}\n")
    assert run(workspace, path).value.errors[0].column == "created_on"
