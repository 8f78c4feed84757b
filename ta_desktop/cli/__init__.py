"""``python -m ta_desktop [--db PATH_OR_URL] COMMAND``: the same core as the app, for scripts.

Each feature module registers its sub-commands; a command returns its exit code. Errors the user
can act on (``common.USER_ERRORS``) are turned into one line and exit 2 here, in ``main``, for
every command; so are bad arguments, by the parser.
"""

from __future__ import annotations

import argparse
import os
import sys

from ta_desktop import __version__
from ta_desktop.cli import (
    backup,
    disputes,
    evidence,
    io,
    records,
    rules,
    spec,
    summary,
    verify,
)
from ta_desktop.cli.common import USER_ERRORS, describe, error_line

COMMAND_MODULES = (records, summary, disputes, evidence, spec, backup, io, verify, rules)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, error_line(self.prog, message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ta-desktop", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or SQLAlchemy URL (default: the app's own database)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # an OSError, so before USER_ERRORS
        # The reader (e.g. `| head`) has gone: stop quietly, as Unix tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except USER_ERRORS as error:
        print(error_line(parser.prog, describe(error)), file=sys.stderr)
        return 2
