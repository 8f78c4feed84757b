"""The composition root: the one module that sees every layer. Starts the desktop app."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from ta_desktop.core.domain.errors import TADesktopError
from ta_desktop.core.services.locations import APP_NAME, default_data_dir, shown_target

# isort: split
import ta_desktop.ui.pyside_import  # noqa: F401  (first of PySide6: it reads no module's source)

# isort: split
from PySide6.QtCore import QCoreApplication, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ta_desktop.ui.main_window import MainWindow
from ta_desktop.ui.qt_start import start_problem
from ta_desktop.ui.tasks import TaskRunner
from ta_desktop.ui.theme import apply_theme

if TYPE_CHECKING:
    from ta_desktop.core.services.workspace import Workspace

log = logging.getLogger("ta_desktop")
# What start-up leaves for later is prepared this long after the window shows, off the GUI
# thread, so the first specification opened is as quick as the next.
WARM_UP_AFTER_MS = 500


def _warm_up() -> None:
    def compile_patterns() -> None:
        from ta_desktop.core.domain import speclint  # compiles its patterns as it loads

        speclint.warm_up()

    threading.Thread(target=compile_patterns, name="warm-up", daemon=True).start()


def _log_to(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ta_desktop.log"
    logging.basicConfig(filename=path, level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return path


def _install_excepthook(log_path: Path) -> None:
    """A bug is logged with its traceback and shown as a dialog, instead of killing the app."""

    def hook(kind, value, tb):
        log.error("unexpected error", exc_info=(kind, value, tb))
        if isinstance(value, TADesktopError):
            QMessageBox.warning(None, APP_NAME, str(value))
            return
        text = "".join(traceback.format_exception_only(kind, value)).strip()
        QMessageBox.critical(None, APP_NAME, f"Something went wrong: {text}\n\n"
                             f"The details are in {log_path}. What was saved before is kept; "
                             "Help → Check data… checks it.")

    sys.excepthook = hook


def _open_workspace(target: str | None, window: MainWindow) -> Workspace:
    """On a worker thread while ``window`` shows: the database layer loads with it."""
    from ta_desktop.core.services.connections import PasswordStore
    from ta_desktop.core.services.workspace import Workspace

    return Workspace.open(PasswordStore().complete(target), upgrading=window.upgrading.emit)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ta-desktop-app", description="Start TA Desktop.")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="database file or SQLAlchemy URL (default: your data folder)")
    parser.add_argument("--minimized", action="store_true",
                        help="start in the system tray (as at login), when the tray is on")
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])

    problem = start_problem()
    if problem is not None:  # Qt would abort naming its plugin, not the missing library
        print(f"ta-desktop: error: {problem}", file=sys.stderr)
        return 2
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication([sys.argv[0], *qt_args])
    apply_theme(app)
    log_path = _log_to(default_data_dir())
    _install_excepthook(log_path)
    windows: list[MainWindow] = []

    def show(window: MainWindow) -> MainWindow:
        windows.append(window)
        if not (args.minimized and window.tray.keeps_running()):
            window.show()
        return window

    def wire(window: MainWindow) -> None:
        window.database_chosen.connect(switch)
        window.backup_actions.restored.connect(lambda restored: replace(window, restored))

    def begin(window: MainWindow) -> None:
        """A window's first questions and work on its database."""
        window.offer_demo()
        if not window.workspace.read_only:  # the app that holds the database backs it up
            window.backup_actions.back_up_if_due()  # off the GUI thread; after the demo question

    def replace(old: MainWindow, restored: Workspace) -> None:
        """After a restore every page must read the new database: a new window on it."""
        wire(show(MainWindow(restored)))
        windows.remove(old)
        old.hide()
        old.deleteLater()

    def switch(target: str) -> None:
        """File → Open database…: a new window on the chosen database, this one closed (unless
        it has unsaved edits the user keeps)."""
        from ta_desktop.core.services.workspace import Workspace
        from ta_desktop.ui.database_in_use import settle_database_lock

        try:
            opened = Workspace.open(target)
        except TADesktopError as error:
            QMessageBox.warning(windows[-1], APP_NAME, str(error))
            return
        if not settle_database_lock(opened, windows[-1].messages, windows[-1]):
            opened.close()
            return
        old = windows[-1]
        new = show(MainWindow(opened))
        wire(new)
        if old.close_for_good():
            old.workspace.close()
            windows.remove(old)
            begin(new)
        else:
            new.close()
            windows.remove(new)
            opened.close()

    # The window's frame shows at once; the database opens on a worker meanwhile, and the
    # window is filled when it is open.
    first = show(MainWindow())
    first.show_opening(shown_target(args.db))

    def opened(workspace: Workspace) -> None:
        from ta_desktop.ui.database_in_use import settle_database_lock

        if not settle_database_lock(workspace, first.messages, first):
            workspace.close()
            windows.remove(first)
            first.close_for_good()
            app.exit(0)
            return
        first.attach(workspace)
        wire(first)
        QTimer.singleShot(WARM_UP_AFTER_MS, _warm_up)
        begin(first)

    def not_opened(error: Exception) -> None:
        if isinstance(error, TADesktopError | OSError):
            from ta_desktop.cli.common import describe, error_line  # the command line's words

            QMessageBox.critical(first, APP_NAME, describe(error))
            print(error_line("ta-desktop", describe(error)), file=sys.stderr)
        else:  # a bug: logged with its traceback and said in a dialog, as any other
            sys.excepthook(type(error), error, error.__traceback__)
        windows.remove(first)
        first.close_for_good()
        app.exit(2)

    TaskRunner().run(lambda: _open_workspace(args.db, first), opened, not_opened)
    code = app.exec()
    QThreadPool.globalInstance().waitForDone()  # a database still opening: let it finish
    for window in windows:
        if window.workspace is not None:
            window.workspace.close()
    return code


if __name__ == "__main__":  # how "Start at login" starts it: python -m ta_desktop.app
    sys.exit(main())
