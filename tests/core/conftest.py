"""Core fixtures: a real SQLite workspace in tmp_path with a fixed today."""

from datetime import date

import pytest

from ta_desktop.core.services.workspace import Workspace

TODAY = date(2026, 11, 25)


@pytest.fixture
def workspace(tmp_path):
    ws = Workspace.open(tmp_path / "ta.sqlite", today=lambda: TODAY)
    yield ws
    ws.close()
