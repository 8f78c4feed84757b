"""A throwaway PostgreSQL server for the tests' PostgreSQL leg.

With ``TA_TEST_PG_URL`` (a URL whose user may CREATE DATABASE) the tests use that server.
Otherwise the server binaries (``initdb``, ``pg_ctl``: on PATH or under
/usr/lib/postgresql/*/bin) make a cluster in a temporary folder, listening on 127.0.0.1 only on
a free port, with its socket in that folder; it is stopped and removed at the end of the session.
PostgreSQL refuses to run as root, so as root the cluster belongs to ``nobody``.

Each test gets a database of its own: copied from a template migrated once to the newest
revision, and emptied (TRUNCATE) after the test for the next one, which is much faster than a
copy (CREATE DATABASE checkpoints). A database left at another revision is dropped instead.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

UNPRIVILEGED_USER = "nobody"
TEMPLATE = "ta_template"


class NoServer(Exception):
    """No PostgreSQL server for the tests: the sentence says why."""


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, newest major version first."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                     key=lambda f: int(Path(f).parent.name) if Path(f).parent.name.isdigit()
                     else 0, reverse=True)
    for folder in folders:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A cluster of our own (``start``) or a server given by URL (``given``)."""

    def __init__(self, admin_url: URL, folder: Path | None = None, bin_dir: Path | None = None):
        self.admin_url = admin_url
        self.folder = folder
        self.bin_dir = bin_dir
        self._numbers = itertools.count(1)
        self._free: list[URL] = []
        self._admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", pool_size=1)

    @classmethod
    def given(cls, url: str) -> Cluster:
        return cls(make_url(url))

    @classmethod
    def start(cls) -> Cluster:
        bin_dir = find_binaries()
        if bin_dir is None:
            raise NoServer("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in "
                           "/usr/lib/postgresql/*/bin: install the 'postgresql' package, or set "
                           "TA_TEST_PG_URL")
        folder = Path(tempfile.mkdtemp(prefix="ta-pg-"))
        as_root = os.geteuid() == 0
        if as_root:
            shutil.chown(folder, user=UNPRIVILEGED_USER)
        data, port = folder / "data", _free_port()

        def run(*args: str) -> None:
            command = [str(bin_dir / args[0]), *args[1:]]
            if as_root:
                command = ["runuser", "-u", UNPRIVILEGED_USER, "--", *command]
            done = subprocess.run(command, capture_output=True, text=True, cwd=folder)
            if done.returncode:
                raise NoServer(f"{args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")

        run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--no-locale", "--no-sync")
        # Throwaway data: no fsync; sockets only in our folder; TCP only on the loopback.
        options = (f"-c listen_addresses=127.0.0.1 -c port={port} "
                   f"-c unix_socket_directories={folder} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        run("pg_ctl", "-D", str(data), "-l", str(folder / "server.log"), "-o", options,
            "-w", "-t", "60", "start")
        url = URL.create("postgresql+psycopg", username="postgres", host="127.0.0.1",
                         port=port, database="postgres")
        cluster = cls(url, folder, bin_dir)
        cluster._run = run
        return cluster

    def template(self) -> None:
        """Create the template database once, migrated to the newest revision."""
        from ta_desktop.core.storage.db import Database

        with self._admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE}"))
            connection.execute(text(f"CREATE DATABASE {TEMPLATE}"))
        Database.open(self.url_of(TEMPLATE).render_as_string(hide_password=False)).close()

    def url_of(self, name: str) -> URL:
        return self.admin_url.set(database=name)

    def new_database(self) -> URL:
        name = f"ta_test_{os.getpid()}_{next(self._numbers)}"
        with self._admin.connect() as connection:
            connection.execute(text(
                f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY"))
        return self.url_of(name)

    def acquire(self) -> URL:
        """An empty database at the newest revision, for one test."""
        return self._free.pop() if self._free else self.new_database()

    def release(self, url: URL) -> None:
        """Empty the database for the next test (its connections closed first); drop it if
        that fails or the test left it at another revision."""
        from ta_desktop.core.storage.db import head_revision

        engine = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
                if connection.scalar(text("SELECT version_num FROM alembic_version")) \
                        != head_revision():
                    raise LookupError("not at the newest revision")
                tables = connection.scalars(text(
                    "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version'")).all()
                connection.execute(text("SET lock_timeout = '5s'"))
                connection.execute(text(
                    f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        except (SQLAlchemyError, LookupError):
            engine.dispose()
            self.drop_database(url)
            return
        engine.dispose()
        self._free.append(url)

    def drop_database(self, url: URL) -> None:
        with self._admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {url.database} WITH (FORCE)"))

    def stop(self) -> None:
        if self.folder is None:  # a given server: leave no database behind
            for url in self._free:
                self.drop_database(url)
        self._admin.dispose()
        if self.folder is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w",
                      "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """The server of ``TA_TEST_PG_URL``, or a throwaway cluster of our own."""
    given = os.environ.get("TA_TEST_PG_URL")
    cluster = Cluster.given(given) if given else Cluster.start()
    try:
        cluster.template()
    except Exception:
        cluster.stop()
        raise
    return cluster
