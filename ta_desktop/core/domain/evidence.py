"""Evidence files as the rules see them: real types from bytes, safe names, check results.

Pure and standard library only; the image and zip inspection that needs Pillow lives in
``core.services.evidence_check``. Rule ids: EV-SIZE, EV-COUNT, EV-TYPE, EV-NAME (TA_RULES.md)
and our own EV-EMPTY, EV-CORRUPT, EV-ZIP.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

# How many leading bytes ``detect_type`` needs.
HEAD_BYTES = 1024

# Real types a file's bytes can reveal, with the words a user reads.
TYPE_LABELS = {
    "jpeg": "a JPEG image",
    "png": "a PNG image",
    "gif": "a GIF image",
    "zip": "a zip archive",
    "pdf": "a PDF document",
    "webp": "a WebP image",
    "bmp": "a BMP image",
    "tiff": "a TIFF image",
    "heic": "a HEIC photo",
    "avif": "an AVIF image",
    "mp4": "an MP4 video",
    "mov": "a QuickTime video",
    "avi": "an AVI video",
    "mkv": "a Matroska/WebM video",
    "wav": "a WAV sound file",
    "mp3": "an MP3 sound file",
    "docx": "a Word document",
    "xlsx": "an Excel workbook",
    "pptx": "a PowerPoint presentation",
    "office": "an old Microsoft Office document",
    "rtf": "an RTF document",
    "text": "a plain text file",
    "rar": "a RAR archive",
    "7z": "a 7-Zip archive",
    "gzip": "a gzip archive",
    "exe": "a Windows program",
    "elf": "a Linux program",
    "macho": "a macOS program",
    "script": "a script",
}

# Types that run code: never evidence, not even inside a zip.
PROGRAM_TYPES = frozenset({"exe", "elf", "macho", "script"})
# Types Pillow can turn into an accepted image (heic/avif only with a plugin).
IMAGE_TYPES = frozenset({"jpeg", "png", "gif", "webp", "bmp", "tiff", "heic", "avif"})
# Types already compressed: stored, not deflated, when packed into a zip.
COMPRESSED_TYPES = frozenset(
    {"jpeg", "png", "gif", "zip", "webp", "heic", "avif", "mp4", "mov", "mkv", "mp3",
     "docx", "xlsx", "pptx", "rar", "7z", "gzip"}
)

# Which real type each extension promises.
EXTENSION_TYPES = {
    "jpg": "jpeg", "jpeg": "jpeg", "jpe": "jpeg", "png": "png", "gif": "gif", "zip": "zip",
    "pdf": "pdf", "webp": "webp", "bmp": "bmp", "tif": "tiff", "tiff": "tiff",
    "heic": "heic", "heif": "heic", "avif": "avif", "mp4": "mp4", "m4v": "mp4", "mov": "mov",
    "avi": "avi", "mkv": "mkv", "webm": "mkv", "wav": "wav", "mp3": "mp3", "docx": "docx",
    "xlsx": "xlsx", "pptx": "pptx", "doc": "office", "xls": "office", "ppt": "office",
    "rtf": "rtf", "txt": "text", "csv": "text", "rar": "rar", "7z": "7z", "gz": "gzip",
    "exe": "exe", "dll": "exe", "msi": "office", "scr": "exe",
}

# The extension a fixed file of each accepted type gets.
TYPE_EXTENSIONS = {"jpeg": "jpg", "png": "png", "gif": "gif", "zip": "zip"}

_FTYP_BRANDS = {
    b"heic": "heic", b"heix": "heic", b"heim": "heic", b"heis": "heic", b"hevc": "heic",
    b"mif1": "heic", b"msf1": "heic", b"avif": "avif", b"avis": "avif", b"qt  ": "mov",
}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"PK\x07\x08", "zip"),
    (b"%PDF-", "pdf"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"MZ", "exe"),
    (b"\x7fELF", "elf"),
    (b"\xfe\xed\xfa\xce", "macho"),
    (b"\xfe\xed\xfa\xcf", "macho"),
    (b"\xce\xfa\xed\xfe", "macho"),
    (b"\xcf\xfa\xed\xfe", "macho"),
    (b"\xca\xfe\xba\xbe", "macho"),
    (b"#!", "script"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office"),
    (b"{\\rtf", "rtf"),
    (b"\x1a\x45\xdf\xa3", "mkv"),
    (b"ID3", "mp3"),
)


def detect_type(head: bytes) -> str | None:
    """The real type of a file from its first bytes (``HEAD_BYTES`` are enough), or None."""
    if head[:4] == b"RIFF" and len(head) >= 12:
        return {b"WEBP": "webp", b"AVI ": "avi", b"WAVE": "wav"}.get(head[8:12])
    if head[4:8] == b"ftyp":
        return _FTYP_BRANDS.get(head[8:12], "mp4")
    if head[:2] == b"BM" and len(head) >= 26 and head[6:10] == b"\0\0\0\0":
        return "bmp"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"%PDF-" in head:  # some PDF writers put junk before the header
        return "pdf"
    if head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "mp3"
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # a cut multi-byte character at the end is fine
                return None
        return "text"
    return None


def type_label(kind: str | None) -> str:
    return TYPE_LABELS.get(kind or "", "a file of unknown type")


def extension_of(name: str) -> str:
    """The lower-case extension without its dot ('' when there is none)."""
    suffix = Path(name).suffix
    return suffix[1:].lower() if len(suffix) > 1 else ""


# --- EV-NAME --------------------------------------------------------------------------------

_SAFE_NAME = re.compile(r"[A-Za-z0-9 _-]*[A-Za-z0-9_-][A-Za-z0-9 _-]*\.[A-Za-z0-9]+")
_FALLBACK_STEM = "evidence"
_MAX_STEM = 80
# Letters NFKD does not split into an ASCII letter plus an accent.
_SPELLED = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l",
     "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i",
     "–": "-", "—": "-", "·": " ", "，": " ", "。": " ", "、": " ", "（": " ", "）": " "}
)


def is_safe_name(name: str) -> bool:
    """EV-NAME: ASCII letters, digits, space, ``-``, ``_``; one ``.`` before the extension."""
    return _SAFE_NAME.fullmatch(name) is not None


def safe_name(name: str, extension: str | None = None) -> str:
    """A name the platform accepts, kept as close to ``name`` as ASCII allows.

    Invisible and direction-changing characters (e.g. the right-to-left override that makes
    ``x\u202egpj.exe`` look like ``xexe.jpg``) are dropped; accents are removed; letters with no
    ASCII spelling (Chinese, Arabic...) leave a plain fallback stem. ``extension`` replaces the
    name's own extension (used when the real type differs from the name).
    """
    cleaned = "".join(c for c in name if unicodedata.category(c) not in ("Cf", "Cc"))
    stem, dot, own_extension = cleaned.rpartition(".")
    if not dot:
        stem, own_extension = cleaned, ""
    extension = (extension if extension is not None else own_extension).lower()
    extension = re.sub(r"[^a-z0-9]", "", extension)
    ascii_stem = unicodedata.normalize("NFKD", stem.translate(_SPELLED))
    ascii_stem = "".join(
        c if c.isascii() else " " for c in ascii_stem if not unicodedata.combining(c)
    )
    ascii_stem = re.sub(r"[^A-Za-z0-9 _-]+", "-", ascii_stem)
    ascii_stem = re.sub(r"([ _-])[ _-]+", r"\1", ascii_stem).strip(" -_")[:_MAX_STEM].strip(" -_")
    lost_letters = any(c.isalpha() and not c.isascii() for c in stem)
    if not re.search(r"[A-Za-z]", ascii_stem) and (lost_letters or not ascii_stem):
        ascii_stem = f"{_FALLBACK_STEM} {ascii_stem}".strip()
    return f"{ascii_stem}.{extension}" if extension else ascii_stem


def with_extension(name: str, extension: str) -> str:
    stem, dot, _ = name.rpartition(".")
    return f"{stem if dot else name}.{extension}"


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``... so that it is not in ``taken`` (case-insensitive)."""
    lowered = {t.lower() for t in taken}
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, number = name, 1
    while candidate.lower() in lowered:
        number += 1
        candidate = f"{stem}-{number}" + (f".{extension}" if extension else "")
    return candidate


