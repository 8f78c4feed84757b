"""The order search: number, supplier name, notes, product names, SKUs and specification text.

A text of at least three characters is found anywhere in them, ignoring case: on SQLite through
the FTS5 trigram index ``order_search`` that revision 0014's triggers keep in step with every
write (one row per order, read from the view ``order_search_source``; its rowid is the order's
creation day << 32 | its id, so walking it backwards gives the order list's default order,
created_on DESC then id DESC, and a first page stops after a page); on PostgreSQL with ILIKE,
which pg_trgm's GIN indexes serve (revisions 0005 and 0013; without the extension it scans).
A shorter text (a trigram index cannot find one or two characters) is looked for at the start of
the order number, which an index serves on both engines, and anywhere in the supplier names (a
short table: "华强" finds 深圳市华强电子有限公司's orders).
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    column,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session

from ta_desktop.core.storage.orm import OrderLineRecord, OrderRecord, SupplierRecord

TRIGRAM = 3
# A short search matching at least this many orders walks the newest first and stops after a
# page; one matching fewer sorts its matches (walking would read ~200 * orders / BROAD rows).
BROAD = 5000
ORDER_ID_BITS = 0xFFFFFFFF  # the low 32 bits of an index rowid: the order's id
# The FTS5 table of revision 0013 (made again by 0014) and the tables SQLite keeps it in
# (ours, not a stranger's).
SQLITE_TABLES = frozenset({"order_search", *(f"order_search_{part}" for part in (
    "data", "idx", "content", "docsize", "config"))})
FTS_TABLE = ("CREATE VIRTUAL TABLE order_search USING fts5("
             "number, supplier, notes, products, spec, tokenize = 'trigram')")
FTS5_HASHSIZE = 1024 * 1024  # FTS5's own: pending terms are written out as a segment at 1 MiB
BUILD_PENDING = 32 * 1024 * 1024  # a rebuild's
BUILD_CACHE = 256 * 1024 * 1024  # a rebuild's page cache
_FTS = table("order_search", column("rowid"))


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(text: str) -> str:
    """The text as one FTS5 phrase: with the trigram tokenizer, "found as a substring"."""
    return '"' + text.replace('"', '""') + '"'


def _fts_match(text: str) -> ColumnElement[bool]:
    return literal_column("order_search").op("MATCH")(_fts_phrase(text))


def order_matches(text: str, dialect: str) -> ColumnElement[bool]:
    """A condition on ``OrderRecord`` (with no join needed): the order matches ``text``."""
    if len(text) < TRIGRAM:
        return _prefix(text, dialect)
    if dialect == "sqlite":
        found = select(_FTS.c.rowid.op("&")(ORDER_ID_BITS)).where(_fts_match(text))
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


def in_list_order(text: str, dialect: str) -> tuple[ColumnElement[bool], ColumnElement] | None:
    """On SQLite, for a text the index finds: the join of the index row to ``OrderRecord`` (which
    also keeps only the matches) and the index's key, whose order is created_on then id (no date
    first): sorting by it, SQLite walks the index and stops after the page. None otherwise."""
    if dialect != "sqlite" or len(text) < TRIGRAM:
        return None
    joined = and_(OrderRecord.id == _FTS.c.rowid.op("&")(ORDER_ID_BITS), _fts_match(text))
    return joined, _FTS.c.rowid


def _prefix(text: str, dialect: str, indexed: bool = True) -> ColumnElement[bool]:
    def like(col, pattern: str) -> ColumnElement[bool]:
        # SQLite's LIKE ignores ASCII case and uses the NOCASE index of revision 0013.
        return col.like(pattern, escape="\\") if dialect == "sqlite" else \
            col.ilike(pattern, escape="\\")

    escaped = _escaped(text)
    # Not indexed: written so that no index serves them (SQLite then walks the sort's index).
    number = OrderRecord.order_number if indexed else OrderRecord.order_number.op("||")("")
    supplier = OrderRecord.supplier_id if indexed else OrderRecord.supplier_id + 0
    return or_(like(number, f"{escaped}%"),
               supplier.in_(select(SupplierRecord.id)
                            .where(like(SupplierRecord.name, f"%{escaped}%"))))


def broad_prefix(session: Session, text: str) -> ColumnElement[bool] | None:
    """For a text too short for the index that many orders match (say "TA", every order
    number's start), on SQLite: its condition written so that SQLite walks the list's
    created_on index and stops after a page, instead of reading and sorting every match; None
    when few match (the number and supplier indexes find them faster) or on PostgreSQL."""
    dialect = session.get_bind().dialect.name
    if dialect != "sqlite" or len(text) >= TRIGRAM:
        return None
    some = select(OrderRecord.id).where(_prefix(text, dialect)).limit(BROAD).subquery()
    if (session.scalar(select(func.count()).select_from(some)) or 0) < BROAD:
        return None
    return _prefix(text, dialect, indexed=False)


def rebuild(connection: Connection) -> None:
    """Fill the SQLite index afresh from the orders (after a bulk load that bypassed the
    triggers, or revision 0014's new rowids); nothing to do on PostgreSQL, whose indexes are the
    tables' own. What made it slow: deleting rows (so the table is dropped and made again); rows
    out of rowid order (FTS5 writes its pending terms out at every smaller rowid); FTS5's 1 MiB
    of pending terms (thousands of small segments merged again and again); secure_delete,
    which zeroes every page the drop and the merges free. The segments still merge level by
    level while filling: 'optimize' then puts the one it makes above them all, where the small
    merges of later writes do not reach it (one left on level 0 was rewritten whole by them)."""
    if connection.dialect.name != "sqlite":
        return
    before = {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
              for name in ("cache_size", "secure_delete")}
    connection.exec_driver_sql(f"PRAGMA cache_size = -{BUILD_CACHE // 1024}")
    connection.exec_driver_sql("PRAGMA secure_delete = FAST")  # zeroes only when it is free
    connection.exec_driver_sql("DROP TABLE IF EXISTS order_search")
    connection.exec_driver_sql(FTS_TABLE)
    _configure(connection, hashsize=BUILD_PENDING)
    connection.exec_driver_sql(
        "INSERT INTO order_search (rowid, number, supplier, notes, products, spec) "
        "SELECT key, number, supplier, notes, products, spec FROM order_search_source "
        "ORDER BY key")
    connection.exec_driver_sql("INSERT INTO order_search (order_search) VALUES ('optimize')")
    _configure(connection, hashsize=FTS5_HASHSIZE)  # a write's usual memory again
    for name, value in before.items():
        connection.exec_driver_sql(f"PRAGMA {name} = {int(value)}")


def _configure(connection: Connection, **values: int) -> None:
    for name, value in values.items():
        connection.exec_driver_sql(
            "INSERT INTO order_search (order_search, rank) VALUES (?, ?)", (name, value))
