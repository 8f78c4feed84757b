"""The active rule profile: every Trade Assurance number with its rule id, adjustable when the
platform changes its rules. Values in the units people use (MB, %, days), as in the fees
dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.services.settings import SettingsService
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.settings.rule_units import label_of, shown, stored, unit_of
from ta_desktop.ui.widgets.form import error_label, save_cancel_restore


class RulesDialog(QDialog):
    def __init__(self, settings: SettingsService, ops: Operations,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.ops = ops
        self.setWindowTitle(self.tr("Trade Assurance rules"))
        self.resize(760, 620)
        profile = settings.profile()
        intro = QLabel(self.tr(
            "<b>{0}</b> — {1}, {2}.<br>Every deadline and check reads these values. Change one "
            "when the platform changes its rules; the default comes back with "
            "<i>Restore defaults</i>.").format(profile.name, profile.source, profile.date))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Rule"), self.tr("What"), self.tr("Value"),
                                              self.tr("Unit")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.error = error_label()
        buttons = save_cancel_restore(self, self._on_buttons_accepted, self._on_restore_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill(profile)

    def _fill(self, profile: RuleProfile) -> None:
        names = RuleProfile.value_names()
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            for column, text in enumerate((RuleProfile.rule_of(name), label_of(profile, name),
                                           shown(name, profile.value(name)), unit_of(name))):
                item = QTableWidgetItem(text)
                if column != 2:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setData(Qt.ItemDataRole.UserRole, name)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(3)

    def values(self) -> dict[str, str]:
        """What the table says, in the profile's units (bytes, fractions) as typed text."""
        values = {}
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 2).data(Qt.ItemDataRole.UserRole)
            values[name] = stored(name, self.table.item(row, 2).text())
        return values

    def _on_buttons_accepted(self) -> None:
        if self.ops.run_op(self, lambda: self.settings.set_rule_values(self.values()),
                           on_invalid=self._on_invalid, on_reload=self._on_reload):
            self.ops.note(self.tr("Trade Assurance rules saved."))
            self.accept()

    def _on_reload(self) -> None:
        self._fill(self.settings.reload_profile())  # with the other window's change

    def _on_invalid(self, error: ValidationError) -> None:
        self.error.setText(str(error))
        self.error.show()

    def _on_restore_clicked(self) -> None:
        self.ops.run_op(self, self.settings.reset_rules, self._fill, on_reload=self._on_reload)
