"""One order: its header and status, the lifecycle actions the rules allow now, and tabs for the
contract (details and lines), payments and history. Feature modules add tabs with ``add_tab``,
header actions with ``add_document_action``, and follow ``order_loaded``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.errors import TADesktopError, ValidationError
from ta_desktop.core.domain.lifecycle import dispute_window_end
from ta_desktop.core.domain.specs import sections_on_order
from ta_desktop.core.domain.types import CURRENCIES, INCOTERMS, OrderStatus, PaymentMethod
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.evidence.evidence_panel import EvidencePanelWidget
from ta_desktop.ui.messages import Messages
from ta_desktop.ui.orders.action_dialog import ActionDialog
from ta_desktop.ui.orders.lines_model import OrderLinesModel
from ta_desktop.ui.specs.spec_editor import SpecEditorWidget
from ta_desktop.ui.theme import STATUS_COLOURS
from ta_desktop.ui.widgets.form import EditorGuard, ValidatedForm, enum_data, error_label
from ta_desktop.ui.widgets.status_delegate import paint_pill

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


class StatusPill(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = OrderStatus.DRAFT
        self.setMinimumHeight(26)

    def set_status(self, status: OrderStatus) -> None:
        self.status = status
        self.setToolTip(status.label)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self.status.label) + 24, 26)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        paint_pill(painter, QRectF(self.rect()), self.status.label,
                   STATUS_COLOURS[self.status], self.palette())


def _parse_exact_date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            "Write an exact date as YYYY-MM-DD, e.g. 2027-01-15: a month or 'ASAP' cannot be "
            "proven late.", field_errors={"shipment_date": "Write an exact date as YYYY-MM-DD, "
                                          "e.g. 2027-01-15; a month cannot be proven late."}
        ) from None


class OrderForm(ValidatedForm):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.add_field("order_number", self.tr("Alibaba order number"), QLineEdit())
        self.add_field("supplier_id", self.tr("Supplier"), QComboBox())
        online = QCheckBox(self.tr("Trade Assurance order (paid through the platform)"))
        self.add_field("online", self.tr("Protection"), online)
        currency = QComboBox()
        currency.addItems(CURRENCIES)
        self.add_field("currency", self.tr("Currency"), currency)
        incoterm = QComboBox()
        incoterm.addItems(["", *INCOTERMS])
        self.add_field("incoterm", self.tr("Incoterm"), incoterm)
        shipment = QLineEdit()
        shipment.setPlaceholderText(self.tr("exact date, e.g. 2027-01-15"))
        self.add_field("shipment_date", self.tr("Agreed shipment date"), shipment)
        method = QComboBox()
        method.addItem("", None)
        for item in PaymentMethod:
            method.addItem(item.label, item)
        self.add_field("payment_method", self.tr("Payment method"), method)
        notes = QPlainTextEdit()
        notes.setPlaceholderText(self.tr("Your own notes; they are not part of the contract."))
        notes.setMaximumHeight(90)
        self.add_field("notes", self.tr("Notes"), notes)

    def set_suppliers(self, suppliers: list[tuple[int, str]]) -> None:
        combo: QComboBox = self.fields["supplier_id"]
        current = combo.currentData()
        with self.loading():
            combo.clear()
            for supplier_id, name in suppliers:
                combo.addItem(name, supplier_id)
            if current is not None:
                combo.setCurrentIndex(max(0, combo.findData(current)))

    def set_order(self, order: Order, editable: bool) -> None:
        f = self.fields
        with self.loading():
            f["order_number"].setText(order.order_number)
            f["supplier_id"].setCurrentIndex(max(0, f["supplier_id"].findData(order.supplier_id)))
            f["online"].setChecked(order.online)
            f["currency"].setCurrentText(order.currency)
            f["incoterm"].setCurrentText(order.incoterm)
            f["shipment_date"].setText(order.shipment_date.isoformat()
                                       if order.shipment_date else "")
            f["payment_method"].setCurrentIndex(
                max(0, f["payment_method"].findData(order.payment_method)))
            f["notes"].setPlainText(order.notes)
        for name, widget in f.items():
            if name != "notes":
                widget.setEnabled(editable)
        self.clear_errors()

    def apply_to(self, order: Order) -> None:
        """Copy the fields into ``order``; raises ValidationError on a field that cannot be read."""
        f = self.fields
        order.shipment_date = _parse_exact_date(f["shipment_date"].text())
        order.order_number = f["order_number"].text().strip()
        order.supplier_id = f["supplier_id"].currentData()
        order.online = f["online"].isChecked()
        order.currency = f["currency"].currentText()
        order.incoterm = f["incoterm"].currentText()
        order.payment_method = enum_data(f["payment_method"], PaymentMethod)
        order.notes = f["notes"].toPlainText()


def _read_only_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))
    table.resizeColumnsToContents()


class OrderDetailWidget(QWidget, EditorGuard):
    order_loaded = Signal(object)  # the Order now shown (None when the page is empty)
    order_saved = Signal(int)
    order_deleted = Signal(int)

    def __init__(self, workspace: Workspace, messages: Messages, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.messages = messages
        self.order: Order | None = None
        # Feature modules take over toolbar actions they own (e.g. the dispute workflow).
        self.action_handlers: dict[Action, Callable[[Action], bool]] = {}

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.status_pill = StatusPill()
        self.subtitle = QLabel()
        self.subtitle.setObjectName("hint")
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.hide()

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_by_kind: dict[Action, QAction] = {}
        for kind in TOOLBAR_ACTIONS:
            action = QAction(kind.label, self)
            action.triggered.connect(lambda _=False, k=kind: self.perform(k))
            self.actions_by_kind[kind] = action

        # Actions on the order as a document (print, save as PDF), added by feature modules.
        self.document_toolbar = QToolBar()
        self.document_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.form = OrderForm()
        self.form.edited.connect(self._on_form_edited)
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

        self.payments = _read_only_table(
            [self.tr("Date"), self.tr("Amount"), self.tr("Status"), self.tr("Method"),
             self.tr("Reference")])
        self.history = _read_only_table(
            [self.tr("Date"), self.tr("What happened"), self.tr("From"), self.tr("To"),
             self.tr("By"), self.tr("Note"), self.tr("Recorded")])

        # The specification is part of the contract: edited, saved and reverted with it.
        self.spec_editor = SpecEditorWidget()
        self.spec_editor.spec_changed.connect(self._on_form_edited)
        self.spec_editor.report_changed.connect(self._on_spec_report_changed)

        self.tabs = QTabWidget()
        self.tabs.addTab(contract, self.tr("Contract"))
        self.spec_tab_index = self.tabs.addTab(self.spec_editor, self.tr("Specification"))
        self.tabs.addTab(self.payments, self.tr("Payments"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.evidence_panel = EvidencePanelWidget(workspace, messages)
        self.add_tab(self.evidence_panel, self.tr("Evidence"))
        self.order_loaded.connect(self.evidence_panel.set_order)

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
        layout.addWidget(self.toolbar)
        # Timelines above the tabs; the user can drag the divider or fold them away.
        header_widgets = QWidget()
        self._header_widgets = QVBoxLayout(header_widgets)
        self._header_widgets.setContentsMargins(0, 0, 0, 0)
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.addWidget(header_widgets)
        self.body.addWidget(self.tabs)
        self.body.setStretchFactor(1, 1)
        self.body.setCollapsible(1, False)
        layout.addWidget(self.body, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.clear()

    # --- extension points ---------------------------------------------------------------------
    def add_tab(self, widget: QWidget, title: str) -> None:
        self.tabs.addTab(widget, title)

    def add_header_widget(self, widget: QWidget) -> None:
        """A widget shown above the tabs for every order (e.g. the order timeline)."""
        self._header_widgets.addWidget(widget)

    def add_document_action(self, action: QAction) -> None:
        self.document_toolbar.addAction(action)

    # --- state --------------------------------------------------------------------------------
    record_name = "order"

    def has_saved_record(self) -> bool:
        return self.order is not None and self.order.id is not None

    def _on_lines_total_changed(self) -> None:
        total = self.lines.total()
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
        self.spec_editor.set_text("")
        self.toolbar.setEnabled(False)
        self.tabs.setEnabled(False)
        self.delete_button.setEnabled(False)
        self._set_dirty(False)
        self.order_loaded.emit(None)

    def refresh_suppliers(self) -> None:
        self.form.set_suppliers(self.workspace.suppliers.names())

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
        actions = self.workspace.orders.actions(order)
        editable = bool(actions[Action.EDIT])
        self.title.setText(order.order_number or self.tr("New order"))
        self.status_pill.set_status(order.status)
        self.status_pill.show()
        self.subtitle.setText(self._subtitle(order))
        self._show_banner(order)
        self.form.set_order(order, editable)
        self.spec_editor.set_provided(self._spec_sections_on_order(order))
        self.spec_editor.set_text(order.spec_text)
        self.spec_editor.set_read_only(not editable)
        with self.form.loading():
            self.lines.set_lines(order.lines, order.currency, editable)
        self.lines_error.hide()
        self.add_line_button.setEnabled(editable)
        self.remove_line_button.setEnabled(editable)
        self.edit_hint.setText("" if editable else f"{actions[Action.EDIT].rule}: "
                               f"{actions[Action.EDIT].reason}")
        self.edit_hint.setVisible(not editable)
        self._show_actions(order, actions)
        self.toolbar.setEnabled(True)
        self.tabs.setEnabled(True)
        self.delete_button.setEnabled(order.id is not None)
        _fill(self.payments, [[p.paid_on.isoformat(), f"{p.amount.normalize():,} {order.currency}",
                               p.status.value, p.method.label if p.method else "", p.reference]
                              for p in order.payments])
        _fill(self.history, [[e.on.isoformat(), e.action.label,
                              e.from_status.label if e.from_status else "", e.to_status.label,
                              e.party.value if e.party else "", e.note,
                              e.recorded_at.strftime("%Y-%m-%d %H:%M") if e.recorded_at else ""]
                             for e in reversed(order.events)])
        self._set_dirty(False)
        self.order_loaded.emit(order)

    def _show_actions(self, order: Order, actions: dict) -> None:
        """Allowed actions first, in the order of the flow; the others stay visible, disabled,
        with the reason (and its rule id) as their tooltip."""
        self.toolbar.clear()
        saved = order.id is not None
        ordered = sorted(TOOLBAR_ACTIONS, key=lambda kind: not (saved and actions[kind].allowed))
        for kind in ordered:
            verdict, action = actions[kind], self.actions_by_kind[kind]
            action.setEnabled(saved and verdict.allowed)
            reason = f"{verdict.rule}: {verdict.reason}" if verdict.rule else verdict.reason
            if not saved:
                reason = self.tr("Save the order first.")
            action.setToolTip(kind.label if action.isEnabled() else reason)
            self.toolbar.addAction(action)

    def _subtitle(self, order: Order) -> str:
        parts = [order.supplier_name or self.form.fields["supplier_id"].currentText()]
        parts.append(self.tr("Trade Assurance") if order.online else self.tr("Offline order"))
        if order.shipment_date:
            parts.append(self.tr("ships by {0}").format(order.shipment_date.isoformat()))
        return "  ·  ".join(p for p in parts if p)

    def _show_banner(self, order: Order) -> None:
        messages = []
        if not order.online:
            messages.append(self.tr(
                "OFFLINE: this order was paid outside Trade Assurance. The platform only handles "
                "goods not delivered after payment — not quality, damage or shortage."))
        last_day = dispute_window_end(order, self.workspace.profile)
        if last_day and order.status == OrderStatus.COMPLETED:
            rule = "DS-WINDOW" if order.online else "OFF-WINDOW"
            messages.append(self.tr("{0}: last day to open a dispute: {1}.").format(
                rule, last_day.isoformat()))
        self.banner.setText("\n".join(messages))
        self.banner.setVisible(bool(messages))

    def _spec_sections_on_order(self, order: Order) -> dict[str, str]:
        """What the order states itself, so the specification need not repeat it."""
        where = {"quantity": self.tr("the order lines")}
        if order.shipment_date:
            where["shipment_date"] = order.shipment_date.isoformat()
        return {name: where[name] for name in sections_on_order(order)}

    def _on_spec_report_changed(self, report) -> None:
        title = self.tr("Specification")
        if self.spec_editor.text().strip():
            title = self.tr("Specification · {0}").format(report.score)
        self.tabs.setTabText(self.spec_tab_index, title)

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
        order = self.order
        try:
            if order.status == OrderStatus.DRAFT:
                errors = self.lines.errors()
                try:
                    self.form.apply_to(order)
                except ValidationError as error:
                    errors.update(error.field_errors)
                if errors:
                    raise ValidationError("The order cannot be saved.", field_errors=errors)
                order.lines = self.lines.lines()
                order.spec_text = self.spec_editor.text()
                saved = self.workspace.orders.save(order).value
            else:
                saved = self.workspace.orders.save_notes(
                    order.id, self.form.fields["notes"].toPlainText())
        except ValidationError as error:
            self._show_errors(error.field_errors or {"order_number": error.message})
            return False
        except TADesktopError as error:
            self.messages.error(self, self.tr("Cannot save the order"), str(error))
            return False
        self._show(self.workspace.orders.get(saved.id))
        self.order_saved.emit(saved.id)
        return True

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)
        line_errors = [f"Line {int(key[6:key.index(']')]) + 1}: {message}"
                       for key, message in errors.items() if key.startswith("lines[")]
        self.lines_error.setText("\n".join(line_errors))
        self.lines_error.setVisible(bool(line_errors))

    def _on_revert_clicked(self) -> None:
        if self.order is not None and self.order.id is not None:
            self.open_order(self.order.id)

    def _on_delete_clicked(self) -> None:
        if self.order is None or self.order.id is None:
            return
        if not self.messages.confirm(
                self, self.tr("Delete order"),
                self.tr("Delete order {0} with its lines, payments and history? "
                        "This cannot be undone.").format(self.order.order_number)):
            return
        deleted = self.order.id
        self.workspace.orders.delete(deleted)
        self.clear()
        self.order_deleted.emit(deleted)

    def ask_action(self, kind: Action) -> dict | None:
        """The details of an action from the user; None when they cancel."""
        dialog = ActionDialog(kind, self.order, self.workspace.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_kwargs

    def perform(self, kind: Action, **details) -> bool:
        if self.order is None or self.order.id is None or not self.can_leave():
            return False
        if kind in self.action_handlers:
            return self.action_handlers[kind](kind)
        if not details and kind in ASKING_ACTIONS:
            details = self.ask_action(kind)
            if details is None:
                return False
        try:
            updated = self.workspace.orders.perform(self.order.id, kind, **details).value
        except TADesktopError as error:
            self.messages.error(self, kind.label, str(error))
            return False
        self._show(updated)
        self.order_saved.emit(updated.id)
        return True
