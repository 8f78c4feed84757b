"""Several processes hammer the same orders through the services at once: payments, receiving-
time extensions and draft edits (a user reloading after a conflict). Afterwards every write
reported as committed is stored exactly once, nothing else is, and replaying the stored history
one action at a time through the lifecycle breaks no rule (issue 9, "Done when")."""

import copy
import json
import sqlite3
import time
from collections import Counter
from decimal import Decimal

import pytest

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.entities import Action, Order, OrderLine, Payment
from ta_desktop.core.domain.types import PaymentStatus
from tests.factories import TODAY, make_order, make_supplier
from tests.processes import python

pytestmark = pytest.mark.both_engines

PROCESSES, OPERATIONS = 4, 50


def setup_orders(workspace) -> dict[str, list[Order]]:
    supplier_id = workspace.suppliers.save(make_supplier()).value.id
    orders = workspace.orders

    def order(number: str, *actions: Action, **fields) -> int:
        order_id = orders.save(make_order(number, supplier_id, **fields)).value.id
        for action in actions:
            payment = Payment(Decimal("785"), TODAY, PaymentStatus.RECEIVED) \
                if action == Action.RECORD_PAYMENT else None
            orders.perform(order_id, action, payment=payment)
        return order_id

    confirmed = (Action.SUBMIT, Action.SUPPLIER_CONFIRM)
    ids = {
        # 100.00 to pay in payments of 5 to 20: about eight are accepted, the rest refused
        "payments": [order(f"PAY-{n}", *confirmed, lines=[OrderLine("Cable", 10, Decimal(10))])
                     for n in range(3)],
        "extensions": [order(f"EXT-{n}", *confirmed, Action.RECORD_PAYMENT,
                             Action.MARK_SHIPPED) for n in range(3)],
        "drafts": [order(f"DRAFT-{n}") for n in range(2)],
    }
    return {kind: [orders.get(i) for i in kind_ids] for kind, kind_ids in ids.items()}


def hammer(workspace, tmp_path, before: dict[str, list[Order]]) -> list[dict]:
    ids = [",".join(str(o.id) for o in before[kind])
           for kind in ("payments", "extensions", "drafts")]
    outs = [tmp_path / f"worker-{n}.json" for n in range(PROCESSES)]
    workers = [python("-m", "tests.core.hammer_worker", workspace.db.target, str(out),
                      str(n), str(OPERATIONS), *ids) for n, out in enumerate(outs)]
    try:
        for worker in workers:
            assert worker.stdout.readline() == "ready\n"
        for worker in workers:  # all at once
            worker.stdin.write("go\n")
            worker.stdin.flush()
        for worker in workers:
            assert worker.wait(timeout=120) == 0
    finally:
        for worker in workers:
            worker.kill()
            worker.wait()
            worker.stdin.close()
            worker.stdout.close()
    return [json.loads(out.read_text()) for out in outs]


def replayed(before: Order, stored: Order, profile) -> Order:
    """``before`` with the actions stored since applied again one at a time, in the order they
    were stored, through the lifecycle: ``NotAllowed`` if any of them broke a rule."""
    replay = copy.deepcopy(before)
    payments = iter(stored.payments[len(before.payments):])
    for event in stored.events[len(before.events):]:
        if event.action == Action.RECORD_PAYMENT:
            paid = next(payments)
            lifecycle.perform(replay, Action.RECORD_PAYMENT, profile, event.on, today=TODAY,
                              payment=Payment(paid.amount, paid.paid_on, paid.status))
        elif event.action == Action.EXTEND_RECEIVING:
            lifecycle.perform(replay, Action.EXTEND_RECEIVING, profile, event.on, today=TODAY,
                              party=event.party)
    return replay


@pytest.mark.slow
def test_processes_hammering_the_same_orders_lose_and_duplicate_nothing(workspace, tmp_path):
    before = setup_orders(workspace)
    started = time.monotonic()
    reports = hammer(workspace, tmp_path, before)
    reported = {kind: Counter(tuple(item) for r in reports for item in r[kind])
                for kind in ("payments", "extensions", "lines")}
    stored = {kind: [workspace.orders.get(o.id) for o in orders]
              for kind, orders in before.items()}

    assert Counter((o.id, p.reference) for o in stored["payments"] for p in o.payments
                   if p.reference) == reported["payments"]
    assert Counter((o.id, e.party.value) for o in stored["extensions"] for e in o.events
                   if e.action == Action.EXTEND_RECEIVING) == reported["extensions"]
    assert Counter((o.id, line.product) for o in stored["drafts"] for line in o.lines[1:]) \
        == reported["lines"]
    for kind in ("payments", "extensions"):
        for old, new in zip(before[kind], stored[kind], strict=True):
            replay = replayed(old, new, workspace.profile)
            assert [(e.action, e.party) for e in replay.events] == \
                [(e.action, e.party) for e in new.events]
            assert (replay.status, replay.paid) == (new.status, new.paid)
    for order in stored["payments"]:
        before_last = order.paid.amount - order.payments[-1].amount
        assert before_last < order.total.amount  # never paid on once nothing was left to pay
    for order in stored["extensions"]:
        assert max(Counter(e.party for e in order.events
                           if e.action == Action.EXTEND_RECEIVING).values(), default=0) <= 1
    if workspace.db.path:
        with sqlite3.connect(workspace.db.path) as check:
            assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

    totals = Counter()
    for report in reports:
        totals.update({k: report[k] for k in ("conflicts", "refused", "busy", "gave_up")})
    committed = sum(reported[kind].total() for kind in reported)
    print(f"\nhammer ({workspace.db.engine.dialect.name}): {PROCESSES} processes x "
          f"{OPERATIONS} operations in "
          f"{time.monotonic() - started:.1f} s: {committed} committed "
          f"({reported['payments'].total()} payments, {reported['extensions'].total()} "
          f"extensions, {reported['lines'].total()} draft edits), {dict(totals)}, 0 lost")
    assert committed + totals["refused"] + totals["busy"] + totals["gave_up"] \
        == PROCESSES * OPERATIONS
    assert reported["lines"] and reported["payments"]
