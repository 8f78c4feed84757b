"""Writing rows to a CSV or XLSX file, streamed and atomic.

CSV is UTF-8 with a byte-order mark and commas, so Excel opens it with Chinese names intact; text
that Excel would run as a formula gets an apostrophe (``tabular.csv_text``). XLSX is written by
openpyxl's write-only mode (rows go to disk as they come) with typed cells: dates are dates,
amounts are numbers, and no text is ever a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from ta_desktop.core.domain.errors import OutputPathError
from ta_desktop.core.domain.tabular import csv_text
from ta_desktop.core.storage.files import check_output_path, write_atomically

FORMATS = (".csv", ".xlsx")


def check_format(path: Path) -> str:
    """The format of ``path`` by its extension, if the file may be written there."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise OutputPathError(f"TA Desktop cannot write {path}: name a .csv or .xlsx file.")
    check_output_path(path)
    return suffix


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]],
                sheet: str) -> int:
    """Write ``headers`` and ``rows`` to ``path`` (CSV or XLSX by its extension), replacing it
    in one step; the number of rows written."""
    if check_format(path) == ".csv":
        return _write_csv(path, headers, rows)
    return _write_xlsx(path, headers, rows, sheet)


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with write_atomically(path) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)  # Excel's dialect: commas, quotes where needed, CRLF
        writer.writerow(headers)
        for row in rows:
            writer.writerow([csv_text(value) for value in row])
            count += 1
        text.flush()
        text.detach()  # the stream stays open for write_atomically to publish
    return count


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]],
                sheet: str) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value: object) -> object:
        if not isinstance(value, str):
            return value
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XML cannot hold
        if not value.startswith("="):
            return value
        typed = WriteOnlyCell(worksheet, value=value)
        typed.data_type = "s"  # text, never a formula
        return typed

    def header(name: str) -> WriteOnlyCell:
        typed = WriteOnlyCell(worksheet, value=name)
        typed.font = bold
        return typed

    worksheet.append([header(name) for name in headers])
    count = 0
    for row in rows:
        worksheet.append([cell(value) for value in row])
        count += 1
    with write_atomically(path) as stream:
        workbook.save(stream)
    return count
