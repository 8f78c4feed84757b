"""A rule profile with a history: versions (who, when, why), JSON import and export, and each
order following the version in force when it was sent until a newer one is applied to it.
Dates are worked out by hand: a dispute opened on 25 Nov 2026 is on day 1 that day."""

import json
from datetime import date
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import text

from ta_desktop.cli import main
from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.errors import ConflictError, InputPathError, ValidationError
from ta_desktop.core.domain.rules import default_profile
from ta_desktop.core.domain.types import ClaimType, PaymentStatus
from ta_desktop.core.storage.db import alembic_config
from tests.factories import TODAY, make_order, make_supplier

pytestmark = pytest.mark.both_engines

WHY = "The help page of 20 Nov 2026 says day 35"


def paid_order(workspace, number):
    supplier = workspace.suppliers.find(1) or workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(number, supplier.id)).value
    workspace.orders.perform(order.id, Action.SUBMIT)
    workspace.orders.perform(order.id, Action.SUPPLIER_CONFIRM)
    workspace.orders.perform(order.id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), TODAY, PaymentStatus.RECEIVED))
    return workspace.orders.get(order.id)


def auto_escalation(workspace, order_id):
    return next(d.due for d in workspace.disputes.order_deadlines(order_id)
                if d.rule == "DS-ESC-AUTO")


def open_dispute(workspace, order_id):
    workspace.disputes.open(order_id, claim=ClaimType.QUALITY, requested_refund=Decimal("100"),
                            claim_text="Cracked cases")


def test_before_any_change_the_history_is_the_shipped_profile(workspace):
    [only] = workspace.rules.history()
    assert (only.version, only.profile.name, only.profile.date) == (1, "TA buyer guide",
                                                                    "2026-11-01")


def test_an_edit_is_a_new_version_with_who_when_and_why(workspace):
    workspace.member = "Lily"
    changed = workspace.settings.set_rule_values({"auto_escalation_on_day": "35"}, WHY).value
    assert (changed.version, changed.date) == (2, "2026-11-25")  # dated the day of the edit
    newest, first = workspace.rules.history()
    assert (newest.version, newest.changed_by, newest.reason) == (2, "Lily", WHY)
    assert newest.changed_at is not None
    assert newest.profile.auto_escalation_on_day == 35
    assert (first.version, first.profile.auto_escalation_on_day) == (1, 31)
    assert first.reason == "The rules in force before the first change."
    assert workspace.rules.current().version == 2


def test_an_order_keeps_the_version_in_force_when_it_was_sent(workspace):
    before = paid_order(workspace, "TA-1")
    assert before.profile_version == 1
    workspace.settings.set_rule_values({"auto_escalation_on_day": "35"}, WHY)
    after = paid_order(workspace, "TA-2")
    assert after.profile_version == 2
    for order in (before, after):
        open_dispute(workspace, order.id)
    # Opened 25 Nov = day 1. Version 1: day 31 = 25 Nov + 30 = 25 Dec.
    # Version 2: day 35 = 25 Nov + 34 = 29 Dec.
    assert auto_escalation(workspace, before.id) == date(2026, 12, 25)
    assert auto_escalation(workspace, after.id) == date(2026, 12, 29)


def test_a_newer_version_is_applied_after_a_preview_of_what_moves(workspace):
    order = paid_order(workspace, "TA-1")
    open_dispute(workspace, order.id)
    workspace.settings.set_rule_values({"auto_escalation_on_day": "35"}, WHY)
    moves = workspace.rules.preview(order.id, workspace.disputes.order_deadlines)
    assert [(m.rule, m.before, m.after) for m in moves] == [
        ("DS-ESC-AUTO", date(2026, 12, 25), date(2026, 12, 29))]
    assert workspace.orders.get(order.id).profile_version == 1  # a preview changes nothing
    applied = workspace.rules.apply(order.id).value
    assert applied.profile_version == 2
    assert applied.last_event(Action.APPLY_PROFILE).note == (
        "Rules version 1 -> version 2 (TA buyer guide)")
    assert auto_escalation(workspace, order.id) == date(2026, 12, 29)
    with pytest.raises(ValidationError, match="already follows version 2"):
        workspace.rules.apply(order.id)


