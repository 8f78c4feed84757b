"""The open-deadline table (storage/deadline_table.py) says what the deadline engine says, on many
random order histories written through the app's own services: orders at every step, receiving
extensions, cancellations, disputes with proposals and escalations, a change of the rules, time
passing (with the platform's automatic steps recorded, as the app does hourly), and a rebuild."""

from __future__ import annotations

import contextlib
import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ta_desktop.core.domain.deadlines import SOON_DAYS, DeadlineKind
from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.errors import TADesktopError
from ta_desktop.core.domain.types import ClaimType, Party, PaymentStatus
from ta_desktop.core.services.disputes import DeadlineCounts
from ta_desktop.core.services.workspace import Workspace
from tests.conftest import _data_dir
from tests.factories import TODAY, Clock, make_order, make_supplier

pytestmark = pytest.mark.both_engines

STEPS = (Action.SUBMIT, Action.SUPPLIER_CONFIRM, Action.PAYMENT_RECEIVED, Action.MARK_SHIPPED,
         Action.CONFIRM_DELIVERY)
histories = st.lists(st.fixed_dictionaries({
    "age": st.integers(1, 120),           # days since the order was made
    "steps": st.integers(0, len(STEPS)),  # how far it went
    "gap": st.integers(0, 12),            # days between steps
    "ship_in": st.integers(-30, 60),      # agreed shipment date from its start
    "online": st.booleans(),
    "extend": st.booleans(),
    "cancel": st.booleans(),
    "dispute": st.sampled_from([None, "open", "proposal", "escalated"]),
}), min_size=1, max_size=5)
_serial = itertools.count()


def _as_rows(deadlines, today: date, *, titles: bool = True) -> list[dict]:
    rows = [d.to_json(today) for d in deadlines]
    if not titles:  # an unshipped order's "(N days late)" is the one of the last write
        for row in rows:
            row.pop("title")
    return sorted(rows, key=lambda row: sorted((k, str(v)) for k, v in row.items()))


def _assert_table_is_engine(workspace: Workspace, *, titles: bool = True) -> None:
    today = workspace.today()
    table = workspace.disputes.deadlines()
    engine = workspace.disputes.computed_deadlines()
    assert _as_rows(table, today, titles=titles) == _as_rows(engine, today, titles=titles)
    if titles and workspace.db.is_sqlite:  # What needs me's order, from the index
        assert [d.key for d in table] == [d.key for d in engine]
    for party in (None, *Party):  # the heading's counts, in one statement, count the same
        assert workspace.disputes.deadline_counts(SOON_DAYS, party) == _counts(engine, today,
                                                                                 party)


def _counts(deadlines, today: date, party: Party | None) -> DeadlineCounts:
    listed = [d for d in deadlines if party in (None, d.party)]
    mine = [d for d in deadlines if d.party == Party.BUYER] if party in (None, Party.BUYER) \
        else []
    due = DeadlineKind.DUE
    return DeadlineCounts(
        listed=len(listed), everyone=len(deadlines), mine=len(mine),
        overdue=sum(d.kind == due and d.due < today for d in listed),
        soon=sum(d.kind == due and today <= d.due <= today + timedelta(days=SOON_DAYS)
                 for d in mine))


def _try(write) -> None:
    with contextlib.suppress(TADesktopError):  # a step the rules refuse: the history stops
        write()


def _write_history(workspace: Workspace, clock: Clock, supplier_id: int, run: int, index: int,
                   story: dict) -> None:
    start = clock.today - timedelta(days=story["age"])
    order = workspace.orders.save(make_order(
        f"DT-{run}-{index}", supplier_id, created_on=start, online=story["online"],
        shipment_date=start + timedelta(days=story["ship_in"]))).value
    day = start
    for action in STEPS[:story["steps"]]:
        day = min(clock.today, day + timedelta(days=story["gap"]))
        payment = Payment(Decimal("785"), day, PaymentStatus.RECEIVED) \
            if action == Action.PAYMENT_RECEIVED else None
        _try(lambda a=action, d=day, p=payment: workspace.orders.perform(
            order.id, a, on=d, payment=p))
        if action == Action.MARK_SHIPPED and story["extend"]:
            _try(lambda d=day: workspace.orders.perform(
                order.id, Action.EXTEND_RECEIVING, on=d, party=Party.BUYER))
    if story["cancel"]:
        _try(lambda: workspace.orders.perform(order.id, Action.CANCEL, on=day))
    if story["dispute"]:
        _try(lambda: workspace.disputes.open(order.id, claim=ClaimType.QUALITY,
                                             requested_refund=Decimal("100"),
                                             claim_text="Broken.", on=day))
    if story["dispute"] in ("proposal", "escalated"):
        _try(lambda: workspace.disputes.propose(order.id, Party.SUPPLIER, Decimal("50"),
                                                on=day))
    if story["dispute"] == "escalated":
        _try(lambda: workspace.disputes.escalate(order.id, on=day))


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(stories=histories, later=st.integers(1, 40), window=st.integers(5, 30))
def test_the_table_equals_the_engine_on_random_histories(db_target, tmp_path, stories, later,
                                                          window):
    run = next(_serial)
    clock = Clock(TODAY + timedelta(days=100 * run))  # the database's time never runs back
    workspace = Workspace.open(db_target, today=clock,
                               data_dir=_data_dir(db_target, tmp_path, f"data-{run}"))
    try:
        # The earlier examples' orders, as of this example's day (their shipment titles count
        # the days late on the day of their last write).
        workspace.deadline_index.rebuild()
        supplier = workspace.suppliers.save(make_supplier(f"Supplier {run}")).value
        for index, story in enumerate(stories):
            _write_history(workspace, clock, supplier.id, run, index, story)
        _assert_table_is_engine(workspace)

        workspace.settings.set_rule_values({"dispute_window_days": window})  # rebuilds all
        _assert_table_is_engine(workspace)

        clock.today += timedelta(days=later)  # time passes; the app records what the
        workspace.disputes.catch_up()                # platform did by itself
        _assert_table_is_engine(workspace, titles=False)

        workspace.deadline_index.rebuild()  # the repair command
        _assert_table_is_engine(workspace)
    finally:
        workspace.settings.reset_rules()
        workspace.close()
