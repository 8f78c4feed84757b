"""The dispute workflow as pure logic (TA_RULES.md DS-*, EV-TEXT, OFFLINE).

A ``Dispute`` is its claim plus a list of dated events. Its stage, the pending proposal and
every clock are derived from those events, so nobody types a deadline: ``dispute_clock`` does the
day counting (opened = day 1) and ``effective_events`` adds what the platform does by itself
when a clock runs out (automatic escalation, a silent party).

``record`` is the one way to add an event: it replays the automatic events up to the event's
day, checks the event against the stage and the rules, updates the order's status through the
lifecycle where the dispute changes it, and appends.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.bounds import amount_problem
from ta_desktop.core.domain.dispute_clock import DisputeClock, dispute_clock
from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.errors import NotAllowed, ValidationError
from ta_desktop.core.domain.lifecycle import Check
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import ClaimType, Money, OrderStatus, Party
from ta_desktop.core.domain.workdays import WorkCalendar

# --- EV-TEXT ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextProblem:
    position: int
    character: str


def non_english_characters(text: str) -> list[TextProblem]:
    """Every character the platform may reject in a complaint text (EV-TEXT).

    Conservative: anything outside printable ASCII (letters with accents, CJK, typographic
    quotes and dashes), except line breaks and tabs.
    """
    return [
        TextProblem(index, char)
        for index, char in enumerate(text)
        if not (char.isascii() and (char.isprintable() or char in "\n\r\t"))
    ]


# What a run of characters is called in the warning, by the first word of its Unicode name.
_SCRIPT_NAMES = {
    "CJK": "Chinese characters", "HIRAGANA": "Japanese characters",
    "KATAKANA": "Japanese characters", "HANGUL": "Korean characters",
    "CYRILLIC": "Cyrillic letters", "GREEK": "Greek letters", "ARABIC": "Arabic letters",
    "HEBREW": "Hebrew letters", "THAI": "Thai letters", "DEVANAGARI": "Hindi letters",
    "LATIN": "accented letters",
}
_OTHER = "typographic quotes, dashes or symbols"
_SAMPLES = 3


def _script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    if "FULLWIDTH" in name or "IDEOGRAPHIC" in name:
        return _SCRIPT_NAMES["CJK"]
    return _SCRIPT_NAMES.get(name.split(" ", 1)[0], _OTHER)


def claim_text_warning(text: str) -> str | None:
    """One plain sentence for the user, or None when the text is plain English characters:
    "The claim text contains Chinese characters (收…); the platform accepts English only." """
    found: dict[str, list[str]] = {}
    for problem in non_english_characters(text):
        samples = found.setdefault(_script_of(problem.character), [])
        if problem.character not in samples:
            samples.append(problem.character)
    if not found:
        return None
    parts = [f"{kind} ({''.join(chars[:_SAMPLES])}{'…' if len(chars) > _SAMPLES else ''})"
             for kind, chars in found.items()]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"The claim text contains {listed}; the platform accepts English only."


# --- events and stages -----------------------------------------------------------------------


class DisputeEventKind(StrEnum):
    OPENED = "opened"
    PROPOSAL = "proposal"
    REPLY = "reply"
    ESCALATED = "escalated"
    CANCELLED = "cancelled"
    # DS-CANCEL: after escalation the buyer only asks the dispute team to cancel; the team's
    # answer (``accepted``) ends the request.
    CANCEL_REQUESTED = "cancel_requested"
    CANCEL_ANSWERED = "cancel_answered"
    DECISION = "decision"
    REFUND = "refund"
    RETURN = "return"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    DisputeEventKind.OPENED: "Dispute opened",
    DisputeEventKind.PROPOSAL: "Proposal",
    DisputeEventKind.REPLY: "Reply",
    DisputeEventKind.ESCALATED: "Escalated",
    DisputeEventKind.CANCELLED: "Dispute cancelled",
    DisputeEventKind.CANCEL_REQUESTED: "Cancellation asked of the dispute team",
    DisputeEventKind.CANCEL_ANSWERED: "Dispute team answered the cancellation request",
    DisputeEventKind.DECISION: "Decision",
    DisputeEventKind.REFUND: "Refund received",
    DisputeEventKind.RETURN: "Goods returned",
}


class DisputeStage(StrEnum):
    NEGOTIATION = "negotiation"
    ESCALATED = "escalated"
    CANCEL_REQUESTED = "cancel requested"  # DS-CANCEL: waiting for the dispute team's answer
    AGREED = "agreed"  # a proposal was accepted
    DECIDED = "decided"  # the dispute team decided
    CANCELLED = "cancelled"
    CLOSED = "closed"  # refund or return done (DS-AFTER)

    @property
    def label(self) -> str:
        if self == DisputeStage.CANCEL_REQUESTED:
            return "Escalated, cancellation requested"
        return self.value.capitalize()

    @property
    def is_final(self) -> bool:
        return self in (DisputeStage.CANCELLED, DisputeStage.CLOSED)


@dataclass
class DisputeEvent:
    kind: DisputeEventKind
    on: date
    party: Party | None = None
    note: str = ""
    amount: Decimal | None = None  # proposed, decided or refunded amount
    accepted: bool | None = None  # a reply: accepted or declined
    outcome: OrderStatus | None = None  # a decision: refunded / partially refunded / closed
    automatic: bool = False  # done by the platform because a clock ran out
    rule: str | None = None
    id: int | None = None
    recorded_by: str = ""  # the team member who recorded it (set when stored)
    recorded_at: datetime | None = None

    @property
    def title(self) -> str:
        kind = self.kind
        who = self.party.value.capitalize() if self.party else ""
        if kind == DisputeEventKind.PROPOSAL:
            return f"{who} proposal"
        if kind == DisputeEventKind.REPLY:
            verdict = {True: "accepted", False: "declined", None: "replied"}[self.accepted]
            return f"{who} {verdict}"
        if kind == DisputeEventKind.ESCALATED:
            return "Escalated automatically" if self.automatic else f"Escalated by {who.lower()}"
        if kind == DisputeEventKind.CANCELLED and self.automatic:
            return "Cancelled (buyer did not reply)"
        if kind == DisputeEventKind.CANCEL_ANSWERED:
            verdict = {True: "accepted", False: "declined", None: "answered"}[self.accepted]
            return f"Dispute team {verdict} the cancellation"
        return kind.label


_STAGE_AFTER = {
    DisputeEventKind.OPENED: DisputeStage.NEGOTIATION,
    DisputeEventKind.ESCALATED: DisputeStage.ESCALATED,
    DisputeEventKind.CANCELLED: DisputeStage.CANCELLED,
    DisputeEventKind.CANCEL_REQUESTED: DisputeStage.CANCEL_REQUESTED,
    DisputeEventKind.DECISION: DisputeStage.DECIDED,
    DisputeEventKind.REFUND: DisputeStage.CLOSED,
    DisputeEventKind.RETURN: DisputeStage.CLOSED,
}


@dataclass
class Dispute:
    claim: ClaimType
    requested_refund: Money
    claim_text: str
    events: list[DisputeEvent] = field(default_factory=list)
    order_id: int | None = None
    order_number: str = ""
    id: int | None = None
    version: int = 0  # the stored version this copy was read at (0: never stored)

    @property
    def opened_on(self) -> date:
        return self.events[0].on

    def _first(self, kind: DisputeEventKind) -> DisputeEvent | None:
        return next((e for e in self.events if e.kind == kind), None)

    @property
    def escalation(self) -> DisputeEvent | None:
        return self._first(DisputeEventKind.ESCALATED)

    @property
    def stage(self) -> DisputeStage:
        stage = DisputeStage.NEGOTIATION
        for event in self.events:
            if event.kind == DisputeEventKind.REPLY and event.accepted:
                stage = DisputeStage.AGREED
            elif event.kind == DisputeEventKind.CANCEL_ANSWERED:
                stage = DisputeStage.CANCELLED if event.accepted else DisputeStage.ESCALATED
            else:
                stage = _STAGE_AFTER.get(event.kind, stage)
        return stage

    @property
    def pending_proposal(self) -> DisputeEvent | None:
        """The latest proposal nobody has answered yet (a counter-proposal answers it)."""
        if self.stage != DisputeStage.NEGOTIATION:
            return None
        talk = [e for e in self.events if e.kind in (DisputeEventKind.PROPOSAL,
                                                     DisputeEventKind.REPLY)]
        return talk[-1] if talk and talk[-1].kind == DisputeEventKind.PROPOSAL else None

    @property
    def cancel_request(self) -> DisputeEvent | None:
        """DS-CANCEL: the buyer's request to the dispute team still waiting for its answer."""
        if self.stage != DisputeStage.CANCEL_REQUESTED:
            return None
        return [e for e in self.events if e.kind == DisputeEventKind.CANCEL_REQUESTED][-1]

    @property
    def first_supplier_proposal(self) -> DisputeEvent | None:
        """DS-ESC-EARLY: from this proposal on, the buyer may escalate at once."""
        return next((e for e in self.events if e.kind == DisputeEventKind.PROPOSAL
                     and e.party == Party.SUPPLIER), None)

    def clock(self, profile: RuleProfile, calendar: WorkCalendar) -> DisputeClock:
        pending = self.pending_proposal
        escalation = self.escalation
        countered = self.first_supplier_proposal
        return dispute_clock(
            self.opened_on,
            profile,
            calendar,
            escalated=escalation.on if escalation else None,
            proposal=pending.on if pending else None,
            proposal_by=pending.party if pending else None,
            supplier_proposal=countered.on if countered else None,
        )


