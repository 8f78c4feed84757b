"""A realistic demo data set: suppliers and orders in every status, with their history.

Orders are built by replaying lifecycle actions on dates relative to today, so the deadlines they
show are live. Loading twice changes nothing: suppliers are matched by name and orders by number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ta_desktop.core.domain import disputes as flows
from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.changes import Changes, Kind, Outcome
from ta_desktop.core.domain.disputes import Dispute, DisputeEvent, DisputeEventKind
from ta_desktop.core.domain.entities import Action, Certificate, Order, OrderLine, Payment, Supplier
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.specs import readiness
from ta_desktop.core.domain.types import (
    ClaimType,
    Money,
    OrderStatus,
    Party,
    PaymentMethod,
    PaymentStatus,
    ShippingMethod,
)
from ta_desktop.core.services import demo_money
from ta_desktop.core.services.demo_history import HISTORY, add_history
from ta_desktop.core.services.orders import order_touched
from ta_desktop.core.services.workdays import team_calendar
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage import snapshots
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.dispute_repository import DisputeRepository
from ta_desktop.core.storage.orm import OrderRecord, SupplierRecord
from ta_desktop.core.storage.repositories import OrderRepository, SupplierRepository
from ta_desktop.core.storage.snapshots import Snapshot

S = OrderStatus

SUPPLIERS = [
    Supplier(
        name="深圳市华强电子有限公司", country="China (Guangdong)", gold_supplier=True,
        gold_since=2014, ta_limit=Money(Decimal("120000"), "USD"), contact_name="Lily Chen",
        email="lily.chen@hq-electronics.cn", phone="+86 755 8321 0000", wechat="lilychen_hq",
        store_url="https://hqelectronics.en.alibaba.com", notes="Power banks and chargers.",
        certificates=[
            Certificate("ISO 9001:2015", "CN-QMS-88231", "SGS", date(2027, 6, 30)),
            Certificate("CE (EMC) test report", "EMC-2291", "TÜV Rheinland", date(2026, 3, 1)),
        ],
    ),
    Supplier(
        name="义乌市美佳日用品有限公司", country="China (Zhejiang)", gold_supplier=True,
        gold_since=2017, contact_name="Kevin Wang", email="kevin@meijia-daily.com",
        whatsapp="+86 139 5790 1234", store_url="https://meijia.en.alibaba.com",
        notes="Household goods, mugs, bottles. Slow to answer on weekends.",
    ),
    Supplier(
        name="Ningbo Oceanwave Textile Co., Ltd.", country="China (Zhejiang)",
        gold_supplier=True, gold_since=2011, ta_limit=Money(Decimal("80000"), "USD"),
        contact_name="Amy Xu", email="amy.xu@oceanwave-textile.com",
        certificates=[Certificate("OEKO-TEX Standard 100", "21.HCN.45678", "Hohenstein",
                                  date(2027, 1, 31))],
    ),
    Supplier(
        name="广州市天河家具制造厂", country="China (Guangdong)", gold_supplier=True,
        gold_since=2019, contact_name="Mr. Liang", phone="+86 20 3888 1200",
        wechat="liang_furniture", notes="Office chairs; MOQ 50.",
    ),
    Supplier(
        name="Dongguan Bright Toys Manufacturing Co., Ltd.", country="China (Guangdong)",
        gold_supplier=True, gold_since=2015, contact_name="Jenny Li",
        email="jenny@brighttoys-dg.com",
        certificates=[Certificate("EN 71-1/2/3 test report", "T-2025-0912", "Intertek",
                                  date(2026, 9, 12), kind="lab test report",
                                  scope="Wooden stacking toy WT-STACK")],
    ),
    Supplier(
        name="Penang Precision Packaging Sdn. Bhd.", country="Malaysia", gold_supplier=True,
        gold_since=2021, contact_name="Farah Aziz", email="farah@penangpack.my",
        notes="Cosmetics packaging; overseas TA supplier (SUP-ELIG).",
    ),
    Supplier(
        name="厦门绿源竹制品有限公司", country="China (Fujian)", gold_supplier=False,
        trade_assurance=False, contact_name="Zhang Wei", email="sales@lvyuan-bamboo.cn",
        notes="No Trade Assurance: pay only against documents.",
    ),
    Supplier(
        name="Shanghai Apex Lighting Co., Ltd.", country="China (Shanghai)", gold_supplier=True,
        gold_since=2009, ta_limit=Money(Decimal("250000"), "USD"), contact_name="Tony Zhou",
        email="tony.zhou@apexlighting.com", phone="+86 21 6050 7788",
    ),
    Supplier(
        name="Hangzhou Silkroad Apparel Co., Ltd.", country="China (Zhejiang)",
        gold_supplier=True, gold_since=2016, contact_name="Grace Sun",
        email="grace@silkroad-apparel.com",
    ),
]

POWER_BANK_SPEC = """Product: power bank 20,000 mAh
Material: ABS plastic; other mixtures unacceptable; third-party material test by SGS.
Colour: Pantone 1935 C.
Design: per design_draft_a.pdf; dimensions per design_draft_dimensions.pdf.
Private label: per label_b.pdf.
Battery: polymer, capacity 20,000 mAh, output current 2 A.
Quantity: 1,000 pcs.
Packaging: single white box 160 x 90 x 30 mm, 50 pcs per export carton,
shipping marks per marks.pdf.
Labelling: CE and WEEE marks on the product and box.
Compliance: RoHS (EU): yes; CE: yes; supplier provides test reports.
Inspection: third-party pre-shipment inspection, ISO 2859-1 level II, AQL 0 / 2.5 / 4.0.
Shipment date: {shipment_date}.
"""

VAGUE_SPEC = """Mugs in good quality, red colour, about 350 ml.
Packaging as usual. Ship in July if possible.
"""


@dataclass
class _Plan:
    number: str
    supplier: int
    status: OrderStatus
    age_days: int
    lines: list[tuple[str, str, int, str, str]]
    currency: str = "USD"
    online: bool = True
    incoterm: str = "FOB"
    method: PaymentMethod = PaymentMethod.INTERNATIONAL_WIRE
    extended: tuple[Party, ...] = ()
    shipping: ShippingMethod | None = None  # RC-WINDOW: the estimate depends on it
    claim: ClaimType | None = None
    spec: str = ""
    notes: str = ""
    extra: dict = field(default_factory=dict)


def _l(product: str, sku: str, qty: int, price: str, unit: str = "pcs"):
    return (product, sku, qty, price, unit)


PB = [_l("Power bank 20,000 mAh, black", "PB-20K-BK", 1000, "7.85"),
      _l("USB-C cable 1 m", "CB-C1M", 1000, "0.62")]
MUG = [_l("Ceramic mug 350 ml, Pantone 186 C", "MUG-350-R", 2400, "1.15")]
BOTTLE = [_l("Stainless steel 304 bottle 750 ml", "BTL-750", 1200, "3.40"),
          _l("Bamboo lid", "LID-BMB", 1200, "0.35")]
TEE = [_l("T-shirt 100% combed cotton 180 g/m², white, M", "TS-W-M", 600, "2.95"),
       _l("T-shirt 100% combed cotton 180 g/m², white, L", "TS-W-L", 600, "2.95")]
CHAIR = [_l("Mesh office chair, nylon base", "OC-220", 120, "38.50", "sets")]
TOY = [_l("Wooden stacking toy, EN 71-3 paint", "WT-STACK", 3000, "1.70")]
LED = [_l("LED panel 600 x 600 mm, 40 W, 4000 K", "LP-6060-40", 400, "11.20"),
       _l("Driver 40 W", "DRV-40", 400, "2.10")]
JAR = [_l("Cosmetic jar 50 ml, PP, frosted", "JAR-50", 10000, "0.21"),
       _l("Pump bottle 100 ml, PET", "PMP-100", 8000, "0.33")]
BAMBOO = [_l("Bamboo cutting board 30 x 20 cm", "BB-3020", 800, "2.60")]

PLANS = [
    _Plan("TA-2026-0101", 0, S.DRAFT, 2, PB, spec=POWER_BANK_SPEC),
    _Plan("TA-2026-0102", 1, S.DRAFT, 1, MUG, spec=VAGUE_SPEC),
    _Plan("TA-2026-0103", 2, S.AWAITING_SUPPLIER_CONFIRMATION, 6, TEE),
    _Plan("TA-2026-0104", 7, S.AWAITING_SUPPLIER_CONFIRMATION, 26, LED),
    _Plan("TA-2026-0105", 3, S.AWAITING_PAYMENT, 12, CHAIR, incoterm="CIF"),
    _Plan("TA-2026-0106", 5, S.AWAITING_PAYMENT, 55, JAR, currency="EUR",
          method=PaymentMethod.DOMESTIC_WIRE),
    _Plan("TA-2026-0107", 0, S.PAYMENT_PROCESSING, 10, PB, method=PaymentMethod.CARD),
    _Plan("TA-2026-0108", 4, S.PAYMENT_PROCESSING, 14, TOY),
    _Plan("TA-2026-0109", 1, S.AWAITING_SHIPMENT, 25, BOTTLE),
    _Plan("TA-2026-0110", 7, S.AWAITING_SHIPMENT, 40, LED, incoterm="EXW"),
    _Plan("TA-2026-0111", 2, S.AWAITING_SHIPMENT, 70, TEE, notes="Shipment is late: chase."),
    _Plan("TA-2026-0112", 4, S.AWAITING_DELIVERY_CONFIRMATION, 50, TOY,
          shipping=ShippingMethod.SEA),
    _Plan("TA-2026-0113", 0, S.AWAITING_DELIVERY_CONFIRMATION, 50, PB,
          extended=(Party.BUYER,), notes="Customs hold in Rotterdam; receiving time extended."),
    _Plan("TA-2026-0114", 8, S.AWAITING_DELIVERY_CONFIRMATION, 45, TEE, incoterm="DDP",
          shipping=ShippingMethod.AIR),
    _Plan("TA-2026-0115", 1, S.COMPLETED, 90, MUG),
    _Plan("TA-2026-0116", 2, S.COMPLETED, 120, TEE),
    _Plan("TA-2026-0117", 3, S.COMPLETED, 150, CHAIR),
    _Plan("TA-2026-0118", 5, S.COMPLETED, 80, JAR, currency="EUR"),
    _Plan("TA-2026-0119", 7, S.COMPLETED, 200, LED),
    _Plan("TA-2026-0120", 0, S.COMPLETED, 60, PB),
    _Plan("TA-2026-0121", 3, S.CANCELLED, 30, CHAIR, notes="Supplier raised the price."),
    _Plan("TA-2026-0122", 1, S.CANCELLED, 65, BOTTLE),
    _Plan("TA-2026-0123", 4, S.IN_DISPUTE, 70, TOY, claim=ClaimType.QUALITY,
          notes="Paint chips on 12% of units; lab test ordered."),
    _Plan("TA-2026-0124", 8, S.REFUNDED, 160, TEE, claim=ClaimType.LATE_SHIPMENT),
    _Plan("TA-2026-0125", 7, S.PARTIALLY_REFUNDED, 140, LED, claim=ClaimType.QUANTITY_SHORT),
    _Plan("TA-2026-0126", 0, S.CLOSED, 180, PB, claim=ClaimType.QUALITY),
    _Plan("OFF-2026-0127", 6, S.AWAITING_SHIPMENT, 35, BAMBOO, currency="CNY", online=False,
          method=PaymentMethod.OTHER, notes="Offline order: paid by bank transfer outside TA."),
    _Plan("TA-2026-0128", 5, S.AWAITING_SUPPLIER_CONFIRMATION, 3, JAR, currency="EUR"),
    _Plan("TA-2026-0129", 8, S.AWAITING_PAYMENT, 5, MUG, method=PaymentMethod.WESTERN_UNION),
    _Plan("TA-2026-0130", 2, S.COMPLETED, 100, TEE, method=PaymentMethod.CARD),
]

# Every order the demo set holds: the plans above and two years of history (demo_history).
DEMO_ORDER_COUNT = len(PLANS) + len(HISTORY)

# The actions that lead to each status, in order, with the days each step takes.
_PATH = [
    (Action.SUBMIT, 1), (Action.SUPPLIER_CONFIRM, 2), (Action.RECORD_PAYMENT, 2),
    (Action.PAYMENT_RECEIVED, 2), (Action.MARK_SHIPPED, 20), (Action.CONFIRM_DELIVERY, 25),
]
_STEPS_TO = {
    S.DRAFT: 0, S.AWAITING_SUPPLIER_CONFIRMATION: 1, S.AWAITING_PAYMENT: 2,
    S.PAYMENT_PROCESSING: 3, S.AWAITING_SHIPMENT: 4, S.AWAITING_DELIVERY_CONFIRMATION: 5,
    S.COMPLETED: 6,
}


def _replay(order: Order, plan: _Plan, profile: RuleProfile, today: date) -> Dispute | None:
    start = today - timedelta(days=plan.age_days)
    order.created_on = start
    disputed = plan.claim is not None
    steps = 5 if disputed else _STEPS_TO.get(plan.status, 2 if plan.status == S.CANCELLED else 0)
    # Squeeze the standard durations into the order's age so nothing happens in the future.
    total = sum(days for _, days in _PATH[:steps]) or 1
    scale = min(1.0, (plan.age_days - 1) / total)
    day = start
    for action, days in _PATH[:steps]:
        day = min(today, day + timedelta(days=max(1, round(days * scale))))
        payment = None
        if action == Action.RECORD_PAYMENT:
            payment = Payment(order.total.amount, day, PaymentStatus.PROCESSING, plan.method,
                              reference=f"PAY-{plan.number[-4:]}")
        lifecycle.perform(order, action, profile, day, today=today, payment=payment)
    for party in plan.extended:
        extended_on = min(today, day + timedelta(days=20))
        lifecycle.transition(order, Action.EXTEND_RECEIVING, profile, extended_on,
                             today=today, party=party, note="Customs hold")
    if plan.status == S.CANCELLED:
        lifecycle.transition(order, Action.CANCEL, profile, min(today, day + timedelta(days=3)),
                             today=today, note=plan.notes)
    if disputed:
        # A live dispute is recent, with a proposal the buyer must answer within days.
        opened = min(today, day + timedelta(days=2)) if plan.status != S.IN_DISPUTE else \
            max(day + timedelta(days=1), today - timedelta(days=9))
        return _dispute(order, plan, profile, today, opened)
    return None


def _dispute(order: Order, plan: _Plan, profile: RuleProfile, today: date,
             opened: date) -> Dispute:
    """A dispute with its events, through the same workflow the app uses."""
    calendar = team_calendar(profile)
    paid = order.paid.amount
    dispute = flows.open_dispute(
        order, profile, opened, claim=plan.claim, requested_refund=Money(paid, order.currency),
        claim_text=plan.notes or f"{plan.claim.label}: see the photos and the inspection report.")
    steps = [(5, DisputeEvent(DisputeEventKind.PROPOSAL, opened, Party.SUPPLIER,
                              amount=(paid / 10).quantize(Decimal("0.01")),
                              note="Supplier offers a 10% discount on the next order."))]
    if plan.status != S.IN_DISPUTE:
        steps += [(6, DisputeEvent(DisputeEventKind.ESCALATED, opened, Party.BUYER)),
                  (21, DisputeEvent(DisputeEventKind.DECISION, opened, Party.PLATFORM,
                                    outcome=plan.status,
                                    amount=(paid / 2).quantize(Decimal("0.01"))
                                    if plan.status == S.PARTIALLY_REFUNDED else None))]
    for days, event in steps:
        event.on = min(today, opened + timedelta(days=days - 1))
        flows.record(dispute, order, event, profile, calendar)
    return dispute


def load_demo(workspace: Workspace) -> Outcome[tuple[int, int]]:
    """Add what is missing of the demo set; its value is (suppliers added, orders added)."""
    profile, today = workspace.profile, workspace.today()
    added_suppliers = added_orders = 0
    with workspace.db.writing() as session:
        suppliers, orders = SupplierRepository(session), OrderRepository(session)
        ids, added, new = [], {}, set()
        for index, template in enumerate(SUPPLIERS):
            existing = suppliers.find_by_name(template.name)
            if existing is None:
                existing = suppliers.save(template)
                added_suppliers += 1
                new.add(index)
            ids.append(existing.id)
        for plan in PLANS:
            if orders.id_of(plan.number) is not None:
                continue
            shipment = today + timedelta(days=45 - plan.age_days)
            spec = plan.spec.replace("{shipment_date}", f"{shipment.day} {shipment:%B %Y}")
            order = Order(
                order_number=plan.number, supplier_id=ids[plan.supplier], currency=plan.currency,
                online=plan.online, incoterm=plan.incoterm, payment_method=plan.method,
                shipping_method=plan.shipping,
                shipment_date=shipment, notes=plan.notes, spec_text=spec,
                lines=[OrderLine(product, quantity=qty, unit_price=Decimal(price), unit=unit,
                                 sku=sku) for product, sku, qty, price, unit in plan.lines],
            )
            order.spec_score = readiness(order)
            dispute = _replay(order, plan, profile, today)
            demo_money.split_payment(order, today)
            saved = orders.save(order)
            added[saved.order_number] = saved
            if dispute is not None:
                dispute.order_id, dispute.order_number = saved.id, saved.order_number
                DisputeRepository(session).save(dispute)
            added_orders += 1
        demo_money.add_money(session, added)
        added_orders += add_history(session, ids, new, profile, today,
                                    (POWER_BANK_SPEC, VAGUE_SPEC))
    return Outcome((added_suppliers, added_orders), changes_of(session))


def remove_demo(workspace: Workspace) -> Outcome[Snapshot]:
    """Remove exactly the demo rows: the demo orders (by number, with a demo supplier) and the
    demo suppliers no other order uses. Its value is what was removed, for Undo."""
    with workspace.db.writing() as session:
        suppliers, orders = SupplierRepository(session), OrderRepository(session)
        demo_suppliers = {s.id for s in suppliers.by_names(t.name for t in SUPPLIERS).values()}
        numbers = [plan.number for plan in PLANS] + [past.number for past in HISTORY]
        order_ids = [order_id for order_id in (orders.id_of(number) for number in numbers)
                     if order_id is not None
                     and orders.get(order_id).supplier_id in demo_suppliers]
        kept = Counter(orders.get(i).supplier_id for i in order_ids)
        supplier_ids = [i for i in demo_suppliers if suppliers.order_count(i) == kept[i]]
        touched = Changes.union([*(order_touched(i) for i in order_ids),
                                 *(Changes.of(Kind.SUPPLIER, i) for i in supplier_ids)])
        removed = snapshots.take(
            session, {OrderRecord.__table__: order_ids, SupplierRecord.__table__: supplier_ids},
            f"demo data ({len(supplier_ids)} supplier(s), {len(order_ids)} order(s))", touched)
        for order_id in order_ids:
            orders.delete(order_id)
        for supplier_id in supplier_ids:
            suppliers.delete(supplier_id)
    return Outcome(removed, changes_of(session) | touched)
