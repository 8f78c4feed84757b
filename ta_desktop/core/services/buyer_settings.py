"""What the buyer sets once and every summary uses: their company block and their payment fees.

Both live in the settings table with the data (JSON), as overrides of the defaults: the fee
schedule stores only what differs from the rule profile, so a changed profile still shows through.
"""

from __future__ import annotations

from dataclasses import asdict

from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.entities import BuyerDetails
from ta_desktop.core.domain.fees import FeeSchedule
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.services.settings import SettingsService

BUYER_KEY = "buyer_company"
FEES_KEY = "payment_fees"


def load_buyer(settings: SettingsService) -> BuyerDetails:
    stored = settings.get(BUYER_KEY, {}) or {}
    known = BuyerDetails.__dataclass_fields__
    return BuyerDetails(**{k: str(v).strip() for k, v in stored.items() if k in known})


def save_buyer(settings: SettingsService, buyer: BuyerDetails) -> Outcome[None]:
    return settings.put(BUYER_KEY, {k: v.strip() for k, v in asdict(buyer).items()})


def load_fee_schedule(settings: SettingsService, profile: RuleProfile) -> FeeSchedule:
    return FeeSchedule.from_profile(profile).with_overrides(settings.get(FEES_KEY, {}) or {})


def save_fee_schedule(settings: SettingsService, schedule: FeeSchedule,
                      profile: RuleProfile) -> Outcome[None]:
    return settings.put(FEES_KEY, schedule.to_overrides(FeeSchedule.from_profile(profile)))


def reset_fee_schedule(settings: SettingsService, profile: RuleProfile) -> Outcome[FeeSchedule]:
    written = settings.put(FEES_KEY, {})
    return Outcome(FeeSchedule.from_profile(profile), written.changes)
