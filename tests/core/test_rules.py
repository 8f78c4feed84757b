"""The rule profile: every number with its rule id, adjustable, validated."""

from decimal import Decimal

import pytest

from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.rules import RuleProfile


def test_default_profile_holds_the_buyer_guide_numbers(profile):
    assert profile.name == "TA buyer guide"
    assert profile.evidence_max_bytes == 10_000_000
    assert profile.evidence_max_files == 5
    assert profile.evidence_extensions == ("jpg", "jpeg", "png", "gif", "zip")
    assert profile.receiving_extension_days == 15
    assert profile.card_fee_rate == Decimal("0.0295")
    assert RuleProfile.rule_of("auto_escalation_on_day") == "DS-ESC-AUTO"


def test_every_value_has_a_rule_id_and_a_label(profile):
    for name in RuleProfile.value_names():
        assert RuleProfile.rule_of(name)
        assert profile.label(name) != name


def test_a_user_adjusts_a_value_and_sees_only_that_difference(profile):
    changed = profile.with_overrides({"auto_escalation_on_day": "8"})
    assert changed.auto_escalation_on_day == 8
    assert changed.overrides_against(profile) == {"auto_escalation_on_day": 8}


@pytest.mark.parametrize("raw", ["-1", "seven", "", "1.5"])
def test_a_bad_adjustment_is_refused_with_its_rule(profile, raw):
    with pytest.raises(ValidationError, match="DS-REPLY"):
        profile.with_overrides({"proposal_reply_days": raw})
