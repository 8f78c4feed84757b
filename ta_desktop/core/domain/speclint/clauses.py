"""Clauses of a specification by section: find one, read its value, write or replace it.

A clause is a line that starts with a heading ("Colour:", "Shipment date:") plus the
continuation lines under it (indented, or bullets starting with '-'). The editor's structured
fields write through :func:`set_clause`, so a field and the text never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ClauseKind:
    key: str
    heading: str  # written by set_clause
    aliases: tuple[str, ...]  # headings recognised when reading (lower case)


CLAUSE_KINDS: tuple[ClauseKind, ...] = (
    ClauseKind("material", "Material", ("material", "materials", "fabric", "body material")),
    ClauseKind("colour", "Colour", ("colour", "color", "colours", "colors", "colour and finish")),
    ClauseKind("dimensions", "Dimensions", ("dimensions", "dimension", "size", "measurements")),
    ClauseKind("weight", "Weight", ("weight", "net weight")),
    ClauseKind("quantity", "Quantity", ("quantity", "qty", "quantities")),
    ClauseKind("packaging", "Packaging", ("packaging", "packing", "package")),
    ClauseKind("labelling", "Labelling", ("labelling", "labeling", "labels", "label", "marking")),
    ClauseKind("standards", "Standards and compliance",
               ("standards and compliance", "standards", "compliance", "certification")),
    ClauseKind("inspection", "Inspection", ("inspection", "quality inspection", "qc")),
    ClauseKind("shipment_date", "Shipment date",
               ("shipment date", "shipment", "delivery date", "ship date")),
    ClauseKind("design_files", "Design files", ("design files", "design", "drawings", "artwork")),
)
KINDS = {kind.key: kind for kind in CLAUSE_KINDS}

_PATTERNS = {
    kind.key: re.compile(
        r"^[ \t]*(?:[-*•][ \t]*)?(?:"
        + "|".join(re.escape(a) for a in sorted(kind.aliases, key=len, reverse=True))
        + r")[ \t]*:[ \t]*",
        re.IGNORECASE | re.MULTILINE,
    )
    for kind in CLAUSE_KINDS
}
_CONTINUATION = re.compile(r"[ \t]+\S|-[ \t]")


def find_clause(text: str, key: str) -> tuple[int, int, int] | None:
    """(start of the clause, start of its value, end of its last line) or None."""
    match = _PATTERNS[key].search(text)
    if match is None:
        return None
    end = text.find("\n", match.end())
    while end != -1 and _CONTINUATION.match(text, end + 1):
        end = text.find("\n", end + 1)
    return match.start(), match.end(), len(text) if end == -1 else end


def clause_value(text: str, key: str) -> str | None:
    found = find_clause(text, key)
    return None if found is None else text[found[1]:found[2]].strip()


def set_clause(text: str, key: str, value: str) -> str:
    """``text`` with the clause for ``key`` set to ``value`` (replaced, or added at the end)."""
    line = f"{KINDS[key].heading}: {value.strip()}"
    found = find_clause(text, key)
    if found is not None:
        return text[:found[0]] + line + text[found[2]:]
    if text and not text.endswith("\n"):
        text += "\n"
    return text + line + "\n"
