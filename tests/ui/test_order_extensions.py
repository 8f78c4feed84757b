"""The order screen is extended one way: tabs and actions from the list in extensions.py."""

import pytest
from PySide6.QtCore import Signal

from ta_desktop.core.domain.entities import Action
from ta_desktop.ui.disputes.dispute_tab import DisputePanel, OrderTimelineTab
from ta_desktop.ui.evidence.evidence_panel import EvidencePanelWidget
from ta_desktop.ui.orders.extensions import ORDER_EXTENSIONS
from ta_desktop.ui.orders.order_detail import OrderDetailWidget
from ta_desktop.ui.orders.order_tab import LazyTab, OrderAction, OrderTab, Placement
from ta_desktop.ui.orders.payment_methods_tab import PaymentMethodsTab
from ta_desktop.ui.orders.receiving_action import ReceivingAction
from ta_desktop.ui.orders.summary_actions import PrintSummaryAction, SaveSummaryAction
from ta_desktop.ui.specs.specification_tab import SpecificationTab
from tests.factories import TODAY, make_order, make_supplier


@pytest.fixture
def detail(qtbot, workspace, ops):
    widget = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
    qtbot.addWidget(widget)
    return widget


def test_the_list_holds_every_feature_of_the_order_screen(detail):
    kinds = {e.kind if isinstance(e, LazyTab) else type(e) for e in detail.extensions}
    assert {SpecificationTab, EvidencePanelWidget, DisputePanel, OrderTimelineTab,
            PaymentMethodsTab, PrintSummaryAction, SaveSummaryAction, ReceivingAction} <= kinds
    steps = {e.step for e in detail.extensions if isinstance(e, OrderAction) and e.step}
    assert steps == {Action.OPEN_DISPUTE, Action.CANCEL_DISPUTE, Action.RESOLVE_DISPUTE,
                     Action.REQUEST_MODIFICATION, Action.SUBMIT}
    assert [detail.tabs.tabText(n) for n in range(detail.tabs.count())] == [
        "Contract", "Specification", "Payments", "History", "Evidence", "Inspections", "Dispute",
        "Payment methods", "Payment schedule", "Landed cost", "Modifications"]
    assert [a.text() for a in detail.document_toolbar.actions()] == [
        "Print…", "Save as PDF…", "Receiving…", "Apply current rules…"]


class NotesTab(OrderTab):
    """A made-up feature: edits a part of the order, like the specification does."""

    seen = Signal(object)

    def __init__(self):
        super().__init__()
        self.title = "Notes again"
        self.text = ""

    def set_order(self, order):
        self.seen.emit(order)

    def apply_to(self, order):
        order.notes = self.text


def test_a_new_tab_plugs_in_through_the_list_alone(qtbot, workspace, ops):
    tab = NotesTab()
    detail = OrderDetailWidget(workspace, ops, [lambda screen, ws, hub: [tab]])
    qtbot.addWidget(detail)
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    with qtbot.waitSignal(tab.seen) as shown:
        detail.open_order(order.id)
    assert shown.args[0].id == order.id
    assert detail.tabs.tabText(detail.tabs.count() - 1) == "Notes again"
    tab.text = "Written in the new tab"
    tab.changed.emit()
    assert detail.dirty
    assert detail.save()
    assert workspace.orders.get(order.id).notes == "Written in the new tab"
    tab.title_changed.emit("Notes (1)")
    assert detail.tabs.tabText(detail.tabs.indexOf(tab)) == "Notes (1)"


def test_a_step_action_takes_over_its_toolbar_button(qtbot, workspace, ops):
    ran = []
    detail = OrderDetailWidget(workspace, ops, [lambda screen, ws, hub: [
        OrderAction("Open dispute", lambda: ran.append(screen.order.id) or True, screen,
                    step=Action.OPEN_DISPUTE)]])
    qtbot.addWidget(detail)
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    detail.open_order(order.id)
    assert detail.perform(Action.OPEN_DISPUTE, on=TODAY)
    assert ran == [order.id]
    assert detail.document_toolbar.actions() == []


def test_the_specification_sits_with_the_contract_and_the_timeline_above_the_tabs(detail):
    spec = detail.extension(SpecificationTab)
    assert spec.placement is Placement.CONTRACT and detail.tabs.indexOf(spec) == 1
    timeline = detail.extension(OrderTimelineTab)
    assert detail.tabs.indexOf(timeline) == -1 and not timeline.isVisibleTo(detail)


def test_a_tab_is_built_when_first_selected_and_shows_the_order(qtbot, detail, workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    detail.open_order(order.id)
    index = [detail.tabs.tabText(n) for n in range(detail.tabs.count())].index("Evidence")
    assert isinstance(detail.tabs.widget(index), LazyTab)  # nothing built yet
    detail.tabs.setCurrentIndex(index)
    panel = detail.tabs.currentWidget()
    assert isinstance(panel, EvidencePanelWidget) and panel.order_id == order.id
    assert detail.tabs.tabText(index) == "Evidence" and detail.extension(EvidencePanelWidget) \
        is panel


def test_a_built_tab_edits_and_saves_with_the_order(qtbot, detail, workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    detail.open_order(order.id)
    detail.show_tab(detail.extension(SpecificationTab))
    spec = detail.tabs.currentWidget()
    assert isinstance(spec, SpecificationTab)
    spec.editor.set_text("Material: ABS, 2 mm wall.")
    spec.changed.emit()
    assert detail.dirty and detail.save()
    assert workspace.orders.get(order.id).spec_text == "Material: ABS, 2 mm wall."
