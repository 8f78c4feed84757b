"""Sub-commands for backups: ``backup``, ``restore``, ``backups``.

``restore`` and ``backups`` never open the database through the app (which would create or
upgrade it): they work when it cannot be opened at all, which is when they are needed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from ta_desktop.cli.common import CommandError, open_workspace, print_json, print_table
from ta_desktop.core.domain.backups import Manifest
from ta_desktop.core.domain.errors import NotAllowed
from ta_desktop.core.domain.evidence import megabytes
from ta_desktop.core.services.backup import BackupInfo, list_backups, restore
from ta_desktop.core.services.server_backup import ServerBackup
from ta_desktop.core.services.workspace import locate
from ta_desktop.core.storage.db import database_url, file_of


def register(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup", help="back up the database and its evidence files into one verified file")
    backup.add_argument("--out", type=Path, metavar="FILE",
                        help="where to write it (replaced if it exists); default: the backups "
                             "folder in the data folder, with rotation")
    backup.add_argument("--json", action="store_true", help="print JSON for scripts")
    backup.set_defaults(handler=run_backup)

    restore_ = commands.add_parser(
        "restore", help="restore a backup into the --db database (checked before anything "
                        "is replaced)")
    restore_.add_argument("file", type=Path, metavar="FILE")
    restore_.add_argument("--force", action="store_true",
                          help="replace a database that holds data (it is backed up first)")
    restore_.add_argument("--json", action="store_true", help="print JSON for scripts")
    restore_.set_defaults(handler=run_restore)

    listing = commands.add_parser("backups", help="list the backups in the data folder")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    listing.set_defaults(handler=run_backups)

    policy = commands.add_parser(
        "backup-policy", help="show or change how many backups are kept and how often one is "
                              "made at start-up")
    for name, what in POLICY_OPTIONS.items():
        policy.add_argument(f"--{name.replace('_', '-')}", type=int, metavar="N", help=what)
    policy.add_argument("--json", action="store_true", help="print JSON for scripts")
    policy.set_defaults(handler=run_policy)


POLICY_OPTIONS = {
    "keep_daily": "keep the newest backup of each of the last N days that have one",
    "keep_weekly": "... of each of the last N weeks",
    "keep_monthly": "... of each of the last N months",
    "every_hours": "back up at start-up when the newest backup is N hours old (0: never)",
}


def _manifest_json(manifest: Manifest | None) -> dict[str, Any]:
    if manifest is None:
        return {"created_at": None, "label": None, "app_version": None,
                "schema_revision": None, "counts": None, "files": None,
                "content_size": None, "missing_evidence": [], "damaged_evidence": []}
    return {
        "created_at": manifest.created_at, "label": manifest.label,
        "app_version": manifest.app_version, "schema_revision": manifest.schema_revision,
        "counts": manifest.counts, "files": len(manifest.files),
        "content_size": manifest.size,
        "missing_evidence": list(manifest.missing_evidence),
        "damaged_evidence": list(manifest.damaged_evidence),
    }


def _backup_json(info: BackupInfo) -> dict[str, Any]:
    return {"path": info.path, "size": info.size, **_manifest_json(info.manifest),
            "problem": info.problem}


def _counts_text(counts: dict[str, int]) -> str:
    return (f"{counts['orders']} order(s), {counts['suppliers']} supplier(s), "
            f"{counts['disputes']} dispute(s), {counts['evidence']} evidence file(s)")


def _warn_lacking(lacking: tuple[str, ...]) -> None:
    if lacking:
        print(f"warning: {len(lacking)} evidence file(s) named by the database were missing "
              f"or damaged in the store and are not in the backup (first: {lacking[0]})",
              file=sys.stderr)


def _server_json(backup: ServerBackup) -> dict[str, Any]:
    return {"path": backup.path, "size": backup.size, "format": backup.kind,
            "counts": backup.counts}


def _server_text(backup: ServerBackup) -> str:
    what = "pg_dump custom format" if backup.kind == "pg_dump" else "logical export"
    return f"{backup.path} ({megabytes(backup.size)}, {what}): {_counts_text(backup.counts)}"


def run_backup(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        if workspace.server_backups.available:  # team mode: the server's database
            made = workspace.server_backups.back_up(args.out)
            info = None
        else:
            info = workspace.backups.back_up(args.out)
    if info is None:
        if args.json:
            print_json(_server_json(made))
        else:
            print(f"Backed up the server database to {_server_text(made)}.")
        return 0
    manifest = info.manifest
    if args.json:
        print_json(_backup_json(info))
    else:
        print(f"Backed up to {info.path} ({megabytes(info.size)}, verified): "
              f"{_counts_text(manifest.counts)}.")
    _warn_lacking(manifest.missing_evidence + manifest.damaged_evidence)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    database, data_dir = locate(args.db)
    path = file_of(database_url(database))
    if path is None:
        return _restore_server(args)
    try:
        result = restore(args.file, path, data_dir, force=args.force)
    except NotAllowed as error:
        raise CommandError(f"{error} Add --force to replace it (it is backed up first).") \
            from None
    if args.json:
        print_json({
            "database": result.database, "backup": args.file,
            "safety_copy": result.safety_copy, **_manifest_json(result.manifest),
            "evidence_written": result.evidence_written,
            "evidence_removed": result.evidence_removed,
            "evidence_lacking": list(result.evidence_lacking),
        })
    else:
        print(f"Restored {result.database} from {args.file} (made "
              f"{result.manifest.created_at}): {_counts_text(result.manifest.counts)}.")
        if result.safety_copy:
            print(f"What it held before is backed up in {result.safety_copy}.")
    _warn_lacking(result.evidence_lacking)
    return 0


def _restore_server(args: argparse.Namespace) -> int:
    """Team mode: a pg_dump or export of the server database back into it."""
    with open_workspace(args) as workspace:
        try:
            result = workspace.server_backups.restore(args.file, force=args.force)
        except NotAllowed as error:
            raise CommandError(f"{error} Add --force to replace it (it is backed up first).") \
                from None
    if args.json:
        print_json({**_server_json(result.restored), "safety_copy":
                    result.safety_copy.path if result.safety_copy else None})
    else:
        print(f"Restored the server database from {_server_text(result.restored)}.")
        if result.safety_copy:
            print(f"What it held before is backed up in {result.safety_copy.path}.")
    return 0


def run_backups(args: argparse.Namespace) -> int:
    _database, data_dir = locate(args.db)
    found = list_backups(data_dir)
    if args.json:
        print_json([_backup_json(info) for info in found])
        return 0
    rows = []
    for info in found:
        manifest = info.manifest
        counts = manifest.counts if manifest else {}
        rows.append([
            info.created.isoformat(sep=" ", timespec="seconds") if info.created else "",
            manifest.label if manifest else "DAMAGED", megabytes(info.size),
            counts.get("orders", ""), counts.get("suppliers", ""),
            counts.get("evidence", ""), info.path.name])
    print_table(["Created", "Kind", "Size", "Orders", "Suppliers", "Evidence", "File"], rows)
    return 0


def run_policy(args: argparse.Namespace) -> int:
    changes = {name: getattr(args, name) for name in POLICY_OPTIONS
               if getattr(args, name) is not None}
    with open_workspace(args) as workspace:
        policy = workspace.backups.policy()
        if changes:
            policy = workspace.backups.set_policy(replace(policy, **changes)).value
    if args.json:
        print_json(policy.to_settings())
    else:
        print(f"Keep the newest backup of each of the last {policy.keep_daily} day(s), "
              f"{policy.keep_weekly} week(s) and {policy.keep_monthly} month(s); back up at "
              + (f"start-up every {policy.every_hours} hour(s)." if policy.every_hours
                 else "start-up: never."))
    return 0
