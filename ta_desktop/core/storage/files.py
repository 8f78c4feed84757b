"""Files the app writes: written whole or not at all, and only where a file may go; and the
user's files it reads: regular files only, judged on the opened handle.

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

from ta_desktop.core.domain.errors import InputPathError, OutputPathError


def _mode_of(path: Path, what: str) -> int | None:
    """``path``'s mode, None when nothing is there; any other failure (a name too long, no
    permission, a loop of links) is an ``OutputPathError`` naming the path and the cause."""
    try:
        return path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise OutputPathError(f"TA Desktop cannot write {what} {path}: "
                              f"{error.strerror or error}.") from None


def _check_parent(path: Path, what: str) -> None:
    if not path.parent.is_dir():
        raise OutputPathError(f"TA Desktop cannot write {what} {path}: the folder {path.parent} "
                              "does not exist; create it or choose another folder.")


def check_output_path(path: Path) -> Path:
    """``path``, if a file may be written there: a regular file (to be replaced) or nothing yet,
    in a folder that exists. Anything else raises ``OutputPathError`` saying how to fix it.
    The same rule for every output of every command and screen: nothing is created on the way."""
    path = Path(path)
    mode = _mode_of(path, "the file")
    if mode is None:
        _check_parent(path, "the file")
    elif stat.S_ISDIR(mode):
        raise OutputPathError(f"TA Desktop cannot write the file {path}: it is a folder; give a "
                              "file name inside it.")
    elif not stat.S_ISREG(mode):
        raise OutputPathError(f"TA Desktop cannot write the file {path}: it is a device or "
                              "another special file, not a regular file; choose another file "
                              "name.")
    return path


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def open_regular(path: Path) -> tuple[BinaryIO, int]:
    """The user's file ``path`` opened for reading, and its size, if it is a regular file.

    The kind is judged on the opened handle (``fstat``), so a file swapped for something else
    after a check is still caught, and the open does not block (``O_NONBLOCK``): a named pipe
    with no writer is refused at once instead of waiting forever. A folder, a device (such as
    /dev/zero), a pipe or a socket raises ``InputPathError``; a missing or unreadable file the
    system's own ``OSError``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputPathError(f"{path} is {_kind_of(info.st_mode)}, not a regular file; "
                                 "TA Desktop reads only ordinary files.")
        stream = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    return stream, info.st_size


def check_output_folder(folder: Path) -> Path:
    """``folder``, if a result made of several files may be written into it: a folder, or
    nothing yet in a folder that exists (the writer creates this one folder, never its parents).
    Anything else raises ``OutputPathError``."""
    folder = Path(folder)
    mode = _mode_of(folder, "into the folder")
    if mode is None:
        _check_parent(folder, "into the folder")
    elif not stat.S_ISDIR(mode):
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
        try:
            yield staged.stream
            staged.publish(path)
        except OSError as error:
            # Writing, flushing or renaming failed (a full disk, a quota, a removed medium): say
            # which file and why. An error about another file (read in the block) passes on.
            if error.filename not in (None, str(staged.temporary), str(path)):
                raise
            raise OutputPathError(f"TA Desktop could not write {path}: "
                                  f"{error.strerror or error}; it was left as it was.") from error


@contextmanager
def staging_folder(parent: Path, prefix: str, target: Path | None = None) -> Iterator[Path]:
    """A new hidden folder in ``parent`` to build a result in. It is removed when the block
    ends, with whatever is still in it; what was moved into place has left it by then.

    A failure to write (a full disk) is said about what the user chose, the ``target`` file or
    else ``parent``, not about a hidden file that is gone by then."""
    folder = Path(parent) / f".{prefix}-{uuid.uuid4().hex[:12]}"
    folder.mkdir()
    try:
        yield folder
    except OSError as error:
        if not _written_here(error.filename, folder, target):
            raise  # about another file (a source being read)
        raise _not_written(parent, target, error) from error
    except OutputPathError as error:
        if not isinstance(error.__cause__, OSError):
            raise
        raise _not_written(parent, target, error.__cause__) from error
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _written_here(filename: object, folder: Path, target: Path | None) -> bool:
    """Whether an error's file is one being written: in the staging folder, the target, or the
    target's temporary name (``staged_file``); None: a write or flush that names no file."""
    if filename is None:
        return True
    path = Path(str(filename))
    if path.is_relative_to(folder):
        return True
    return target is not None and path.parent == target.parent and (
        path.name == target.name or path.name.startswith(f".{target.name[:64]}."))


def _not_written(parent: Path, target: Path | None, error: OSError) -> OutputPathError:
    if target is not None:
        return OutputPathError(f"TA Desktop could not write {target}: "
                               f"{error.strerror or error}; it was left as it was.")
    return OutputPathError(f"TA Desktop could not write into {parent}: "
                           f"{error.strerror or error}; nothing was added there.")


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
