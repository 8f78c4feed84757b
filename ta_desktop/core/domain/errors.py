"""Errors a user can act on. Each carries a plain message and, where one applies, a rule id.

The UI shows ``str(error)``; the CLI prints it and exits 2. Anything that is not a
``TADesktopError`` is a bug.
"""

from __future__ import annotations


class TADesktopError(Exception):
    """Base of every error the user can act on."""

    def __init__(self, message: str, rule: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.rule = rule
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.rule}: {self.message}" if self.rule else self.message
        return f"{text} {self.hint}" if self.hint else text


class ValidationError(TADesktopError):
    """Input that cannot be saved. ``field_errors`` maps a field name to its message."""

    def __init__(self, message: str, field_errors: dict[str, str] | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.field_errors = dict(field_errors or {})


class NotAllowed(TADesktopError):
    """An action the order's or dispute's state does not allow now; ``rule`` names the Trade
    Assurance rule behind the refusal where one applies (DS-OPEN, DS-WINDOW, RC-EXT...)."""


class NotFound(TADesktopError):
    """A record that does not exist (any more)."""


class ConflictError(TADesktopError):
    """A save of a copy that another window or program changed since it was read (its version
    is no longer the stored one). Nothing was written; the screen keeps what the user typed and
    offers to reload. ``changed_by`` and ``changed_at`` say who saved meanwhile, when known."""

    changed_by: str = ""
    changed_at = None  # datetime | None


class StorageError(TADesktopError):
    """The database cannot be opened, read or upgraded."""


class OutputPathError(TADesktopError):
    """A file cannot be written at the path given: a folder, a device, or no such folder."""


class InputPathError(TADesktopError):
    """A file the user gave cannot be read as one: a folder, a device, a named pipe, too large,
    or a link that leads outside what the user picked."""


class UnreadableFile(TADesktopError):
    """A file to import cannot be read at all: not CSV or XLSX, an encoding that cannot be
    told, a damaged workbook. (A readable file with bad rows gives row errors instead.)"""
