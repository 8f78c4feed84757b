"""Test setup shared by every test: Qt runs offscreen, the default rule profile is active."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from ta_desktop.core.domain.rules import RuleProfile, default_profile
from ta_desktop.core.services.workspace import Workspace
from tests.factories import TODAY


@pytest.fixture
def profile() -> RuleProfile:
    return default_profile()


@pytest.fixture
def workspace(tmp_path):
    """A real SQLite database in tmp_path, living on TODAY."""
    ws = Workspace.open(tmp_path / "ta.sqlite", today=lambda: TODAY)
    yield ws
    ws.close()


@pytest.fixture
def other_window(tmp_path, workspace):
    """A second window on the same database file: its own Workspace, as another app window or
    the CLI has."""
    ws = Workspace.open(tmp_path / "ta.sqlite", today=lambda: TODAY)
    yield ws
    ws.close()
