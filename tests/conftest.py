"""Test setup shared by every test: Qt runs offscreen, the default rule profile is active."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from ta_desktop.core.domain.rules import RuleProfile, default_profile


@pytest.fixture
def profile() -> RuleProfile:
    return default_profile()
