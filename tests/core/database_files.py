"""Database files as earlier versions of the app, or other programs, left them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from ta_desktop.core.storage.db import Database, alembic_config
from ta_desktop.core.storage.sqlite_file import connect

OLD_SUPPLIERS = ("Old Supplier", "旧供应商")


def make_database_at(path: Path, revision: str, *, suppliers=OLD_SUPPLIERS, orders=3) -> Path:
    """A database file stamped at ``revision`` holding suppliers and orders (raw SQL: the ORM
    speaks the newest schema), in WAL mode as the app leaves its files."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        for name in suppliers:
            connection.exec_driver_sql(
                "INSERT INTO suppliers (name, country, gold_supplier, trade_assurance,"
                " contact_name, email, phone, whatsapp, wechat, store_url, notes)"
                " VALUES (?, 'China', 1, 1, '', '', '', '', '', '', '')", (name,))
        for number in range(1, orders + 1):
            connection.exec_driver_sql(
                "INSERT INTO orders (order_number, supplier_id, currency, status, online,"
                " incoterm, notes, spec_text, total_amount)"
                " VALUES (?, 1, 'USD', 'draft', 1, 'FOB', '', '', 78500000)",
                (f"OLD-{number}",))
    engine.dispose()
    return path


def database_with(path: Path, revision: str, *statements: str) -> Path:
    """A database file at ``revision`` holding what the raw SQL ``statements`` insert (the ORM
    speaks the newest schema), for upgrade tests."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        for statement in statements:
            connection.exec_driver_sql(statement)
    engine.dispose()
    return path


OLD_SUPPLIER_ROW = (
    "INSERT INTO suppliers (id, name, country, gold_supplier, trade_assurance, contact_name,"
    " email, phone, whatsapp, wechat, store_url, notes)"
    " VALUES (1, 'Old Supplier', 'China', 1, 1, '', '', '', '', '', '', '')")


def names_and_orders(path: Path) -> tuple[list[str], list[str]]:
    """The supplier names and order numbers in a file, read without the app."""
    with closing(connect(path, "mode=rw")) as connection:  # rw: recovers after a crash
        names = [r[0] for r in connection.execute("SELECT name FROM suppliers ORDER BY id")]
        numbers = [r[0] for r in connection.execute(
            "SELECT order_number FROM orders ORDER BY id")]
    return names, numbers


def revision_of(path: Path) -> str | None:
    with closing(connect(path, "mode=rw")) as connection:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def folder_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` and its bytes: to show that nothing was written."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def stamp_newer(path: Path, revision: str = "9999") -> Path:
    """A database as a newer TA Desktop would leave it: a revision this one does not know."""
    Database.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.close()
    return path
