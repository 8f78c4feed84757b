"""The main window fits a 1280×720 screen whatever is open: every page, every demo order, every
order tab, and the Dispute tab with a dispute in each stage."""

from datetime import timedelta
from decimal import Decimal

import pytest

from ta_desktop.core.domain.disputes import DisputeEventKind, DisputeStage, effective_events
from ta_desktop.core.domain.types import ClaimType, Party
from ta_desktop.core.services.demo import load_demo
from ta_desktop.ui.disputes.dispute_tab import DisputePanel, OrderTimelineTab

SCREEN = (1280, 720)


def _add_disputes_in_every_stage(workspace) -> None:
    """The demo has disputes in negotiation and decided; dispute shipped demo orders until
    every stage is there."""
    disputes, today = workspace.disputes, workspace.today()
    opened = today - timedelta(days=12)
    shipped = ["TA-2026-0112", "TA-2026-0113", "TA-2026-0114", "TA-2026-0120", "TA-2026-0111"]
    ids = [workspace.orders.get_by_number(number).id for number in shipped]
    for order_id in ids:
        disputes.open(order_id, claim=ClaimType.QUALITY, requested_refund=Decimal("100"),
                      claim_text="Paint chips on the units.", on=opened)
    escalated, agreed, cancelled, closed, cancel_asked = ids
    disputes.escalate(escalated)
    disputes.escalate(cancel_asked)
    disputes.cancel(cancel_asked)  # after escalation: a request the dispute team answers
    for order_id in (agreed, closed):
        disputes.propose(order_id, Party.SUPPLIER, Decimal("50"), on=opened + timedelta(days=1))
        disputes.reply(order_id, Party.BUYER, True, on=opened + timedelta(days=2))
    disputes.cancel(cancelled)
    disputes.settle(closed, DisputeEventKind.REFUND, Decimal("50"))


def _fits(window) -> str:
    hint, least = window.minimumSizeHint(), window.minimumSize()
    width, height = max(hint.width(), least.width()), max(hint.height(), least.height())
    return "" if width <= SCREEN[0] and height <= SCREEN[1] else f"{width}×{height}"


@pytest.fixture(params=[False, True], ids=["light", "dark"])
def theme(request):
    """Each theme in turn (their margins differ); the application as it was afterwards."""
    from PySide6.QtWidgets import QApplication

    from ta_desktop.ui.theme import apply_theme

    app = QApplication.instance()
    before = (app.style().name(), app.palette(), app.styleSheet(), app.font())
    apply_theme(app, request.param)
    yield request.param
    style, palette, sheet, font = before
    app.setStyle(style)
    app.setPalette(palette)
    app.setStyleSheet(sheet)
    app.setFont(font)


def test_every_page_order_and_tab_fits_1280_by_720(qtbot, theme, window, workspace):
    load_demo(workspace)
    _add_disputes_in_every_stage(workspace)
    window.resize(*SCREEN)
    too_big = []
    for row in range(window.pages.count()):
        window.navigation.setCurrentRow(row)
        if problem := _fits(window):
            too_big.append(f"page {row}: {problem}")
    page = window.orders_page
    window.show_page(page)
    page.refresh()
    detail, stages = page.detail, set()
    numbers = [page.model.order_row(row).order_number for row in range(page.model.rowCount())]
    assert len(numbers) >= 30
    for number in numbers:
        page.open_order(workspace.orders.get_by_number(number).id)
        for tab in range(detail.tabs.count()):
            detail.tabs.setCurrentIndex(tab)
            if problem := _fits(window):
                too_big.append(f"{number}, {detail.tabs.tabText(tab)}: {problem}")
        panel = detail.extension(DisputePanel)
        if panel.dispute is not None:
            stages.add(effective_events(panel.dispute, workspace.profile,
                                        workspace.calendar(), workspace.today()).stage)
    detail.new_order()  # a draft too
    if problem := _fits(window):
        too_big.append(f"new order: {problem}")
    assert stages == set(DisputeStage)
    assert not too_big, "\n".join(too_big)


