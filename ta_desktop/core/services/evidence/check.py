"""The evidence validator: EV-SIZE, EV-COUNT, EV-TYPE, EV-NAME, EV-EMPTY, EV-CORRUPT, EV-ZIP.

Reads files, never changes them. Images are decoded in full (a truncated photo must not reach
the dispute team); zips are inspected without extracting anything to disk.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ta_desktop.core.domain.errors import NotFound
from ta_desktop.core.domain.evidence import (
    EXTENSION_TYPES,
    HEAD_BYTES,
    IMAGE_TYPES,
    PROGRAM_TYPES,
    TYPE_EXTENSIONS,
    FileCheck,
    Problem,
    Progress,
    SetCheck,
    detect_type,
    extension_of,
    is_safe_name,
    megabytes,
    safe_name,
    type_label,
)
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.storage.files import open_regular

if TYPE_CHECKING:
    from PIL import Image

_EXIF_IFD = 0x8769
_EXIF_DATETIME_ORIGINAL = 0x9003
_EXIF_DATETIME = 0x0132
_EXIF_GPS_IFD = 0x8825
_ZIP_ENCRYPTED_FLAG = 0x1
_READ_CHUNK = 1 << 20
# A zip inside a zip is inspected from memory up to this size, from a temporary file beyond.
_INNER_ZIP_IN_MEMORY = 16 << 20
# An image up to this size is decoded from the bytes read for its hash (one read of the file);
# a bigger one is read again by the decoder rather than held in memory.
_DECODE_FROM_MEMORY = 64 << 20


class ImageRefused(Exception):
    """Pillow cannot decode the image in full, or it is a decompression bomb."""

    def __init__(self, message: str, bomb: bool = False):
        super().__init__(message)
        self.bomb = bomb


@contextmanager
def open_image(path: Path | IO[bytes], profile: RuleProfile) -> Iterator[Image.Image]:
    """Open an image (a file, or its bytes) with the pixel ceiling of EV-CORRUPT checked before
    any pixel is decoded."""
    from PIL import Image  # Pillow loads with the feature, not at start-up

    try:
        with warnings.catch_warnings():
            # Our own ceiling (from the profile) decides, not Pillow's default warning level.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError as error:
        raise ImageRefused(str(error), bomb=True) from None
    except Exception as error:  # Pillow raises many kinds for broken files
        raise ImageRefused(str(error) or type(error).__name__) from None
    with image:
        width, height = image.size
        if width * height > profile.evidence_max_image_pixels:
            raise ImageRefused(f"{width} x {height} pixels", bomb=True)
        yield image


def decode_image(path: Path | IO[bytes], profile: RuleProfile) -> tuple[int, int]:
    """Decode the whole image once; returns its size or raises ``ImageRefused``.

    A JPEG is decoded at an eighth of its size: every byte of its compressed data is still
    read and Huffman-decoded (a cut or damaged file fails the same way), but the inverse DCT and
    colour conversion of pixels nobody looks at are skipped, which halves the time. Bytes in
    memory go to the decoder in one piece: Pillow lets go of the GIL once per piece, and handing
    it 64 KiB at a time made two checking threads wait on each other ~150 times per photo."""
    with open_image(path, profile) as image:
        size = image.size
        try:
            if image.format == "JPEG":
                image.draft(image.mode, (max(size[0] // 8, 1), max(size[1] // 8, 1)))
            if not isinstance(path, Path):
                image.decodermaxblock = _DECODE_FROM_MEMORY
            image.load()
        except Exception as error:
            raise ImageRefused(str(error) or type(error).__name__) from None
        return size


def capture_time(image: Image.Image) -> datetime | None:
    """When the photo was taken, from EXIF (DateTimeOriginal, else DateTime)."""
    try:
        exif = image.getexif()
        raw = exif.get_ifd(_EXIF_IFD).get(_EXIF_DATETIME_ORIGINAL) or exif.get(_EXIF_DATETIME)
        return datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S") if raw else None
    except (ValueError, TypeError, OSError, SyntaxError):
        return None


def has_gps(image: Image.Image) -> bool:
    try:
        return bool(image.getexif().get_ifd(_EXIF_GPS_IFD))
    except (ValueError, TypeError, OSError, SyntaxError):
        return False


def read_head(path: Path) -> tuple[int, bytes]:
    """File size and first bytes; ``NotFound`` when there is no such file, ``InputPathError``
    when it is not a regular file (judged on the opened handle: a pipe never hangs)."""
    try:
        handle, size = open_regular(path)
        with handle:
            return size, handle.read(HEAD_BYTES)
    except FileNotFoundError:
        raise NotFound(f"No such file: {path}") from None
    except OSError as error:
        raise NotFound(f"Cannot read {path}: {error.strerror or error}") from None


@dataclass(frozen=True)
class FileFacts:
    """What the store and the buyer's index record about a file."""

    sha256: str
    size: int
    detected_type: str | None
    image_size: tuple[int, int] | None
    captured_at: datetime | None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_READ_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_facts(path: Path, profile: RuleProfile, sha256: str | None = None) -> FileFacts:
    """Hash (unless already known), real type, pixel size and EXIF capture time (headers only)."""
    size, head = read_head(path)
    kind = detect_type(head)
    image_size = captured = None
    if kind in IMAGE_TYPES:
        try:
            with open_image(path, profile) as image:
                image_size, captured = image.size, capture_time(image)
        except ImageRefused:
            pass
    return FileFacts(sha256 or sha256_of(path), size, kind, image_size, captured)


