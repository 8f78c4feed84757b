"""Files the app writes: written whole or not at all, and only where a file may go.

A file is written under a temporary name in its target's folder, flushed to disk and renamed
over the target in one step (``os.replace``), so a crash, a full disk or an error leaves the old
file or the new one, never half of one, and no temporary file. Results made of several files
(fitted evidence, a dispute bundle) are built in a ``staging_folder`` inside their destination
and moved out with ``move_into_place``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ta_desktop.core.domain.errors import OutputPathError


def check_output_path(path: Path) -> Path:
    """``path``, if a file may be written there: a regular file (to be replaced) or nothing yet,
    in a folder that exists. Anything else raises ``OutputPathError`` saying how to fix it."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    if mode is None:
        if not path.parent.is_dir():
            raise OutputPathError(f"TA Desktop cannot write {path}: the folder {path.parent} "
                                  "does not exist; create it or choose another folder.")
    elif stat.S_ISDIR(mode):
        raise OutputPathError(f"TA Desktop cannot write {path}: it is a folder; give a file "
                              "name inside it.")
    elif not stat.S_ISREG(mode):
        raise OutputPathError(f"TA Desktop cannot write {path}: it is a device or another "
                              "special file, not a regular file; choose another file name.")
    return path


def check_output_folder(folder: Path) -> Path:
    """``folder``, if a result made of several files may be written into it: a folder, or
    nothing yet (the writer creates it). Anything else raises ``OutputPathError``."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputPathError(f"TA Desktop cannot write into {folder}: it is a file, not a "
                              "folder; give a folder (a new one is created).")
    return folder


class StagedFile:
    """A new file under a temporary name, open for writing; ``publish`` puts it in place."""

    def __init__(self, temporary: Path):
        self.temporary = temporary
        # "x": never an existing file; the permissions are those of any new file (umask).
        self.stream: BinaryIO = temporary.open("xb")
        self.published = False

    def publish(self, target: Path, *, replace: bool = True) -> None:
        """Give the file its name: replacing what is there, or (``replace=False``) never, with
        ``FileExistsError`` if ``target`` exists."""
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        if replace:
            os.replace(self.temporary, target)
            fsync_folder(target.parent)
        else:
            link_into_place(self.temporary, target)
        self.published = True


@contextmanager
def staged_file(folder: Path, name: str = "new") -> Iterator[StagedFile]:
    """A ``StagedFile`` in ``folder`` (the target's own folder, so the rename cannot cross
    file systems). Unless it was published, the temporary file is removed when the block ends,
    whether the block finished or raised."""
    # A short prefix of the target's name: recognisable, and within the file name limit.
    temporary = Path(folder) / f".{name[:64]}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        staged = StagedFile(temporary)
    except OSError as error:  # a read-only folder, no permission: say which folder, not the temp
        raise OutputPathError(f"TA Desktop cannot write in the folder {folder}: "
                              f"{error.strerror or error}.") from error
    try:
        yield staged
    finally:
        staged.stream.close()
        if not staged.published:
            staged.temporary.unlink(missing_ok=True)


@contextmanager
def write_atomically(path: Path) -> Iterator[BinaryIO]:
    """A binary stream to write ``path`` through. When the block ends the new content replaces
    ``path`` in one step; if the block raises, ``path`` is left as it was."""
    path = check_output_path(path)
    with staged_file(path.parent, path.name) as staged:
        yield staged.stream
        staged.publish(path)


@contextmanager
def staging_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A new hidden folder in ``parent`` to build a result in. It is removed when the block
    ends, with whatever is still in it; what was moved into place has left it by then."""
    folder = Path(parent) / f".{prefix}-{uuid.uuid4().hex[:12]}"
    folder.mkdir()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def move_into_place(staged: Path, target: Path) -> None:
    """Rename a finished file or folder to ``target`` in one step, and make the rename last."""
    os.replace(staged, target)
    fsync_folder(target.parent)


def link_into_place(staged: Path, target: Path) -> None:
    """Give a finished file the name ``target`` in one step, never replacing what is there
    (``FileExistsError`` then): a new database or a new backup must not overwrite another one.
    ``staged`` is gone afterwards."""
    try:
        os.link(staged, target)  # fails if target exists, atomically
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT, some network shares)
        if os.name == "nt":
            os.rename(staged, target)  # Windows' rename refuses an existing target
        else:
            if os.path.lexists(target):
                raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
            os.replace(staged, target)
    else:
        os.unlink(staged)
    fsync_folder(target.parent)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk where the system allows it: POSIX can,
    Windows cannot open a folder for this, and some file systems refuse."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
