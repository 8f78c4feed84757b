"""The order's header pill and its contract form (number, supplier, protection, currency,
Incoterm, exact shipment date, payment method, notes)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.types import CURRENCIES, INCOTERMS, OrderStatus, PaymentMethod
from ta_desktop.core.domain.validation import parse_day
from ta_desktop.ui.theme import STATUS_COLOURS
from ta_desktop.ui.widgets.dates import DateField
from ta_desktop.ui.widgets.form import ValidatedForm, enum_data
from ta_desktop.ui.widgets.status_delegate import paint_pill


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
    try:
        return parse_day(text, "shipment date")
    except ValidationError:
        message = ("Write an exact date as YYYY-MM-DD, e.g. 2027-01-15, or pick it: a month "
                   "or 'ASAP' cannot be proven late.")
        raise ValidationError(message, field_errors={"shipment_date": message}) from None


NEW_SUPPLIER = -1  # the supplier box's last item: add a supplier on the way


class OrderForm(ValidatedForm):
    new_supplier_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.add_field("order_number", self.tr("Alibaba order number"), QLineEdit())
        suppliers = self.add_field("supplier_id", self.tr("Supplier"), QComboBox())
        self._shown_supplier = -1
        suppliers.currentIndexChanged.connect(self._on_supplier_chosen)
        online = QCheckBox(self.tr("Trade Assurance order (paid through the platform)"))
        self.add_field("online", self.tr("Protection"), online)
        currency = QComboBox()
        currency.addItems(CURRENCIES)
        self.add_field("currency", self.tr("Currency"), currency)
        incoterm = QComboBox()
        incoterm.addItems(["", *INCOTERMS])
        self.add_field("incoterm", self.tr("Incoterm"), incoterm)
        shipment = DateField()
        shipment.setPlaceholderText(self.tr("exact date, e.g. 2027-01-15, or pick"))
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
        """The suppliers to choose from, and last "New supplier…" (``new_supplier_requested``)."""
        combo: QComboBox = self.fields["supplier_id"]
        current = combo.currentData()
        with self.loading():
            combo.clear()
            for supplier_id, name in suppliers:
                combo.addItem(name, supplier_id)
            combo.insertSeparator(combo.count())
            combo.addItem(self.tr("New supplier…"), NEW_SUPPLIER)
            combo.setCurrentIndex(combo.findData(current) if current is not None else -1)

    def select_supplier(self, supplier_id: int) -> None:
        """Choose that supplier, as the user would (the order counts as edited)."""
        combo: QComboBox = self.fields["supplier_id"]
        combo.setCurrentIndex(combo.findData(supplier_id))

    def _on_supplier_chosen(self, index: int) -> None:
        combo: QComboBox = self.fields["supplier_id"]
        if self._loading or combo.itemData(index) != NEW_SUPPLIER:
            self._shown_supplier = index
            return
        with self.loading():  # back to the supplier shown until the new one is saved
            combo.setCurrentIndex(self._shown_supplier)
        self.new_supplier_requested.emit()

    def set_order(self, order: Order, editable: bool) -> None:
        f = self.fields
        with self.loading():
            f["order_number"].setText(order.order_number)
            f["supplier_id"].setCurrentIndex(f["supplier_id"].findData(order.supplier_id))
            self._shown_supplier = f["supplier_id"].currentIndex()
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
        try:
            order.shipment_date = _parse_exact_date(f["shipment_date"].text())
            unreadable = None
        except ValidationError as error:
            order.shipment_date, unreadable = None, error
        order.order_number = f["order_number"].text().strip()
        chosen = f["supplier_id"].currentData()
        order.supplier_id = chosen if chosen not in (None, NEW_SUPPLIER) else 0
        order.online = f["online"].isChecked()
        order.currency = f["currency"].currentText()
        order.incoterm = f["incoterm"].currentText()
        order.payment_method = enum_data(f["payment_method"], PaymentMethod)
        order.notes = f["notes"].toPlainText()
        if unreadable is not None:  # the other fields are copied all the same, so every
            raise unreadable        # message can be shown at once