# --- Check results --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One broken rule (or, in ``warnings``, one thing worth knowing) about a file."""

    rule: str
    message: str
    hint: str = ""

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "message": self.message}


@dataclass
class FileCheck:
    path: Path
    size: int
    detected_type: str | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Pixel size for images that decoded, and a suggested name when EV-NAME is broken.
    image_size: tuple[int, int] | None = None
    suggested_name: str | None = None
    # The name the rules judge: the file's own, or the original name of a stored copy.
    name: str = ""
    sha256: str | None = None  # of the bytes checked (worked out in the same read)

    def __post_init__(self) -> None:
        self.name = self.name or self.path.name

    @property
    def ok(self) -> bool:
        return not self.problems

    def rules(self) -> set[str]:
        return {p.rule for p in self.problems}

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "ok": self.ok,
            "detected_type": self.detected_type,
            "problems": [p.to_json() for p in self.problems],
            "warnings": [w.to_json() for w in self.warnings],
        }


@dataclass
class SetCheck:
    files: list[FileCheck]
    set_problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.set_problems and all(f.ok for f in self.files)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": [f.to_json() for f in self.files],
            "set_problems": [p.to_json() for p in self.set_problems],
        }


def megabytes(size: int) -> str:
    """Decimal megabytes, as the platform counts them ("10.4 MB"; small files in kB)."""
    if size < 100_000:
        return f"{max(size, 1) / 1000:.1f} kB" if size else "0 bytes"
    return f"{size / 1_000_000:.1f} MB"


