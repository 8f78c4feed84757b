"""Which backups rotation keeps, and when one is due: pure rules, dates worked by hand."""

from datetime import datetime, timedelta

import pytest

from ta_desktop.core.domain.backups import BackupName, BackupPolicy, is_due, to_keep
from ta_desktop.core.domain.errors import ValidationError


def named(text: str, label: str = "daily") -> BackupName:
    return BackupName(datetime.fromisoformat(text), label)


def test_rotation_keeps_the_newest_of_each_day_week_and_month_and_every_safety_copy():
    # 2026-04-01 is a Wednesday: ISO week 14 runs Mon 30 March .. Sun 5 April.
    a = named("2026-03-31 23:00")  # Tue, week 14, March
    b = named("2026-04-01 09:00")  # Wed, week 14
    c = named("2026-04-01 18:00")  # Wed, week 14 (newer than b, same day)
    d = named("2026-04-05 10:00")  # Sun, week 14: the newest of its week
    e = named("2026-04-06 10:00")  # Mon, week 15
    f = named("2026-04-07 10:00")  # Tue, week 15
    g = named("2026-04-07 20:00")  # Tue, week 15: the newest of all
    h = named("2026-02-10 12:00")  # February
    safety = named("2026-03-15 12:00", "before-restore")
    policy = BackupPolicy(keep_daily=3, keep_weekly=2, keep_monthly=2)
    # days: g (7 Apr), e (6 Apr), d (5 Apr); weeks: g (15), d (14); months: g (Apr), a (Mar)
    assert to_keep([a, b, c, d, e, f, g, h, safety], policy) == {g, e, d, a, safety}


def test_a_year_of_daily_backups_keeps_twenty_with_the_default_policy():
    start = datetime(2026, 1, 1, 12, 0)
    year = [BackupName(start + timedelta(days=n), "daily") for n in range(365)]
    kept = {b.created.date().isoformat() for b in to_keep(year, BackupPolicy())}
    # 7 days: 25..31 Dec. 4 ISO weeks (Mondays 28, 21, 14, 7 Dec): their Sundays or the
    # newest day: 31, 27, 20, 13 Dec. 12 months: the last day of each month.
    month_ends = ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31",
                  "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31",
                  "2026-11-30", "2026-12-31"]
    expected = {f"2026-12-{day}" for day in (25, 26, 27, 28, 29, 30, 31, 20, 13)} | \
        set(month_ends)
    assert kept == expected and len(kept) == 20


def test_rotation_always_keeps_the_newest_even_when_told_to_keep_nothing():
    backups = [named("2026-04-01 09:00"), named("2026-04-02 09:00")]
    assert to_keep(backups, BackupPolicy(0, 0, 0)) == {backups[1]}
    assert to_keep([], BackupPolicy()) == set()


def test_names_are_unique_to_the_millisecond_and_read_back():
    first = BackupName(datetime(2026, 4, 1, 9, 30, 15, 123456), "manual")
    assert first.name == "ta-desktop-backup-20260401-093015-123-manual.zip"
    assert BackupName.parse(first.name) == BackupName(datetime(2026, 4, 1, 9, 30, 15, 123000),
                                                      "manual")
    second = BackupName(first.created + timedelta(milliseconds=1), "manual")
    assert second.name != first.name
    assert BackupName.parse("ta-desktop-backup-20261301-000000-000-manual.zip") is None
    assert BackupName.parse("holiday.zip") is None
    assert BackupName.parse("ta-desktop-backup-20260401-093015-123-before-restore.zip") \
        .is_safety_copy


def test_a_backup_is_due_after_the_interval_and_never_when_switched_off():
    policy = BackupPolicy(every_hours=24)
    now = datetime(2026, 4, 2, 9, 0)
    assert is_due(None, now, policy)
    assert not is_due(now - timedelta(hours=23, minutes=59), now, policy)
    assert is_due(now - timedelta(hours=24), now, policy)
    assert is_due(now + timedelta(days=300), now, policy)  # a clock once set wrong
    assert not is_due(None, now, BackupPolicy(every_hours=0))


def test_backup_settings_are_checked():
    assert BackupPolicy.from_settings({"keep_daily": 3, "unknown": 1}) == BackupPolicy(
        keep_daily=3)
    with pytest.raises(ValidationError) as error:
        BackupPolicy.from_settings({"keep_weekly": -1, "every_hours": "daily"})
    assert set(error.value.field_errors) == {"keep_weekly", "every_hours"}
