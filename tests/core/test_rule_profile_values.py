"""No dead values in the rule profile: every value is read by a rule of the app, and every rule
id the profile or a deadline names is a row of TA_RULES.md (docs/TA_RULES.md, the guide's table
plus the ids TA Desktop added)."""

import json
import re
from pathlib import Path

import pytest

from ta_desktop.core.domain import deadlines as dl
from ta_desktop.core.domain.rules import DEFAULT_PROFILE_PATH, RuleProfile

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ta_desktop"
RULES_MODULE = PACKAGE / "core" / "domain" / "rules.py"
# The code that may read a value: everything but the profile's own module.
SOURCES = "\n".join(path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))
                    if path != RULES_MODULE)
TABLE_IDS = set(re.findall(r"^\| ([A-Z]{2,}(?:-[A-Z]+)*) \|",
                           (ROOT / "docs" / "TA_RULES.md").read_text(encoding="utf-8"),
                           re.MULTILINE))


@pytest.mark.parametrize("name", RuleProfile.value_names())
def test_every_profile_value_is_read_by_a_rule(name):
    # Read as an attribute (profile.dispute_window_days), or by name (the fee of a method).
    assert re.search(rf'\.{name}\b|"{name}"', SOURCES), f"nothing reads the profile value {name}"


def test_the_shipped_profile_holds_exactly_the_values_the_app_knows():
    data = json.loads(DEFAULT_PROFILE_PATH.read_text(encoding="utf-8"))
    assert set(data["values"]) == set(RuleProfile.value_names())
    for name, entry in data["values"].items():
        assert entry["rule"] == RuleProfile.rule_of(name), name


def test_every_rule_id_of_the_profile_is_in_ta_rules():
    data = json.loads(DEFAULT_PROFILE_PATH.read_text(encoding="utf-8"))
    named = {entry["rule"] for entry in data["values"].values()}
    assert named - TABLE_IDS == set()


def test_every_rule_id_of_a_deadline_is_in_ta_rules():
    clocks = {dl.CONFIRM, dl.PAY, dl.SHIP, dl.RECEIVE, dl.DISPUTE_WINDOW, dl.OFFLINE_WINDOW}
    named = {clock.rule for clock in clocks}
    named |= set(re.findall(r'"([A-Z]{2,}(?:-[A-Z]+)+)"',
                            Path(dl.__file__).read_text(encoding="utf-8")))
    assert named - TABLE_IDS == set()
    assert "SHIP-DATE" in named and "DS-OPEN" not in {c.rule for c in clocks}


def test_the_guides_rows_are_all_in_the_copy():
    assert {"DS-ESC-EARLY", "RC-WINDOW", "DS-WINDOW", "DS-CANCEL", "CONF-AUTO", "DS-NEGOTIATE",
            "LEAD", "MOD-REQ", "SUP-CERT", "PAY-SCHED", "LAND"} <= TABLE_IDS
