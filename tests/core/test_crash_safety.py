"""kill -9 at random moments while a database is created, upgraded, backed up or restored:
afterwards the file is the old database or the new one, it opens, passes integrity_check, and
holds every write that was reported as committed; every backup that has its name verifies; a
restore leaves the data as it was or as the backup has it, each evidence row with its file.

Each trial runs in a process of its own, forked from a server that has already imported the
app (multiprocessing's forkserver), so the random moment falls in the work, not in the
imports. Set TA_CRASH_SEED to replay a run's delays.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from ta_desktop.core.domain.backups import BackupName
from ta_desktop.core.services.demo import load_demo
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage.backup_archive import verify_backup
from ta_desktop.core.storage.db import head_revision
from tests.core import crash_workers
from tests.core.database_files import OLD_SUPPLIERS, make_database_at, revision_of
from tests.evidence_files import image_bytes, write
from tests.factories import make_order, make_supplier

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="forkserver and kill -9 are POSIX"),
]

TRIALS = {"create": 20, "upgrade": 15, "upgrade only": 15, "backup": 20, "restore": 12,
          "evidence import": 15}
WRITES = 4


@pytest.fixture(scope="module")
def fork():
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.core.crash_workers"])
    return context


@pytest.fixture(scope="module")
def rng():
    seed = int(os.environ.get("TA_CRASH_SEED") or time.time_ns() % 1_000_000)
    print(f"TA_CRASH_SEED={seed}")
    return random.Random(seed)


def run(fork, target, args, kill_after: float | None = None) -> tuple[bool, float]:
    """Run ``target(started, *args)`` in its own process; SIGKILL it ``kill_after`` seconds
    after it has started. Returns whether it was killed mid-work, and how long it worked."""
    started = fork.Event()
    process = fork.Process(target=target, args=(started, *args))
    process.start()
    assert started.wait(60), "the worker did not start"
    begun = time.monotonic()
    process.join(kill_after)
    worked = time.monotonic() - begun
    killed = process.is_alive()
    if killed:
        process.kill()
    process.join()
    assert killed or process.exitcode == 0, f"the worker failed by itself: {process.exitcode}"
    return killed and process.exitcode == -signal.SIGKILL, worked


@contextmanager
def opened_and_sound(path: Path) -> Iterator[Workspace]:
    """The app opens the file (whatever the kill left), and SQLite finds it sound."""
    workspace = Workspace.open(path)
    try:
        with closing(sqlite3.connect(path)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        yield workspace
    finally:
        workspace.close()


def check(path: Path, markers: Path, *, revisions: set, old_data: bool = False) -> str:
    """The database after a kill: old or new, opens, sound, and holds what was committed.
    Returns the state the kill left, in words."""
    found = revision_of(path) if path.exists() else None
    assert found in revisions | {None}
    left = f"rev {found}, {len(crash_workers.done(str(markers)))} marks" if found else "no file"
    with opened_and_sound(path) as workspace:
        names = {row.name for row in workspace.suppliers.rows()}
        committed = {line.removeprefix("supplier ") for line in crash_workers.done(str(markers))
                     if line.startswith("supplier ")}
        assert committed <= names, f"lost: {committed - names}"
        if old_data:
            assert set(OLD_SUPPLIERS) <= names and workspace.orders.count() == 3
    for backup in (path.parent / f"{path.stem}-files" / "backups").glob("*.zip"):
        if BackupName.parse(backup.name):  # a backup under its name is a whole, good one
            scratch = path.parent / f".verify-{backup.stem}.sqlite"
            verify_backup(backup, scratch)
            scratch.unlink()
    return left


def check_restore(path: Path, markers: Path, *, before: set, backup: set) -> str:
    """After a kill during a restore: the database as it was or as the backup has it, never a
    mix, and every evidence row with its file."""
    with opened_and_sound(path) as workspace:
        names = {row.name for row in workspace.suppliers.rows()}
        assert names in (before, backup)
        if "restored" in crash_workers.done(str(markers)):
            assert names == backup
        for row in workspace.orders.rows():
            for item in workspace.evidence.items(row.id) + workspace.evidence.trashed(row.id):
                stored = workspace.evidence.path_of(item)
                assert hashlib.sha256(stored.read_bytes()).hexdigest() == item.sha256
    return "restored" if names == backup else "as before"


def check_evidence(path: Path, markers: Path, *, revisions: set) -> str:
    """After a kill during an evidence import: every row has its file with the right bytes,
    and every file reported as attached has its row."""
    check(path, markers, revisions=revisions)
    with opened_and_sound(path) as workspace:
        order_id = workspace.orders.rows()[0].id
        items = workspace.evidence.items(order_id)
        for item in items:
            stored = workspace.evidence.path_of(item)
            assert hashlib.sha256(stored.read_bytes()).hexdigest() == item.sha256
        attached = {line.removeprefix("evidence ") for line in crash_workers.done(str(markers))
                    if line.startswith("evidence ")}
        assert attached <= {item.sha256 for item in items}, "an attached file lost its row"
        return f"{len(items)} files"


def kill_trials(fork, rng, kind, prepare, target, args_for, check=check, **expected):
    """Time two uninterrupted runs, then kill ``TRIALS[kind]`` runs at random moments of the
    shorter one's duration."""
    duration = min(run(fork, target, args_for(*prepare(f"calibrate-{n}")))[1] for n in (1, 2))
    kills, outcomes = 0, Counter()
    for trial in range(TRIALS[kind]):
        path, markers = prepare(trial)
        delay = rng.uniform(0.0, duration)
        killed, _ = run(fork, target, args_for(path, markers), kill_after=delay)
        kills += killed
        outcomes[check(path, markers, **expected)] += 1
    print(f"{kind}: {kills} of {TRIALS[kind]} killed mid-work (a run takes {duration:.2f} s); "
          f"left: {dict(sorted(outcomes.items()))}")
    return kills