# --- what the platform does by itself ----------------------------------------------------------


def _next_automatic(
    dispute: Dispute, profile: RuleProfile, calendar: WorkCalendar, until: date
) -> DisputeEvent | None:
    if dispute.stage != DisputeStage.NEGOTIATION:
        return None
    clock = dispute.clock(profile, calendar)
    candidates: list[DisputeEvent] = []
    if clock.reply_due is not None:
        silent_from = clock.reply_due + timedelta(days=1)
        if clock.reply_by == Party.SUPPLIER:
            candidates.append(DisputeEvent(
                DisputeEventKind.ESCALATED, silent_from, Party.PLATFORM, automatic=True,
                rule="DS-REPLY", note="The supplier did not answer the proposal in time."))
        else:
            candidates.append(DisputeEvent(
                DisputeEventKind.CANCELLED, silent_from, Party.PLATFORM, automatic=True,
                rule="DS-REPLY", note="The buyer did not answer the proposal in time."))
    candidates.append(DisputeEvent(
        DisputeEventKind.ESCALATED, clock.auto_escalation, Party.PLATFORM, automatic=True,
        rule="DS-ESC-AUTO", note="Unresolved disputes are escalated automatically."))
    first = min(candidates, key=lambda e: e.on)
    return first if first.on <= until else None


