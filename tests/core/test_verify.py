"""``verify``: the database's own check, every evidence file against its SHA-256, orphans
listed; ``--repair`` fixes only what cannot lose anything. Exit 0 well, 1 problems, 2 errors."""

from __future__ import annotations

import json
import os
import sqlite3
import time

import pytest

from ta_desktop.cli import main
from tests.evidence_files import image_file, pdf_file
from tests.factories import make_order, make_supplier


@pytest.fixture
def evidence(workspace, tmp_path):
    """Two files attached to order TA-1; returns their rows."""
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-1", supplier_id=supplier.id)).value
    files = [image_file(tmp_path, "photo.jpg"), pdf_file(tmp_path, "report.pdf")]
    return workspace.evidence.add_files(order.id, files).value


def verify(capsys, workspace, *extra):
    code = main(["--db", str(workspace.db.path), "verify", "--json", *extra])
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, json.loads(captured.out)


def test_all_is_well_exits_0_with_the_documented_keys(workspace, evidence, capsys):
    code, report = verify(capsys, workspace)
    assert code == 0 and report["ok"] is True
    assert set(report) == {"ok", "database", "evidence", "repaired"}
    assert report["database"] == {"where": str(workspace.db.path), "check": "integrity_check",
                                  "ok": True, "problems": []}
    assert set(report["evidence"]) == {"rows", "files_checked", "bytes_checked", "problems",
                                       "orphans", "leftovers"}
    assert report["evidence"]["rows"] == report["evidence"]["files_checked"] == 2
    assert main(["--db", str(workspace.db.path), "verify"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("All is well.")


def test_a_missing_and_a_damaged_file_are_named_and_exit_1(workspace, evidence, capsys):
    photo, report_pdf = evidence
    workspace.evidence.path_of(photo).unlink()
    workspace.evidence.path_of(report_pdf).write_bytes(b"%PDF-1.4 something else")
    code, report = verify(capsys, workspace)
    assert code == 1 and report["ok"] is False
    problems = {p["original_name"]: p for p in report["evidence"]["problems"]}
    assert problems["photo.jpg"]["problem"] == "missing"
    assert problems["report.pdf"]["problem"] == "damaged"
    assert "order TA-1" in problems["photo.jpg"]["message"]
    assert set(problems["photo.jpg"]) == {"id", "order_number", "original_name", "sha256",
                                          "problem", "message"}
    assert main(["--db", str(workspace.db.path), "verify"]) == 1
    out = capsys.readouterr().out
    assert "photo.jpg (evidence #" in out and "Problems remain" in out


def test_repair_puts_a_file_back_from_a_copy_set_aside_by_a_crash(workspace, evidence, capsys):
    photo, _ = evidence
    store = workspace.evidence.store
    store.set_aside(photo.sha256, store.aside_path(photo.sha256))  # young: left alone at start
    code, report = verify(capsys, workspace)
    assert code == 1 and report["evidence"]["leftovers"][0]["path"].endswith(".tmp")
    code, report = verify(capsys, workspace, "--repair")
    assert code == 0 and report["evidence"]["problems"] == []
    assert report["repaired"] and "put" in report["repaired"][0]
    assert store.holds(photo.sha256, photo.size) and store.leftovers() == []


def test_orphans_are_listed_and_kept_and_only_old_leftovers_removed(workspace, evidence,
                                                                   tmp_path, capsys):
    workspace.evidence.import_files([image_file(tmp_path, "never attached.png", "PNG")])
    store = workspace.evidence.store
    old, young = store.root / ".incoming.aaaaaaaaaaaa.tmp", store.root / ".incoming.b.tmp"
    old.write_bytes(b"half")
    young.write_bytes(b"being copied")
    then = time.time() - 2 * 86400
    os.utime(old, (then, then))
    for extra in ((), ("--repair",)):
        code, report = verify(capsys, workspace, *extra)
        assert code == 0
        # Opening the workspace (any command, the app) removed the old one; the young one may
        # still be written by an import under way: listed, left alone even by --repair.
        assert not old.exists() and young.exists()
        assert [e["path"] for e in report["evidence"]["leftovers"]] == [str(young)]
        [orphan] = report["evidence"]["orphans"]
        assert orphan["sha256"] not in {e.sha256 for e in evidence}
        assert store.has(orphan["sha256"])


def test_a_broken_index_is_found_by_the_full_check_not_the_quick_one(workspace, evidence,
                                                                      capsys):
    path = str(workspace.db.path)
    workspace.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA writable_schema=ON")
    connection.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX ix_orders_status ON "
                       "orders (order_number)' WHERE name = 'ix_orders_status'")
    connection.commit()
    connection.close()
    code, report = verify(capsys, workspace)
    assert code == 1 and not report["database"]["ok"]
    assert "missing from index ix_orders_status" in report["database"]["problems"][0]
    code, report = verify(capsys, workspace, "--quick")
    assert code == 0 and report["database"]["check"] == "quick_check"


def test_a_database_that_cannot_be_opened_exits_2_in_one_line(tmp_path, capsys):
    bad = tmp_path / "garbage.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert main(["--db", str(bad), "verify"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "garbage.sqlite" in err


@pytest.mark.both_engines
def test_check_data_reads_every_file_on_either_engine(workspace, evidence):
    report = workspace.check_data()
    assert report.ok and report.rows == report.files_checked == 2 and report.orphans == []
    assert report.database.check == ("integrity_check" if workspace.db.is_sqlite else "none")


@pytest.mark.postgresql_only
def test_a_team_member_s_lost_cached_copy_is_fetched_again(workspace, evidence):
    photo, _ = evidence
    workspace.evidence.local_store.path_of(photo.sha256).unlink()
    assert workspace.check_data().ok  # the team's database still has it
    assert workspace.evidence.local_store.has(photo.sha256)
