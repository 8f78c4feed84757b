"""The supplier page's scorecard and certificates, as a buyer sees them."""

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from ta_desktop.core.domain.entities import Action
from ta_desktop.core.services.demo import SUPPLIERS, load_demo
from ta_desktop.ui.suppliers import certificates_editor
from ta_desktop.ui.suppliers.certificates_editor import CertificateDialog
from ta_desktop.ui.suppliers.scorecard_panel import bar_layout
from tests.factories import make_supplier, order_through


def test_the_scorecard_tab_shows_the_suppliers_record(suppliers_page, workspace, profile):
    supplier = workspace.suppliers.save(make_supplier()).value
    workspace.orders.save(order_through(profile, Action.MARK_SHIPPED, number="TA-1",
                                        order_id=None, supplier_id=supplier.id))
    workspace.orders.save(order_through(profile, Action.MARK_SHIPPED, number="TA-2",
                                        order_id=None, supplier_id=supplier.id,
                                        dates={Action.MARK_SHIPPED: date(2026, 4, 21)}))
    suppliers_page.refresh()
    suppliers_page.open_supplier(supplier.id)
    values = {name: label.text() for name, label in suppliers_page.scorecard.values.items()}
    assert values["on_time"] == "50%"
    assert values["delay"] == "3.0 days"  # 0 and 6 days late, on average
    assert values["shipped"] == "2 of 2 orders"
    assert values["disputes"] == "0" and values["inspections"] == "—"
    assert values["spend"] == "2,000.00 USD"
    assert list(suppliers_page.scorecard.chart.years) == [2026]
    image = suppliers_page.scorecard.chart.grab()  # paints without error
    assert not image.isNull()


def test_year_bars_are_as_tall_as_their_share_of_the_plot():
    from ta_desktop.core.domain.scorecard import Scorecard

    years = {2025: Scorecard(on_time_rate=0.5, average_readiness=100),
             2026: Scorecard(on_time_rate=None, average_readiness=25)}
    bars = bar_layout(years, width=400, height=156, margin=28)  # a 100-pixel plot
    assert [(b.year, b.series, b.rect[3]) for b in bars] == [
        (2025, 0, 50.0), (2025, 1, 100.0), (2026, 1, 25.0)]
    assert all(b.rect[1] + b.rect[3] == 128 for b in bars)  # standing on the axis
    assert bars[2].rect[0] > 200  # the second year in the right half


def test_the_list_sorts_by_on_time_rate(suppliers_page, workspace):
    load_demo(workspace)
    suppliers_page.refresh()
    column = [c.key for c in suppliers_page.model.columns].index("on_time_rate")
    suppliers_page.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    model = suppliers_page.model
    rates = [model.supplier_row(r).on_time_rate for r in range(model.rowCount())]
    known = [r for r in rates if r is not None]
    assert known == sorted(known, reverse=True) and rates[-1] is None  # unknown last


def test_a_certificate_is_added_with_a_picked_date_and_a_stored_file(
        qtbot, suppliers_page, workspace, ops, tmp_path, monkeypatch):
    supplier = workspace.suppliers.save(make_supplier()).value
    suppliers_page.refresh()
    suppliers_page.open_supplier(supplier.id)
    original = tmp_path / "RoHS report.pdf"
    original.write_bytes(b"%PDF-1.4 RoHS")
    monkeypatch.setattr(certificates_editor, "pick_file", lambda *_: original)

    def fill(dialog_self):
        dialog_self.kind.setCurrentIndex(dialog_self.kind.findData("RoHS"))
        dialog_self.scope.setText("PB-20K")
        dialog_self.dated.setChecked(True)
        dialog_self.valid_until.setDate(QDate(2027, 1, 23))
        dialog_self._on_attach_clicked()
        dialog_self._on_buttons_accepted()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CertificateDialog, "exec", fill)
    suppliers_page.form.certificates._on_add_clicked()
    assert suppliers_page.save_button.isEnabled()
    qtbot.mouseClick(suppliers_page.save_button, Qt.MouseButton.LeftButton)
    [certificate] = workspace.suppliers.get(supplier.id).certificates
    assert (certificate.kind, certificate.name, certificate.scope, certificate.valid_until,
            certificate.file_name) == ("RoHS", "RoHS", "PB-20K", date(2027, 1, 23),
                                       "RoHS report.pdf")
    assert workspace.certificate_files.path_of(certificate.file_sha256).read_bytes() == \
        b"%PDF-1.4 RoHS"
    table = suppliers_page.form.certificates.table
    assert table.item(0, 4).text() == "23 Jan 2027"
    assert table.item(0, 4).toolTip().startswith("Expires soon")  # 59 days after 25 Nov


def test_the_demo_suppliers_scorecard_has_two_years(suppliers_page, workspace):
    load_demo(workspace)
    first = next(r.id for r in workspace.suppliers.rows() if r.name == SUPPLIERS[0].name)
    suppliers_page.refresh()
    suppliers_page.open_supplier(first)
    assert len(suppliers_page.scorecard.chart.years) >= 2
    card, _years = workspace.scorecards.of(first)
    assert card.on_time_rate is not None and 0 < card.on_time_rate < 1
    assert card.inspection_pass_rate is not None and card.inspection_pass_rate < 1


def test_a_certificate_reminder_in_what_needs_me_opens_its_supplier(window, workspace):
    from ta_desktop.core.domain.entities import Certificate

    supplier = workspace.suppliers.save(make_supplier("HQ", certificates=[
        Certificate("CE report", kind="CE", valid_until=date(2026, 12, 20))])).value
    home = window.home_page
    home.refresh()
    rows = [r for r in range(home.model.rowCount()) if home.model.deadline(r).rule == "SUP-CERT"]
    assert len(rows) == 1
    assert home.model.deadline(rows[0]).title == \
        "Ask HQ for a renewed CE report"
    home._open_row(rows[0])
    assert window.pages.currentWidget() is window.suppliers_page
    assert window.suppliers_page.title.text() == "HQ" and supplier.id


def test_the_total_spend_is_also_in_the_home_currency(suppliers_page, workspace, profile):
    from decimal import Decimal

    from ta_desktop.core.domain.landed_cost import Cost, CostKind

    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(order_through(profile, Action.MARK_SHIPPED, number="TA-1",
                                                order_id=None, supplier_id=supplier.id)).value
    workspace.money.set_home("EUR", {"USD": "0.92"})
    suppliers_page.refresh()
    suppliers_page.open_supplier(supplier.id)
    # 1,000.00 USD paid, no rate recorded: at today's 0.92
    assert suppliers_page.scorecard.values["spend"].text() == \
        "1,000.00 USD ≈ 920.00 EUR in all (partly at today's rate)"
    sheet = workspace.money.sheet(order.id)
    sheet.costs = [Cost(CostKind.FREIGHT, "EUR", Decimal("10"))]
    sheet.payment_rates = {order.payments[0].id: Decimal("0.9")}
    workspace.money.save_sheet(sheet)
    suppliers_page.open_supplier(supplier.id)
    assert suppliers_page.scorecard.values["spend"].text() == \
        "1,000.00 USD = 900.00 EUR in all, at the rates paid"
    sheet = workspace.money.sheet(order.id)
    sheet.payment_rates = {}
    workspace.money.save_sheet(sheet)
    workspace.money.set_home("EUR", {})  # neither a rate paid nor today's rate
    suppliers_page.open_supplier(supplier.id)
    spend = suppliers_page.scorecard.values["spend"].text()
    assert spend.endswith("enter today's rate of USD to see the whole in the home currency)")
