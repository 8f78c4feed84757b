"""The order's "Dispute" tab: the dispute timeline, the claim, every event, and a button for
each step of the workflow (enabled only when the rules allow it, with the reason otherwise).

``dispute_extension`` gives the order screen this tab, the order timeline above its tabs, and
the toolbar's dispute steps, which go through this tab so a dispute always has its record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.disputes import (
    Dispute,
    DisputeEvent,
    DisputeEventKind,
    cancel_event,
    check_event,
    claim_text_warning,
    effective_events,
)
from ta_desktop.core.domain.entities import Action, Order, OrderEvent
from ta_desktop.core.domain.lifecycle import Check
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import OrderStatus, Party
from ta_desktop.core.services import consequences
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.disputes.dispute_dialog import DisputeDialog, DisputeStep, step_titles
from ta_desktop.ui.disputes.dispute_timeline import DisputeTimelineWidget
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.inspections_tab import inspection_markers
from ta_desktop.ui.orders.order_tab import (
    LazyTab,
    OrderAction,
    OrderScreen,
    OrderTab,
    Placement,
)
from ta_desktop.ui.orders.order_timeline import OrderTimelineWidget
from ta_desktop.ui.widgets.form import error_label

K = DisputeEventKind
# A probe event per step, to ask the domain whether the step is allowed right now.
_PROBES: dict[DisputeStep, tuple[DisputeEventKind, Party | None]] = {
    DisputeStep.PROPOSE: (K.PROPOSAL, Party.BUYER),
    DisputeStep.REPLY: (K.REPLY, None),  # the party who must answer
    DisputeStep.ESCALATE: (K.ESCALATED, Party.BUYER),
    DisputeStep.CANCEL: (K.CANCELLED, Party.BUYER),  # a request to the team once escalated
    DisputeStep.ANSWER_CANCEL: (K.CANCEL_ANSWERED, Party.PLATFORM),
    DisputeStep.DECIDE: (K.DECISION, Party.PLATFORM),
    DisputeStep.REFUND: (K.REFUND, Party.SUPPLIER),
    DisputeStep.RETURN: (K.RETURN, Party.BUYER),
}


def _recorded(who: str, when) -> str:
    """"Chen Wei, 2026-11-25 14:02": who recorded an entry (in team mode) and when."""
    return ", ".join(p for p in (who, fmt.moment(when) if when else "") if p)


class DisputePanel(OrderTab):
    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = self.tr("Dispute")
        self.workspace = workspace
        self.ops = ops
        self.order: Order | None = None
        self.dispute: Dispute | None = None

        self.summary = QLabel()
        self.summary.setObjectName("sectionTitle")
        self.summary.setWordWrap(True)
        self.claim_text = QLabel()
        self.claim_text.setWordWrap(True)
        self.claim_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_warning = error_label()
        self.timeline = DisputeTimelineWidget(workspace.profile, workspace.calendar())
        self.timeline.event_clicked.connect(self._on_timeline_event_clicked)

        # One compact row of steps; those that do not fit go into the row's » menu.
        titles = step_titles()
        self.steps = QToolBar()
        self.steps.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.buttons: dict[DisputeStep, QAction] = {}
        for step in DisputeStep:
            action = QAction(titles[step] + "…", self)
            action.triggered.connect(lambda _=False, s=step: self.act(s))
            self.buttons[step] = action
            self.steps.addAction(action)

        self.events = QTableWidget(0, 7)
        self.events.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Day"), self.tr("What happened"), self.tr("By"),
            self.tr("Amount"), self.tr("Note"), self.tr("Recorded by")])
        self.events.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events.verticalHeader().hide()
        self.events.horizontalHeader().setStretchLastSection(True)
        self.events.setAlternatingRowColors(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.claim_text)
        layout.addWidget(self.text_warning)
        layout.addWidget(self.timeline)
        layout.addWidget(self.steps)
        layout.addWidget(self.events, 1)
        self.set_order(None)

    # --- showing --------------------------------------------------------------------------------
    def set_order(self, order: Order | None) -> None:
        self.order = order
        saved = order is not None and order.id is not None
        self.dispute = self.workspace.disputes.get(order.id) if saved else None
        self._show()

    def _today(self) -> date:
        return self.workspace.today()

    def _profile(self) -> RuleProfile:
        """The rules this order follows (its profile version)."""
        if self.order is None:
            return self.workspace.profile
        return self.workspace.profile_for(self.order)

    def _effective(self) -> Dispute | None:
        if self.dispute is None:
            return None
        return effective_events(self.dispute, self._profile(),
                                self.workspace.calendar(), self._today())

    def _show(self) -> None:
        dispute = self._effective()
        if dispute is None:
            self.summary.setText(self.tr("No dispute on this order."))
            self.claim_text.setText(self.tr(
                "A dispute can be opened once the payment is received (DS-OPEN). The platform "
                "decides on evidence: keep the contract, photos and chat on the platform."))
            self.text_warning.hide()
        else:
            currency = dispute.requested_refund.currency
            self.summary.setText(self.tr("%1 · refund asked %2 · %3")
                                 .replace("%1", dispute.claim.label)
                                 .replace("%2", fmt.money(dispute.requested_refund.amount,
                                                          currency))
                                 .replace("%3", dispute.stage.label))
            self.claim_text.setText(dispute.claim_text)
            warning = claim_text_warning(dispute.claim_text)
            self.text_warning.setText(warning or "")
            self.text_warning.setVisible(bool(warning))
        self.timeline.setVisible(dispute is not None)
        self.timeline.set_rules(self._profile(), self.workspace.calendar())
        self.timeline.set_dispute(self.dispute, self._today())
        self._fill_events(dispute)
        for step, button in self.buttons.items():
            verdict = self.availability(step)
            button.setEnabled(verdict.allowed)
            reason = f"{verdict.rule}: {verdict.reason}" if verdict.rule else verdict.reason
            button.setToolTip(button.text().rstrip("…") if verdict.allowed else reason)

    def _fill_events(self, dispute: Dispute | None) -> None:
        events = dispute.events if dispute else []
        self.events.setRowCount(len(events))
        for row, event in enumerate(events):
            amount = "" if event.amount is None else self.tr("No money") \
                if event.kind == DisputeEventKind.PROPOSAL and not event.amount \
                else fmt.money(event.amount, dispute.requested_refund.currency)
            values = [fmt.day(event.on), str((event.on - events[0].on).days + 1), event.title,
                      fmt.label(event.party), amount, event.note,
                      _recorded(event.recorded_by, event.recorded_at)]
            for column, value in enumerate(values):
                self.events.setItem(row, column, QTableWidgetItem(value))
        self.events.resizeColumnsToContents()

    def availability(self, step: DisputeStep) -> Check:
        """May ``step`` be recorded now? If not, why (with the rule id)."""
        return step_availability(self.workspace, self.order, self.dispute, step)

    # --- acting ---------------------------------------------------------------------------------
    def ask(self, step: DisputeStep) -> dict | None:
        """The details of a step from the user; None when they cancel."""
        dispute = self._effective()
        reply_by = dispute.clock(self._profile(), self.workspace.calendar()).reply_by \
            if dispute else None
        dialog = DisputeDialog(step, self.order, self._today(), reply_by=reply_by, parent=self)
        final = {DisputeStep.ESCALATE: K.ESCALATED, DisputeStep.CANCEL: K.CANCELLED}.get(step)
        if final is not None:
            order, profile, calendar = self.order, self._profile(), \
                self.workspace.calendar()
            dialog.say_consequence(lambda on: consequences.dispute_step(
                final, order, on, profile, calendar))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_kwargs

    def _service_call(self, step: DisputeStep) -> Callable[..., Dispute]:
        service = self.workspace.disputes
        return {
            DisputeStep.OPEN: service.open,
            DisputeStep.PROPOSE: service.propose,
            DisputeStep.REPLY: service.reply,
            DisputeStep.ESCALATE: service.escalate,
            DisputeStep.CANCEL: service.cancel,
            DisputeStep.ANSWER_CANCEL: service.answer_cancel,
            DisputeStep.DECIDE: service.decide,
            DisputeStep.REFUND: lambda order_id, **kw: service.settle(order_id, K.REFUND, **kw),
            DisputeStep.RETURN: lambda order_id, **kw: service.settle(order_id, K.RETURN, **kw),
        }[step]

    def act(self, step: DisputeStep, **details) -> bool:
        """Record ``step`` (asking for its details unless given); True when it was recorded."""
        if self.order is None or self.order.id is None:
            return False
        if not details:
            asked = self.ask(step)
            if asked is None:
                return False
            details = asked
        if step == DisputeStep.OPEN and claim_text_warning(details.get("claim_text", "")) and \
                not self.ops.messages.confirm(
                    self, self.tr("Claim text"),
                    self.tr("%1\n\nOpen the dispute with this text anyway?").replace(
                        "%1", claim_text_warning(details["claim_text"]) or "")):
            return False
        order_id, record = self.order.id, self._service_call(step)
        return self.ops.run_op(self, lambda: record(order_id, **details))

    def _on_timeline_event_clicked(self, marker) -> None:
        if marker.key.startswith("event-"):
            self.events.selectRow(int(marker.key.split("-")[1]))


class OrderTimelineTab(OrderTab):
    """The order timeline above the order's tabs, for every order shown."""

    placement = Placement.ABOVE_TABS

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.timeline = OrderTimelineWidget(workspace.profile, workspace.calendar())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.timeline)

    def set_order(self, order: Order | None) -> None:
        # A draft shows its plan too, so the screen keeps its layout when it is first saved.
        self.setVisible(order is not None)
        if order is not None:
            saved = order.id is not None
            self.timeline.set_rules(self.workspace.profile_for(order), self.workspace.calendar())
            self.timeline.set_order(
                order, self.workspace.today(),
                self.workspace.disputes.get(order.id) if saved else None,
                inspection_markers(self.workspace.inspections.for_order(order.id)) if saved
                else ())


