"""The dispute clock (TA_RULES.md DS-NEGOTIATE, DS-ESC-EARLY, DS-ESC-AUTO, DS-REPLY, DS-TEAM).

Every date of a dispute follows from its opening, the supplier's first proposal, the latest
unanswered proposal and the escalation, counted as the platform counts: the opening day is
day 1. Every number comes from the rule profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import Party
from ta_desktop.core.domain.workdays import WorkCalendar


def other_party(party: Party) -> Party:
    if party == Party.BUYER:
        return Party.SUPPLIER
    if party == Party.SUPPLIER:
        return Party.BUYER
    raise ValidationError("Only the buyer or the supplier make proposals.")


@dataclass(frozen=True)
class DisputeClock:
    """Every date of a dispute that follows from its opening, a proposal and an escalation."""

    opened: date
    escalate_from: date  # DS-ESC-EARLY
    auto_escalation: date  # DS-ESC-AUTO
    negotiation_max_end: date  # DS-NEGOTIATE: the longest negotiation ends on this day
    reply_due: date | None = None  # DS-REPLY
    reply_by: Party | None = None
    team_response_due: date | None = None  # DS-TEAM
    escalated: date | None = None
    # DS-ESC-EARLY: the supplier's first proposal (a counter-proposal) lets the buyer escalate
    # at once; None while the supplier has made none.
    supplier_proposal: date | None = None

    @property
    def early_by_counter_proposal(self) -> bool:
        """The buyer may escalate before the usual day because the supplier proposed."""
        return self.supplier_proposal is not None and self.escalate_from == self.supplier_proposal

    def day_number(self, day: date) -> int:
        """The dispute day of ``day``: the opening day is day 1."""
        return (day - self.opened).days + 1

    def pending(self) -> list[date]:
        """The deadlines someone must still act on, soonest first."""
        if self.escalated is not None:
            dates = [self.team_response_due]
        else:
            dates = [self.reply_due, self.auto_escalation]
        return sorted(d for d in dates if d is not None)

    def days_left(self, today: date) -> int | None:
        """Days from ``today`` to the nearest deadline still ahead (negative once all passed)."""
        dates = self.pending()
        if not dates:
            return None
        ahead = [d for d in dates if d >= today]
        return ((ahead[0] if ahead else dates[-1]) - today).days


def _day(opened: date, day_number: int) -> date:
    """The date of dispute day ``day_number`` (day 1 is the opening day)."""
    return opened + timedelta(days=day_number - 1)


def _check_order(opened: date, auto_escalation: date, proposal: date | None,
                 supplier_proposal: date | None, escalated: date | None) -> None:
    """Dates that cannot belong to one dispute raise ``ValidationError``."""
    for day, what, rule in ((proposal, "proposal", "DS-REPLY"),
                            (supplier_proposal, "supplier's proposal", "DS-ESC-EARLY"),
                            (escalated, "escalation", "DS-ESC-EARLY")):
        if day is not None and day < opened:
            raise ValidationError(
                f"The {what} ({day}) cannot come before the dispute was opened ({opened}).",
                rule=rule)
    if supplier_proposal is not None and proposal is not None and supplier_proposal > proposal:
        raise ValidationError(
            f"The supplier's first proposal ({supplier_proposal}) cannot come after the latest "
            f"proposal ({proposal}).", rule="DS-ESC-EARLY")
    end = escalated or auto_escalation
    for day in (proposal, supplier_proposal):
        if day is not None and day > end:
            raise ValidationError(
                f"A proposal on {day} is after the negotiation ended ({end}: "
                f"{'escalated' if escalated else 'automatic escalation'}).", rule="DS-NEGOTIATE")


def dispute_clock(
    opened: date,
    profile: RuleProfile,
    calendar: WorkCalendar,
    *,
    escalated: date | None = None,
    proposal: date | None = None,
    proposal_by: Party | None = None,
    supplier_proposal: date | None = None,
) -> DisputeClock:
    """The dates of a dispute, counted exactly as the platform does.

    Opened = day 1, so "from day 4" is opened + 3 days and "on day 31" is opened + 30 days; the
    buyer may escalate from the earlier of day 4 and the day of the supplier's first proposal
    (``supplier_proposal``; a pending ``proposal`` by the supplier counts when it is not given);
    a reply to a proposal made on day P is due on P + 7 days; the team answers within 5 working
    days after the escalation date. Impossible input raises ``ValidationError``.
    """
    if (proposal is None) != (proposal_by is None):
        raise ValidationError("Give both the day of the proposal and who made it.")
    reply_by = other_party(proposal_by) if proposal_by is not None else None
    if supplier_proposal is None and proposal_by == Party.SUPPLIER:
        supplier_proposal = proposal
    auto_escalation = _day(opened, profile.auto_escalation_on_day)
    _check_order(opened, auto_escalation, proposal, supplier_proposal, escalated)
    escalate_from = _day(opened, profile.manual_escalation_from_day)
    if supplier_proposal is not None:
        escalate_from = min(escalate_from, supplier_proposal)
    reply_due = proposal + timedelta(days=profile.proposal_reply_days) if proposal else None
    team_due = None
    if escalated is not None:
        if escalated < escalate_from:
            raise ValidationError(
                f"A dispute opened on {opened} can be escalated from {escalate_from} "
                f"(day {profile.manual_escalation_from_day}, or at once after the supplier's "
                f"counter-proposal), not on {escalated}.",
                rule="DS-ESC-EARLY",
            )
        if escalated > auto_escalation:
            raise ValidationError(
                f"A dispute opened on {opened} is escalated automatically on {auto_escalation} "
                f"(day {profile.auto_escalation_on_day}), so not later on {escalated}.",
                rule="DS-ESC-AUTO",
            )
        team_due = calendar.add_working_days(escalated, profile.team_response_working_days)
    return DisputeClock(
        opened=opened,
        escalate_from=escalate_from,
        auto_escalation=auto_escalation,
        negotiation_max_end=_day(opened, profile.negotiation_max_days),
        reply_due=reply_due,
        reply_by=reply_by,
        team_response_due=team_due,
        escalated=escalated,
        supplier_proposal=supplier_proposal,
    )
