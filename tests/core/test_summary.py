"""The contract summary PDF, read back as a supplier would read it, and its command line."""

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from ta_desktop.cli import main
from ta_desktop.core.domain.contract_summary import KeyDate, Risk
from ta_desktop.core.domain.entities import OrderLine
from ta_desktop.core.domain.errors import NotFound, ValidationError
from ta_desktop.core.domain.types import PaymentMethod
from ta_desktop.core.services.buyer_settings import (
    BuyerDetails,
    load_fee_schedule,
    save_buyer,
    save_fee_schedule,
)
from ta_desktop.core.services.reports.gather import summary_for
from ta_desktop.core.services.reports.render import render_summary
from ta_desktop.core.services.workspace import Workspace
from tests.factories import TODAY, make_order, make_supplier

SUPPLIER = "深圳市华强电子有限公司"
SPEC = """Material: ABS plastic; other mixtures unacceptable.
Colour: Pantone 1935 C.
Design: per design_draft_a.pdf.
Inspection: third-party pre-shipment inspection, AQL 2.5.
"""


@pytest.fixture
def workspace(tmp_path):
    ws = Workspace.open(tmp_path / "summary.sqlite", today=lambda: TODAY)
    supplier = ws.suppliers.save(make_supplier(SUPPLIER, contact_name="Lily Chen",
                                               gold_supplier=True)).value
    ws.orders.save(make_order(
        "TA-2026-0101", supplier.id, incoterm="FOB", spec_text=SPEC,
        payment_method=PaymentMethod.CARD,
        lines=[OrderLine("Power bank 20,000 mAh, black", 1000, Decimal("7.85"), sku="PB-20K"),
               OrderLine("USB-C cable 1 m", 1000, Decimal("0.62"), sku="CB-C1M")]))
    yield ws
    ws.close()


