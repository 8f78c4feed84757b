"""The painted day-by-day timeline shared by the dispute and the order timelines.

A subclass turns domain objects into a ``TimelineModel`` (``timeline_model``: spans, markers,
the next deadline, and the pure geometry ``date_to_x`` and ``place_labels``); this widget lays
the model out, paints it with palette-derived colours (``timeline_colors``), hit-tests markers
for tooltips and clicks, and lets the keyboard walk from marker to marker.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ta_desktop.core.domain.deadlines import Deadline, DeadlineKind, Urgency
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import Party
from ta_desktop.core.domain.workdays import WorkCalendar
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.widgets.timeline_colors import TimelineColors, mix
from ta_desktop.ui.widgets.timeline_model import (
    MarkerShape,
    TimelineMarker,
    TimelineModel,
    countdown_text,
    date_to_x,
    long_date,
    place_labels,
)

# --- layout -----------------------------------------------------------------------------------

MARGIN = 12
HEADER = 30
ABOVE_ROWS = 2  # rows of deadline labels above the phases
BELOW_ROWS = 3  # rows of event labels below the axis
ROW = 17
STRIP = 17  # height of the phase strip
MARKER_RADIUS = 6
HIT_RADIUS = 10


@dataclass
class _Layout:
    left: float
    width: float
    above_top: float  # deadline labels
    strip_top: float  # phases
    deadline_y: float  # deadline diamonds
    track_y: float  # event dots
    axis_y: float  # ticks and dates
    below_top: float  # event labels
    positions: dict[str, QPointF]


class TimelineWidget(QWidget):
    """A painted timeline over days. Subclasses build the model; this class shows it."""

    event_clicked = Signal(object)  # the TimelineMarker
    current_changed = Signal(object)  # the TimelineMarker under keyboard focus, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model: TimelineModel | None = None
        self._current = -1
        self._hover = -1
        self._colors = TimelineColors(self.palette())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(False)

    # -- model -------------------------------------------------------------------------------

    def model(self) -> TimelineModel | None:
        return self._model

    def set_model(self, model: TimelineModel | None) -> None:
        previous = self.current_marker()
        self._model = model
        keys = [m.key for m in self.markers()]
        self._current = keys.index(previous.key) if previous and previous.key in keys else -1
        self._hover = -1
        self.setAccessibleDescription(self._summary())
        self.update()

    def markers(self) -> tuple[TimelineMarker, ...]:
        return self._model.markers if self._model else ()

    def current_marker(self) -> TimelineMarker | None:
        markers = self.markers()
        return markers[self._current] if 0 <= self._current < len(markers) else None

    def _summary(self) -> str:
        if not self._model:
            return self.tr("No dates yet")
        parts = [self._model.title]
        deadline = self._model.next_deadline
        if deadline:
            left = countdown_text(deadline.days_left(self._model.today))
            parts.append(self.tr("Next: %1 on %2, %3").replace("%1", deadline.title)
                         .replace("%2", fmt.day(deadline.due)).replace("%3", left))
        return ". ".join(p for p in parts if p)

    # -- tooltips (rich text) -------------------------------------------------------------------

    def party_name(self, party: Party | None) -> str:
        names = {Party.BUYER: self.tr("You (buyer)"), Party.SUPPLIER: self.tr("Supplier"),
                 Party.PLATFORM: self.tr("Platform")}
        return names.get(party, "") if party else ""

    def deadline_tooltip(self, deadline: Deadline, today: date, day_note: str = "") -> str:
        verb = self.tr("Possible from") if deadline.kind == DeadlineKind.FROM else self.tr("Due")
        lines = [f"<b>{html.escape(deadline.title)}</b>",
                 f"{verb}: {long_date(deadline.due)}{day_note}"]
        if deadline.open and deadline.kind == DeadlineKind.DUE:
            lines.append(self.tr("Countdown: %1").replace(
                "%1", countdown_text(deadline.days_left(today))))
            if deadline.safe_by != deadline.due:
                lines.append(self.tr("Safe by: %1 (one day early, for time zones)")
                             .replace("%1", long_date(deadline.safe_by)))
        elif not deadline.open:
            lines.append(self.tr("No longer open."))
        lines.append(self.tr("Who acts: %1").replace("%1", self.party_name(deadline.party)))
        if deadline.kind == DeadlineKind.DUE:
            lines.append(self.tr("If nobody acts: %1").replace(
                "%1", html.escape(deadline.consequence)))
        lines.append(f"<small>{self.tr('Rule')} {deadline.rule}</small>")
        return "<br>".join(lines)

    # -- geometry ------------------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self._height())

    def sizeHint(self) -> QSize:
        return QSize(720, self._height())

    def _height(self) -> int:
        return int(self._layout_rows()[-1] + ROW * BELOW_ROWS + MARGIN)

    @staticmethod
    def _layout_rows() -> tuple[float, ...]:
        above_top = MARGIN + HEADER
        strip_top = above_top + ROW * ABOVE_ROWS + 3
        deadline_y = strip_top + STRIP + 8
        track_y = deadline_y + 13
        axis_y = track_y + 10
        below_top = axis_y + 19
        return above_top, strip_top, deadline_y, track_y, axis_y, below_top

    def _layout(self) -> _Layout:
        left = MARGIN + 6.0
        width = max(self.width() - 2 * left, 10.0)
        above_top, strip_top, deadline_y, track_y, axis_y, below_top = self._layout_rows()
        positions: dict[str, QPointF] = {}
        if self._model:
            m = self._model
            same_day: dict[tuple[date, bool], list[TimelineMarker]] = {}
            for marker in m.markers:
                same_day.setdefault((marker.day, marker.shape == MarkerShape.EVENT),
                                    []).append(marker)
            # Markers of one day sit side by side around the day's middle, each clickable.
            spacing = MARKER_RADIUS * 2 + 3
            for (day, is_event), group in same_day.items():
                x = date_to_x(day, m.first, m.days, left, width)
                y = track_y if is_event else deadline_y
                for index, marker in enumerate(group):
                    offset = (index - (len(group) - 1) / 2) * spacing
                    positions[marker.key] = QPointF(x + offset, y)
        return _Layout(left, width, above_top, strip_top, deadline_y, track_y, axis_y, below_top,
                       positions)

    def x_of(self, day: date) -> float:
        """Where ``day`` is drawn (the middle of its column)."""
        layout = self._layout()
        m = self._model
        assert m is not None
        return date_to_x(day, m.first, m.days, layout.left, layout.width)

    def marker_position(self, key: str) -> QPointF:
        return self._layout().positions[key]

    def marker_at(self, point: QPointF) -> int:
        """Index of the marker nearest ``point`` within reach, or -1."""
        best, best_distance = -1, float(HIT_RADIUS)
        positions = self._layout().positions
        for index, marker in enumerate(self.markers()):
            here = positions[marker.key]
            distance = max(abs(here.x() - point.x()), abs(here.y() - point.y()))
            if distance <= best_distance:
                best, best_distance = index, distance
        return best

    # -- events ------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            index = self.marker_at(QPointF(event.pos()))
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.markers()[index].tooltip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange,
                            QEvent.Type.EnabledChange):
            self._colors = TimelineColors(self.palette())
            self.update()
        super().changeEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.marker_at(event.position())
        if index != self._hover:
            self._hover = index
            self.setCursor(Qt.CursorShape.PointingHandCursor if index >= 0
                           else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = -1
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.marker_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self._set_current(index)
            self.event_clicked.emit(self.markers()[index])
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        count = len(self.markers())
        key = event.key()
        if count and key in (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Home, Qt.Key.Key_End):
            if key == Qt.Key.Key_Home:
                index = 0
            elif key == Qt.Key.Key_End:
                index = count - 1
            elif self._current < 0:
                index = 0 if key == Qt.Key.Key_Right else count - 1
            else:
                step = 1 if key == Qt.Key.Key_Right else -1
                index = min(max(self._current + step, 0), count - 1)
            self._set_current(index)
            marker = self.markers()[index]
            point = self.marker_position(marker.key).toPoint()
            QToolTip.showText(self.mapToGlobal(point), marker.tooltip, self)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            marker = self.current_marker()
            if marker is not None:
                self.event_clicked.emit(marker)
                return
        super().keyPressEvent(event)

    def _set_current(self, index: int) -> None:
        if index != self._current:
            self._current = index
            marker = self.current_marker()
            if marker:
                self.setAccessibleName(f"{marker.label}, {fmt.day(marker.day)}")
            self.current_changed.emit(marker)
            self.update()

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        # The palette's colour group follows the widget's state (enabled, inactive window).
        self._colors = TimelineColors(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colors = self._colors
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(colors.grid, 1))
        painter.setBrush(colors.background)
        painter.drawRoundedRect(frame, 8, 8)
        if self._model is None:
            painter.setPen(colors.muted)
            painter.drawText(frame, Qt.AlignmentFlag.AlignCenter, self.tr("No dates yet"))
            return
        layout = self._layout()
        self._paint_header(painter)
        self._paint_axis(painter, layout)
        labels = self._place_marker_labels(layout)
        self._paint_stems(painter, layout, labels)
        self._paint_spans(painter, layout)
        self._paint_today(painter, layout)
        self._paint_markers(painter, layout, labels)
        if self.hasFocus():
            painter.setPen(QPen(colors.highlight, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(frame.adjusted(1, 1, -1, -1), 7, 7)

    def _font(self, scale: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        if scale != 1.0:
            font.setPointSizeF(max(font.pointSizeF() * scale, 7.5))
        font.setBold(bold)
        return font

    def _paint_header(self, painter: QPainter) -> None:
        m, colors = self._model, self._colors
        assert m is not None
        top = QRectF(MARGIN + 2, MARGIN - 2, self.width() - 2 * MARGIN - 4, HEADER - 8)
        pill_width = 0.0
        if m.next_deadline is not None:
            pill_width = self._paint_countdown(painter, top, m.next_deadline, m.today)
        painter.setFont(self._font(1.05, bold=True))
        painter.setPen(colors.text)
        title_rect = top.adjusted(0, 0, -(pill_width + 12), 0)
        title = QFontMetricsF(painter.font()).elidedText(
            m.title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         title)

    def _paint_countdown(self, painter: QPainter, top: QRectF, deadline: Deadline,
                         today: date) -> float:
        colors = self._colors
        color = colors.urgency[deadline.urgency(today)]
        who = {Party.BUYER: self.tr("You"), Party.SUPPLIER: self.tr("Supplier"),
               Party.PLATFORM: self.tr("Platform")}[deadline.party]
        count = countdown_text(deadline.days_left(today))
        painter.setFont(self._font(0.92, bold=True))
        metrics = QFontMetricsF(painter.font())
        room = top.width() * 0.55
        text = f"{who}: {deadline.title} · {count}"
        if metrics.horizontalAdvance(text) + 26 > room:
            text = f"{who} · {count}"
        width = min(metrics.horizontalAdvance(text) + 26, room)
        text = metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width - 26)
        pill = QRectF(top.right() - width, top.top(), width, top.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mix(color, colors.background, 0.82))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setBrush(color)
        painter.drawEllipse(QPointF(pill.left() + 11, pill.center().y()), 3.5, 3.5)
        painter.setPen(mix(color, colors.text, 0.4))
        painter.drawText(pill.adjusted(19, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter, text)
        return width

    def _axis_step(self, day_width: float, label_width: float) -> int:
        return next((n for n in (1, 2, 7, 14) if n * day_width >= label_width), 30)

    def _paint_axis(self, painter: QPainter, layout: _Layout) -> None:
        m, colors = self._model, self._colors
        assert m is not None
        day_width = layout.width / m.days
        painter.setFont(self._font(0.8))
        metrics = QFontMetricsF(painter.font())
        step = self._axis_step(day_width, metrics.horizontalAdvance("30 Sep") + 12)
        right_edge = float("-inf")
        today_x = date_to_x(m.today, m.first, m.days, layout.left, layout.width)
        today_half = metrics.horizontalAdvance(self.tr("Today")) / 2 + 10
        for index in range(m.days):
            day = m.first + timedelta(days=index)
            x = layout.left + (index + 0.5) * day_width
            if step == 1 or (step == 2 and index % 2 == 0):
                labelled = True
            elif step in (7, 14):
                labelled = day.weekday() == 0 and (step == 7 or day.isocalendar().week % 2 == 0)
            else:
                labelled = day.day == 1
            if labelled:
                text = f"{day.day} {day.strftime('%b')}" if step < 30 else day.strftime("%b %Y")
                half = metrics.horizontalAdvance(text) / 2
                clear_of_today = abs(x - today_x) > half + today_half
                if x - half > right_edge + 4 and x + half <= self.width() - MARGIN and \
                        clear_of_today:
                    painter.setPen(colors.muted)
                    painter.drawText(QPointF(x - half, layout.axis_y + 3 + metrics.ascent()), text)
                    right_edge = x + half
            tick = 4 if labelled else 2
            if labelled or day_width >= 5:
                painter.setPen(QPen(colors.grid, 1))
                painter.drawLine(QPointF(x, layout.axis_y - tick), QPointF(x, layout.axis_y))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.track)
        painter.drawRoundedRect(QRectF(layout.left - 4, layout.track_y - 2.5, layout.width + 8, 5),
                                2.5, 2.5)

    def _paint_spans(self, painter: QPainter, layout: _Layout) -> None:
        m, colors = self._model, self._colors
        assert m is not None
        day_width = layout.width / m.days
        painter.setFont(self._font(0.8, bold=True))
        metrics = QFontMetricsF(painter.font())
        for span in m.spans:
            start, end = max(span.start, m.first), min(span.end, m.last)
            if end < start:
                continue
            x1 = date_to_x(start, m.first, m.days, layout.left, layout.width) - day_width / 2
            x2 = date_to_x(end, m.first, m.days, layout.left, layout.width) + day_width / 2
            band = QRectF(x1 + 0.5, layout.strip_top, x2 - x1 - 1, STRIP)
            color = colors.spans[span.role]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(band, 4, 4)
            # Days nobody works on, hatched inside the phase (e.g. the dispute team's holidays).
            painter.setBrush(QBrush(mix(color, colors.text, 0.35), Qt.BrushStyle.BDiagPattern))
            for day in m.days_off:
                if start <= day <= end:
                    x = date_to_x(day, m.first, m.days, layout.left, layout.width) - day_width / 2
                    painter.drawRect(QRectF(x, band.top(), day_width, band.height()))
            text = metrics.elidedText(span.label, Qt.TextElideMode.ElideRight, band.width() - 10)
            if band.width() > 36 and text not in ("", "…"):
                painter.setPen(mix(color, colors.text, 0.78))
                painter.drawText(band.adjusted(6, 0, -4, 0),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def _paint_today(self, painter: QPainter, layout: _Layout) -> None:
        m, colors = self._model, self._colors
        assert m is not None
        if not m.first <= m.today <= m.last:
            return
        x = date_to_x(m.today, m.first, m.days, layout.left, layout.width)
        painter.setPen(QPen(colors.today, 1.5))
        painter.drawLine(QPointF(x, layout.above_top + 4), QPointF(x, layout.axis_y + 2))
        painter.setFont(self._font(0.78, bold=True))
        metrics = QFontMetricsF(painter.font())
        text = self.tr("Today")
        width = metrics.horizontalAdvance(text) + 10
        tag = QRectF(min(max(x - width / 2, layout.left - 4), layout.left + layout.width - width),
                     layout.axis_y + 2, width, metrics.height() + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.today)
        painter.drawRoundedRect(tag, 4, 4)
        painter.setPen(colors.background)
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)

    def _marker_color(self, marker: TimelineMarker) -> QColor:
        if marker.shape != MarkerShape.EVENT and marker.urgency in (
            Urgency.OVERDUE, Urgency.URGENT, Urgency.CLOSED
        ):
            return self._colors.urgency[marker.urgency]
        return self._colors.party(marker.party)

    def _place_marker_labels(self, layout: _Layout) -> dict[str, tuple[QRectF, bool]]:
        """Where each marker's label goes (deadlines above, events below); unplaced ones absent."""
        metrics = QFontMetricsF(self._font(0.85, bold=True))
        placed: dict[str, tuple[QRectF, bool]] = {}
        for above, rows in ((True, ABOVE_ROWS), (False, BELOW_ROWS)):
            group = sorted((m for m in self.markers()
                            if (m.shape != MarkerShape.EVENT) == above),
                           key=lambda m: layout.positions[m.key].x())
            boxes = []
            for marker in group:
                x = layout.positions[marker.key].x()
                width = metrics.horizontalAdvance(marker.label) + 2
                left = min(max(x - width / 2, MARGIN), self.width() - MARGIN - width)
                boxes.append((left, left + width))
            # Open deadlines get their labels first; closed ones fill the room that is left.
            priority = sorted(range(len(group)), key=lambda i: (
                group[i].urgency == Urgency.CLOSED, boxes[i][0]))
            spots = place_labels(boxes, rows, priority=priority, limit=self.width() - MARGIN)
            for marker, (left, right), spot in zip(group, boxes, spots, strict=True):
                if spot is None:
                    continue
                row, shift = spot
                y = layout.above_top + (rows - 1 - row) * ROW if above else \
                    layout.below_top + row * ROW
                placed[marker.key] = (QRectF(left + shift, y, right - left, ROW), above)
        return placed

    def _paint_stems(self, painter: QPainter, layout: _Layout,
                     labels: dict[str, tuple[QRectF, bool]]) -> None:
        for marker in self.markers():
            if marker.key not in labels:
                continue
            rect, above = labels[marker.key]
            point = layout.positions[marker.key]
            color = mix(self._marker_color(marker), self._colors.background, 0.45)
            painter.setPen(QPen(color, 1, Qt.PenStyle.DotLine))
            end = rect.bottom() - 2 if above else rect.top() + 2
            painter.drawLine(QPointF(point.x(), end), point)

    def _paint_markers(self, painter: QPainter, layout: _Layout,
                       labels: dict[str, tuple[QRectF, bool]]) -> None:
        colors = self._colors
        current = self.current_marker()
        hovered = self.markers()[self._hover] if 0 <= self._hover < len(self.markers()) else None
        for marker in self.markers():
            color = self._marker_color(marker)
            emphasis = marker in (current, hovered)
            if marker.key in labels:
                rect, _ = labels[marker.key]
                closed = marker.urgency == Urgency.CLOSED
                bold = emphasis or (marker.shape != MarkerShape.EVENT and not closed)
                painter.setFont(self._font(0.85, bold=bold))
                painter.setPen(colors.text if emphasis else
                               colors.muted if closed else mix(color, colors.text, 0.5))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, marker.label)
            self._paint_marker(painter, marker, layout.positions[marker.key], color, emphasis)
            if marker is current:
                painter.setPen(QPen(colors.highlight, 1.5, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                point = layout.positions[marker.key]
                painter.drawEllipse(point, MARKER_RADIUS + 5, MARKER_RADIUS + 5)

    def _paint_marker(self, painter: QPainter, marker: TimelineMarker, point: QPointF,
                      color: QColor, emphasis: bool) -> None:
        background = self._colors.background
        radius = MARKER_RADIUS + (1.5 if emphasis else 0)
        if marker.shape == MarkerShape.EVENT:
            painter.setBrush(background if marker.automatic else color)
            painter.setPen(QPen(color, 2.5) if marker.automatic else QPen(background, 2))
            painter.drawEllipse(point, radius, radius)
            return
        painter.setPen(QPen(background, 1.5))
        painter.setBrush(color)
        if marker.shape == MarkerShape.DEADLINE:
            painter.drawPolygon(QPolygonF([
                point + QPointF(0, -radius), point + QPointF(radius, 0),
                point + QPointF(0, radius), point + QPointF(-radius, 0)]))
        else:
            path = QPainterPath()
            path.moveTo(point + QPointF(-radius, radius * 0.75))
            path.lineTo(point + QPointF(radius, radius * 0.75))
            path.lineTo(point + QPointF(0, -radius))
            path.closeSubpath()
            painter.drawPath(path)


class RuleTimelineWidget(TimelineWidget):
    """A timeline of domain dates: it knows the rule profile, the team calendar and today."""

    def __init__(self, profile: RuleProfile, calendar: WorkCalendar,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profile = profile
        self._calendar = calendar
        self._today = date.today()

    def set_rules(self, profile: RuleProfile, calendar: WorkCalendar) -> None:
        """Use another profile or calendar from the next ``set_…`` call on."""
        self._profile, self._calendar = profile, calendar
