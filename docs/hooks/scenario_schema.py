"""MkDocs hook: the scenario format reference, generated from the scenario's JSON Schema.

``docs/reference/scenario-schema.md`` holds the marker ``<!-- scenario-schema -->``; at build
time it is replaced by one section per model of the schema (the whole scenario first, then
every section and element in the order they are first referenced), each with a table of its
fields: name, type, whether it is required, default, and the field's description. The page can
therefore never describe a field that does not exist or miss one that does.
"""

from __future__ import annotations

import json
from typing import Any

MARKER = "<!-- scenario-schema -->"
PAGE = "reference/scenario-schema.md"


def _anchor(name: str) -> str:
    return name.lower()


def _type(schema: dict[str, Any]) -> str:
    """A readable type for one property schema, with links to referenced models."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{_anchor(name)})"
    if "const" in schema:
        return f"`{json.dumps(schema['const'])}`"
    if "enum" in schema:
        return " \\| ".join(f"`{json.dumps(v)}`" for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [_type(s) for s in schema[key] if s.get("type") != "null"]
            optional = any(s.get("type") == "null" for s in schema[key])
            text = " or ".join(dict.fromkeys(options))
            return f"{text} (or null)" if optional else text
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items")
        if isinstance(items, dict) and items:
            return f"list of {_type(items)}"
        prefix = schema.get("prefixItems")
        if prefix:
            return "[" + ", ".join(_type(s) for s in prefix) + "]"
        return "list"
    if kind == "object":
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            return f"mapping to {_type(extra)}"
        return "mapping"
    if kind == "string" and schema.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if kind == "string" and "pattern" in schema:
        return "id"
    return str(kind or "any")


def _limits(schema: dict[str, Any]) -> str:
    parts = []
    for key, label in (
        ("minimum", ">="),
        ("exclusiveMinimum", ">"),
        ("maximum", "<="),
        ("exclusiveMaximum", "<"),
        ("minItems", "items >="),
        ("maxItems", "items <="),
        ("minLength", "length >="),
        ("maxLength", "length <="),
    ):
        if key in schema:
            parts.append(f"{label} {schema[key]}")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _section(name: str, schema: dict[str, Any]) -> list[str]:
    lines = [f"### {name}", ""]
    if schema.get("description"):
        lines += [_cell(schema["description"]), ""]
    properties = schema.get("properties", {})
    if not properties:
        if "anyOf" in schema or "oneOf" in schema or "enum" in schema:
            lines += [f"One of: {_type(schema)}.", ""]
        return lines
    required = set(schema.get("required", ()))
    lines += [
        "| field | type | required | default | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for field, spec in properties.items():
        default = "" if "default" not in spec else f"`{json.dumps(spec['default'])}`"
        description = spec.get("description", "")
        limits = _limits(spec)
        if limits:
            description = f"{description} ({limits})" if description else limits
        lines.append(
            f"| `{field}` | {_type(spec)} | {'yes' if field in required else ''} | "
            f"{_cell(default)} | {_cell(description)} |"
        )
    lines.append("")
    return lines


def _order(root: dict[str, Any]) -> list[str]:
    """Definition names in the order they are first referenced from the root (breadth first)."""
    definitions = root.get("$defs", {})
    seen: list[str] = []
    queue: list[Any] = [root.get("properties", {})]
    while queue:
        node = queue.pop(0)
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                name = ref.rsplit("/", 1)[1]
                if name not in seen:
                    seen.append(name)
                    queue.append(definitions.get(name, {}))
            queue.extend(v for k, v in node.items() if k != "$ref")
        elif isinstance(node, list):
            queue.extend(node)
    return seen + [n for n in definitions if n not in seen]


def scenario_schema_markdown() -> str:
    """The reference: the scenario's own fields, then every model it refers to."""
    from detente.scenario import Scenario

    root = Scenario.model_json_schema(mode="validation")
    lines = _section("Scenario", root)
    for name in _order(root):
        lines += _section(name, root["$defs"][name])
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Fill the marker of the scenario reference page."""
    if page.file.src_uri == PAGE and MARKER in markdown:
        return markdown.replace(MARKER, scenario_schema_markdown())
    return markdown
