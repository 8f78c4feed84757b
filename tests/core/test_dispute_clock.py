"""The dispute clock: opened = day 1, every number from the rule profile (DS-ESC-*, DS-REPLY,
DS-TEAM), exact across month and year ends, leap days, weekends and China's holidays."""

import dataclasses
import json
from datetime import date

import pytest

from ta_desktop.cli import main
from ta_desktop.core.domain.disputes import dispute_clock
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.types import Party
from ta_desktop.core.domain.workdays import WorkCalendar
from ta_desktop.core.services.workdays import team_calendar

D = date.fromisoformat


@pytest.fixture
def cn(profile):
    return team_calendar(profile)


@pytest.mark.parametrize(
    ("opened", "escalate_from", "auto"),
    [
        ("2026-01-10", "2026-01-13", "2026-02-09"),
        ("2026-01-30", "2026-02-02", "2026-03-01"),  # month end, 28-day February
        ("2026-12-29", "2027-01-01", "2027-01-28"),  # year end
        ("2028-02-27", "2028-03-01", "2028-03-28"),  # leap year: 29 February counts
        ("2027-02-27", "2027-03-02", "2027-03-29"),  # the same day a year earlier
        ("2028-02-29", "2028-03-03", "2028-03-30"),  # opened on a leap day
    ],
)
def test_escalation_days_count_the_opening_day_as_day_one(profile, cn, opened, escalate_from, auto):
    clock = dispute_clock(D(opened), profile, cn)
    assert clock.escalate_from == D(escalate_from)
    assert clock.auto_escalation == D(auto)
    assert clock.day_number(clock.escalate_from) == profile.manual_escalation_from_day == 4
    assert clock.day_number(clock.auto_escalation) == profile.auto_escalation_on_day == 31


@pytest.mark.parametrize(
    ("proposal", "by", "due", "answers"),
    [
        ("2026-01-12", Party.SUPPLIER, "2026-01-19", Party.BUYER),
        ("2026-12-28", Party.SUPPLIER, "2027-01-04", Party.BUYER),  # across the year end
        ("2028-02-25", Party.BUYER, "2028-03-03", Party.SUPPLIER),  # across a leap day
        ("2026-02-25", Party.BUYER, "2026-03-04", Party.SUPPLIER),  # no leap day
    ],
)
def test_reply_is_due_seven_days_after_the_proposal_from_the_other_side(
    profile, cn, proposal, by, due, answers
):
    clock = dispute_clock(D(proposal), profile, cn, proposal=D(proposal), proposal_by=by)
    assert clock.reply_due == D(due)
    assert clock.reply_by == answers


@pytest.mark.parametrize(
    ("opened", "escalated", "due", "why"),
    [
        ("2026-10-20", "2026-11-02", "2026-11-09", "Monday: the next Monday, weekend skipped"),
        ("2026-10-20", "2026-11-06", "2026-11-13", "Friday: the next Friday"),
        ("2026-11-03", "2026-11-07", "2026-11-13", "escalated on a Saturday: Mon-Fri count"),
        ("2026-09-20", "2026-09-29", "2026-10-12",
         "Golden Week 1-7 Oct skipped; Saturday 10 Oct is a make-up working day"),
        ("2026-02-01", "2026-02-12", "2026-02-26",
         "Spring Festival 15-23 Feb skipped; Saturday 14 Feb is a make-up working day"),
        ("2026-12-15", "2026-12-31", "2027-01-08", "New Year's Day skipped across the year end"),
        ("2025-09-20", "2025-09-30", "2025-10-14",
         "Golden Week 2025 (1-8 Oct) skipped; Saturday 11 Oct is a make-up working day"),
    ],
)
def test_team_answers_within_five_chinese_working_days_after_escalation(
    profile, opened, escalated, due, why
):
    clock = dispute_clock(D(opened), profile, team_calendar(profile), escalated=D(escalated))
    assert clock.team_response_due == D(due), why


def test_user_can_add_a_day_off_and_a_working_day_to_the_team_calendar(profile):
    calendar = team_calendar(profile, days_off=[D("2026-11-10")])
    assert calendar.add_working_days(D("2026-11-06"), 5) == D("2026-11-16")
    worked = calendar.with_changes(working_days=[D("2026-11-07"), D("2026-11-10")])
    assert worked.add_working_days(D("2026-11-06"), 5) == D("2026-11-12")


