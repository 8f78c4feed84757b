"""The buyer's money per order and across orders: payment schedules (PAY-SCHED), landed costs
(LAND) and figures in the home currency (a setting with the user's current exchange rates).
One transaction per write, each returning an ``Outcome``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from ta_desktop.core.domain.bounds import MONEY_DECIMALS, MONEY_STEP, amount_problem
from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.entities import ListQuery, Order, OrderRow
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.home_money import HomeSum, OrderHome, Overview, order_in_home, overview
from ta_desktop.core.domain.landed_cost import (
    CostKind,
    LandedCost,
    LandedSheet,
    MissingRate,
    Rates,
    landed_cost,
)
from ta_desktop.core.domain.payment_schedule import PaymentSchedule, schedule_problems
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import CURRENCIES, Money, OrderStatus, parse_decimal
from ta_desktop.core.services.buyer_settings import load_fee_schedule
from ta_desktop.core.services.settings import SettingsService
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.money_repository import MoneyRepository
from ta_desktop.core.storage.repositories import OrderRepository

HOME_KEY = "home_currency"
HOME_TOTAL = "home_total"  # the order list's sort key for the total in the home currency
DEFAULT_HOME = "USD"
# Orders whose unpaid part is a commitment: sent to or confirmed by the supplier, not finished.
COMMITTED = (OrderStatus.AWAITING_SUPPLIER_CONFIRMATION, OrderStatus.AWAITING_PAYMENT,
             OrderStatus.PAYMENT_PROCESSING, OrderStatus.AWAITING_SHIPMENT,
             OrderStatus.AWAITING_DELIVERY_CONFIRMATION, OrderStatus.IN_DISPUTE)


@dataclass(frozen=True)
class OrderLanded:
    """An order's landed cost as a screen shows it: the figure, or why there is none."""

    order: Order
    sheet: LandedSheet
    result: LandedCost | None
    problem: str = ""


@dataclass(frozen=True)
class OrderMoney:
    """What ``orders --json`` and the order list add per order."""

    paid: Money
    balance_due: Money
    landed_cost: Money | None
    landed_estimate: bool = False


def parse_rate(raw: object, what: str) -> Decimal:
    """A rate the user typed: a number above 0 (one sentence when it is not)."""
    rate = parse_decimal(str(raw), what)
    if rate <= 0 or rate > Decimal(10) ** 9:
        raise ValidationError(f"The {what} must be above 0.")
    return rate


