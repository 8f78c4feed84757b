"""The spec linter: findings, missing sections and a 0-100 score for a specification text.

This module scans lines and documents; what it reports (rules, findings, the report and its
score) is in ``findings``, the clause context its word rules consult is in ``context``.

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

And linear on any input: every pattern is written so (see ``patterns``), a finding's clause is
found by bisection, and a line stops being scanned after ``MAX_FINDINGS_PER_LINE`` findings (a
line with that many is noise, not a requirement), so a pasted 50 KB line costs ten times a 5 KB
line, not a hundred.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ta_desktop.core.domain.speclint import lines as L
from ta_desktop.core.domain.speclint import patterns as P
from ta_desktop.core.domain.speclint.context import CHECKS, GRADES, Clause, clause_bounds
from ta_desktop.core.domain.speclint.findings import (
    SECTION_NAMES,
    Finding,
    LineLint,
    LintReport,
    make_finding,
    score,
)
from ta_desktop.core.domain.speclint.lexicon import LEXICON, Entry

_GENERAL_TOLERANCE = "general_tolerance"

MAX_FINDINGS_PER_LINE = 200
_FAMILY_ONLY = (
    "Name the grade or composition, not the family: 'ABS', 'stainless steel 304', "
    "'aluminium 6061-T6', '100% combed cotton'; add 'other mixtures unacceptable'."
)

_TIMES_NEXT = re.compile(r"\s*+[x×X*]\s*+\d")
_MASS_UNIT = re.compile(P.MASS_UNIT, re.IGNORECASE)
_LENGTH_UNIT = re.compile(P.LENGTH_UNIT, re.IGNORECASE)

_DOTTED = frozenset({"etc", "approx", "ca"})


@lru_cache(maxsize=2)
def _phrases(any_case: bool) -> re.Pattern[str]:
    """Every lexicon phrase in one regex, searched in the lower-cased line (a case-sensitive
    search is about twice as fast); the case-insensitive twin serves a line whose length changes
    when lower-cased. The regex engine does the phrase matching; Python sees only the hits.
    Compiled on first use, not at import: compiling takes about 0.2 s, which start-up can't spare
    (``warm_up`` compiles it ahead, off the GUI thread)."""
    pattern = r"\b" + P.phrase_alternation(list(LEXICON))
    return re.compile(pattern, re.IGNORECASE if any_case else 0)


def warm_up() -> None:
    """Compile the patterns now, so the first line linted is as quick as the next."""
    _phrases(False)
    _phrases(True)


class _Full(Exception):
    """The line has ``MAX_FINDINGS_PER_LINE`` findings: stop scanning it."""


class _LineScanner:
    def __init__(self, line: str):
        self.line = line
        self.lowered = line.lower()
        self._bounds: list[tuple[int, int]] | None = None
        self._ends: list[int] = []
        self._clauses: dict[int, Clause] = {}  # built on first use: most clauses need none
        self.findings: list[Finding] = []

    def clause_at(self, position: int) -> Clause:
        if self._bounds is None:
            self._bounds = clause_bounds(self.line)
            self._ends = [end for _, end in self._bounds]
        index = min(bisect_right(self._ends, position), len(self._bounds) - 1)
        clause = self._clauses.get(index)
        if clause is None:
            start, end = self._bounds[index]
            # lowered == "" when lower-casing changed the length (offsets would not match)
            lowered = self.lowered if len(self.lowered) == len(self.line) else ""
            clause = self._clauses[index] = Clause(self.line, lowered, start, end)
        return clause

    def add(self, rule: str, start: int, end: int, **kw: object) -> None:
        self.findings.append(make_finding(rule, self.line, start, end, **kw))  # type: ignore[arg-type]
        if len(self.findings) >= MAX_FINDINGS_PER_LINE:
            raise _Full

    def scan_words(self) -> None:
        line = self.line
        if len(self.lowered) == len(line):
            hits = _phrases(False).finditer(self.lowered)
        else:
            hits = _phrases(True).finditer(line)
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
            floor = max(done, start - 40)  # a number is never longer
            while start > floor and line[start - 1] in "0123456789.,":
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
        if "q" in self.lowered or "H" in line:
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

    def scan_labelled(self) -> None:
        """Labelled lines whose value says too little (see ``lines``)."""
        line = self.line
        material = L.family_only_material(line)
        if material is not None:
            start, end = material
            self.findings = [f for f in self.findings if not (
                f.rule == "MATERIAL-GRADE" and start <= f.start and f.end <= end)]
            self.add("MATERIAL-GRADE", start, end, suggestion=_FAMILY_ONLY)
        if not any(f.rule in ("DIM-UNIT", "UNIT-MISSING") for f in self.findings):
            size = L.unitless_size(line)
            if size is not None:
                self.add("DIM-UNIT", *size)

    def quiet(self) -> None:
        """Drop what quoted text and process steps make moot."""
        quoted = L.quoted_spans(self.line)
        steps = L.process_spans(self.line, self.lowered)
        if quoted or steps:
            self.findings = [
                f for f in self.findings
                if not (f.rule in L.QUOTE_SILENCES and L.inside(quoted, f.start, f.end))
                and not (f.rule in L.STEP_SILENCES and L.inside(steps, f.start, f.end))
            ]

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
    """A line that speaks of shipment also holds a date (each line is searched once)."""
    position = 0
    while match := P.ANY_CASE[P.SHIPMENT_CONTEXT].search(text, position):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        if P.DATE_LIKE.search(text, line_start, line_end):
            return True
        position = line_end + 1
    return False


def general_tolerance(text: str) -> bool:
    """A clause that sets the tolerance of every size: ISO 2768, "general tolerances", or
    "tolerances ... unless ..." on one line."""
    if P.GENERAL_TOLERANCE.search(text):
        return True
    position = 0
    while match := P.TOLERANCE_NOUN.search(text, position):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        if P.UNLESS.search(text, match.end(), line_end):
            return True
        position = line_end + 1
    return False


def _product_standard_stated(text: str) -> bool:
    """A standard the product must meet; a sampling standard (ISO 2859-1) says how the lot is
    inspected, so it fills "inspection", not "standards"."""
    return any(P.INSPECTION_STANDARD.match(text, m.start()) is None
               for m in P.STANDARD_REF.finditer(text))


def sections_present(text: str) -> frozenset[str]:
    """The sections a specification states. Whole-text searches that stop at the first hit."""
    found = {name for name, pattern in P.SECTIONS.items()
             if name != "standards" and pattern.search(text)}
    if _product_standard_stated(text):
        found.add("standards")
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
    try:
        scanner.scan_words()
        if P.DIGIT.search(line):
            scanner.scan_numbers()
        if P.PLACEHOLDER_HINT.search(line):
            scanner.scan_placeholders()
        scanner.scan_labelled()
    except _Full:
        pass
    scanner.quiet()
    return LineLint(scanner.result())


def _waived(findings: list[Finding], text: str) -> set[str]:
    """The document-wide facts that make some findings moot (only those asked about)."""
    asked = {f.waived_by for f in findings if f.waived_by}
    facts = set()
    if _GENERAL_TOLERANCE in asked and general_tolerance(text):
        facts.add(_GENERAL_TOLERANCE)
    # A grade stated anywhere ("Material: stainless steel 304") covers a bare mention elsewhere
    # ("stainless steel bottle"); the finding's own clause has none, so a hit is elsewhere.
    facts.update(
        name for name in asked if name.startswith("grade:") and GRADES[name[6:]].search(text)
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
