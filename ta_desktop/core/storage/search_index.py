"""The order search: number, supplier name, notes, product names, SKUs and specification text.

A text of at least three characters is found anywhere in them, ignoring case: on SQLite through
the FTS5 trigram index ``order_search`` that revision 0013's triggers keep in step with every
write (one row per order, read from the view ``order_search_source``); on PostgreSQL with ILIKE,
which pg_trgm's GIN indexes serve (revisions 0005 and 0013; without the extension it scans).
A shorter text (a trigram index cannot find one or two characters) is looked for at the start of
the order number, which an index serves on both engines, and anywhere in the supplier names (a
short table: "华强" finds 深圳市华强电子有限公司's orders).
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Connection,
    column,
    exists,
    literal_column,
    or_,
    select,
    table,
)

from ta_desktop.core.storage.orm import OrderLineRecord, OrderRecord, SupplierRecord

TRIGRAM = 3
# The FTS5 table of revision 0013 and the tables SQLite keeps it in (ours, not a stranger's).
SQLITE_TABLES = frozenset({"order_search", *(f"order_search_{part}" for part in (
    "data", "idx", "content", "docsize", "config"))})
_FTS = table("order_search", column("rowid"))


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(text: str) -> str:
    """The text as one FTS5 phrase: with the trigram tokenizer, "found as a substring"."""
    return '"' + text.replace('"', '""') + '"'


def order_matches(text: str, dialect: str) -> ColumnElement[bool]:
    """A condition on ``OrderRecord`` (with no join needed): the order matches ``text``."""
    if len(text) < TRIGRAM:
        return _prefix(text, dialect)
    if dialect == "sqlite":
        found = select(_FTS.c.rowid).where(
            literal_column("order_search").op("MATCH")(_fts_phrase(text)))
        return OrderRecord.id.in_(found)
    pattern = f"%{_escaped(text)}%"

    def like(col) -> ColumnElement[bool]:
        return col.ilike(pattern, escape="\\")

    return or_(
        like(OrderRecord.order_number), like(OrderRecord.notes), like(OrderRecord.spec_text),
        OrderRecord.supplier_id.in_(select(SupplierRecord.id).where(like(SupplierRecord.name))),
        exists().where(OrderLineRecord.order_id == OrderRecord.id,
                       or_(like(OrderLineRecord.product), like(OrderLineRecord.sku))),
    )


def _prefix(text: str, dialect: str) -> ColumnElement[bool]:
    def like(col, pattern: str) -> ColumnElement[bool]:
        # SQLite's LIKE ignores ASCII case and uses the NOCASE index of revision 0013.
        return col.like(pattern, escape="\\") if dialect == "sqlite" else \
            col.ilike(pattern, escape="\\")

    escaped = _escaped(text)
    return or_(like(OrderRecord.order_number, f"{escaped}%"),
               OrderRecord.supplier_id.in_(select(SupplierRecord.id)
                                           .where(like(SupplierRecord.name, f"%{escaped}%"))))


def rebuild(connection: Connection) -> None:
    """Fill the SQLite index afresh from the orders (after a bulk load that bypassed the
    triggers); nothing to do on PostgreSQL, whose indexes are the tables' own."""
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql("DELETE FROM order_search")
    connection.exec_driver_sql(
        "INSERT INTO order_search (rowid, number, supplier, notes, products, spec) "
        "SELECT * FROM order_search_source")
    connection.exec_driver_sql("INSERT INTO order_search (order_search) VALUES ('optimize')")
