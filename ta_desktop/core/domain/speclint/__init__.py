"""Spec linter: flags what an inspector or a dispute team could not verify in a specification.

Pure Python, standard library only. ``lint(text)`` gives a :class:`LintReport` (score, findings,
missing sections); ``lint_line(line)`` is the memoised per-line step the editor uses while typing.
"""

from ta_desktop.core.domain.speclint.engine import apply_fix, lint, lint_line, warm_up
from ta_desktop.core.domain.speclint.findings import (
    RULES,
    SECTION_LABELS,
    SECTION_NAMES,
    Finding,
    LineLint,
    LintReport,
    Severity,
    score,
)

__all__ = [
    "RULES",
    "SECTION_LABELS",
    "SECTION_NAMES",
    "Finding",
    "LineLint",
    "LintReport",
    "Severity",
    "apply_fix",
    "lint",
    "lint_line",
    "score",
    "warm_up",
]
