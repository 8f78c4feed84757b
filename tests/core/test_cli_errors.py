"""One error mapping for every command: exit 2 and one line on stderr, never a traceback."""

import os

import pytest

from ta_desktop.cli import main
from tests.evidence_files import image_file
from tests.factories import make_order, make_supplier


@pytest.fixture
def db(workspace):
    supplier = workspace.suppliers.save(make_supplier("Ningbo Cups Co.")).value
    workspace.orders.save(make_order("TA-1", supplier.id))
    return str(workspace.db.path)


def fails_with_one_line(capsys, argv, *words):
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("ta-desktop: error: ")
    assert "Traceback" not in captured.err
    for word in words:
        assert word in captured.err
    return captured.err


def test_a_summary_onto_a_folder_is_refused(db, tmp_path, capsys):
    fails_with_one_line(capsys, ["--db", db, "summary", "TA-1", "--out", str(tmp_path)],
                        "is a folder")


def test_a_summary_under_a_file_is_a_system_error_said_in_one_line(db, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("x")
    out = tmp_path / "notes.txt" / "sub" / "s.pdf"
    fails_with_one_line(capsys, ["--db", db, "summary", "TA-1", "--out", str(out)], "notes.txt")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_a_calendar_onto_a_device_is_refused(db, capsys):
    fails_with_one_line(capsys, ["--db", db, "deadlines", "--ics", "/dev/null"],
                        "not a regular file")


def test_a_database_that_is_a_folder_is_refused(tmp_path, capsys):
    fails_with_one_line(capsys, ["--db", str(tmp_path), "orders", "--json"], "is a folder")


def test_fitted_evidence_into_a_file_is_refused(tmp_path, capsys):
    photo = image_file(tmp_path, "photo.jpg")
    (tmp_path / "out.txt").write_text("x")
    for extra in ([], ["--dry-run"]):
        fails_with_one_line(capsys, ["fit-evidence", str(photo), "--out",
                                     str(tmp_path / "out.txt"), *extra], "not a folder")


def test_a_specification_that_is_a_folder_cannot_be_read(tmp_path, capsys):
    fails_with_one_line(capsys, ["lint-spec", str(tmp_path)], "is a folder, not a regular file")
