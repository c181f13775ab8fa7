"""Commands about scenario files themselves: validate, schema, scenarios."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from detente.cli.common import load_arg, out_console, resolve_scenario_path
from detente.scenario import Scenario, shipped_scenarios

__all__ = ["register"]


def validate(
    file: Annotated[str, typer.Argument(help="Scenario file (or the name of a shipped one).")],
) -> None:
    """Check a scenario file; print every problem at file:line:column, exit 2 if any."""
    scenario = load_arg(file)
    path = resolve_scenario_path(file)
    sections = [
        name
        for name in type(scenario).model_fields
        if name not in {"format", "id", "title", "description", "as_of", "actors", "sources"}
        and getattr(scenario, name) is not None
    ]
    out_console.print(
        f"[green]OK[/green] {path}: scenario [bold]{scenario.id}[/bold] "
        f"({len(scenario.actors)} actors; sections: {', '.join(sections) or 'none'})"
    )


def schema() -> None:
    """Print the JSON Schema of scenario files (for editor completion and validation)."""
    document = Scenario.model_json_schema(mode="validation")
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "detente scenario (format detente/1)"
    typer.echo(json.dumps(document, indent=2))


def scenarios() -> None:
    """List the scenarios shipped with detente."""
    from detente.scenario import load_scenario

    table = Table(title="Shipped scenarios", title_justify="left")
    table.add_column("name", style="bold")
    table.add_column("title")
    table.add_column("as of")
    table.add_column("sections")
    for entry in shipped_scenarios():
        scenario = load_scenario(entry.path)
        sections = [
            name
            for name in type(scenario).model_fields
            if name not in {"format", "id", "title", "description", "as_of", "actors", "sources"}
            and getattr(scenario, name) is not None
        ]
        table.add_row(
            entry.name,
            scenario.title,
            scenario.as_of.isoformat() if scenario.as_of else "",
            ", ".join(sections),
        )
    out_console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(schema)
    app.command()(scenarios)
