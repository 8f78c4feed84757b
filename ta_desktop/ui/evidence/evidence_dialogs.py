"""Dialogs of the evidence panel: the "make uploadable" plan, the dispute bundle form, the trash."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.disputes import claim_text_warning
from ta_desktop.core.domain.evidence import EvidenceItem, megabytes
from ta_desktop.core.domain.types import ClaimType
from ta_desktop.core.services.evidence.fit import FitPlan
from ta_desktop.ui.theme import DANGER
from ta_desktop.ui.widgets.form import error_label


class FitPlanDialog(QDialog):
    """What "Make uploadable" will write, shown before anything is written."""

    def __init__(self, plan: FitPlan, folder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Make uploadable"))
        self.plan = plan
        intro = QLabel(self.tr(
            "{0} new file(s) will be written to {1}; the platform takes at most {2} per "
            "submission. Your originals are not changed.").format(
                len(plan.outputs), folder, plan.profile.evidence_max_files))
        intro.setWordWrap(True)
        self.outputs = QListWidget()
        self.outputs.setWordWrap(True)
        self.outputs.setSpacing(3)
        self.outputs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for output in plan.outputs:
            entry = QListWidgetItem(f"{output.name}\n    {output.note}")
            entry.setToolTip("\n".join(str(s) for s in output.sources))
            self.outputs.addItem(entry)
        for unfit in plan.unfit:
            entry = QListWidgetItem(self.tr("Cannot fit {0}\n    {1}: {2}").format(
                unfit.name, unfit.rule, unfit.reason))
            entry.setForeground(DANGER)
            self.outputs.addItem(entry)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.produce_button = buttons.addButton(
            self.tr("Write {0} file(s)").format(len(plan.outputs)),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.produce_button.setEnabled(bool(plan.outputs))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.outputs, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)


class BundleDialog(QDialog):
    """The claim the dispute bundle describes."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export dispute bundle"))
        self.claim_type = QComboBox()
        for kind in ClaimType:
            self.claim_type.addItem(kind.label, kind)
        self.claim_type.setPlaceholderText(self.tr("Choose what went wrong…"))
        self.claim_type.setCurrentIndex(-1)  # no silent default: the buyer says which claim
        self.claim_error = error_label()
        self.claim_type.currentIndexChanged.connect(lambda: self.claim_error.hide())
        self.claim_text = QPlainTextEdit()
        self.claim_text.setPlaceholderText(self.tr(
            "What went wrong, with numbers: e.g. 12 of 80 units arrived cracked."))
        self.claim_text.textChanged.connect(self._on_claim_text_changed)
        self.text_warning = error_label()
        self.broken_terms = QPlainTextEdit()
        self.broken_terms.setPlaceholderText(self.tr(
            "One contract term per line, as written in the contract: e.g. Colour Pantone 186 C"))
        self.broken_terms.setMaximumHeight(90)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("e.g. USD 2,790.00"))
        form = QFormLayout()
        form.addRow(self.tr("Claim"), self.claim_type)
        form.addRow("", self.claim_error)
        form.addRow(self.tr("What happened"), self.claim_text)
        form.addRow("", self.text_warning)
        form.addRow(self.tr("Contract terms not met"), self.broken_terms)
        form.addRow(self.tr("Amount claimed"), self.amount)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("Choose folder and export…"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._on_export_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 460)

    def _on_claim_text_changed(self) -> None:
        warning = claim_text_warning(self.claim_text.toPlainText())
        self.text_warning.setText(warning or "")
        self.text_warning.setToolTip("EV-TEXT" if warning else "")
        self.text_warning.setVisible(bool(warning))

    def _on_export_clicked(self) -> None:
        if self.claim_type.currentIndex() < 0:
            self.claim_error.setText(self.tr("Choose the claim: what went wrong."))
            self.claim_error.show()
            return
        self.accept()

    def values(self) -> dict:
        return {
            "claim_type": self.claim_type.currentText(),
            "claim_text": self.claim_text.toPlainText().strip(),
            "broken_terms": self.broken_terms.toPlainText().splitlines(),
            "amount_claimed": self.amount.text().strip(),
        }


class EvidenceTrashDialog(QDialog):
    """Files taken off the order: restore them, or empty the trash on purpose."""

    def __init__(self, items: list[EvidenceItem], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Evidence trash"))
        self.list = QListWidget()
        for item in items:
            entry = QListWidgetItem(f"{item.original_name}  ({megabytes(item.size)})")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(entry)
        self.restore_button = QPushButton(self.tr("Restore ticked files"))
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.empty_button = QPushButton(self.tr("Empty trash…"))
        self.empty_button.clicked.connect(self._on_empty_clicked)
        self.empty_button.setEnabled(bool(items))
        self.restored: list[int] = []
        self.empty_requested = False
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Nothing here is deleted until you empty the trash."))
        hint.setObjectName("hint")
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _on_restore_clicked(self) -> None:
        self.restored = [
            self.list.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.list.count())
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]
        self.accept()

    def _on_empty_clicked(self) -> None:
        self.empty_requested = True
        self.accept()
