"""Renders the timeline screenshots in docs/, light and dark.

Run: python docs/make_timeline_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ta_desktop.core.domain import lifecycle  # noqa: E402
from ta_desktop.core.domain.disputes import DisputeEvent, DisputeEventKind, open_dispute, record  # noqa: E402
from ta_desktop.core.domain.entities import Action, Order, OrderLine, Payment  # noqa: E402
from ta_desktop.core.domain.rules import default_profile  # noqa: E402
from ta_desktop.core.domain.types import ClaimType, Money, Party, PaymentStatus  # noqa: E402
from ta_desktop.core.services.demo import load_demo  # noqa: E402
from ta_desktop.core.services.workdays import team_calendar  # noqa: E402
from ta_desktop.core.services.workspace import Workspace  # noqa: E402
from ta_desktop.ui.disputes.dispute_tab import DisputePanel  # noqa: E402
from ta_desktop.ui.disputes.dispute_timeline import DisputeTimelineWidget  # noqa: E402
from ta_desktop.ui.home.reminder_banner import MemoryReminderStore  # noqa: E402
from ta_desktop.ui.main_window import MainWindow  # noqa: E402
from ta_desktop.ui.messages import ScriptedMessages  # noqa: E402
from ta_desktop.ui.orders.order_timeline import OrderTimelineWidget  # noqa: E402
from ta_desktop.ui.tasks import SyncTaskRunner  # noqa: E402
from ta_desktop.ui.theme import apply_theme, dark_palette  # noqa: E402

D = date.fromisoformat
WIDTH = 760


def sample_order(profile) -> Order:
    order = Order("TA-24117", supplier_id=1, shipment_date=D("2026-08-20"),
                  created_on=D("2026-06-29"), id=1,
                  lines=[OrderLine("Power bank 20,000 mAh", 500, Decimal("8.40"))])
    steps = [(Action.SUBMIT, "2026-06-30"), (Action.SUPPLIER_CONFIRM, "2026-07-02"),
             (Action.RECORD_PAYMENT, "2026-07-05"), (Action.PAYMENT_RECEIVED, "2026-07-07"),
             (Action.MARK_SHIPPED, "2026-08-24"), (Action.CONFIRM_DELIVERY, "2026-09-08")]
    for action, on in steps:
        if action == Action.PAYMENT_RECEIVED:
            order.payments.append(Payment(order.total.amount, D(on), PaymentStatus.RECEIVED))
        lifecycle.transition(order, action, profile, D(on))
    return order


def main() -> None:
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    light = app.palette()
    profile = default_profile()
    calendar = team_calendar(profile)
    order = sample_order(profile)
    dispute = open_dispute(order, profile, D("2026-09-14"), claim=ClaimType.QUALITY,
                           requested_refund=Money(Decimal("1260"), "USD"),
                           claim_text="Colour is not Pantone 1935 D as in the contract.")
    for kind, on, party, amount in (
        (DisputeEventKind.PROPOSAL, "2026-09-16", Party.SUPPLIER, "200"),
        (DisputeEventKind.PROPOSAL, "2026-09-19", Party.BUYER, "1100"),
        (DisputeEventKind.PROPOSAL, "2026-09-23", Party.SUPPLIER, "400"),
    ):
        record(dispute, order, DisputeEvent(kind, D(on), party, amount=Decimal(amount)),
               profile, calendar)
    shots = [("dispute_timeline_negotiation", D("2026-09-27"), None)]
    escalated = [(DisputeEventKind.ESCALATED, "2026-09-29", Party.BUYER)]
    out = ROOT / "docs"
    for mode, palette in (("light", light), ("dark", dark_palette())):
        app.setPalette(palette)
        widget = DisputeTimelineWidget(profile, calendar)
        widget.resize(WIDTH, widget.sizeHint().height())
        for name, today, _ in shots:
            widget.set_dispute(dispute, today)
            widget.grab().save(str(out / f"{name}_{mode}.png"))
        order_widget = OrderTimelineWidget(profile, calendar)
        order_widget.resize(WIDTH, order_widget.sizeHint().height())
        order_widget.set_order(order, D("2026-09-27"), dispute)
        order_widget.grab().save(str(out / f"order_timeline_{mode}.png"))
    # The escalated dispute, across China's Golden Week.
    for kind, on, party in escalated:
        record(dispute, order, DisputeEvent(kind, D(on), party), profile, calendar)
    for mode, palette in (("light", light), ("dark", dark_palette())):
        app.setPalette(palette)
        widget = DisputeTimelineWidget(profile, calendar)
        widget.resize(WIDTH, widget.sizeHint().height())
        widget.set_dispute(dispute, D("2026-10-05"))
        widget.grab().save(str(out / f"dispute_timeline_escalated_{mode}.png"))
    app_screens(app, light, out)


def save_small(pixmap, path: Path) -> None:
    """A PNG of 256 colours: a window screenshot in a fraction of the bytes."""
    pixmap.save(str(path))
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def app_screens(app: QApplication, light, out: Path) -> None:
    """The "What needs me" page and an order's Dispute tab, on the demo data."""
    workspace = Workspace.open(Path(tempfile.mkdtemp()) / "demo.sqlite")
    load_demo(workspace)
    for mode, palette in (("light", light), ("dark", dark_palette())):
        app.setPalette(palette)
        window = MainWindow(workspace, ScriptedMessages(), MemoryReminderStore(),
                            SyncTaskRunner())
        window.resize(1360, 860)
        window.show()
        app.processEvents()
        if mode == "light":
            save_small(window.grab(), out / "what_needs_me.png")
        order = workspace.orders.get_by_number("TA-2026-0123")
        window.open_order(order.id)
        detail = window.orders_page.detail
        detail.show_tab(detail.extension(DisputePanel))
        for _ in range(3):
            app.processEvents()
        save_small(window.grab(), out / f"dispute_tab_{mode}.png")
        window.close()


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip PySide6's interpreter-shutdown teardown of the offscreen widgets
