"""The app's start as a user meets it: the window shows first, then the database opens; a
database that cannot be opened is said in one sentence (a dialog and one line on stderr), and
the app ends with exit code 2."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

START = """
import json, sys
from ta_desktop import app
from PySide6.QtWidgets import QMessageBox

said, shown = [], []

def critical(parent, title, text, *args):
    said.append(text)
    shown.append(parent is not None and parent.isVisible())
    return QMessageBox.StandardButton.Ok

QMessageBox.critical = staticmethod(critical)
code = app.main(["--db", sys.argv[1]])
print(json.dumps({"code": code, "said": said, "over the window": shown}), flush=True)
"""


def _start(tmp_path: Path, database: Path, script: str = START) -> tuple[dict, str]:
    """The app started on ``database`` by ``script``: what it printed last, and its stderr."""
    home = tmp_path / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config")}
    done = subprocess.run([sys.executable, "-c", script, str(database)], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=300)
    return json.loads(done.stdout.splitlines()[-1]), done.stderr


def test_a_file_that_is_not_a_database_is_said_over_the_window_and_exits_2(tmp_path):
    database = tmp_path / "photo.sqlite"
    database.write_bytes(b"\xff\xd8\xff\xe0 not a database at all" * 100)
    report, stderr = _start(tmp_path, database)
    assert report["code"] == 2
    assert len(report["said"]) == 1 and report["over the window"] == [True]
    errors = [line for line in stderr.splitlines() if line.startswith("ta-desktop: error: ")]
    assert errors == [f"ta-desktop: error: {' '.join(report['said'][0].split())}"]
    assert "Traceback" not in stderr
    assert database.read_bytes().startswith(b"\xff\xd8\xff\xe0 not a database")  # untouched


UPGRADE = """
import json, os, sys
from ta_desktop import app

class Window(app.MainWindow):
    def attach(self, workspace):
        print(json.dumps({"before the window was filled": self.opening.text()}), flush=True)
        os._exit(0)

app.MainWindow = Window
app.main(["--db", sys.argv[1]])
"""


def test_an_old_database_says_it_is_being_upgraded_while_the_window_waits(tmp_path):
    from tests.core.database_files import make_database_at, revision_of

    database = make_database_at(tmp_path / "old.sqlite", "0001")
    report, _stderr = _start(tmp_path, database, UPGRADE)
    said = report["before the window was filled"]
    assert said.startswith(f"Upgrading {database} for this version of TA Desktop: a backup")
    assert revision_of(database) != "0001"
