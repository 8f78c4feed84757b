"""The reminder stores (the banner's, the tray's): what was reminded is remembered across runs
in the settings, and only while its deadline is still due soon, so the list stays small."""

from ta_desktop.ui.home.reminder_banner import SettingsReminderStore


def test_reminded_keys_are_remembered_across_runs_while_still_due_soon(qtbot):
    first_run = SettingsReminderStore()
    first_run.mark(["TA-1/pay", "TA-2/ship"], current=["TA-1/pay", "TA-2/ship", "TA-3/ship"])
    next_run = SettingsReminderStore()  # reads the same settings
    assert next_run.unseen(["TA-1/pay", "TA-2/ship", "TA-3/ship"]) == ["TA-3/ship"]
    # A day later TA-1's deadline is past: its key is forgotten when the next ones are marked.
    next_run.mark(["TA-3/ship"], current=["TA-2/ship", "TA-3/ship", "TA-4/pay"])
    assert SettingsReminderStore()._keys() == {"TA-2/ship", "TA-3/ship"}
    assert SettingsReminderStore().unseen(["TA-4/pay", "TA-2/ship"]) == ["TA-4/pay"]


def test_a_certificate_reminder_names_no_order(qtbot):
    from datetime import date

    from ta_desktop.core.domain.deadlines import Deadline, DeadlineKind
    from ta_desktop.core.domain.types import Party
    from ta_desktop.ui.home.reminder_banner import MemoryReminderStore, ReminderBanner

    banner = ReminderBanner(MemoryReminderStore())
    qtbot.addWidget(banner)
    today = date(2026, 12, 1)
    certificate = Deadline(key="supplier-7/SUP-CERT/BSCI", rule="SUP-CERT",
                           title="Ask Shenzhen Plastics for a renewed BSCI audit", due=today,
                           party=Party.BUYER, consequence="", kind=DeadlineKind.DUE,
                           supplier_id=7)
    banner.remind([certificate], today)
    text = banner.text.text()
    assert text.startswith("Reminder: Ask Shenzhen Plastics for a renewed BSCI audit: due today")
    assert "order" not in text
