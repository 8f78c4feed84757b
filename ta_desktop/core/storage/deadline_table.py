"""The open deadlines as a table, so that "What needs me", the reminders and ``deadlines`` are
indexed queries instead of the engine run over every order.

Rows are what the deadline engine (``domain.deadlines``) gives, per subject: an order (its own
and its dispute's deadlines) or a supplier (supplier-level rules). They are never typed: every
writing transaction, just before it commits, replaces the rows of each order and supplier it
touched (``Changes`` collected from its flushes), so a rule added to the engine lands here with
no code of its own. A change of the rules or the team calendar (a different ``fingerprint``)
rebuilds every row in that same transaction; so does ``rebuild`` (the repair command, and the
first opening after revision 0013 or after the engine changed).

The engine depends on "today" in three ways; what is stored is the engine's answer on the day
of the write, and a reader corrects it like this:
- days left, overdue and urgency are computed by the reader from ``due`` (never stored);
- a deadline that closes by itself once its day has passed (the last day to open a dispute, or
  to complain about an offline order) is stored with ``expires``: the engine, asked for the day
  after it is due, no longer lists it open. Readers drop such rows once their day is past;
- what the platform does by itself as days pass in a dispute (automatic escalation, a silent
  party's outcome) is stored by ``disputes.catch_up`` (at start-up and hourly), which touches
  the order and so refreshes its rows; until then the rows are those of the last write. The
  same holds for the "(N days late)" added to an unshipped order's shipment title.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import cache, cached_property
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    delete,
    event,
    false,
    func,
    insert,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session, sessionmaker

from ta_desktop.core.domain import deadlines as engine
from ta_desktop.core.domain.certificates import certificate_reminders
from ta_desktop.core.domain.changes import Kind
from ta_desktop.core.domain.deadlines import Deadline, DeadlineKind
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import OrderStatus, Party
from ta_desktop.core.domain.workdays import WorkCalendar
from ta_desktop.core.storage import notify
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.dispute_repository import (
    DisputeRepository,
    can_have_deadlines,
    orders_for_deadlines,
)
from ta_desktop.core.storage.money_repository import MoneyRepository
from ta_desktop.core.storage.orm import Base, OrderRecord, SupplierRecord
from ta_desktop.core.storage.repositories import SupplierRepository

ORDER, SUPPLIER = "order", "supplier"

open_deadlines = Table(
    "open_deadlines", Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("subject", String(20), nullable=False),
    Column("subject_id", Integer, nullable=False),
    Column("key", String(255), nullable=False),
    Column("order_id", Integer),
    Column("order_number", String(64), nullable=False, server_default=""),
    Column("rule", String(20), nullable=False),
    Column("title", String(500), nullable=False),
    Column("due", Date, nullable=False, index=True),
    Column("party", String(20), nullable=False),
    Column("party_rank", Integer, nullable=False),  # 0 for the buyer: What needs me's order
    Column("kind", String(10), nullable=False),
    Column("consequence", Text, nullable=False, server_default=""),
    Column("expires", Boolean, nullable=False, server_default=false()),
    Column("estimate", Boolean, nullable=False, server_default=false()),
    Column("supplier_id", Integer),
    Column("shows_from", Date),  # listed from that day (a SUP-CERT reminder), else always
)
deadline_state = Table(
    "deadline_state", Base.metadata,
    Column("name", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)
Index("ix_open_deadlines_subject", open_deadlines.c.subject, open_deadlines.c.subject_id)
# What needs me's order; kind and expires too, so its counts read the index alone.
Index("ix_open_deadlines_needs_me", open_deadlines.c.party_rank, open_deadlines.c.due,
      open_deadlines.c.order_number, open_deadlines.c.key, open_deadlines.c.kind,
      open_deadlines.c.expires)

_FINGERPRINT = "fingerprint"
_CHUNK = 20_000
_ORDERS_AT_ONCE = 5_000  # ids bound in one query: well under SQLite's 32,766 variables


@cache  # the code does not change while the app runs; every write asks for it
def engine_version() -> str:
    """Changes when the engine's code does (the deadline engine and the domain rules it reads:
    receiving, disputes, payment schedules, certificates…), so rows it wrote before are
    rebuilt."""
    digest = hashlib.sha256()
    try:
        for source in sorted(Path(engine.__file__).parent.glob("*.py")):
            digest.update(source.read_bytes())
        return digest.hexdigest()[:16]
    except OSError:  # a frozen build without sources: its version stands for the code
        from ta_desktop import __version__
        return __version__


class DeadlineRules:
    """What the engine needs besides the records, as the writing transaction sees it. The
    team calendar is made on first use (its holidays are not loaded by a write that moves no
    dispute, nor at start-up)."""

    def __init__(self, profile: RuleProfile, calendar: Callable[[], WorkCalendar], today: date,
                 fingerprint: str,
                 version: Callable[[int], RuleProfile | None] = lambda _number: None) -> None:
        self.profile = profile
        self._version = version
        self._calendar = calendar
        self.today = today
        # The stored rules and calendar (and the engine's code): rows built under another
        # fingerprint are rebuilt.
        self.fingerprint = fingerprint

    @cached_property
    def calendar(self) -> WorkCalendar:
        return self._calendar()

    def profile_for(self, order) -> RuleProfile:
        """The rules an order follows: the version in force when it was sent (or applied to
        it later), the current ones for a draft or an order older than versions."""
        number = order.profile_version
        if number is None or number == self.profile.version:
            return self.profile
        return self._version(number) or self.profile


RulesOf = Callable[[Session], DeadlineRules]


def fingerprint(*parts: object) -> str:
    text = json.dumps([engine_version(), *parts], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


# --- writing ------------------------------------------------------------------------------------

def install(sessions: sessionmaker, rules_of: Callable[[], RulesOf | None]) -> None:
    """Refresh the touched subjects' rows in every writing transaction, before it commits."""

    def refresh_touched(session: Session) -> None:
        of = rules_of()
        if of is None or notify.ORIGIN not in session.info:  # not a writing transaction
            return
        session.flush()
        changes = changes_of(session)
        if not changes:
            return
        rules = of(session)
        if changes.has(Kind.SETTINGS) and stored_fingerprint(session) != rules.fingerprint:
            rebuild(session, rules)
            return
        orders = changes.ids(Kind.ORDER) | changes.ids(Kind.DISPUTE)
        refresh(session, rules, orders=orders, suppliers=changes.ids(Kind.SUPPLIER))

    event.listen(sessions, "before_commit", refresh_touched)


