"""SUP-CERT: certificate reminders with dates worked by hand, the shipment warning, the files,
and what the command line shows."""

import json
from datetime import date

import pytest

from ta_desktop.cli import main
from ta_desktop.core.domain.certificates import (
    certificate_deadlines,
    is_expiring,
    shipment_warnings,
)
from ta_desktop.core.domain.entities import Certificate
from ta_desktop.core.domain.types import Party
from tests.factories import TODAY, make_order, make_supplier

# 23 January 2027 minus 60 days: 7 days of November (24-30), 31 of December, 22 of January
# before the 23rd = 60, so the reminder starts on Tuesday 24 November 2026.
CE = Certificate("CE (EMC) test report", "EMC-1", "TÜV", date(2027, 1, 23), kind="CE", id=7)


def test_the_reminder_starts_60_days_before_expiry(profile):
    assert profile.certificate_reminder_days == 60
    assert not is_expiring(CE, profile, date(2026, 11, 23))
    assert is_expiring(CE, profile, date(2026, 11, 24))
    assert certificate_deadlines(3, "HQ", [CE], profile, date(2026, 11, 23)) == []
    [deadline] = certificate_deadlines(3, "HQ", [CE], profile, date(2026, 11, 24))
    assert (deadline.rule, deadline.due, deadline.safe_by, deadline.party) == (
        "SUP-CERT", date(2027, 1, 23), date(2027, 1, 22), Party.BUYER)
    assert deadline.supplier_id == 3 and deadline.order_id is None
    assert deadline.days_left(date(2026, 11, 24)) == 60
    assert deadline.title == "Ask HQ for a renewed CE (EMC) test report"
    assert deadline.shows_from == date(2026, 11, 24)  # 23 Jan 2027 less 60 days


def test_an_expired_certificate_stays_overdue_and_one_without_a_date_is_never_reminded(profile):
    expired = Certificate("RoHS lab report", valid_until=date(2026, 11, 20), kind="RoHS", id=8)
    undated = Certificate("BSCI audit", kind="BSCI", id=9)
    [deadline] = certificate_deadlines(3, "HQ", [expired, undated], profile, TODAY)
    assert deadline.is_overdue(TODAY) and deadline.left_text(TODAY) == "5 days overdue"
    assert deadline.title == "Ask HQ for a renewed RoHS lab report"


def test_an_order_shipping_after_a_relevant_certificate_expires_is_warned():
    iso = Certificate("ISO 9001:2015", valid_until=date(2026, 12, 31), kind="ISO 9001")
    rohs = Certificate("RoHS report", valid_until=date(2026, 12, 1), kind="RoHS")
    order = make_order(shipment_date=date(2027, 2, 1), spec_text="Compliance: CE marking.")
    warnings = shipment_warnings(order, [CE, iso, rohs])
    # CE is named in the specification; ISO 9001 covers the company; RoHS is not asked for.
    assert [w.certificate for w in warnings] == [CE, iso]
    assert warnings[0].text == (
        "SUP-CERT: CE (EMC) test report expires on 2027-01-23, before the agreed shipment date "
        "2027-02-01: ask the supplier for a renewed one before the goods ship.")
    # A specification naming no kind relies on every certificate (the conservative reading).
    assert len(shipment_warnings(make_order(shipment_date=date(2027, 2, 1)), [CE, rohs])) == 2
    assert shipment_warnings(make_order(shipment_date=date(2027, 1, 23)), [CE]) == []


@pytest.mark.both_engines
def test_certificates_keep_type_scope_and_a_stored_copy_of_their_file(workspace, tmp_path):
    original = tmp_path / "ce.pdf"
    original.write_bytes(b"%PDF-1.4 CE certificate")
    sha256, name = workspace.certificate_files.put(original)
    saved = workspace.suppliers.save(make_supplier(certificates=[Certificate(
        "CE report", kind="CE", scope="Power banks PB-20K", valid_until=date(2027, 1, 23),
        file_sha256=sha256, file_name=name)])).value
    [certificate] = workspace.suppliers.get(saved.id).certificates
    assert (certificate.kind, certificate.scope, certificate.file_name) == (
        "CE", "Power banks PB-20K", "ce.pdf")
    original.unlink()  # the store keeps its own copy
    assert workspace.certificate_files.path_of(certificate.file_sha256).read_bytes() == \
        b"%PDF-1.4 CE certificate"


@pytest.mark.both_engines
def test_deadlines_json_includes_supplier_certificate_rows(workspace, db_target, capsys):
    workspace.suppliers.save(make_supplier("HQ", certificates=[CE]))
    [deadline] = [d for d in workspace.disputes.deadlines() if d.rule == "SUP-CERT"]
    assert deadline.due == date(2027, 1, 23)
    workspace.close()
    assert main(["--db", str(db_target), "deadlines", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    certificate_rows = [r for r in rows if r["rule"] == "SUP-CERT"]
    # The command line lives on the real today; a certificate that expires in January 2027 is
    # reminded from 24 November 2026 on, so the row is there whenever the suite runs after it.
    if date.today() >= date(2026, 11, 24):
        assert len(certificate_rows) == 1
        assert certificate_rows[0]["order_id"] is None
        assert certificate_rows[0]["supplier_id"] is not None


@pytest.mark.both_engines
def test_suppliers_json_adds_the_scorecard_keys(db_target, capsys):
    assert main(["--db", str(db_target), "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_target), "suppliers", "--json"]) == 0
    suppliers = json.loads(capsys.readouterr().out)
    for row in suppliers:
        assert {"name", "country", "trade_assurance", "gold_supplier", "gold_since",
                "orders"} <= set(row)  # the keys it had keep their names
        assert row["on_time_rate"] is None or 0 <= row["on_time_rate"] <= 1
        assert row["average_readiness"] is None or 0 <= row["average_readiness"] <= 100
        for key in ("orders_shipped", "disputes_opened", "certificates_expiring"):
            assert isinstance(row[key], int) and row[key] >= 0
    assert sum(row["certificates_expiring"] for row in suppliers) >= 2  # demo: expired + soon
    assert any(row["on_time_rate"] is not None for row in suppliers)


def test_a_certificate_file_survives_emptying_the_trash_and_a_backup_and_restore(
        workspace, tmp_path):
    from ta_desktop.core.services.backup import restore
    from ta_desktop.core.services.workspace import Workspace

    original = tmp_path / "ce.pdf"
    original.write_bytes(b"%PDF-1.4 CE certificate")
    sha256, name = workspace.certificate_files.put(original)
    supplier = workspace.suppliers.save(make_supplier(certificates=[Certificate(
        "CE report", kind="CE", file_sha256=sha256, file_name=name)])).value
    # The same file attached to an order as evidence, then thrown away for good.
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    [item] = workspace.evidence.add_files(order.id, [original]).value
    workspace.evidence.trash(item.id)
    workspace.evidence.empty_trash()
    stored = workspace.certificate_files.path_of(sha256)
    assert stored.read_bytes() == b"%PDF-1.4 CE certificate"  # a certificate still uses it
    assert workspace.check_data().orphans == []  # and verify knows it is not an orphan

    out = workspace.backups.back_up(tmp_path / "b.zip").path
    target, files = tmp_path / "restored.sqlite", tmp_path / "restored-files"
    restore(out, target, files)
    restored = Workspace.open(target, data_dir=files)
    try:
        [certificate] = restored.suppliers.get(supplier.id).certificates
        assert restored.certificate_files.path_of(certificate.file_sha256).read_bytes() == \
            b"%PDF-1.4 CE certificate"
    finally:
        restored.close()
