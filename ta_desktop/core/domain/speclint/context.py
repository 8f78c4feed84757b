"""Clause context for the spec linter: a line cut into clauses, and the checks that decide from
a clause's context (a colour code, a tolerance, a standard, a material grade...) whether a
lexicon hit is a finding.

A check takes (line, clause, start, end) and returns the span to report, or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ta_desktop.core.domain.speclint import patterns as P


class Clause:
    """A clause of a line, with lazily computed context."""

    __slots__ = ("_seen", "_tolerance", "end", "line", "lowered", "start")

    def __init__(self, line: str, lowered: str, start: int, end: int):
        self.line, self.lowered, self.start, self.end = line, lowered, start, end
        self._seen: dict[object, bool | int] = {}
        self._tolerance: bool | None = None

    def has_tolerance(self) -> bool:
        if self._tolerance is None:
            span = self.start, self.end
            self._tolerance = bool(
                P.TOLERANCE_SIGN.search(self.line, *span)
                or (P.TOLERANCE_WORD.search(self.lowered, *span) if self.lowered
                    else P.TOLERANCE_WORD_ANY_CASE.search(self.line, *span))
                or P.TOLERANCE_RANGE.search(self.line, *span)
            )
        return self._tolerance

    def last_start(self, pattern: re.Pattern[str]) -> int:
        """Where the clause's last match of ``pattern`` starts (-1: none). One scan a clause."""
        key = (pattern, "last")
        if key not in self._seen:
            last = -1
            if self.has(pattern):
                for match in pattern.finditer(self.line, self.start, self.end):
                    last = match.start()
            self._seen[key] = last  # type: ignore[index]
        return self._seen[key]  # type: ignore[index,return-value]

    def has(self, pattern: re.Pattern[str]) -> bool:
        if pattern not in self._seen:
            if pattern in P.ANY_CASE:  # a lower-case pattern
                found = (pattern.search(self.lowered, self.start, self.end) if self.lowered
                         else P.ANY_CASE[pattern].search(self.line, self.start, self.end))
            else:
                found = pattern.search(self.line, self.start, self.end)
            self._seen[pattern] = found is not None
        return bool(self._seen[pattern])


