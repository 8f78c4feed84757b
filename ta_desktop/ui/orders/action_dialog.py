"""Asks what an order action needs: the day it happened, and per action a party or a payment.
Dates are picked, never typed free-form, and never in the future. (Dispute steps have their own
dialog, built on the same ``RecordDialog``.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.bounds import parse_amount
from ta_desktop.core.domain.entities import Action, Order, Payment, Supplier
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.supplier_rules import payee_warning
from ta_desktop.core.domain.types import Party, PaymentMethod, PaymentStatus
from ta_desktop.core.services.money import parse_rate
from ta_desktop.ui.widgets.form import ValidatedForm, enum_data


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def combo_of(items: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    return combo


def date_edit(day: date, latest: date | None = None) -> QDateEdit:
    """A picked (never typed free-form) ISO date, no later than ``latest`` when given."""
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    if latest is not None:
        edit.setMaximumDate(to_qdate(latest))
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def past_date_edit(today: date) -> QDateEdit:
    """Today at the latest: we record what has happened."""
    return date_edit(today, latest=today)


class RecordDialog(QDialog):
    """The frame of a dialog that records something that happened to an order: a form that
    starts with the date, ends with a note, and OK/Cancel buttons. Subclasses add their fields
    between ``__init__`` and ``finish`` and set ``result_kwargs`` before accepting."""

    def __init__(self, title: str, order: Order, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.order = order
        self.setWindowTitle(f"{title} — {order.order_number}")
        self.form = ValidatedForm()
        self.day = past_date_edit(today)
        self.form.add_field("on", self.tr("Date"), self.day)
        self.result_kwargs: dict[str, Any] = {}
        self._hints: list[QLabel] = []

    def add_hint(self, text: str) -> None:
        """A rule reminder shown under the form (wrapped to the dialog's width)."""
        hint = QLabel(text)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self._hints.append(hint)

    def finish(self, ok_text: str) -> None:
        self.note = self.form.add_field("note", self.tr("Note"), QLineEdit())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        for hint in self._hints:
            layout.addWidget(hint)
        layout.addWidget(buttons)

    def say_consequence(self, describe: Callable[[date], str]) -> None:
        """Above the form, in words, what the step does from the day picked (and what it ends,
        when): kept up to date as the day changes. Called once the dialog is built."""
        self.consequence = QLabel()
        self.consequence.setObjectName("consequence")
        self.consequence.setWordWrap(True)
        self.consequence.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

        def update() -> None:
            self.consequence.setText(describe(from_qdate(self.day.date())))

        self.day.dateChanged.connect(update)
        update()
        self.layout().insertWidget(0, self.consequence)

    def recorded(self) -> dict[str, Any]:
        """What every record carries: the day and the note."""
        return {"on": from_qdate(self.day.date()), "note": self.note.text().strip()}

    def _on_buttons_accepted(self) -> None:
        raise NotImplementedError


class ActionDialog(RecordDialog):
    def __init__(self, action: Action, order: Order, today: date, parent: QWidget | None = None,
                 *, supplier: Supplier | None = None, confirm: Callable[[str], bool] | None = None,
                 home: str | None = None):
        super().__init__(action.label, order, today, parent)
        self.action = action
        self.supplier = supplier
        # The buyer's home currency: a payment in another may say the rate actually paid (LAND).
        self.rate_paid = None
        self.home = home if home and home != order.currency else None
        # Asks the user to go on despite a warning (PAY-TT); None: never asks.
        self.confirm = confirm
        self.party = None
        if action == Action.EXTEND_RECEIVING:
            self.party = self.form.add_field("party", self.tr("Extended by"), combo_of([
                (self.tr("Buyer (me)"), Party.BUYER), (self.tr("Supplier"), Party.SUPPLIER)]))
            if order.extensions_by(Party.BUYER):
                self.party.setCurrentIndex(1)
        if action == Action.RECORD_PAYMENT:
            self._add_payment_fields()
        self.finish(action.label)

    def _add_payment_fields(self) -> None:
        left = self.order.total - self.order.paid
        self.amount = self.form.add_field("amount", self.tr("Amount ({0})").format(
            self.order.currency), QLineEdit(left.amount_text()))
        self.payment_status = self.form.add_field("status", self.tr("Status"), combo_of([
            (self.tr("Processing"), PaymentStatus.PROCESSING),
            (self.tr("Received by Trade Assurance"), PaymentStatus.RECEIVED)]))
        self.method = self.form.add_field("method", self.tr("Method"),
                                          combo_of([(m.label, m) for m in PaymentMethod]))
        if self.order.payment_method:
            self.method.setCurrentIndex(list(PaymentMethod).index(self.order.payment_method))
        self.reference = self.form.add_field("reference", self.tr("Reference"), QLineEdit())
        designated = self.supplier.designated_account if self.supplier else ""
        self.payee = self.form.add_field("payee", self.tr("Paid to (account)"),
                                         QLineEdit(designated))
        if self.home:
            self.rate_paid = self.form.add_field("rate_paid", self.tr(
                "Rate paid ({0} per 1 {1})").format(self.home, self.order.currency), QLineEdit())
            self.rate_paid.setPlaceholderText(self.tr("optional: what your bank charged"))
        self.add_hint(self.tr("PAY-TT: a wire is protected only when sent to the supplier's "
                              "platform-designated account."))

    def _on_buttons_accepted(self) -> None:
        kwargs = self.recorded()
        on = kwargs["on"]
        if self.party is not None:
            kwargs["party"] = enum_data(self.party, Party)
        if self.action == Action.RECORD_PAYMENT:
            try:
                amount = parse_amount(self.amount.text(), "amount paid")
            except ValidationError as error:
                self.form.show_errors({"amount": error.message})
                return
            payment = Payment(amount, on, enum_data(self.payment_status, PaymentStatus),
                              enum_data(self.method, PaymentMethod),
                              self.reference.text().strip(), payee=self.payee.text().strip())
            warning = payee_warning(payment, self.supplier) if self.supplier else None
            if warning is not None and self.confirm is not None and not self.confirm(
                    self.tr("{0}\n\nRecord this payment anyway?").format(warning)):
                return
            kwargs["payment"] = payment
            if self.rate_paid is not None and self.rate_paid.text().strip():
                try:
                    kwargs["rate_paid"] = parse_rate(self.rate_paid.text(), "rate paid")
                except ValidationError as error:
                    self.form.show_errors({"rate_paid": error.message})
                    return
        self.result_kwargs = kwargs
        self.accept()
