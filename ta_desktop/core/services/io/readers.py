"""Reading a CSV or XLSX file row by row, whatever wrote it.

``open_table(path)`` tells the format from the bytes (an XLSX file is a zip), and for CSV the
encoding and the separator:

- encoding: a byte-order mark says UTF-8 or UTF-16 (Excel's "CSV UTF-8" and "Unicode text");
  otherwise the first non-ASCII bytes are tried as UTF-8, then as GB18030, the superset of GBK
  that Chinese Excel writes. Nothing else is guessed: a file that is neither is refused with a
  sentence, rather than imported with mangled names.
- separator: whichever of ``,`` ``;`` and tab the header line uses most (Excel's ``sep=;``
  first line is honoured). With ``;`` — European Excel — numbers have decimal commas.

Rows come one at a time (the file is never read whole), as ``(row number, cells)`` with the
header as row 1, so a million rows cost the memory of one.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from ta_desktop.core.domain.errors import UnreadableFile
from ta_desktop.core.domain.tabular import Formula, NumberStyle, RecordKind, csv_unescape
from ta_desktop.core.storage.files import open_regular

SAMPLE_BYTES = 64 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_SEPARATORS = (",", ";", "\t")
_SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


@dataclass
class Table:
    """An open file to import: its header, its rows (an iterator, read as it goes) and how far
    the reading has got (``position()``: done and total, in bytes or rows; total 0 if unknown)."""

    headers: list[str]
    rows: Iterator[tuple[int, Sequence[object]]]
    style: NumberStyle
    description: str
    position: Callable[[], tuple[int, int]]


@contextmanager
def open_table(path: Path, kind: RecordKind | None = None) -> Iterator[Table]:
    """The table in ``path``; for a workbook, the sheet named after ``kind`` if there is one,
    else the first. ``UnreadableFile`` when it is not a file TA Desktop can read."""
    path = Path(path)
    stream, _size = open_regular(path)  # a pipe or a device is refused, never waited on
    with stream as binary:
        magic = binary.read(8)
        binary.seek(0)
        if magic.startswith(b"PK\x03\x04"):
            with _xlsx_table(path, kind) as table:
                yield table
            return
        if magic.startswith(b"\xd0\xcf\x11\xe0"):
            raise UnreadableFile(f"{path.name} is an old Excel (.xls) or password-protected "
                                 "workbook: save it as .xlsx (Excel Workbook) or CSV first.")
        yield _csv_table(path, binary)


# --- CSV --------------------------------------------------------------------------------------


def detect_encoding(binary: BinaryIO, name: str = "the file") -> str:
    """The encoding of a text file (see the module's docstring); the stream is rewound."""
    head = binary.read(4)
    binary.seek(0)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    offset, start = 0, None
    while chunk := binary.read(1 << 20):
        found = _NON_ASCII.search(chunk)
        if found:
            start = offset + found.start()
            break
        offset += len(chunk)
    if start is None:
        binary.seek(0)
        return "utf-8"  # plain ASCII: any of them reads it the same
    binary.seek(start)  # the byte before is ASCII: a character starts here
    sample = binary.read(SAMPLE_BYTES)
    binary.seek(0)
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    raise UnreadableFile(f"TA Desktop cannot tell the encoding of {name}: it is neither "
                         "UTF-8 nor GB18030/GBK. Save it from Excel as \"CSV UTF-8\".")


def detect_separator(header_line: str) -> str:
    counts = {separator: header_line.count(separator) for separator in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda s: counts[s])  # ties: the first, a comma
    return best if counts[best] else ","


def _csv_table(path: Path, binary: BinaryIO) -> Table:
    encoding = detect_encoding(binary, path.name)
    stream = io.TextIOWrapper(binary, encoding=encoding, newline="")
    try:
        first = stream.readline()
    except UnicodeDecodeError:
        raise UnreadableFile(f"{path.name} is not {encoding} text.") from None
    hint = re.fullmatch(r"sep=(.)\r?\n?", first)
    separator = hint[1] if hint else detect_separator(first)
    if not hint:
        stream.seek(0)
    reader = csv.reader(stream, delimiter=separator)
    rows = _csv_rows(reader, path.name, encoding)
    headers: list[str] = []
    for _number, cells in rows:
        if any(str(cell).strip() for cell in cells):
            headers = [str(cell).strip() for cell in cells]
            break
    style = NumberStyle(decimal_comma=separator == ";")
    size = path.stat().st_size
    shown = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "gb18030": "GB18030", "utf-16": "UTF-16"}
    named = _SEPARATOR_NAMES.get(separator, repr(separator))
    description = f"CSV, {shown[encoding]}, separated by {named}"
    if style.decimal_comma:
        description += ", decimal commas"

    def position() -> tuple[int, int]:
        # ``stream`` is named here so that it outlives the rows: its end would close the file.
        return (size if stream.closed else min(binary.tell(), size)), size

    return Table(headers, rows, style, description, position)


def _csv_rows(reader, name: str, encoding: str) -> Iterator[tuple[int, list[object]]]:
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield number, [csv_unescape(cell) for cell in record]
    except UnicodeDecodeError:
        raise UnreadableFile(f"{name}: row {number + 1} is not {encoding} text; save the whole "
                             "file in one encoding (\"CSV UTF-8\").") from None
    except csv.Error as error:
        raise UnreadableFile(f"{name}: row {number + 1} cannot be read as CSV: {error}.") \
            from None


# --- XLSX -------------------------------------------------------------------------------------


@contextmanager
def _xlsx_table(path: Path, kind: RecordKind | None) -> Iterator[Table]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's "no default style" and the like
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(f"{path.name} is not an Excel workbook TA Desktop can read "
                             f"({error}); save it as .xlsx or CSV.") from None
    try:
        names = {name.strip().lower(): name for name in workbook.sheetnames}
        sheet = workbook[names[kind.value]] if kind and kind.value in names \
            else workbook.worksheets[0]
        rows = _xlsx_rows(sheet, path.name)
        headers: list[str] = []
        for _number, cells in rows:
            if any(cell is not None and str(cell).strip() for cell in cells):
                headers = ["" if cell is None else str(cell).strip() for cell in cells]
                break
        done = [0]
        total = sheet.max_row or 0

        def counted() -> Iterator[tuple[int, Sequence[object]]]:
            for number, cells in rows:
                done[0] = number
                yield number, cells

        yield Table(headers, counted(), NumberStyle(), f"Excel workbook, sheet '{sheet.title}'",
                    lambda: (done[0], max(total, done[0])))
    finally:
        workbook.close()


def _xlsx_value(cell) -> object:
    value = cell.value
    if cell.data_type == "f":
        return Formula(value if isinstance(value, str) else "=…")
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value


def _xlsx_rows(sheet, name: str) -> Iterator[tuple[int, list[object]]]:
    number = 0
    try:
        for number, row in enumerate(sheet.iter_rows(), start=1):
            yield number, [_xlsx_value(cell) for cell in row]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(f"{name}: row {number + 1} of the sheet cannot be read ({error}).") \
            from None