def stored_fingerprint(session: Session) -> str | None:
    return session.scalar(select(deadline_state.c.value)
                          .where(deadline_state.c.name == _FINGERPRINT))


def refresh(session: Session, rules: DeadlineRules, *, orders: Iterable[int] = (),
            suppliers: Iterable[int] = ()) -> None:
    """Replace the rows of these orders and suppliers with the engine's open deadlines."""
    orders, suppliers = sorted(set(orders)), sorted(set(suppliers))
    for subject, ids in ((ORDER, orders), (SUPPLIER, suppliers)):
        for start in range(0, len(ids), 500):
            session.execute(delete(open_deadlines).where(
                open_deadlines.c.subject == subject,
                open_deadlines.c.subject_id.in_(ids[start:start + 500])))
    for start in range(0, len(orders), 500):
        chunk = orders[start:start + 500]
        _insert(session, _order_rows(session, rules, orders_for_deadlines(
            session, OrderRecord.id.in_(chunk)), DisputeRepository(session)
            .latest_for_orders(chunk)))
    if suppliers:
        _insert(session, _supplier_rows(rules, SupplierRepository(session).by_ids(suppliers)))


def rebuild(session: Session, rules: DeadlineRules,
            progress: Callable[[int], None] = lambda _done: None) -> int:
    """Every row afresh (the repair command, and a change of the rules); how many rows."""
    session.execute(delete(open_deadlines))
    written = 0
    # The orders' ids first, in one query: asked per range of ids, the planner walked every
    # running order's status for each range (a million orders: quadratic).
    wanted = list(session.scalars(select(OrderRecord.id).where(can_have_deadlines(
        rules.today, rules.profile.dispute_window_days)).order_by(OrderRecord.id)))
    for start in range(0, len(wanted), _ORDERS_AT_ONCE):  # bounded memory
        ids = wanted[start:start + _ORDERS_AT_ONCE]
        orders = list(orders_for_deadlines(session, OrderRecord.id.in_(ids)))
        disputes = DisputeRepository(session).latest_for_orders(
            [o.id for o in orders if o.status == OrderStatus.IN_DISPUTE])
        written += _insert(session, _order_rows(session, rules, orders, disputes))
        progress(ids[-1])
    supplier_ids = list(session.scalars(select(SupplierRecord.id)))
    for start in range(0, len(supplier_ids), _CHUNK):
        written += _insert(session, _supplier_rows(rules, SupplierRepository(session).by_ids(
            supplier_ids[start:start + _CHUNK])))
    session.execute(delete(deadline_state).where(deadline_state.c.name == _FINGERPRINT))
    session.execute(insert(deadline_state).values(name=_FINGERPRINT, value=rules.fingerprint))
    return written


def _insert(session: Session, rows: list[dict]) -> int:
    if rows:
        session.execute(insert(open_deadlines), rows)
    return len(rows)


def _row(subject: str, subject_id: int, deadline: Deadline, expires: bool) -> dict:
    return {
        "subject": subject, "subject_id": subject_id, "key": deadline.key,
        "order_id": deadline.order_id, "order_number": deadline.order_number,
        "rule": deadline.rule, "title": deadline.title, "due": deadline.due,
        "party": deadline.party.value, "party_rank": 0 if deadline.party == Party.BUYER else 1,
        "kind": deadline.kind.value, "consequence": deadline.consequence, "expires": expires,
        "estimate": deadline.estimate, "supplier_id": deadline.supplier_id,
        "shows_from": deadline.shows_from,
    }


