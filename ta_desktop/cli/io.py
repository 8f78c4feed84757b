"""``export`` and ``import``: suppliers and orders to and from CSV or XLSX files (issue 15).

    export suppliers|orders --out FILE.csv|FILE.xlsx [--search TEXT]
    import suppliers|orders FILE [--dry-run] [--update] [--json]

``import`` prints ``{"ok", "created", "updated", "unchanged", "errors": [{"row", "column",
"message"}]}`` (plus ``error_count``, all errors where ``errors`` lists the first 1,000, and
``dry_run``), and exits 0 when imported, 1 when a row has an error (nothing is written), 2 when
the file cannot be read (``main`` maps that error, as every other).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ta_desktop.cli.common import open_workspace, print_json, regular_files
from ta_desktop.core.domain.entities import ListQuery
from ta_desktop.core.domain.tabular import RecordKind
from ta_desktop.core.services.evidence.fit import drain
from ta_desktop.core.services.io.export import export_records
from ta_desktop.core.services.io.importer import ImportReport, ImportRequest, import_file

KINDS = [kind.value for kind in RecordKind]


def register(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help="write suppliers or orders to CSV or XLSX")
    export.add_argument("kind", choices=KINDS)
    export.add_argument("--out", required=True, type=Path, metavar="FILE.csv|FILE.xlsx",
                        help="the file to write (replaced if it exists); its extension "
                             "chooses the format")
    export.add_argument("--search", default="", metavar="TEXT",
                        help="only the records the list's search finds with TEXT")
    export.set_defaults(handler=run_export)

    imported = commands.add_parser("import", help="read suppliers or orders from CSV or XLSX: "
                                   "all rows or nothing")
    imported.add_argument("kind", choices=KINDS)
    imported.add_argument("file", type=Path, metavar="FILE")
    imported.add_argument("--dry-run", action="store_true",
                          help="check and count, write nothing")
    imported.add_argument("--update", action="store_true",
                          help="update stored records that differ (orders: drafts only)")
    imported.add_argument("--json", action="store_true", help="print JSON for scripts")
    imported.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    kind = RecordKind(args.kind)
    with open_workspace(args) as workspace:
        done = export_records(workspace.db, kind, args.out, ListQuery(text=args.search),
                              workspace.money)
    print(f"{done.records} {kind.value} ({done.rows} row(s)) written to {done.path}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    regular_files([args.file])  # one line saying what it is instead: missing, a folder, a pipe
    request = ImportRequest(args.file, RecordKind(args.kind), update=args.update)
    with open_workspace(args) as workspace:
        report = drain(import_file(workspace, request, dry_run=args.dry_run)).value
    if args.json:
        print_json(report_json(report, args.dry_run))
    else:
        _print_report(report, args.dry_run)
    return 0 if report.ok else 1


def report_json(report: ImportReport, dry_run: bool) -> dict:
    return {
        "ok": report.ok,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "errors": [{"row": e.row, "column": e.column, "message": e.message}
                   for e in report.errors],
        "error_count": report.error_count,
        "dry_run": dry_run,
    }


def _print_report(report: ImportReport, dry_run: bool) -> None:
    for error in report.errors:
        print(f"row {error.row}, {error.column}: {error.message}", file=sys.stderr)
    if report.error_count > len(report.errors):
        print(f"… and {report.error_count - len(report.errors)} more error(s).", file=sys.stderr)
    counts = (f"{report.created} created, {report.updated} updated, "
              f"{report.unchanged} unchanged ({report.source}, {report.rows} row(s))")
    if not report.ok:
        print(f"Nothing imported: {report.error_count} error(s). Would be: {counts}.")
    elif dry_run:
        print(f"Dry run, nothing written: {counts}.")
    else:
        print(f"Imported: {counts}.")
