"""Backups hold the database and its evidence in one verified file; a restore gives back the
same records and bytes, or refuses and touches nothing."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ta_desktop.cli import main
from ta_desktop.core.domain.backups import BackupPolicy
from ta_desktop.core.domain.errors import NotAllowed, StorageError
from ta_desktop.core.services import backup as backup_module
from ta_desktop.core.services.backup import restore
from ta_desktop.core.services.demo import DEMO_ORDER_COUNT, load_demo
from ta_desktop.core.services.workspace import Workspace, locate
from ta_desktop.core.storage import backup_archive
from ta_desktop.core.storage.db import head_revision
from tests.core.database_files import folder_snapshot, make_database_at, stamp_newer
from tests.evidence_files import image_bytes, image_file, pdf_file, write
from tests.factories import TODAY


@pytest.fixture
def filled(workspace, tmp_path):
    """The demo data with evidence: two photos and a PDF on one order, one photo trashed."""
    load_demo(workspace)
    order = workspace.orders.rows()[0]
    folder = tmp_path / "originals"
    folder.mkdir()
    files = [image_file(folder, "front.jpg"), image_file(folder, "side.png", fmt="PNG"),
             pdf_file(folder, "report.pdf")]
    items = workspace.evidence.add_files(order.id, files).value
    workspace.evidence.trash(items[1].id)
    return workspace


def everything(ws: Workspace) -> dict:
    """What a user sees: orders, suppliers, disputes and evidence with its bytes."""
    orders = ws.orders.rows()
    evidence = {}
    for row in orders:
        for item in ws.evidence.items(row.id) + ws.evidence.trashed(row.id):
            evidence[(row.order_number, item.original_name, item.trashed_at)] = \
                ws.evidence.path_of(item).read_bytes()
    return {
        "orders": [(r.order_number, r.status, r.total, r.supplier_name) for r in orders],
        "order_details": [ws.orders.get(r.id) for r in orders],
        "suppliers": [ws.suppliers.get(r.id) for r in ws.suppliers.rows()],
        "disputes": {r.order_number: ws.disputes.get(r.id) for r in orders},
        "evidence": evidence,
    }


def open_target(path: Path) -> Workspace:
    return Workspace.open(path, today=lambda: TODAY)


def test_backup_then_restore_into_a_new_file_gives_the_same_records_and_evidence_bytes(
        filled, tmp_path):
    out = tmp_path / "saved" / "backup.zip"
    out.parent.mkdir()
    info = filled.backups.back_up(out)
    assert info.path == out and info.manifest.counts["evidence"] == 3
    assert any(filled.disputes.get(r.id) for r in filled.orders.rows())

    target = tmp_path / "elsewhere" / "restored.sqlite"
    target.parent.mkdir()
    result = restore(out, target, locate(target)[1])
    assert result.safety_copy is None and result.evidence_written == 3

    restored = open_target(target)
    try:
        assert everything(restored) == everything(filled)
        assert restored.data_dir != filled.data_dir
    finally:
        restored.close()


def test_a_backup_holds_a_manifest_with_every_file_its_size_and_sha256(filled, tmp_path):
    info = filled.backups.back_up(tmp_path / "b.zip")
    with zipfile.ZipFile(info.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = set(archive.namelist())
    assert manifest["app_version"] and manifest["schema_revision"] == head_revision()
    assert manifest["counts"] == {"orders": DEMO_ORDER_COUNT, "suppliers": 9, "disputes": 4,
                                  "evidence": 3}
    assert datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    assert {f["path"] for f in manifest["files"]} | {"manifest.json"} == names
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in manifest["files"])


@pytest.mark.parametrize("where", [0, 0.3, 0.5, 0.9, -30, -1])
def test_a_backup_with_one_flipped_byte_is_refused_with_one_line_and_nothing_is_touched(
        filled, tmp_path, capsys, where):
    good = filled.backups.back_up(tmp_path / "good.zip").path
    data = bytearray(good.read_bytes())
    index = int(len(data) * where) if isinstance(where, float) else where % len(data)
    data[index] ^= 0x01
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))

    db_path = filled.db.path
    filled.close()
    before = {"db": folder_snapshot(db_path.parent), "files": sorted(
        p.relative_to(filled.data_dir) for p in filled.data_dir.rglob("*"))}
    for target in (db_path, tmp_path / "new.sqlite"):
        assert main(["--db", str(target), "restore", str(bad), "--force"]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "cannot be used" in err
        assert "Traceback" not in err
    assert not (tmp_path / "new.sqlite").exists()
    assert before == {"db": folder_snapshot(db_path.parent), "files": sorted(
        p.relative_to(filled.data_dir) for p in filled.data_dir.rglob("*"))}


def test_a_backup_that_does_not_verify_is_never_published(filled, tmp_path, monkeypatch):
    real_check = backup_archive._check_member

    def read_back_wrong(archive, entry, copy_to, shown_as):
        real_check(archive, dataclasses.replace(entry, sha256="0" * 64), copy_to, shown_as)

    monkeypatch.setattr(backup_archive, "_check_member", read_back_wrong)
    with pytest.raises(StorageError, match="does not match its manifest"):
        filled.backups.back_up(tmp_path / "b.zip")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".zip")) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_target_holding_data_is_refused_unless_forced_and_then_backed_up_first(
        filled, tmp_path):
    out = filled.backups.back_up(tmp_path / "b.zip").path
    other = open_target(tmp_path / "other.sqlite")
    load_demo(other)
    folder = tmp_path / "o"
    folder.mkdir()
    photo = write(folder, "other.png", image_bytes("PNG", (64, 48)))
    [extra] = other.evidence.add_files(other.orders.rows()[3].id, [photo]).value
    extra_blob = other.evidence.path_of(extra)
    target, data_dir = other.db.path, other.data_dir
    other.close()
    before = target.read_bytes()

    with pytest.raises(NotAllowed, match="already holds data and evidence files"):
        restore(out, target, data_dir)
    assert target.read_bytes() == before and extra_blob.exists()

    result = restore(out, target, data_dir, force=True)
    assert result.safety_copy.parent == data_dir / "backups"
    assert "before-restore" in result.safety_copy.name
    assert result.evidence_removed == 1 and not extra_blob.exists()  # in the safety copy
    with zipfile.ZipFile(result.safety_copy) as archive:
        assert f"evidence/{extra.sha256[:2]}/{extra.sha256}" in archive.namelist()

    restored = open_target(target)
    try:
        assert everything(restored) == everything(filled)
        blobs = {p.name for p in (data_dir / "evidence").rglob("*") if p.is_file()}
        used = {i.sha256 for r in restored.orders.rows()
                for i in restored.evidence.items(r.id) + restored.evidence.trashed(r.id)}
        assert blobs == used  # evidence rows and files agree
    finally:
        restored.close()

    # ...and the safety copy gives back what was replaced, the extra file included.
    again = restore(result.safety_copy, target, data_dir, force=True)
    assert again.evidence_written == 1 and extra_blob.read_bytes()


def test_a_database_open_elsewhere_is_not_replaced(filled, tmp_path):
    out = filled.backups.back_up(tmp_path / "b.zip").path
    with pytest.raises(StorageError, match="is open in TA Desktop or another program"):
        restore(out, filled.db.path, filled.data_dir, force=True)
    assert filled.orders.count() == DEMO_ORDER_COUNT


def test_a_backup_of_a_newer_app_is_refused(tmp_path):
    newer = tmp_path / "newer.sqlite"
    stamp_newer(newer, "0099")
    out = tmp_path / "newer.zip"
    backup_archive.write_backup(newer, backup_module.BlobStore(tmp_path / "none"), out,
                                label="manual", app_version="9.0", created=datetime.now())
    with pytest.raises(StorageError, match=r"newer TA Desktop \(revision 0099\)"):
        restore(out, tmp_path / "target.sqlite", tmp_path / "target-files")
    assert not (tmp_path / "target.sqlite").exists()


def test_restoring_into_a_zero_byte_file_needs_no_force(filled, tmp_path):
    out = filled.backups.back_up(tmp_path / "b.zip").path
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    restore(out, empty, locate(empty)[1])
    restored = open_target(empty)
    assert restored.orders.count() == DEMO_ORDER_COUNT
    restored.close()


def test_a_file_that_is_not_a_database_is_kept_aside_when_forced(filled, tmp_path):
    out = filled.backups.back_up(tmp_path / "b.zip").path
    odd = tmp_path / "odd.sqlite"
    odd.write_bytes(b"my notes, not a database")
    data_dir = locate(odd)[1]
    with pytest.raises(NotAllowed, match="a file TA Desktop cannot open"):
        restore(out, odd, data_dir)
    result = restore(out, odd, data_dir, force=True)
    assert result.safety_copy.read_bytes() == b"my notes, not a database"
    restored_orders = sqlite3.connect(odd).execute("SELECT count(*) FROM orders").fetchone()
    assert restored_orders == (DEMO_ORDER_COUNT,)


def test_backups_into_the_folder_in_one_millisecond_get_two_names(filled):
    moment = datetime(2026, 11, 25, 9, 0, 0, 500000)
    first = backup_module.back_up_into_folder(filled.db.path, filled.data_dir, "manual",
                                              lambda: moment)
    second = backup_module.back_up_into_folder(filled.db.path, filled.data_dir, "manual",
                                               lambda: moment)
    assert first.path != second.path
    assert [p.name for p in sorted(filled.backups.folder.iterdir())] == [
        "ta-desktop-backup-20261125-090000-500-manual.zip",
        "ta-desktop-backup-20261125-090000-501-manual.zip"]


def test_the_start_up_backup_is_made_once_a_day_and_rotated(filled):
    clock = [datetime(2026, 11, 1, 8, 0)]
    service = backup_module.BackupService(filled.db, filled.data_dir, filled.settings,
                                          now=lambda: clock[0])
    service.set_policy(BackupPolicy(keep_daily=2, keep_weekly=0, keep_monthly=0))
    made = []
    for _day in range(4):
        made.append(service.back_up_if_due())
        assert service.back_up_if_due() is None  # not again the same day
        clock[0] += timedelta(days=1)
    assert all(made)
    assert [i.path for i in service.list()] == [made[3].path, made[2].path]
    service.set_policy(BackupPolicy(every_hours=0))
    clock[0] += timedelta(days=10)
    assert service.back_up_if_due() is None


def test_an_upgrade_makes_a_full_verified_backup_first(tmp_path):
    path = make_database_at(tmp_path / "old.sqlite", "0001")
    ws = open_target(path)
    try:
        [info] = ws.backups.list()
        assert info.manifest.label == "before-upgrade"
        assert info.manifest.schema_revision == "0001"
        assert info.manifest.counts["suppliers"] == 2 and info.manifest.counts["evidence"] == 0
        assert ws.db.current_revision() == head_revision()
    finally:
        ws.close()


def test_a_blob_missing_from_the_store_is_named_in_the_manifest_and_the_restore(
        filled, tmp_path, capsys):
    item = filled.evidence.items(filled.orders.rows()[0].id)[0]
    filled.evidence.path_of(item).unlink()
    out = tmp_path / "b.zip"
    assert main(["--db", str(filled.db.path), "backup", "--out", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["missing_evidence"] == [item.sha256]
    assert "warning: 1 evidence file(s)" in captured.err
    result = restore(out, tmp_path / "r.sqlite", tmp_path / "r-files")
    assert result.evidence_lacking == (item.sha256,)


def test_the_command_line_backs_up_lists_and_restores(filled, tmp_path, capsys):
    db = str(filled.db.path)
    assert main(["--db", db, "backup"]) == 0
    assert "verified" in capsys.readouterr().out
    assert main(["--db", db, "backups", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert set(listed) == {"path", "size", "created_at", "label", "app_version",
                           "schema_revision", "counts", "files", "content_size",
                           "missing_evidence", "damaged_evidence", "problem"}
    assert listed["counts"]["orders"] == DEMO_ORDER_COUNT and listed["problem"] is None

    target = str(tmp_path / "copy.sqlite")
    assert main(["--db", target, "restore", listed["path"], "--json"]) == 0
    restored = json.loads(capsys.readouterr().out)
    assert restored["database"] == target and restored["evidence_written"] == 3
    assert main(["--db", target, "restore", listed["path"]]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--force" in err
    assert main(["--db", target, "restore", str(tmp_path / "nope.zip")]) == 2
    assert "no such backup file" in capsys.readouterr().err
    assert main(["--db", db, "backup", "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_a_damaged_backup_in_the_folder_is_listed_as_such(filled, capsys):
    info = filled.backups.back_up()
    info.path.write_bytes(b"PK" + bytes(100))
    assert main(["--db", str(filled.db.path), "backups", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["problem"] and listed["counts"] is None


def test_the_backup_policy_is_kept_with_the_data_and_checked(tmp_path, capsys):
    db = str(tmp_path / "p.sqlite")
    assert main(["--db", db, "backup-policy", "--keep-daily", "3", "--every-hours", "0",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "keep_daily": 3, "keep_weekly": 4, "keep_monthly": 12, "every_hours": 0}
    assert main(["--db", db, "backup-policy"]) == 0
    assert "last 3 day(s)" in capsys.readouterr().out
    assert main(["--db", db, "backup-policy", "--keep-weekly", "-1"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "keep_weekly" in err
