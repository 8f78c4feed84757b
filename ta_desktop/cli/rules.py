"""``rules history|export|import|apply``: the rule profile's versions, as JSON files, and which
version an order follows.

``rules apply ORDER_NUMBER`` shows the deadlines that would move; with ``--yes`` it applies.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ta_desktop.cli.common import open_workspace, print_json, print_table


def register(commands: argparse._SubParsersAction) -> None:
    rules = commands.add_parser("rules", help="the rule profile's versions: list, export, "
                                "import, apply to an order")
    # Sub-parsers inherit the one error mapping (exit 2, one line) from ``rules``'s class.
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    history = actions.add_parser("history", help="every version, newest first")
    history.add_argument("--json", action="store_true", help="print JSON for scripts")
    history.set_defaults(handler=run_history)
    export = actions.add_parser("export", help="write a version as a JSON file")
    export.add_argument("path", type=Path, metavar="FILE.json")
    export.add_argument("--version", type=int, dest="profile_version", metavar="N",
                        help="the version to write (default: the one in force)")
    export.set_defaults(handler=run_export)
    load = actions.add_parser("import", help="make the profile in a JSON file the rules in "
                              "force (a new version)")
    load.add_argument("path", type=Path, metavar="FILE.json")
    load.add_argument("--reason", default="", help="why (kept in the history)")
    load.set_defaults(handler=run_import)
    apply = actions.add_parser("apply", help="show the deadlines of an order that a newer "
                               "version would move; with --yes, apply it")
    apply.add_argument("order_number", metavar="ORDER_NUMBER")
    apply.add_argument("--version", type=int, dest="profile_version", metavar="N",
                       help="the version to apply (default: the one in force)")
    apply.add_argument("--yes", action="store_true", help="apply after showing the preview")
    apply.add_argument("--json", action="store_true", help="print JSON for scripts")
    apply.set_defaults(handler=run_apply)


def run_history(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        items = workspace.rules.history()
        current = workspace.rules.current().version
    if args.json:
        print_json([{"version": item.version, "name": item.profile.name,
                     "source": item.profile.source, "date": item.profile.date,
                     "changed_by": item.changed_by, "changed_at": item.changed_at,
                     "reason": item.reason, "in_force": item.version == current}
                    for item in items])
        return 0
    print_table(["Version", "Name", "Date", "By", "At", "Why"], [
        [f"{item.version}{' *' if item.version == current else ''}", item.profile.name,
         item.profile.date, item.changed_by, item.changed_at, item.reason] for item in items])
    return 0


def run_export(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        item = workspace.rules.export_file(args.path, args.profile_version)
    print(f"Rule profile version {item.version} written to {args.path}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        profile = workspace.rules.import_file(args.path, args.reason).value
    print(f"Rule profile '{profile.name}' imported as version {profile.version}; it is in force "
          "for orders sent from now on.")
    return 0


def run_apply(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        order = workspace.orders.get_by_number(args.order_number)
        moves = workspace.rules.preview(order.id, workspace.disputes.order_deadlines,
                                        args.profile_version)
        applied = None
        if args.yes:
            applied = workspace.rules.apply(order.id, args.profile_version).value
    if args.json:
        print_json({"order_number": order.order_number, "from_version": order.profile_version,
                    "applied": applied is not None,
                    "to_version": applied.profile_version if applied else None,
                    "moves": [{"rule": m.rule, "title": m.title, "before": m.before,
                               "after": m.after} for m in moves]})
        return 0
    print("\n".join(str(move) for move in moves) or "No deadline of this order would move.")
    if applied is not None:
        print(f"Order {order.order_number} now follows version {applied.profile_version} of "
              "the rules.")
    else:
        print("Nothing applied; run again with --yes to apply.")
    return 0
