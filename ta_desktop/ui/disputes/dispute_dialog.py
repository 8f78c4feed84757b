"""Asks what a dispute step needs: the day, and per step a claim, an amount, a party, an
answer or a decision. The claim text is checked for non-English characters while typing
(EV-TEXT)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ta_desktop.core.domain.bounds import parse_amount
from ta_desktop.core.domain.disputes import claim_text_warning
from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.lifecycle import DISPUTE_OUTCOMES
from ta_desktop.core.domain.types import ClaimType, OrderStatus, Party
from ta_desktop.ui.orders.action_dialog import RecordDialog, combo_of
from ta_desktop.ui.widgets.form import enum_data, error_label


class DisputeStep(Enum):
    OPEN = "open"
    PROPOSE = "propose"
    REPLY = "reply"
    ESCALATE = "escalate"
    CANCEL = "cancel"
    ANSWER_CANCEL = "answer_cancel"  # DS-CANCEL: the dispute team's answer to a request
    DECIDE = "decide"
    REFUND = "refund"
    RETURN = "return"


def step_titles() -> dict[DisputeStep, str]:
    def tr(text: str) -> str:
        return QCoreApplication.translate("DisputeDialog", text)

    return {
        DisputeStep.OPEN: tr("Open dispute"),
        DisputeStep.PROPOSE: tr("Record proposal"),
        DisputeStep.REPLY: tr("Record reply"),
        DisputeStep.ESCALATE: tr("Escalate"),
        DisputeStep.CANCEL: tr("Cancel dispute"),
        DisputeStep.ANSWER_CANCEL: tr("Team answered cancellation"),
        DisputeStep.DECIDE: tr("Record decision"),
        DisputeStep.REFUND: tr("Refund received"),
        DisputeStep.RETURN: tr("Goods returned"),
    }


class DisputeDialog(RecordDialog):
    def __init__(self, step: DisputeStep, order: Order, today: date, *,
                 reply_by: Party | None = None, parent: QWidget | None = None):
        titles = step_titles()
        super().__init__(titles[step], order, today, parent)
        self.step = step
        self.reply_by = reply_by
        self.claim = self.claim_text = self.party = self.answer = self.outcome = None
        self.amount: QLineEdit | None = None
        self.no_money: QCheckBox | None = None
        self.text_warning = error_label()
        self._build(step, order)
        self.finish(titles[step])

    def _amount_field(self, label: str, value: str = "") -> None:
        self.amount = self.form.add_field(
            "amount", label.replace("%1", self.order.currency), QLineEdit(value))

    def _build(self, step: DisputeStep, order: Order) -> None:
        if step == DisputeStep.OPEN:
            claims = [c for c in ClaimType if order.online or c == ClaimType.NOT_DELIVERED]
            self.claim = self.form.add_field("claim", self.tr("Claim"),
                                             combo_of([(c.label, c) for c in claims]))
            self.claim.setPlaceholderText(self.tr("Choose what went wrong…"))
            self.claim.setCurrentIndex(-1)  # no silent default: the buyer says which claim
            self._amount_field(self.tr("Refund asked (%1)"), order.paid.amount_text())
            self.claim_text = self.form.add_field("claim_text", self.tr("What is wrong"),
                                                  QPlainTextEdit())
            self.claim_text.setPlaceholderText(self.tr(
                "In English: what the contract says, what arrived, and the evidence."))
            self.claim_text.setMinimumHeight(90)
            self.form.layout_.addRow("", self.text_warning)
            self._text_timer = QTimer(self, singleShot=True, interval=300)
            self._text_timer.timeout.connect(self.check_claim_text)
            self.claim_text.textChanged.connect(self._text_timer.start)
        elif step == DisputeStep.PROPOSE:
            self.party = self.form.add_field("party", self.tr("Proposed by"), combo_of([
                (self.tr("Supplier"), Party.SUPPLIER), (self.tr("Buyer (me)"), Party.BUYER)]))
            self._amount_field(self.tr("Refund proposed (%1)"))
            self.no_money = self.form.add_field("no_money", "", QCheckBox(
                self.tr("No money: the proposal offers no refund")))
            self.no_money.toggled.connect(lambda on: self.amount.setEnabled(not on))
        elif step == DisputeStep.REPLY:
            who = self.tr("Buyer (me)") if self.reply_by == Party.BUYER else self.tr("Supplier")
            self.form.add_field("party", self.tr("Answered by"), QLabel(who))
            self.answer = self.form.add_field("accepted", self.tr("Answer"), combo_of([
                (self.tr("Declined"), False), (self.tr("Accepted"), True)]))
        elif step == DisputeStep.ANSWER_CANCEL:
            self.answer = self.form.add_field("accepted", self.tr("The dispute team"), combo_of([
                (self.tr("Declined: the dispute goes on"), False),
                (self.tr("Accepted: the dispute is cancelled"), True)]))
        elif step == DisputeStep.DECIDE:
            self.outcome = self.form.add_field("outcome", self.tr("Decision"), combo_of(
                [(status.label, status) for status in sorted(DISPUTE_OUTCOMES)]))
            self._amount_field(self.tr("Refund decided (%1)"))
        elif step == DisputeStep.REFUND:
            self._amount_field(self.tr("Refund received (%1)"))

    def check_claim_text(self) -> str | None:
        """Show the EV-TEXT warning (the text may still be sent: the platform decides)."""
        warning = claim_text_warning(self.claim_text.toPlainText()) if self.claim_text else None
        self.text_warning.setText(warning or "")
        self.text_warning.setToolTip("EV-TEXT" if warning else "")
        self.text_warning.setVisible(bool(warning))
        return warning

    def _read_amount(self) -> Decimal | None:
        text = self.amount.text().strip() if self.amount is not None else ""
        if not text:
            return None
        return parse_amount(text, zero_ok=True)

    def _on_buttons_accepted(self) -> None:
        kwargs = self.recorded()
        try:
            amount = self._read_amount()
        except ValidationError as error:
            self.form.show_errors({"amount": error.message})
            return
        step = self.step
        if step == DisputeStep.OPEN:
            errors = {}
            if self.claim.currentIndex() < 0:
                errors["claim"] = self.tr("Choose the claim: what went wrong.")
            if amount is None:
                errors["amount"] = self.tr("Enter the refund you ask for.")
            if errors:
                self.form.show_errors(errors)
                return
            self.check_claim_text()
            kwargs.update(claim=enum_data(self.claim, ClaimType), requested_refund=amount,
                          claim_text=self.claim_text.toPlainText().strip())
        elif step == DisputeStep.PROPOSE:
            if self.no_money.isChecked():
                amount = Decimal(0)
            elif amount is None:
                self.form.show_errors({"amount": self.tr(
                    "Enter the refund proposed, or tick \"No money\".")})
                return
            kwargs.update(party=enum_data(self.party, Party), amount=amount)
        elif step == DisputeStep.REPLY:
            kwargs.update(party=self.reply_by, accepted=bool(self.answer.currentData()))
        elif step == DisputeStep.ANSWER_CANCEL:
            kwargs.update(accepted=bool(self.answer.currentData()))
        elif step == DisputeStep.DECIDE:
            kwargs.update(outcome=enum_data(self.outcome, OrderStatus), amount=amount)
        elif step == DisputeStep.REFUND:
            kwargs.update(amount=amount)
        self.result_kwargs = kwargs
        self.accept()
