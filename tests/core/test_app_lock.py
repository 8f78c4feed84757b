"""One app per database file: a lock beside it names the app that has it; a second app may
read only or open anyway; a crashed app's lock is stale; the command line never needs it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from ta_desktop.cli import main
from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.storage.app_lock import AppLock, LockHolder, process_alive
from tests.factories import make_order, make_supplier

REPO = Path(__file__).resolve().parents[2]  # the code under test, for the processes started


def lock_of(workspace) -> AppLock:
    return AppLock(workspace.db.path)


def held_by(workspace, pid: int, host: str | None = None) -> LockHolder:
    """Write the lock as another app (``pid`` on ``host``) would."""
    holder = LockHolder(host or socket.gethostname(), pid, datetime(2026, 11, 25, 9, 30))
    lock_of(workspace).path.write_text(holder.to_json())
    return holder


def a_finished_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_the_app_takes_the_lock_beside_the_file_and_gives_it_back(workspace):
    assert workspace.claim() is None
    path = workspace.db.path.with_name("ta.sqlite.lock")
    data = json.loads(path.read_text())
    assert set(data) == {"host", "pid", "since", "app"} and data["pid"] == os.getpid()
    assert workspace.claim() is None  # ours already
    workspace.close()
    assert not path.exists()


def test_a_second_app_is_told_who_has_the_database(workspace, tmp_path):
    workspace.claim()
    code = ("import sys; from ta_desktop.core.services.workspace import Workspace; "
            "w = Workspace.open(sys.argv[1]); h = w.claim(); print(h.pid, h.host); w.close()")
    done = subprocess.run([sys.executable, "-c", code, str(workspace.db.path)],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.stdout.split() == [str(os.getpid()), socket.gethostname()]
    assert lock_of(workspace).holder().pid == os.getpid()  # the second left it alone


def test_a_live_app_s_lock_is_kept_unless_the_user_opens_anyway(workspace):
    other = held_by(workspace, os.getppid())  # a process that surely runs
    assert workspace.claim() == other
    assert "process" in other.describe() and "2026-11-25 09:30" in other.describe()
    assert workspace.claim(force=True) is None
    assert lock_of(workspace).holder().pid == os.getpid()


def test_a_crashed_app_s_lock_is_stale_and_taken_over(workspace):
    held_by(workspace, a_finished_pid())
    assert workspace.claim() is None
    assert lock_of(workspace).holder().pid == os.getpid()


def test_a_lock_from_another_host_is_never_judged_stale(workspace):
    other = held_by(workspace, 1, host="the-other-pc.local")
    assert other.alive() and workspace.claim() == other


def test_an_unreadable_lock_file_is_replaced(workspace):
    lock_of(workspace).path.write_text("{half a lo")
    assert workspace.claim() is None


def test_the_first_app_leaves_the_lock_of_one_that_opened_anyway(workspace, tmp_path):
    workspace.claim()
    held_by(workspace, os.getppid())  # another window chose "Open anyway"
    workspace.close()
    assert lock_of(workspace).holder().pid == os.getppid()


def test_process_alive_never_confuses_a_finished_process():
    assert process_alive(os.getpid()) and not process_alive(a_finished_pid())
    assert not process_alive(0)


def test_read_only_reads_and_refuses_every_write_with_one_sentence(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    workspace.orders.save(make_order("TA-1", supplier_id=supplier.id))
    workspace.open_read_only(held_by(workspace, os.getppid()))
    assert [row.order_number for row in workspace.orders.rows()] == ["TA-1"]
    with pytest.raises(StorageError) as error:
        workspace.orders.save(make_order("TA-2", supplier_id=supplier.id))
    assert str(error.value) == workspace.read_only
    assert str(error.value).startswith("This window is read-only: TA Desktop (process ")
    with pytest.raises(StorageError, match="read-only"):
        workspace.settings.put("x", {"a": "1"})
    assert workspace.orders.count() == 1


def test_command_line_reads_work_while_the_app_holds_the_lock(workspace, capsys):
    workspace.claim()
    assert main(["--db", str(workspace.db.path), "orders", "--json"]) == 0
    assert main(["--db", str(workspace.db.path), "verify"]) == 0
    capsys.readouterr()
    assert lock_of(workspace).holder().pid == os.getpid()


def test_a_restore_is_refused_while_another_app_has_the_database(workspace, tmp_path, capsys):
    db = str(workspace.db.path)
    assert main(["--db", db, "backup", "--out", str(tmp_path / "b.zip")]) == 0
    held_by(workspace, os.getppid())
    assert main(["--db", db, "restore", str(tmp_path / "b.zip"), "--force"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"process {os.getppid()}" in err and "close it" in err