def test_kill_9_during_creation_upgrade_backup_restore_and_evidence_import_loses_nothing(
        fork, rng, tmp_path):
    head = head_revision()

    def fresh(trial):
        folder = tmp_path / "create" / str(trial)
        folder.mkdir(parents=True)
        return folder / "new.sqlite", folder / "markers"

    old_template = make_database_at(tmp_path / "old-template.sqlite", "0001")

    def old_copy(trial):
        folder = tmp_path / "upgrade" / str(trial)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(old_template, folder / "old.sqlite")
        return folder / "old.sqlite", folder / "markers"

    shared = tmp_path / "backup" / "live.sqlite"
    shared.parent.mkdir()
    workspace = Workspace.open(shared)
    load_demo(workspace)
    order_id = workspace.orders.rows()[0].id
    photos = [write(tmp_path, f"p{n}.png", image_bytes("PNG", (300 + n, 300))) for n in range(8)]
    workspace.evidence.add_files(order_id, photos)
    workspace.close()

    def same_database(trial):
        return shared, shared.parent / f"markers-{trial}"

    # Restore: the demo's backup over a database of other suppliers with evidence of its own.
    with closing(Workspace.open(shared)) as source:
        archive = source.backups.back_up(tmp_path / "demo-backup.zip").path
        backup_names = {row.name for row in source.suppliers.rows()}
    target_template = tmp_path / "restore-template" / "target.sqlite"
    target_template.parent.mkdir()
    with closing(Workspace.open(target_template)) as target:
        for name in ("Old A", "Old B"):
            target.suppliers.save(make_supplier(name))
        first = target.orders.save(make_order(supplier_id=1)).value
        target.evidence.add_files(first.id, [write(tmp_path, "own.png", image_bytes(
            "PNG", (123, 45)))])

    def target_copy(trial):
        folder = tmp_path / "restore" / str(trial)
        shutil.copytree(target_template.parent, folder)
        return folder / "target.sqlite", folder / "markers"

    def restoring(path, markers):
        return (str(archive), str(path), str(markers))

    def writes(path, markers):
        return (str(path), str(markers), WRITES)

    def backups(path, markers):
        return (str(path), str(markers), 2)

    (tmp_path / "incoming").mkdir()
    imported = [write(tmp_path / "incoming", f"photo-{n}.png", image_bytes("PNG", (400 + n, 300)))
                for n in range(6)]

    def evidence_copy(trial):
        folder = tmp_path / "evidence" / str(trial)
        shutil.copytree(target_template.parent, folder)
        return folder / "target.sqlite", folder / "markers"

    def importing(path, markers):
        return (str(path), str(markers), [str(photo) for photo in imported])

    kills = kill_trials(fork, rng, "create", fresh, crash_workers.open_and_write, writes,
                        revisions={head})
    kills += kill_trials(fork, rng, "upgrade", old_copy, crash_workers.open_and_write, writes,
                         revisions={"0001", head}, old_data=True)
    kills += kill_trials(fork, rng, "upgrade only", lambda t: old_copy(f"only-{t}"),
                         crash_workers.upgrade_only_and_write, writes,
                         revisions={"0001", head}, old_data=True)
    kills += kill_trials(fork, rng, "backup", same_database, crash_workers.back_up_and_write,
                         backups, revisions={head})
    kills += kill_trials(fork, rng, "restore", target_copy, crash_workers.restore_into,
                         restoring, check_restore, before={"Old A", "Old B"},
                         backup=backup_names)
    kills += kill_trials(fork, rng, "evidence import", evidence_copy, crash_workers.import_evidence,
                         importing, check_evidence, revisions={head})
    print(f"{kills} of {sum(TRIALS.values())} trials killed mid-work")
    assert kills >= 50