def test_a_version_is_exported_and_imported_as_json(workspace, tmp_path):
    workspace.member = "Lily"
    workspace.settings.set_rule_values({"proposal_reply_days": "5"}, "Shorter replies")
    path = tmp_path / "rules.json"
    workspace.rules.export_file(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["name"], data["version"], data["changed_by"], data["reason"]) == (
        "TA buyer guide", 2, "Lily", "Shorter replies")
    assert data["values"]["proposal_reply_days"] == {
        "rule": "DS-REPLY", "value": 5, "label": "Days to answer a proposal"}
    data["values"]["proposal_reply_days"]["value"] = 6
    data["name"], data["date"] = "Our reading", "2026-11-20"
    path.write_text(json.dumps(data), encoding="utf-8")
    imported = workspace.rules.import_file(path).value
    # The file's own name and date are kept; the history numbers it.
    assert (imported.version, imported.name, imported.date) == (3, "Our reading", "2026-11-20")
    assert workspace.profile.proposal_reply_days == 6
    assert workspace.rules.history()[0].reason == "Imported from rules.json (its version 2)."
    old = tmp_path / "v1.json"
    workspace.rules.export_file(old, 1)
    assert json.loads(old.read_text(encoding="utf-8"))["values"]["proposal_reply_days"][
        "value"] == default_profile().proposal_reply_days


def test_a_file_that_is_no_profile_changes_nothing(workspace, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="is not a JSON rule profile"):
        workspace.rules.import_file(bad)
    bad.write_text(json.dumps({"name": "x", "source": "y", "date": "soon", "values": {}}),
                   encoding="utf-8")
    with pytest.raises(ValidationError, match="is not a date"):
        workspace.rules.import_file(bad)
    with pytest.raises(InputPathError):
        workspace.rules.import_file(tmp_path)
    assert len(workspace.rules.history()) == 1


def test_an_edit_over_rules_changed_in_another_window_is_a_conflict(workspace, other_window):
    workspace.profile  # noqa: B018 (this window reads the rules)
    other_window.settings.set_rule_values({"proposal_reply_days": "5"}, "theirs")
    with pytest.raises(ConflictError):
        workspace.settings.set_rule_values({"proposal_reply_days": "6"}, "mine")
    assert [v.reason for v in workspace.rules.history()] == [
        "theirs", "The rules in force before the first change."]


def test_the_command_line_lists_previews_and_applies(workspace, capsys):
    order = paid_order(workspace, "TA-1")
    open_dispute(workspace, order.id)
    workspace.settings.set_rule_values({"auto_escalation_on_day": "35"}, WHY)
    db = workspace.db.target
    assert main(["--db", db, "rules", "history", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(v["version"], v["in_force"], v["reason"]) for v in listed] == [
        (2, True, WHY), (1, False, "The rules in force before the first change.")]
    assert main(["--db", db, "rules", "apply", "TA-1", "--json"]) == 0
    preview = json.loads(capsys.readouterr().out)
    assert preview["applied"] is False and preview["from_version"] == 1
    assert preview["moves"] == [{"rule": "DS-ESC-AUTO", "title": "Automatic escalation",
                                 "before": "2026-12-25", "after": "2026-12-29"}]
    assert main(["--db", db, "rules", "apply", "TA-1", "--yes"]) == 0
    assert "now follows version 2" in capsys.readouterr().out
    assert main(["--db", db, "rules", "apply", "TA-1", "--version", "9"]) == 2
    assert capsys.readouterr().err.strip() == (
        "ta-desktop: error: There is no version 9 of the rule profile.")


def test_the_upgrade_keeps_rows_and_their_orders_follow_the_current_rules(workspace):
    order = paid_order(workspace, "TA-1")
    config = alembic_config()
    with workspace.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
        connection.execute(text("UPDATE orders SET notes = 'kept' WHERE id = :id"),
                           {"id": order.id})
    workspace.db.migrate()
    upgraded = workspace.orders.get(order.id)
    assert (upgraded.notes, upgraded.profile_version, len(upgraded.payments)) == ("kept", None, 1)
    assert upgraded.payments[0].payee == ""
    assert workspace.suppliers.get(upgraded.supplier_id).designated_account == ""
    assert workspace.rules.profile_for(upgraded) == workspace.rules.current()
