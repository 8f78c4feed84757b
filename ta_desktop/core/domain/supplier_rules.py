"""Warnings about the supplier of a Trade Assurance order (TA_RULES.md SUP-ELIG, SUP-LIMIT,
PAY-TT, FEE-SUP). They warn, never block: the buyer may know better than the record.

Regions are the profile's lists, matched without regard to case against the supplier's
country as entered (a name or an ISO code).
"""

from __future__ import annotations

from decimal import Decimal

from ta_desktop.core.domain.entities import Order, Payment, Supplier
from ta_desktop.core.domain.fees import WIRES, FeeSchedule, Notice
from ta_desktop.core.domain.rules import RuleProfile, in_regions
from ta_desktop.core.domain.types import Money


def eligibility_warnings(supplier: Supplier, profile: RuleProfile) -> list[Notice]:
    """SUP-ELIG: why this supplier may not be covered by Trade Assurance (empty: no doubt)."""
    found = []
    if not supplier.trade_assurance:
        found.append(Notice("SUP-ELIG", f"{supplier.name} is not marked as a Trade Assurance "
                                        "supplier: the order may not be protected."))
    if not supplier.gold_supplier:
        found.append(Notice("SUP-ELIG", f"{supplier.name} is not marked as a Gold Supplier; "
                                        "Trade Assurance suppliers are Gold Suppliers."))
    if not in_regions(supplier.country, profile.ta_eligible_regions):
        where = supplier.country.strip() or "no country recorded"
        found.append(Notice("SUP-ELIG", f"{supplier.name} is registered outside the regions "
                                        f"Trade Assurance covers ({where})."))
    return found


def _comparable(amount: Money, currency: str, schedule: FeeSchedule) -> Decimal | None:
    """``amount`` in ``currency`` through the user's USD rates; None when one is missing."""
    if amount.currency == currency:
        return amount.amount
    source, target = schedule.usd_rate(amount.currency), schedule.usd_rate(currency)
    if source is None or target is None:
        return None
    return amount.amount * source / target


def limit_warning(total: Money, supplier: Supplier, schedule: FeeSchedule) -> Notice | None:
    """SUP-LIMIT: the order total above the supplier's known TA limit (None: not above, or
    no limit recorded). Without an exchange rate between the two currencies, say so."""
    limit = supplier.ta_limit
    if limit is None:
        return None
    in_limit_currency = _comparable(total, limit.currency, schedule)
    if in_limit_currency is None:
        return Notice("SUP-LIMIT", f"{supplier.name}'s Trade Assurance limit is {limit}; this "
                                   f"order is in {total.currency}, and without an exchange rate "
                                   "it cannot be compared. Above the limit your payment would "
                                   "be frozen until the order completes.")
    if in_limit_currency <= limit.amount:
        return None
    return Notice("SUP-LIMIT", f"The order total {total} exceeds {supplier.name}'s Trade "
                               f"Assurance limit of {limit}: your payment would be frozen until "
                               "the order completes.")


def payee_warning(payment: Payment, supplier: Supplier) -> Notice | None:
    """PAY-TT: a wire to anyone but the supplier's platform-designated account."""
    if payment.method not in WIRES:
        return None
    designated = _plain(supplier.designated_account)
    if not designated:
        return Notice("PAY-TT", f"No platform-designated account is recorded for "
                                f"{supplier.name}: a wire is protected only when sent to it.")
    if _plain(payment.payee) != designated:
        payee = payment.payee.strip() or "no payee entered"
        return Notice("PAY-TT", f"This wire went to {payee}, not to {supplier.name}'s "
                                "platform-designated account: it is not protected by Trade "
                                "Assurance.")
    return None


def _plain(account: str) -> str:
    """An account as compared: case, spaces and dashes do not count (IBANs are written with
    spaces or without)."""
    return "".join(ch for ch in account.lower() if ch.isalnum())



def order_warnings(order: Order, supplier: Supplier, profile: RuleProfile,
                   schedule: FeeSchedule) -> list[Notice]:
    """What the order screen warns about: for a Trade Assurance order, a supplier that may not
    be covered (SUP-ELIG), a total above its limit (SUP-LIMIT) and wires to another payee
    (PAY-TT). An offline order has its own warning (OFFLINE)."""
    if not order.online:
        return []
    found = eligibility_warnings(supplier, profile)
    if (limit := limit_warning(order.total, supplier, schedule)) is not None:
        found.append(limit)
    found += [notice for payment in order.payments
              if payment.method in WIRES and payment.payee.strip()
              and (notice := payee_warning(payment, supplier)) is not None]
    return found