def automatic_events(
    dispute: Dispute, profile: RuleProfile, calendar: WorkCalendar, until: date
) -> list[DisputeEvent]:
    """What the platform has done by itself up to ``until`` (not yet in ``dispute.events``)."""
    probe = dataclasses.replace(dispute, events=list(dispute.events))
    added = []
    while (event := _next_automatic(probe, profile, calendar, until)) is not None:
        probe.events.append(event)
        added.append(event)
    return added


def effective_events(
    dispute: Dispute, profile: RuleProfile, calendar: WorkCalendar, today: date
) -> Dispute:
    """The dispute as it stands on ``today``: recorded events plus the platform's automatic ones."""
    extra = automatic_events(dispute, profile, calendar, today)
    return dataclasses.replace(dispute, events=[*dispute.events, *extra])


# --- opening and recording -------------------------------------------------------------------


def validate_claim(order: Order, claim: ClaimType, requested: Money, claim_text: str) -> None:
    errors: dict[str, str] = {}
    if requested.currency != order.currency:
        errors["requested_refund"] = (
            f"The refund must be asked in the order's currency ({order.currency})."
        )
    elif requested.amount <= 0:
        errors["requested_refund"] = "Ask for a refund of more than zero."
    elif problem := amount_problem(requested.amount, "refund asked"):
        errors["requested_refund"] = problem
    elif requested.amount > order.paid.amount:
        errors["requested_refund"] = (
            f"The refund asked ({requested}) is more than was paid ({order.paid})."
        )
    if not claim_text.strip():
        errors["claim_text"] = "Describe the problem: the dispute team decides on evidence."
    if errors:
        raise ValidationError(" ".join(errors.values()), field_errors=errors, rule="DS-OPEN")


