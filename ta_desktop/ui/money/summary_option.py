"""Whether the contract summaries this user prints or saves state the landed cost (LAND): the
buyer's own figure, so off unless they turn it on (on the order's Landed cost tab)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

LANDED_IN_SUMMARY = "money/landed_in_summary"


def landed_in_summary() -> bool:
    return QSettings().value(LANDED_IN_SUMMARY, False, type=bool)


def set_landed_in_summary(shown: bool) -> None:
    QSettings().setValue(LANDED_IN_SUMMARY, shown)