def _open_with_expiry(compute: Callable[[date], list[Deadline]], today: date
                      ) -> list[tuple[Deadline, bool]]:
    """The open deadlines on ``today``, each with whether it closes by itself once its day has
    passed: asked for the day after it is due, the engine no longer lists it open."""
    found = [d for d in compute(today) if d.open]
    later: dict[date, set[str]] = {}
    result = []
    for deadline in found:
        if deadline.due < today:
            result.append((deadline, False))  # already past and still open: it stays open
            continue
        after = deadline.due + timedelta(days=1)
        if after not in later:
            later[after] = {d.key for d in compute(after) if d.open}
        result.append((deadline, deadline.key not in later[after]))
    return result


def _order_rows(session: Session, rules: DeadlineRules, orders: Iterable,
                disputes: dict) -> list[dict]:
    rows = []
    orders = list(orders)
    schedules = MoneyRepository(session).schedules([order.id for order in orders])
    for order in orders:
        dispute, profile = disputes.get(order.id), rules.profile_for(order)
        instalments, total = schedules.get(order.id, ((), None))

        def compute(day: date, order=order, dispute=dispute, profile=profile,
                    instalments=instalments, total=total) -> list[Deadline]:
            return engine.current_deadlines(order, profile, rules.calendar, day, dispute,
                                            instalments, total)

        rows += [_row(ORDER, order.id, d, expires)
                 for d, expires in _open_with_expiry(compute, rules.today)]
    return rows


def _supplier_rows(rules: DeadlineRules, suppliers: Iterable) -> list[dict]:
    rows = []
    for supplier in suppliers:
        def compute(_day: date, supplier=supplier) -> list[Deadline]:
            return certificate_reminders(supplier.id, supplier.name, supplier.certificates,
                                         rules.profile)

        rows += [_row(SUPPLIER, supplier.id, d, expires)
                 for d, expires in _open_with_expiry(compute, rules.today)]
    return rows


# --- reading ------------------------------------------------------------------------------------

def _of(party: Party):
    c = open_deadlines.c
    # The buyer's rows through What needs me's index (party_rank 0 is the buyer).
    return c.party_rank == 0 if party == Party.BUYER else c.party == party.value


def _still_open(today: date):
    c = open_deadlines.c
    return and_(not_(and_(c.expires, c.due < today)),
                or_(c.shows_from.is_(None), c.shows_from <= today))


def read(session: Session, today: date, *, within: int | None = None, limit: int | None = None,
         offset: int = 0, party: Party | None = None, not_overdue: bool = False
         ) -> list[Deadline]:
    """Open deadlines in What needs me's order (the buyer's first, then by date); ``within``:
    due within that many days from ``today``, overdue ones included unless ``not_overdue``."""
    c = open_deadlines.c
    statement = (select(open_deadlines).where(_still_open(today))
                 .order_by(c.party_rank, c.due, c.order_number, c.key)
                 .offset(offset).limit(limit))
    if within is not None:
        statement = statement.where(c.due <= today + timedelta(days=within))
    if not_overdue:
        statement = statement.where(c.due >= today)
    if party is not None:
        statement = statement.where(_of(party))
    return [Deadline(key=r.key, rule=r.rule, title=r.title, due=r.due, party=Party(r.party),
                     consequence=r.consequence, open=True, kind=DeadlineKind(r.kind),
                     order_id=r.order_id, order_number=r.order_number, estimate=r.estimate,
                     supplier_id=r.supplier_id, shows_from=r.shows_from)
            for r in session.execute(statement)]


def count(session: Session, today: date) -> int:
    """How many deadlines are open today (What needs me's heading counts with ``tally``)."""
    return session.scalar(select(func.count()).select_from(open_deadlines)
                          .where(_still_open(today))) or 0


def tally(session: Session, today: date, *, party: Party | None, soon_until: date
          ) -> tuple[int, int, int, int, int]:
    """What needs me's heading in one scan of the open rows (one walk per number was seven
    times slower at 100k orders): those ``party`` acts on (all: None), every one, the buyer's
    own, the listed "by" deadlines already past, the buyer's own "by" deadlines due from today
    to ``soon_until``."""
    c = open_deadlines.c
    listed = true() if party is None else _of(party)
    due = c.kind == DeadlineKind.DUE.value
    counted = session.execute(select(
        func.count().filter(listed), func.count(), func.count().filter(_of(Party.BUYER)),
        func.count().filter(and_(listed, due, c.due < today)),
        func.count().filter(and_(_of(Party.BUYER), due, c.due >= today, c.due <= soon_until)),
    ).select_from(open_deadlines).where(_still_open(today))).one()
    return tuple(number or 0 for number in counted)