def _read_once(path: Path) -> tuple[int, bytes, str, bytes | None]:
    """Size, first bytes, SHA-256 and, for an image small enough, its bytes: one read of the
    file (the hash is worked out as it is read; an image is then decoded from memory)."""
    try:
        handle, size = open_regular(path)
        with handle:
            digest, chunks = hashlib.sha256(), []
            head = handle.read(HEAD_BYTES)
            digest.update(head)
            keep = detect_type(head) in IMAGE_TYPES and size <= _DECODE_FROM_MEMORY
            while chunk := handle.read(_READ_CHUNK):
                digest.update(chunk)
                if keep:
                    chunks.append(chunk)
    except FileNotFoundError:
        raise NotFound(f"No such file: {path}") from None
    except OSError as error:
        raise NotFound(f"Cannot read {path}: {error.strerror or error}") from None
    return size, head, digest.hexdigest(), b"".join([head, *chunks]) if keep else None


def check_file(path: Path, profile: RuleProfile, name: str | None = None) -> FileCheck:
    """Every per-file rule for one file; ``name`` judges a stored copy by its original name."""
    path = Path(path)
    size, head, sha256, data = _read_once(path)
    kind = detect_type(head)
    zip_problems: list[Problem] = []
    if kind == "zip":
        kind, zip_problems = inspect_zip(path, size, profile)
    check = FileCheck(path=path, size=size, detected_type=kind if size else None, name=name or "",
                      sha256=sha256)
    if size == 0:
        check.problems.append(
            Problem("EV-EMPTY", "The file is empty (0 bytes).",
                    "Copy or export the file again from where it came from.")
        )
    else:
        _check_type(check, extension_of(check.name), profile)
        _check_size(check, profile)
        if kind in _allowed_types(profile) and kind in IMAGE_TYPES:
            _check_image(check, io.BytesIO(data) if data is not None else path, profile)
        check.problems.extend(zip_problems)
    _check_name(check, profile)
    return check


def check_set(paths: Iterable[Path | tuple[Path, str]], profile: RuleProfile) -> SetCheck:
    """Every rule for one dispute submission: each file, then the set (EV-COUNT).

    An item may be ``(path, original name)`` for a stored copy."""
    job = checking_set(paths, profile)
    while True:
        try:
            next(job)
        except StopIteration as done:
            return done.value


