"""Rules that read a whole line rather than one phrase: text quoted to be printed verbatim,
process steps, and labelled lines whose value says too little ("Material: plastic",
"Size: 30/20/10").

Each rule is linear in the line: one regex scan with bounded repetitions, or a look at a line
short enough to be a labelled value (longer lines are prose, not a label and its value).
"""

from __future__ import annotations

import re

from ta_desktop.core.domain.speclint import patterns as P

Span = tuple[int, int]

# A labelled value is short; a longer line is prose and is left to the phrase rules.
MAX_LABELLED_LINE = 200
_TOKENS = re.compile(r"[\s,;/+&()]+")
# Rules whose findings a quoted span silences: what is printed verbatim is not a requirement.
# A blank ("<brand>") inside quotes is still a blank.
QUOTE_SILENCES = frozenset({
    "SUBJECTIVE", "SUPERLATIVE", "UNMEASURED", "CLAIM", "LOOPHOLE", "OPEN-ENDED", "UNNAMED-REF",
    "QTY-VAGUE", "APPROX", "COLOUR-CODE", "MATERIAL-GRADE", "DATE-VAGUE",
})
# A process step ("to be confirmed by the buyer before printing") is not a blank or a claim.
STEP_SILENCES = frozenset({"LOOPHOLE", "CLAIM"})


def quoted_spans(line: str) -> list[Span]:
    if not any(q in line for q in "\"“«‘'"):
        return []
    return [m.span() for m in P.QUOTED.finditer(line)]


def process_spans(line: str, lowered: str) -> list[Span]:
    if "to be" not in lowered:
        return []
    return [m.span() for m in P.PROCESS_STEP.finditer(line)]


def family_only_material(line: str) -> Span | None:
    """The value of a labelled material line when it names only a family ("Material: plastic",
    "Materials: plastic + metal"): a grade stated elsewhere does not make this line a
    specification of the material."""
    if len(line) > MAX_LABELLED_LINE:
        return None
    label = P.MATERIAL_LABEL.match(line)
    if label is None:
        return None
    value = line[label.end():].rstrip(" \t.;")
    words = [w for w in _TOKENS.split(value.lower()) if w]
    if not words or not any(w in P.MATERIAL_FAMILIES for w in words):
        return None
    if not all(w in P.MATERIAL_FAMILIES or w in P.MATERIAL_FILLERS for w in words):
        return None
    return label.end(), label.end() + len(value)


def unitless_size(line: str) -> Span | None:
    """The numbers of a labelled size line that has no unit anywhere ("Size: 30/20/10",
    "Dimensions: L 30, W 20, H 10", "Screen size 15.6")."""
    if len(line) > MAX_LABELLED_LINE:
        return None
    label = P.SIZE_LABEL.match(line)
    if label is None:
        return None
    numbers = list(P.BARE_NUMBER.finditer(line, label.end()))
    if not numbers:
        return None
    if (P.MEASURE.search(line) or P.SIZE_NOT_PHYSICAL.search(line)
            or P.NAMED_REF.search(line)):
        return None
    return numbers[0].start(), numbers[-1].end()


def inside(spans: list[Span], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
