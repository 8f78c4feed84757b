"""Start-up loads only what the first screen needs: the libraries of other features (PDF,
calendar files, images, spreadsheets, migrations, team mode) load with their feature."""

import json
import os
import subprocess
import sys
from pathlib import Path

from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage.db import HEAD_REVISION, head_revision
from tests.factories import make_supplier

ROOT = Path(__file__).resolve().parents[2]
# Each is a tenth of a second or more of start-up, or pulls in such a one.
NOT_AT_START = ("alembic", "mako", "reportlab", "icalendar", "PIL", "pypdfium2", "pypdf",
                "openpyxl", "keyring", "psycopg", "holidays", "sqlalchemy.dialects.postgresql",
                "ta_desktop.core.domain.speclint",
                # pages not shown first: built (and imported) when first shown
                "ta_desktop.ui.orders.orders_page", "ta_desktop.ui.suppliers.suppliers_page")

# The database layer and the domain's engines load after the window's frame shows, while the
# database opens on a worker (a tenth of a second and more each).
NOT_IN_THE_FRAME = ("sqlalchemy", "ta_desktop.core.storage.db",
                    "ta_desktop.core.services.workspace", "ta_desktop.core.domain.deadlines",
                    "ta_desktop.ui.home.home_page")

# The app's own start-up (app.main), reporting what is loaded when the window's frame has been
# shown ("frame": the database is never opened) or when the window has been filled for the
# database ("attached": the window's own background work held back, so no worker races it).
START = """
import json, os, sys
from ta_desktop import app  # first, as the app's entry point does
from PySide6.QtCore import QTimer
from ta_desktop.ui import main_window, tasks

class HeldTasks(tasks.TaskRunner):
    def run(self, func, on_done, on_error=None):
        pass

def report():
    prefixes = json.loads(sys.argv[1])
    loaded = sorted(p for p in prefixes
                    if any(m == p or m.startswith(p + ".") for m in sys.modules))
    import linecache  # sources read by PySide6's import hook stay here
    sources = sorted(name for name in linecache.cache if name.endswith(".py"))
    print(json.dumps({"loaded": loaded, "sources read": sources}), flush=True)
    os._exit(0)  # nothing to tidy: the test only reads what was printed

class Window(main_window.MainWindow):
    def __init__(self, workspace=None, **kw):
        super().__init__(workspace, tasks=HeldTasks(), **kw)

    def showEvent(self, event):
        super().showEvent(event)
        if sys.argv[3] == "frame":
            QTimer.singleShot(0, report)

    def attach(self, workspace):
        super().attach(workspace)
        QTimer.singleShot(0, report)

if sys.argv[3] == "frame":
    app.TaskRunner = HeldTasks
app.MainWindow = Window
sys.exit(app.main(["--db", sys.argv[2]]))
"""


def _start(tmp_path, until: str, prefixes: tuple[str, ...]) -> dict:
    database = tmp_path / "ta.sqlite"
    workspace = Workspace.open(database)  # created (and migrated) here: start-up then needn't
    workspace.suppliers.save(make_supplier())  # not empty: no offer of the demo data
    workspace.close()
    home = tmp_path / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config")}
    done = subprocess.run(
        [sys.executable, "-c", START, json.dumps(prefixes), str(database), until],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_the_window_shows_before_the_database_layer_loads(tmp_path):
    report = _start(tmp_path, "frame", NOT_AT_START + NOT_IN_THE_FRAME)
    assert report["loaded"] == []


def test_filling_the_main_window_loads_no_other_features_library(tmp_path):
    report = _start(tmp_path, "attached", NOT_AT_START)
    assert report["loaded"] == []
    # PySide6's import hook reads no module's source once ui/pyside_import.py has run: the
    # modules the window imports after PySide6 (the UI, SQLAlchemy's dialect) are not held as
    # text; only what PySide6 reads while it loads itself (enum, shiboken6) is.
    read = report["sources read"]
    assert not [name for name in read if "/ta_desktop/" in name or "/sqlalchemy/" in name]
    assert len(read) < 10


def test_the_head_revision_in_code_is_the_newest_migration():
    # Start-up compares a database's revision with the constant, without loading Alembic.
    assert head_revision() == HEAD_REVISION
