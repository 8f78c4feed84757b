"""Check data (``verify``, Help → Check data…): is the database file sound, does every evidence
row have its file with the right SHA-256, what does the store hold that nothing uses; and the
repairs that are safe.

Checking only reads. Repairing does what cannot lose anything: a missing or damaged file is put
back from a leftover in the store that holds exactly its bytes (a file set aside by a trash
being emptied when the app stopped), and leftovers older than a day are removed. Files no row
uses (imports never attached, evidence of deleted orders) are listed, never deleted here: they
are copies, and a restored older database may want them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.domain.evidence import megabytes
from ta_desktop.core.services.evidence.check import sha256_of
from ta_desktop.core.services.evidence.service import EvidenceService
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.evidence_store import BlobStore, EvidenceRepository
from ta_desktop.core.storage.files import fsync_folder
from ta_desktop.core.storage.integrity import DatabaseCheck, check_database


@dataclass(frozen=True)
class FileProblem:
    """An evidence row whose stored file is missing, damaged (another SHA-256) or unreadable."""

    item_id: int
    order_number: str
    original_name: str
    sha256: str
    problem: str
    detail: str = ""

    @property
    def message(self) -> str:
        what = {"missing": "is missing", "damaged": "does not hold its bytes any more (its "
                "SHA-256 differs)"}.get(self.problem, f"cannot be read ({self.detail})")
        return (f"{self.original_name} (evidence #{self.item_id} of order {self.order_number}): "
                f"its stored file {what}.")


@dataclass(frozen=True)
class StoredFile:
    path: Path
    size: int
    sha256: str | None = None


@dataclass
class DataReport:
    where: str
    database: DatabaseCheck
    rows: int = 0
    files_checked: int = 0
    bytes_checked: int = 0
    problems: list[FileProblem] = field(default_factory=list)
    orphans: list[StoredFile] = field(default_factory=list)
    leftovers: list[StoredFile] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No problem left: the database checks out and every row has its file."""
        return self.database.ok and not self.problems

    @property
    def repairable(self) -> bool:
        return bool(self.problems or self.leftovers)

    def lines(self) -> list[str]:
        """The report in words, as the CLI prints it and Check data shows it."""
        check = self.database.check
        lines = [f"Database {self.where}: " + (
            "not checked here (a database server checks itself)." if check == "none"
            else f"{check} ok." if self.database.ok else f"{check} found problems:")]
        lines += [f"  {problem}" for problem in self.database.problems]
        lines.append(f"Evidence: {self.rows} row(s), {self.files_checked} file(s) of "
                     f"{megabytes(self.bytes_checked)} checked against their SHA-256.")
        lines += [f"  {problem.message}" for problem in self.problems]
        if self.orphans:
            lines.append(f"{len(self.orphans)} stored file(s) no evidence row uses "
                         f"({megabytes(sum(o.size for o in self.orphans))}), kept:")
            lines += [f"  {orphan.path}" for orphan in self.orphans[:20]]
        if self.leftovers:
            lines.append(f"{len(self.leftovers)} temporary file(s) in the store (an import "
                         "under way, or left by an interruption).")
        lines += [f"Repaired: {what}." for what in self.repaired]
        if self.ok:
            lines.append("All is well.")
        else:
            lines.append("Problems remain." + (
                " Restore a backup of the database." if not self.database.ok else
                " Add the files named above again from their originals."))
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "database": {"where": self.where, "check": self.database.check,
                         "ok": self.database.ok, "problems": self.database.problems},
            "evidence": {
                "rows": self.rows, "files_checked": self.files_checked,
                "bytes_checked": self.bytes_checked,
                "problems": [{"id": p.item_id, "order_number": p.order_number,
                              "original_name": p.original_name, "sha256": p.sha256,
                              "problem": p.problem, "message": p.message}
                             for p in self.problems],
                "orphans": [{"path": o.path, "sha256": o.sha256, "size": o.size}
                            for o in self.orphans],
                "leftovers": [{"path": o.path, "size": o.size} for o in self.leftovers],
            },
            "repaired": self.repaired,
        }


def check_data(db: Database, evidence: EvidenceService, where: str, *, repair: bool = False,
               quick: bool = False) -> DataReport:
    """Check the database and the evidence store; with ``repair``, then fix what is safe."""
    report = DataReport(where, check_database(db, quick))
    with db.unit_of_work() as session:
        rows = EvidenceRepository(session).everything()
        certificates = EvidenceRepository(session).certificate_hashes()
    store, team = evidence.local_store, evidence.local_store is not evidence.store
    stored = store.blobs()
    report.rows = len(rows)
    by_hash: dict[str, list] = {}
    for item, number in rows:
        by_hash.setdefault(item.sha256, []).append((item, number))
    for sha256, items in by_hash.items():
        problem, detail = _judge(_located(evidence, stored, sha256) if team
                                 else stored.get(sha256), sha256, report)
        if problem:
            report.problems += [FileProblem(item.id or 0, number, item.original_name, sha256,
                                            problem, detail) for item, number in items]
    if not team:  # a team member's cache holds copies, never the only one
        report.orphans = [StoredFile(path, _size(path), sha256)
                          for sha256, path in stored.items()
                          if sha256 not in by_hash and sha256 not in certificates]
    if repair:
        _repair(report, store, evidence)
    report.leftovers = [StoredFile(path, _size(path)) for path in store.leftovers()]
    return report


def _located(evidence: EvidenceService, cached: dict[str, Path], sha256: str) -> Path | None:
    """A team's file on this machine, fetched from the team's database when not cached yet
    (which checks it against its SHA-256 too); None when the team has lost it."""
    if sha256 in cached:
        return cached[sha256]
    try:
        path = evidence.store.path_of(sha256)
    except StorageError:  # damaged in the database: treated as lost, said as missing
        return None
    return path if path.is_file() else None


def _judge(path: Path | None, sha256: str, report: DataReport) -> tuple[str | None, str]:
    if path is None:
        return "missing", ""
    try:
        actual = sha256_of(path)
    except OSError as error:
        return "unreadable", error.strerror or str(error)
    report.files_checked += 1
    report.bytes_checked += _size(path)
    return (None, "") if actual == sha256 else ("damaged", "")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _repair(report: DataReport, store: BlobStore, evidence: EvidenceService) -> None:
    wanted = {problem.sha256 for problem in report.problems}
    for sha256, source in _copies_of(wanted, store):
        store.path_of(sha256).parent.mkdir(exist_ok=True)
        os.replace(source, store.path_of(sha256))  # over a damaged file, if there was one
        fsync_folder(store.path_of(sha256).parent)
        report.repaired.append(f"put {store.path_of(sha256)} back from {source.name}")
        report.problems = [p for p in report.problems if p.sha256 != sha256]
    report.repaired += evidence.tidy_store()


def _copies_of(wanted: set[str], store: BlobStore) -> Iterator[tuple[str, Path]]:
    """Leftovers in the store holding exactly the bytes of a wanted SHA-256."""
    for path in store.leftovers() if wanted else ():
        named = store.aside_hash(path)
        if named is not None and named not in wanted:
            continue
        try:
            actual = sha256_of(path)
        except OSError:
            continue
        if actual in wanted:
            wanted.discard(actual)
            yield actual, path