class MoneyService:
    def __init__(self, db: Database, settings: SettingsService,
                 profile: Callable[[], RuleProfile]):
        self._db = db
        self._settings = settings
        self._profile = profile

    # --- home currency --------------------------------------------------------------------
    def rates(self) -> Rates:
        stored = self._settings.get(HOME_KEY, {}) or {}
        home = stored.get("currency") or DEFAULT_HOME
        current = {code: Decimal(value) for code, value in (stored.get("rates") or {}).items()}
        return Rates(home, current)

    def set_home(self, currency: str, rates: dict[str, str | Decimal]) -> Outcome[Rates]:
        """The home currency and the current rate of each other currency: how much home
        currency one unit of it buys (blank rates are dropped)."""
        if currency not in CURRENCIES:
            raise ValidationError(f"Unknown currency code '{currency}'.")
        kept = {}
        for code, raw in rates.items():
            if code == currency or raw in (None, ""):
                continue
            if code not in CURRENCIES:
                raise ValidationError(f"Unknown currency code '{code}'.")
            kept[code] = str(parse_rate(raw, f"rate of {code}").normalize())
        written = self._settings.put(HOME_KEY, {"currency": currency, "rates": kept})
        return Outcome(self.rates(), written.changes)

    # --- payment schedule -----------------------------------------------------------------
    def schedule(self, order_id: int) -> PaymentSchedule:
        with self._db.unit_of_work() as session:
            return MoneyRepository(session).schedule(order_id)

    def save_schedule(self, schedule: PaymentSchedule) -> Outcome[PaymentSchedule]:
        """Keep the instalments of an order; they must add up to its total."""
        with self._db.writing() as session:
            order = OrderRepository(session).get(schedule.order_id)
            problems = schedule_problems(order.total, schedule.instalments)
            if problems:
                raise ValidationError(next(iter(problems.values())), field_errors=problems)
            saved = MoneyRepository(session).save_schedule(
                schedule, f"The payment schedule of order {order.order_number}")
        return Outcome(saved, changes_of(session))

    # --- landed cost ----------------------------------------------------------------------
    def sheet(self, order_id: int) -> LandedSheet:
        with self._db.unit_of_work() as session:
            return MoneyRepository(session).sheet(order_id)

    def save_sheet(self, sheet: LandedSheet) -> Outcome[LandedSheet]:
        with self._db.writing() as session:
            order = OrderRepository(session).get(sheet.order_id)
            _check_sheet(order, sheet)
            saved = MoneyRepository(session).save_sheet(
                sheet, f"The landed cost of order {order.order_number}")
        return Outcome(saved, changes_of(session))

    def set_payment_rate(self, order_id: int, payment_id: int, rate: Decimal
                         ) -> Outcome[LandedSheet]:
        """The rate actually paid for one payment (home currency per unit of the order's), kept
        with the landed cost as its tab keeps it. Read under the write lock: never stale."""
        with self._db.writing() as session:
            order = OrderRepository(session).get(order_id)
            money = MoneyRepository(session)
            sheet = money.sheet(order_id)
            sheet.payment_rates[payment_id] = rate
            _check_sheet(order, sheet)
            saved = money.save_sheet(sheet, f"The landed cost of order {order.order_number}")
        return Outcome(saved, changes_of(session))

    def landed(self, order_id: int) -> OrderLanded:
        with self._db.unit_of_work() as session:
            order = OrderRepository(session).get(order_id)
            sheet = MoneyRepository(session).sheet(order_id)
        return self._landed(order, sheet)

    def costed_orders(self) -> set[int]:
        """The ids of the orders with landed costs recorded."""
        with self._db.unit_of_work() as session:
            return MoneyRepository(session).costed_orders()

    def landed_of(self, order: Order) -> LandedCost | None:
        """The landed cost of ``order`` as read, or None (no costs recorded, a rate missing,
        cancelled)."""
        if order.id is None or order.status == OrderStatus.CANCELLED:
            return None
        with self._db.unit_of_work() as session:
            sheet = MoneyRepository(session).sheet(order.id)
        return self._landed(order, sheet).result if sheet.costs else None

    def _landed(self, order: Order, sheet: LandedSheet) -> OrderLanded:
        fees = load_fee_schedule(self._settings, self._profile())
        try:
            return OrderLanded(order, sheet, landed_cost(order, sheet, self.rates(), fees))
        except MissingRate as missing:
            return OrderLanded(order, sheet, None, str(missing))

    def in_home(self, order: Order) -> OrderHome:
        """``order``'s total and balance due in the home currency (the total at the rates
        paid where recorded on the Landed cost tab)."""
        paid_rates = {} if order.id is None else self.sheet(order.id).payment_rates
        return order_in_home(order, paid_rates, self.rates())

    # --- across orders --------------------------------------------------------------------
    def order_money(self) -> dict[int, OrderMoney]:
        """Paid, balance due and landed cost (where costs were recorded) of every order."""
        with self._db.unit_of_work() as session:
            money = MoneyRepository(session)
            paid = money.paid_by_order()
            sheets = {i: s for i, s in money.sheets().items() if s.costs}
            orders = OrderRepository(session)
            with_costs = {i: orders.get(i) for i in sheets}
            rows = money.totals()
        found = {}
        for order_id, total, status in rows:
            received = Money(paid.get(order_id, Decimal(0)), total.currency)
            due = Money.zero(total.currency) if status == OrderStatus.CANCELLED \
                else total - received
            landed = None
            if order_id in with_costs and status != OrderStatus.CANCELLED:
                landed = self._landed(with_costs[order_id], sheets[order_id]).result
            found[order_id] = OrderMoney(received, due, landed and landed.total,
                                         bool(landed and landed.estimate))
        return found

    def rows(self, query: ListQuery, offset: int = 0, limit: int | None = None
             ) -> list[OrderRow]:
        """A page of the order list with the money columns; sorted by the total in the home
        currency when ``query.sort`` is "home_total"."""
        with self._db.unit_of_work() as session:
            key = MoneyRepository.home_total_key(self.rates()) \
                if query.sort == HOME_TOTAL else None
            rows = OrderRepository(session).rows(query, offset, limit, key=key)
        return self.with_landed(rows)

    def with_landed(self, rows: list[OrderRow]) -> list[OrderRow]:
        """The order list's rows with their total in the home currency, and their landed cost
        where costs were recorded."""
        rates = self.rates()
        with self._db.unit_of_work() as session:
            money = MoneyRepository(session)
            sheets = {i: s for i, s in money.sheets(r.id for r in rows).items() if s.costs}
            made = money.made_with_rates(r.id for r in rows)
            orders = OrderRepository(session)
            with_costs = {i: orders.get(i) for i in sheets}
        found = []
        for row in rows:
            total = HomeSum()
            total.add_total(row.total, made.get(row.id, ()), rates)
            home = total.figure(rates.home)
            row = replace(row, home_total=home.amount, home_estimate=home.estimate)
            landed = None
            if row.id in with_costs and row.status != OrderStatus.CANCELLED:
                landed = self._landed(with_costs[row.id], sheets[row.id]).result
            found.append(replace(row, landed_cost=landed.total, landed_estimate=landed.estimate)
                         if landed else row)
        return found

    def overview(self) -> Overview:
        with self._db.unit_of_work() as session:
            money = MoneyRepository(session)
            data = money.payments_made(), money.owed(COMMITTED), money.disputed()
        return overview(self.rates(), *data)


