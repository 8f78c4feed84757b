"""One window of the hammer test (test_hammer.py): many writes on the same orders, through the
services, as a user would do them. Run as ``python -m tests.core.hammer_worker DB OUT SEED N
PAYMENT_IDS EXTENSION_IDS DRAFT_IDS`` (ids comma-separated); prints "ready", waits for a line
on stdin, works, and writes what it was told was committed to OUT as JSON."""

from __future__ import annotations

import json
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

from ta_desktop.core.domain.entities import Action, OrderLine, Payment
from ta_desktop.core.domain.errors import ConflictError, NotAllowed, StorageError
from ta_desktop.core.domain.types import Party, PaymentStatus
from ta_desktop.core.services.workspace import Workspace
from tests.factories import TODAY

ATTEMPTS = 30  # a user reloads and types the change again this often before giving up


class Window:
    def __init__(self, db: str, seed: int, data_dir: Path):
        self.workspace = Workspace.open(db, today=lambda: TODAY, data_dir=data_dir)
        self.orders = self.workspace.orders
        self.random = random.Random(seed)
        self.seed = seed
        self.done: dict[str, list] = {"payments": [], "extensions": [], "lines": []}
        self.counts = {"conflicts": 0, "refused": 0, "busy": 0, "gave_up": 0}

    def pay(self, order_id: int, op: int) -> None:
        reference = f"w{self.seed}-{op}"
        amount = Decimal(self.random.randint(500, 2000)) / 100
        try:
            self.orders.perform(order_id, Action.RECORD_PAYMENT, payment=Payment(
                amount, TODAY, PaymentStatus.RECEIVED, reference=reference))
        except NotAllowed:
            self.counts["refused"] += 1
            return
        self.done["payments"].append([order_id, reference])

    def extend(self, order_id: int, _op: int) -> None:
        party = self.random.choice((Party.BUYER, Party.SUPPLIER))
        try:
            self.orders.perform(order_id, Action.EXTEND_RECEIVING, party=party)
        except NotAllowed:
            self.counts["refused"] += 1
            return
        self.done["extensions"].append([order_id, party.value])

    def edit(self, order_id: int, op: int) -> None:
        product = f"w{self.seed}-{op}"
        for _ in range(ATTEMPTS):
            order = self.orders.get(order_id)  # open it (again, after a conflict)
            time.sleep(self.random.random() / 500)  # typing
            order.lines.append(OrderLine(product, 1, Decimal("1.00")))
            try:
                self.orders.save(order)
            except ConflictError:
                self.counts["conflicts"] += 1
                continue
            self.done["lines"].append([order_id, product])
            return
        self.counts["gave_up"] += 1

    def run(self, operations: int, kinds: list[tuple]) -> None:
        for op in range(operations):
            action, ids = self.random.choice(kinds)
            try:
                action(self.random.choice(ids), op)
            except StorageError:
                self.counts["busy"] += 1  # not committed: the user is told to try again


def main(argv: list[str]) -> None:
    db, out, seed, operations = argv[0], Path(argv[1]), int(argv[2]), int(argv[3])
    payments, extensions, drafts = ([int(i) for i in ids.split(",")] for ids in argv[4:7])
    window = Window(db, seed, out.with_suffix(".data"))
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.monotonic()
    window.run(operations, [(window.pay, payments), (window.pay, payments),
                            (window.extend, extensions), (window.edit, drafts),
                            (window.edit, drafts)])
    out.write_text(json.dumps({**window.done, **window.counts,
                               "seconds": time.monotonic() - started}))
    window.workspace.close()


if __name__ == "__main__":
    main(sys.argv[1:])
