"""Terminal rendering of the conflict lens (rich tables; no computation happens here)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from detente.conflict.explain import describe_state, explain_state
from detente.conflict.lens import ConflictAnalysis, explained_states
from detente.conflict.result import CONCEPT_TITLES

__all__ = ["render"]

MAX_STATE_ROWS = 64
"""Above this many states only the status quo and the equilibria are listed."""
MAX_GRID_COLUMNS = 40
"""Up to this many states the per-DM stability grid has one column per state."""

YES, NO = "✓", "·"


def _shown_states(result: ConflictAnalysis) -> list[int]:
    conflict, stability = result.conflict, result.stability
    if conflict.n_states <= MAX_STATE_ROWS:
        return list(range(conflict.n_states))
    chosen = set() if conflict.status_quo is None else {conflict.status_quo}
    for concept in stability.concepts:
        chosen.update(s - 1 for s in stability.equilibria(concept))
    return sorted(chosen)[: MAX_STATE_ROWS * 4]


def _states_table(result: ConflictAnalysis) -> Table:
    conflict, stability = result.conflict, result.stability
    shown = _shown_states(result)
    title = "States (Y = option taken) and equilibria"
    if len(shown) < conflict.n_states:
        title += f": status quo and equilibria only, {len(shown)} of {conflict.n_states:,} states"
    table = Table(
        title=title,
        title_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, 1),
        collapse_padding=True,
    )
    table.add_column("state", justify="right")
    for k, option in enumerate(conflict.options):
        owner = conflict.decision_makers[conflict.owner[k]]
        table.add_column(f"{option}\n[dim]{owner}[/dim]", justify="center", no_wrap=True)
    equilibria = {c: set(stability.equilibria(c)) for c in stability.concepts}
    for concept in stability.concepts:
        table.add_column(CONCEPT_TITLES[concept], justify="center", no_wrap=True)
    if conflict.names is not None:
        table.add_column("name")
    for index in shown:
        sid = index + 1
        label = f"{sid}"
        style = None
        if index == conflict.status_quo:
            label = f"SQ {sid}"
            style = "bold"
        cells = [label, *conflict.patterns[index]]
        cells += [YES if sid in equilibria[c] else NO for c in stability.concepts]
        if conflict.names is not None:
            cells.append(escape(conflict.names[index] or ""))
        table.add_row(*cells, style=style)
    return table


def _stability_grid(result: ConflictAnalysis, width: int) -> Table:
    conflict, stability = result.conflict, result.stability
    n = conflict.n_states
    label = max(len(dm) for dm in conflict.decision_makers) + 9
    if n <= MAX_GRID_COLUMNS and label + 3 * n <= width:
        # no box: one 3-character column per state keeps 24 states within 90 columns
        table = Table(
            header_style="bold",
            box=None,
            pad_edge=False,
            padding=(0, 0),
        )
        table.add_column("concept", no_wrap=True, min_width=8)
        table.add_column("DM", no_wrap=True, min_width=label - 8)
        for sid in range(1, n + 1):
            table.add_column(f"{sid:>3}", justify="right", no_wrap=True, min_width=3)
        for concept in stability.concepts:
            for d, dm in enumerate(conflict.decision_makers):
                row = stability.stable[concept][d]
                cells = [f"{YES if row[k] else NO:>3}" for k in range(n)]
                table.add_row(CONCEPT_TITLES[concept] if d == 0 else "", dm, *cells)
        return table
    table = Table(header_style="bold")
    table.add_column("concept")
    table.add_column("DM")
    table.add_column("stable states (count; first ids)")
    for concept in stability.concepts:
        for d, dm in enumerate(conflict.decision_makers):
            ids = stability.stable_states(concept, dm)
            shown = ", ".join(map(str, ids[:20])) + (" ..." if len(ids) > 20 else "")
            table.add_row(CONCEPT_TITLES[concept] if d == 0 else "", dm, f"{len(ids):,}: {shown}")
    return table


def _equilibria_table(result: ConflictAnalysis) -> Table:
    stability, conflict = result.stability, result.conflict
    table = Table(
        title="Equilibria (stable for every decision maker)",
        title_justify="left",
        header_style="bold",
    )
    table.add_column("concept")
    table.add_column("equilibria")
    table.add_column("reached from the status quo")
    for concept in stability.concepts:
        ids = stability.equilibria(concept)
        shown = ", ".join(f"{s} ({conflict.patterns[s - 1]})" for s in ids[:12]) + (
            f" ... ({len(ids):,} in all)" if len(ids) > 12 else ""
        )
        analysis = result.status_quo.get(concept)
        reached = (
            ", ".join(str(p.target) for p in analysis.paths) or "none"
            if analysis is not None
            else "(no status quo)"
        )
        table.add_row(CONCEPT_TITLES[concept], shown or "none", reached)
    return table


def _assumptions_table(result: ConflictAnalysis) -> Table:
    table = Table(
        title="Assumptions behind the preferences (most important first) and the status quo",
        title_justify="left",
        header_style="bold",
    )
    table.add_column("DM")
    table.add_column("statement")
    table.add_column("rationale (sources)")
    previous = None
    for item in result.assumptions:
        who = item.dm or "status quo"
        why = item.rationale or ""
        if item.sources:
            why += f" ({', '.join(item.sources)})"
        table.add_row(who if who != previous else "", escape(item.text), escape(why.strip()))
        previous = who
    return table


def _merge_concepts(verdicts: list) -> list[tuple[list[str], str]]:  # type: ignore[type-arg]
    """Group concepts whose verdict text is the same apart from the concept's name."""
    groups: list[tuple[list[str], str]] = []
    for verdict in verdicts:
        title = CONCEPT_TITLES[verdict.concept]
        generic = verdict.text.replace(f"({title})", "(*)", 1)
        for names, text in groups:
            if text == generic:
                names.append(title)
                break
        else:
            groups.append(([title], generic))
    return groups


