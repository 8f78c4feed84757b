"""How big a number a record may hold, and how exact: money to 1/10,000, amounts and
quantities below sane ceilings, days within two centuries.

These are limits of TA Desktop, not Trade Assurance rules (the platform publishes none), so
they are constants here rather than values of the rule profile. They are chosen so that every
accepted value is stored exactly (money is kept as a 64-bit count of 1/10,000 units, which ends
near 9.2 x 10^14) with room to add many of them up, and so that a typing slip (ten zeros too
many) is caught with a message instead of crashing or being rounded away.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.types import parse_decimal

# Money is kept to four decimal places (the store's 1/10,000 units); more is refused, never
# rounded: a payment of 0.00001 must not become 0.0000, nor 1.00005 become 1.0001.
MONEY_DECIMALS = 4
MONEY_STEP = Decimal(1).scaleb(-MONEY_DECIMALS)
# The largest amount of money (a price, a payment, an order's total, a refund, a limit): one
# million million in the order's currency, 0.1 % of what the store could hold.
MAX_AMOUNT = Decimal(10) ** 12
# The largest quantity of one order line.
MAX_QUANTITY = 10**9


# The days a record or a command may name: no Alibaba order is older than Alibaba.com (1999),
# and the last day leaves every deadline computed from it well inside the calendar (which ends
# on 9999-12-31: a dispute opened then would have no escalation day).
FIRST_DAY = date(1999, 1, 1)
LAST_DAY = date(2199, 12, 31)


def day_problem(day: date, what: str = "date") -> str | None:
    """Why ``day`` is out of range, or None when it is within ``FIRST_DAY``..``LAST_DAY``."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return (f"The {what} {day.isoformat()} is out of range; give a day from {FIRST_DAY} to "
            f"{LAST_DAY}.")


def recorded_day(on: date | None, today: date) -> date:
    """The day something happened (``today`` when not given): never in the future, never out
    of range (``ValidationError`` with the sentence)."""
    on = on or today
    if on > today:
        raise ValidationError("That date is in the future; record what has happened.")
    if problem := day_problem(on):
        raise ValidationError(problem)
    return on


def amount_problem(value: Decimal, what: str = "amount", *, zero_ok: bool = False) -> str | None:
    """Why ``value`` cannot be stored as money (``what`` names it), or None when it can.
    Zero is allowed only with ``zero_ok`` (a unit price); a negative amount never is."""
    if not value.is_finite():
        return f"The {what} must be a number."
    if value < 0 or (value == 0 and not zero_ok):
        return f"The {what} must be {'0 or more' if zero_ok else 'above 0'}."
    if value > MAX_AMOUNT:
        return f"The {what} can be at most {MAX_AMOUNT:,}; check the number of zeros."
    if value != value.quantize(MONEY_STEP):
        return (f"The {what} has more than {MONEY_DECIMALS} decimal places; TA Desktop keeps "
                f"money to {MONEY_STEP} and never rounds it for you.")
    return None


def quantity_problem(value: object) -> str | None:
    """Why ``value`` is not a quantity of an order line, or None when it is."""
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        return "The quantity must be a whole number above 0."
    if value > MAX_QUANTITY:
        return f"The quantity can be at most {MAX_QUANTITY:,}; check the number of zeros."
    return None


def parse_amount(text: str | Decimal, what: str = "amount", *, zero_ok: bool = False,
                 field: str = "amount") -> Decimal:
    """A user's amount of money, or a ``ValidationError`` saying (for ``field``) why not."""
    value = parse_decimal(text, what)
    problem = amount_problem(value, what, zero_ok=zero_ok)
    if problem:
        raise ValidationError(problem, field_errors={field: problem})
    return value