def checking_set(
    paths: Iterable[Path | tuple[Path, str]], profile: RuleProfile
) -> Generator[Progress, None, SetCheck]:
    """``check_set`` as a job: yields ``Progress`` as each file is checked (in the order
    given), returns the ``SetCheck``. Files are checked on every core at once: hashing and
    Pillow's decoding release the GIL. Closing the generator stops the files not started."""
    items = [named(item) for item in paths]
    workers = max(1, min(len(items), os.cpu_count() or 1))
    files: list[FileCheck] = []
    with ThreadPoolExecutor(workers, thread_name_prefix="evidence-check") as pool:
        checks = pool.map(lambda item: check_file(item[0], profile, item[1]), items)
        try:
            for check in checks:
                files.append(check)
                yield Progress(len(files), len(items), f"Checked {check.name}")
        finally:
            pool.shutdown(cancel_futures=True)
    return _set_check(files, profile)


def _set_check(files: list[FileCheck], profile: RuleProfile) -> SetCheck:
    result = SetCheck(files=files)
    count, most = len(result.files), profile.evidence_max_files
    if count > most:
        result.set_problems.append(
            Problem("EV-COUNT", f"{count} files; a dispute submission takes at most {most}.",
                    f"Pack the extra files into a zip (Make uploadable does this) or keep the "
                    f"{most} that prove the claim best.")
        )
    return result


def named(item: Path | tuple[Path, str]) -> tuple[Path, str]:
    path, name = item if isinstance(item, tuple) else (Path(item), Path(item).name)
    return Path(path), name


def _allowed_types(profile: RuleProfile) -> set[str]:
    return {EXTENSION_TYPES.get(e, e) for e in profile.evidence_extensions}


def _accepted_list(profile: RuleProfile) -> str:
    return ", ".join(profile.evidence_extensions)


def _check_type(check: FileCheck, extension: str, profile: RuleProfile) -> None:
    kind = check.detected_type
    named = f".{extension}" if extension else "no extension"
    promised = EXTENSION_TYPES.get(extension)
    if kind in PROGRAM_TYPES:
        check.problems.append(
            Problem("EV-TYPE", f"This is {type_label(kind)} (named {named}); programs are never "
                    "evidence.", "Do not upload it; ask the sender for the real photo or document.")
        )
    elif kind in _allowed_types(profile):
        right = TYPE_EXTENSIONS.get(kind, kind)
        if extension not in profile.evidence_extensions:
            check.problems.append(
                Problem("EV-TYPE", f"This is {type_label(kind)} but it is named {named}; the "
                        f"platform accepts {_accepted_list(profile)} by name.",
                        f"Rename it to .{right} (Make uploadable does this).")
            )
        elif promised != kind:
            check.warnings.append(
                Problem("EV-TYPE", f"This is {type_label(kind)} named .{extension}; accepted, "
                        "but the name says otherwise.", f"Rename it to .{right}.")
            )
    else:
        if kind is None:
            what = "The app cannot tell what this file is"
        else:
            what = f"This is {type_label(kind)}"
        if promised is not None and promised != kind and kind is not None:
            what += f", not {type_label(promised)} as its name says"
        hint = (
            "Make uploadable converts it to JPEG or PNG." if kind in IMAGE_TYPES
            else "Make uploadable packs it into a zip archive." if kind is not None
            else "Open it in the program that made it and save it as a PDF or image."
        )
        check.problems.append(
            Problem("EV-TYPE", f"{what}; the platform accepts only {_accepted_list(profile)}.",
                    hint)
        )


def _check_size(check: FileCheck, profile: RuleProfile) -> None:
    most = profile.evidence_max_bytes
    if check.size > most:
        hint = (
            "Make uploadable shrinks it to fit." if check.detected_type in IMAGE_TYPES
            else "Make uploadable zips it if it compresses enough; otherwise shorten or split it."
        )
        check.problems.append(
            Problem("EV-SIZE", f"{megabytes(check.size)} ({check.size:,} bytes) is over the "
                    f"limit of {most:,} bytes.", hint)
        )


