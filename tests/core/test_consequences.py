"""The question before an irreversible step says what it does and from which day, with the
days from the rule profile and the work calendar."""

from dataclasses import replace
from datetime import date, timedelta

from ta_desktop.core.domain.disputes import DisputeEventKind
from ta_desktop.core.domain.entities import Action
from ta_desktop.core.domain.workdays import WorkCalendar
from ta_desktop.core.services import consequences
from ta_desktop.core.services import formatting as fmt
from tests.factories import order_through

ON = date(2026, 4, 20)  # a Monday


def test_confirming_delivery_says_the_money_goes_and_until_when_a_dispute_is_possible(profile):
    order = order_through(profile, Action.MARK_SHIPPED)
    text = consequences.order_step(Action.CONFIRM_DELIVERY, order, ON, profile)
    assert "releases the payment of 1,000.00 USD to the supplier" in text
    assert fmt.long_day(ON) in text
    assert fmt.long_day(ON + timedelta(days=profile.dispute_window_days)) in text
    longer = replace(profile, dispute_window_days=profile.dispute_window_days + 30)
    assert fmt.long_day(ON + timedelta(days=longer.dispute_window_days)) in \
        consequences.order_step(Action.CONFIRM_DELIVERY, order, ON, longer)


def test_an_offline_order_names_its_complaint_window(profile):
    order = order_through(profile, Action.MARK_SHIPPED, online=False)
    text = consequences.order_step(Action.CONFIRM_DELIVERY, order, ON, profile)
    assert "offline" in text and "OFF-WINDOW" in text and "releases" not in text


def test_cancelling_an_order_says_it_is_for_good(profile):
    order = order_through(profile, Action.SUBMIT)
    text = consequences.order_step(Action.CANCEL, order, ON, profile)
    assert "for good" in text and fmt.long_day(ON) in text
    assert consequences.order_step(Action.MARK_SHIPPED, order, ON, profile) == ""


def test_escalating_names_the_day_the_team_should_answer(profile):
    order = order_through(profile, Action.MARK_SHIPPED)
    calendar = WorkCalendar()
    text = consequences.dispute_step(DisputeEventKind.ESCALATED, order, ON, profile, calendar)
    due = calendar.add_working_days(ON, profile.team_response_working_days)
    assert fmt.long_day(due) in text and "DS-TEAM" in text
    assert f"{profile.team_response_working_days} working days" in text


def test_cancelling_a_dispute_says_where_the_order_goes_back(profile):
    order = order_through(profile, Action.MARK_SHIPPED)
    text = consequences.dispute_step(DisputeEventKind.CANCELLED, order, ON, profile,
                                     WorkCalendar())
    assert "ends it" in text and "cannot be taken back" in text