def open_dispute(
    order: Order,
    profile: RuleProfile,
    on: date,
    *,
    claim: ClaimType,
    requested_refund: Money,
    claim_text: str,
    note: str = "",
) -> Dispute:
    """Open a dispute on ``order`` (DS-OPEN, OFFLINE, DS-WINDOW) and move it to IN_DISPUTE.

    A non-English claim text is allowed here; the UI shows ``claim_text_warning`` before.
    """
    verdict = lifecycle.check(order, Action.OPEN_DISPUTE, profile, on, claim=claim)
    if not verdict:
        raise NotAllowed(verdict.reason, rule=verdict.rule)
    validate_claim(order, claim, requested_refund, claim_text)
    lifecycle.transition(order, Action.OPEN_DISPUTE, profile, on, party=Party.BUYER,
                         claim=claim, note=note or claim.label)
    return Dispute(
        claim=claim,
        requested_refund=requested_refund,
        claim_text=claim_text,
        events=[DisputeEvent(DisputeEventKind.OPENED, on, Party.BUYER, note=note,
                             amount=requested_refund.amount)],
        order_id=order.id,
        order_number=order.order_number,
    )


def _no(reason: str, rule: str | None = None) -> Check:
    return Check(False, reason, rule)


def check_event(
    dispute: Dispute, event: DisputeEvent, profile: RuleProfile, calendar: WorkCalendar,
    paid: Money,
) -> Check:
    """May ``event`` be added to ``dispute`` (which already holds the automatic events)?"""
    kind, on, party = event.kind, event.on, event.party
    K, St = DisputeEventKind, DisputeStage
    if kind == K.OPENED:
        return _no("A dispute is opened only once.")
    if on < dispute.opened_on:
        return _no(f"Nothing can happen before the dispute was opened ({dispute.opened_on}).")
    last = dispute.events[-1]
    if on < last.on:
        return _no(f"The last event was on {last.on}; record events in the order they happened.")
    if event.amount is not None and (problem := amount_problem(event.amount, zero_ok=True)):
        return _no(problem)
    stage = dispute.stage
    if stage.is_final:
        return _no(f"The dispute is {stage.label.lower()}; nothing more can happen.")
    clock = dispute.clock(profile, calendar)
    if kind == K.PROPOSAL:
        if stage != St.NEGOTIATION:
            return _no("Proposals are made while buyer and supplier negotiate.", "DS-NEGOTIATE")
        if party not in (Party.BUYER, Party.SUPPLIER):
            return _no("A proposal comes from the buyer or the supplier.", "DS-NEGOTIATE")
        if event.amount is not None and not 0 <= event.amount <= paid.amount:
            return _no(f"A proposed refund is between 0 and what was paid ({paid}).")
        return Check(True)
    if kind == K.REPLY:
        pending = dispute.pending_proposal
        if pending is None:
            return _no("There is no open proposal to answer.", "DS-REPLY")
        if party != clock.reply_by:
            return _no(f"The {clock.reply_by.value} answers the {pending.party.value}'s "
                       "proposal.", "DS-REPLY")
        return Check(True)
    if kind == K.ESCALATED:
        if stage != St.NEGOTIATION:
            return _no("Only a dispute in negotiation can be escalated.", "DS-ESC-EARLY")
        if not event.automatic and on < clock.escalate_from:
            return _no(
                f"The buyer may escalate from day {profile.manual_escalation_from_day} "
                f"({clock.escalate_from}), or at once after the supplier's counter-proposal.",
                "DS-ESC-EARLY")
        return Check(True)
    if kind == K.CANCELLED:
        if stage in (St.ESCALATED, St.CANCEL_REQUESTED):
            return _no("After escalation the buyer cannot cancel the dispute, only ask the "
                       "dispute team to cancel it.", "DS-CANCEL")
        if stage != St.NEGOTIATION:
            return _no("Only an undecided dispute can be cancelled.", "DS-CANCEL")
        return Check(True)
    if kind == K.CANCEL_REQUESTED:
        if stage == St.CANCEL_REQUESTED:
            return _no("The dispute team has not answered the last cancellation request yet.",
                       "DS-CANCEL")
        if stage != St.ESCALATED:
            return _no("The dispute team is asked to cancel only an escalated dispute; before "
                       "escalation the buyer cancels it directly.", "DS-CANCEL")
        return Check(True)
    if kind == K.CANCEL_ANSWERED:
        if stage != St.CANCEL_REQUESTED:
            return _no("No cancellation request is waiting for the dispute team.", "DS-CANCEL")
        if event.accepted is None:
            return _no("Say whether the dispute team accepted or declined the cancellation.",
                       "DS-CANCEL")
        return Check(True)
    if kind == K.DECISION:
        if stage == St.CANCEL_REQUESTED:
            return _no("Record the dispute team's answer to the cancellation request first.",
                       "DS-CANCEL")
        if stage != St.ESCALATED:
            return _no("The dispute team decides only escalated disputes.", "DS-TEAM")
        if event.outcome not in lifecycle.DISPUTE_OUTCOMES:
            return _no("A decision ends refunded, partially refunded or closed.", "DS-AFTER")
        if event.amount is not None and not 0 <= event.amount <= paid.amount:
            return _no(f"A refund is between 0 and what was paid ({paid}).", "DS-AFTER")
        return Check(True)
    if kind in (K.REFUND, K.RETURN):
        if stage not in (St.AGREED, St.DECIDED):
            return _no("Refund or return follows an agreement or the team's decision.",
                       "DS-AFTER")
        return Check(True)
    raise AssertionError(f"unhandled dispute event {kind}")  # pragma: no cover


