"""What the spec linter reports: its rules (severity and message), the sections a specification
should state, findings, the report and its 0-100 score.

Score: 100, minus 8 per missing section, minus 6 per error, 3 per warning and 1 per info finding
(the finding part capped at 44), never below 0; an empty text scores 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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

SUGGESTIONS = {
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


def score(findings: tuple[Finding, ...] | list[Finding], missing: tuple[str, ...]) -> int:
    """Dispute readiness: 100 minus a cost per missing section and per finding (capped)."""
    finding_cost = min(_FINDINGS_CAP, sum(_FINDING_COST[f.severity] for f in findings))
    return max(0, 100 - finding_cost - _MISSING_COST * len(missing))


def make_finding(rule: str, line: str, start: int, end: int, suggestion: str = "",
                 replacement: str | None = None, waived_by: str | None = None) -> Finding:
    severity, message = RULES[rule]
    text = line[start:end]
    suggestion = suggestion or SUGGESTIONS.get(rule, "")
    return Finding(rule, severity, start, end, text, message.format(text=text),
                   suggestion.format(text=text), replacement, waived_by)
