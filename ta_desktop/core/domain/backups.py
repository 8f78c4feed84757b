"""Backups as pure rules: their names, what a manifest says, which to keep, when one is due.

A backup is one zip file named ``ta-desktop-backup-YYYYMMDD-HHMMSS-mmm-<label>.zip`` (local
time, to the millisecond). Rotation keeps, like restic's ``forget``, the newest backup of each
of the last ``keep_daily`` days that have one, of the last ``keep_weekly`` ISO weeks and of the
last ``keep_monthly`` months, and always the newest of all. Backups made before an upgrade or a
restore (label ``before-…``) are safety copies of one moment: rotation never deletes them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from ta_desktop.core.domain.errors import ValidationError

FORMAT = "ta-desktop-backup"
FORMAT_VERSION = 1
_NAME = re.compile(r"ta-desktop-backup-(\d{8}-\d{6}-\d{3})(?:-([a-z0-9][a-z0-9-]*))?\.zip")
_STAMP = "%Y%m%d-%H%M%S-%f"
SAFETY_PREFIX = "before-"


# The largest count or interval a policy takes (an interval of 100,000 hours is 11 years): a
# typing slip must not be stored, nor overflow the start-up check's date arithmetic.
POLICY_MOST = 100_000


@dataclass(frozen=True)
class BackupPolicy:
    """How many backups rotation keeps, and how often one is made at start-up (0: never)."""

    keep_daily: int = 7
    keep_weekly: int = 4
    keep_monthly: int = 12
    every_hours: int = 24

    @classmethod
    def from_settings(cls, values: dict[str, Any] | None) -> BackupPolicy:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in (values or {}).items() if k in known}
        errors = {k: f"a whole number from 0 to {POLICY_MOST:,}" for k, v in values.items()
                  if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= POLICY_MOST}
        if errors:
            raise ValidationError(f"Backup settings must be whole numbers from 0 to "
                                  f"{POLICY_MOST:,} ({', '.join(sorted(errors))}).",
                                  field_errors=errors)
        return cls(**values)

    def to_settings(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True, order=True)
class BackupName:
    created: datetime
    label: str = "manual"

    @property
    def name(self) -> str:
        stamp = self.created.strftime(_STAMP)[:-3]
        return f"ta-desktop-backup-{stamp}-{self.label}.zip"

    @property
    def is_safety_copy(self) -> bool:
        return self.label.startswith(SAFETY_PREFIX)

    @classmethod
    def parse(cls, name: str) -> BackupName | None:
        """The backup a file name stands for; None for any other file."""
        match = _NAME.fullmatch(name)
        if not match:
            return None
        try:
            created = datetime.strptime(match[1] + "000", _STAMP)
        except ValueError:
            return None
        return cls(created, match[2] or "manual")


def _day(moment: datetime) -> tuple[int, ...]:
    return (moment.year, moment.month, moment.day)


def _week(moment: datetime) -> tuple[int, ...]:
    year, week, _ = moment.isocalendar()
    return (year, week)


def _month(moment: datetime) -> tuple[int, ...]:
    return (moment.year, moment.month)


def to_keep(backups: Iterable[BackupName], policy: BackupPolicy) -> set[BackupName]:
    """The backups rotation keeps; the others may be deleted."""
    backups = set(backups)
    keep = {b for b in backups if b.is_safety_copy}
    rotated = sorted(backups - keep, reverse=True)  # newest first
    buckets: list[tuple[int, Callable[[datetime], tuple[int, ...]]]] = [
        (policy.keep_daily, _day), (policy.keep_weekly, _week), (policy.keep_monthly, _month)]
    for count, bucket in buckets:
        seen: set[tuple[int, ...]] = set()
        for backup in rotated:
            if len(seen) >= count:
                break
            key = bucket(backup.created)
            if key not in seen:
                seen.add(key)
                keep.add(backup)
    keep.update(rotated[:1])
    return keep


def is_due(newest: datetime | None, now: datetime, policy: BackupPolicy) -> bool:
    """Is an automatic backup due? A newest backup dated in the future (a clock set wrong)
    does not stop backups for ever."""
    if policy.every_hours <= 0:
        return False
    return newest is None or newest > now or now - newest >= timedelta(hours=policy.every_hours)


@dataclass(frozen=True)
class ManifestFile:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What a backup holds, written into it as ``manifest.json``."""

    app_version: str
    schema_revision: str | None
    created_at: str  # ISO 8601 with the UTC offset, to the millisecond
    label: str
    source: str
    counts: dict[str, int]
    files: tuple[ManifestFile, ...]
    missing_evidence: tuple[str, ...] = ()  # rows whose file was not in the store
    damaged_evidence: tuple[str, ...] = ()  # files whose bytes no longer match their SHA-256
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> Manifest:
        """Raises ``ValueError`` (or ``KeyError``/``TypeError``) for anything not a manifest."""
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError("not a TA Desktop backup manifest")
        if data.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"backup format version {data.get('format_version')} is not "
                             "known to this TA Desktop: update the app")
        return cls(
            app_version=str(data["app_version"]), schema_revision=data["schema_revision"],
            created_at=str(data["created_at"]), label=str(data["label"]),
            source=str(data["source"]),
            counts={str(k): int(v) for k, v in data["counts"].items()},
            files=tuple(ManifestFile(str(f["path"]), int(f["size"]), str(f["sha256"]))
                        for f in data["files"]),
            missing_evidence=tuple(data.get("missing_evidence", ())),
            damaged_evidence=tuple(data.get("damaged_evidence", ())),
        )

    @property
    def size(self) -> int:
        """The bytes of everything backed up (before compression)."""
        return sum(f.size for f in self.files)
