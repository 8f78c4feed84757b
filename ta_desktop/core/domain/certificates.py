"""A supplier's certificates and test reports (SUP-CERT, our own rule): an expired one is
worthless as dispute evidence and at customs.

Reminders are supplier-level deadlines in the deadline engine (rule ``SUP-CERT``), from the
profile's ``certificate_reminder_days`` before expiry; an order whose agreed shipment date falls
after the expiry of a relevant certificate gets a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ta_desktop.core.domain.deadlines import Deadline
from ta_desktop.core.domain.entities import Certificate, Order
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import Party

RULE = "SUP-CERT"

# The kinds of certificate the app knows (stored value, label). "" is "not said".
CERTIFICATE_TYPES: tuple[tuple[str, str], ...] = (
    ("CE", "CE"),
    ("RoHS", "RoHS"),
    ("REACH", "REACH"),
    ("FCC", "FCC"),
    ("UL", "UL"),
    ("ISO 9001", "ISO 9001"),
    ("BSCI", "BSCI"),
    ("lab test report", "Lab test report"),
)
TYPE_LABELS = dict(CERTIFICATE_TYPES)
# Certificates of the company rather than of a product: every order of the supplier relies on them.
COMPANY_WIDE = frozenset({"ISO 9001", "BSCI"})


def type_label(kind: str) -> str:
    return TYPE_LABELS.get(kind, kind)


def describe(certificate: Certificate) -> str:
    """How a reminder names it: "CE certificate "CE (EMC) test report"", or its name alone."""
    name = certificate.name.strip()
    if certificate.kind and certificate.kind.lower() not in name.lower():
        return f"{type_label(certificate.kind)} {name}".strip()
    return name or type_label(certificate.kind)


def reminder_starts(certificate: Certificate, profile: RuleProfile) -> date | None:
    """The first day the certificate is reminded of (None without an expiry date)."""
    if certificate.valid_until is None:
        return None
    return certificate.valid_until - timedelta(days=profile.certificate_reminder_days)


def is_expiring(certificate: Certificate, profile: RuleProfile, today: date) -> bool:
    """Expired, or expiring within the reminder days (what ``suppliers --json`` counts)."""
    starts = reminder_starts(certificate, profile)
    return starts is not None and today >= starts


def certificate_reminders(supplier_id: int | None, supplier_name: str,
                          certificates: Iterable[Certificate], profile: RuleProfile
                          ) -> list[Deadline]:
    """The supplier-level SUP-CERT deadline of every certificate with an expiry: due on its last
    valid day, listed from the reminder days before it (``shows_from``). The buyer acts (asks
    the supplier for a renewed certificate); an expired one stays overdue until it is renewed
    or removed. The title holds on any day, so a stored row never goes stale."""
    return [Deadline(
        key=f"supplier-{supplier_id}-certificate-{certificate.id}-{RULE}",
        rule=RULE, title=f"Ask {supplier_name} for a renewed {describe(certificate)}",
        due=certificate.valid_until, party=Party.BUYER,
        consequence="An expired certificate is worthless as dispute evidence and at customs.",
        supplier_id=supplier_id, shows_from=reminder_starts(certificate, profile),
    ) for certificate in certificates if certificate.valid_until is not None]


def certificate_deadlines(
    supplier_id: int | None, supplier_name: str, certificates: Iterable[Certificate],
    profile: RuleProfile, today: date,
) -> list[Deadline]:
    """The SUP-CERT reminders listed on ``today``: expired or within the reminder days."""
    return [d for d in certificate_reminders(supplier_id, supplier_name, certificates, profile)
            if d.shows_from is None or d.shows_from <= today]


def _named_in(kind: str, text: str) -> bool:
    return bool(re.search(rf"(?<![A-Za-z0-9]){re.escape(kind)}(?![A-Za-z0-9])", text,
                          re.IGNORECASE))


def relevant(order: Order, certificates: Iterable[Certificate]) -> list[Certificate]:
    """The certificates an order relies on: those whose kind its specification names (CE,
    RoHS...) and the company-wide ones (ISO 9001, BSCI). When the specification names none of
    the supplier's kinds (or a certificate has no kind), every one counts: the conservative
    reading."""
    certificates = list(certificates)
    named = [c for c in certificates if c.kind and _named_in(c.kind, order.spec_text)]
    if not named:
        return certificates
    return [c for c in certificates if c in named or c.kind in COMPANY_WIDE]


@dataclass(frozen=True)
class CertificateWarning:
    certificate: Certificate
    text: str


def shipment_warnings(order: Order, certificates: Iterable[Certificate]
                      ) -> list[CertificateWarning]:
    """SUP-CERT: a relevant certificate expires before the order's agreed shipment date."""
    if order.shipment_date is None:
        return []
    return [
        CertificateWarning(certificate, (
            f"{RULE}: {describe(certificate)} expires on {certificate.valid_until.isoformat()}, "
            f"before the agreed shipment date {order.shipment_date.isoformat()}: ask the "
            "supplier for a renewed one before the goods ship."))
        for certificate in relevant(order, certificates)
        if certificate.valid_until is not None and certificate.valid_until < order.shipment_date
    ]
