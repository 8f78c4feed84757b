"""Backup and restore in team mode: pg_dump's custom format where the client tools are, else
a logical export that `restore` reads; evidence bytes come back too (issue 11, point 7)."""

import json

import pytest

from ta_desktop.cli import main
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage import server_backup
from tests.evidence_files import image_file
from tests.factories import TODAY, make_order, make_supplier

pytestmark = pytest.mark.postgresql_only


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def filled(workspace, tmp_path):
    supplier = workspace.suppliers.save(make_supplier("Kept Co.")).value
    order_id = workspace.orders.save(make_order("TA-KEPT", supplier.id)).value.id
    photo = image_file(tmp_path, "box.jpg")
    workspace.evidence.add_files(order_id, [photo])
    return photo.read_bytes()


@pytest.mark.parametrize("tools", ["pg_dump", "no client tools"])
def test_a_server_backup_restores_everything_with_or_without_pg_dump(
        workspace, db_target, filled, tools, tmp_path, capsys, monkeypatch):
    if tools == "pg_dump" and server_backup.pg_tool("pg_dump") is None:
        pytest.skip("no pg_dump on this computer")
    if tools != "pg_dump":
        monkeypatch.setattr(server_backup, "pg_tool", lambda _name: None)
    out = tmp_path / "team.backup"
    code, printed, _ = run(capsys, "--db", db_target, "backup", "--out", str(out), "--json")
    made = json.loads(printed)
    assert code == 0 and made["format"] == ("pg_dump" if tools == "pg_dump" else "export")
    assert made["counts"] == {"orders": 1, "suppliers": 1, "disputes": 0, "evidence": 1}
    assert out.read_bytes()[:5] == b"PGDMP" if tools == "pg_dump" else \
        out.read_bytes()[:2] == b"\x1f\x8b"

    workspace.orders.delete(workspace.orders.rows()[0].id)
    workspace.suppliers.save(make_supplier("Added after the backup"))
    code, _, err = run(capsys, "--db", db_target, "restore", str(out))
    assert code == 2 and "Add --force" in err
    code, printed, _ = run(capsys, "--db", db_target, "restore", str(out), "--force")
    assert code == 0 and "Restored the server database" in printed
    assert "What it held before is backed up in" in printed

    member = Workspace.open(db_target, today=lambda: TODAY, data_dir=tmp_path / "fresh")
    try:
        assert [r.name for r in member.suppliers.rows()] == ["Kept Co."]
        [row] = member.orders.rows()
        [item] = member.evidence.items(row.id)
        assert member.evidence.path_of(item).read_bytes() == filled
        member.suppliers.save(make_supplier("New after restore"))  # ids go on from there
        assert member.suppliers.count() == 2
    finally:
        member.close()


def test_a_file_that_is_no_backup_changes_nothing(workspace, db_target, filled, tmp_path,
                                                  capsys):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a backup")
    code, _, err = run(capsys, "--db", db_target, "restore", str(bogus), "--force")
    assert code == 2 and "neither a pg_dump custom-format file nor" in err
    assert workspace.suppliers.count() == 1
