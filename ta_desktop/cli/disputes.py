"""``dispute-clock``: the dates of a dispute from its opening, a proposal and an escalation.
``deadlines``: every open deadline of the database, as a table, JSON or an .ics calendar."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ta_desktop.cli.common import (
    LIMIT,
    WITHIN,
    CommandError,
    iso_date,
    open_workspace,
    print_json,
    print_table,
)
from ta_desktop.core.domain.dispute_clock import DisputeClock, dispute_clock
from ta_desktop.core.domain.rules import default_profile
from ta_desktop.core.domain.types import Party
from ta_desktop.core.services import formatting as fmt
from ta_desktop.core.services.calendar_export import export_ics
from ta_desktop.core.services.workdays import team_calendar


def register(commands: argparse._SubParsersAction) -> None:
    clock = commands.add_parser(
        "dispute-clock",
        help="the deadlines of a dispute (escalation, replies, the dispute team)",
        description="Counts a dispute's days as the platform does: the opening day is day 1.",
    )
    clock.add_argument("--opened", type=iso_date, required=True, metavar="YYYY-MM-DD",
                       help="the day the dispute was opened (day 1)")
    clock.add_argument("--escalated", type=iso_date, metavar="YYYY-MM-DD",
                       help="the day it was escalated to the dispute team")
    clock.add_argument("--proposal", type=iso_date, metavar="YYYY-MM-DD",
                       help="the day of the latest unanswered proposal (by the supplier: "
                            "the buyer may escalate from that day, DS-ESC-EARLY)")
    clock.add_argument("--by", choices=[Party.BUYER.value, Party.SUPPLIER.value],
                       help="who made that proposal")
    clock.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD",
                       help="count days left from this day (default: today)")
    clock.add_argument("--json", action="store_true", help="print one JSON object")
    clock.set_defaults(handler=run_dispute_clock)

    deadlines = commands.add_parser(
        "deadlines", help="the open deadlines of every order, buyer actions first")
    deadlines.add_argument("--within", type=WITHIN, metavar="DAYS",
                           help="only those due in the next DAYS days (overdue ones included)")
    deadlines.add_argument("--limit", type=LIMIT, metavar="N",
                           help="the first N only, in What needs me's order")
    deadlines.add_argument("--json", action="store_true", help="print JSON for scripts")
    deadlines.add_argument("--ics", type=Path, metavar="FILE",
                           help="also write them to an .ics calendar file (re-import updates)")
    deadlines.set_defaults(handler=run_deadlines)


def clock_json(clock: DisputeClock, today: date) -> dict[str, object]:
    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    return {
        "escalate_from": iso(clock.escalate_from),
        "auto_escalation": iso(clock.auto_escalation),
        "reply_due": iso(clock.reply_due),
        "reply_by": clock.reply_by.value if clock.reply_by else None,
        "team_response_due": iso(clock.team_response_due),
        "days_left": clock.days_left(today),
    }


def run_dispute_clock(args: argparse.Namespace) -> int:
    profile = default_profile()
    clock = dispute_clock(
        args.opened,
        profile,
        team_calendar(profile),
        escalated=args.escalated,
        proposal=args.proposal,
        proposal_by=Party(args.by) if args.by else None,
    )
    today = args.today or date.today()
    if today < args.opened:
        raise CommandError(f"--today ({today}) is before the dispute was opened "
                           f"(--opened {args.opened}).")
    if args.json:
        print_json(clock_json(clock, today))
        return 0
    rows = [
        ["Dispute opened (day 1)", clock.opened, "", ""],
        ["Buyer may escalate from" + (" (the supplier proposed)"
                                      if clock.early_by_counter_proposal else ""),
         clock.escalate_from, Party.BUYER, "DS-ESC-EARLY"],
        ["Automatic escalation", clock.auto_escalation, Party.PLATFORM, "DS-ESC-AUTO"],
    ]
    if clock.reply_due:
        rows.append([f"Reply to the {args.by}'s proposal due", clock.reply_due,
                     clock.reply_by, "DS-REPLY"])
    if clock.team_response_due:
        rows.append(["Dispute team response due", clock.team_response_due, Party.PLATFORM,
                     "DS-TEAM"])
    rows.sort(key=lambda row: row[1])
    for row in rows:
        row.insert(2, f"day {clock.day_number(row[1])}")
    print_table(["What", "Date", "Dispute day", "Who acts", "Rule"], rows)
    left = clock.days_left(today)
    if left is not None:
        when = f"{left} day(s) left" if left >= 0 else f"{-left} day(s) overdue"
        print(f"\nNearest deadline from {fmt.day(today)}: {when}.")
    return 0


def run_deadlines(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        today = workspace.today()
        found = workspace.disputes.deadlines(within=args.within, limit=args.limit)
    if args.ics is not None:
        export_ics(found, args.ics)
    if args.json:
        print_json([deadline.to_json(today) for deadline in found])
        return 0
    rows = [
        [d.due, d.safe_by, d.left_text(today), d.party, d.title,
         d.order_number, d.rule]
        for d in found
    ]
    print_table(["Due", "Safe by", "Left", "Who acts", "What", "Order", "Rule"], rows)
    if args.ics is not None:
        print(f"\n{len(found)} deadline(s) written to {args.ics}.")
    return 0
