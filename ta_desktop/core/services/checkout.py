"""Everything "Send to supplier" asks about, in one confirmation: the specification's readiness,
its missing sections and whether an inspection is booked (``domain.inspections``), and what the
other rules warn about the order — its supplier (SUP-ELIG, SUP-LIMIT, PAY-TT), an agreed
shipment date too close (LEAD) and a certificate expiring before shipment (SUP-CERT)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ta_desktop.core.domain.certificates import shipment_warnings
from ta_desktop.core.domain.deadlines import lead_time_warning
from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.fees import Notice
from ta_desktop.core.domain.inspections import CheckoutReview
from ta_desktop.core.domain.supplier_rules import order_warnings
from ta_desktop.core.services.buyer_settings import load_fee_schedule

if TYPE_CHECKING:
    from ta_desktop.core.services.workspace import Workspace


def supplier_warnings(workspace: Workspace, order: Order) -> list[Notice]:
    """SUP-ELIG, SUP-LIMIT and PAY-TT for this order's supplier (none before one is set)."""
    supplier = workspace.suppliers.find(order.supplier_id)
    if supplier is None:
        return []
    profile = workspace.profile_for(order)
    return order_warnings(order, supplier, profile,
                          load_fee_schedule(workspace.settings, profile))


def send_review(workspace: Workspace, order_id: int) -> CheckoutReview:
    """The one confirmation before the stored order ``order_id`` goes to the supplier."""
    order = workspace.orders.get(order_id)
    cautions = [str(notice) for notice in supplier_warnings(workspace, order)]
    lead = lead_time_warning(order, workspace.profile_for(order), workspace.today())
    if lead:
        cautions.append(lead)
    supplier = workspace.suppliers.find(order.supplier_id)
    if supplier is not None:
        cautions += [w.text for w in shipment_warnings(order, supplier.certificates)]
    review = workspace.inspections.checkout_review(order_id)
    return dataclasses.replace(review, cautions=tuple(cautions))
