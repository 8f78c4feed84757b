"""Quality inspections of an order, and the checkout confirmation before "Send to supplier".

The platform refuses refunds when the contract had no clear specification (refusal reason 1) or
no quality inspection was booked when the order was placed (reason 2; TA_RULES.md "Why refunds
get refused"). So sending an order shows its readiness score, the missing sections and whether an
inspection is booked, and asks the buyer to confirm when either reason applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ta_desktop.core.domain.aql import MIN_LOT, inspection_plan
from ta_desktop.core.domain.bounds import day_problem
from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.specs import spec_report

# A specification scoring below this is "low" (the spec editor shows it in its warning colour
# below 80 too). Our own reading of "a clear, measurable specification", not a platform number.
READY_SCORE = 80


class InspectionType(StrEnum):
    DURING_PRODUCTION = "during_production"
    PRE_SHIPMENT = "pre_shipment"

    @property
    def label(self) -> str:
        return {InspectionType.DURING_PRODUCTION: "During production",
                InspectionType.PRE_SHIPMENT: "Pre-shipment"}[self]


class InspectionResult(StrEnum):
    BOOKED = "booked"  # not done yet
    PASSED = "passed"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {InspectionResult.BOOKED: "Booked", InspectionResult.PASSED: "Passed",
                InspectionResult.FAILED: "Failed"}[self]


@dataclass
class Inspection:
    """One inspection of an order: booked for a day, then passed or failed. The report is an
    evidence file of the order (copied into the store), so a failed inspection's report can go
    straight into a dispute."""

    order_id: int
    inspector: str
    on: date
    kind: InspectionType = InspectionType.PRE_SHIPMENT
    aql_plan: str = ""  # e.g. "ISO 2859-1 level II, AQL 0 / 2.5 / 4.0"
    result: InspectionResult = InspectionResult.BOOKED
    report_evidence_id: int | None = None
    report_name: str = ""  # the report file's name, read with the inspection
    note: str = ""
    id: int | None = None
    version: int = 0


def validate_inspection(inspection: Inspection) -> None:
    errors = {}
    if not inspection.inspector.strip():
        errors["inspector"] = "Name the inspector or inspection company."
    if problem := day_problem(inspection.on):
        errors["on"] = problem
    if len(inspection.inspector) > 200:
        errors["inspector"] = "At most 200 characters."
    if len(inspection.aql_plan) > 500:
        errors["aql_plan"] = "At most 500 characters."
    if errors:
        raise ValidationError(next(iter(errors.values())), field_errors=errors)


def aql_plan_text(lot: int, major: str = "2.5", minor: str = "4.0") -> str:
    """A short AQL plan for an inspection record, from ISO 2859-1 (``aql``) for a lot of
    ``lot`` items: critical defects not accepted, major and minor at the usual AQLs."""
    if lot < MIN_LOT:
        return f"ISO 2859-1 level II: inspect every item; AQL 0 / {major} / {minor}"
    plan = inspection_plan(lot, {"major": major, "minor": minor})
    parts = [f"{p.defect_class} {p.aql}: sample {p.sample_size:,}, accept {p.accept}, "
             f"reject {p.reject}" for p in plan.plans]
    return (f"ISO 2859-1 level II, lot {lot:,} (code {plan.code_letter}); critical 0; "
            + "; ".join(parts))


def pass_rate(results: Iterable[InspectionResult]) -> float | None:
    """Passed among the inspections done (booked ones are not counted); None when none was."""
    done = [r for r in results if r != InspectionResult.BOOKED]
    if not done:
        return None
    return sum(1 for r in done if r == InspectionResult.PASSED) / len(done)


def failure_claim_text(inspection: Inspection) -> str:
    """The claim text a dispute opened from a failed inspection starts with (English, EV-TEXT)."""
    plan = f" against {inspection.aql_plan}" if inspection.aql_plan else ""
    report = (f" The inspection report ({inspection.report_name}) is attached as evidence."
              if inspection.report_name else "")
    return (f"Quality: the {inspection.kind.label.lower()} inspection by {inspection.inspector} "
            f"on {inspection.on.isoformat()} failed{plan}; the goods do not meet the quality "
            f"written in the order contract.{report}")


@dataclass(frozen=True)
class CheckoutReview:
    """What the "Send to supplier" confirmation shows."""

    score: int | None  # None: no specification written
    missing: tuple[str, ...]  # labels of the sections the specification lacks
    inspection_booked: bool
    warnings: tuple[str, ...]  # one sentence per reason to stop and think
    # What other rules say before the order goes out (SUP-ELIG, SUP-LIMIT, PAY-TT, LEAD,
    # SUP-CERT), each one sentence with its rule id: asked about in the same confirmation.
    cautions: tuple[str, ...] = ()

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.warnings or self.cautions)

    def text(self) -> str:
        score = "no specification" if self.score is None else f"{self.score}/100"
        lines = [f"Specification readiness: {score}."]
        if self.missing:
            lines.append("Missing sections: " + ", ".join(self.missing) + ".")
        lines.append("Inspection booked: " + ("yes." if self.inspection_booked else "no."))
        lines += self.warnings
        lines += self.cautions
        return "\n".join(lines)


def checkout_review(order: Order, inspections: Iterable[Inspection]) -> CheckoutReview:
    from ta_desktop.core.domain.speclint import SECTION_LABELS  # the linter loads on first use

    report = spec_report(order) if order.spec_text.strip() else None
    score = report.score if report else None
    missing = tuple(SECTION_LABELS.get(name, name) for name in report.missing) if report else ()
    booked = any(i.order_id == order.id for i in inspections)
    warnings = []
    if score is None or score < READY_SCORE:
        warnings.append(
            "Refusal reason 1: the contract has no clear, measurable specification "
            f"(readiness below {READY_SCORE}). A dispute about quality is likely to be lost.")
    if not booked:
        warnings.append(
            "Refusal reason 2: no quality inspection is booked. Book one (pre-shipment, with "
            "an AQL plan) before the order is placed.")
    return CheckoutReview(score, missing, booked, tuple(warnings))
