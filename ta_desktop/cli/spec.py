"""``lint-spec FILE`` and ``aql --lot N``: the spec linter and AQL plans from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ta_desktop.cli.common import CommandError, print_json, print_table
from ta_desktop.core.domain import aql
from ta_desktop.core.domain.bounds import MAX_QUANTITY
from ta_desktop.core.domain.errors import InputPathError, ValidationError
from ta_desktop.core.domain.speclint import SECTION_LABELS, lint
from ta_desktop.core.domain.specs import MAX_SPEC_BYTES
from ta_desktop.core.services.user_files import read_bounded


def register(commands: argparse._SubParsersAction) -> None:
    lint_parser = commands.add_parser(
        "lint-spec",
        help="flag vague requirements in a product specification",
        description="Lint a specification: findings, missing sections and a 0-100 score. "
        "Exits 0 whatever it finds.",
    )
    lint_parser.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for stdin")
    lint_parser.add_argument("--json", action="store_true", help="print JSON")
    lint_parser.set_defaults(handler=_lint_spec)

    aql_parser = commands.add_parser(
        "aql",
        help="ISO 2859-1 sampling plan (level II, single, normal) for a lot",
        description="Code letter, sample size and accept/reject numbers per defect class.",
    )
    aql_parser.add_argument("--lot", type=_lot_size, required=True, metavar="N", help="lot size")
    for name in aql.CLASSES:
        aql_parser.add_argument(f"--{name}", type=_aql_value, metavar="A", help=f"{name} AQL")
    aql_parser.add_argument("--json", action="store_true", help="print JSON")
    aql_parser.set_defaults(handler=_aql)


def _lot_size(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_QUANTITY:
        raise argparse.ArgumentTypeError(f"'{text}' is not a lot size; give a whole number from "
                                         f"1 to {MAX_QUANTITY:,}")
    return value


def _aql_value(text: str) -> str:
    try:
        aql.parse_aql(text)
    except ValidationError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an AQL of ISO 2859-1 Table II-A (e.g. 0.65, 1.0, 2.5, 4.0)"
        ) from None
    return text.strip()


def _read_text(name: str) -> str:
    if name == "-" and not hasattr(sys.stdin, "buffer"):
        return sys.stdin.read(MAX_SPEC_BYTES)  # already text (a test's or an embedding's stdin)
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_SPEC_BYTES + 1)
            if len(data) > MAX_SPEC_BYTES:
                raise InputPathError(f"the standard input is longer than {MAX_SPEC_BYTES:,} "
                                     "bytes; that is not a specification.")
        else:
            data = read_bounded(Path(name), MAX_SPEC_BYTES, "specification")
    except OSError as error:
        raise CommandError(f"cannot read {name}: {error.strerror or error}") from None
    except InputPathError as error:
        raise CommandError(str(error)) from None
    try:
        # newline handling left alone: offsets are into the text exactly as read
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CommandError(f"{name} is not UTF-8 text (byte {error.start})") from None


def _lint_spec(args: argparse.Namespace) -> int:
    report = lint(_read_text(args.file))
    if args.json:
        print_json(report.to_dict())
        return 0
    print(f"Score: {report.score}/100")
    if report.missing:
        print("Missing: " + ", ".join(SECTION_LABELS[name] for name in report.missing))
    if report.findings:
        print()
        print_table(
            ["Severity", "Rule", "At", "Text", "Suggestion"],
            [
                [f.severity, f.rule, f"{f.start}-{f.end}", f.text, f.suggestion]
                for f in report.findings
            ],
        )
    else:
        print("No findings.")
    return 0


def _aql(args: argparse.Namespace) -> int:
    chosen = {name: getattr(args, name) for name in aql.CLASSES if getattr(args, name)}
    plan = aql.inspection_plan(args.lot, chosen)
    if args.json:
        print_json(plan.to_dict())
        return 0
    print(f"Lot {plan.lot:,}: code letter {plan.code_letter} "
          "(ISO 2859-1, general level II, single sampling, normal inspection)")
    if plan.plans:
        print()
        print_table(
            ["Class", "AQL", "Sample", "Accept", "Reject"],
            [
                [p.defect_class, str(p.aql),
                 f"{p.sample_size:,} (all)" if p.full_inspection else f"{p.sample_size:,}",
                 p.accept, p.reject]
                for p in plan.plans
            ],
        )
        if any(p.full_inspection for p in plan.plans):
            print("(all): the sample reaches the lot size, so every item is inspected.")
    return 0
