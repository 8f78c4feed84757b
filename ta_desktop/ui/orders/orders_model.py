"""The order list and the supplier list as paged models over the services."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ta_desktop.core.domain.entities import OrderRow, SupplierRow
from ta_desktop.core.services.money import HOME_TOTAL, MoneyService
from ta_desktop.core.services.orders import OrderService
from ta_desktop.core.services.suppliers import SupplierService
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.tasks import TaskRunner
from ta_desktop.ui.widgets.paged_model import Column, PagedTableModel


def _date(value) -> str:
    return fmt.day(value) if value else ""


def _landed(row: OrderRow) -> str:
    if row.landed_cost is None:
        return ""
    return fmt.money_of(row.landed_cost) + (" ~" if row.landed_estimate else "")


def _home_total(row: OrderRow) -> str:
    if row.home_total is None:
        return ""
    return fmt.money_of(row.home_total) + (" ~" if row.home_estimate else "")


ESTIMATE_TIP = "Estimate: a part is at today's rate, not the rate paid"


def _rate(rate: float | None) -> str:
    return "" if rate is None else fmt.percent(rate, 0)


def _score(score: int | None) -> str:
    return "" if score is None else str(score)


def _readiness(row: OrderRow) -> str:
    return "" if row.spec_score is None else f"{row.spec_score}%"


ORDER_COLUMNS = [
    Column("order_number", "Order", lambda r: r.order_number),
    Column("supplier", "Supplier", lambda r: r.supplier_name),
    Column("status", "Status", lambda r: r.status.label),
    Column("online", "Protection", lambda r: "Trade Assurance" if r.online else "Offline",
           tooltip=lambda r: "" if r.online else
           "OFFLINE: the platform only handles non-delivery after payment."),
    Column("total", "Total", lambda r: fmt.money_of(r.total), numeric=True),
    # The title names the home currency ("Total (EUR)"): see OrdersModel.headerData.
    Column(HOME_TOTAL, "Total (home currency)", _home_total, numeric=True,
           tooltip=lambda r: ESTIMATE_TIP if r.home_estimate else
           "" if r.home_total else "No rate for this currency (Settings → Home currency)"),
    Column("shipment_date", "Ships by", lambda r: _date(r.shipment_date)),
    Column("spec_score", "Readiness", _readiness, numeric=True,
           tooltip=lambda r: "Dispute readiness of the specification (0-100)"),
    Column("created_on", "Created", lambda r: _date(r.created_on)),
    # LAND: computed from each order's costs, fees and rates, so SQL cannot sort by it.
    Column("landed_cost", "Landed cost", _landed, numeric=True,
           tooltip=lambda r: ESTIMATE_TIP if r.landed_estimate else "", sortable=False),
]
CREATED_COLUMN = next(i for i, c in enumerate(ORDER_COLUMNS) if c.key == "created_on")

SUPPLIER_COLUMNS = [
    Column("name", "Supplier", lambda r: r.name),
    Column("country", "Country / region", lambda r: r.country),
    Column("gold_supplier", "Gold Supplier",
           lambda r: (f"since {r.gold_since}" if r.gold_since else "yes") if r.gold_supplier
           else "no"),
    Column("trade_assurance", "Trade Assurance", lambda r: "yes" if r.trade_assurance else "NO",
           tooltip=lambda r: "" if r.trade_assurance else
           "No Trade Assurance: orders with this supplier are offline (OFFLINE)."),
    Column("order_count", "Orders", lambda r: str(r.order_count), numeric=True),
    Column("on_time_rate", "On time", lambda r: _rate(r.on_time_rate), numeric=True,
           tooltip=lambda r: "Shipped on or before the agreed shipment date"),
    Column("orders_shipped", "Shipped", lambda r: str(r.orders_shipped), numeric=True),
    Column("disputes_opened", "Disputes", lambda r: str(r.disputes_opened), numeric=True),
    Column("average_readiness", "Readiness", lambda r: _score(r.average_readiness),
           numeric=True, tooltip=lambda r: "Average specification readiness (0-100)"),
    Column("certificates_expiring", "Certificates due",
           lambda r: str(r.certificates_expiring) if r.certificates_expiring else "",
           numeric=True, tooltip=lambda r: "SUP-CERT: certificates expired or expiring soon"
           if r.certificates_expiring else ""),
]


class OrdersModel(PagedTableModel):
    STATUS_COLUMN = 2

    def __init__(self, service: OrderService, parent=None, money: MoneyService | None = None,
                 tasks: TaskRunner | None = None):
        super().__init__(ORDER_COLUMNS, service.count,
                         service.rows if money is None else money.rows, parent, tasks)
        self._money = money
        self._home = ""

    def set_query(self, query, keep_rows: bool = False) -> None:
        home = self._money.rates().home if self._money else ""
        if home != self._home:
            self._home = home
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        super().set_query(query, keep_rows)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and self.columns[section].key == HOME_TOTAL and self._home:
            return f"Total ({self._home})"
        return super().headerData(section, orientation, role)

    def order_row(self, row: int) -> OrderRow | None:
        return self.row_at(row)


class SuppliersModel(PagedTableModel):
    def __init__(self, service: SupplierService, parent=None, tasks: TaskRunner | None = None):
        super().__init__(SUPPLIER_COLUMNS, service.count, service.rows, parent, tasks)

    def supplier_row(self, row: int) -> SupplierRow | None:
        return self.row_at(row)
