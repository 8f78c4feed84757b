"""AQL inspection plans per ISO 2859-1: general inspection level II, single sampling, normal.

Table I gives the sample-size code letter for a lot size; Table II-A gives, per code letter and
AQL, either an Ac/Re pair or an arrow to follow (an arrow changes the sample size). Table II-A is
diagonal: moving one row down (larger sample) and one AQL column left gives the same Ac/Re. So
the table is stored as the code letters, the AQL columns and the Ac/Re series along the
diagonal, and :func:`_cell` derives each cell; ``tests/core/test_aql.py`` checks the result
against published cells, arrows included.

These numbers are the ISO standard's, not Trade Assurance rules, so they live here rather than in
the rule profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ta_desktop.core.domain.errors import ValidationError

# Table I, general inspection level II: (largest lot size, code letter).
_LOT_LETTERS: tuple[tuple[int, str], ...] = (
    (8, "A"), (15, "B"), (25, "C"), (50, "D"), (90, "E"), (150, "F"), (280, "G"),
    (500, "H"), (1200, "J"), (3200, "K"), (10000, "L"), (35000, "M"), (150000, "N"),
    (500000, "P"),
)
_LAST_LETTER = "Q"  # 500,001 and over

# Table II-A rows: code letter -> sample size (R is reached only by following an arrow).
SAMPLE_SIZES: dict[str, int] = {
    "A": 2, "B": 3, "C": 5, "D": 8, "E": 13, "F": 20, "G": 32, "H": 50, "J": 80, "K": 125,
    "L": 200, "M": 315, "N": 500, "P": 800, "Q": 1250, "R": 2000,
}
_LETTERS = tuple(SAMPLE_SIZES)

# Table II-A columns (percent nonconforming up to 10, nonconformities per 100 items above).
AQL_VALUES: tuple[str, ...] = (
    "0.010", "0.015", "0.025", "0.040", "0.065", "0.10", "0.15", "0.25", "0.40", "0.65",
    "1.0", "1.5", "2.5", "4.0", "6.5", "10", "15", "25", "40", "65", "100", "150", "250",
    "400", "650", "1000",
)
_AQL_INDEX = {Decimal(value): index for index, value in enumerate(AQL_VALUES)}

# Along a diagonal (row index + column index) the cell is the same. Diagonal 14 is the 0/1
# line from (A, 6.5) to (Q, 0.010); 15 is an up arrow, 16 a down arrow; then the Ac/Re series.
_ZERO_ONE_DIAGONAL = 14
_UP, _DOWN = "up", "down"
_SERIES = ((1, 2), (2, 3), (3, 4), (5, 6), (7, 8), (10, 11), (14, 15), (21, 22), (30, 31), (44, 45))
# Ac 30 and 44 appear only in rows A-E (the nonconformities-per-100-items corner); below them
# the table points up.
_LARGE_AC_LAST_ROW = _LETTERS.index("E")

CLASSES = ("critical", "major", "minor")
MIN_LOT = 2  # Table I starts at a lot of 2
MAX_LOT = 10**7  # no upper bound in the table ("500,001 and over"); a sane ceiling for a form


@dataclass(frozen=True)
class ClassPlan:
    """The sampling plan for one defect class."""

    defect_class: str
    aql: Decimal
    code_letter: str  # the row the arrows led to (may differ from the lot's code letter)
    sample_size: int
    accept: int
    reject: int
    full_inspection: bool  # the sample size reached the lot size: inspect every item

    def to_dict(self) -> dict[str, float | int]:
        return {
            "aql": float(self.aql),
            "sample_size": self.sample_size,
            "accept": self.accept,
            "reject": self.reject,
        }


@dataclass(frozen=True)
class InspectionPlan:
    lot: int
    code_letter: str
    plans: tuple[ClassPlan, ...]

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"lot": self.lot, "code_letter": self.code_letter}
        data.update({plan.defect_class: plan.to_dict() for plan in self.plans})
        return data


def code_letter(lot: int) -> str:
    """Table I, general inspection level II."""
    if lot < 1:
        raise ValidationError("The lot size must be at least 1 item.", field_errors={"lot": "≥ 1"})
    for largest, letter in _LOT_LETTERS:
        if lot <= largest:
            return letter
    return _LAST_LETTER


def parse_aql(value: str | float | Decimal) -> Decimal:
    """An AQL as one of Table II-A's columns (``"2.5"``, ``2.5``, ``Decimal("2.50")``)."""
    try:
        number = Decimal(str(value).strip())
    except ArithmeticError:
        number = None
    if number is None or number not in _AQL_INDEX:
        raise ValidationError(
            f"'{value}' is not an AQL of ISO 2859-1 Table II-A; use one of "
            f"{', '.join(AQL_VALUES)}.",
            field_errors={"aql": "not a table value"},
        )
    return Decimal(AQL_VALUES[_AQL_INDEX[number]])