def test_without_a_public_calendar_only_weekends_are_skipped(profile):
    clock = dispute_clock(D("2026-09-20"), profile, WorkCalendar(), escalated=D("2026-09-29"))
    assert clock.team_response_due == D("2026-10-06")


def test_every_number_comes_from_the_rule_profile(profile, cn):
    changed = dataclasses.replace(profile, manual_escalation_from_day=8, auto_escalation_on_day=8,
                                  proposal_reply_days=3, team_response_working_days=1)
    clock = dispute_clock(D("2026-01-10"), changed, cn, escalated=D("2026-01-17"),
                          proposal=D("2026-01-11"), proposal_by=Party.BUYER)
    assert (clock.escalate_from, clock.auto_escalation) == (D("2026-01-17"), D("2026-01-17"))
    assert clock.reply_due == D("2026-01-14")
    assert clock.team_response_due == D("2026-01-19")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"escalated": D("2026-01-09")}, "before the dispute was opened"),
        ({"escalated": D("2026-01-12")}, "can be escalated from 2026-01-13"),
        ({"escalated": D("2026-02-10")}, "escalated automatically on 2026-02-09"),
        ({"proposal": D("2026-01-09"), "proposal_by": Party.BUYER}, "before the dispute"),
        ({"proposal": D("2026-01-12")}, "who made it"),
    ],
)
def test_impossible_dispute_dates_are_refused(profile, cn, kwargs, message):
    with pytest.raises(ValidationError, match=message):
        dispute_clock(D("2026-01-10"), profile, cn, **kwargs)


def run_cli(capsys, *args):
    try:
        code = main(["dispute-clock", *args])
    except SystemExit as exited:  # argparse refuses bad arguments by exiting
        code = exited.code
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_exactly_the_contracted_json_keys(capsys):
    code, out, _ = run_cli(capsys, "--opened", "2026-01-10", "--proposal", "2026-01-12",
                           "--by", "supplier", "--today", "2026-01-13", "--json")
    assert code == 0
    assert json.loads(out) == {
        # DS-ESC-EARLY: day 4 would be 13 Jan, but the supplier proposed on 12 Jan.
        "escalate_from": "2026-01-12",
        "auto_escalation": "2026-02-09",
        "reply_due": "2026-01-19",
        "reply_by": "buyer",
        "team_response_due": None,
        "days_left": 6,
    }


def test_cli_counts_days_left_to_the_team_once_escalated(capsys):
    code, out, _ = run_cli(capsys, "--opened", "2026-09-01", "--escalated", "2026-09-29",
                           "--today", "2026-09-30", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["team_response_due"] == "2026-10-12"
    assert data["reply_due"] is None and data["reply_by"] is None
    assert data["days_left"] == 12


def test_cli_without_proposal_counts_to_automatic_escalation(capsys):
    _, out, _ = run_cli(capsys, "--opened", "2026-12-29", "--today", "2027-01-01", "--json")
    assert json.loads(out)["days_left"] == 27


def test_cli_table_names_each_date_with_its_dispute_day(capsys):
    code, out, _ = run_cli(capsys, "--opened", "2026-01-10", "--today", "2026-01-10")
    assert code == 0
    assert "13 Jan 2026" in out and "day 4" in out and "day 31" in out
    assert "30 day(s) left" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--opened", "2026-02-30"], "not a date that exists"),
        (["--opened", "2026-01-10", "--escalated", "2026-01-05"], "before the dispute was opened"),
        (["--opened", "2026-01-10", "--proposal", "2026-01-01", "--by", "buyer"], "before"),
        (["--opened", "2026-01-10", "--proposal", "2026-01-12"], "who made it"),
        (["--opened", "2026-01-10", "--proposal", "2026-01-12", "--by", "platform"], "invalid"),
    ],
)
def test_cli_refuses_impossible_input_with_one_line_and_exit_2(capsys, args, message):
    code, out, err = run_cli(capsys, *args, "--json")
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
