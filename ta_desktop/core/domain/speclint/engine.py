"""The spec linter: findings, missing sections and a 0-100 score for a specification text.

How it stays fast enough to run on every keystroke:

* Every finding is decided within one line (and within one clause of it: clauses end at ';' or
  at a sentence end). :func:`lint_line` is a pure function of the line's text and is memoised,
  so linting a whole document after a keystroke re-lints only the line that changed; every other
  line is a dictionary hit. The editor's highlighter calls :func:`lint_line` per text block.
* All lexicon phrases are one regex built as a character trie and searched in the lower-cased
  line, so the regex engine does the phrase matching and Python only sees the hits. Number
  rules start from cheap hint regexes. Context (is there a colour code, a tolerance, a standard
  in this clause?) is computed lazily, once per clause, only when a rule asks.
* Document-wide facts (which sections exist; a general tolerance clause; a material grade given
  on another line) are whole-text searches that mostly stop at the first hit.

Score: 100, minus 8 per missing section, minus 6 per error, 3 per warning and 1 per info finding
(the finding part capped at 44), never below 0; an empty text scores 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from ta_desktop.core.domain.speclint import patterns as P
from ta_desktop.core.domain.speclint.lexicon import LEXICON, Entry


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# rule id -> (severity, message template with {text})
RULES: dict[str, tuple[Severity, str]] = {
    "SUBJECTIVE": (Severity.WARNING, "'{text}' is an opinion: an inspector cannot check it, "
                   "so it will not hold up in a dispute."),
    "SUPERLATIVE": (Severity.WARNING, "'{text}' compares against nothing measurable."),
    "UNMEASURED": (Severity.WARNING, "'{text}' names a property without its value."),
    "CLAIM": (Severity.WARNING, "'{text}' is a claim without the standard or test that proves "
              "it."),
    "LOOPHOLE": (Severity.WARNING, "'{text}' leaves the decision to the supplier."),
    "OPEN-ENDED": (Severity.WARNING, "'{text}' leaves the list open: anything could be "
                   "added."),
    "UNNAMED-REF": (Severity.ERROR, "'{text}' points to something the contract does not "
                    "identify."),
    "APPROX": (Severity.WARNING, "'{text}' is approximate and has no tolerance."),
    "COLOUR-CODE": (Severity.WARNING, "The colour '{text}' has no colour code; shades differ "
                    "from factory to factory."),
    "DIM-UNIT": (Severity.ERROR, "'{text}' is a dimension without a unit."),
    "DIM-TOL": (Severity.INFO, "'{text}' has no tolerance."),
    "WEIGHT-UNIT": (Severity.ERROR, "'{text}' is a weight without a unit."),
    "WEIGHT-RANGE": (Severity.INFO, "The weight '{text}' has no accepted range."),
    "UNIT-MISSING": (Severity.ERROR, "'{text}' has no unit."),
    "MATERIAL-GRADE": (Severity.WARNING, "'{text}' names a material without its grade or "
                       "composition."),
    "DATE-VAGUE": (Severity.ERROR, "'{text}' is not an exact date; shipment on time is judged "
                   "against a date."),
    "QTY-VAGUE": (Severity.WARNING, "'{text}' is not a number."),
    "PLACEHOLDER": (Severity.WARNING, "'{text}' is a blank still to fill in."),
}

_SUGGESTIONS = {
    "DIM-UNIT": "Add the unit, e.g. '{text} cm', and a tolerance ('± 0.5 cm').",
    "DIM-TOL": "Add a tolerance, e.g. '{text} ± 1 mm', or one clause for all sizes: "
               "'Tolerances: ISO 2768-m unless stated'.",
    "WEIGHT-UNIT": "Add the unit and an accepted range, e.g. '217 g (accepted 215-219 g)'.",
    "WEIGHT-RANGE": "Add the accepted range, e.g. '217 g (accepted 215-219 g)' or '217 g ± 2 g'.",
    "UNIT-MISSING": "Add the unit (V, A, W, mAh, °C, ml...), e.g. 'capacity 20,000 mAh'.",
    "APPROX": "Give the value with a tolerance instead, e.g. '20 cm ± 0.5 cm'.",
    "DATE-VAGUE": "Give an exact date: 'shipment on or before 5 July 2026'.",
    "PLACEHOLDER": "Fill it in before the specification goes into the order.",
}

SECTION_NAMES = (
    "quantity", "packaging", "labelling", "standards", "inspection", "shipment_date",
    "design_files",
)
# Plain-English names for reports; the UI has its own translated labels.
SECTION_LABELS = {
    "quantity": "Quantity per item / SKU",
    "packaging": "Packaging",
    "labelling": "Labelling and marks",
    "standards": "Standards and compliance",
    "inspection": "Inspection method",
    "shipment_date": "Shipment date",
    "design_files": "Design files",
}
_GENERAL_TOLERANCE = "general_tolerance"

# Score weights: each missing section costs this much, findings cost by severity (capped).
_MISSING_COST = 8
_FINDING_COST = {Severity.ERROR: 6, Severity.WARNING: 3, Severity.INFO: 1}
_FINDINGS_CAP = 44


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestion: str
    replacement: str | None = None  # a mechanical fix for text[start:end]; "" deletes it
    waived_by: str | None = None  # a document-wide fact that makes this finding moot

    def shifted(self, offset: int) -> Finding:
        return Finding(self.rule, self.severity, self.start + offset, self.end + offset, self.text,
                       self.message, self.suggestion, self.replacement, self.waived_by)

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class LineLint:
    findings: tuple[Finding, ...]  # offsets relative to the line


@dataclass(frozen=True)
class LintReport:
    score: int
    findings: tuple[Finding, ...]
    missing: tuple[str, ...]
    # document-wide facts that waived line findings (the editor's highlighter hides those too)
    facts: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, object]:
        return {
            "score": self.score,
            "findings": [finding.to_dict() for finding in self.findings],
            "missing": list(self.missing),
        }

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)


class _Clause:
    """A clause of a line, with lazily computed context."""

    __slots__ = ("_seen", "_tolerance", "end", "line", "lowered", "start")

    def __init__(self, line: str, lowered: str, start: int, end: int):
        self.line, self.lowered, self.start, self.end = line, lowered, start, end
        self._seen: dict[re.Pattern[str], bool] = {}
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

    def has(self, pattern: re.Pattern[str]) -> bool:
        if pattern not in self._seen:
            if pattern in P.ANY_CASE:  # a lower-case pattern
                found = (pattern.search(self.lowered, self.start, self.end) if self.lowered
                         else P.ANY_CASE[pattern].search(self.line, self.start, self.end))
            else:
                found = pattern.search(self.line, self.start, self.end)
            self._seen[pattern] = found is not None
        return self._seen[pattern]


def _clause_bounds(line: str) -> list[tuple[int, int]]:
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

_MEASURED_AFTER = re.compile(
    r"[\s,:;(–-]*(?:[^\W\d_][\w'’.-]*[\s,:;(–-]+){0,3}?(?:(?i:" + P.MEASURE.pattern + r")|"
    + P.STANDARD_REF.pattern + ")"
)
_MEASURED_BEFORE = re.compile(r"(?i:" + P.MEASURE.pattern + r")[\s-]*$")
_DEFECT_AFTER = re.compile(
    r"\s+(?:spots?|marks?|dots?|stains?|lines?|streaks?|specks?|particles?|points?|burrs?)\b",
    re.IGNORECASE,
)
_NOT_A_FABRIC_AFTER = re.compile(
    r"[\s-]+(?:braid\w*|thread|yarn|webbing|rope|cord|film|fib(?:re|er)s?|filling|wadding"
    r"|resin|powder|mesh|sewing)\b",
    re.IGNORECASE,
)
_ID_NEXT = re.compile(r"\s*(?:no\.?|#)?\s*[:#]?\s*[A-Z]{1,6}-?\d[\w/.-]*")
_NUMBER_AFTER = re.compile(r"\.?\s*[~±]?\s*\d")
_SEASON_BEFORE = re.compile(r"\b(?:in|by|before|until|till|this|next|early|late|mid|for|of)"
                            r"[\s-]+$", re.IGNORECASE)
_YEAR_NEXT = re.compile(r"\s*\d{4}\b")

_I = re.IGNORECASE
_TIMES_NEXT = re.compile(r"\s*[x×X*]\s*\d")
_MASS_UNIT = re.compile(P.MASS_UNIT, _I)
_LENGTH_UNIT = re.compile(P.LENGTH_UNIT, _I)
_GRADES: dict[str, re.Pattern[str]] = {
    "stainless": re.compile(
        r"\b(?:SUS|AISI|SS)?\s?(?:201|202|301|303|304L?|316L?|316Ti|321|409|410|420(?:J[12])?"
        r"|430|440[ABC]?|630|904L|2205)\b|\b18/(?:0|8|10)\b|\b18-(?:8|10)\b|\bA[24](?:-\d+)?\b",
        _I,
    ),
    "steel": re.compile(
        r"\b(?:Q\d{3}[A-E]?|SPCC|SPHC|SECC|SGCC|DC0[1-6]|S[23]\d{2}\w*|A36|C\d{2}E?|1008|1010"
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
    "textile": re.compile(r"\d+(?:[.,]\d+)?\s*%|\b\d+\s*D\b|\bdenier\b", _I),
    "wood": re.compile(
        r"\b(?:oak|beech|pine|birch|walnut|teak|acacia|bamboo|rubberwood|ash|maple|cherry"
        r"|mahogany|poplar|eucalyptus|fir|spruce|cedar|paulownia|MDF|HDF|plywood|particleboard"
        r"|chipboard|OSB|E0|E1|E2|CARB\s?P?2?|FSC)\b",
        _I,
    ),
    "leather": re.compile(
        r"\b(?:full[- ]grain|top[- ]grain|split|nubuck|suede|cowhide|calfskin|lambskin|goatskin"
        r"|sheepskin|buffalo|PU|PVC|microfib(?:er|re))\b|\d+(?:[.,]\d+)?\s*mm\b",
        _I,
    ),
    "metal": re.compile(
        r"\b(?:steel|stainless|aluminium|aluminum|zinc|zamak|brass|copper|bronze|iron|titanium"
        r"|nickel|chrome|chromium|tin|magnesium|C\d{5}|SUS\d+)\b",
        _I,
    ),
    "foam": re.compile(
        r"\d+(?:[.,]\d+)?\s*(?:kg\s*/\s*m(?:³|3)|D\b|ILD|IFD)|\b(?:EPE|EPS|XPE|IXPE|EVA)\b", _I
    ),
    "glass": re.compile(
        r"\b(?:tempered|toughened|borosilicate|soda[- ]lime|float|laminated|crystal|quartz"
        r"|fib(?:re|er)|GF\d*)\b|\d+(?:[.,]\d+)?\s*mm\b",
        _I,
    ),
    "rubber": re.compile(
        r"\b(?:NBR|EPDM|SBR|CR|FKM|NR|IIR|HNBR|silicone|neoprene|viton|nitrile|butyl|latex"
        r"|natural|Shore)\b",
        _I,
    ),
}


def _always(line: str, clause: _Clause, start: int, end: int) -> Span:
    return start, end


def _unless_measured(line: str, clause: _Clause, start: int, end: int) -> Span:
    if _MEASURED_BEFORE.search(line, max(clause.start, start - 14), start):
        return None
    if _MEASURED_AFTER.match(line, end, min(clause.end, end + 48)):
        return None
    if P.STANDARD_REF.search(line, max(clause.start, start - 40), start):
        return None  # "EN 1728 (durability)": the standard says how it is measured
    return start, end


def _unless_standard(line: str, clause: _Clause, start: int, end: int) -> Span:
    if clause.has(P.STANDARD_REF):
        return None
    return _unless_measured(line, clause, start, end)


def _unless_standard_near(line: str, clause: _Clause, start: int, end: int) -> Span:
    if P.STANDARD_REF.search(line, end, min(clause.end, end + 48)):
        return None
    if _ID_NEXT.match(line, end):
        return None  # "colour standard CS-12": a named reference
    before = line[max(clause.start, start - 24):start]
    if P.STANDARD_REF.search(before):
        return None
    return start, end


def _unless_named_ref(line: str, clause: _Clause, start: int, end: int) -> Span:
    return None if clause.has(P.NAMED_REF) else (start, end)


def _unless_inspection_named(line: str, clause: _Clause, start: int, end: int) -> Span:
    return None if clause.has(P.INSPECTION_NAMED) else (start, end)


def _number_after(line: str, clause: _Clause, start: int, end: int) -> Span:
    if not _NUMBER_AFTER.match(line, end) or clause.has_tolerance():
        return None
    measure = P.MEASURE.match(line, end + (line[end:end + 1] == "."))
    return start, measure.end() if measure else end


def _number_before(line: str, clause: _Clause, start: int, end: int) -> Span:
    if clause.has_tolerance():
        return None
    measure = _MEASURED_BEFORE.search(line, clause.start, start)
    if measure is None:
        return None
    return measure.start() + len(measure.group()) - len(measure.group().lstrip()), end


def _shipment(line: str, clause: _Clause, start: int, end: int) -> Span:
    if not clause.has(P.SHIPMENT_CONTEXT):
        return None
    return _vague_date_span(line, clause, start, end)


def _season(line: str, clause: _Clause, start: int, end: int) -> Span:
    if not clause.has(P.SHIPMENT_CONTEXT) or clause.has(P.EXACT_DATE):
        return None
    if _SEASON_BEFORE.search(line, clause.start, start) or _YEAR_NEXT.match(line, end):
        return _vague_date_span(line, clause, start, end)
    return None


def _month(line: str, clause: _Clause, start: int, end: int) -> Span:
    if not clause.has(P.SHIPMENT_CONTEXT):
        return None
    if P.DAY_BEFORE.search(line, max(clause.start, start - 12), start):
        return None
    if P.DAY_AFTER.match(line, end):
        return None
    if clause.has(P.EXACT_DATE):
        return None  # the exact shipment date is given; this month is something else
    return _vague_date_span(line, clause, start, end)


def _vague_date_span(line: str, clause: _Clause, start: int, end: int) -> Span:
    prefix = P.VAGUE_DATE_PREFIX.search(line, max(clause.start, start - 20), start)
    year = P.YEAR_AFTER.match(line, end)
    return (prefix.start() if prefix else start), (year.end() if year else end)


def _is_defect_word(line: str, end: int) -> bool:
    return _DEFECT_AFTER.match(line, end) is not None


def _colour(line: str, clause: _Clause, start: int, end: int) -> Span:
    if clause.has(P.COLOUR_CODE) or _is_defect_word(line, end):
        return None
    return start, end


def _colour_ambiguous(line: str, clause: _Clause, start: int, end: int) -> Span:
    return _colour(line, clause, start, end) if clause.has(P.COLOUR_CONTEXT) else None


def _grade(family: str) -> Callable[[str, _Clause, int, int], Span]:
    pattern = _GRADES[family]

    def check(line: str, clause: _Clause, start: int, end: int) -> Span:
        if P.NEGATION_BEFORE.search(line, max(clause.start, start - 16), start):
            return None
        if P.FREE_AFTER.match(line, end) or clause.has(pattern):
            return None
        if family == "textile" and _NOT_A_FABRIC_AFTER.match(line, end):
            return None  # "polyester braid", "nylon thread": a component, not a fabric
        return start, end

    return check


CHECKS: dict[str, Callable[[str, _Clause, int, int], Span]] = {
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
    "colour_ambiguous": _colour_ambiguous,
    **{f"grade:{family}": _grade(family) for family in _GRADES},
}

# Every lexicon phrase in one regex, searched in the lower-cased line (a case-sensitive search
# is about twice as fast); the case-insensitive twin serves a line whose length changes when
# lower-cased. The regex engine does the phrase matching; Python sees only the hits.
_PHRASES = re.compile(r"\b" + P.phrase_alternation(list(LEXICON)))
_PHRASES_ANY_CASE = re.compile(_PHRASES.pattern, re.IGNORECASE)
_DOTTED = frozenset({"etc", "approx", "ca"})


def _finding(rule: str, line: str, start: int, end: int, suggestion: str = "",
             replacement: str | None = None, waived_by: str | None = None) -> Finding:
    severity, message = RULES[rule]
    text = line[start:end]
    suggestion = suggestion or _SUGGESTIONS.get(rule, "")
    return Finding(rule, severity, start, end, text, message.format(text=text),
                   suggestion.format(text=text), replacement, waived_by)


class _LineScanner:
    def __init__(self, line: str):
        self.line = line
        self.lowered = line.lower()
        self._bounds: list[tuple[int, int]] | None = None
        self._clauses: dict[int, _Clause] = {}  # built on first use: most clauses need none
        self.findings: list[Finding] = []

    def clause_at(self, position: int) -> _Clause:
        if self._bounds is None:
            self._bounds = _clause_bounds(self.line)
        index = next(
            (i for i, (_, end) in enumerate(self._bounds) if position < end),
            len(self._bounds) - 1,
        )
        clause = self._clauses.get(index)
        if clause is None:
            start, end = self._bounds[index]
            # lowered == "" when lower-casing changed the length (offsets would not match)
            lowered = self.lowered if len(self.lowered) == len(self.line) else ""
            clause = self._clauses[index] = _Clause(self.line, lowered, start, end)
        return clause

    def add(self, rule: str, start: int, end: int, **kw: object) -> None:
        self.findings.append(_finding(rule, self.line, start, end, **kw))  # type: ignore[arg-type]

    def scan_words(self) -> None:
        line = self.line
        if len(self.lowered) == len(line):
            hits = _PHRASES.finditer(self.lowered)
        else:
            hits = _PHRASES_ANY_CASE.finditer(line)
        for match in hits:
            entry = LEXICON[tuple(P.WORD_GAP.split(match.group().lower()))]
            start, end = match.span()
            if entry.rule and (not entry.spelling or line[start:end] == entry.spelling):
                self._word_finding(entry, start, end)

    def _word_finding(self, entry: Entry, start: int, end: int) -> None:
        line = self.line
        if line[end:end + 1] == "." and line[start:end].lower() in _DOTTED:
            end += 1
        span = CHECKS[entry.check](line, self.clause_at(start), start, end)
        if span is not None:
            waived_by = entry.check if entry.check.startswith("grade:") else None
            self.add(entry.rule, span[0], span[1], suggestion=entry.suggestion,
                     replacement=entry.replacement, waived_by=waived_by)

    def scan_numbers(self) -> None:
        # Each rule starts from a cheap hint regex, so a line without numbers in that shape
        # costs one quick scan.
        line = self.line
        done = 0
        for hint in P.DIMENSIONS_HINT.finditer(line):
            start = hint.start()
            if start < done:
                continue
            while start > done and line[start - 1] in "0123456789.,":
                start -= 1  # back to the start of the first number
            match = P.DIMENSIONS.match(line, start)
            if match:
                self._dimension(match)
                done = match.end()
        if len(self.lowered) == len(line):
            for hint in P.PROPERTY_HINT.finditer(self.lowered):
                match = P.PROPERTY.match(line, hint.start())
                if match:
                    self._property(match)
        else:
            for match in P.PROPERTY.finditer(line):
                self._property(match)
        if "~" in line:
            for match in P.TILDE_APPROX.finditer(line):
                if not self.clause_at(match.start()).has_tolerance():
                    self.add("APPROX", match.start(), match.end())
        if "Q" in line or "H" in line:
            for match in P.QUARTER.finditer(line):
                if self.clause_at(match.start()).has(P.SHIPMENT_CONTEXT):
                    self.add("DATE-VAGUE", match.start(), match.end())

    def _dimension(self, match: re.Match[str]) -> None:
        has_unit = any(match.group(i) for i in (2, 4, 6))
        clause = self.clause_at(match.start())
        if not has_unit:
            if P.TRAILING_UNIT.match(self.line, match.end()) or clause.has(P.RESOLUTION_CONTEXT):
                return  # "1920 x 1080 px", "resolution 1920 x 1080"
            if match.group(5) or clause.has(P.DIMENSION_CONTEXT):
                self.add("DIM-UNIT", match.start(), match.end())
        elif not clause.has_tolerance() and not clause.has(P.PACKAGING_CONTEXT):
            self.add("DIM-TOL", match.start(), match.end(), waived_by=_GENERAL_TOLERANCE)

    def _property(self, match: re.Match[str]) -> None:
        line = self.line
        name = " ".join(match["name"].lower().split())
        number_end = match.end("number")
        if _TIMES_NEXT.match(line, number_end):
            return  # a dimension group, handled above
        after_range = P.AFTER_NUMBER_RANGE.match(line, number_end).end()
        unit = P.TRAILING_UNIT.match(line, after_range)
        clause = self.clause_at(match.start())
        is_dimension = name.rstrip(".") in P.DIMENSION_NAMES
        is_weight = "weigh" in name or name.replace(".", "") in ("nw", "gw")
        if unit is None:
            if P.BARE_END.match(line, after_range):
                rule = "DIM-UNIT" if is_dimension else "WEIGHT-UNIT" if is_weight else (
                    "UNIT-MISSING")
                self.add(rule, match.start(), after_range)
            return
        unit_text = unit.group().strip()
        if is_weight and _MASS_UNIT.fullmatch(unit_text):
            rule = "WEIGHT-RANGE"
        elif is_dimension and _LENGTH_UNIT.fullmatch(unit_text):
            rule = "DIM-TOL"
        else:
            return
        if clause.has_tolerance() or clause.has(P.PACKAGING_CONTEXT):
            return
        waived_by = _GENERAL_TOLERANCE if rule == "DIM-TOL" else None
        self.add(rule, match.start("number"), unit.end(), waived_by=waived_by)

    def scan_placeholders(self) -> None:
        for match in P.PLACEHOLDER.finditer(self.line):
            self.add("PLACEHOLDER", match.start(), match.end())

    def result(self) -> tuple[Finding, ...]:
        approx_clauses = {
            id(self.clause_at(f.start)) for f in self.findings if f.rule == "APPROX"
        }
        seen: set[tuple[str, int, int]] = set()
        kept = []
        for finding in sorted(self.findings, key=lambda f: (f.start, f.end, f.rule)):
            key = (finding.rule, finding.start, finding.end)
            if key in seen:
                continue
            if finding.rule in ("DIM-TOL", "WEIGHT-RANGE") and id(
                self.clause_at(finding.start)
            ) in approx_clauses:
                continue  # the APPROX finding already asks for a tolerance
            seen.add(key)
            kept.append(finding)
        return tuple(kept)


def _shipment_date_stated(text: str) -> bool:
    for match in P.ANY_CASE[P.SHIPMENT_CONTEXT].finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        if P.DATE_LIKE.search(text, line_start, len(text) if line_end < 0 else line_end):
            return True
    return False


def sections_present(text: str) -> frozenset[str]:
    """The sections a specification states. Whole-text searches that stop at the first hit."""
    found = {name for name, pattern in P.SECTIONS.items() if pattern.search(text)}
    if _shipment_date_stated(text):
        found.add("shipment_date")
    return frozenset(found)


_EMPTY = LineLint(())


@lru_cache(maxsize=1 << 16)
def lint_line(line: str) -> LineLint:
    """Findings in one line, offsets within the line."""
    if not line.strip():
        return _EMPTY
    scanner = _LineScanner(line)
    scanner.scan_words()
    if P.DIGIT.search(line):
        scanner.scan_numbers()
    if P.PLACEHOLDER_HINT.search(line):
        scanner.scan_placeholders()
    return LineLint(scanner.result())


def score(findings: tuple[Finding, ...] | list[Finding], missing: tuple[str, ...]) -> int:
    """Dispute readiness: 100 minus a cost per missing section and per finding (capped)."""
    finding_cost = min(_FINDINGS_CAP, sum(_FINDING_COST[f.severity] for f in findings))
    return max(0, 100 - finding_cost - _MISSING_COST * len(missing))


def _waived(findings: list[Finding], text: str) -> set[str]:
    """The document-wide facts that make some findings moot (only those asked about)."""
    asked = {f.waived_by for f in findings if f.waived_by}
    facts = set()
    if _GENERAL_TOLERANCE in asked and P.GENERAL_TOLERANCE.search(text):
        facts.add(_GENERAL_TOLERANCE)
    # A grade stated anywhere ("Material: stainless steel 304") covers a bare mention elsewhere
    # ("stainless steel bottle"); the finding's own clause has none, so a hit is elsewhere.
    facts.update(
        name for name in asked if name.startswith("grade:") and _GRADES[name[6:]].search(text)
    )
    return facts


def lint(text: str, provided: frozenset[str] = frozenset()) -> LintReport:
    """Lint a whole specification. Offsets are character offsets into ``text``. ``provided``
    names sections stated elsewhere in the contract (the order's own shipment date or lines), so
    they are not missing."""
    findings: list[Finding] = []
    offset = 0
    for line in text.split("\n"):
        result = lint_line(line)
        if result.findings:
            findings.extend(f.shifted(offset) if offset else f for f in result.findings)
        offset += len(line) + 1
    facts = _waived(findings, text)
    kept = tuple(f for f in findings if f.waived_by is None or f.waived_by not in facts)
    present = sections_present(text)
    missing = tuple(n for n in SECTION_NAMES if n not in present and n not in provided)
    value = score(kept, missing) if text.strip() else 0
    return LintReport(score=value, findings=kept, missing=missing, facts=frozenset(facts))


def apply_fix(text: str, finding: Finding) -> str:
    """Apply a finding's mechanical fix and tidy the spaces and commas around it."""
    if finding.replacement is None:
        return text
    before, after = text[: finding.start], text[finding.end:]
    if finding.replacement:
        return before + finding.replacement + after
    before, after = before.rstrip(" \t"), after.lstrip(" \t")
    if not after or after[0] in "\n,.;:)":
        before = before.rstrip(",")
    elif before and not before.endswith("\n"):
        before += " "
    return before + after
