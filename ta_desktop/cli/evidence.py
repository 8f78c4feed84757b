"""Sub-commands over evidence files: ``check-evidence`` and ``fit-evidence``.

Exit codes (a contract): 0 all good, 1 a rule is broken / something could not fit, 2 usage
errors such as a missing file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ta_desktop.cli.common import print_json, regular_files
from ta_desktop.core.domain.evidence import FileCheck, megabytes
from ta_desktop.core.domain.rules import default_profile
from ta_desktop.core.services.evidence.check import check_set
from ta_desktop.core.services.evidence.fit import FitOptions, drain, fit_evidence, plan_fit


def register(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check-evidence", help="check evidence files against the platform's upload rules"
    )
    check.add_argument("files", nargs="+", metavar="FILE", type=Path)
    check.add_argument("--json", action="store_true", help="print JSON for scripts")
    check.set_defaults(handler=run_check)

    fit = commands.add_parser(
        "fit-evidence", help="write an uploadable copy of evidence files (originals untouched)"
    )
    fit.add_argument("files", nargs="+", metavar="FILE", type=Path)
    fit.add_argument("--out", required=True, type=Path, metavar="DIR",
                     help="folder for the new files (created if missing, in a folder "
                     "that exists)")
    fit.add_argument("--strip-gps", action="store_true",
                     help="remove the GPS location from photos")
    fit.add_argument("--dry-run", action="store_true",
                     help="only say what would be produced")
    fit.add_argument("--json", action="store_true", help="print JSON for scripts")
    fit.set_defaults(handler=run_fit)


def run_check(args: argparse.Namespace) -> int:
    result = check_set(regular_files(args.files), default_profile())
    if args.json:
        print_json(result.to_json())
    else:
        for file in result.files:
            _print_file(file)
        for problem in result.set_problems:
            print(f"{problem.rule}: {problem.message} {problem.hint}")
        print("All files can be uploaded." if result.ok else "Some files cannot be uploaded.")
    return 0 if result.ok else 1


def _print_file(file: FileCheck) -> None:
    kind = file.detected_type or "unknown type"
    print(f"{'ok ' if file.ok else 'NO '} {file.path}  ({kind}, {megabytes(file.size)})")
    for problem in file.problems:
        print(f"     {problem.rule}: {problem.message} {problem.hint}".rstrip())
    for warning in file.warnings:
        print(f"     warning {warning.rule}: {warning.message} {warning.hint}".rstrip())


def run_fit(args: argparse.Namespace) -> int:
    profile = default_profile()
    plan = plan_fit(regular_files(args.files), profile, FitOptions(strip_gps=args.strip_gps),
                    args.out)
    if args.dry_run:
        if args.json:
            print_json(plan.to_json())
        else:
            print("\n".join(plan.describe()))
        return 1 if plan.unfit else 0
    result = drain(fit_evidence(plan, args.out))
    if args.json:
        print_json(result.to_json())
    else:
        for made in result.produced:
            print(f"wrote {made.path.name} ({megabytes(made.size)}): {made.note}")
        for unfit in result.unfit:
            print(f"could not fit {unfit.path}: {unfit.rule}: {unfit.reason}")
        print(f"{len(result.produced)} file(s) in {result.out_dir}"
              + ("" if result.ok else "; see above for what is missing."))
    return 0 if result.ok else 1
