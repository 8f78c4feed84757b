"""The money part of the demo set (issue 14): payment schedules on several orders, one with its
balance still to pay, landed costs on four orders, and a home currency (EUR) with rates."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from ta_desktop.core.domain.entities import Action, Order, Payment
from ta_desktop.core.domain.landed_cost import Basis, Cost, CostKind, LineMeasure
from ta_desktop.core.domain.payment_schedule import PaymentSchedule, amounts, from_template
from ta_desktop.core.storage.money_repository import MoneyRepository
from ta_desktop.core.storage.repositories import SettingsRepository

D = Decimal
HOME = {"currency": "EUR", "rates": {"USD": "0.92", "CNY": "0.128"}}
# order number -> (template, whether the balance is paid)
SCHEDULES = {
    "TA-2026-0109": ("30/70", False),  # deposit paid, balance due before shipment
    "TA-2026-0112": ("30/70", True),
    "TA-2026-0113": ("30/70", True),
    "TA-2026-0120": ("50/50", True),
    "TA-2026-0115": ("100% upfront", True),
}
# order number -> (basis, costs, line measures (weight kg, volume m³) by line, rates paid)
SHEETS = {
    "TA-2026-0120": (Basis.WEIGHT, [
        Cost(CostKind.FREIGHT, "USD", D("640.00"), paid_rate=D("0.93")),
        Cost(CostKind.INSURANCE, "EUR", D("45.00")),
        Cost(CostKind.DUTY, "EUR", rate=D("2.7")),
        Cost(CostKind.IMPORT_VAT, "EUR", D("1850.00"), reclaimable=True),
        Cost(CostKind.CUSTOMS_BROKER, "EUR", D("120.00")),
        Cost(CostKind.INSPECTION, "USD", D("298.00"), paid_rate=D("0.93")),
        Cost(CostKind.BANK_FEES, "EUR", D("25.00")),
    ], [(D("420"), D("1.9")), (D("45"), D("0.3"))], (D("0.93"), D("0.91"))),
    "TA-2026-0112": (Basis.QUANTITY, [
        Cost(CostKind.FREIGHT, "USD", D("480.00"), paid_rate=D("0.92")),
        Cost(CostKind.DUTY, "EUR", rate=D("4.7")),
        Cost(CostKind.IMPORT_VAT, "EUR", D("1180.00"), note="not VAT-registered"),
        Cost(CostKind.INSPECTION, "CNY", D("2100.00"), paid_rate=D("0.1275")),
    ], [], (D("0.915"),)),
    "TA-2026-0113": (Basis.VALUE, [
        Cost(CostKind.FREIGHT, "USD", D("640.00")),
        Cost(CostKind.INSURANCE, "EUR", D("45.00")),
    ], [], ()),
    "TA-2026-0118": (Basis.VOLUME, [
        Cost(CostKind.FREIGHT, "EUR", D("1350.00")),
        Cost(CostKind.DUTY, "EUR", rate=D("6.5")),
        Cost(CostKind.CUSTOMS_BROKER, "EUR", D("95.00")),
    ], [(D("380"), D("4.2")), (D("290"), D("3.6"))], ()),
}


def split_payment(order: Order, today: date) -> None:
    """Before the order is saved: pay its single payment as the schedule's instalments (the
    balance a few days before shipment), or only the deposit when the balance is unpaid."""
    if order.order_number not in SCHEDULES or not order.payments:
        return
    template, balance_paid = SCHEDULES[order.order_number]
    parts = amounts(order.total, from_template(template))
    first = order.payments[0]
    first.amount = parts[0].amount
    shipped = order.date_of(Action.MARK_SHIPPED) or today
    for part in parts[1:] if balance_paid else ():
        paid_on = max(first.paid_on, min(today, shipped - timedelta(days=3)))
        order.payments.append(Payment(part.amount, paid_on, first.status, first.method,
                                      reference=f"{first.reference}-B"))


def add_money(session: Session, saved: dict[str, Order]) -> None:
    """After the orders are saved: their schedules, landed costs and the home currency."""
    settings = SettingsRepository(session)
    if settings.get("home_currency") is None:
        settings.put("home_currency", HOME)
    money = MoneyRepository(session)
    for number, (template, _paid) in SCHEDULES.items():
        if number in saved:
            order_id = saved[number].id
            money.save_schedule(PaymentSchedule(order_id, from_template(template)), number)
    for number, (basis, costs, measures, rates) in SHEETS.items():
        if number not in saved:
            continue
        order = saved[number]
        sheet = money.sheet(order.id)  # at the version its schedule left
        sheet.basis, sheet.costs = basis, [Cost(**vars(c)) for c in costs]
        sheet.measures = [LineMeasure(line.id, weight, volume)
                          for line, (weight, volume) in zip(order.lines, measures, strict=False)]
        sheet.payment_rates = {payment.id: rate for payment, rate
                               in zip(order.payments, rates, strict=False)}
        money.save_sheet(sheet, number)
