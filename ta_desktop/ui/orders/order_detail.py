"""One order: its header and status, the lifecycle actions the rules allow now, and tabs for the
contract (details and lines), payments and history. Every other feature plugs in as an
``OrderTab`` or ``OrderAction`` from the list in ``extensions.py`` (see ``order_tab``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.changes import Changes, Kind, Outcome
from ta_desktop.core.domain.compare import differences
from ta_desktop.core.domain.deadlines import lead_time_warning
from ta_desktop.core.domain.entities import Action, Order, OrderEvent
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.lifecycle import dispute_window_end
from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.core.domain.validation import order_errors
from ta_desktop.core.services import consequences
from ta_desktop.core.services.checkout import supplier_warnings
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.action_dialog import ActionDialog
from ta_desktop.ui.orders.lines_model import OrderLinesModel
from ta_desktop.ui.orders.order_form import OrderForm, StatusPill
from ta_desktop.ui.orders.order_tab import (
    LazyTab,
    OrderAction,
    OrderExtension,
    OrderTab,
    Placement,
)
from ta_desktop.ui.suppliers.new_supplier_dialog import NewSupplierDialog
from ta_desktop.ui.undo import DeleteStep
from ta_desktop.ui.widgets.fitting import ElidedLabel, remember_splitter, scrolling
from ta_desktop.ui.widgets.form import EditorGuard, error_label
from ta_desktop.ui.widgets.list_table import fill_table, read_only_table

# The actions offered as buttons, in the order of the flow. EDIT is the form itself.
TOOLBAR_ACTIONS = [
    Action.SUBMIT, Action.SUPPLIER_CONFIRM, Action.REQUEST_MODIFICATION, Action.RECORD_PAYMENT,
    Action.PAYMENT_RECEIVED, Action.MARK_SHIPPED, Action.EXTEND_RECEIVING,
    Action.CONFIRM_DELIVERY, Action.OPEN_DISPUTE, Action.CANCEL_DISPUTE, Action.RESOLVE_DISPUTE,
    Action.CANCEL,
]
# Actions whose dialog asks for details (a party, a payment, a note) before they happen.
ASKING_ACTIONS = {Action.RECORD_PAYMENT, Action.EXTEND_RECEIVING, Action.CANCEL,
                  Action.REQUEST_MODIFICATION, Action.MARK_SHIPPED, Action.CONFIRM_DELIVERY}

T = TypeVar("T")


class OrderDetailWidget(QWidget, EditorGuard):
    """The order screen (an ``OrderScreen`` to its extensions)."""

    def __init__(self, workspace: Workspace, ops: Operations,
                 extensions: Sequence[OrderExtension] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.ops = ops
        self.messages = ops.messages
        self.order: Order | None = None
        self.extensions: list[OrderTab | OrderAction] = []

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.status_pill = StatusPill()
        self.subtitle = ElidedLabel()
        self.subtitle.setObjectName("hint")
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.hide()
        # A colleague saved the order while this screen has unsaved edits (live lists).
        self.changed_bar = QFrame()
        self.changed_bar.setObjectName("banner")
        self.changed_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.changed_label = QLabel()
        self.changed_label.setWordWrap(True)
        reload_button = QPushButton(self.tr("Reload"))
        reload_button.clicked.connect(self.reload)
        changed_box = QHBoxLayout(self.changed_bar)
        changed_box.addWidget(self.changed_label, 1)
        changed_box.addWidget(reload_button)
        self.changed_bar.hide()

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_by_kind: dict[Action, QAction] = {}
        for kind in TOOLBAR_ACTIONS:
            action = QAction(kind.label, self)
            action.triggered.connect(lambda _=False, k=kind: self.perform(k))
            self.actions_by_kind[kind] = action

        # Actions on the order as a document (print, save as PDF), from the extensions.
        self.document_toolbar = QToolBar()
        self.document_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.form = OrderForm()
        self.form.edited.connect(self._on_form_edited)
        self.form.new_supplier_requested.connect(self.add_supplier)
        self.form.fields["supplier_id"].currentIndexChanged.connect(self._on_terms_chosen)
        self.form.fields["online"].toggled.connect(self._on_terms_chosen)
        self.lines = OrderLinesModel(self)
        self.lines.total_changed.connect(self._on_lines_total_changed)
        self.lines_view = QTableView()
        self.lines_view.setModel(self.lines)
        self.lines_view.verticalHeader().hide()
        lines_header = self.lines_view.horizontalHeader()
        lines_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lines_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines_view.setAlternatingRowColors(True)
        self.lines_error = error_label()
        self.total_label = QLabel()
        self.total_label.setObjectName("sectionTitle")
        self.add_line_button = QPushButton(self.tr("Add line"))
        self.add_line_button.clicked.connect(self._on_add_line_clicked)
        self.remove_line_button = QPushButton(self.tr("Remove line"))
        self.remove_line_button.clicked.connect(self._on_remove_line_clicked)
        self.edit_hint = QLabel()
        self.edit_hint.setObjectName("hint")
        self.edit_hint.setWordWrap(True)

        contract = QWidget()
        contract_box = QVBoxLayout(contract)
        contract_box.addWidget(self.edit_hint)
        contract_box.addWidget(self.form)
        lines_title = QLabel(self.tr("Order lines"))
        lines_title.setObjectName("sectionTitle")
        contract_box.addWidget(lines_title)
        contract_box.addWidget(self.lines_view, 1)
        contract_box.addWidget(self.lines_error)
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_line_button)
        line_buttons.addWidget(self.remove_line_button)
        line_buttons.addStretch()
        line_buttons.addWidget(self.total_label)
        contract_box.addLayout(line_buttons)

        self.payments = read_only_table(
            [self.tr("Date"), self.tr("Amount"), self.tr("Status"), self.tr("Method"),
             self.tr("Reference"), self.tr("Recorded by")])
        self.history = read_only_table(
            [self.tr("Date"), self.tr("What happened"), self.tr("From"), self.tr("To"),
             self.tr("By"), self.tr("Note"), self.tr("Recorded"), self.tr("Recorded by")])

        self.tabs = QTabWidget()
        self.tabs.addTab(contract, self.tr("Contract"))
        self.tabs.addTab(self.payments, self.tr("Payments"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.currentChanged.connect(self._on_tab_selected)

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self._on_revert_clicked)
        self.delete_button = QPushButton(self.tr("Delete order…"))
        self.delete_button.clicked.connect(self._on_delete_clicked)

        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.status_pill)
        header.addStretch()
        header.addWidget(self.document_toolbar)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.banner)
        layout.addWidget(self.changed_bar)
        layout.addWidget(self.toolbar)
        # Timelines above the tabs; the user can drag the divider or fold them away.
        above_tabs = QWidget()
        self._above_tabs = QVBoxLayout(above_tabs)
        self._above_tabs.setContentsMargins(0, 0, 0, 0)
        # Both panes scroll when the window is small rather than setting its minimum size.
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.addWidget(scrolling(above_tabs))
        self.body.addWidget(scrolling(self.tabs))
        self.body.setStretchFactor(1, 1)
        layout.addWidget(self.body, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        for make in extensions:
            for extension in make(self, workspace, ops):
                self._add_extension(extension)
        # The timelines whole at first; the user may drag the divider (remembered).
        remember_splitter(self.body, "orders/timeline_divider",
                          [above_tabs.sizeHint().height(), 2000])
        self.body.setCollapsible(0, True)  # on a low screen the timelines may be folded away
        self.clear()
        ops.changed.connect(self._on_ops_changed)

    # --- extensions ---------------------------------------------------------------------------
    def _add_extension(self, extension: OrderTab | OrderAction) -> None:
        self.extensions.append(extension)
        if isinstance(extension, OrderAction):
            if extension.step is None:
                self.document_toolbar.addAction(extension)
            return
        extension.changed.connect(self._on_form_edited)
        if extension.placement is Placement.ABOVE_TABS:
            self._above_tabs.addWidget(extension)
            return
        # With the contract: after the Contract tab and those placed there before it.
        index = (self.tabs.indexOf(self.payments) if extension.placement is Placement.CONTRACT
                 else self.tabs.count())
        self.tabs.insertTab(index, extension, extension.title)
        extension.title_changed.connect(
            lambda title, tab=extension: self.tabs.setTabText(self.tabs.indexOf(tab), title))

    def _on_tab_selected(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, LazyTab):
            self._built(page)

    def _built(self, stand_in: LazyTab) -> OrderTab:
        """The tab ``stand_in`` stands for, built and put in its place, showing its order."""
        tab = stand_in.tab()
        if stand_in not in self.extensions:
            return tab
        self.extensions[self.extensions.index(stand_in)] = tab
        index, current = self.tabs.indexOf(stand_in), self.tabs.currentWidget() is stand_in
        blocked = self.tabs.blockSignals(True)  # one tab is swapped for another: not a change
        title = self.tabs.tabText(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, title)
        if current:
            self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(blocked)
        stand_in.hide()  # kept: actions of the feature may be its children
        tab.changed.connect(self._on_form_edited)
        tab.title_changed.connect(lambda title: self.tabs.setTabText(self.tabs.indexOf(tab), title))
        tab.set_order(stand_in.order)
        return tab

    def extension(self, kind: type[T]) -> T:
        """The tab or action of that class (a tab not built yet is built now)."""
        found = next(e for e in self.extensions if isinstance(e, kind) or
                     (isinstance(e, LazyTab) and issubclass(e.kind, kind)))
        return self._built(found) if isinstance(found, LazyTab) else found

    def _order_tabs(self) -> list[OrderTab]:
        return [e for e in self.extensions if isinstance(e, OrderTab)]

    def show_tab(self, tab: QWidget) -> None:
        self.tabs.setCurrentWidget(self._built(tab) if isinstance(tab, LazyTab) else tab)

    def show_history(self, event: OrderEvent) -> None:
        if self.order is None or event not in self.order.events:
            return
        self.tabs.setCurrentWidget(self.history)
        events = self.order.events  # shown newest first
        self.history.selectRow(len(events) - 1 - events.index(event))

    # --- state --------------------------------------------------------------------------------
    record_name = "order"

    def has_saved_record(self) -> bool:
        return self.order is not None and self.order.id is not None

    def _on_lines_total_changed(self) -> None:
        total = self.lines.total()
        if total:  # quantities add up per unit only: bottles and gift boxes stay apart
            counted = self.lines.counted()
            total = fmt.money_of(total) + (f"  ({counted})" if counted else "")
        self.total_label.setText(self.tr("Order total: {0}").format(total) if total
                                 else self.tr("Order total: fix the lines marked red"))
        if self.order is not None and self.lines.editable and not self.form._loading:
            self._set_dirty(True)

    def clear(self) -> None:
        self.order = None
        self.title.setText(self.tr("No order selected"))
        self.status_pill.hide()
        self.subtitle.setText(self.tr("Choose an order in the list, or create a new one."))
        self.banner.hide()
        self.toolbar.setEnabled(False)
        self.tabs.setEnabled(False)
        self.delete_button.setEnabled(False)
        self._show_extensions(None)
        self._set_dirty(False)

    def refresh_suppliers(self) -> None:
        self.form.set_suppliers(self.workspace.suppliers.names())

    def add_supplier(self) -> None:
        """"New supplier…" in the supplier box: the supplier form in a dialog; once saved, the
        order's supplier."""
        dialog = NewSupplierDialog(self.workspace, self.ops, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.refresh_suppliers()
            self.form.select_supplier(dialog.saved.id)
        dialog.deleteLater()

    def new_order(self) -> None:
        self.refresh_suppliers()
        suppliers = self.workspace.suppliers.names()
        order = Order(order_number="", supplier_id=suppliers[0][0] if suppliers else 0)
        self._show(order)
        self._set_dirty(False)
        self.form.fields["order_number"].setFocus()

    def open_order(self, order_id: int) -> None:
        self.refresh_suppliers()
        self._show(self.workspace.orders.get(order_id))

    def _show(self, order: Order) -> None:
        self.order = order
        self.changed_bar.hide()
        actions = self.workspace.orders.actions(order)
        editable = bool(actions[Action.EDIT])
        self.title.setText(order.order_number or self.tr("New order"))
        self.status_pill.set_status(order.status)
        self.status_pill.show()
        self.form.set_order(order, editable)
        self.subtitle.setText(self._subtitle(order))  # names the supplier chosen in the form
        self._show_banner(order)
        with self.form.loading():
            self.lines.set_lines(order.lines, order.currency, editable)
        self.lines_error.hide()
        self.add_line_button.setEnabled(editable)
        self.remove_line_button.setEnabled(editable)
        verdict = actions[Action.EDIT]
        self.edit_hint.setText("" if editable else fmt.prefixed(verdict.rule, verdict.reason))
        self.edit_hint.setVisible(not editable)
        self.toolbar.setEnabled(True)
        self.tabs.setEnabled(True)
        self.delete_button.setEnabled(order.id is not None)
        fill_table(self.payments, [[fmt.day(p.paid_on), fmt.money(p.amount, order.currency),
                               fmt.label(p.status), fmt.label(p.method), p.reference,
                               p.recorded_by] for p in order.payments])
        fill_table(self.history, [[fmt.day(e.on), fmt.label(e.action), fmt.label(e.from_status),
                              fmt.label(e.to_status), fmt.label(e.party), e.note,
                              fmt.moment(e.recorded_at) if e.recorded_at else "",
                              e.recorded_by] for e in reversed(order.events)])
        self._show_extensions(order)
        self._show_actions(order, actions)  # after the tabs: a step may ask its tab
        self._set_dirty(False)

    def _show_extensions(self, order: Order | None) -> None:
        for tab in self._order_tabs():
            tab.set_order(order)
        saved = order is not None and order.id is not None
        for action in self.document_toolbar.actions():
            action.setEnabled(saved)

    def _show_actions(self, order: Order, actions: dict) -> None:
        """Allowed actions first, in the order of the flow; the others stay visible, disabled,
        with the reason (and its rule id) as their tooltip."""
        self.toolbar.clear()
        saved = order.id is not None
        steps = {e.step: e.check for e in self.extensions
                 if isinstance(e, OrderAction) and e.step is not None and e.check is not None}
        verdicts = {kind: steps[kind]() if actions[kind].allowed and kind in steps
                    else actions[kind] for kind in TOOLBAR_ACTIONS}
        ordered = sorted(TOOLBAR_ACTIONS, key=lambda kind: not (saved and verdicts[kind].allowed))
        for kind in ordered:
            verdict, action = verdicts[kind], self.actions_by_kind[kind]
            action.setEnabled(saved and verdict.allowed)
            reason = fmt.prefixed(verdict.rule, verdict.reason)
            if not saved:
                reason = self.tr("Save the order first.")
            action.setToolTip(kind.label if action.isEnabled() else reason)
            self.toolbar.addAction(action)

    def _subtitle(self, order: Order) -> str:
        parts = [order.supplier_name or self.form.fields["supplier_id"].currentText()]
        parts.append(self.tr("Trade Assurance") if order.online else self.tr("Offline order"))
        if order.shipment_date:
            parts.append(self.tr("ships by {0}").format(fmt.day(order.shipment_date)))
        return "  ·  ".join(p for p in parts if p)

    def _show_banner(self, order: Order) -> None:
        messages = []
        if not order.online:
            messages.append(self.tr(
                "OFFLINE: this order was paid outside Trade Assurance. The platform only handles "
                "goods not delivered after payment — not quality, damage or shortage."))
        profile = self.workspace.profile_for(order)
        lead = lead_time_warning(order, profile, self.workspace.today())
        if lead:
            messages.append(lead)
        last_day = dispute_window_end(order, profile)
        if last_day and order.status == OrderStatus.COMPLETED:
            rule = "DS-WINDOW" if order.online else "OFF-WINDOW"
            messages.append(self.tr("{0}: last day to open a dispute: {1}.").format(
                rule, fmt.day(last_day)))
        messages += [str(notice) for notice in supplier_warnings(self.workspace, order)]
        self.banner.setText("\n".join(messages))
        self.banner.setVisible(bool(messages))

    def _on_terms_chosen(self) -> None:
        """A draft's supplier or protection chosen: warn at once (SUP-ELIG, SUP-LIMIT)."""
        if self.order is None or self.order.status != OrderStatus.DRAFT:
            return
        self._show_banner(dataclasses.replace(
            self.order, supplier_id=self.form.fields["supplier_id"].currentData() or 0,
            online=self.form.fields["online"].isChecked()))

    # --- actions ------------------------------------------------------------------------------
    def _on_add_line_clicked(self) -> None:
        row = self.lines.add_line()
        self.lines_view.setCurrentIndex(self.lines.index(row, 0))
        self.lines_view.edit(self.lines.index(row, 0))

    def _on_remove_line_clicked(self) -> None:
        self.lines.remove_line(self.lines_view.currentIndex().row())

    def save(self) -> bool:
        if self.order is None:
            return False
        return self.ops.run_op(self, self._write_order, self._on_saved,
                               on_invalid=self._on_save_invalid, on_reload=self.reload,
                               theirs=self._their_change)

    def _their_change(self) -> str:
        """What the stored order has that the copy on screen (as typed) has not."""
        if self.order is None or self.order.id is None:
            return ""
        found = differences(self.order, self.workspace.orders.get(self.order.id))
        return "\n".join([self.tr("Their version:"), *found]) if found else ""

    def _write_order(self) -> Outcome[Order]:
        order = self.order
        if order.status != OrderStatus.DRAFT:
            return self.workspace.orders.save_notes(
                order.id, self.form.fields["notes"].toPlainText(), order.version)
        errors = self.lines.errors()
        try:
            self.form.apply_to(order)
        except ValidationError as error:
            errors.update(error.field_errors)
        # Every message at once: the rules' own checks of the fields too, not after a retry.
        for name, message in order_errors(dataclasses.replace(order, lines=[])).items():
            errors.setdefault(name, message)
        if errors:
            raise ValidationError("The order cannot be saved.", field_errors=errors)
        order.lines = self.lines.lines()
        for tab in self._order_tabs():
            tab.apply_to(order)
        return self.workspace.orders.save(order)

    def _on_saved(self, saved: Order) -> None:
        self.order = saved  # a new order has its id now, so the change broadcast reloads it
        self._set_dirty(False)
        self.ops.note(self.tr("Order {0} saved.").format(saved.order_number))

    def _on_save_invalid(self, error: ValidationError) -> None:
        self._show_errors(error.field_errors or {"order_number": error.message})

    def _on_ops_changed(self, changes: Changes) -> None:
        """Reload the order shown when a write changed it, its dispute, its supplier or the
        rules; never over edits the user has not saved. Evidence refreshes itself."""
        order = self.order
        if order is None or order.id is None:
            return
        if not (changes.has(Kind.ORDER, order.id) or changes.has(Kind.DISPUTE, order.id)
                or changes.has(Kind.SUPPLIER, order.supplier_id) or changes.has(Kind.SETTINGS)):
            return
        if not self.dirty:
            self.open_order(order.id)
        elif changes.by:  # a colleague's save: say so, keep what is typed, offer Reload
            self.changed_label.setText(self.tr(
                "Order {0} was changed by {1} — reload to see it (your unsaved edits would be "
                "dropped).").format(order.order_number, changes.by))
            self.changed_bar.show()

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)
        line_errors = [f"Line {int(key[6:key.index(']')]) + 1}: {message}"
                       for key, message in errors.items() if key.startswith("lines[")]
        self.lines_error.setText("\n".join(line_errors))
        self.lines_error.setVisible(bool(line_errors))

    def _on_revert_clicked(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Show the stored order again, dropping edits not saved."""
        if self.order is not None and self.order.id is not None:
            self.open_order(self.order.id)

    def cancel_edits(self) -> None:
        """Esc: drop the edits not saved, after asking (a new order: drop it)."""
        if not self.dirty or not self.messages.confirm(
                self, self.tr("Revert changes"), self.tr("Drop the changes you have not saved?")):
            return
        if self.has_saved_record():
            self.reload()
        else:
            self.clear()

    def _on_delete_clicked(self) -> None:
        self.delete_order()

    def delete_order(self) -> None:
        if self.order is None or self.order.id is None:
            return
        if not self.messages.confirm(
                self, self.tr("Delete order"),
                self.tr("Delete order {0} with its lines, payments, history, dispute and "
                        "evidence list? It disappears from every list now; Edit → Undo "
                        "brings it back.").format(self.order.order_number)):
            return
        deleted, version = self.order.id, self.order.version
        orders = self.workspace.orders

        def on_deleted(removed) -> None:
            self.clear()
            self.ops.undoable.emit(DeleteStep(removed.what, removed, orders.undo_delete,
                                              lambda: orders.delete(deleted)))

        self.ops.run_op(self, lambda: orders.delete(deleted, version), on_deleted,
                        on_reload=self.reload)

    def ask_action(self, kind: Action) -> dict | None:
        """The details of an action from the user; None when they cancel."""
        paying = kind == Action.RECORD_PAYMENT
        supplier = self.workspace.suppliers.find(self.order.supplier_id) if paying else None
        dialog = ActionDialog(kind, self.order, self.workspace.today(), self, supplier=supplier,
                              confirm=lambda text: self.messages.confirm(
                                  self, self.tr("Payment to another account"), text),
                              home=self.workspace.money.rates().home if paying else None)
        order, profile = self.order, self.workspace.profile_for(self.order)
        if consequences.order_step(kind, order, self.workspace.today(), profile):
            dialog.say_consequence(lambda on: consequences.order_step(kind, order, on, profile))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_kwargs

    def perform(self, kind: Action, **details) -> bool:
        if self.order is None or self.order.id is None or not self.can_leave():
            return False
        step = next((e for e in self.extensions
                     if isinstance(e, OrderAction) and e.step == kind), None)
        if step is not None:
            return bool(step.run())
        if not details and kind in ASKING_ACTIONS:
            details = self.ask_action(kind)
            if details is None:
                return False
        order_id, rate = self.order.id, details.pop("rate_paid", None)
        return self.ops.run_op(self, lambda: self._perform(order_id, kind, rate, details))

    def _perform(self, order_id: int, kind: Action, rate, details: dict) -> Outcome[Order]:
        """The action; a payment's rate paid (LAND) kept as the Landed cost tab keeps it."""
        done = self.workspace.orders.perform(order_id, kind, **details)
        if rate is None:
            return done
        payment_id = done.value.payments[-1].id  # the one just recorded
        rated = self.workspace.money.set_payment_rate(order_id, payment_id, rate)
        return Outcome(done.value, done.changes | rated.changes)
