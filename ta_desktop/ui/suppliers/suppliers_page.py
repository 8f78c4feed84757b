"""Suppliers: a searchable, sortable list beside the supplier's form."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.changes import Changes, Kind
from ta_desktop.core.domain.entities import Supplier
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.types import CURRENCIES, Money, parse_decimal
from ta_desktop.core.domain.validation import supplier_errors
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.orders_model import SuppliersModel
from ta_desktop.ui.suppliers.certificates_editor import CertificatesEditor
from ta_desktop.ui.suppliers.scorecard_panel import ScorecardPanel
from ta_desktop.ui.undo import DeleteStep
from ta_desktop.ui.widgets.fitting import ElidedLabel, remember_splitter, scrolling
from ta_desktop.ui.widgets.form import EditorGuard, ValidatedForm
from ta_desktop.ui.widgets.list_table import list_table, title_row


class SupplierForm(ValidatedForm):
    """Every field of a supplier; ``supplier()`` reads them back or raises ValidationError."""

    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.add_field("name", self.tr("Company name"), QLineEdit())
        self.add_field("country", self.tr("Country / region"), QLineEdit())
        self.add_field("gold_supplier", self.tr("Gold Supplier"), QCheckBox(self.tr("member")))
        since = QSpinBox()
        since.setRange(0, 2100)
        since.setSpecialValueText(self.tr("—"))
        self.add_field("gold_since", self.tr("Gold since (year)"), since)
        self.add_field("trade_assurance", self.tr("Trade Assurance"),
                       QCheckBox(self.tr("orders are protected")))
        limit_row = QWidget()
        limit_box = QHBoxLayout(limit_row)
        limit_box.setContentsMargins(0, 0, 0, 0)
        self.limit_amount = QLineEdit()
        self.limit_amount.setPlaceholderText(self.tr("unknown"))
        self.limit_amount.setToolTip(self.tr(
            "SUP-LIMIT: each supplier has a trade assurance limit the platform does not show "
            "buyers. Above it, your payment is frozen until the order completes."))
        self.limit_currency = QComboBox()
        self.limit_currency.addItems(CURRENCIES)
        limit_box.addWidget(self.limit_amount, 1)
        limit_box.addWidget(self.limit_currency)
        self._watch(self.limit_amount)
        self._watch(self.limit_currency)
        self.add_field("ta_limit", self.tr("Trade assurance limit"), limit_row)
        account = self.add_field("designated_account", self.tr("Designated account"), QLineEdit())
        account.setPlaceholderText(self.tr("bank, account number, beneficiary"))
        account.setToolTip(self.tr(
            "PAY-TT: a wire is protected only when sent to the account the platform designates "
            "for this supplier (shown on the order page)."))
        for name, label in (("contact_name", "Contact"), ("email", "E-mail"), ("phone", "Phone"),
                            ("whatsapp", "WhatsApp"), ("wechat", "WeChat"),
                            ("store_url", "Store URL")):
            self.add_field(name, self.tr(label), QLineEdit())
        notes = QPlainTextEdit()
        notes.setMaximumHeight(70)
        self.add_field("notes", self.tr("Notes"), notes)
        self.certificates = CertificatesEditor(workspace, ops)
        self.certificates.edited.connect(self._on_field_changed)
        self.add_field("certificates", self.tr("Certificates"), self.certificates)
        self._id: int | None = None
        self._version = 0  # of the supplier shown: a save of a stale one is a conflict

    def set_supplier(self, supplier: Supplier) -> None:
        f = self.fields
        with self.loading():
            self._id, self._version = supplier.id, supplier.version
            for name in ("name", "country", "contact_name", "email", "phone", "whatsapp",
                         "wechat", "store_url", "designated_account"):
                f[name].setText(getattr(supplier, name))
            f["notes"].setPlainText(supplier.notes)
            f["gold_supplier"].setChecked(supplier.gold_supplier)
            f["gold_since"].setValue(supplier.gold_since or 0)
            f["trade_assurance"].setChecked(supplier.trade_assurance)
            self.limit_amount.setText(supplier.ta_limit.amount_text()  # never "1.2E+5"
                                      if supplier.ta_limit else "")
            self.limit_currency.setCurrentText(
                supplier.ta_limit.currency if supplier.ta_limit else "USD")
            self.certificates.set_certificates(supplier.certificates)
        self.clear_errors()

    @property
    def version(self) -> int:
        """The version of the supplier shown (0 for a new one)."""
        return self._version

    def supplier(self, today: date | None = None) -> Supplier:
        """The supplier as typed; a ValidationError with every field's message at once (with
        ``today``, the rules' own checks of the fields too)."""
        f = self.fields
        errors: dict[str, str] = {}
        limit = None
        if self.limit_amount.text().strip():
            try:
                amount = parse_decimal(self.limit_amount.text(), "limit")
                limit = Money(amount, self.limit_currency.currentText())
            except ValidationError as error:
                errors["ta_limit"] = error.message
        supplier = Supplier(
            id=self._id,
            version=self._version,
            name=f["name"].text().strip(),
            country=f["country"].text().strip(),
            gold_supplier=f["gold_supplier"].isChecked(),
            gold_since=f["gold_since"].value() or None,
            trade_assurance=f["trade_assurance"].isChecked(),
            ta_limit=limit,
            notes=f["notes"].toPlainText(),
            certificates=self.certificates.certificates(),
            **{name: f[name].text().strip() for name in
               ("contact_name", "email", "phone", "whatsapp", "wechat", "store_url",
                "designated_account")},
        )
        for name, message in (supplier_errors(supplier, today) if today else {}).items():
            errors.setdefault("certificates" if name.startswith("certificates[") else name,
                              message)
        if errors:
            raise ValidationError(next(iter(errors.values())), field_errors=errors)
        return supplier


