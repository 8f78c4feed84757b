"""The rule profile in the app: every value with its rule id, adjustable, checked."""

from PySide6.QtCore import Qt

from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.ui.settings.rules_dialog import RulesDialog


def row_of(dialog, name):
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, 2).data(Qt.ItemDataRole.UserRole) == name:
            return row
    raise AssertionError(name)


def test_user_adjusts_a_rule_value_and_every_deadline_reads_it(qtbot, workspace, ops):
    dialog = RulesDialog(workspace.settings, ops)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(RuleProfile.value_names())
    row = row_of(dialog, "auto_escalation_on_day")
    assert dialog.table.item(row, 0).text() == "DS-ESC-AUTO"
    dialog.table.item(row, 2).setText("8")
    dialog._on_buttons_accepted()
    assert workspace.profile.auto_escalation_on_day == 8
    assert workspace.settings.get("rule_overrides") == {"auto_escalation_on_day": 8}


def test_a_bad_value_is_refused_with_its_rule_and_nothing_changes(qtbot, workspace, ops):
    dialog = RulesDialog(workspace.settings, ops)
    qtbot.addWidget(dialog)
    dialog.table.item(row_of(dialog, "evidence_max_bytes"), 2).setText("ten MB")
    dialog._on_buttons_accepted()
    assert dialog.error.isVisibleTo(dialog) and "EV-SIZE" in dialog.error.text()
    assert workspace.profile.evidence_max_bytes == 10_000_000


def test_restore_defaults_forgets_the_adjustments(qtbot, workspace, ops):
    workspace.settings.set_rule_values({"proposal_reply_days": "5"})
    dialog = RulesDialog(workspace.settings, ops)
    qtbot.addWidget(dialog)
    dialog._on_restore_clicked()
    assert dialog.table.item(row_of(dialog, "proposal_reply_days"), 2).text() == "7"
    assert workspace.profile.proposal_reply_days == 7


def test_values_read_in_mb_percent_and_days_like_the_fees_dialog(qtbot, workspace, ops):
    from ta_desktop.core.domain.types import PaymentMethod
    from ta_desktop.ui.settings.payment_fees_dialog import PaymentFeesDialog

    dialog = RulesDialog(workspace.settings, ops)
    qtbot.addWidget(dialog)

    def cells(name):
        row = row_of(dialog, name)
        return [dialog.table.item(row, c).text() for c in range(1, 4)]

    assert cells("evidence_max_bytes") == ["Largest evidence file", "10", "MB"]
    assert cells("card_fee_rate") == ["Card payment fee rate", "2.95", "%"]
    assert cells("proposal_reply_days")[1:] == ["7", "days"]
    assert cells("domestic_wire_cap_non_usd")[1:] == ["1,000,000", "USD"]
    fees = PaymentFeesDialog(workspace.settings, workspace.profile, ops)
    qtbot.addWidget(fees)
    card = list(PaymentMethod).index(PaymentMethod.CARD)
    assert fees.methods.item(card, 1).text() == "2.95"
    assert "(%)" in fees.methods.horizontalHeaderItem(1).text()

    dialog.table.item(row_of(dialog, "evidence_max_bytes"), 2).setText("12 MB")
    dialog.table.item(row_of(dialog, "card_fee_rate"), 2).setText("3.1 %")
    dialog._on_buttons_accepted()
    assert workspace.profile.evidence_max_bytes == 12_000_000
    assert str(workspace.profile.card_fee_rate) == "0.031"


def test_no_repository_path_in_the_rules_dialog(qtbot, workspace, ops):
    from PySide6.QtWidgets import QLabel

    dialog = RulesDialog(workspace.settings, ops)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [dialog.table.item(r, c).text() for r in range(dialog.table.rowCount())
              for c in range(dialog.table.columnCount())]
    assert not [t for t in texts if ".md" in t or "shared/" in t or "resources/" in t]
