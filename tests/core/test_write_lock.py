"""A write takes the write lock before it reads: a second writer in another process waits for
the first to finish (busy timeout, PostgreSQL's lock_timeout), and a wait that runs out, or a
deadlock, is one clear sentence; two windows creating the same new setting do not break its
unique key."""

import threading
import time

import pytest

from ta_desktop.core.domain.errors import ConflictError, StorageError
from ta_desktop.core.services.workspace import Workspace
from tests.factories import TODAY, make_supplier
from tests.processes import python

pytestmark = pytest.mark.both_engines

# Holds a writing unit of work on a supplier open in another process, as a long write in
# another window does (SQLite locks the whole file at BEGIN IMMEDIATE, PostgreSQL the row).
HOLDER = """
import sys, time
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.repositories import SupplierRepository
db = Database.open(sys.argv[1])
with db.writing() as session:
    SupplierRepository(session).get(int(sys.argv[3]))
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
db.close()
"""


@pytest.fixture
def supplier_id(workspace):
    return workspace.suppliers.save(make_supplier()).value.id


@pytest.fixture
def hold_lock(workspace, supplier_id):
    started = []

    def hold(seconds: float):
        holder = python("-c", HOLDER, workspace.db.target, str(seconds), str(supplier_id))
        started.append(holder)
        assert holder.stdout.readline() == "locked\n"
        return time.monotonic()

    yield hold
    for holder in started:
        holder.kill()  # a test that failed early leaves none behind
        holder.wait()
        holder.stdout.close()
        holder.stdin.close()


def test_a_write_waits_for_another_processes_write_then_succeeds(workspace, hold_lock,
                                                                 supplier_id):
    locked_at = hold_lock(1.0)
    assert workspace.suppliers.count() == 1  # reading is not blocked meanwhile
    supplier = workspace.suppliers.get(supplier_id)
    supplier.email = "sales@example.cn"
    workspace.suppliers.save(supplier)
    assert time.monotonic() - locked_at > 0.7
    assert workspace.suppliers.get(supplier_id).email == "sales@example.cn"


def test_a_wait_that_runs_out_is_one_storage_error_sentence(workspace, hold_lock, supplier_id):
    workspace.db.busy_timeout = 0.3
    locked_at = hold_lock(5.0)
    supplier = workspace.suppliers.get(supplier_id)
    supplier.email = "sales@example.cn"
    with pytest.raises(StorageError) as caught:
        workspace.suppliers.save(supplier)
    assert time.monotonic() - locked_at < 3
    name = workspace.db.path or workspace.db.engine.url.render_as_string()
    assert str(caught.value) == (f"The database {name} is busy in another window "
                                 "or program; try again in a moment.")
    assert workspace.suppliers.get(supplier_id).email == ""


@pytest.mark.postgresql_only  # SQLite's writers take one database lock first: no deadlock
def test_a_deadlock_is_the_busy_sentence_and_one_write_goes_through(workspace, other_window):
    first = workspace.suppliers.save(make_supplier("Alpha")).value.id
    second = workspace.suppliers.save(make_supplier("Beta")).value.id
    both_locked_one = threading.Barrier(2, timeout=10)
    errors: list[Exception] = []

    def write(window: Workspace, ids: tuple[int, int]) -> None:
        from ta_desktop.core.storage.repositories import SupplierRepository

        try:
            with window.db.writing() as session:
                repository = SupplierRepository(session)
                repository.get(ids[0])
                both_locked_one.wait()
                record = repository.get(ids[1])
                record.notes = f"by {ids}"
                repository.save(record)
        except StorageError as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(w, ids)) for w, ids in
               ((workspace, (first, second)), (other_window, (second, first)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert len(errors) == 1 and "is busy in another window or program" in str(errors[0])
    notes = {workspace.suppliers.get(i).notes for i in (first, second)}
    assert len(notes - {""}) == 1


def test_two_windows_creating_the_same_new_setting_one_conflicts(db_target, tmp_path):
    """Both read "never stored" (version 0); both write at once: one is stored, the other is a
    ConflictError (never a broken unique key)."""
    windows = [Workspace.open(db_target, today=lambda: TODAY, data_dir=tmp_path / str(n))
               for n in range(4)]
    start = threading.Barrier(len(windows), timeout=10)
    results: list[object] = []

    def put(window: Workspace, n: int) -> None:
        start.wait()
        try:
            window.settings.put("member_note", {"by": n}, 0)
            results.append("stored")
        except ConflictError:
            results.append("conflict")
        except StorageError as error:  # SQLite: a writer may still be told to retry
            results.append(error)

    threads = [threading.Thread(target=put, args=(w, n)) for n, w in enumerate(windows)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    try:
        assert results.count("stored") == 1
        assert results.count("conflict") == len(windows) - 1
    finally:
        for window in windows:
            window.close()
