"""The order list and the supplier list as paged models over the services."""

from __future__ import annotations

from ta_desktop.core.domain.entities import OrderRow, SupplierRow
from ta_desktop.core.services.money import MoneyService
from ta_desktop.core.services.orders import OrderService
from ta_desktop.core.services.suppliers import SupplierService
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.widgets.paged_model import Column, PagedTableModel


def _date(value) -> str:
    return fmt.day(value) if value else ""


def _landed(row: OrderRow) -> str:
    if row.landed_cost is None:
        return ""
    return fmt.money_of(row.landed_cost) + (" ~" if row.landed_estimate else "")
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
    Column("shipment_date", "Ships by", lambda r: _date(r.shipment_date)),
    Column("spec_score", "Readiness", _readiness, numeric=True,
           tooltip=lambda r: "Dispute readiness of the specification (0-100)"),
    Column("created_on", "Created", lambda r: _date(r.created_on)),
    # LAND: computed at today's rates, so not sortable in SQL (sorting falls back to Created).
    Column("landed_cost", "Landed cost", _landed, numeric=True,
           tooltip=lambda r: "Estimate: a part is at today's rate, not the rate paid"
           if r.landed_estimate else ""),
]

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

    def __init__(self, service: OrderService, parent=None, money: MoneyService | None = None):
        rows = service.rows if money is None else \
            (lambda query, offset, limit: money.with_landed(service.rows(query, offset, limit)))
        super().__init__(ORDER_COLUMNS, service.count, rows, parent)

    def order_row(self, row: int) -> OrderRow | None:
        return self.row_at(row)


class SuppliersModel(PagedTableModel):
    def __init__(self, service: SupplierService, parent=None):
        super().__init__(SUPPLIER_COLUMNS, service.count, service.rows, parent)

    def supplier_row(self, row: int) -> SupplierRow | None:
        return self.row_at(row)
