"""The dispute and order timelines: what they show, clicks, tooltips, keys, dark mode."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip

from ta_desktop.core.domain.disputes import DisputeEvent, open_dispute, record
from ta_desktop.core.domain.disputes import DisputeEventKind as K
from ta_desktop.core.domain.entities import Action
from ta_desktop.core.domain.types import ClaimType, Money, Party
from ta_desktop.core.services.workdays import team_calendar
from ta_desktop.ui.disputes.dispute_timeline import DisputeTimelineWidget
from ta_desktop.ui.orders.order_timeline import OrderTimelineWidget
from ta_desktop.ui.widgets.timeline_model import (
    MarkerShape,
    date_to_x,
    place_labels,
    x_to_date,
)
from tests.factories import order_through

D = date.fromisoformat
OPENED = D("2026-09-14")


@pytest.fixture
def calendar(profile):
    return team_calendar(profile)


@pytest.fixture
def disputed(profile, calendar):
    order = order_through(profile, Action.CONFIRM_DELIVERY, start=D("2026-09-01"))
    dispute = open_dispute(order, profile, OPENED, claim=ClaimType.QUALITY,
                           requested_refund=Money(Decimal("400"), "USD"),
                           claim_text="Colour is not Pantone 1935 D.")
    record(dispute, order, DisputeEvent(K.PROPOSAL, D("2026-09-16"), Party.SUPPLIER,
                                        amount=Decimal("80")), profile, calendar)
    return order, dispute


@pytest.fixture
def timeline(qtbot, profile, calendar, disputed):
    widget = DisputeTimelineWidget(profile, calendar)
    qtbot.addWidget(widget)
    widget.set_dispute(disputed[1], D("2026-09-20"))
    widget.resize(760, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def marker(widget, label):
    return next(m for m in widget.markers() if m.label == label)


def test_date_to_x_and_back_are_inverse():
    first = D("2026-02-20")
    for offset in range(15):
        day = first + timedelta(days=offset)
        x = date_to_x(day, first, 15, 10, 300)
        assert x_to_date(x, first, 15, 10, 300) == day
    assert date_to_x(first, first, 15, 10, 300) == pytest.approx(10 + 10)


def test_labels_share_rows_without_overlapping_and_urgent_ones_come_first():
    spans = [(0, 50), (20, 70), (30, 60), (45, 95)]
    assert place_labels(spans, 2) == [(0, 0.0), (1, 0.0), None, (0, 11.0)]
    assert place_labels(spans, 2, priority=[3, 0, 1, 2])[3] == (0, 0.0)
    assert place_labels([(0, 40), (30, 70)], 1) == [(0, 0.0), (0, 16.0)]  # nudged right


def test_dispute_timeline_shows_events_phases_and_clocks(timeline):
    model = timeline.model()
    labels = {m.label for m in model.markers}
    assert {"Opened", "Supplier proposal", "Escalate from", "Auto-escalation",
            "Buyer reply due"} <= labels
    # DS-ESC-EARLY: day 4 would be 17 September; the supplier proposed on the 16th.
    assert marker(timeline, "Escalate from").day == D("2026-09-16")
    assert marker(timeline, "Escalate from").shape == MarkerShape.MILESTONE
    assert marker(timeline, "Auto-escalation").day == D("2026-10-14")
    assert marker(timeline, "Buyer reply due").day == D("2026-09-23")
    assert [s.label for s in model.spans] == ["Negotiation (3 to 30 days)",
                                              "Negotiation · you may escalate"]
    # DS-NEGOTIATE: at most 30 days, 14 September (day 1) to 13 October (day 30).
    assert model.spans[-1].end == D("2026-10-13")
    assert model.next_deadline.due == D("2026-09-23")
    assert model.next_deadline.party == Party.BUYER
    assert "day 7 of 31" in model.title


def test_clicking_an_event_emits_it(qtbot, timeline):
    target = marker(timeline, "Supplier proposal")
    point = timeline.marker_position(target.key).toPoint()
    with qtbot.waitSignal(timeline.event_clicked) as clicked:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=point)
    assert clicked.args[0].key == target.key
    assert clicked.args[0].payload.kind == K.PROPOSAL


def test_clicking_empty_space_emits_nothing(qtbot, timeline):
    with qtbot.assertNotEmitted(timeline.event_clicked):
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_hovering_an_event_shows_its_tooltip(qtbot, timeline):
    target = marker(timeline, "Supplier proposal")
    point = timeline.marker_position(target.key).toPoint()
    QApplication.sendEvent(timeline, QHelpEvent(QEvent.Type.ToolTip, point,
                                                timeline.mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Supplier proposal" in QToolTip.text() and "day 3" in QToolTip.text()
    assert "80.00 USD" in QToolTip.text()


def test_deadline_tooltip_says_safe_by_and_what_happens(timeline):
    tip = marker(timeline, "Buyer reply due").tooltip
    assert "Safe by: Tue 22 Sep 2026" in tip
    assert "dispute is cancelled" in tip and "DS-REPLY" in tip


def test_arrow_keys_walk_the_markers_and_enter_activates(qtbot, timeline):
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert timeline.current_marker() == timeline.markers()[0]
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert timeline.current_marker() == timeline.markers()[1]
    qtbot.keyClick(timeline, Qt.Key.Key_End)
    qtbot.keyClick(timeline, Qt.Key.Key_Left)
    assert timeline.current_marker() == timeline.markers()[-2]
    with qtbot.waitSignal(timeline.event_clicked) as clicked:
        qtbot.keyClick(timeline, Qt.Key.Key_Return)
    assert clicked.args[0] == timeline.markers()[-2]


def test_timeline_redraws_when_events_change(qtbot, profile, calendar, disputed, timeline):
    order, dispute = disputed
    before = timeline.grab().toImage()
    record(dispute, order, DisputeEvent(K.ESCALATED, D("2026-09-18"), Party.BUYER),
           profile, calendar)
    timeline.set_dispute(dispute)
    assert "Escalated" in {m.label for m in timeline.markers()}
    # Five Chinese working days: Sunday 20 September 2026 is a make-up working day.
    assert marker(timeline, "Team answer due").day == D("2026-09-24")
    assert [s.label for s in timeline.model().spans][-1] == "Dispute team"
    assert timeline.grab().toImage() != before


def test_platform_cancellation_of_a_silent_buyer_shows_as_an_automatic_event(timeline, disputed):
    timeline.set_dispute(disputed[1], D("2026-10-20"))
    cancelled = marker(timeline, "Cancelled (buyer did not reply)")
    assert cancelled.automatic and cancelled.day == D("2026-09-24")
    assert cancelled.party == Party.PLATFORM
    assert "Dispute cancelled" in timeline.model().title
    assert timeline.model().next_deadline is None


def test_open_deadlines_keep_their_labels_at_minimum_size(qtbot, timeline):
    timeline.resize(timeline.minimumSizeHint())
    labels = timeline._place_marker_labels(timeline._layout())
    assert marker(timeline, "Buyer reply due").key in labels
    image = timeline.grab()
    assert image.width() == timeline.minimumSizeHint().width()


def dark_palette():
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.Base, "#17181a"),
                         (QPalette.ColorRole.Text, "#e8eaed"),
                         (QPalette.ColorRole.Highlight, "#4c8df6")):
        palette.setColor(role, QColor(colour))
    return palette


def test_dark_palette_paints_a_dark_timeline_with_light_text(timeline):
    light = timeline.grab().toImage().pixelColor(40, 60)
    timeline.setPalette(dark_palette())
    image = timeline.grab().toImage()
    assert light.lightness() > 200
    assert image.pixelColor(40, 60).lightness() < 50
    title_pixels = [image.pixelColor(x, 20).lightness() for x in range(14, 200)]
    assert max(title_pixels) > 180  # the title is drawn light on dark


def test_order_timeline_shows_the_life_of_the_order(qtbot, profile, calendar):
    order = order_through(profile, Action.MARK_SHIPPED, extensions=(Party.BUYER,),
                          shipment_date=D("2026-08-20"), start=D("2026-06-29"),
                          dates={Action.PAYMENT_RECEIVED: D("2026-07-07"),
                                 Action.MARK_SHIPPED: D("2026-08-24")})
    widget = OrderTimelineWidget(profile, calendar)
    qtbot.addWidget(widget)
    widget.set_order(order, D("2026-09-20"))
    widget.resize(760, widget.sizeHint().height())
    labels = {m.label: m.day for m in widget.markers()}
    assert labels["Placed"] == D("2026-06-29")
    assert labels["Paid"] == D("2026-07-07")
    assert labels["Ship by"] == D("2026-08-20")
    assert labels["Shipped"] == D("2026-08-24")
    # No shipping method and no "confirm receipt by" date: the shortest estimate, 30 days after
    # 24 August is 23 September, + 15 (the buyer's extension) is 8 October.
    assert labels["Confirm delivery by (estimate)"] == D("2026-10-08")
    spans = {s.label: (s.start, s.end) for s in widget.model().spans}
    assert spans["Delivery window (estimate)"] == (D("2026-08-24"), D("2026-09-23"))
    assert spans["Late"] == (D("2026-08-21"), D("2026-08-23"))  # shipped (window) on the 24th
    assert spans["Extended"] == (D("2026-09-24"), D("2026-10-08"))
    assert widget.model().next_deadline.rule == "RC-EXT"
    shipped = next(m for m in widget.markers() if m.label == "Shipped")
    with qtbot.waitSignal(widget.event_clicked) as clicked:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton,
                         pos=widget.marker_position(shipped.key).toPoint())
    assert clicked.args[0].payload.action == Action.MARK_SHIPPED
    assert not widget.grab().isNull()
    assert QPointF(0, 0) != widget.marker_position(shipped.key)