def _tr(text: str) -> str:
    return QCoreApplication.translate("DisputePanel", text)


def step_availability(workspace: Workspace, order: Order | None, dispute: Dispute | None,
                      step: DisputeStep) -> Check:
    """May ``step`` be recorded on ``order`` (with its stored ``dispute``) now? If not, why
    (with the rule id). Needs no Dispute tab, so the toolbar asks before the tab is built."""
    if order is None or order.id is None:
        return Check(False, _tr("Save the order first."))
    profile, calendar, today = workspace.profile_for(order), workspace.calendar(), \
        workspace.today()
    dispute = effective_events(dispute, profile, calendar, today) if dispute else None
    if step == DisputeStep.OPEN:
        if dispute is not None and order.status == OrderStatus.IN_DISPUTE:
            return Check(False, _tr("A dispute is already open."))
        return workspace.orders.actions(order)[Action.OPEN_DISPUTE]
    if dispute is None:
        return Check(False, _tr("Open a dispute first."))
    kind, party = _PROBES[step]
    if step == DisputeStep.REPLY:
        party = dispute.clock(profile, calendar).reply_by
    probe = DisputeEvent(kind, today, party, outcome=OrderStatus.REFUNDED, accepted=True)
    if step == DisputeStep.CANCEL:
        probe = cancel_event(dispute, today)
    return check_event(dispute, probe, profile, calendar, order.paid)