def clause_bounds(line: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in P.CLAUSE_BREAK.finditer(line):
        end = match.start()
        if match.group()[0] in ".!?":
            end += 1  # the sentence keeps its full stop
            before = line[max(0, end - 9):end - 1].rsplit(maxsplit=1)
            word = before[-1].lstrip("(\"'").lower() if before else ""
            if len(word) == 1 or word in P.ABBREVIATIONS:
                continue  # "No. 5", "approx. 20 cm", "J. Smith": not the end of a sentence
        bounds.append((start, end))
        start = match.end()
    bounds.append((start, len(line)))
    return bounds


# ---- context checks: (line, clause, start, end) -> span to report, or None -------------------

Span = tuple[int, int] | None

# Up to three words, then a measure or a standard. A word may hold inner hyphens but never ends
# with one, so words and separators cannot trade characters.
_MEASURED_AFTER = re.compile(
    r"[\s,:;(–-]*+(?:[^\W\d_](?:[\w'’.]|-(?=\w))*+[\s,:;(–-]++){0,3}?(?:(?i:"
    + P.MEASURE.pattern + r")|" + P.STANDARD_REF.pattern + ")"
)
_MEASURED_BEFORE = re.compile(r"(?i:" + P.MEASURE.pattern + r")[\s-]*+$")
_DEFECT_AFTER = re.compile(
    r"\s++(?:spots?|marks?|dots?|stains?|lines?|streaks?|specks?|particles?|points?|burrs?)\b",
    re.IGNORECASE,
)
_NOT_A_FABRIC_AFTER = re.compile(
    r"[\s-]++(?:braid\w*|thread|yarn|webbing|rope|cord|film|fib(?:re|er)s?|filling|wadding"
    r"|resin|powder|mesh|sewing)\b",
    re.IGNORECASE,
)
_ID_NEXT = re.compile(r"\s*+(?:(?:no\.?|#)\s*+)?(?:[:#]\s*+)?[A-Z]{1,6}-?\d")
_NUMBER_AFTER = re.compile(r"\.?\s*+(?:[~±]\s*+)?\d")
_MEASURE_NEXT = re.compile(r"\.?\s*+(?:" + P.MEASURE.pattern + ")", re.IGNORECASE)
_SEASON_BEFORE = re.compile(r"\b(?:in|by|before|until|till|this|next|early|late|mid|for|of)"
                            r"[\s-]++$", re.IGNORECASE)
_YEAR_NEXT = re.compile(r"\s{0,3}\d{4}\b")
_VALUE_BEFORE = re.compile(r"[:–-]\s{0,3}$")  # "Delivery: spring"
_SEASON_PAIR = re.compile(r"\s?/\s?(?:spring|summer|autumn|fall|winter)\b", re.IGNORECASE)
_MEASURED_BEFORE_MINIMUM = re.compile(
    r"(?i:" + P.MEASURE.pattern + r")(?:/[A-Za-z²³]{1,4})?\s*+$"
)
_ANAPHORA_BEFORE = re.compile(r"\b(?:the|this|that|its)\s++$", re.IGNORECASE)
_COUNT_BEFORE = re.compile(
    r"(?<![\w.,])\d++(?:[.,]\d++)*+\s*+(?:pcs|pc|pieces|units|sets|pairs|cartons)\s*+$",
    re.IGNORECASE,
)
# Families a designation can fix (a yarn count, a hardness, a film thickness, a weight per
# area); a metal is fixed only by its grade.
_DESIGNATED = frozenset({"textile", "plastic", "rubber", "foam", "leather"})
# How far a check looks before or after a word: a window, never the whole clause, so a clause
# of a thousand such words costs a thousand small looks.
_LOOK_BEHIND = 40

_I = re.IGNORECASE
GRADES: dict[str, re.Pattern[str]] = {
    "stainless": re.compile(
        r"\b(?:SUS|AISI|SS)?\s?(?:201|202|301|302|303|304L?|316L?|316Ti|321|409|410|420(?:J[12])?"
        r"|430|440[ABC]?|630|904L|2205)\b|\b18/(?:0|8|10)\b|\b18-(?:8|10)\b|\bA[24](?:-\d+)?\b",
        _I,
    ),
    "steel": re.compile(
        r"\b(?:Q\d{3}[A-E]?|C?1[0-5]\d\d|SPCC|SPHC|SECC|SGCC|DC0[1-6]|S[23]\d{2}\w*|A36|C\d{2}E?|1008|1010"
        r"|1018|1020|1045|1060|1080|4140|4340|65Mn|45#|SK[57]|Cr12\w*|SAE\s?\d{4}|AISI\s?\d{4}"
        r"|EN\s?10\d{3}\S*)\b",
        _I,
    ),
    "aluminium": re.compile(
        r"\b(?:1050|1060|1100|2024|3003|3004|5052|5083|6005|6060|6061|6063|6082|7075|ADC\s?1[02]"
        r"|A380|A356|AlSi\d+\w*|AlMg\d\w*)(?:-[THO]\d*)?\b",
        _I,
    ),
    "plastic": re.compile(
        r"\b(?:ABS|PP|PC|PE|HDPE|LDPE|LLDPE|PET|PETG|PVC|PS|HIPS|GPPS|PMMA|POM|PA\d*|TPU|TPE|TPR"
        r"|EVA|PBT|PPS|PEEK|PLA|PPSU|SAN|AS|Tritan)\b|(?i:\b(?:acrylic|polycarbonate"
        r"|polypropylene|polyethylene|polystyrene|polyamide|acetal|nylon|silicone|melamine)\b)"
    ),
    "textile": re.compile(r"(?<!\d)\d++(?:[.,]\d++)?\s*+%|\b\d++\s*+D\b|\bdenier\b", _I),
    "wood": re.compile(
        r"\b(?:oak|beech|pine|birch|walnut|teak|acacia|bamboo|rubberwood|ash|maple|cherry"
        r"|mahogany|poplar|eucalyptus|fir|spruce|cedar|paulownia|MDF|HDF|plywood|particleboard"
        r"|chipboard|OSB|E0|E1|E2|CARB\s?P?2?|FSC)\b",
        _I,
    ),
    "leather": re.compile(
        r"\b(?:full[- ]grain|top[- ]grain|split|nubuck|suede|cowhide|calfskin|lambskin|goatskin"
        r"|sheepskin|buffalo|PU|PVC|microfib(?:er|re))\b|(?<!\d)\d++(?:[.,]\d++)?\s*+mm\b",
        _I,
    ),
    "metal": re.compile(
        r"\b(?:steel|stainless|aluminium|aluminum|zinc|zamak|brass|copper|bronze|iron|titanium"
        r"|nickel|chrome|chromium|tin|magnesium|C\d{5}|SUS\d+)\b",
        _I,
    ),
    "foam": re.compile(
        r"(?<!\d)\d++(?:[.,]\d++)?\s*+(?:kg\s*+/\s*+m(?:³|3)|D\b|ILD|IFD)"
        r"|\b(?:EPE|EPS|XPE|IXPE|EVA)\b", _I
    ),
    "glass": re.compile(
        r"\b(?:tempered|toughened|borosilicate|soda[- ]lime|float|laminated|crystal|quartz"
        r"|fib(?:re|er)|GF\d*)\b|(?<!\d)\d++(?:[.,]\d++)?\s*+mm\b",
        _I,
    ),
    "rubber": re.compile(
        r"\b(?:NBR|EPDM|SBR|CR|FKM|NR|IIR|HNBR|silicone|neoprene|viton|nitrile|butyl|latex"
        r"|natural|Shore)\b",
        _I,
    ),
}


def _always(line: str, clause: Clause, start: int, end: int) -> Span:
    return start, end


def _unless_measured(line: str, clause: Clause, start: int, end: int) -> Span:
    if _MEASURED_BEFORE.search(line, max(clause.start, start - 14), start):
        return None
    if _MEASURED_AFTER.match(line, end, min(clause.end, end + 48)):
        return None
    if P.STANDARD_REF.search(line, max(clause.start, start - _LOOK_BEHIND), start):
        return None  # "EN 1728 (durability)": the standard says how it is measured
    if clause.last_start(P.STANDARD_REF) >= end:
        return None  # "Durable: 10,000 folding cycles per ISO 5626": a test, not a claim
    return start, end


def _minimum(line: str, clause: Clause, start: int, end: int) -> Span:
    """"or better" after a grade tied to a standard or a measured value is a minimum an
    inspector checks ("IP65 or better per IEC 60529", "800 lm or higher")."""
    before = line[max(clause.start, start - 24):start].split()
    if not before:
        return start, end
    token = before[-1]
    if _MEASURED_BEFORE_MINIMUM.search(line, max(clause.start, start - 24), start):
        return None  # "800 lm or higher", "120 lm/W or higher": a measured minimum
    previous = before[-2] if len(before) > 1 else ""
    graded = (any(c.isdigit() for c in token) or previous.lower() in P.GRADE_WORDS
              or (previous.isdigit() and token.isalpha() and len(token) <= 5))  # "5 ATM"
    if not graded:
        return start, end  # "ABS or better": better than what?
    return None if clause.has(P.STANDARD_REF) else (start, end)


def _unless_standard(line: str, clause: Clause, start: int, end: int) -> Span:
    if clause.has(P.STANDARD_REF):
        return None
    return _unless_measured(line, clause, start, end)


def _unless_standard_near(line: str, clause: Clause, start: int, end: int) -> Span:
    if P.STANDARD_REF.search(line, end, min(clause.end, end + 48)):
        return None
    if _ID_NEXT.match(line, end):
        return None  # "colour standard CS-12": a named reference
    before = line[max(clause.start, start - 24):start]
    if P.STANDARD_REF.search(before):
        return None
    return start, end


def _unless_named_ref(line: str, clause: Clause, start: int, end: int) -> Span:
    return None if clause.has(P.NAMED_REF) else (start, end)


def _unless_inspection_named(line: str, clause: Clause, start: int, end: int) -> Span:
    return None if clause.has(P.INSPECTION_NAMED) else (start, end)


def _number_after(line: str, clause: Clause, start: int, end: int) -> Span:
    if not _NUMBER_AFTER.match(line, end) or clause.has_tolerance():
        return None
    measure = _MEASURE_NEXT.match(line, end)
    return start, measure.end() if measure else end


def _number_before(line: str, clause: Clause, start: int, end: int) -> Span:
    if clause.has_tolerance():
        return None
    window = max(clause.start, start - _LOOK_BEHIND)
    measure = (_MEASURED_BEFORE.search(line, window, start)
               or _COUNT_BEFORE.search(line, window, start))  # "500 pcs or so"
    if measure is None:
        return None
    return measure.start() + len(measure.group()) - len(measure.group().lstrip()), end


def _shipment(line: str, clause: Clause, start: int, end: int) -> Span:
    if not clause.has(P.SHIPMENT_CONTEXT):
        return None
    return _vague_date_span(line, clause, start, end)


def _season(line: str, clause: Clause, start: int, end: int) -> Span:
    if not clause.has(P.SHIPMENT_CONTEXT) or clause.has(P.EXACT_DATE):
        return None
    if (_SEASON_BEFORE.search(line, max(clause.start, start - 12), start)
            or _VALUE_BEFORE.search(line, max(clause.start, start - 4), start)
            or _YEAR_NEXT.match(line, end) or _SEASON_PAIR.match(line, end)):
        return _vague_date_span(line, clause, start, end)
    return None


def _month(line: str, clause: Clause, start: int, end: int) -> Span:
    if not clause.has(P.SHIPMENT_CONTEXT):
        return None
    if P.DAY_BEFORE.search(line, max(clause.start, start - 12), start):
        return None
    if P.DAY_AFTER.match(line, end):
        return None
    if clause.has(P.EXACT_DATE):
        return None  # the exact shipment date is given; this month is something else
    return _vague_date_span(line, clause, start, end)


def _vague_date_span(line: str, clause: Clause, start: int, end: int) -> Span:
    prefix = P.VAGUE_DATE_PREFIX.search(line, max(clause.start, start - 20), start)
    year = P.YEAR_AFTER.match(line, end)
    return (prefix.start() if prefix else start), (year.end() if year else end)


def _is_defect_word(line: str, end: int) -> bool:
    return _DEFECT_AFTER.match(line, end) is not None


def _colour(line: str, clause: Clause, start: int, end: int) -> Span:
    if clause.has(P.COLOUR_CODE) or _is_defect_word(line, end):
        return None
    if P.COLOUR_PROCESS_AFTER.match(line, end):
        return None  # "black anodising", "white rust", "grey board": a process, grade or result
    return start, end


def _metal_colour(line: str, clause: Clause, start: int, end: int) -> Span:
    """A metal or finish word counts as a colour where it is used as one."""
    if clause.has(P.COLOUR_CODE) or P.METAL_AS_MATERIAL_AFTER.match(line, end):
        return None
    if P.COLOUR_PROCESS_AFTER.match(line, end):
        return None  # "chrome nickel", "copper zinc"... named processes
    window = max(clause.start, start - 24)
    if (P.METAL_AS_COLOUR_AFTER.match(line, end) or clause.has(P.COLOUR_CONTEXT)
            or clause.has(P.FINISH_CONTEXT) or P.IN_BEFORE.search(line, window, start)):
        return start, end
    if start < 48 and P.LABEL_BEFORE.search(line, 0, start):
        return start, end  # "Buckle: gold", "Bezel: champagne gold"
    return None


def _colour_ambiguous(line: str, clause: Clause, start: int, end: int) -> Span:
    return _colour(line, clause, start, end) if clause.has(P.COLOUR_CONTEXT) else None


def _grade(family: str) -> Callable[[str, Clause, int, int], Span]:
    pattern = GRADES[family]

    def check(line: str, clause: Clause, start: int, end: int) -> Span:
        if P.NEGATION_BEFORE.search(line, max(clause.start, start - 16), start):
            return None
        if P.FREE_AFTER.match(line, end) or clause.has(pattern):
            return None
        if _ANAPHORA_BEFORE.search(line, max(clause.start, start - 8), start):
            return None  # "the wood": a material named before
        if family in _DESIGNATED and clause.has(P.DESIGNATION):
            return None  # "polyester 150D", "plastic film 50 µm", "Shore A 60"
        if clause.has(P.GRADE_TOKEN) and clause.has(P.STANDARD_REF):
            return None  # "glass impact class 2B2 per EN 12600"
        if family == "textile" and _NOT_A_FABRIC_AFTER.match(line, end):
            return None  # "polyester braid", "nylon thread": a component, not a fabric
        return start, end

    return check


CHECKS: dict[str, Callable[[str, Clause, int, int], Span]] = {
    "always": _always,
    "unless_measured": _unless_measured,
    "unless_standard": _unless_standard,
    "unless_standard_near": _unless_standard_near,
    "unless_named_ref": _unless_named_ref,
    "unless_inspection_named": _unless_inspection_named,
    "number_after": _number_after,
    "number_before": _number_before,
    "shipment": _shipment,
    "season": _season,
    "month": _month,
    "colour": _colour,
    "metal_colour": _metal_colour,
    "minimum": _minimum,
    "colour_ambiguous": _colour_ambiguous,
    **{f"grade:{family}": _grade(family) for family in GRADES},
}
