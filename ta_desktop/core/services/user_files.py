"""Reading a file the user names: a regular file only (a device or a pipe is refused at once,
see ``storage.files.open_regular``), and never more than the caller's ceiling."""

from __future__ import annotations

from pathlib import Path

from ta_desktop.core.domain.errors import InputPathError
from ta_desktop.core.storage.files import open_regular


def read_bounded(path: Path, most: int, what: str = "file") -> bytes:
    """The bytes of ``path``; ``InputPathError`` when it is not a regular file or holds more
    than ``most`` bytes, the system's ``OSError`` when it cannot be read."""
    handle, _size = open_regular(Path(path))
    with handle:
        data = handle.read(most + 1)
    if len(data) > most:
        raise InputPathError(f"{path} is longer than {most:,} bytes; that is not a {what}.")
    return data
