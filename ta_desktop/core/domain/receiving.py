"""Receiving the goods: how long the buyer has to confirm delivery (RC-WINDOW, RC-EXT) and the
day the goods count as delivered for the dispute window (DS-WINDOW).

The guide never states the receiving window: the platform shows a "confirm receipt by" date on
each order, and it depends on the shipping method. The buyer copies that date into the order;
until then the window is an estimate from the profile's default for the shipping method (the
shortest of them when the method is not known), and every date drawn from it says "estimate".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import ShippingMethod


def default_receiving_days(profile: RuleProfile, method: ShippingMethod | None) -> int:
    """RC-WINDOW's estimate in days after shipment; the shortest when the method is unknown,
    so an estimate never promises the buyer more time than the platform may give."""
    days = {
        ShippingMethod.EXPRESS: profile.receiving_window_express_days,
        ShippingMethod.AIR: profile.receiving_window_air_days,
        ShippingMethod.SEA: profile.receiving_window_sea_days,
        ShippingMethod.LAND: profile.receiving_window_land_days,
    }
    return days[method] if method is not None else min(days.values())


def shipped_on(order: Order) -> date | None:
    return order.date_of(Action.MARK_SHIPPED)


def receiving_extension_days(order: Order, profile: RuleProfile) -> int:
    """Days the receiving time was extended (RC-EXT: once per party, capped)."""
    return min(order.extension_count * profile.receiving_extension_days,
               profile.receiving_extension_max_days)


@dataclass(frozen=True)
class ReceivingWindow:
    shipped: date
    end: date  # the last day to confirm delivery, extensions included
    base_end: date  # the same before any extension
    estimate: bool  # True until the buyer enters the platform's "confirm receipt by" date


def receiving_window(order: Order, profile: RuleProfile) -> ReceivingWindow | None:
    """The window to confirm delivery once the order has shipped (RC-WINDOW, RC-EXT)."""
    shipped = shipped_on(order)
    if shipped is None:
        return None
    extra = receiving_extension_days(order, profile)
    if order.confirm_receipt_by is not None:
        # The platform's own date, extensions included (recording one moves it).
        end = order.confirm_receipt_by
        return ReceivingWindow(shipped, end, end - timedelta(days=extra), estimate=False)
    base_end = shipped + timedelta(days=default_receiving_days(profile, order.shipping_method))
    return ReceivingWindow(shipped, base_end + timedelta(days=extra), base_end, estimate=True)


def delivered_on(order: Order) -> date | None:
    """The day DS-WINDOW counts from: the earlier of the recorded arrival and the delivery
    confirmation (the conservative reading of "30 days after delivery [is confirmed]")."""
    days = [d for d in (order.arrived_on, order.date_of(Action.CONFIRM_DELIVERY)) if d]
    return min(days) if days else None


def receiving_problem(order: Order, *, confirm_receipt_by: date | None,
                      arrived_on: date | None, today: date) -> dict[str, str]:
    """Why the receiving dates cannot be recorded on ``order``, by field (empty when they can)."""
    shipped = shipped_on(order)
    errors: dict[str, str] = {}
    for name, day in (("confirm_receipt_by", confirm_receipt_by), ("arrived_on", arrived_on)):
        if day is None:
            continue
        if shipped is None:
            errors[name] = "Record this once the order has shipped."
        elif day < shipped:
            errors[name] = f"This cannot be before the shipment ({shipped.isoformat()})."
    if arrived_on is not None and arrived_on > today and "arrived_on" not in errors:
        errors["arrived_on"] = "That day is in the future; record what has happened."
    return errors