def _cell(row: int, column: int) -> tuple[int, int] | str:
    diagonal = row + column
    if diagonal < _ZERO_ONE_DIAGONAL:
        return _DOWN
    if diagonal == _ZERO_ONE_DIAGONAL:
        return (0, 1)
    if diagonal == _ZERO_ONE_DIAGONAL + 1:
        return _UP
    if diagonal == _ZERO_ONE_DIAGONAL + 2:
        return _DOWN
    index = diagonal - _ZERO_ONE_DIAGONAL - 3
    if index >= len(_SERIES):
        return _UP
    accept, reject = _SERIES[index]
    if accept >= 30 and row > _LARGE_AC_LAST_ROW:
        return _UP
    return accept, reject


def table_cell(letter: str, aql: str | float | Decimal) -> tuple[int, int] | str:
    """One cell of Table II-A as printed: ``(Ac, Re)``, ``"up"`` or ``"down"``."""
    return _cell(_LETTERS.index(letter), _AQL_INDEX[parse_aql(aql)])


def class_plan(lot: int, defect_class: str, aql: str | float | Decimal) -> ClassPlan:
    """Follow Table II-A from the lot's code letter to a plan for one AQL."""
    value = parse_aql(aql)
    column = _AQL_INDEX[value]
    row = _LETTERS.index(code_letter(lot))
    step = 0
    while True:
        cell = _cell(row, column)
        if not isinstance(cell, str):
            break
        # An up arrow in row A (AQL 10) has no plan above it; a down arrow in row R has none
        # below. Neither edge is reachable at level II except row A, where the only plan in
        # that column lies below.
        step = (-1 if cell == _UP else 1) if step == 0 else step
        if not 0 <= row + step < len(_LETTERS):
            step = -step
        row += step
    letter = _LETTERS[row]
    sample = SAMPLE_SIZES[letter]
    return ClassPlan(
        defect_class=defect_class,
        aql=value,
        code_letter=letter,
        sample_size=min(sample, lot),
        accept=cell[0],
        reject=cell[1],
        full_inspection=sample >= lot,
    )


def inspection_plan(lot: int, aqls: dict[str, str | float | Decimal]) -> InspectionPlan:
    """The plan for each defect class given (``{"major": 2.5, "minor": 4.0}``)."""
    unknown = set(aqls) - set(CLASSES)
    if unknown:
        raise ValidationError(f"Unknown defect class: {', '.join(sorted(unknown))}.")
    plans = tuple(
        class_plan(lot, name, aqls[name]) for name in CLASSES if aqls.get(name) is not None
    )
    return InspectionPlan(lot=lot, code_letter=code_letter(lot), plans=plans)


def plan_clause(plan: InspectionPlan) -> str:
    """The plan as a clause for the specification (plain English, one line per class)."""
    lines = [
        "Inspection: third-party pre-shipment inspection per ISO 2859-1, general inspection "
        f"level II, single sampling, normal inspection; lot size {plan.lot:,} pcs "
        f"(code letter {plan.code_letter}).",
    ]
    for item in plan.plans:
        sample = (
            f"inspect all {item.sample_size:,} pcs"
            if item.full_inspection
            else f"sample {item.sample_size:,} pcs"
        )
        accept = (
            "accept only if no defective unit is found"
            if item.accept == 0
            else f"accept with up to {item.accept} defective units"
        )
        lines.append(
            f"- {item.defect_class.capitalize()} defects: AQL {item.aql}, {sample}, "
            f"{accept}, reject with {item.reject} or more."
        )
    lines.append("- The lot is rejected when a defect class reaches its reject number.")
    return "\n".join(lines)
