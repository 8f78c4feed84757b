"""AQL plans against ISO 2859-1 Table I and Table II-A (level II, single sampling, normal)."""

from decimal import Decimal

import pytest

from ta_desktop.core.domain.aql import (
    class_plan,
    code_letter,
    inspection_plan,
    parse_aql,
    plan_clause,
    table_cell,
)
from ta_desktop.core.domain.errors import ValidationError

# Table I, general inspection level II: every boundary.
LETTERS = [
    (2, "A"), (8, "A"), (9, "B"), (15, "B"), (16, "C"), (25, "C"), (26, "D"), (50, "D"),
    (51, "E"), (90, "E"), (91, "F"), (150, "F"), (151, "G"), (280, "G"), (281, "H"), (500, "H"),
    (501, "J"), (1200, "J"), (1201, "K"), (3200, "K"), (3201, "L"), (10000, "L"),
    (10001, "M"), (35000, "M"), (35001, "N"), (150000, "N"), (150001, "P"), (500000, "P"),
    (500001, "Q"), (5_000_000, "Q"),
]

# (lot, AQL, sample size, Ac, Re). "arrow" marks cells where the table points to another row,
# so the sample size differs from the lot's code letter.
PLANS = [
    (1000, "2.5", 80, 5, 6), (1000, "4.0", 80, 7, 8), (1000, "1.0", 80, 2, 3),
    (1000, "0.65", 80, 1, 2), (1000, "0.15", 80, 0, 1),
    (1000, "0.40", 125, 1, 2),  # arrow down
    (1000, "0.25", 50, 0, 1),  # arrow up
    (1000, "0.10", 125, 0, 1),  # arrow down
    (2000, "1.5", 125, 5, 6), (2000, "2.5", 125, 7, 8), (2000, "4.0", 125, 10, 11),
    (2000, "6.5", 125, 14, 15), (2000, "0.10", 125, 0, 1),
    (5000, "1.0", 200, 5, 6), (5000, "2.5", 200, 10, 11), (5000, "4.0", 200, 14, 15),
    (5000, "6.5", 200, 21, 22), (5000, "0.065", 200, 0, 1),
    (20000, "2.5", 315, 14, 15), (20000, "4.0", 315, 21, 22),
    (20000, "6.5", 200, 21, 22),  # arrow up
    (100000, "1.0", 500, 10, 11), (100000, "2.5", 500, 21, 22),
    (100000, "4.0", 315, 21, 22),  # arrow up
    (200000, "1.5", 800, 21, 22), (200000, "0.065", 800, 1, 2),
    (200000, "2.5", 500, 21, 22),  # arrow up
    (600000, "0.010", 1250, 0, 1), (600000, "1.0", 1250, 21, 22),
    (600000, "0.015", 800, 0, 1),  # arrow up
    (600000, "0.025", 2000, 1, 2),  # arrow down to code letter R
    (600000, "2.5", 500, 21, 22), (600000, "4.0", 315, 21, 22),  # arrows up
    (60, "1.0", 13, 0, 1), (60, "4.0", 13, 1, 2), (60, "6.5", 13, 2, 3),
    (60, "2.5", 20, 1, 2),  # arrow down
    (60, "1.5", 8, 0, 1),  # arrow up
    (100, "0.65", 20, 0, 1), (100, "2.5", 20, 1, 2), (100, "4.0", 20, 2, 3),
    (100, "6.5", 20, 3, 4),
    (100, "1.5", 32, 1, 2),  # arrow down
    (100, "1.0", 13, 0, 1),  # arrow up
    (200, "2.5", 32, 2, 3), (200, "4.0", 32, 3, 4),
    (200, "1.0", 50, 1, 2),  # arrow down
    (400, "1.0", 50, 1, 2), (400, "1.5", 50, 2, 3), (400, "2.5", 50, 3, 4),
    (400, "4.0", 50, 5, 6),
    (400, "0.65", 80, 1, 2),  # arrow down
    (10, "4.0", 3, 0, 1),
    (10, "6.5", 2, 0, 1),  # arrow up
    (10, "10", 5, 1, 2),  # arrow down
    (30, "100", 8, 14, 15), (30, "250", 8, 30, 31), (30, "400", 8, 44, 45),
    (60, "150", 13, 30, 31),
    (100, "100", 13, 21, 22),  # arrow up: Ac 30 appears only in rows A-E
    (8, "1000", 2, 30, 31),
]


@pytest.mark.parametrize(("lot", "letter"), LETTERS)
def test_lot_size_gives_the_table_i_code_letter(lot, letter):
    assert code_letter(lot) == letter


@pytest.mark.parametrize(("lot", "aql", "sample", "accept", "reject"), PLANS)
def test_plan_matches_table_ii_a_following_arrows(lot, aql, sample, accept, reject):
    plan = class_plan(lot, "major", aql)
    assert (plan.sample_size, plan.accept, plan.reject) == (sample, accept, reject)


def test_arrow_cells_are_arrows_in_the_table():
    assert table_cell("J", "0.25") == "up"
    assert table_cell("J", "0.40") == "down"
    assert table_cell("J", "0.10") == "down"
    assert table_cell("J", "2.5") == (5, 6)
    assert table_cell("M", "6.5") == "up"


def test_sample_larger_than_the_lot_means_inspecting_every_item():
    plan = class_plan(20, "critical", "0.65")  # arrow down to code letter F, n = 20
    assert plan.full_inspection and plan.sample_size == 20 and (plan.accept, plan.reject) == (0, 1)
    small = class_plan(5, "major", "2.5")  # arrow down to C, n = 5
    assert small.full_inspection and small.sample_size == 5


def test_up_arrow_in_the_top_row_uses_the_plan_below():
    # Row A has no plan above it; the first plan in the AQL 10 column is C (n = 5, Ac 1).
    plan = class_plan(8, "minor", "10")
    assert (plan.code_letter, plan.accept, plan.reject) == ("C", 1, 2)


def test_aql_must_be_a_table_value():
    assert parse_aql(2.5) == Decimal("2.5")
    assert parse_aql("0.1") == Decimal("0.10")
    for bad in ("3", "abc", "-1"):
        with pytest.raises(ValidationError):
            parse_aql(bad)


def test_lot_must_be_positive():
    with pytest.raises(ValidationError):
        code_letter(0)


def test_plan_per_class_and_clause():
    plan = inspection_plan(1000, {"critical": "0.10", "major": "2.5", "minor": "4.0"})
    assert plan.to_dict() == {
        "lot": 1000,
        "code_letter": "J",
        "critical": {"aql": 0.1, "sample_size": 125, "accept": 0, "reject": 1},
        "major": {"aql": 2.5, "sample_size": 80, "accept": 5, "reject": 6},
        "minor": {"aql": 4.0, "sample_size": 80, "accept": 7, "reject": 8},
    }
    clause = plan_clause(plan)
    assert "ISO 2859-1" in clause and "code letter J" in clause
    assert "Major defects: AQL 2.5, sample 80 pcs" in clause


def test_inserted_clause_draws_no_finding_from_the_spec_linter():
    from ta_desktop.core.domain.speclint import lint

    plan = inspection_plan(20, {"critical": "0.065", "major": "2.5", "minor": "4.0"})
    report = lint(plan_clause(plan))
    assert report.findings == ()
    assert "inspection" not in report.missing