def _check_sheet(order: Order, sheet: LandedSheet) -> None:
    """Every number of the sheet, checked against the order it belongs to."""
    problems: dict[str, str] = {}
    for number, cost in enumerate(sheet.costs, start=1):
        where = f"cost {number}"
        if cost.currency not in CURRENCIES:
            problems[where] = f"Unknown currency code '{cost.currency}'."
        elif cost.kind == CostKind.DUTY and cost.rate is not None:
            if cost.amount is not None or not Decimal(0) <= cost.rate <= Decimal(100) \
                    or cost.rate != cost.rate.quantize(MONEY_STEP):
                problems[where] = ("Give the import duty as a rate from 0 to 100 % (at most "
                                   f"{MONEY_DECIMALS} decimals) or as an amount.")
        elif cost.rate is not None:
            problems[where] = f"Only the import duty can be a rate; give {cost.kind.label} " \
                              "as an amount."
        elif cost.amount is None or (problem := amount_problem(
                cost.amount, f"{cost.kind.label.lower()} amount", zero_ok=True)):
            problems[where] = problem if cost.amount is not None else \
                f"Enter the amount of {cost.kind.label.lower()}."
        elif cost.paid_rate is not None and cost.paid_rate <= 0:
            problems[where] = "A rate paid must be above 0."
    lines = {line.id for line in order.lines}
    seen = set()
    for measure in sheet.measures:
        if measure.line_id not in lines or measure.line_id in seen:
            problems["measures"] = "A weight or volume is for a line this order does not have."
        seen.add(measure.line_id)
        for value in (measure.weight, measure.volume):
            if value is not None and (problem := amount_problem(value, "weight or volume",
                                                                zero_ok=True)):
                problems["measures"] = problem
    payments = {payment.id for payment in order.payments}
    for payment_id, rate in sheet.payment_rates.items():
        if payment_id not in payments:
            problems["payment rates"] = "A rate is for a payment this order does not have."
        elif rate <= 0:
            problems["payment rates"] = "A rate paid must be above 0."
    if problems:
        raise ValidationError(next(iter(problems.values())), field_errors=problems)
