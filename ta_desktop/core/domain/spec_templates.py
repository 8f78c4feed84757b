"""Specification templates for common product kinds (data in ``resources/spec/templates.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from ta_desktop.core.domain.errors import NotFound
from ta_desktop.resources import resource_path

TEMPLATES_PATH = resource_path("spec", "templates.json")


@dataclass(frozen=True)
class TemplateSection:
    key: str
    heading: str
    text: str


@dataclass(frozen=True)
class SpecTemplate:
    kind: str
    name: str
    sections: tuple[TemplateSection, ...]

    def text(self) -> str:
        """The template as specification text: one 'Heading: starter' line per section."""
        return "\n".join(f"{s.heading}: {s.text}" for s in self.sections) + "\n"


@cache
def templates() -> tuple[SpecTemplate, ...]:
    data = json.loads(TEMPLATES_PATH.read_text(encoding="utf-8"))
    return tuple(
        SpecTemplate(
            kind=item["kind"],
            name=item["name"],
            sections=tuple(TemplateSection(**section) for section in item["sections"]),
        )
        for item in data["templates"]
    )


def template(kind: str) -> SpecTemplate:
    for item in templates():
        if item.kind == kind:
            return item
    raise NotFound(f"No specification template for '{kind}'.")
