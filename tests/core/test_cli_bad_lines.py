"""The table of bad command lines: every command, given bad dates, numbers out of range,
missing files, folders where files belong, names too long, unknown URL schemes, missing
drivers, a newer, corrupt or foreign database, or a full disk, exits 2 with exactly one line
on standard error, nothing on standard output, and never a traceback.

Most lines run in this process through ``ta_desktop.cli.main`` (fast); a full disk is a failure
injected at the OS boundary (``os.fsync``/``os.replace`` raising ENOSPC, SQLite's page limit),
and a few lines run as real processes, one of them under a small file-size limit.
"""

from __future__ import annotations

import argparse
import errno
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import event
from sqlalchemy.engine import Engine

from ta_desktop.cli import main
from tests.evidence_files import image_file
from tests.factories import make_order, make_supplier

REPO = Path(__file__).resolve().parents[2]  # the code under test, for the processes started
LONG = "n" * 300  # longer than any file name a file system takes (255 bytes)


@pytest.fixture
def place(tmp_path, workspace):
    """Everything the bad lines point at, as ``{name}`` fields for the table."""
    supplier = workspace.suppliers.save(make_supplier()).value
    workspace.orders.save(make_order("TA-1", supplier_id=supplier.id))
    db = workspace.db.path
    workspace.close()
    (tmp_path / "notes.txt").write_text("not a folder")
    newer = shutil.copy(db, tmp_path / "newer.sqlite")
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    connection.close()
    (tmp_path / "corrupt.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    (tmp_path / "truncated.sqlite").write_bytes(db.read_bytes()[:8192])
    with sqlite3.connect(tmp_path / "foreign.sqlite") as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    connection.close()
    (tmp_path / "latin1.txt").write_bytes("Spécification".encode("latin-1"))
    fifo = tmp_path / "pipe.jpg"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    return {"db": str(db), "tmp": str(tmp_path), "photo": str(image_file(tmp_path, "a.jpg")),
            "file": str(tmp_path / "notes.txt"), "long": str(tmp_path / LONG),
            "newer": str(newer), "fifo": str(fifo)}


def line(*argv: str, why: str, needs: str = "", marks=()):
    return pytest.param(list(argv), why, needs, id=f"{argv[0] if argv[0] != '--db' else argv[2]}"
                        f": {why}", marks=marks)


ON_DB = ("--db", "{db}")
BAD_LINES = [
    # --- dates ------------------------------------------------------------------------------
    line("dispute-clock", "--opened", "9999-12-31", why="a date past the calendar's end"),
    line("dispute-clock", "--opened", "0001-01-01", why="a date before any order"),
    line("dispute-clock", "--opened", "2026-02-30", why="a day that does not exist"),
    line("dispute-clock", "--opened", "yesterday", why="not a date"),
    line("dispute-clock", "--opened", "2026-11-01", "--escalated", "2026-13-01",
         why="a month that does not exist"),
    line("dispute-clock", "--opened", "2026-11-01", "--today", "9999-12-31",
         why="today out of range"),
    line("dispute-clock", "--opened", "2026-11-01", "--proposal", "2026-11-03",
         why="a proposal without who made it"),
    line("dispute-clock", "--opened", "2026-11-01", "--proposal", "2026-11-03", "--by",
         "platform", why="a party that makes no proposals"),
    line("dispute-clock", "--opened", "2026-11-01", "--escalated", "2026-11-02",
         why="escalated before the rules allow"),
    line("dispute-clock", why="the opening day missing"),
    line("dispute-clock", "--opened", "2026-11-01", "--today", "2026-10-31",
         why="today before the opening day"),
    line("dispute-clock", "--opened", "2026-11-01", "--today", "1999-01-01",
         why="today long before the opening day"),
    line("dispute-clock", "--opened", "2026-11-01", "--proposal", "2026-12-05", "--by",
         "supplier", why="a proposal after the automatic escalation"),
    line("dispute-clock", "--opened", "2026-11-01", "--escalated", "2026-11-10",
         "--proposal", "2026-11-12", "--by", "buyer", why="a proposal after the escalation"),
    line("dispute-clock", "--opened", "2026-11-01", "--proposal", "2026-10-30", "--by",
         "supplier", why="a proposal before the opening day"),
    # --- numbers out of range -------------------------------------------------------------------
    line("aql", "--lot", "0", why="an empty lot"),
    line("aql", "--lot", "-5", why="a negative lot"),
    line("aql", "--lot", "99999999999999999999999", why="a lot beyond any quantity"),
    line("aql", "--lot", "1e400", why="a lot written as a float"),
    line("aql", "--lot", "500", "--major", "0.3", why="an AQL not in the table"),
    line("aql", "--lot", "500", "--minor", "nan", why="an AQL that is not a number"),
    # --- missing files, folders where files belong, names too long, endless inputs -------------
    line("check-evidence", "{tmp}/gone.jpg", why="a missing file"),
    line("check-evidence", "{tmp}", why="a folder given as a file"),
    line("check-evidence", "{long}.jpg", why="a name too long"),
    line("check-evidence", "{fifo}", why="a named pipe", needs="fifo"),
    line("check-evidence", "/dev/zero", why="an endless device", needs="/dev/zero"),
    line("fit-evidence", "{tmp}/gone.jpg", "--out", "{tmp}/up", why="a missing file"),
    line("fit-evidence", "{photo}", "--out", "{file}", why="a file where the folder goes"),
    line("fit-evidence", "{photo}", "--out", "{tmp}/missing/up", why="a missing parent folder"),
    line("fit-evidence", "{photo}", "--out", "{long}", why="a folder name too long"),
    line("fit-evidence", "{photo}", "--out", "{file}/up", "--dry-run",
         why="a folder under a file"),
    line("lint-spec", "{tmp}/nope.txt", why="a missing file"),
    line("lint-spec", "{tmp}", why="a folder given as a file"),
    line("lint-spec", "{long}.txt", why="a name too long"),
    line("lint-spec", "{tmp}/latin1.txt", why="not UTF-8 text"),
    line("lint-spec", "/dev/zero", why="an endless device", needs="/dev/zero"),
    line("lint-spec", "{fifo}", why="a named pipe", needs="fifo"),
    line(*ON_DB, "orders", "--limit", "0", why="a limit of no rows"),
    line(*ON_DB, "orders", "--limit", "-3", why="a negative limit"),
    line(*ON_DB, "orders", "--limit", "ten", why="a limit that is not a number"),
    line(*ON_DB, "orders", "--limit", "1e400", why="a limit written as a float"),
    line(*ON_DB, "orders", "--limit", "99999999999999999999999", why="a limit beyond any list"),
    line(*ON_DB, "orders", "--status", "shipped", why="an unknown status"),
    line(*ON_DB, "orders", "--search", why="a search without its text"),
    line(*ON_DB, "deadlines", "--within", "-1", why="a negative number of days"),
    line(*ON_DB, "deadlines", "--within", "2.5", why="days that are not whole"),
    line(*ON_DB, "deadlines", "--within", "99999999", why="days beyond a century"),
    line(*ON_DB, "deadlines", "--limit", "0", why="a limit of no deadlines"),
    line(*ON_DB, "deadlines", "--limit", "many", why="a limit that is not a number"),
    line("--db", "{newer}", "rebuild-deadlines", why="a database of a newer version"),
    line("--db", "{tmp}/corrupt.sqlite", "rebuild-deadlines", why="a corrupt database"),
    # --- outputs: one rule for every command (and see OUTPUTS below) ---------------------------
    line(*ON_DB, "summary", "TA-1", "--out", "{file}/s.pdf", why="a PDF under a file"),
    line(*ON_DB, "summary", "TA-404", "--out", "{tmp}/s.pdf", why="an unknown order"),
    line(*ON_DB, "summary", "TA-1", "--out", "{tmp}/s.pdf", "--paper", "a3",
         why="an unknown paper size"),
    # --- databases ----------------------------------------------------------------------------
    line("--db", "{tmp}", "orders", why="a folder as the database"),
    line("--db", "{tmp}/missing/ta.sqlite", "suppliers", why="a missing folder"),
    line("--db", "{file}/ta.sqlite", "orders", why="a database under a file"),
    line("--db", "{long}.sqlite", "deadlines", why="a name too long"),
    line("--db", "foo://x/y", "orders", why="an unknown URL scheme"),
    line("--db", "postgresql+nonexistentdriver://x/y", "suppliers", why="an unknown driver"),
    line("--db", "mysql://u:secret@localhost/ta", "deadlines", why="a driver not installed",
         needs="no MySQLdb"),
    line("--db", "sqlite:///{tmp}/missing/x.sqlite", "orders", why="a URL to a missing folder"),
    line("--db", "{newer}", "orders", why="a database of a newer version"),
    line("--db", "{newer}", "summary", "TA-1", "--out", "{tmp}/s.pdf",
         why="a newer database, for a write"),
    line("--db", "{tmp}/corrupt.sqlite", "suppliers", why="garbage behind a SQLite header"),
    line("--db", "{tmp}/corrupt.sqlite", "verify", why="verify cannot open a corrupt file"),
    line("--db", "{tmp}/truncated.sqlite", "orders", why="a truncated database"),
    line("--db", "{tmp}/foreign.sqlite", "demo", why="another program's database"),
    # --- backups ------------------------------------------------------------------------------
    line("--db", "{newer}", "backup", why="a newer database"),
    line("--db", "{tmp}/corrupt.sqlite", "backup", why="a corrupt database"),
    line(*ON_DB, "restore", "{tmp}/gone.zip", why="a missing backup"),
    line(*ON_DB, "restore", "{tmp}", why="a folder as the backup"),
    line(*ON_DB, "restore", "{file}", "--force", why="a text file as the backup"),
    line(*ON_DB, "restore", "{photo}", "--force", why="a photo as the backup"),
    line(*ON_DB, "restore", "{long}.zip", why="a backup name too long"),
    line("--db", "foo://x/y", "restore", "{photo}", why="an unknown URL scheme"),
    line("--db", "foo://x/y", "backups", why="an unknown URL scheme, listing"),
    line(*ON_DB, "backup-policy", "--keep-daily", "-1", why="a negative count"),
    line(*ON_DB, "backup-policy", "--every-hours", "often", why="not a number"),
    line(*ON_DB, "backup-policy", "--keep-weekly", "99999999999999999999",
         why="a count out of range"),
    line(*ON_DB, "backup-policy", "--every-hours", "10000000000000",
         why="an interval past the calendar"),
    # --- import and export ------------------------------------------------------------------------
    line(*ON_DB, "import", "orders", "{tmp}/gone.csv", why="a missing file"),
    line(*ON_DB, "import", "suppliers", "{tmp}", why="a folder given as a file"),
    line(*ON_DB, "import", "orders", "{long}.csv", why="a name too long"),
    line(*ON_DB, "import", "orders", "{photo}", why="a photo as a table"),
    line(*ON_DB, "import", "orders", "{fifo}", why="a named pipe", needs="fifo"),
    line(*ON_DB, "import", "suppliers", "/dev/zero", why="an endless device",
         needs="/dev/zero"),
    line(*ON_DB, "import", "invoices", "{tmp}/a.csv", why="an unknown kind of record"),
    line("--db", "{newer}", "import", "orders", "{photo}", why="a newer database"),
    line(*ON_DB, "export", "orders", "--out", "{file}", why="neither CSV nor XLSX"),
    line(*ON_DB, "export", "orders", "--out", "{file}/o.csv", why="a table under a file"),
    line("--db", "foo://x/y", "export", "orders", "--out", "{tmp}/o.csv",
         why="an unknown URL scheme"),
    # --- the rule profile's versions ----------------------------------------------------------
    line(*ON_DB, "rules", "import", "{tmp}/gone.json", why="a missing profile file"),
    line(*ON_DB, "rules", "import", "{photo}", why="a photo as a profile"),
    line(*ON_DB, "rules", "import", "{fifo}", why="a named pipe as a profile", needs="fifo"),
    line(*ON_DB, "rules", "import", "/dev/zero", why="an endless device as a profile",
         needs="/dev/zero"),
    line(*ON_DB, "rules", "export", "{tmp}/p.json", "--version", "7",
         why="a version that does not exist"),
    line(*ON_DB, "rules", "apply", "TA-404", why="an unknown order"),
    line(*ON_DB, "rules", "apply", "TA-1", "--version", "two", why="a version not a number"),
    line(*ON_DB, "rules", why="no action"),
    # --- usage -----------------------------------------------------------------------------------
    line("no-such-command", why="an unknown command"),
    line("orders", "--bogus", why="an unknown option"),
    line(*ON_DB, "verify", "--json", "--nope", why="an unknown verify option"),
]
# Every command that writes one file, given the same four wrong places.
OUTPUTS = {
    "the PDF": (*ON_DB, "summary", "TA-1", "--out"),
    "the calendar": (*ON_DB, "deadlines", "--ics"),
    "the backup": (*ON_DB, "backup", "--out"),
    "the table": (*ON_DB, "export", "suppliers", "--out"),
    "the profile": (*ON_DB, "rules", "export"),
}
for what, command in OUTPUTS.items():
    BAD_LINES += [
        line(*command, "{tmp}", why=f"a folder as {what}"),
        line(*command, "{tmp}/missing/out", why=f"a missing folder for {what}"),
        line(*command, "/dev/null", why=f"a device as {what}", needs="/dev/null"),
        line(*command, "{long}", why=f"a name too long for {what}"),
    ]


def skipped(needs: str) -> str | None:
    if needs == "fifo" and not hasattr(os, "mkfifo"):
        return "no named pipes here"
    if needs.startswith("/dev/") and not os.path.exists(needs):
        return f"no {needs} here"
    if needs == "no MySQLdb" and importlib.util.find_spec("MySQLdb") is not None:
        return "the MySQL driver is installed here"
    return None


def fails_in_one_line(capsys, argv: list[str]) -> str:
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's usage errors end the process, as they should
        code = exit_.code
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert captured.err.count("\n") == 1 and captured.err.startswith("ta-desktop"), captured.err
    assert (code, captured.out) == (2, "")
    return captured.err


@pytest.mark.parametrize(("argv", "why", "needs"), BAD_LINES)
def test_a_bad_command_line_is_one_line_and_exit_2(place, capsys, argv, why, needs):
    if reason := skipped(needs):
        pytest.skip(reason)
    fails_in_one_line(capsys, [arg.format(**place) for arg in argv])


def test_the_table_walks_at_least_40_lines_and_every_command():
    from ta_desktop.cli import build_parser

    [commands] = [action.choices for action in build_parser()._actions
                  if isinstance(action, argparse._SubParsersAction)]
    walked = {arg for param in BAD_LINES for arg in param.values[0] if arg in commands}
    assert len(BAD_LINES) >= 40
    assert walked == set(commands), "add bad lines for the new command(s) to BAD_LINES"


# --- a full disk ---------------------------------------------------------------------------------


def no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize(("argv", "name"), [
    ([*ON_DB, "summary", "TA-1", "--out", "{tmp}/s.pdf"], "s.pdf"),
    ([*ON_DB, "deadlines", "--ics", "{tmp}/d.ics"], "d.ics"),
    (["fit-evidence", "{photo}", "--out", "{tmp}/upload"], "upload"),
    ([*ON_DB, "backup", "--out", "{tmp}/b.zip"], "b.zip"),
])
@pytest.mark.parametrize("call", ["fsync", "replace"])
def test_a_full_disk_while_writing_names_the_file(place, capsys, monkeypatch, argv, name, call):
    monkeypatch.setattr(os, call, no_space)
    err = fails_in_one_line(capsys, [arg.format(**place) for arg in argv])
    assert "No space left on device" in err and name in err
    assert not any(p.name.startswith(".") for p in Path(place["tmp"]).iterdir())


def test_a_full_database_is_one_line(place, capsys):
    def small_disk(dbapi_connection, _record):
        # SQLite's own "disk full" as soon as the file would grow (it cannot shrink below its
        # size, so 1 means: no page more than it has now).
        dbapi_connection.execute("PRAGMA max_page_count = 1")

    event.listen(Engine, "connect", small_disk)
    try:
        err = fails_in_one_line(capsys, ["--db", place["db"], "demo"])
    finally:
        event.remove(Engine, "connect", small_disk)
    assert "full" in err


# --- real processes ------------------------------------------------------------------------------


def run(*argv: str, limit: int | None = None) -> subprocess.CompletedProcess:
    def small_files():  # a file system that holds no file larger than ``limit`` bytes
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "ta_desktop", *argv], capture_output=True, text=True, timeout=120,
        check=False, env={**os.environ, "PYTHONPATH": str(REPO)},
        preexec_fn=small_files if limit else None)


