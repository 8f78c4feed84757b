"""Every feature on the order screen beyond the order's own contract, payments and history, in
the order the screen shows them: the one list to add a tab or an action to.

Each entry makes its tabs and actions for one order screen (see ``order_tab``)."""

from __future__ import annotations

from ta_desktop.ui.disputes.dispute_tab import dispute_extension
from ta_desktop.ui.evidence.evidence_panel import evidence_extension
from ta_desktop.ui.money.home_figures import home_figures_extension
from ta_desktop.ui.money.landed_cost_tab import landed_cost_extension
from ta_desktop.ui.money.schedule_tab import payment_schedule_extension
from ta_desktop.ui.orders.checkout import checkout_extension
from ta_desktop.ui.orders.inspections_tab import inspections_extension
from ta_desktop.ui.orders.modifications import modifications_extension
from ta_desktop.ui.orders.order_tab import OrderExtension
from ta_desktop.ui.orders.payment_methods_tab import payment_methods_extension
from ta_desktop.ui.orders.receiving_action import receiving_extension
from ta_desktop.ui.orders.summary_actions import summary_extension
from ta_desktop.ui.specs.specification_tab import specification_extension

ORDER_EXTENSIONS: list[OrderExtension] = [
    home_figures_extension,  # first above the tabs: the total and balance in the home currency
    specification_extension,
    evidence_extension,
    inspections_extension,  # the Inspections tab; inspections also mark the order timeline
    dispute_extension,  # the Dispute tab, the order timeline and the toolbar's dispute steps
    payment_methods_extension,
    payment_schedule_extension,
    landed_cost_extension,
    summary_extension,  # Print… and Save as PDF…
    receiving_extension,  # Receiving…: shipping method, "confirm receipt by", arrival
    modifications_extension,  # MOD-REQ: request, answers; apply the rules in force
    checkout_extension,  # "Send to supplier" asks with the readiness; the SUP-CERT warning
]
