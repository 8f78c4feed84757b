"""A second app window on the same database file: told who has it, it opens read-only, opens
anyway, or does not open."""

import os
import socket
from datetime import datetime

import pytest

from ta_desktop.core.storage.app_lock import AppLock, LockHolder
from ta_desktop.ui.database_in_use import DO_NOT_OPEN, OPEN_ANYWAY, READ_ONLY, settle_database_lock
from ta_desktop.ui.main_window import MainWindow
from tests.factories import make_supplier


@pytest.fixture
def other_app(workspace):
    """Another app (a process that surely runs: our parent) holds the database."""
    holder = LockHolder(socket.gethostname(), os.getppid(), datetime(2026, 11, 25, 9, 30))
    AppLock(workspace.db.path).path.write_text(holder.to_json())
    return holder


def test_the_only_app_takes_the_database_without_a_word(workspace, messages):
    assert settle_database_lock(workspace, messages)
    assert messages.shown == [] and not workspace.read_only


def test_a_second_app_says_who_has_it_and_may_read_only(qtbot, workspace, messages, tasks,
                                                        other_app, monkeypatch):
    messages.answer_option = READ_ONLY
    assert settle_database_lock(workspace, messages)
    [(kind, _, text)] = messages.shown
    assert kind == "choose" and f"process {other_app.pid} on {other_app.host}" in text
    assert messages.options == ["Open read-only", "Open anyway", "Do not open"]

    calls = []
    monkeypatch.setattr(workspace.disputes, "catch_up", lambda: calls.append(1))
    window = MainWindow(workspace, messages, tasks=tasks)
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("read-only") and calls == []  # nothing recorded
    window.offer_demo()
    assert messages.shown[-1][0] == "choose"  # no demo offered: it could not be loaded
    assert not window.ops.run_op(window, lambda: workspace.suppliers.save(make_supplier()))
    kind, _, text = messages.shown[-1]
    assert kind == "error" and text.startswith("This window is read-only: TA Desktop (process")
    assert workspace.suppliers.count() == 0


def test_open_anyway_takes_the_lock(workspace, messages, other_app):
    messages.answer_option = OPEN_ANYWAY
    assert settle_database_lock(workspace, messages)
    assert not workspace.read_only
    assert AppLock(workspace.db.path).holder().pid == os.getpid()


@pytest.mark.parametrize("answer", [DO_NOT_OPEN, None])
def test_not_opening_leaves_the_other_app_s_lock(workspace, messages, other_app, answer):
    messages.answer_option = answer
    assert not settle_database_lock(workspace, messages)
    assert AppLock(workspace.db.path).holder() == other_app