@dataclass(frozen=True)
class Progress:
    """What a long evidence job yields: ``done`` of ``total`` steps, and what it is doing."""

    done: int
    total: int
    message: str


# --- Dispute evidence bundle inputs (plain data, so the builder needs no database) ------------


@dataclass(frozen=True)
class BundleFile:
    path: Path
    caption: str = ""
    name: str = ""  # the original name when ``path`` is a stored copy

    @property
    def label(self) -> str:
        return self.name or self.path.name


@dataclass(frozen=True)
class BundleCase:
    """Everything the claim summary and the buyer's index say about one dispute."""

    order_number: str
    supplier_name: str
    claim_type: str  # in words, e.g. "Quality not as contracted"
    claim_text: str
    files: tuple[BundleFile, ...]
    broken_terms: tuple[str, ...] = ()
    order_date: date | None = None
    order_total: str = ""  # e.g. "USD 12,400.00"
    amount_claimed: str = ""
    supplier_country: str = ""
    buyer_name: str = ""
    products: tuple[str, ...] = ()


# --- Evidence kept with an order ---------------------------------------------------------------


@dataclass
class EvidenceItem:
    """One file attached to an order, as stored (content-addressed by its SHA-256)."""

    order_id: int
    original_name: str
    size: int
    sha256: str
    detected_type: str | None = None
    image_size: tuple[int, int] | None = None
    captured_at: datetime | None = None
    caption: str = ""
    claim_id: int | None = None
    added_at: datetime | None = None
    trashed_at: datetime | None = None
    id: int | None = None
    version: int = 0  # the stored version this copy was read at (0: never stored)
    added_by: str = ""  # the team member who added it (set when stored)

    @property
    def in_trash(self) -> bool:
        return self.trashed_at is not None