class SuppliersPage(QWidget, EditorGuard):
    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.ops = ops
        self.messages = ops.messages
        self.model = SuppliersModel(workspace.suppliers, self, ops.tasks)
        self.model.count_failed.connect(lambda error: ops.show_error(self, error))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search suppliers by name, country, contact…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search.textChanged.connect(self._search_timer.start)

        self.table = list_table(self.model, 0, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)

        self.form = SupplierForm(workspace, ops)
        self.scorecard = ScorecardPanel()
        self.form.edited.connect(self._on_form_edited)
        self.title = ElidedLabel(self.tr("New supplier"))
        self.title.setObjectName("sectionTitle")
        self.new_button = QPushButton(self.tr("New supplier"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.new_button.clicked.connect(self.new_supplier)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self._on_revert_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.addLayout(title_row(self.tr("Suppliers"), self.new_button))
        left_box.addWidget(self.search)
        left_box.addWidget(self.table)

        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.addWidget(self.title)
        form_box = QWidget()  # the form scrolls on a small screen; its buttons stay in view
        form_layout = QVBoxLayout(form_box)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.form)
        form_layout.addStretch()
        self.tabs = QTabWidget()
        self.tabs.addTab(scrolling(form_box), self.tr("Details"))
        self.tabs.addTab(self.scorecard, self.tr("Scorecard"))
        right_box.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right_box.addLayout(buttons)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        remember_splitter(splitter, "suppliers/list_divider", [600, 500])
        QVBoxLayout(self).addWidget(splitter)

        self._current_id: int | None = None
        self.model.refresh()
        self.new_supplier()
        ops.changed.connect(self._on_ops_changed)

    # --- state ------------------------------------------------------------------------------
    record_name = "supplier"

    def has_saved_record(self) -> bool:
        return self._current_id is not None

    def _on_search_timer_timeout(self) -> None:
        self.model.set_query(dataclasses.replace(self.model.query, text=self.search.text()))

    def refresh(self) -> None:
        self.model.refresh()
        self._reselect(self._current_id)
        if self._current_id is not None:  # its orders may have moved the scorecard
            self.scorecard.set_scorecard(*self.workspace.scorecards.of(self._current_id))

    def _on_ops_changed(self, changes: Changes) -> None:
        if changes.has(Kind.SUPPLIER) or changes.has(Kind.ORDER):  # the list counts orders
            self.refresh()
        elif changes.has(Kind.SETTINGS) and self._current_id is not None:  # home currency
            self.scorecard.set_scorecard(*self.workspace.scorecards.of(self._current_id))

    # --- actions ------------------------------------------------------------------------------
    def new_supplier(self) -> None:
        if not self.can_leave():
            return
        self._current_id = None
        self.form.set_supplier(Supplier(name="", trade_assurance=True))
        self.scorecard.clear()
        self.title.setText(self.tr("New supplier"))
        self.delete_button.setEnabled(False)
        self.table.clearSelection()
        self._set_dirty(False)
        self.form.fields["name"].setFocus()

    def open_supplier(self, supplier_id: int) -> None:
        supplier = self.workspace.suppliers.get(supplier_id)
        self._current_id = supplier_id
        self.form.set_supplier(supplier)
        self.scorecard.set_scorecard(*self.workspace.scorecards.of(supplier_id))
        self.title.setText(supplier.name)
        self.delete_button.setEnabled(True)
        self._set_dirty(False)

    def _on_table_current_changed(self, current, previous) -> None:
        row = self.model.supplier_row(current.row()) if current.isValid() else None
        if row is None or row.id == self._current_id:
            return
        if not self.can_leave():
            self._reselect(self._current_id)
            return
        self.open_supplier(row.id)

    def _reselect(self, supplier_id: int | None) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        row = self.model.row_of_id(supplier_id) if supplier_id else None
        if row is None:
            self.table.clearSelection()
        else:
            self.table.selectRow(row)
        selection.blockSignals(False)

    def save(self) -> bool:
        today = self.workspace.today()
        return self.ops.run_op(self, lambda: self.workspace.suppliers.save(
            self.form.supplier(today)),
                               self._on_saved, on_invalid=self._on_save_invalid,
                               on_reload=self._on_revert_clicked)

    def _on_saved(self, saved: Supplier) -> None:
        self.form.set_supplier(saved)  # its ids and version, for the next save
        self._current_id = saved.id
        self.title.setText(saved.name)
        self.delete_button.setEnabled(True)
        self._set_dirty(False)
        self.ops.note(self.tr("Supplier {0} saved.").format(saved.name))

    def _on_save_invalid(self, error: ValidationError) -> None:
        self.form.show_errors(error.field_errors)

    def _on_revert_clicked(self) -> None:
        if self._current_id is not None:
            self.open_supplier(self._current_id)

    def cancel_edits(self) -> None:
        """Esc: drop the edits not saved, after asking."""
        if not self.dirty or not self.messages.confirm(
                self, self.tr("Revert changes"), self.tr("Drop the changes you have not saved?")):
            return
        self._set_dirty(False)
        if self._current_id is not None:
            self.open_supplier(self._current_id)
        else:
            self.new_supplier()

    def _on_delete_clicked(self) -> None:
        self.delete_supplier()

    def delete_current(self) -> None:
        """Delete: the certificate in focus, else the supplier (after asking)."""
        if self.form.certificates.table.hasFocus():
            self.form.certificates.remove_current()
        else:
            self.delete_supplier()

    def delete_supplier(self) -> None:
        if self._current_id is None:
            return
        name = self.form.fields["name"].text()
        if not self.messages.confirm(self, self.tr("Delete supplier"), self.tr(
                "Delete {0} with its certificates? It disappears from every list now; "
                "Edit → Undo brings it back.").format(name)):
            return
        supplier_id, version = self._current_id, self.form.version
        suppliers = self.workspace.suppliers

        def on_deleted(removed) -> None:
            self._set_dirty(False)
            self._current_id = None
            self.new_supplier()
            self.ops.undoable.emit(DeleteStep(removed.what, removed, suppliers.undo_delete,
                                              lambda: suppliers.delete(supplier_id)))

        self.ops.run_op(self, lambda: suppliers.delete(supplier_id, version), on_deleted)
