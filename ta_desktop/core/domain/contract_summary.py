"""The contract summary as a document: what it says about an order, before any drawing.

A buyer sends the summary to the supplier before confirming an order. ``ContractSummary`` holds
everything it states; the functions below turn it into the words and figures of each section.
Gathering it from the database is ``core.services.reports.gather``; drawing it as a PDF is
``core.services.reports.render``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ta_desktop.core.domain.deadlines import ComingDeadline, Deadline
from ta_desktop.core.domain.entities import BuyerDetails, Order, Supplier
from ta_desktop.core.domain.fees import WIRES, FeeSchedule, quote, supplier_fee
from ta_desktop.core.domain.rules import RuleProfile


@dataclass(frozen=True)
class Risk:
    """An open point in the specification, e.g. a vague word the supplier should make exact."""

    text: str
    rule: str = ""
    excerpt: str = ""


@dataclass(frozen=True)
class KeyDate:
    label: str
    when: date | None  # None: the date depends on an event that has not happened yet
    rule: str
    note: str = ""


@dataclass(frozen=True)
class Attachment:
    name: str
    kind: str


@dataclass(frozen=True)
class ContractSummary:
    order: Order
    supplier: Supplier
    buyer: BuyerDetails
    profile: RuleProfile
    schedule: FeeSchedule
    made_on: date
    deadlines: Sequence[KeyDate] = ()
    risks: Sequence[Risk] | None = None  # None: no specification check was available
    attachments: Sequence[Attachment] = ()
    # PAY-SCHED instalments and, when the buyer asks for it, the landed cost (LAND): rows
    # added to the payment section, worded by ``payment_schedule.summary_rows``.
    money_rows: Sequence[tuple[str, str]] = ()


# --- what goes into it --------------------------------------------------------------------------


def key_dates(dated: Iterable[Deadline], coming: Iterable[ComingDeadline]) -> list[KeyDate]:
    """The deadline engine's dated deadlines (disputes included), then the clocks the contract
    will start, so a draft's summary states them too."""
    return ([KeyDate(d.title, d.due, d.rule, d.consequence) for d in dated]
            + [KeyDate(c.label, c.due, c.rule, c.starts) for c in coming])


_FILE_REFERENCE = re.compile(
    r"\b[\w\-]+\.(?:pdf|ai|eps|svg|dxf|dwg|step|stp|igs|png|jpe?g|zip|xlsx?|docx?)\b",
    re.IGNORECASE)
_INSPECTION = re.compile(
    r"inspect|\baql\b|golden sample|pre-?shipment|third-party|test report|lab test|iso 2859"
    r"|sample", re.IGNORECASE)


def referenced_files(spec_text: str) -> list[Attachment]:
    """Design and label files the specification names: the contract must carry them."""
    seen = dict.fromkeys(match.group(0) for match in _FILE_REFERENCE.finditer(spec_text))
    return [Attachment(name, "named in the specification") for name in seen]


def inspection_lines(spec_text: str) -> list[str]:
    return [line.strip() for line in spec_text.splitlines() if _INSPECTION.search(line)]


def spec_risks(spec_text: str) -> list[Risk]:
    """Open points of the specification from the spec linter: each vague phrase with what to
    write instead, then each section a dispute team would look for and not find."""
    from ta_desktop.core.domain import speclint  # its patterns compile on first use

    report = speclint.lint(spec_text)
    risks = [Risk(f"{f.message} {f.suggestion}".strip(), f.rule, f.text)
             for f in report.findings if not f.waived_by]
    risks += [Risk(f"Missing: {speclint.SECTION_LABELS[name]}.", "SPEC-MISSING")
              for name in report.missing]
    return risks


# --- how it says it -----------------------------------------------------------------------------


def date_text(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else "—"


def buyer_block(buyer: BuyerDetails) -> tuple[str, list[str]]:
    """The buyer's name and the lines under it; a neutral placeholder until they are set."""
    if buyer.is_empty:
        return "Buyer's company", ["(name, address and contact to be completed)"]
    lines = [*buyer.address.splitlines(), buyer.contact, buyer.email, buyer.phone]
    return buyer.name or "—", [line for line in lines if line]


def supplier_block(supplier: Supplier) -> tuple[str, list[str]]:
    standing = "Gold Supplier" + (f" since {supplier.gold_since}" if supplier.gold_since else "")
    protection = "Trade Assurance" if supplier.trade_assurance else "no Trade Assurance"
    lines = [
        supplier.country, supplier.contact_name, supplier.email, supplier.phone,
        f"WeChat: {supplier.wechat}" if supplier.wechat else "",
        f"WhatsApp: {supplier.whatsapp}" if supplier.whatsapp else "",
        supplier.store_url,
        " · ".join(x for x in (standing if supplier.gold_supplier else "", protection) if x),
    ]
    return supplier.name, [line for line in lines if line]


def terms(order: Order) -> list[tuple[str, str]]:
    """The four facts under the parties: incoterm, shipment date, payment method, total."""
    method = order.payment_method.label if order.payment_method else "Not chosen yet"
    return [("Incoterm", order.incoterm or "Not agreed yet"),
            ("Agreed shipment date", date_text(order.shipment_date)),
            ("Payment method", method),
            ("Order total", str(order.total))]


def payment_rows(summary: ContractSummary) -> list[tuple[str, str]]:
    """The payment section: the method and its fee, limit and notices (PAY-*), the supplier's
    own fee (FEE-SUP) and, for an offline order, what the platform still covers (OFFLINE)."""
    order, profile, schedule = summary.order, summary.profile, summary.schedule
    rows = []
    if order.payment_method is None:
        rows.append(("Method", "Not chosen yet."))
    else:
        q = quote(order.total, order.payment_method, profile, schedule)
        rows.append(("Method", order.payment_method.label))
        rows.append(("Fee paid by the buyer", q.fee_text))
        if q.limit:
            verdict = {True: "BLOCKED. ", None: "Not checked. ", False: ""}[q.blocked]
            rows.append(("Limit", verdict + q.limit))
        rows += [("Note", str(notice)) for notice in q.notices]
        if order.payment_method in WIRES and summary.supplier.designated_account:
            rows.append(("Platform-designated account (PAY-TT)",
                         summary.supplier.designated_account))
    fee = supplier_fee(order.total, profile, schedule, summary.supplier)
    span = str(fee.low) if fee.low == fee.high else f"{fee.low} to {fee.high}"
    rows.append(("Supplier's Trade Assurance fee (estimate)", f"{span}. {fee.note}"))
    if not order.online:
        rows.append(("Protection", "OFFLINE: paid outside Trade Assurance; the platform only "
                                   "handles goods not delivered after payment."))
    return rows + list(summary.money_rows)


def risk_rows(risks: Iterable[Risk]) -> list[tuple[str, str]]:
    return [(risk.rule or "Check", risk.text + (f" (“{risk.excerpt}”)" if risk.excerpt else ""))
            for risk in risks]
