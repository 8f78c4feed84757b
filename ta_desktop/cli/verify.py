"""``verify [--repair] [--quick] [--json]``: is the data sound? The database file's own check,
every evidence row's file against its SHA-256, and what the store holds that nothing uses.

Exit codes (a contract): 0 all is well, 1 problems remain, 2 the check could not run (the
database cannot be opened, a usage error).
"""

from __future__ import annotations

import argparse

from ta_desktop.cli.common import open_workspace, print_json


def register(commands: argparse._SubParsersAction) -> None:
    verify = commands.add_parser(
        "verify", help="check the database and every evidence file; --repair fixes what is safe",
        description="Checks only, unless --repair: then a missing or damaged evidence file is "
        "put back from a leftover copy in the store and leftovers older than a day are removed. "
        "Files no evidence uses are listed, never deleted.")
    for flag, meaning in (
        ("--repair", "also repair what can be repaired without losing anything"),
        ("--quick", "SQLite's quick_check instead of the full integrity_check"),
        ("--json", "print one JSON object"),
    ):
        verify.add_argument(flag, action="store_true", help=meaning)
    verify.set_defaults(handler=run_verify)

    rebuild = commands.add_parser(
        "rebuild-deadlines", help="compute every open deadline afresh into the table that "
        "What needs me, the reminders and `deadlines` read (a repair; nothing else changes)")
    rebuild.add_argument("--json", action="store_true", help="print one JSON object")
    rebuild.set_defaults(handler=run_rebuild_deadlines)


def run_verify(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        report = workspace.check_data(repair=args.repair, quick=args.quick)
    if args.json:
        print_json(report.to_json())
    else:
        print("\n".join(report.lines()))
    return 0 if report.ok else 1


def run_rebuild_deadlines(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        written = workspace.deadline_index.rebuild().value
    if args.json:
        print_json({"open_deadlines": written})
    else:
        print(f"{written:,} open deadline(s) computed afresh.")
    return 0
