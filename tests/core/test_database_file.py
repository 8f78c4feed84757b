"""Opening cannot brick a file: what is not ours, or is newer, is refused untouched; a new
database appears whole; an upgrade happens entirely or not at all, after a verified copy."""

import os
import sqlite3
import subprocess
import sys

import pytest
from alembic import command

from ta_desktop.cli import main
from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.storage import db as db_module
from ta_desktop.core.storage.db import Database, alembic_config, head_revision
from tests.core.database_files import (
    OLD_SUPPLIERS,
    folder_snapshot,
    make_database_at,
    names_and_orders,
    revision_of,
    stamp_newer,
)


def test_a_missing_file_becomes_a_database_at_head_and_nothing_else(tmp_path):
    db = Database.open(tmp_path / "new.sqlite")
    assert db.current_revision() == head_revision()
    db.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.sqlite"]


def test_a_database_of_a_newer_app_is_refused_without_writing_to_it(tmp_path, capsys):
    path = tmp_path / "newer.sqlite"
    stamp_newer(path, "0042_future")
    before = folder_snapshot(tmp_path)
    with pytest.raises(StorageError) as error:
        Database.open(path)
    assert "made by a newer TA Desktop (revision 0042_future): update the app" in str(error.value)
    assert main(["--db", str(path), "orders"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "revision 0042_future" in err
    assert "Traceback" not in err
    assert folder_snapshot(tmp_path) == before


@pytest.mark.parametrize("content", [b"not sqlite at all" * 100, b"PK\x03\x04" + bytes(500)])
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path, content):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    with pytest.raises(StorageError, match="not a SQLite file"):
        Database.open(path)
    assert folder_snapshot(tmp_path) == {"notes.sqlite": content}


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_a_sqlite_file_of_another_program_is_refused_untouched(tmp_path, journal_mode):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA journal_mode={journal_mode}")
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO photos (name) VALUES ('holiday.jpg')")
    connection.close()
    before = folder_snapshot(tmp_path)
    with pytest.raises(StorageError, match=r"not TA Desktop's \(photos\)"):
        Database.open(path)
    assert folder_snapshot(tmp_path) == before


def test_a_zero_byte_file_is_refused_unless_a_new_database_was_asked_for(tmp_path, capsys):
    path = tmp_path / "empty.sqlite"
    path.touch()
    with pytest.raises(StorageError, match=r"empty \(0 bytes\)"):
        Database.open(path)
    assert main(["--db", str(path), "suppliers"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert folder_snapshot(tmp_path) == {"empty.sqlite": b""}

    db = Database.open(path, new=True)
    assert db.current_revision() == head_revision()
    db.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_it(tmp_path):
    pipe = tmp_path / "pipe.sqlite"
    os.mkfifo(pipe)
    with pytest.raises(StorageError, match="not a regular file"):
        Database.open(pipe)


def test_what_an_interrupted_creation_by_an_older_version_left_becomes_a_database(tmp_path):
    # The old code ran DDL outside a transaction: some of our tables, empty, and no version.
    path = make_database_at(tmp_path / "half.sqlite", "0002", suppliers=(), orders=0)
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM alembic_version")
    connection.close()
    db = Database.open(path)
    assert db.current_revision() == head_revision()
    db.close()


def test_an_upgrade_interrupted_by_an_older_version_is_finished(tmp_path):
    path = make_database_at(tmp_path / "old.sqlite", "0001")
    with sqlite3.connect(path) as connection:  # 0002's first table, created, never stamped
        connection.execute("CREATE TABLE disputes (id INTEGER PRIMARY KEY)")
    connection.close()
    Database.open(path).close()
    assert revision_of(path) == head_revision()
    assert names_and_orders(path)[0] == list(OLD_SUPPLIERS)


def test_an_old_database_is_upgraded_after_a_verified_copy(tmp_path):
    path = make_database_at(tmp_path / "old.sqlite", "0001")
    db = Database.open(path)
    db.close()
    [copy] = tmp_path.glob("old.before-*.bak.sqlite")
    assert revision_of(copy) == "0001" and names_and_orders(copy) == names_and_orders(path)
    assert revision_of(path) == head_revision()


def test_an_upgrade_that_fails_at_its_last_step_changes_nothing_and_names_the_copy(
        tmp_path, monkeypatch):
    path = make_database_at(tmp_path / "old.sqlite", "0001")
    data = names_and_orders(path)
    real_upgrade = command.upgrade

    def upgrade_then_fail(config, revision):
        real_upgrade(config, revision)  # every table of every migration made, then:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)  # db imports it when upgrading
    with pytest.raises(StorageError) as error:
        Database.open(path)
    [copy] = tmp_path.glob("old.before-*.bak.sqlite")
    message = str(error.value)
    assert "Nothing was changed" in message and str(copy) in message
    assert revision_of(path) == "0001" and names_and_orders(path) == data
    with sqlite3.connect(path) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert "disputes" not in tables and "evidence" not in tables

    monkeypatch.undo()
    Database.open(path).close()  # the next start upgrades it
    assert revision_of(path) == head_revision() and names_and_orders(path) == data


def test_a_full_disk_during_an_upgrade_leaves_the_old_database(tmp_path, monkeypatch):
    path = make_database_at(tmp_path / "old.sqlite", "0001")
    data = names_and_orders(path)
    real_pragmas = db_module._migration_pragmas

    def disk_nearly_full(dbapi_connection, record):
        real_pragmas(dbapi_connection, record)
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    monkeypatch.setattr(db_module, "_migration_pragmas", disk_nearly_full)
    with pytest.raises(StorageError, match="full") as error:
        Database.open(path)
    assert ".bak.sqlite" in str(error.value)
    assert revision_of(path) == "0001" and names_and_orders(path) == data


def test_a_failed_copy_before_an_upgrade_stops_the_upgrade(tmp_path):
    path = make_database_at(tmp_path / "old.sqlite", "0001")

    def no_space(_db):
        raise OSError(28, "No space left on device")

    with pytest.raises(StorageError, match="backup before the upgrade failed"):
        Database.open(path, before_upgrade=no_space)
    assert revision_of(path) == "0001"


def test_the_schema_made_by_the_upgrade_is_the_schema_made_new(tmp_path):
    old = make_database_at(tmp_path / "old.sqlite", "0001")
    Database.open(old).close()
    Database.open(tmp_path / "new.sqlite").close()

    def schema(path):
        with sqlite3.connect(path) as connection:
            return sorted(connection.execute(
                "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))

    assert schema(old) == schema(tmp_path / "new.sqlite")


def test_upgrading_a_copy_by_alembic_itself_still_works(tmp_path):
    # The developers' path (alembic on a plain connection) is not broken by the app's own.
    path = tmp_path / "dev.sqlite"
    db = Database.open(path, migrate=False)
    with db.engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert db.current_revision() == head_revision()
    db.close()


def test_a_journal_left_by_a_crash_is_rolled_back_when_the_file_is_opened(tmp_path):
    path = make_database_at(tmp_path / "hot.sqlite", head_revision())
    data = names_and_orders(path)
    writer = subprocess.Popen([sys.executable, "-c", f"""
import sqlite3, sys
c = sqlite3.connect({str(path)!r}, isolation_level=None)
c.execute("PRAGMA journal_mode=DELETE")
c.execute("PRAGMA cache_size=1")  # changed pages spill into the file: the journal is hot
c.execute("BEGIN")
c.execute("UPDATE suppliers SET name = 'half written'")
for n in range(300):
    c.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (str(n), "x" * 2000))
print("ready", flush=True)
sys.stdin.read()
"""], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert writer.stdout.readline() == b"ready\n"
    writer.kill()
    writer.wait()
    assert (tmp_path / "hot.sqlite-journal").stat().st_size > 0

    db = Database.open(path)  # a read-only look could not roll it back
    db.close()
    assert names_and_orders(path) == data
