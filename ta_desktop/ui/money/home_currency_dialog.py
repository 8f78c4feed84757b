"""Settings → Home currency and spend: the buyer's home currency, today's rate of each other
currency, and what the money looks like in it (spend per supplier per year, open commitments,
money in dispute). Rates actually paid are recorded per payment in an order's Landed cost tab."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.home_money import HomeFigure
from ta_desktop.core.domain.types import CURRENCIES
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.money.tables import cell, table
from ta_desktop.ui.operations import Operations


def figure_text(figure: HomeFigure) -> str:
    if figure.amount is None:
        return "no rate for " + ", ".join(figure.missing)
    return fmt.money_of(figure.amount) + (" (estimate)" if figure.estimate else "")


class HomeCurrencyDialog(QDialog):
    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.ops = ops
        self.setWindowTitle(self.tr("Home currency and spend"))
        self.resize(640, 640)
        rates = workspace.money.rates()
        self.home = QComboBox()
        self.home.addItems(CURRENCIES)
        self.home.setCurrentText(rates.home)
        self.home.currentTextChanged.connect(self._on_home_changed)
        self.rates = table([self.tr("Currency"), self.tr("Today's rate")])
        self.rates.setRowCount(len(CURRENCIES))
        for row, code in enumerate(CURRENCIES):
            rate = rates.current.get(code)
            self.rates.setItem(row, 0, cell(code))
            self.rates.setItem(row, 1, cell("" if rate is None else f"{rate.normalize():f}",
                                            numeric=True, editable=True))
        self.rates_hint = QLabel()
        self.rates_hint.setObjectName("hint")
        self.rates_hint.setWordWrap(True)
        self.spend = table([self.tr("Supplier"), self.tr("Year"), self.tr("Paid")])
        self.commitments = QLabel()
        self.in_dispute = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("Home currency"), self.home)
        figures = QFormLayout()
        figures.addRow(self.tr("Open commitments (still to pay)"), self.commitments)
        figures.addRow(self.tr("Money in dispute (refunds asked)"), self.in_dispute)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rates, 2)
        layout.addWidget(self.rates_hint)
        spend_title = QLabel(self.tr("Spend per supplier per year"))
        spend_title.setObjectName("sectionTitle")
        layout.addWidget(spend_title)
        layout.addWidget(self.spend, 3)
        layout.addLayout(figures)
        layout.addWidget(buttons)
        self._on_home_changed(rates.home)
        self.show_overview()

    def _on_home_changed(self, home: str) -> None:
        for row in range(self.rates.rowCount()):
            self.rates.setRowHidden(row, self.rates.item(row, 0).text() == home)
        self.rates_hint.setText(self.tr(
            "How many {0} one unit of each currency costs today (blank: not used). Parts not "
            "yet paid are converted at these rates and marked as estimates.").format(home))

    def show_overview(self) -> None:
        overview = self.workspace.money.overview()
        self.spend.setRowCount(len(overview.spend))
        for row, ((supplier, year), figure) in enumerate(overview.spend.items()):
            self.spend.setItem(row, 0, cell(supplier))
            self.spend.setItem(row, 1, cell(str(year), numeric=True))
            self.spend.setItem(row, 2, cell(figure_text(figure), numeric=True))
        self.commitments.setText(figure_text(overview.open_commitments))
        self.in_dispute.setText(figure_text(overview.in_dispute))

    def typed_rates(self) -> dict[str, str]:
        return {self.rates.item(row, 0).text(): self.rates.item(row, 1).text().strip()
                for row in range(self.rates.rowCount())}

    def _on_buttons_accepted(self) -> None:
        home = self.home.currentText()
        if self.ops.run_op(self, lambda: self.workspace.money.set_home(home,
                                                                       self.typed_rates())):
            self.accept()
