"""The demo's quality history: two years of completed orders (some shipped late, some with a
failed inspection) so the supplier scorecard has something to say, inspections on current
orders, and certificates dated from today (one soon to expire). Added by ``demo.load_demo``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.entities import Action, Certificate, Order, OrderLine, Payment
from ta_desktop.core.domain.inspections import Inspection, InspectionResult, InspectionType
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.specs import readiness
from ta_desktop.core.domain.types import PaymentMethod, PaymentStatus
from ta_desktop.core.storage.inspection_repository import InspectionRepository
from ta_desktop.core.storage.repositories import OrderRepository, SupplierRepository

AQL = "ISO 2859-1 level II, AQL 0 / 2.5 / 4.0"


@dataclass(frozen=True)
class _Past:
    number: str
    supplier: int  # index into demo.SUPPLIERS
    age_days: int  # placed this many days ago
    late_days: int  # shipped this many days after the agreed date (0: on the day)
    spec: int  # 0: none, 1: the clear power bank one, 2: the vague one
    inspection: InspectionResult | None = None


# Completed orders of the last two years, four suppliers with different records.
HISTORY = [
    _Past("TA-2025-0201", 0, 690, 0, 1, InspectionResult.PASSED),
    _Past("TA-2025-0202", 0, 560, 3, 1, InspectionResult.PASSED),
    _Past("TA-2025-0203", 0, 420, 0, 1, InspectionResult.FAILED),
    _Past("TA-2025-0204", 0, 300, 0, 1, InspectionResult.PASSED),
    _Past("TA-2025-0205", 0, 240, 1, 1, InspectionResult.PASSED),
    _Past("TA-2025-0206", 1, 650, 12, 2),
    _Past("TA-2025-0207", 1, 480, 6, 2, InspectionResult.FAILED),
    _Past("TA-2025-0208", 1, 330, 0, 2),
    _Past("TA-2025-0209", 7, 600, 0, 1, InspectionResult.PASSED),
    _Past("TA-2025-0210", 7, 450, 0, 1, InspectionResult.PASSED),
    _Past("TA-2025-0211", 7, 280, 2, 1, InspectionResult.PASSED),
    _Past("TA-2025-0212", 2, 520, 4, 0),
]
# Inspections on orders of the current demo set: (order number, days from today, type, result).
CURRENT_INSPECTIONS = [
    ("TA-2026-0101", 40, InspectionType.PRE_SHIPMENT, InspectionResult.BOOKED),
    ("TA-2026-0109", 15, InspectionType.PRE_SHIPMENT, InspectionResult.BOOKED),
    ("TA-2026-0109", -5, InspectionType.DURING_PRODUCTION, InspectionResult.PASSED),
    ("TA-2026-0120", -30, InspectionType.PRE_SHIPMENT, InspectionResult.PASSED),
    ("TA-2026-0123", -20, InspectionType.PRE_SHIPMENT, InspectionResult.FAILED),
]


def certificates(today: date) -> list[Certificate]:
    """The first demo supplier's certificates: one long valid, one expired, one expiring soon."""
    return [
        Certificate("ISO 9001:2015", "CN-QMS-88231", "SGS", today + timedelta(days=580),
                    kind="ISO 9001", scope="Design and manufacture of power banks and chargers"),
        Certificate("CE (EMC) test report", "EMC-2291", "TÜV Rheinland",
                    today - timedelta(days=20), kind="CE", scope="PB-20K power bank"),
        Certificate("RoHS test report", "RH-7734", "Intertek", today + timedelta(days=35),
                    kind="RoHS", scope="PB-20K power bank, CB-C1M cable"),
    ]


def _order(past: _Past, supplier_id: int, profile: RuleProfile, today: date,
           specs: tuple[str, str]) -> Order:
    placed = today - timedelta(days=past.age_days)
    agreed = placed + timedelta(days=45)
    order = Order(order_number=past.number, supplier_id=supplier_id, incoterm="FOB",
                  payment_method=PaymentMethod.INTERNATIONAL_WIRE, created_on=placed,
                  shipment_date=agreed,
                  lines=[OrderLine("Power bank 20,000 mAh, black", 500, Decimal("7.60"),
                                   sku="PB-20K-BK")])
    if past.spec:
        order.spec_text = specs[past.spec - 1].replace(
            "{shipment_date}", f"{agreed.day} {agreed:%B %Y}")
    order.spec_score = readiness(order)
    shipped = agreed + timedelta(days=past.late_days)
    steps = [(Action.SUBMIT, placed + timedelta(days=1)),
             (Action.SUPPLIER_CONFIRM, placed + timedelta(days=2)),
             (Action.RECORD_PAYMENT, placed + timedelta(days=3)),
             (Action.PAYMENT_RECEIVED, placed + timedelta(days=5)),
             (Action.MARK_SHIPPED, shipped),
             (Action.CONFIRM_DELIVERY, shipped + timedelta(days=28))]
    for action, day in steps:
        payment = Payment(order.total.amount, day, PaymentStatus.PROCESSING,
                          PaymentMethod.INTERNATIONAL_WIRE, reference=f"PAY-{past.number[-4:]}") \
            if action == Action.RECORD_PAYMENT else None
        lifecycle.perform(order, action, profile, day, today=today, payment=payment)
    return order


def add_history(session: Session, supplier_ids: list[int], new_suppliers: set[int],
                profile: RuleProfile, today: date, specs: tuple[str, str]) -> int:
    """Add what is missing of the history; returns the number of orders added. Certificates
    are given only to a demo supplier added now, so loading twice changes nothing."""
    orders, inspections = OrderRepository(session), InspectionRepository(session)
    if 0 in new_suppliers:
        supplier = SupplierRepository(session).get(supplier_ids[0])
        supplier.certificates = certificates(today)
        SupplierRepository(session).save(supplier)
    added = 0
    for past in HISTORY:
        if orders.id_of(past.number) is not None:
            continue
        saved = orders.save(_order(past, supplier_ids[past.supplier], profile, today, specs))
        added += 1
        if past.inspection is not None:
            shipped = saved.date_of(Action.MARK_SHIPPED)
            inspections.save(Inspection(saved.id, "QIMA", shipped - timedelta(days=3),
                                        aql_plan=AQL, result=past.inspection))
    for number, days, kind, result in CURRENT_INSPECTIONS:
        order_id = orders.id_of(number)
        if order_id is None or any(i.kind == kind for i in inspections.for_order(order_id)):
            continue
        inspections.save(Inspection(order_id, "Bureau Veritas", today + timedelta(days=days),
                                    kind=kind, aql_plan=AQL, result=result,
                                    note="" if result != InspectionResult.FAILED else
                                    "Paint chips on 32 of 200 sampled units: major, reject."))
    return added
