"""Backup and restore of a big data folder: 100,000 orders and 1 GB of evidence.

Prints the time and size of a backup (online copy of the database, zip, seal, verification),
of checking a backup alone and of restoring it into a new file, each beside its anchor: a
plain ``shutil.copy`` of the same bytes, flushed to disk (what any backup must at least read,
write and make last).
Evidence bytes are random, like photos and videos (they do not compress).

    python bench/bench_backup.py [--orders N] [--evidence-mb MB] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from make_db import fill  # noqa: E402

from ta_desktop.core.services.backup import restore  # noqa: E402
from ta_desktop.core.services.workspace import Workspace, locate  # noqa: E402
from ta_desktop.core.storage.backup_archive import verify_backup  # noqa: E402
from ta_desktop.core.storage.orm import EvidenceRecord  # noqa: E402

FILE_MB = 5


def add_evidence(workspace: Workspace, megabytes: int) -> tuple[int, int]:
    """Random files of FILE_MB written straight into the blob store, one row each."""
    store = workspace.data_dir / "evidence"
    rows, total = [], 0
    for number in range(max(1, megabytes // FILE_MB)):
        data = os.urandom(FILE_MB * 1_000_000)
        sha256 = hashlib.sha256(data).hexdigest()
        path = store / sha256[:2] / sha256
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
        rows.append({"order_id": 1 + number * 7, "original_name": f"photo {number}.jpg",
                     "size": len(data), "sha256": sha256, "detected_type": "jpeg",
                     "caption": "", "added_at": datetime(2026, 11, 25, 9, 0)})
    with workspace.db.writing() as session:
        session.execute(insert(EvidenceRecord), rows)
    return len(rows), total


def timed(func):
    """Wall-clock seconds and the result; the CPU seconds of this process go to ``cpu``."""
    if hasattr(os, "sync"):
        os.sync()  # each step starts with no earlier writes still going to the disk
    start, start_cpu = time.perf_counter(), time.process_time()
    result = func()
    cpu.append(time.process_time() - start_cpu)
    return time.perf_counter() - start, result


cpu: list[float] = []


def rate(size: int, seconds: float) -> str:
    return f"{size / 1e6 / seconds:,.0f} MB/s" if seconds > 0 else "-"


def plain_copy(sources: list[Path], folder: Path) -> None:
    """shutil.copy of every file, each flushed to disk as a backup must be (fsync)."""
    folder.mkdir()
    for number, source in enumerate(sources):
        target = shutil.copy(source, folder / f"{number}")
        with open(target, "rb+") as stream:
            os.fsync(stream.fileno())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--evidence-mb", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="work in this folder and leave it there")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="ta-bench-backup-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        path = work / "big.sqlite"
        seconds = fill(path, args.orders, max(1, args.orders // 50))
        workspace = Workspace.open(path)
        files, evidence_bytes = add_evidence(workspace, args.evidence_mb)
        db_bytes = path.stat().st_size
        total = db_bytes + evidence_bytes
        print(f"data: {args.orders:,} orders in a {db_bytes / 1e6:,.1f} MB database (filled "
              f"in {seconds:.1f} s), {files} evidence files of {FILE_MB} MB = "
              f"{evidence_bytes / 1e6:,.0f} MB; {total / 1e6:,.0f} MB in all")

        sources = [path, *sorted((workspace.data_dir / "evidence").rglob("*"))]
        sources = [p for p in sources if p.is_file()]
        copy_seconds, _ = timed(lambda: plain_copy(sources, work / "anchor"))
        print(f"anchor  shutil.copy + fsync of the same bytes: {copy_seconds:6.2f} s  "
              f"{rate(total, copy_seconds)}  (CPU {cpu[-1]:.2f} s)")

        out = work / "backup.zip"
        backup_seconds, info = timed(lambda: workspace.backups.back_up(out))
        workspace.close()
        print(f"backup  copy + zip + seal + verify:      {backup_seconds:6.2f} s  "
              f"{rate(total, backup_seconds)}  ({backup_seconds / copy_seconds:.1f}x the "
              f"anchor; CPU {cpu[-1]:.2f} s)")
        print(f"        backup file {info.size / 1e6:,.0f} MB for {total / 1e6:,.0f} MB of "
              f"data ({info.size / total:.0%}; evidence is stored, the database deflated)")

        verify_seconds, _ = timed(lambda: verify_backup(out, work / "verified.sqlite"))
        print(f"check   a backup alone (seal, hashes, integrity_check): {verify_seconds:6.2f} s  "
              f"{rate(info.size, verify_seconds)}  (CPU {cpu[-1]:.2f} s)")

        target = work / "restored.sqlite"
        restore_seconds, result = timed(lambda: restore(out, target, locate(target)[1]))
        print(f"restore into a new file (check first): {restore_seconds:6.2f} s  "
              f"{rate(total, restore_seconds)}  ({restore_seconds / copy_seconds:.1f}x the "
              f"anchor; CPU {cpu[-1]:.2f} s); {result.evidence_written} evidence files written")
        print("(every step writes its bytes to the same disk as the anchor; what it reads "
              "was just written, so it mostly comes from the page cache; wall time well above "
              "CPU time means the machine was busy or the disk slow)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
