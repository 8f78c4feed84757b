"""Gathering a contract summary from the workspace: the order and its supplier, the buyer's
details and fees from the settings, the deadline engine's dates and the spec linter's points.

Two parts are pluggable (tests, other checks):

- ``RiskFinder``: spec text -> open points. Default: the spec linter. None: no such section.
- ``DeadlineFinder``: (order, profile, today) -> key dates. Default: the deadline engine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from ta_desktop.core.domain.contract_summary import (
    ContractSummary,
    KeyDate,
    Risk,
    key_dates,
    referenced_files,
    spec_risks,
)
from ta_desktop.core.domain.deadlines import coming_deadlines
from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.payment_schedule import summary_rows
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.services import formatting
from ta_desktop.core.services.buyer_settings import load_buyer, load_fee_schedule
from ta_desktop.core.services.workspace import Workspace

RiskFinder = Callable[[str], Sequence[Risk]]
DeadlineFinder = Callable[[Order, RuleProfile, date], Sequence[KeyDate]]


def order_key_dates(workspace: Workspace, order: Order) -> list[KeyDate]:
    """The order's dated deadlines (disputes included), then those whose clock has not started."""
    dated = workspace.disputes.order_deadlines(order.id) if order.id else []
    return key_dates(dated, coming_deadlines(order, workspace.profile))


def money_rows(workspace: Workspace, order: Order, landed: bool) -> list[tuple[str, str]]:
    """The payment schedule (PAY-SCHED) and, if asked, the landed cost (LAND) of ``order``."""
    if order.id is None:
        return []
    rows = summary_rows(order, workspace.money.schedule(order.id).instalments, formatting.day)
    if landed:
        result = workspace.money.landed_of(order)
        rows.append(("LAND: landed cost", "No costs recorded." if result is None else
                     f"{result.total}{' (estimate)' if result.estimate else ''}: goods "
                     f"{result.goods} + costs {result.costs}"))
    return rows


def summary_for(workspace: Workspace, order_number: str, *,
                risk_finder: RiskFinder | None = spec_risks,
                deadline_finder: DeadlineFinder | None = None,
                landed: bool = False) -> ContractSummary:
    """Everything the summary of ``order_number`` shows; the landed cost only when ``landed``
    (it is the buyer's own figure). Unknown number: NotFound."""
    order = workspace.orders.get_by_number(order_number)
    profile = workspace.profile
    today = workspace.today()
    return ContractSummary(
        order=order,
        supplier=workspace.suppliers.get(order.supplier_id),
        buyer=load_buyer(workspace.settings),
        profile=profile,
        schedule=load_fee_schedule(workspace.settings, profile),
        made_on=today,
        deadlines=tuple(order_key_dates(workspace, order) if deadline_finder is None
                        else deadline_finder(order, profile, today)),
        risks=None if risk_finder is None else tuple(risk_finder(order.spec_text)),
        attachments=tuple(referenced_files(order.spec_text)),
        money_rows=tuple(money_rows(workspace, order, landed)),
    )