def assert_one_line(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.returncode == 2, done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("argv", [
    ["--db", "{newer}", "orders", "--json"],
    ["--db", "postgresql+nonexistentdriver://x/y", "orders"],
    ["dispute-clock", "--opened", "9999-12-31", "--json"],
    ["--db", "{tmp}/corrupt.sqlite", "verify", "--json"],
])
def test_as_a_real_process_too(place, argv):
    assert_one_line(run(*(arg.format(**place) for arg in argv)))


@pytest.mark.skipif(os.name != "posix", reason="file size limits are POSIX")
@pytest.mark.parametrize("argv", [
    ["--db", "{db}", "demo"],  # the database's journal fills up
    ["--db", "{tmp}/new.sqlite", "orders"],  # creating a new database
    ["fit-evidence", "{tmp}/noise.jpg", "--out", "{tmp}/upload"],  # a copy that does not fit
])
def test_a_small_file_system_is_one_line(place, argv):
    # No file may grow past 64 KB: as a disk that fills up, with the system's own errors.
    noise = Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))
    noise.save(Path(place["tmp"]) / "noise.jpg", quality=95)  # about 200 KB
    done = run(*(arg.format(**place) for arg in argv), limit=64_000)
    assert_one_line(done)
    assert any(word in done.stderr for word in ("full", "large", "I/O")), done.stderr
