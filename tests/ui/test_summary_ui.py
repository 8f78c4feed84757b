"""Contract summary and payment fees in the order detail, as the buyer uses them."""

from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from ta_desktop.core.domain.entities import OrderLine
from ta_desktop.core.domain.types import PaymentMethod
from ta_desktop.core.services.buyer_settings import load_fee_schedule
from ta_desktop.ui.orders.extensions import ORDER_EXTENSIONS
from ta_desktop.ui.orders.order_detail import OrderDetailWidget
from ta_desktop.ui.orders.payment_methods_tab import PaymentMethodsTab
from ta_desktop.ui.orders.printing import print_pdf
from ta_desktop.ui.orders.summary_actions import PrintSummaryAction, SaveSummaryAction
from ta_desktop.ui.settings.payment_fees_dialog import PaymentFeesDialog
from tests.factories import make_order, make_supplier

SUPPLIER = "深圳市华强电子有限公司"


@pytest.fixture
def order(workspace):
    supplier = workspace.suppliers.save(make_supplier(SUPPLIER)).value
    return workspace.orders.save(make_order(
        "TA-2026-0101", supplier.id, currency="EUR", payment_method=PaymentMethod.DOMESTIC_WIRE,
        lines=[OrderLine("Cosmetic jar 50 ml", 5_000_000, Decimal("0.21"))])).value


@pytest.fixture
def detail(qtbot, workspace, ops, order):
    """The order screen with every extension, on the order."""
    widget = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
    qtbot.addWidget(widget)
    widget.open_order(order.id)
    return widget


def test_save_as_pdf_writes_the_summary_where_the_buyer_chose(qtbot, detail, tmp_path):
    target = tmp_path / "for the supplier.pdf"
    asked = []
    save_action = detail.extension(SaveSummaryAction)
    save_action.ask_path = lambda parent, name, paper: asked.append(name) or (target, "letter")
    assert save_action.isEnabled()
    with qtbot.waitSignal(save_action.summary_saved) as saved:
        save_action.trigger()
    assert saved.args == [target]
    assert asked == ["TA-2026-0101 contract summary.pdf"]
    reader = PdfReader(target)
    text = reader.pages[0].extract_text()
    assert "TA-2026-0101" in text and SUPPLIER in text
    assert round(reader.pages[0].mediabox.height) == 792  # the Letter filter was chosen


def test_cancelling_the_file_dialog_writes_nothing(detail, tmp_path):
    save_action = detail.extension(SaveSummaryAction)
    save_action.ask_path = lambda parent, name, paper: None
    assert save_action.save_pdf() is None
    assert list(tmp_path.glob("*.pdf")) == []


def test_summary_actions_wait_for_a_saved_order(detail):
    save_action, print_action = (detail.extension(SaveSummaryAction),
                                 detail.extension(PrintSummaryAction))
    detail.new_order()
    assert not save_action.isEnabled() and not print_action.isEnabled()
    detail.clear()
    assert not print_action.isEnabled()


def test_printing_draws_every_page_of_the_summary(detail, tmp_path):
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    pages = print_pdf(printer, detail.extension(PrintSummaryAction).render)
    assert pages == len(PdfReader(out).pages) >= 1


def test_print_preview_asks_for_the_summary_pages(qtbot, detail):
    preview = detail.extension(PrintSummaryAction).make_preview()
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.paintRequested, timeout=5000):
        preview.show()
    preview.close()


def test_payment_methods_tab_shows_costs_and_an_unchecked_limit(detail):
    fees = detail.extension(PaymentMethodsTab)
    methods = [fees.table.item(row, 0).text() for row in range(fees.table.rowCount())]
    assert methods[0] == "Credit/debit card"
    assert fees.table.item(0, 1).text() == "30,975.00 EUR"  # 2.95 % of 1,050,000.00
    wire = methods.index("Domestic wire transfer  (chosen)")
    assert fees.table.item(wire, 2).text() == "Not checked"
    assert "USD value of 1 EUR" in fees.details.text()
    assert "EUR" in fees.hint.text()


def test_entering_a_rate_in_the_fee_settings_blocks_a_wire_over_the_cap(qtbot, detail, ops,
                                                                       workspace):
    dialog = PaymentFeesDialog(workspace.settings, workspace.profile, ops, detail)
    qtbot.addWidget(dialog)
    eur = next(row for row in range(dialog.rates.rowCount())
               if dialog.rates.item(row, 0).text() == "EUR")
    dialog.rates.item(eur, 1).setText("1.10")
    dialog.methods.item(0, 1).setText("3.1")
    dialog._on_buttons_accepted()
    assert dialog.result() == PaymentFeesDialog.DialogCode.Accepted
    schedule = load_fee_schedule(workspace.settings, workspace.profile)
    assert schedule.usd_rate("EUR") == Decimal("1.10")
    assert schedule.fee(PaymentMethod.CARD).rate == Decimal("0.031")
    fees = detail.extension(PaymentMethodsTab)  # refreshed by the settings change
    wire = next(row for row in range(fees.table.rowCount())
                if fees.table.item(row, 0).text().startswith("Domestic wire"))
    assert fees.table.item(wire, 2).text() == "Blocked"  # 1,050,000 EUR = 1,155,000 USD


def test_a_bad_fee_is_explained_and_not_saved(qtbot, ops, workspace):
    dialog = PaymentFeesDialog(workspace.settings, workspace.profile, ops)
    qtbot.addWidget(dialog)
    dialog.methods.item(0, 1).setText("-2")
    dialog._on_buttons_accepted()
    assert dialog.error.isVisibleTo(dialog) and "negative" in dialog.error.text()
    assert load_fee_schedule(workspace.settings, workspace.profile).fee(
        PaymentMethod.CARD).rate == workspace.profile.card_fee_rate
