"""The supplier's scorecard: the figures over all its orders, and a chart per year (the on-time
shipment rate and the average specification readiness, painted with palette colours)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ta_desktop.core.domain.scorecard import Scorecard
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.theme import INFO, SUCCESS

OUTCOME_LABELS = {"refunded": "refunded", "partially_refunded": "partly refunded",
                  "closed": "closed", "cancelled": "cancelled", "agreed": "agreed",
                  "open": "open"}


@dataclass(frozen=True)
class Bar:
    year: int
    series: int  # 0: on-time rate, 1: readiness
    value: float  # 0-1
    rect: tuple[float, float, float, float]  # x, y, width, height


def bar_layout(years: dict[int, Scorecard], width: float, height: float,
               margin: float = 28) -> list[Bar]:
    """Where each year's two bars go: groups side by side across ``width``, bar height in
    proportion to the value over the plot's height (``margin`` above and below for labels).
    A year without a value has no bar."""
    if not years or width <= 0 or height <= 2 * margin:
        return []
    slot = width / len(years)
    bar_width = min(36.0, slot / 3)
    plot = height - 2 * margin
    bars = []
    for index, (year, card) in enumerate(years.items()):
        left = index * slot + (slot - 2 * bar_width) / 2
        values = (card.on_time_rate,
                  None if card.average_readiness is None else card.average_readiness / 100)
        for series, value in enumerate(values):
            if value is None:
                continue
            bar_height = plot * value
            bars.append(Bar(year, series, value, (left + series * bar_width,
                                                  margin + plot - bar_height, bar_width,
                                                  bar_height)))
    return bars


class YearChart(QWidget):
    """On-time rate and average readiness per year, with the orders shipped under each year."""

    COLOURS = (SUCCESS, INFO)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.years: dict[int, Scorecard] = {}
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Scorecard per year"))

    def set_years(self, years: dict[int, Scorecard]) -> None:
        self.years = years
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        width, height, margin = self.width(), self.height() - 20, 28
        legend = (self.tr("On-time shipment"), self.tr("Specification readiness"))
        x = 0.0
        for colour, label in zip(self.COLOURS, legend, strict=True):
            painter.fillRect(QRectF(x, 4, 10, 10), colour)
            painter.setPen(text)
            painter.drawText(QRectF(x + 14, 0, 200, 18), Qt.AlignmentFlag.AlignLeft, label)
            x += 24 + painter.fontMetrics().horizontalAdvance(label)
        if not self.years:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No orders yet."))
            return
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        painter.setPen(grid)
        painter.drawLine(0, height - margin, width, height - margin)
        for bar in bar_layout(self.years, width, height, margin):
            x, y, w, h = bar.rect
            painter.fillRect(QRectF(x + 2, y, w - 4, h), self.COLOURS[bar.series])
            painter.setPen(text)
            painter.drawText(QRectF(x - 8, y - 18, w + 16, 16), Qt.AlignmentFlag.AlignCenter,
                             fmt.percent(bar.value, 0) if bar.series == 0
                             else str(round(bar.value * 100)))
        slot = width / len(self.years)
        painter.setPen(text)
        for index, (year, card) in enumerate(self.years.items()):
            area = QRectF(index * slot, height - margin + 2, slot, 40)
            painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             self.tr("{0}\n{1} shipped").format(year, card.orders_shipped))
        painter.end()


class ScorecardPanel(QWidget):
    """The figures of ``core.domain.scorecard`` for the supplier shown, and the year chart."""

    ROWS = ("on_time", "delay", "shipped", "disputes", "inspections", "readiness", "spend")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout()
        titles = (self.tr("On-time shipment"), self.tr("Average delay"),
                  self.tr("Orders shipped"), self.tr("Disputes opened"),
                  self.tr("Inspections passed"), self.tr("Specification readiness"),
                  self.tr("Total spend"))
        self.values: dict[str, QLabel] = {}
        for name, title in zip(self.ROWS, titles, strict=True):
            label = QLabel()
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[name] = label
            form.addRow(title, label)
        hint = QLabel(self.tr(
            "On time: shipped on or before the agreed shipment date. Spend: orders paid into "
            "Trade Assurance, per currency and in the home currency (payments at the rates "
            "paid, the rest at today's rate)."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.chart = YearChart()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.chart, 1)
        self.clear()

    def clear(self) -> None:
        self.set_scorecard(Scorecard(), {})

    def set_scorecard(self, card: Scorecard, years: dict[int, Scorecard]) -> None:
        v = self.values
        v["on_time"].setText(fmt.percent(card.on_time_rate, 0) if card.on_time_rate is not None
                             else self.tr("no shipment with an agreed date yet"))
        v["delay"].setText(self.tr("—") if card.average_delay_days is None else
                           self.tr("{0} days").format(fmt.number(card.average_delay_days, 1)))
        v["shipped"].setText(self.tr("{0} of {1} orders").format(card.orders_shipped,
                                                                 card.orders))
        outcomes = ", ".join(f"{count} {OUTCOME_LABELS.get(name, name)}"
                             for name, count in card.dispute_outcomes.items())
        v["disputes"].setText(f"{card.disputes_opened}" + (f" ({outcomes})" if outcomes else ""))
        v["inspections"].setText(self.tr("—") if card.inspection_pass_rate is None
                                 else fmt.percent(card.inspection_pass_rate, 0))
        v["readiness"].setText(self.tr("—") if card.average_readiness is None
                               else f"{card.average_readiness}/100")
        v["spend"].setText(self._spend(card))
        self.chart.set_years(years)

    def _spend(self, card: Scorecard) -> str:
        """Per currency, and all of it in the home currency when some is in another."""
        text = "; ".join(fmt.money(amount, currency) for currency, amount in card.spend.items())
        home = card.home_spend
        if not text or home is None or set(card.spend) <= {home.amount and home.amount.currency}:
            return text or self.tr("—")
        if home.amount is None:
            return self.tr("{0} (enter today's rate of {1} to see the whole in the home "
                           "currency)").format(text, ", ".join(home.missing))
        if home.estimate:
            return self.tr("{0} ≈ {1} in all (partly at today's rate)").format(
                text, fmt.money_of(home.amount))
        return self.tr("{0} = {1} in all, at the rates paid").format(
            text, fmt.money_of(home.amount))
