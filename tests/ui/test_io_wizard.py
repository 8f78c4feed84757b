"""The import wizard and the export actions, as a buyer uses them."""

import pytest

from ta_desktop.core.domain.changes import Kind
from ta_desktop.core.domain.tabular import RecordKind
from ta_desktop.ui.io.export_actions import Exporter
from ta_desktop.ui.io.import_wizard import NOT_IN_FILE, ImportWizard, open_import
from ta_desktop.ui.jobs import JobRunner, SyncJobRunner
from ta_desktop.ui.orders.orders_page import OrdersPage
from tests.factories import make_order, make_supplier

HEADER = "Order no,supplier,status,currency,product,quantity,unit_price\n"


@pytest.fixture
def supplier(workspace):
    return workspace.suppliers.save(make_supplier("Acme Ltd")).value


def wizard_on(qtbot, workspace, ops, path, jobs=None) -> ImportWizard:
    wizard = open_import(None, workspace, ops, path, jobs or SyncJobRunner())
    qtbot.addWidget(wizard)
    return wizard


def test_columns_are_matched_by_name_and_remapped_by_hand_then_remembered(
        qtbot, workspace, ops, supplier, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(HEADER + "TA-1,Acme Ltd,draft,USD,Mug,10,1.20\n", encoding="utf-8")
    wizard = wizard_on(qtbot, workspace, ops, path)
    assert wizard.record_kind() == RecordKind.ORDERS
    assert wizard.choosers["order_number"].currentData() == NOT_IN_FILE  # "Order no"
    assert wizard.choosers["unit_price"].currentData() == 6
    wizard.choosers["order_number"].setCurrentIndex(1)  # the file's first column
    wizard.check()
    assert wizard.pages.currentIndex() == 1 and wizard.report.ok
    assert wizard.report.created == 1 and wizard.import_button.isEnabled()

    again = wizard_on(qtbot, workspace, ops, path)
    assert again.mapping()["order_number"] == 0


def test_the_preview_shows_each_rows_errors_beside_it_and_refuses_to_import(
        qtbot, workspace, ops, supplier, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(HEADER.replace("Order no", "order_number")
                    + "TA-1,Acme Ltd,draft,USD,Mug,10,1.20\n"
                    + "TA-2,Acme Ltd,draft,USD,Mug,-3,1.20\n", encoding="utf-8")
    wizard = wizard_on(qtbot, workspace, ops, path)
    wizard.check()
    table = wizard.rows_table
    assert [table.item(row, 0).text() for row in range(table.rowCount())] == ["2", "3"]
    assert table.item(0, 1).text() == "✓"
    assert table.item(1, 1).text().startswith("quantity: '-3' is not a quantity")
    assert not wizard.import_button.isEnabled()
    assert wizard.errors_table.rowCount() == 1
    assert "1 error(s)" in wizard.summary.text()


def test_importing_writes_everything_and_tells_the_screens(qtbot, workspace, ops, supplier,
                                                          tmp_path, messages):
    page = OrdersPage(workspace, ops)
    qtbot.addWidget(page)
    path = tmp_path / "orders.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["order_number", "supplier", "status", "currency", "product",
                        "quantity", "unit_price"])
    book.active.append(["TA-1", "Acme Ltd", "completed", "USD", "Mug", 10, 1.2])
    book.save(path)
    wizard = wizard_on(qtbot, workspace, ops, path)
    wizard.check()
    with qtbot.waitSignal(ops.changed) as changed:
        wizard.run_import()
    assert changed.args[0].has(Kind.ORDER)
    assert page.model.rowCount() == 1
    assert messages.shown[-1][:2] == ("info", "Import finished")


def test_cancel_during_the_import_leaves_nothing(qtbot, workspace, ops, supplier, tmp_path):
    class Deferred(JobRunner):
        def start(self, job):
            self.job = job

    path = tmp_path / "orders.csv"
    path.write_text(HEADER + "".join(f"TA-{n},Acme Ltd,draft,USD,Mug,10,1.20\n"
                                     for n in range(700)), encoding="utf-8")
    jobs = Deferred()
    wizard = wizard_on(qtbot, workspace, ops, path, jobs)
    wizard.choosers["order_number"].setCurrentIndex(1)
    wizard.check()
    jobs.job.run()
    wizard.run_import()
    steps = []
    jobs.job.progressed.connect(lambda done, total, message: steps.append(message) or (
        message.startswith("Importing row") and wizard.progress.canceled.emit()))
    jobs.job.run()
    assert any(step.startswith("Importing row") for step in steps)
    assert workspace.orders.count() == 0


def test_an_unreadable_file_says_why_and_opens_nothing(qtbot, workspace, ops, tmp_path,
                                                       messages):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(64))
    assert open_import(None, workspace, ops, path) is None
    assert "old Excel" in messages.shown[-1][2]


def test_the_orders_list_exports_as_filtered(qtbot, workspace, ops, supplier, tmp_path):
    for number in ("TA-1", "TA-2"):
        workspace.orders.save(make_order(number, supplier.id, notes=f"note {number}"))
    page = OrdersPage(workspace, ops)
    qtbot.addWidget(page)
    exporter = Exporter(workspace, ops, page, ask_path=lambda *_: tmp_path / "list.csv")
    page.export_requested.connect(lambda query: exporter.export(RecordKind.ORDERS, query))
    page.search.setText("TA-2")
    page._apply_filters()
    with qtbot.waitSignal(exporter.exported) as done:
        page.export_button.click()
    assert done.args[0].records == 1
    text = (tmp_path / "list.csv").read_text(encoding="utf-8-sig")
    assert "TA-2" in text and "TA-1," not in text


def test_the_file_menu_exports_suppliers(qtbot, window, workspace, supplier, tmp_path):
    window.exporter.ask_path = lambda *_: tmp_path / "suppliers.xlsx"
    with qtbot.waitSignal(window.exporter.exported):
        window.export_suppliers_action.trigger()
    assert (tmp_path / "suppliers.xlsx").stat().st_size > 0