# The toolbar's dispute actions, and the step of the dispute workflow each one is.
_DISPUTE_STEPS = {
    Action.OPEN_DISPUTE: DisputeStep.OPEN,
    Action.CANCEL_DISPUTE: DisputeStep.CANCEL,
    Action.RESOLVE_DISPUTE: DisputeStep.DECIDE,
}


def dispute_extension(screen: OrderScreen, workspace: Workspace,
                      ops: Operations) -> list[OrderTab | OrderAction]:
    panel = LazyTab(DisputePanel, lambda: DisputePanel(workspace, ops),
                    QCoreApplication.translate("DisputePanel", "Dispute"))
    order_timeline = OrderTimelineTab(workspace)

    def on_order_timeline_clicked(marker) -> None:
        """An order event shows its line in the history; a dispute event, the Dispute tab."""
        event = marker.payload
        if not isinstance(event, OrderEvent):
            return
        if event.action in _DISPUTE_STEPS:
            screen.show_tab(panel)
        else:
            screen.show_history(event)

    def step_runner(step: DisputeStep):
        def run() -> bool:
            screen.show_tab(panel)
            return panel.tab().act(step)
        return run

    order_timeline.timeline.event_clicked.connect(on_order_timeline_clicked)
    steps = [OrderAction(kind.label, step_runner(step), panel, step=kind,
                         check=lambda step=step: step_availability(
                             workspace, screen.order, workspace.disputes.get(screen.order.id)
                             if screen.order and screen.order.id else None, step))
             for kind, step in _DISPUTE_STEPS.items()]
    return [order_timeline, panel, *steps]