def _check_image(check: FileCheck, source: Path | IO[bytes], profile: RuleProfile) -> None:
    try:
        check.image_size = decode_image(source, profile)
    except ImageRefused as refused:
        if refused.bomb:
            check.problems.append(
                Problem("EV-CORRUPT", f"The image claims to be huge ({refused}); it looks like a "
                        "decompression bomb.", "Do not upload it; ask for the original photo.")
            )
        else:
            check.problems.append(
                Problem("EV-CORRUPT", f"The image cannot be read in full ({refused}).",
                        "Copy or export it again; a cut photo shows only part of the picture.")
            )


def _name_offenders(name: str) -> list[str]:
    stem, dot, extension = name.rpartition(".")
    offenders = []
    for char in dict.fromkeys(name if not dot else stem + extension):
        if char.isascii() and (char.isalnum() or char in " _-"):
            continue
        if char == ".":
            offenders.append("more than one '.'")
        elif unicodedata.category(char) in ("Cf", "Cc"):
            label = unicodedata.name(char, "control character").lower()
            offenders.append(f"a hidden {label} (U+{ord(char):04X})")
        else:
            offenders.append(f"'{char}'")
    if not dot:
        offenders.append("no extension")
    return offenders


def _check_name(check: FileCheck, profile: RuleProfile) -> None:
    name = check.name
    if is_safe_name(name):
        return
    kind = check.detected_type
    extension = TYPE_EXTENSIONS.get(kind) if kind in _allowed_types(profile) else None
    check.suggested_name = safe_name(name, extension)
    offenders = _name_offenders(name) or ["no letters or digits before the extension"]
    check.problems.append(
        Problem("EV-NAME", "The name has characters the platform refuses: "
                f"{', '.join(offenders[:6])}.", f"Rename it to \u201c{check.suggested_name}\u201d.")
    )


# --- EV-ZIP ---------------------------------------------------------------------------------

