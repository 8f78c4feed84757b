"""The spec linter against a corpus of real-world phrasings (tests/data/spec_corpus.tsv): it
flags the vague ones, stays quiet on the clear ones, and draws no finding on the complete sample
specifications (every template filled in, and the power bank example of TA_RULES)."""

import re
from collections import Counter
from pathlib import Path

import pytest

from ta_desktop.core.domain.spec_templates import templates
from ta_desktop.core.domain.speclint import lint
from tests.core.test_speclint import POWER_BANK

CORPUS = Path(__file__).resolve().parent.parent / "data" / "spec_corpus.tsv"
MIN_RECALL = 0.95
MAX_FALSE_ALARMS = 0.05


def corpus() -> list[tuple[str, str, str]]:
    rows = []
    for raw in CORPUS.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            label, kind, line = raw.split("\t")
            assert label in ("vague", "clear"), raw
            rows.append((label, kind, line))
    return rows


def figures(rows):
    """Per (label, class): how many lines drew a finding, of how many."""
    flagged, total = Counter(), Counter()
    misses = []
    for label, kind, line in rows:
        findings = lint(line).findings
        total[label, kind] += 1
        if findings:
            flagged[label, kind] += 1
        if bool(findings) != (label == "vague"):
            misses.append(f"{label} {kind}: {line!r} {[(f.rule, f.text) for f in findings]}")
    return flagged, total, misses


def report(flagged, total, misses) -> str:
    lines = [f"{label:5} {kind:16} flagged {flagged[label, kind]:3} of {total[label, kind]:3}"
             for label, kind in sorted(total)]
    return "\n".join(["per class:", *lines, "wrong:", *misses])


def test_corpus_is_large_and_covers_every_class():
    rows = corpus()
    counts = Counter(label for label, _, _ in rows)
    assert counts["vague"] >= 200 and counts["clear"] >= 200, counts
    kinds = {(label, kind) for label, kind, _ in rows}
    for kind in ("minimum", "test", "colour_word", "process", "quoted", "designation", "case"):
        assert ("clear", kind) in kinds
    for kind in ("material_family", "size", "season_quarter", "metal_colour", "blank", "case"):
        assert ("vague", kind) in kinds
    assert len({line for _, _, line in rows}) == len(rows), "a phrasing is listed twice"


def test_recall_on_vague_and_false_alarms_on_clear():
    flagged, total, misses = figures(corpus())
    vague = sum(n for (label, _), n in total.items() if label == "vague")
    clear = sum(n for (label, _), n in total.items() if label == "clear")
    recall = sum(n for (label, _), n in flagged.items() if label == "vague") / vague
    false_alarms = sum(n for (label, _), n in flagged.items() if label == "clear") / clear
    message = (f"recall {recall:.3f} (>= {MIN_RECALL}), false alarms {false_alarms:.3f} "
               f"(<= {MAX_FALSE_ALARMS})\n" + report(flagged, total, misses))
    assert recall >= MIN_RECALL and false_alarms <= MAX_FALSE_ALARMS, message


# What a buyer writes into each template's blanks.
FILLS: dict[str, str | list[str]] = {
    "<product name>": "power bank", "<model number>": "PB-20", "<item number>": "IT-204",
    "<style number>": "TS-01", "<garment>": "t-shirt", "<toy>": "plush bear",
    "<item>": "dining chair", "<jar / bottle / tube>": "jar", "<3+>": "3+", "<50>": "50",
    "<24/410>": "24/410", "<180>": "180", "<5 July 2026>": "5 July 2026", "<id>": "GS-01",
    "<n>": "24", "<total>": "2,000", "<number>": "4006381333931", "<tolerance>": "0.5",
    "<L>": "150", "<W>": "75", "<H>": "22", "<D>": "55", "<value>": "217", "<min>": "215",
    "<max>": "219", "<kg>": "18", "<V>": "5 V", "<A>": "2 A", "<mAh>": "10,000 mAh",
    "<mm>": ["128 mm", "38 mm"], "<type, cell maker>": "Li-polymer, cells by ATL",
    "<ABS / PC / aluminium 6063-T5>": "ABS",
    "<ABS / PP / polyester plush with PP cotton filling>":
        "100% polyester plush with PP cotton filling",
    "<PETG / PP / glass>": "PETG", "<PP>": "PP", "<PE>": "PE",
    "<100% combed cotton>": "100% combed cotton",
    "<solid oak / MDF E1 18 mm / Q235 steel tube 25 x 25 x 1.2 mm>":
        "Q235 steel tube 25 x 25 x 1.2 mm ± 0.1 mm",
    "<polyurethane, 35 kg/m³>": "polyurethane, 35 kg/m³",
    "<100% polyester, 300 g/m²>": "100% polyester, 300 g/m²",
    "<Pantone code, e.g. Pantone 1935 D>": "Pantone 1935 D",
    "<Pantone TCX code, e.g. Pantone 19-4052 TCX>": "Pantone 19-4052 TCX",
    "<Pantone code>": "Pantone 7527 C", "<RAL code or Pantone code>": "RAL 9005",
    "<Pantone codes per part>": "body Pantone 186 C, wheels Pantone Black 6 C",
    "<hot stamping / silk-screen, Pantone code>": "silk-screen, Pantone 871 C",
    "<powder coat 60-80 µm>": "powder coat 60-80 µm",
}


def filled(text: str) -> str:
    def fill(match: re.Match[str]) -> str:
        value = FILLS.get(match.group())
        if value is None:  # a file name: the buyer attaches it
            return match.group()[1:-1]
        return value.pop(0) if isinstance(value, list) else value

    saved = {k: list(v) for k, v in FILLS.items() if isinstance(v, list)}
    try:
        return re.sub(r"<[^<>\n]+>", fill, text)
    finally:
        FILLS.update(saved)


@pytest.mark.parametrize("kind", [t.kind for t in templates()])
def test_every_template_filled_in_draws_no_finding(kind):
    chosen = next(t for t in templates() if t.kind == kind)
    text = filled(chosen.text())
    assert "<" not in text
    report_ = lint(text)
    assert [(f.rule, f.text) for f in report_.findings] == [], text
    assert report_.missing == ()


def test_the_power_bank_example_draws_no_finding():
    assert lint(POWER_BANK).findings == ()