def test_the_list_divider_moves_and_is_remembered(qtbot, window, workspace, messages, tasks):
    from ta_desktop.ui.main_window import MainWindow

    splitter = window.orders_page.splitter
    window.resize(1366, 768)
    splitter.setSizes([650, 500])
    splitter.splitterMoved.emit(650, 1)  # what a drag of the handle emits
    again = MainWindow(workspace, messages, tasks=tasks)
    qtbot.addWidget(again)
    again.resize(1366, 768)
    again.show()
    assert again.orders_page.splitter.sizes()[0] == splitter.sizes()[0]


def test_a_long_supplier_name_elides_with_the_whole_name_in_the_tooltip(qtbot, window,
                                                                        workspace):
    from tests.factories import make_order, make_supplier

    name = "Shenzhen Extraordinarily Long Name Electronics Manufacturing Company Limited " * 2
    supplier = workspace.suppliers.save(make_supplier(name.strip())).value
    order = workspace.orders.save(make_order("TA-LONG", supplier.id)).value
    window.resize(*SCREEN)
    window.open_order(order.id)
    subtitle = window.orders_page.detail.subtitle
    assert subtitle.text().endswith("…") and name.strip() in subtitle.toolTip()
    assert not _fits(window)


def test_the_order_screen_keeps_its_layout_from_draft_to_saved(qtbot, window, workspace):
    from tests.factories import make_supplier

    workspace.suppliers.save(make_supplier())
    window.resize(1366, 768)
    page = window.orders_page
    window.show_page(page)
    page.new_order()
    qtbot.wait(10)
    detail = page.detail
    detail.form.fields["order_number"].setText("TA-DRAFT")
    assert detail.extension(OrderTimelineTab).timeline.isVisible()  # the plan, already
    before = [detail.body.sizes(), detail.tabs.geometry(), detail.save_button.geometry()]
    assert detail.save()
    qtbot.wait(10)
    assert detail.order.id is not None
    assert [detail.body.sizes(), detail.tabs.geometry(), detail.save_button.geometry()] == before


def test_a_list_cell_cut_short_has_its_whole_text_in_the_tooltip(qtbot, window, workspace):
    from PySide6.QtCore import Qt

    from tests.factories import make_order, make_supplier

    name = "Dongguan Bright Toys Manufacturing Company Limited, Humen Town Factory No. 2"
    supplier = workspace.suppliers.save(make_supplier(name)).value
    workspace.orders.save(make_order("TA-8", supplier.id))
    model = window.orders_page.model
    model.refresh()
    column = next(i for i in range(model.columnCount())
                  if model.headerData(i, Qt.Orientation.Horizontal) == "Supplier")
    assert model.index(0, column).data(Qt.ItemDataRole.ToolTipRole) == name


def _focus_order(first, widgets) -> list:
    """The widgets of ``widgets`` in the order Tab reaches them from ``first``."""
    seen, widget = [], first
    for _ in range(200):
        if widget in widgets and widget not in seen:
            seen.append(widget)
        widget = widget.nextInFocusChain()
    return seen


def test_tab_follows_each_form_from_top_to_bottom(qtbot, window):
    from PySide6.QtCore import Qt

    for form, first in ((window.orders_page.detail.form, "order_number"),
                        (window.suppliers_page.form, "name")):
        fields = [w for w in form.fields.values() if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        assert len(fields) >= 6
        assert _focus_order(form.fields[first], fields) == fields


def test_the_first_window_fits_the_screen_it_opens_on(qtbot, workspace, messages, tasks):
    from ta_desktop.ui.main_window import MainWindow

    first = MainWindow(workspace, messages, tasks=tasks)  # no size remembered yet
    qtbot.addWidget(first)
    available = first.screen().availableGeometry()  # offscreen: 800 x 600
    assert first.width() <= available.width() and first.height() <= available.height()
