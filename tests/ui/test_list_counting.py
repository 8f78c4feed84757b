"""The order and supplier lists show a query's first page at once and count its rows off the GUI
thread: the label says "3+" while counting, then the exact count; an older query's count that
comes back late changes nothing."""

import pytest

from ta_desktop.core.services.demo import DEMO_ORDER_COUNT, load_demo
from ta_desktop.ui.tasks import TaskRunner
from ta_desktop.ui.widgets.paged_model import PagedTableModel
from tests.factories import make_supplier

PAGE = 3


class HeldTasks(TaskRunner):
    """Runs nothing until ``finish`` (the count of a big list, still running)."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list = []

    def run(self, func, on_done, on_error=None) -> None:
        self.held.append((func, on_done))

    def finish(self, index: int = 0) -> None:
        func, on_done = self.held.pop(index)
        on_done(func())


@pytest.fixture
def tasks():
    return HeldTasks()


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(PagedTableModel, "PAGE_SIZE", PAGE)


def _names(model) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_first_page_shows_at_once_and_the_count_follows(orders_page, workspace, tasks):
    load_demo(workspace)
    orders_page.refresh()
    tasks.held.clear()  # counted before the demo was loaded
    orders_page.search.clear()
    orders_page._apply_filters()

    assert orders_page.model.rowCount() == PAGE
    assert all(_names(orders_page.model))
    assert orders_page.count_label.text() == f"{PAGE}+ order(s), counting…"
    tasks.finish()
    assert orders_page.model.rowCount() == DEMO_ORDER_COUNT
    assert orders_page.count_label.text() == f"{DEMO_ORDER_COUNT} order(s)"
    assert all(_names(orders_page.model))  # the rows past the first page are read as shown


def test_a_list_within_one_page_is_counted_without_waiting(orders_page, workspace, tasks):
    load_demo(workspace)
    orders_page.search.setText("OFF-")
    orders_page._apply_filters()
    assert orders_page.model.rowCount() == 1
    assert orders_page.count_label.text() == "1 order(s)"
    assert not tasks.held


def test_an_older_querys_count_is_ignored(orders_page, workspace, tasks):
    load_demo(workspace)
    tasks.held.clear()
    orders_page.search.clear()
    orders_page._apply_filters()  # every order: counting
    orders_page.search.setText("TA")  # typed on before that count came back
    orders_page._apply_filters()
    typed = orders_page.model.rowCount()

    tasks.finish(0)  # the whole list's count, too late
    assert orders_page.model.rowCount() == typed
    assert orders_page.count_label.text().endswith("counting…")
    tasks.finish(0)
    assert orders_page.count_label.text() == \
        f"{workspace.orders.count(orders_page.model.query)} order(s)"


def test_a_refresh_keeps_the_rows_while_recounting(orders_page, workspace, tasks):
    load_demo(workspace)
    orders_page.refresh()
    tasks.finish(-1)
    orders_page.table.selectRow(DEMO_ORDER_COUNT - 1)  # scrolled to the last row
    orders_page.refresh()
    assert orders_page.model.rowCount() == DEMO_ORDER_COUNT
    tasks.finish(-1)
    assert orders_page.count_label.text() == f"{DEMO_ORDER_COUNT} order(s)"


def test_the_count_runs_on_a_worker_thread(qtbot, workspace, messages):
    from ta_desktop.ui.operations import Operations
    from ta_desktop.ui.orders.orders_page import OrdersPage

    load_demo(workspace)
    page = OrdersPage(workspace, Operations(messages, TaskRunner()))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.count_label.text() == f"{DEMO_ORDER_COUNT} order(s)")
    assert page.model.rowCount() == DEMO_ORDER_COUNT


def test_the_supplier_list_counts_the_same_way(suppliers_page, workspace, tasks):
    for index in range(PAGE + 2):
        workspace.suppliers.save(make_supplier(f"Supplier {index}"))
    suppliers_page.refresh()
    assert suppliers_page.model.rowCount() == PAGE
    assert suppliers_page.model.counting
    tasks.finish(-1)
    assert suppliers_page.model.rowCount() == PAGE + 2
    assert _names(suppliers_page.model) == [f"Supplier {index}" for index in range(PAGE + 2)]
