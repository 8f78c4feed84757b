"""What every screen uses to show numbers, money, quantities, percentages, dates and names of
values: the core's one formatter (``core/services/formatting.py``, Babel), so a screen and the
PDF it prints say the same thing ("9,000.00 USD", "1,200 pcs", "2.95%", "30 Jun 2027",
"Received"), never an exponent, a raw enum value or "None"."""

from ta_desktop.core.services.formatting import (
    amount,
    day,
    label,
    long_day,
    moment,
    money,
    money_and_home,
    money_of,
    number,
    percent,
    prefixed,
    price,
    quantities,
    quantity,
    short_day,
    weekday_day,
)

__all__ = ["amount", "day", "label", "long_day", "moment", "money", "money_and_home",
           "money_of", "number",
           "percent", "prefixed", "price", "quantities", "quantity", "short_day", "weekday_day"]
