""".ics export of every deadline of a 100,000-order database, beside a plain RFC 5545 writer of
the same text measured in the same run (the anchor: f-strings, escaping, folding, one file).

Run: python bench/bench_ics.py [--db PATH] [--orders N] [--runs N]
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_db import ROOT, bench_database, machine, median, ratio_line

sys.path.insert(0, str(ROOT))

from ta_desktop.core.domain.deadlines import DeadlineKind
from ta_desktop.core.domain.types import Party
from ta_desktop.core.services import calendar_export
from ta_desktop.core.services.workspace import Workspace

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


def plain_writer(deadlines, path: Path) -> None:
    """The anchor: the same calendar written the plainest way, straight into a file."""
    def text(value: str) -> str:
        return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\n", "\\n"))

    def fold(line: str) -> str:
        data = line.encode()
        pieces = []
        while len(data) > 75:
            cut = 75 if not pieces else 74  # after the first, one octet goes to the space
            while data[cut] & 0xC0 == 0x80:  # not inside a UTF-8 character
                cut -= 1
            pieces.append(data[:cut])
            data = data[cut:]
        return b"\r\n ".join([*pieces, data]).decode() + "\r\n"

    stamp = NOW.strftime("%Y%m%dT%H%M%SZ")
    sequence = int((NOW - datetime(2024, 1, 1, tzinfo=UTC)).total_seconds() // 60)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("BEGIN:VCALENDAR\r\nPRODID:-//TA Desktop//Trade Assurance deadlines//EN\r\n"
                  "VERSION:2.0\r\nCALSCALE:GREGORIAN\r\n"
                  "X-WR-CALNAME:Trade Assurance deadlines\r\n")
        for d in deadlines:
            lines = ["BEGIN:VEVENT", f"UID:{d.key}@ta-desktop.local", f"DTSTAMP:{stamp}",
                     f"LAST-MODIFIED:{stamp}", f"SEQUENCE:{sequence}",
                     f"SUMMARY:{text(calendar_export._summary(d))}",
                     f"DESCRIPTION:{text(calendar_export._description(d))}",
                     f"DTSTART;VALUE=DATE:{d.due.isoformat().replace('-', '')}",
                     f"DTEND;VALUE=DATE:{(d.due + timedelta(days=1)).isoformat().replace('-', '')}",
                     "TRANSP:TRANSPARENT", f"CATEGORIES:{text(d.rule)},{text(d.party.value)}",
                     f"STATUS:{'CONFIRMED' if d.open else 'CANCELLED'}"]
            if d.open and d.party == Party.BUYER and d.kind == DeadlineKind.DUE:
                hours = 9 - 24 * (d.due - d.safe_by).days
                trigger = f"-PT{-hours}H" if hours < 0 else f"PT{hours}H"
                lines += ["BEGIN:VALARM", "ACTION:DISPLAY",
                          f"DESCRIPTION:{text(f'Act by today: {d.title}')}",
                          f"TRIGGER:{trigger}", "END:VALARM"]
            lines.append("END:VEVENT")
            out.write("".join(fold(line) for line in lines))
        out.write("END:VCALENDAR\r\n")


def timed(func, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    args, folder, path = bench_database(__doc__.splitlines()[0], "ics")
    workspace = Workspace.open(path, today=lambda: NOW.date())
    deadlines = workspace.disputes.deadlines()
    workspace.close()
    ours, anchor = folder / "export.ics", folder / "plain.ics"
    app_times, plain_times = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine
        app_times += timed(lambda: calendar_export.export_ics(deadlines, ours, now=NOW), 1)
        plain_times += timed(lambda: plain_writer(deadlines, anchor), 1)
    same = ours.read_bytes() == anchor.read_bytes()
    print(f".ics export of {len(deadlines):,} deadlines ({args.orders:,} orders), "
          f"{ours.stat().st_size / 1e6:.1f} MB, median of {args.runs} runs; {machine()}")
    print(f"  same text as the anchor: {same}")
    print(ratio_line(".ics export (streamed, atomic write)", median(app_times),
                     "plain RFC 5545 writer", median(plain_times), "ms", 1.5))


if __name__ == "__main__":
    main()
