"""An order's specification judged as part of its contract.

The score (dispute readiness) is stored next to the text so the order list can show and sort by
it; it is always computed from the text and the order, so the two never disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ta_desktop.core.domain.entities import Order

if TYPE_CHECKING:
    from ta_desktop.core.domain.speclint import LintReport

# How much text a specification may be: a 20,000-word one is about 150 KB, so anything longer
# is not a specification (and /dev/zero or an endless pipe must not fill the memory).
MAX_SPEC_BYTES = 8 * 1024 * 1024


def sections_on_order(order: Order) -> frozenset[str]:
    """Spec sections the order itself states on the platform: its agreed shipment date, and the
    quantity of each line."""
    found = set()
    if order.shipment_date is not None:
        found.add("shipment_date")
    if order.lines and all(line.quantity > 0 for line in order.lines):
        found.add("quantity")
    return frozenset(found)


def spec_report(order: Order) -> LintReport:
    """The order's specification linted, counting what the order states itself."""
    # The linter's hundred patterns are compiled when it is imported: on first use, not at
    # start-up (the app warms it up off the GUI thread once its window shows).
    from ta_desktop.core.domain.speclint import lint

    return lint(order.spec_text, sections_on_order(order))


def readiness(order: Order) -> int | None:
    """The score to store for the order's specification; None when it has none yet."""
    if not order.spec_text.strip():
        return None
    return spec_report(order).score
