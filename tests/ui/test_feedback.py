"""Feedback: a status-bar word after every save and export, with "Open folder" where a file was
written."""

from PySide6.QtCore import QUrl

from ta_desktop.core.domain.tabular import RecordKind
from ta_desktop.ui import status_notice
from tests.factories import make_supplier


def test_an_export_says_where_in_the_status_bar_and_opens_its_folder(window, workspace, tmp_path,
                                                                    monkeypatch):
    workspace.suppliers.save(make_supplier())
    target = tmp_path / "suppliers.xlsx"
    window.exporter.ask_path = lambda *_args: target
    opened = []
    monkeypatch.setattr(status_notice.QDesktopServices, "openUrl",
                        lambda url: opened.append(url) or True)
    window.exporter.export(RecordKind.SUPPLIERS)
    notice = window.notice
    assert notice.text.text() == "1 supplier(s) written to suppliers.xlsx."
    assert notice.open_button.isVisibleTo(window)
    notice.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]


def test_a_save_says_so_without_a_folder(window, workspace):
    window.show_page(window.suppliers_page)
    page = window.suppliers_page
    page.new_supplier()
    page.form.set_supplier(make_supplier("Ningbo Cups Co."))
    assert page.save()
    assert window.notice.text.text() == "Supplier Ningbo Cups Co. saved."
    assert not window.notice.open_button.isVisibleTo(window)