def render(result: ConflictAnalysis, console: Console, explain: bool = False) -> None:
    """Print the conflict analysis: states, stability grid, equilibria, status-quo paths."""
    conflict = result.conflict
    heading = Text("Conflict stability (GMCR)", style="bold underline")
    if result.title:
        heading.append(f": {result.title}", style="bold")
    console.print(heading)
    owners = "; ".join(
        f"{dm} controls {', '.join(conflict.options[k] for k in conflict.options_of(d))}"
        for d, dm in enumerate(conflict.decision_makers)
    )
    console.print(
        f"{conflict.n_states:,} feasible states, {conflict.n_decision_makers} decision makers "
        f"({escape(owners)}). Moves: "
        + ("explicit lists." if conflict.explicit_moves is not None else "derived from options.")
    )
    for note in result.notes:
        console.print(f"[yellow]note:[/yellow] {escape(note)}")
    console.print()
    console.print(_states_table(result))
    console.print()
    console.print(Text("Stability per decision maker (✓ stable, · unstable)", style="italic"))
    console.print(_stability_grid(result, console.width))
    console.print()
    console.print(_equilibria_table(result))
    console.print()
    primary = result.primary_concept
    analysis = result.status_quo.get(primary)
    if analysis is None:
        console.print("[dim]No status quo given, so no evolution paths.[/dim]")
    else:
        console.print(Text(f"Status quo ({CONCEPT_TITLES[primary]})", style="bold"))
        console.print(escape(analysis.text))
        if not any(p.steps for p in analysis.paths) and analysis.unreachable:
            console.print(
                "[dim]No unilateral improvement leads away from the status quo toward these "
                "equilibria: reaching them needs moves that some party would not make on its "
                "own (coordinated or conditional moves, i.e. a negotiated package).[/dim]"
            )
    if explain and result.assumptions:
        console.print()
        console.print(_assumptions_table(result))
    if explain:
        console.print()
        console.print(Text("Explanations (status quo and equilibria)", style="bold"))
        for index in explained_states(result):
            label = describe_state(conflict, index)
            console.print(Text(label[:1].upper() + label[1:], style="bold cyan"))
            verdicts = list(explain_state(conflict, result.stability, index))
            for dm in conflict.decision_makers:
                mine = [v for v in verdicts if v.dm == dm]
                for names, text in _merge_concepts(mine):
                    console.print("  " + escape(text.replace("(*)", f"({', '.join(names)})")))
