"""Cells to values: what the parsers accept, what they refuse and why; the CSV text escape;
telling the encoding and the separator of a CSV file."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest

from ta_desktop.core.domain.errors import UnreadableFile
from ta_desktop.core.domain.tabular import (
    CellError,
    Formula,
    NumberStyle,
    RecordKind,
    amount_text,
    csv_text,
    csv_unescape,
    match_columns,
    parse_bool,
    parse_date,
    parse_money,
    parse_quantity,
    parse_status,
)
from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.core.services.io.readers import detect_encoding, detect_separator

EUROPEAN = NumberStyle(decimal_comma=True)


@pytest.mark.parametrize(("cell", "expected"), [
    ("2026-11-25", date(2026, 11, 25)), ("2026/11/25", date(2026, 11, 25)),
    ("25.11.2026", date(2026, 11, 25)), (datetime(2026, 11, 25), date(2026, 11, 25)),
])
def test_dates_as_excel_writes_them(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize(("cell", "words"), [
    ("2026-02-30", "not a date that exists"), ("11/12/2026", "not a date"),
    (datetime(2026, 11, 25, 9, 30), "time of day"), (Formula("=TODAY()"), "formula"),
])
def test_dates_that_are_impossible_or_ambiguous_are_refused(cell, words):
    with pytest.raises(CellError, match=words):
        parse_date(cell)


@pytest.mark.parametrize(("cell", "style", "expected"), [
    ("7.85", NumberStyle(), Decimal("7.85")), ("1,234.50", NumberStyle(), Decimal("1234.50")),
    ("7,85", EUROPEAN, Decimal("7.85")), ("1.234,50", EUROPEAN, Decimal("1234.50")),
    (7.85, NumberStyle(), Decimal("7.85")), (12, EUROPEAN, Decimal(12)),
])
def test_money_in_both_styles(cell, style, expected):
    assert parse_money(cell, style) == expected


@pytest.mark.parametrize(("cell", "style"), [
    ("7,85", NumberStyle()), ("1,2345.0", NumberStyle()), ("12abc", NumberStyle()),
    ("$7.85", NumberStyle()), ("-1.00", NumberStyle()), ("1e999999", NumberStyle()),
    ("7,850,00", EUROPEAN), (True, NumberStyle()),
])
def test_money_that_is_not_an_amount_is_refused(cell, style):
    with pytest.raises(CellError):
        parse_money(cell, style)


@pytest.mark.parametrize(("cell", "style", "expected"), [
    ("1,000", NumberStyle(), 1000), ("1.000", EUROPEAN, 1000), (100.0, NumberStyle(), 100),
])
def test_quantities(cell, style, expected):
    assert parse_quantity(cell, style) == expected


@pytest.mark.parametrize("cell", ["-5", "0", "1.5", "ten", 2.5, "99999999999"])
def test_quantities_must_be_whole_and_above_zero(cell):
    with pytest.raises(CellError):
        parse_quantity(cell)


def test_yes_no_and_statuses_by_value_or_label():
    assert [parse_bool(v) for v in ("TRUE", "no", "是", 1, False)] == [True, False, True,
                                                                       True, False]
    assert parse_status("Waiting for payment") == OrderStatus.AWAITING_PAYMENT
    assert parse_status("AWAITING_PAYMENT") == OrderStatus.AWAITING_PAYMENT


def test_headers_match_whatever_their_case_and_spaces():
    assert match_columns(["\ufeffOrder Number", "Unit-Price", "other"], RecordKind.ORDERS) == {
        "order_number": 0, "unit_price": 1}


@pytest.mark.parametrize("value", ["=SUM(A1)", "+86 755 8321 0000", "-", "@home", "'quoted",
                                   "plain"])
def test_csv_text_escapes_what_excel_would_run_and_reads_back_the_same(value):
    written = csv_text(value)
    assert written[0] not in "=+-@" and csv_unescape(written) == value


def test_an_unescaped_equals_sign_in_csv_is_a_formula():
    assert isinstance(csv_unescape("=1+2"), Formula)


def test_amounts_are_written_with_two_decimals_at_least():
    assert [amount_text(Decimal(v)) for v in ("7.8500", "120000.0000", "0.205")] == [
        "7.85", "120000.00", "0.205"]


@pytest.mark.parametrize(("data", "expected"), [
    ("名字".encode("utf-8-sig"), "utf-8-sig"), ("名字".encode(), "utf-8"),
    ("名字".encode("gb18030"), "gb18030"), ("名字".encode("utf-16"), "utf-16"),
    (b"name\n" * 300_000 + "深圳".encode("gb18030"), "gb18030"),  # past the first megabyte
])
def test_encodings(data, expected):
    assert detect_encoding(io.BytesIO(data)) == expected


def test_bytes_of_no_known_encoding_are_refused():
    with pytest.raises(UnreadableFile, match="encoding"):
        detect_encoding(io.BytesIO(b"abc \xff\xfe\xfa"))


@pytest.mark.parametrize(("line", "expected"), [
    ("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ("name", ","), ("a;b,c;d", ";"),
])
def test_separators(line, expected):
    assert detect_separator(line) == expected


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_on_the_opened_file_not_waited_on(tmp_path):
    import os

    from ta_desktop.core.domain.errors import InputPathError
    from ta_desktop.core.services.io.readers import open_table

    pipe = tmp_path / "orders.csv"
    os.mkfifo(pipe)  # with no writer, a plain open would wait forever
    with pytest.raises(InputPathError, match="named pipe"), open_table(pipe):
        pass
