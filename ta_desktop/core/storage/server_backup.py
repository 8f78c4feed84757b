"""Backups of a team's database on a PostgreSQL server, and their restore.

With PostgreSQL's client tools on this computer a backup is ``pg_dump``'s custom format
(``PGDMP`` file; restored with ``pg_restore --clean --single-transaction``). Without them (or
when this ``pg_dump`` is older than the server and refuses) it is a logical export this module
writes and reads itself: gzip'd JSON lines, a header (format, schema revision, tables) then
every row of every table in foreign-key order, bytes in base64 — evidence bytes included, since
they live in the database in team mode. Both are streamed, never held whole in memory, and
written through ``write_atomically``.
"""

from __future__ import annotations

import base64
import glob
import gzip
import json
import logging
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Date, DateTime, column, func, insert, select, table, text
from sqlalchemy.engine import Engine

from ta_desktop.core.domain.errors import NotAllowed, StorageError
from ta_desktop.core.storage.db import stored_revision
from ta_desktop.core.storage.files import write_atomically
from ta_desktop.core.storage.orm import Base

log = logging.getLogger(__name__)

EXPORT_FORMAT = "ta-desktop-export"
DUMP_MAGIC = b"PGDMP"
_BATCH = 500


def pg_tool(name: str) -> Path | None:
    """``pg_dump`` or ``pg_restore``: on PATH, else the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return Path(found)
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True,
                     key=lambda f: int(Path(f).parent.name) if Path(f).parent.name.isdigit()
                     else 0)
    return next((Path(f) / name for f in folders if (Path(f) / name).exists()), None)


def _libpq(engine: Engine) -> tuple[str, dict[str, str]]:
    """The libpq URL of ``engine`` (no password in it: command lines are visible to others)
    and the environment carrying the password."""
    url = engine.url.set(drivername="postgresql")
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return url._replace(password=None).render_as_string(hide_password=False), env


def counts(engine: Engine) -> dict[str, int]:
    names = ("orders", "suppliers", "disputes", "evidence")
    with engine.connect() as connection:
        return {name: connection.scalar(select(func.count()).select_from(
            Base.metadata.tables[name])) or 0 for name in names}


def back_up(engine: Engine, out: Path) -> str:
    """Write a backup of the server database to ``out``; returns its kind ("pg_dump" or
    "export")."""
    tool = pg_tool("pg_dump")
    if tool is not None:
        conninfo, env = _libpq(engine)
        with write_atomically(out) as stream:
            done = subprocess.run([str(tool), "--format=custom", "--no-owner", conninfo],
                                  stdout=stream, stderr=subprocess.PIPE, env=env)
            if done.returncode == 0:
                return "pg_dump"
            log.warning("pg_dump failed, writing a logical export instead: %s",
                        done.stderr.decode(errors="replace").strip())
            stream.seek(0)
            stream.truncate()
            _export(engine, stream)
        return "export"
    with write_atomically(out) as stream:
        _export(engine, stream)
    return "export"


def _plain(value):
    if isinstance(value, bytes | memoryview):
        return {"b64": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _export(engine: Engine, stream) -> None:
    tables = Base.metadata.sorted_tables
    with engine.connect() as connection, gzip.open(stream, "wt", encoding="utf-8") as out:
        revision = stored_revision(connection)
        out.write(json.dumps({"format": EXPORT_FORMAT, "version": 1, "revision": revision,
                              "tables": [t.name for t in tables]}) + "\n")
        for table in tables:
            out.write(json.dumps({"table": table.name}) + "\n")
            # The stored values as they are (no type processing: a ScaledDecimal stays its
            # integer), read back by _import as they were.
            rows = connection.execution_options(stream_results=True, yield_per=_BATCH) \
                .execute(text(f"SELECT * FROM {table.name}"))
            for row in rows.mappings():
                out.write(json.dumps({k: _plain(v) for k, v in row.items()}) + "\n")


def kind_of(archive: Path) -> str:
    with Path(archive).open("rb") as stream:
        head = stream.read(5)
    if head == DUMP_MAGIC:
        return "pg_dump"
    if head[:2] == b"\x1f\x8b":
        return "export"
    raise StorageError(f"{archive} is neither a pg_dump custom-format file nor a TA Desktop "
                       "export.")


def restore(engine: Engine, archive: Path, head: str, *, force: bool) -> str:
    """Replace the server database's data with the backup ``archive``; returns its kind. A
    database holding data is replaced only with ``force`` (the caller backs it up first)."""
    kind = kind_of(archive)
    held = counts(engine)
    if any(held.values()) and not force:
        raise NotAllowed(f"The server database already holds {held['orders']} order(s) and "
                         f"{held['suppliers']} supplier(s); restoring would replace them.")
    if kind == "pg_dump":
        tool = pg_tool("pg_restore")
        if tool is None:
            raise StorageError("This backup was made with pg_dump: restoring it needs "
                               "pg_restore (the PostgreSQL client tools) on this computer.")
        engine.dispose()  # our pooled connections must not hold locks on the tables
        conninfo, env = _libpq(engine)
        done = subprocess.run([str(tool), "--clean", "--if-exists", "--no-owner",
                               "--single-transaction", f"--dbname={conninfo}", str(archive)],
                              capture_output=True, text=True, env=env)
        if done.returncode:
            raise StorageError(f"pg_restore could not restore {archive}: "
                               f"{done.stderr.strip().splitlines()[-1:]}; nothing was changed.")
        return kind
    _import(engine, archive, head)
    return kind


def _import(engine: Engine, archive: Path, head: str) -> None:
    tables = Base.metadata.tables
    with gzip.open(archive, "rt", encoding="utf-8") as lines:
        header = json.loads(lines.readline())
        if header.get("format") != EXPORT_FORMAT:
            raise StorageError(f"{archive} is not a TA Desktop export.")
        if header.get("revision") != head:
            raise StorageError(f"{archive} was exported at schema revision "
                               f"{header.get('revision')}; this app is at {head}: restore it "
                               "with the version of TA Desktop that made it.")
        with engine.begin() as connection:
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            table, batch = None, []
            for line in lines:
                item = json.loads(line)
                if "table" in item and len(item) == 1:
                    _flush(connection, table, batch)
                    table, batch = tables[item["table"]], []
                    continue
                batch.append(_row(table, item))
                if len(batch) >= _BATCH:
                    _flush(connection, table, batch)
                    batch = []
            _flush(connection, table, batch)
            for name, t in tables.items():
                if "id" in t.c and t.c.id.primary_key:
                    connection.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {name}), 0) + 1, false)"))


def _row(model, item: dict) -> dict:
    row = {}
    for key, value in item.items():
        kind = model.c[key].type
        if isinstance(value, dict) and "b64" in value:
            value = base64.b64decode(value["b64"])
        elif value is not None and isinstance(kind, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = date.fromisoformat(value)
        row[key] = value
    return row


def _flush(connection, model, batch: list[dict]) -> None:
    """Insert the stored values as exported: through an untyped table (no bind processing)."""
    if model is not None and batch:
        raw = table(model.name, *(column(name) for name in batch[0]))
        connection.execute(insert(raw), batch)
