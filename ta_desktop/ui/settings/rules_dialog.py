"""The active rule profile: every Trade Assurance number with its rule id, adjustable when the
platform changes its rules. Values in the units people use (MB, %, days), as in the fees
dialog. Each change is a new version (who, when, why) in the history below the values; a
version is exported or imported as a JSON file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.services.rule_profiles import RuleProfileService
from ta_desktop.core.services.settings import SettingsService
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.settings.rule_units import label_of, shown, stored, unit_of
from ta_desktop.ui.widgets.form import error_label, save_cancel_restore

AskPath = Callable[[QWidget, str, bool], Path | None]


def ask_json_path(parent: QWidget, title: str, saving: bool) -> Path | None:
    """A JSON file chosen by the user (to write when ``saving``); None when cancelled."""
    pick = QFileDialog.getSaveFileName if saving else QFileDialog.getOpenFileName
    name, _chosen = pick(parent, title, "", "JSON (*.json)")
    return Path(name) if name else None


class RulesDialog(QDialog):
    def __init__(self, settings: SettingsService, ops: Operations,
                 parent: QWidget | None = None, *, rules: RuleProfileService | None = None,
                 ask_path: AskPath = ask_json_path):
        super().__init__(parent)
        self.settings = settings
        self.rules = rules
        self.ask_path = ask_path
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
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the change (kept in the history), e.g. "
                                               "the help page changed on 1 March"))
        self.error = error_label()
        buttons = save_cancel_restore(self, self._on_buttons_accepted, self._on_restore_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.reason)
        if rules is not None:
            layout.addLayout(self._history_part(), 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill(profile)

    def _history_part(self) -> QVBoxLayout:
        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels([self.tr("Version"), self.tr("Dated"),
                                                self.tr("By"), self.tr("At"), self.tr("Why")])
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        import_button = QPushButton(self.tr("Import…"))
        import_button.clicked.connect(self._on_import_clicked)
        export_button = QPushButton(self.tr("Export selected…"))
        export_button.clicked.connect(self._on_export_clicked)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("<b>History</b> — orders keep the version in force when "
                                     "they were sent to the supplier")), 1)
        row.addWidget(import_button)
        row.addWidget(export_button)
        part = QVBoxLayout()
        part.addLayout(row)
        part.addWidget(self.history)
        return part

    def _fill_history(self) -> None:
        items = self.rules.history()
        self.history.setRowCount(len(items))
        for row, item in enumerate(items):
            texts = (str(item.version), item.profile.date, item.changed_by,
                     fmt.moment(item.changed_at) if item.changed_at else "", item.reason)
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.version)
                self.history.setItem(row, column, cell)
        self.history.selectRow(0)

    def _on_export_clicked(self) -> None:
        row = max(self.history.currentRow(), 0)
        version = self.history.item(row, 0).data(Qt.ItemDataRole.UserRole)
        path = self.ask_path(self, self.tr("Export rule profile version {0}").format(version),
                             True)
        if path is not None:
            self.ops.run_op(self, lambda: self.rules.export_file(path, version))

    def _on_import_clicked(self) -> None:
        path = self.ask_path(self, self.tr("Import a rule profile"), False)
        if path is not None:
            reason = self.reason.text()
            self.ops.run_op(self, lambda: self.rules.import_file(path, reason), self._fill,
                            on_invalid=self._on_invalid, on_reload=self._on_reload)

    def _fill(self, profile: RuleProfile) -> None:
        if self.rules is not None:
            self._fill_history()
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
        values, reason = self.values(), self.reason.text()
        if self.ops.run_op(self, lambda: self.settings.set_rule_values(values, reason),
                           on_invalid=self._on_invalid, on_reload=self._on_reload):
            self.ops.note(self.tr("Trade Assurance rules saved."))
            self.accept()

    def _on_reload(self) -> None:
        self._fill(self.settings.reload_profile())  # with the other window's change

    def _on_invalid(self, error: ValidationError) -> None:
        self.error.setText(str(error))
        self.error.show()

    def _on_restore_clicked(self) -> None:
        reason = self.reason.text()
        self.ops.run_op(self, lambda: self.settings.reset_rules(reason), self._fill,
                        on_reload=self._on_reload)