_OFFICE_PREFIXES = (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx"))


def _unsafe_member(name: str) -> bool:
    return (
        name.startswith(("/", "\\"))
        or re.match(r"[A-Za-z]:", name) is not None
        or ".." in re.split(r"[/\\]", name)
    )


class _Unpacking:
    """What a zip and every zip inside it may still unpack: the files inside, at every level,
    share one byte budget (EV-ZIP's total unpacked size), and zips nest only so deep."""

    def __init__(self, profile: RuleProfile):
        self.profile = profile
        self.left = profile.evidence_zip_max_unpacked_bytes

    def spend(self, count: int) -> bool:
        self.left -= count
        return self.left >= 0


def inspect_zip(path: Path, size: int, profile: RuleProfile) -> tuple[str, list[Problem]]:
    """The zip's real type (an Office document is a zip too) and its EV-ZIP problems, at
    every level of zips inside zips."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "[Content_Types].xml" in names:
                for prefix, kind in _OFFICE_PREFIXES:
                    if any(n.startswith(prefix) for n in names):
                        return kind, []
            return "zip", _archive_problems(archive, size, _Unpacking(profile), depth=1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        return "zip", [_zip_corrupt(error)]


def _archive_problems(
    archive: zipfile.ZipFile, size: int, unpacking: _Unpacking, depth: int
) -> list[Problem]:
    infos = archive.infolist()
    return _zip_listing_problems(infos, size, unpacking.profile) or _zip_stream_problems(
        archive, infos, unpacking, depth)


def _inner_zip_problems(
    name: str, data: IO[bytes], unpacking: _Unpacking, depth: int
) -> list[Problem]:
    """A zip inside the zip (``depth`` counts the levels, the outer zip being 1), checked the
    same way: bombs are usually nested."""
    try:
        size = data.seek(0, io.SEEK_END)
        data.seek(0)
        with zipfile.ZipFile(data) as inner:
            problems = _archive_problems(inner, size, unpacking, depth)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        problems = [_zip_corrupt(error)]
    return [Problem(p.rule, f"Inside {name}: {p.message}", p.hint) for p in problems]


def _zip_corrupt(error: Exception) -> Problem:
    return Problem("EV-ZIP", f"The zip archive is damaged ({error}).",
                   "Make the zip again from the original files.")


def _zip_listing_problems(
    infos: list[zipfile.ZipInfo], size: int, profile: RuleProfile
) -> list[Problem]:
    problems = []
    if len(infos) > profile.evidence_zip_max_entries:
        problems.append(
            Problem("EV-ZIP", f"The zip holds {len(infos):,} entries; more than "
                    f"{profile.evidence_zip_max_entries:,} looks like a zip bomb.",
                    "Zip only the files that prove the claim.")
        )
    encrypted = [i.filename for i in infos if i.flag_bits & _ZIP_ENCRYPTED_FLAG]
    if encrypted:
        problems.append(
            Problem("EV-ZIP", f"{len(encrypted)} of its files are password-protected (e.g. "
                    f"{encrypted[0]}); the dispute team cannot open them.",
                    "Zip the files again without a password.")
        )
    unsafe = [i.filename for i in infos if _unsafe_member(i.filename)]
    if unsafe:
        problems.append(
            Problem("EV-ZIP", f"Entry names would unpack outside the folder (e.g. {unsafe[0]!r}).",
                    "Zip the files again from inside their own folder.")
        )
    unpacked = sum(i.file_size for i in infos)
    ratio = unpacked / max(size, 1)
    too_big = unpacked > profile.evidence_zip_max_unpacked_bytes
    dense = unpacked > profile.evidence_max_bytes and ratio > profile.evidence_zip_max_ratio
    if too_big or dense:
        problems.append(
            Problem("EV-ZIP", f"The zip would unpack to {megabytes(unpacked)} from "
                    f"{megabytes(size)} (ratio {ratio:,.0f}:1); that is a zip bomb.",
                    "Do not upload it; zip the real files again.")
        )
    return problems


def _zip_stream_problems(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], unpacking: _Unpacking, depth: int
) -> list[Problem]:
    """Decompress each entry (bounded by its checked, declared size) to verify CRCs, without
    writing anything out; a zip inside is spooled and inspected in turn, down to the deepest
    level the profile allows, and every file at every level counts against one budget."""
    profile = unpacking.profile
    problems = []
    try:
        for info in infos:
            if info.is_dir():
                continue
            with archive.open(info) as entry:
                chunk = entry.read(_READ_CHUNK)
                if not chunk.startswith(b"PK\x03\x04"):
                    while chunk:
                        if not unpacking.spend(len(chunk)):
                            return [_too_much_inside(profile)]
                        chunk = entry.read(_READ_CHUNK)
                    continue
                if depth >= profile.evidence_zip_max_depth:
                    return [Problem(
                        "EV-ZIP", f"{info.filename} makes zips nested more than "
                        f"{profile.evidence_zip_max_depth} deep; that is how zip bombs hide.",
                        "Unpack the zips and zip the files once.")]
                with tempfile.SpooledTemporaryFile(_INNER_ZIP_IN_MEMORY) as inner:
                    while chunk:
                        inner.write(chunk)
                        chunk = entry.read(_READ_CHUNK)
                    problems += _inner_zip_problems(info.filename, inner, unpacking, depth + 1)
            if unpacking.left < 0:
                return problems
    except NotImplementedError as error:
        return [Problem("EV-ZIP", f"The zip uses a compression method few computers open "
                        f"({error}).", "Make the zip again with ordinary (deflate) compression.")]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError) as error:
        return [_zip_corrupt(error)]
    return problems


def _too_much_inside(profile: RuleProfile) -> Problem:
    limit = profile.evidence_zip_max_unpacked_bytes
    return Problem("EV-ZIP", f"Its files, with those of the zips inside it, would unpack to "
                   f"more than {megabytes(limit)} ({limit:,} bytes); that is a zip bomb.",
                   "Do not upload it; zip the real files again.")
