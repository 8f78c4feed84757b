"""A write takes the write lock before it reads: a second writer in another process waits for
the first to finish (busy timeout), and a wait that runs out is one clear sentence."""

import time

import pytest

from ta_desktop.core.domain.errors import StorageError
from tests.factories import make_supplier
from tests.processes import python

# Holds a writing unit of work open in another process, as a long write in another window does.
HOLDER = """
import sys, time
from ta_desktop.core.storage.db import Database
db = Database.open(sys.argv[1])
with db.writing() as session:
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
db.close()
"""


@pytest.fixture
def hold_lock(workspace):
    started = []

    def hold(seconds: float):
        holder = python("-c", HOLDER, str(workspace.db.path), str(seconds))
        started.append(holder)
        assert holder.stdout.readline() == "locked\n"
        return time.monotonic()

    yield hold
    for holder in started:
        holder.kill()  # a test that failed early leaves none behind
        holder.wait()
        holder.stdout.close()
        holder.stdin.close()


def test_a_write_waits_for_another_processes_write_then_succeeds(workspace, hold_lock):
    # The holder only reads inside writing(): the lock is taken at its start all the same.
    locked_at = hold_lock(1.0)
    assert workspace.suppliers.count() == 0  # reading is not blocked meanwhile
    saved = workspace.suppliers.save(make_supplier()).value
    assert time.monotonic() - locked_at > 0.7
    assert workspace.suppliers.get(saved.id).name == saved.name


def test_a_wait_that_runs_out_is_one_storage_error_sentence(workspace, hold_lock):
    workspace.db.busy_timeout = 0.3
    locked_at = hold_lock(5.0)
    with pytest.raises(StorageError) as caught:
        workspace.suppliers.save(make_supplier())
    assert time.monotonic() - locked_at < 3
    assert str(caught.value) == (f"The database {workspace.db.path} is busy in another window "
                                 "or program; try again in a moment.")
    assert workspace.suppliers.count() == 0
