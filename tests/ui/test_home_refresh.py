"""What needs me with a real worker thread: the rows show as soon as they are read, the heading
says it is counting until its counts (and the reminder's rows) arrive, and an answer that a
newer refresh made stale is never shown."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel

from ta_desktop.core.domain.entities import Action
from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.domain.types import Party
from ta_desktop.ui.home.home_page import HomePage
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.tasks import TaskRunner
from tests.factories import TODAY, make_order, make_supplier

COUNTING = "Counting the open deadlines…"


def confirmed(workspace, number: str, days_ago: int) -> None:
    """An order confirmed ``days_ago``: the buyer pays by 60 days after (CONF-AUTO); the
    supplier ships by the agreed date (SHIP-DATE)."""
    supplier = workspace.suppliers.save(make_supplier(f"Supplier {number}")).value
    on = TODAY - timedelta(days=days_ago)
    order = workspace.orders.save(make_order(number, supplier.id, created_on=on)).value
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(order.id, action, on=on)


class Gate:
    """Holds the heading's counts (and the reminder's rows, read with them) on the worker: each
    count is read at once (as of its refresh) and handed back only when let through."""

    def __init__(self, monkeypatch, workspace) -> None:
        self.opened = threading.Event()
        self.asked = 0
        count = workspace.disputes.deadline_counts

        def held(*args, **kwargs):
            self.asked += 1
            counts = count(*args, **kwargs)
            assert self.opened.wait(10), "the test never let the count through"
            return counts

        monkeypatch.setattr(workspace.disputes, "deadline_counts", held)

    def open(self) -> None:
        self.opened.set()


@pytest.fixture
def page(qtbot, workspace, messages, monkeypatch):
    home = HomePage(workspace, Operations(messages, TaskRunner()))
    qtbot.addWidget(home)
    shown = []  # every heading shown, in order
    monkeypatch.setattr(home.summary, "setText",
                        lambda text: shown.append(text) or QLabel.setText(home.summary, text))
    home.headings = shown
    yield home
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)


def test_the_rows_show_before_the_heading_is_counted(qtbot, page, workspace, monkeypatch):
    confirmed(workspace, "TA-59", 59)  # pay by tomorrow: the reminder's
    confirmed(workspace, "TA-30", 30)
    gate = Gate(monkeypatch, workspace)
    with qtbot.waitSignal(page.deadlines_loaded):
        page.refresh()
    assert page.model.rowCount() == 4
    assert page.summary.text() == COUNTING
    assert page.counting()
    with qtbot.waitSignal(page.summary_loaded):
        gate.open()
    assert page.summary.text() == "4 open deadline(s)  ·  1 yours within 7 days"
    assert [d.order_number for d in page.due_soon()] == ["TA-59"]  # what the banner reminds
    assert not page.counting()


def test_a_change_while_counting_shows_the_newer_count_never_the_older(qtbot, page, workspace,
                                                                       messages, monkeypatch):
    confirmed(workspace, "TA-30", 30)
    gate = Gate(monkeypatch, workspace)
    with qtbot.waitSignal(page.deadlines_loaded):
        page.refresh()
    qtbot.waitUntil(lambda: gate.asked == 1)  # counted as of two deadlines, held
    confirmed(workspace, "TA-59", 59)  # pay by tomorrow
    with qtbot.waitSignal(page.deadlines_loaded):
        page.refresh()  # what a write's change does
    assert page.model.rowCount() == 4
    assert page.summary.text() == COUNTING
    with qtbot.waitSignal(page.summary_loaded):
        gate.open()  # the older count arrives first, then the newer one starts
    assert gate.asked == 2
    assert page.summary.text() == "4 open deadline(s)  ·  1 yours within 7 days"
    assert [d.order_number for d in page.due_soon()] == ["TA-59"]
    assert not [text for text in page.headings if text.startswith("2 open")]
    assert messages.shown == []


def test_rows_read_for_an_older_filter_are_dropped(qtbot, page, workspace, monkeypatch):
    confirmed(workspace, "TA-30", 30)
    Gate(monkeypatch, workspace).open()
    page.refresh()  # everyone's rows, answered after the next refresh began
    buyer = page.who_filter.findData(Party.BUYER)
    with qtbot.waitSignal(page.summary_loaded):
        page.who_filter.setCurrentIndex(buyer)  # refreshes
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    assert [d.rule for d in page.deadlines()] == ["CONF-AUTO"]
    assert page.model.rowCount() == 1
    assert page.summary.text().startswith("1 open deadline(s)")


def test_counts_that_fail_leave_a_plain_heading_and_one_error(qtbot, workspace, ops, messages,
                                                              monkeypatch):
    confirmed(workspace, "TA-30", 30)

    def unreadable(*_args, **_kwargs):
        raise StorageError("The database could not be read.")

    monkeypatch.setattr(workspace.disputes, "deadline_counts", unreadable)
    page = HomePage(workspace, ops)
    qtbot.addWidget(page)
    page.refresh()
    assert page.model.rowCount() == 2  # the rows read before the counts still show
    assert page.summary.text() == "The open deadlines could not be counted."
    assert [kind for kind, *_ in messages.shown] == ["error"]
    assert not page.counting()