def pdf_text(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    # Wrapped cells break lines; a reader sees words, so compare with single spaces.
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


def test_summary_states_order_chinese_supplier_lines_and_totals(workspace):
    reader, pages = pdf_text(render_summary(summary_for(workspace, "TA-2026-0101")))
    text = "\n".join(pages)
    assert "TA-2026-0101" in text
    assert SUPPLIER in text
    assert "Power bank 20,000 mAh, black" in text and "USB-C cable 1 m" in text
    assert "7,850.00" in text and "620.00" in text
    assert "8,470.00 USD" in text
    assert "FOB" in text and "01 Dec 2026" in text
    assert "Draft" in text
    # Card: 2.95 % of 8,470.00; supplier's fee 1-2 % capped at US$100.
    assert "249.87 USD" in text
    assert "84.70 USD to 100.00 USD" in text
    assert "Material: ABS plastic; other mixtures unacceptable." in text
    assert "design_draft_a.pdf" in text
    assert f"Page 1 of {len(reader.pages)}" in pages[0]
    assert "Made on 25 Nov 2026" in pages[0]
    assert reader.metadata.title == "Contract summary TA-2026-0101"


def test_buyer_details_from_settings_or_a_neutral_placeholder(workspace):
    text = "\n".join(pdf_text(render_summary(summary_for(workspace, "TA-2026-0101")))[1])
    assert "name, address and contact to be completed" in text
    save_buyer(workspace.settings, BuyerDetails(name="Nordic Home AB", address="Storgatan 1\n"
                                                "111 22 Stockholm", contact="Eva Lind"))
    text = "\n".join(pdf_text(render_summary(summary_for(workspace, "TA-2026-0101")))[1])
    assert "Nordic Home AB" in text and "111 22 Stockholm" in text and "Eva Lind" in text
    assert "to be completed" not in text


def test_a_200_line_order_paginates_with_the_line_header_on_every_page(workspace):
    supplier_id = workspace.orders.get_by_number("TA-2026-0101").supplier_id
    lines = [OrderLine(f"Item {n:03d} stainless steel 304 part", n, Decimal("1.25"),
                       sku=f"SKU-{n:03d}") for n in range(1, 201)]
    long_spec = "\n".join(f"Clause {n}: tolerance ±0.{n % 10} mm, per drawing D-{n}.pdf"
                          for n in range(1, 121))
    workspace.orders.save(make_order("TA-LONG", supplier_id, lines=lines, spec_text=long_spec))
    reader, pages = pdf_text(render_summary(summary_for(workspace, "TA-LONG")))
    text = "\n".join(pages)
    assert len(reader.pages) >= 6
    for n in range(1, 201):
        assert f"Item {n:03d} stainless steel 304 part" in text
    assert "25,125.00 USD" in text  # 1.25 x (1 + ... + 200)
    line_pages = [page for page in pages if "SKU-" in page]
    assert len(line_pages) >= 3
    assert all("QTY UNIT UNIT PRICE USD TOTAL USD" in page for page in line_pages)
    assert "Clause 120: tolerance ±0.0 mm" in text
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sizes(workspace, paper, size):
    reader = PdfReader(io.BytesIO(render_summary(summary_for(workspace, "TA-2026-0101"), paper)))
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == size


def test_spec_risks_and_deadlines_come_from_pluggable_finders(workspace):
    summary = summary_for(
        workspace, "TA-2026-0101",
        risk_finder=lambda text: [Risk("Colour needs a code", "SPEC-COLOUR", "red")],
        deadline_finder=lambda order, profile, today: [
            KeyDate("Reply to the supplier's proposal", date(2026, 12, 2), "DS-REPLY")])
    text = "\n".join(pdf_text(render_summary(summary))[1])
    assert "Open points in the specification" in text and "Colour needs a code" in text
    assert "Reply to the supplier's proposal" in text and "02 Dec 2026" in text
    plain = "\n".join(pdf_text(render_summary(summary_for(workspace, "TA-2026-0101")))[1])
    assert "Open points in the specification" in plain  # the spec linter by default
    assert "Missing: Packaging." in plain
    unchecked = summary_for(workspace, "TA-2026-0101", risk_finder=None)
    assert "Open points" not in "\n".join(pdf_text(render_summary(unchecked))[1])
    assert "Agreed shipment date" in plain  # from the deadline engine by default


def test_unknown_order_number_is_a_user_error(workspace):
    with pytest.raises(NotFound, match="no order number 'TA-404'"):
        summary_for(workspace, "TA-404")


def test_cli_writes_the_pdf_and_refuses_an_unknown_order(workspace, tmp_path, capsys):
    db = str(workspace.db.path)
    out = tmp_path / "out" / "summary.pdf"
    argv = ["--db", db, "summary", "TA-2026-0101", "--out", str(out), "--paper", "letter"]
    # A missing folder is refused, as for every output (deadlines --ics...), not created.
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "out does not exist" in err
    assert not out.parent.exists()
    out.parent.mkdir()
    assert main(argv) == 0
    reader = PdfReader(out)
    assert round(reader.pages[0].mediabox.height) == 792
    assert "TA-2026-0101" in reader.pages[0].extract_text()
    assert [p.name for p in out.parent.iterdir()] == ["summary.pdf"]  # no temporary left
    capsys.readouterr()
    missing = tmp_path / "missing.pdf"
    assert main(["--db", db, "summary", "TA-404", "--out", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TA-404" in err
    assert not missing.exists()


def test_text_is_printed_literally_and_nothing_recorded_is_said(workspace):
    supplier_id = workspace.orders.get_by_number("TA-2026-0101").supplier_id
    workspace.orders.save(make_order(
        "TA-EMPTY", supplier_id, lines=[OrderLine("Mug <b>red</b> & blue ≈ 350 ml, 马克杯", 10,
                                                  Decimal("1.5"))]))
    text = "\n".join(pdf_text(render_summary(summary_for(workspace, "TA-EMPTY")))[1])
    assert "Mug <b>red</b> & blue ≈ 350 ml, 马克杯" in text
    assert "No specification is written for this order" in text
    assert "No inspection is stated" in text
    assert "No design files or contract file are recorded" in text


def test_an_order_without_lines_still_makes_a_summary(workspace):
    supplier_id = workspace.orders.get_by_number("TA-2026-0101").supplier_id
    workspace.orders.save(make_order("TA-NOLINES", supplier_id, lines=[]))
    text = "\n".join(pdf_text(render_summary(summary_for(workspace, "TA-NOLINES")))[1])
    assert "Order lines (0)" in text and "0.00 USD" in text


def test_a_blocked_domestic_wire_is_stated_on_the_summary(workspace):
    supplier_id = workspace.orders.get_by_number("TA-2026-0101").supplier_id
    workspace.orders.save(make_order(
        "TA-EUR", supplier_id, currency="EUR", payment_method=PaymentMethod.DOMESTIC_WIRE,
        lines=[OrderLine("Cosmetic jar 50 ml", 5_000_000, Decimal("0.21"))]))
    text = "\n".join(pdf_text(render_summary(summary_for(workspace, "TA-EUR")))[1])
    assert "Not checked. PAY-WIRE-CAP" in text
    schedule = load_fee_schedule(workspace.settings, workspace.profile)
    save_fee_schedule(workspace.settings, schedule.with_overrides({"usd_rates": {"EUR": "1.1"}}),
                      workspace.profile)
    text = "\n".join(pdf_text(render_summary(summary_for(workspace, "TA-EUR")))[1])
    assert "BLOCKED. PAY-WIRE-CAP" in text and "over the limit" in text


def test_an_unknown_paper_is_refused(workspace):
    with pytest.raises(ValidationError, match="a4 or letter"):
        render_summary(summary_for(workspace, "TA-2026-0101"), "a3")


def test_a_drafts_summary_states_the_clocks_the_contract_will_start(workspace):
    dates = summary_for(workspace, "TA-2026-0101").deadlines
    by_rule = {d.rule: d for d in dates if d.when is None}
    assert set(by_rule) == {"CONF-AUTO", "RC-EXT", "DS-WINDOW"}
    assert "30 days after delivery is confirmed" in by_rule["DS-WINDOW"].note
    assert dates[0].label == "Agreed shipment date" and dates[0].when is not None


def test_the_summary_states_the_receiving_window_as_an_estimate_not_a_fact(workspace):
    # RC-WINDOW: the guide never states the window; no "30 days" is sent to the supplier as fact.
    summary = summary_for(workspace, "TA-2026-0101")
    receive = next(d for d in summary.deadlines if d.rule == "RC-EXT")
    assert receive.label.endswith("(estimate)")
    assert "confirm receipt by" in receive.note and "30 days of shipment" not in receive.note
    text = " ".join("\n".join(pdf_text(render_summary(summary))[1]).split())
    assert "Confirm delivery or extend the receiving time (estimate)" in text


def test_order_lines_read_back_whatever_their_text(workspace):
    # A line that fits is drawn as plain text, one that does not wraps, Chinese is set in the
    # fallback font, markup characters are text: each reads back as it was written.
    lines = [OrderLine("Cables <USB-C> & adapters \"2 m\"", 10, Decimal("0.85"), sku="C&A-2M"),
             OrderLine("蓝牙耳机 Bluetooth earphones", 10, Decimal("3.15"), sku="BT-01"),
             OrderLine("Stainless steel tumbler 500 ml, double wall, powder coated, laser "
                       "engraved logo on both sides, gift box", 10, Decimal("4.90"), sku="TB")]
    supplier = workspace.suppliers.save(make_supplier("Ningbo Lines Co., Ltd.")).value
    workspace.orders.save(make_order("TA-LINES", supplier.id, lines=lines))
    _reader, pages = pdf_text(render_summary(summary_for(workspace, "TA-LINES")))
    text = " ".join(pages)
    assert 'C&A-2M Cables <USB-C> & adapters "2 m"' in text
    assert "BT-01 蓝牙耳机 Bluetooth earphones" in text
    assert ("TB Stainless steel tumbler 500 ml, double wall, powder coated, laser engraved logo "
            "on both sides, gift box") in text