def cancel_event(dispute: Dispute, on: date | None, note: str = "") -> DisputeEvent:
    """What the buyer's "cancel the dispute" is (DS-CANCEL): a cancellation before
    escalation, a request to the dispute team after it."""
    escalated = dispute.stage in (DisputeStage.ESCALATED, DisputeStage.CANCEL_REQUESTED)
    kind = DisputeEventKind.CANCEL_REQUESTED if escalated else DisputeEventKind.CANCELLED
    return DisputeEvent(kind, on, Party.BUYER, note=note, rule="DS-CANCEL")  # type: ignore[arg-type]


def outcome_for(amount: Decimal | None, paid: Money) -> OrderStatus:
    if not amount:
        return OrderStatus.CLOSED
    return OrderStatus.REFUNDED if amount >= paid.amount else OrderStatus.PARTIALLY_REFUNDED


def record(
    dispute: Dispute,
    order: Order,
    event: DisputeEvent,
    profile: RuleProfile,
    calendar: WorkCalendar,
) -> list[DisputeEvent]:
    """Add ``event`` after any automatic events due by its day; returns every event added.

    The order follows: a cancelled dispute returns it to its status before the dispute; an
    agreement or a decision ends it refunded, partially refunded or closed.
    """
    added = automatic_events(dispute, profile, calendar, event.on)
    # Automatic events of the event's own day come first: the platform's clocks run out at
    # the start of a day (escalation "on day 31"; a reply due on day P + 7 is still in time).
    dispute.events.extend(added)
    verdict = check_event(dispute, event, profile, calendar, order.paid)
    if not verdict:
        del dispute.events[len(dispute.events) - len(added):]
        raise NotAllowed(verdict.reason, rule=verdict.rule)
    if event.kind == DisputeEventKind.REPLY and event.accepted:
        event.amount = dispute.pending_proposal.amount  # type: ignore[union-attr]
    if event.kind == DisputeEventKind.DECISION and event.amount is None:
        event.amount = Decimal(0) if event.outcome == OrderStatus.CLOSED else order.paid.amount
    dispute.events.append(event)
    added.append(event)
    _follow_order(dispute, order, added, profile)
    return added


def apply_automatic(
    dispute: Dispute, order: Order, profile: RuleProfile, calendar: WorkCalendar, today: date
) -> list[DisputeEvent]:
    """Record what the platform has done by itself up to ``today``, and move the order along."""
    added = automatic_events(dispute, profile, calendar, today)
    dispute.events.extend(added)
    _follow_order(dispute, order, added, profile)
    return added


def _follow_order(
    dispute: Dispute, order: Order, added: list[DisputeEvent], profile: RuleProfile
) -> None:
    if order.status != OrderStatus.IN_DISPUTE:
        return
    for event in added:
        if event.kind == DisputeEventKind.CANCELLED or (
                event.kind == DisputeEventKind.CANCEL_ANSWERED and event.accepted):
            lifecycle.transition(order, Action.CANCEL_DISPUTE, profile, event.on,
                                 party=event.party, note=event.note or "Dispute cancelled")
            return
        ends = event.kind == DisputeEventKind.DECISION or (
            event.kind == DisputeEventKind.REPLY and event.accepted)
        if ends:
            outcome = event.outcome or outcome_for(event.amount, order.paid)
            lifecycle.transition(order, Action.RESOLVE_DISPUTE, profile, event.on,
                                 party=event.party, outcome=outcome, note=event.title)
            return
