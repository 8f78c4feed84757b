"""Test setup shared by every test: Qt runs offscreen, the default rule profile is active, and
the database of a test is SQLite, or both SQLite and PostgreSQL for tests marked
``both_engines`` (the storage, service, conflict and CLI tests: see ``tests/pg.py``)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from ta_desktop.core.domain.rules import RuleProfile, default_profile
from ta_desktop.core.services.workspace import Workspace
from tests import pg
from tests.factories import TODAY, Clock

ENGINES = ("sqlite", "postgresql")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "both_engines: run the test on SQLite and on PostgreSQL (the `engine` "
        "fixture); the PostgreSQL leg skips only where no server exists, never in CI")
    config.addinivalue_line(
        "markers", "postgresql_only: run the test on PostgreSQL only (what SQLite cannot do)")


def pytest_generate_tests(metafunc):
    if "engine" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("postgresql_only"):
        metafunc.parametrize("engine", ["postgresql"], indirect=True)
    elif metafunc.definition.get_closest_marker("both_engines"):
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request) -> str:
    """The database engine of this test: "sqlite" unless parametrised by ``both_engines``."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_cluster():
    """One PostgreSQL server for the whole session; a test that needs one skips with the reason
    where there is none, but CI (CI=true) fails instead: its leg must run."""
    try:
        cluster = pg.start_cluster()
    except pg.NoServer as missing:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"PostgreSQL leg cannot run in CI: {missing}", pytrace=False)
        pytest.skip(f"PostgreSQL leg skipped: {missing}")
    yield cluster
    cluster.stop()


@pytest.fixture
def db_target(engine, tmp_path, request) -> str:
    """What ``--db`` takes for this test's database: a file, or a fresh PostgreSQL database."""
    if engine == "sqlite":
        yield str(tmp_path / "ta.sqlite")
        return
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.acquire()
    yield url.render_as_string(hide_password=False)
    cluster.release(url)


def _data_dir(target: str, tmp_path, name: str = "data"):
    """A SQLite file's windows share the folder beside it; a server's members each have their
    own data folder (on their own machine)."""
    return None if "://" not in target else tmp_path / name


@pytest.fixture
def profile() -> RuleProfile:
    return default_profile()


@pytest.fixture
def workspace(db_target, tmp_path):
    """A real database (SQLite in tmp_path unless parametrised), living on TODAY."""
    ws = Workspace.open(db_target, today=lambda: TODAY, data_dir=_data_dir(db_target, tmp_path))
    yield ws
    ws.close()


@pytest.fixture
def clock():
    """Today, for a test that moves it (``clock.today = ...``)."""
    return Clock(TODAY)


@pytest.fixture
def clocked(tmp_path, clock):
    """A SQLite workspace living on ``clock``."""
    ws = Workspace.open(tmp_path / "ta.sqlite", today=clock, data_dir=tmp_path / "data")
    yield ws
    ws.close()


@pytest.fixture
def other_window(db_target, tmp_path, workspace):
    """A second window on the same database: its own Workspace, as another app window, the CLI
    or (on a server) a colleague's app has, with a data folder of its own."""
    ws = Workspace.open(db_target, today=lambda: TODAY,
                        data_dir=_data_dir(db_target, tmp_path, "other-data"))
    yield ws
    ws.close()
