"""UI fixtures: scripted dialogs, a synchronous task runner and the change hub over the test
workspace, to build the one page a test needs; the main window for the tests of its wiring."""

import pytest

from ta_desktop.ui.main_window import MainWindow
from ta_desktop.ui.messages import ScriptedMessages
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.tasks import SyncTaskRunner


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    """QSettings (window geometry, theme, reminders...) go to tmp_path, never the user's."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QCoreApplication.setOrganizationName("TA Desktop tests")
    QCoreApplication.setApplicationName("TA Desktop tests")


@pytest.fixture
def messages():
    return ScriptedMessages()


@pytest.fixture
def tasks():
    return SyncTaskRunner()


@pytest.fixture
def ops(qtbot, messages, tasks):
    """The hub pages write through and hear changes from."""
    return Operations(messages, tasks)


@pytest.fixture
def window(qtbot, workspace, messages, tasks):
    main = MainWindow(workspace, messages, tasks=tasks)
    qtbot.addWidget(main)
    main.show()
    started(qtbot, main)
    return main


def started(qtbot, window) -> None:
    """Wait for the window's first deadline check, which starts once the event loop runs."""
    qtbot.waitUntil(lambda: not window.start_check.isActive())


def type_text(widget, text: str) -> None:
    """Type ``text`` key by key, including characters QTest.keyClicks cannot (Chinese...)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def orders_page(qtbot, workspace, ops):
    from ta_desktop.ui.orders.orders_page import OrdersPage

    return _shown(qtbot, OrdersPage(workspace, ops))


@pytest.fixture
def suppliers_page(qtbot, workspace, ops):
    from ta_desktop.ui.suppliers.suppliers_page import SuppliersPage

    return _shown(qtbot, SuppliersPage(workspace, ops))
