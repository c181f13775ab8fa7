"""Parse a report with the standard library's HTML parser and check what tests rely on."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class ParsedReport:
    ids: set[str] = field(default_factory=set)
    external: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    json_scripts: dict[str, str] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = ParsedReport()
        self.stack: list[str] = []
        self._json_id: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.report.tags.append((tag, attributes))
        if attributes.get("id"):
            if attributes["id"] in self.report.ids:
                self.report.problems.append(f"duplicate id {attributes['id']}")
            self.report.ids.add(attributes["id"])
        for name in ("src", "href"):
            value = (attributes.get(name) or "").strip().lower()
            loads = tag in {"script", "link", "img", "iframe", "source", "embed"}
            if loads and value and not value.startswith(("data:", "#")):
                self.report.external.append(f"<{tag} {name}={value}>")
        if tag == "script" and attributes.get("type") == "application/json":
            self._json_id = attributes.get("id") or ""
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.report.problems.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "script":
            self._json_id = None

    def handle_data(self, data: str) -> None:
        if self._json_id is not None:
            self.report.json_scripts[self._json_id] = (
                self.report.json_scripts.get(self._json_id, "") + data
            )


def parse_report(text: str) -> ParsedReport:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    if parser.stack:
        parser.report.problems.append(f"unclosed elements: {parser.stack}")
    return parser.report


import pytest
from xss_payloads import MALICIOUS, MALICIOUS_ATTR

from detente.scenario import Scenario, load_scenario_text


@pytest.fixture
def parse_html():
    return parse_report


@pytest.fixture
def malicious_scenario() -> Scenario:
    """A scenario whose every free-text field tries to inject markup."""
    text = f"""\
format: detente/1
id: xss
title: '{MALICIOUS}'
description: '{MALICIOUS_ATTR}'
actors:
  - id: a
    name: '{MALICIOUS}'
    rationale: '{MALICIOUS_ATTR}'
    sources: [s1, '{MALICIOUS}']
  - id: b
    name: '{MALICIOUS_ATTR}'
sources:
  - id: s1
    citation: '{MALICIOUS}'
    url: 'javascript:alert(3)'
"""
    return load_scenario_text(text, "xss.yaml")
