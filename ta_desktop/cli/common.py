"""What every sub-command shares: the workspace, dates from arguments, JSON out, and the one
way an error becomes a line on standard error."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from ta_desktop.core.domain.bounds import day_problem
from ta_desktop.core.domain.errors import TADesktopError
from ta_desktop.core.services import formatting as fmt
from ta_desktop.core.services.connections import PasswordStore
from ta_desktop.core.services.workspace import Workspace

# What a command may raise for the user to fix: exit 2 and one line. Storage errors are
# TADesktopErrors too (the storage layer wraps the database's own).
USER_ERRORS = (TADesktopError, OSError)


class CommandError(TADesktopError):
    """A command-line mistake (a missing file, an impossible date): one line, exit 2."""


def describe(error: BaseException) -> str:
    """What went wrong, in the words the user will read."""
    if isinstance(error, OSError) and error.strerror:
        # As Unix tools say it: the file, then what the system said about it.
        return f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    return str(error) or type(error).__name__


def error_line(prog: str, message: str) -> str:
    """The one line a failed command prints: ``prog: error: <sentence>``, never more."""
    return f"{prog}: error: {' '.join(message.split())}"


@contextmanager
def open_workspace(args: argparse.Namespace) -> Iterator[Workspace]:
    """The workspace of ``--db`` (or the user's own), closed when the command is done."""
    workspace = Workspace.open(PasswordStore().complete(args.db))
    try:
        yield workspace
    finally:
        workspace.close()


def regular_files(paths: list[Path]) -> list[Path]:
    """The files given, if each is a regular file: a folder, a device or a pipe is refused in
    one line saying which it is (the readers judge again on the opened file)."""
    for path in paths:
        if path.is_file():
            continue
        if path.is_dir():
            raise CommandError(f"{path} is a folder, not a file")
        if path.exists():
            raise CommandError(f"{path} is not a regular file (a device, a pipe...)")
        try:
            path.stat()  # else the system's own words: a name too long, no permission...
        except FileNotFoundError:
            raise CommandError(f"{path} does not exist") from None
    return paths


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD that says which date is wrong, or out of range."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date that exists; write it as YYYY-MM-DD"
        ) from None
    problem = day_problem(day)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return day


def whole_number(what: str, smallest: int, largest: int):
    """argparse type for a whole number from ``smallest`` to ``largest`` that says what is
    wrong with it."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"'{text}' is not a whole number of {what}") from None
        if not smallest <= value <= largest:
            raise argparse.ArgumentTypeError(
                f"{what.capitalize()} must be from {smallest:,} to {largest:,}, not {text}")
        return value

    return parse


# How many rows a list prints at most, and how far ahead deadlines are looked for (a century).
LIMIT = whole_number("rows", 1, 10**9)
WITHIN = whole_number("days", 0, 36_500)


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_json_default)
    sys.stdout.write("\n")


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def cell_text(value: Any) -> str:
    """A value as people read it, through the one formatter (JSON keeps its own values)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return fmt.moment(value)
    if isinstance(value, date):
        return fmt.day(value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return fmt.number(value)
    if isinstance(value, Enum):
        return fmt.label(value)
    if hasattr(value, "currency") and hasattr(value, "amount"):
        return fmt.money_of(value)
    return str(value)


def print_table(headers: list[str], rows: list[list[Any]]) -> None:
    """A plain aligned text table for people reading a terminal."""
    cells = [[str(h) for h in headers]] + [[cell_text(c) for c in r] for r in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    for index, row in enumerate(cells):
        padded = (
            cell + " " * (width - display_width(cell))
            for cell, width in zip(row, widths, strict=True)
        )
        print("  ".join(padded).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))
