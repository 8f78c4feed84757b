"""What an irreversible step does, in words, with the days it starts and ends: the question the
app asks before it (confirm delivery, cancel an order, escalate or cancel a dispute). Every day
comes from the rule profile and the work calendar, every amount from the one formatter."""

from __future__ import annotations

from datetime import date, timedelta

from ta_desktop.core.domain.disputes import DisputeEventKind
from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.lifecycle import dispute_window_end
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.workdays import WorkCalendar
from ta_desktop.core.services import formatting as fmt


def order_step(action: Action, order: Order, on: date, profile: RuleProfile) -> str:
    """The consequence of an order action done on ``on``; "" for an action that can be
    undone or corrected later."""
    day = fmt.long_day(on)
    if action == Action.CONFIRM_DELIVERY:
        if not order.online:
            return (f"Confirming delivery on {day} completes offline order "
                    f"{order.order_number}. Complaints stay possible until "
                    f"{fmt.long_day(dispute_window_end(order, profile))} (OFF-WINDOW).")
        return (f"Confirming delivery on {day} releases the payment of "
                f"{fmt.money_of(order.paid)} to the supplier and completes order "
                f"{order.order_number}. This cannot be taken back: after it you can only open a "
                f"dispute, until "
                f"{fmt.long_day(on + timedelta(days=profile.dispute_window_days))} "
                f"(DS-WINDOW).")
    if action == Action.CANCEL:
        return (f"Cancelling on {day} ends order {order.order_number} for good: it cannot be "
                f"sent, paid or confirmed again; a new order would be needed.")
    return ""


def dispute_step(kind: DisputeEventKind, order: Order, on: date, profile: RuleProfile,
                 calendar: WorkCalendar) -> str:
    """The consequence of escalating or cancelling the order's dispute on ``on``; "" for a
    step that is not final."""
    day = fmt.long_day(on)
    if kind == DisputeEventKind.ESCALATED:
        due = calendar.add_working_days(on, profile.team_response_working_days)
        return (f"Escalating on {day} hands the dispute to the platform's dispute team, which "
                f"normally responds within {profile.team_response_working_days} working days, "
                f"by {fmt.long_day(due)} (DS-TEAM). From then on you can no longer cancel the "
                f"dispute yourself, only ask the team to (DS-CANCEL).")
    if kind == DisputeEventKind.CANCELLED:
        before = next((e.from_status for e in reversed(order.events)
                       if e.action == Action.OPEN_DISPUTE), None)
        back = f" and the order goes back to \"{fmt.label(before)}\"" if before else ""
        return (f"Cancelling the dispute on {day} ends it{back}. The refund you asked for is "
                f"dropped; this cannot be taken back.")
    return ""
