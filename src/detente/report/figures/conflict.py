"""Figures of the conflict (GMCR) lens: the state graph and the stability table.

Reads a :class:`detente.conflict.lens.ConflictAnalysis`. Definitions follow Fang, Hipel &
Kilgour (1993), *Interactive Decision Making: The Graph Model for Conflict Resolution*, Wiley:
a unilateral improvement (UI) is a move by one decision maker to a state it strictly prefers; a
state is an equilibrium under a concept when it is stable for every decision maker. Status-quo
paths are those of :func:`detente.conflict.status_quo.status_quo_analysis`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import plotly.graph_objects as go

from detente.conflict.explain import explain_state
from detente.conflict.lens import ConflictAnalysis
from detente.conflict.moves import move_pairs
from detente.conflict.result import CONCEPT_TITLES
from detente.report.blocks import Block, Cell, FigureBlock, Headline, TableBlock
from detente.report.figures._style import plot_text, styled
from detente.report.palette import ActorPalette
from detente.scenario.model import Scenario

ORDER = 10
"""Reading position in the report (DESIGN.md's four questions, in order)."""

__all__ = [
    "blocks",
    "describe_pattern",
    "equilibrium_probabilities",
    "headlines",
    "option_labels",
    "options_table",
    "sensitive_keys",
    "stability_table",
    "state_graph",
    "status_quo_table",
]

MAX_GRAPH_STATES = 120
"""Above this many states the graph shows only the states of interest and their neighbours."""

MAX_EXPLAINED_STATES = 200
"""Above this many states the stability table lists only the states of interest."""

EQUILIBRIUM_FILL = "#F2C14E"
OTHER_EQUILIBRIUM_FILL = "#FBE7B5"
PATH_COLOUR = "rgba(242, 193, 78, 0.55)"


def option_labels(scenario: Scenario | None) -> dict[str, str]:
    """``{option id: label}`` from the scenario's conflict section (empty when unavailable)."""
    section = getattr(scenario, "conflict", None)
    labels: dict[str, str] = {}
    for dm in getattr(section, "decision_makers", ()) or ():
        for option in getattr(dm, "options", ()) or ():
            label = getattr(option, "label", None)
            if label:
                labels[option.id] = label
    return labels


def _title(concept: str) -> str:
    return CONCEPT_TITLES.get(concept, concept)


def _states_of_interest(analysis: ConflictAnalysis) -> list[int]:
    """0-based indices: the status quo, every equilibrium, every state on a status-quo path."""
    chosen: set[int] = set()
    conflict, stability = analysis.conflict, analysis.stability
    if conflict.status_quo is not None:
        chosen.add(conflict.status_quo)
    for concept in stability.concepts:
        chosen.update(s - 1 for s in stability.equilibria(concept))
    for sq in analysis.status_quo.values():
        for path in sq.paths:
            for step in path.steps:
                chosen.update((step.source - 1, step.target - 1))
    return sorted(chosen)


def _improvements(analysis: ConflictAnalysis) -> list[tuple[np.ndarray, np.ndarray]]:
    conflict = analysis.conflict
    return [move_pairs(conflict, d, improving=True) for d in range(conflict.n_decision_makers)]


def _shown_states(
    analysis: ConflictAnalysis, moves: Sequence[tuple[np.ndarray, np.ndarray]], limit: int
) -> list[int]:
    n = analysis.conflict.n_states
    if n <= limit:
        return list(range(n))
    shown = _states_of_interest(analysis)[:limit]
    keep = set(shown)
    for src, dst in moves:  # add UI neighbours of the states of interest while room is left
        for a, b in zip(src.tolist(), dst.tolist(), strict=True):
            if len(keep) >= limit:
                break
            if a in shown and b not in keep:
                keep.add(b)
            elif b in shown and a not in keep:
                keep.add(a)
    return sorted(keep)


def _component_layout(graph: nx.Graph) -> dict[int, np.ndarray]:
    """One connected component, centred on 0 and scaled to unit radius."""
    nodes = sorted(graph.nodes)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) == 2:
        return {nodes[0]: np.array([-0.5, 0.0]), nodes[1]: np.array([0.5, 0.0])}
    start = nx.circular_layout(nodes)
    laid = nx.spring_layout(graph, pos=start, seed=1, iterations=300)
    centre = np.mean(list(laid.values()), axis=0)
    radius = max(float(np.linalg.norm(v - centre)) for v in laid.values()) or 1.0
    return {k: (v - centre) / radius for k, v in laid.items()}


def _layout(
    states: Sequence[int], moves: Sequence[tuple[np.ndarray, np.ndarray]]
) -> dict[int, tuple[float, float]]:
    """Deterministic positions: a force-directed layout of the undirected move graph.

    ``moves`` are every decision maker's moves (not only improvements), so states one move
    apart sit close together. Fruchterman, T. M. J. & Reingold, E. M. (1991), "Graph drawing
    by force-directed placement", *Software: Practice and Experience* 21(11):1129-1164, as
    implemented by networkx's ``spring_layout`` started from a circle with a fixed seed, so the
    same model is always drawn the same way. Each connected component is laid out on its own
    (force layouts squash components that repel each other) and the components are placed
    side by side, largest first, in rows; each gets room in proportion to the square root of
    its size.
    """
    graph = nx.Graph()
    graph.add_nodes_from(states)
    shown = set(states)
    for src, dst in moves:
        graph.add_edges_from(
            (a, b)
            for a, b in zip(src.tolist(), dst.tolist(), strict=True)
            if a in shown and b in shown
        )
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    largest = len(components[0]) if components else 1
    per_row = max(1, int(np.ceil(np.sqrt(len(components)))))
    positions: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for index, nodes in enumerate(components):
        if index and index % per_row == 0:
            x, y, row_height = 0.0, y - row_height, 0.0
        scale = float(np.sqrt(len(nodes) / largest))
        laid = _component_layout(graph.subgraph(nodes))
        for node, vector in laid.items():
            positions[node] = (
                x + scale * (1 + float(vector[0])),
                y - scale * (1 - float(vector[1])),
            )
        x += 2 * scale + 0.35
        row_height = max(row_height, 2 * scale + 0.35)
    return positions


def _state_hover(analysis: ConflictAnalysis, index: int, labels: Mapping[str, str]) -> str:
    conflict, stability = analysis.conflict, analysis.stability
    pattern = conflict.patterns[index]
    lines = [f"<b>State {index + 1}</b> ({pattern})"]
    if conflict.names is not None and conflict.names[index]:
        lines.append(plot_text(conflict.names[index]))
    if conflict.status_quo == index:
        lines.append("<i>status quo</i>")
    for option, mark in zip(conflict.options, pattern, strict=False):
        label = labels.get(option, "")
        lines.append(
            f"{mark} · {plot_text(option)}" + (f": {plot_text(label[:70])}" if label else "")
        )
    equilibria = [_title(c) for c in stability.concepts if stability.stable[c][:, index].all()]
    lines.append("Equilibrium under: " + (", ".join(equilibria) or "none"))
    for d, dm in enumerate(conflict.decision_makers):
        stable = [_title(c) for c in stability.concepts if stability.stable[c][d, index]]
        lines.append(f"{plot_text(dm)} stable under: {', '.join(stable) or 'none'}")
    return "<br>".join(lines)


def state_graph(
    analysis: ConflictAnalysis,
    palette: ActorPalette,
    *,
    labels: Mapping[str, str] | None = None,
    concept: str | None = None,
    max_states: int = MAX_GRAPH_STATES,
) -> go.Figure:
    """The graph model drawn: states as nodes, unilateral improvements as arrows.

    Arrows are coloured by the decision maker who moves; ``concept`` equilibria (default: the
    analysis's primary concept, SEQ) are filled gold, equilibria under other concepts pale gold;
    the status quo is a diamond and the shortest status-quo paths to the equilibria are drawn
    as a wide band under the arrows. Positions are deterministic (:func:`_layout`). Graphs
    larger than ``max_states`` show the states of interest (status quo, equilibria, path
    states) and their neighbours.
    """
    labels = labels or {}
    conflict, stability = analysis.conflict, analysis.stability
    concept = concept or analysis.primary_concept
    moves = _improvements(analysis)
    states = _shown_states(analysis, moves, max_states)
    shown = set(states)
    all_moves = [move_pairs(conflict, d) for d in range(conflict.n_decision_makers)]
    pos = _layout(states, all_moves)
    fig = go.Figure()

    # status-quo paths, under everything else
    sq = analysis.status_quo.get(concept)
    if sq is not None:
        xs: list[float | None] = []
        ys: list[float | None] = []
        for path in sq.paths:
            for step in path.steps:
                a, b = step.source - 1, step.target - 1
                if a in shown and b in shown:
                    xs += [pos[a][0], pos[b][0], None]
                    ys += [pos[a][1], pos[b][1], None]
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": PATH_COLOUR, "width": 14},
                    name=f"status-quo path ({_title(concept)})",
                    hoverinfo="skip",
                )
            )

    # one trace of arrows per decision maker, offset sideways so opposite moves stay apart
    n_dm = conflict.n_decision_makers
    span = max((abs(c) for p in pos.values() for c in p), default=1.0) or 1.0
    for d, dm in enumerate(conflict.decision_makers):
        src, dst = moves[d]
        xs, ys, sizes, hover = [], [], [], []
        offset = (d - (n_dm - 1) / 2) * 0.012 * span
        for a, b in zip(src.tolist(), dst.tolist(), strict=True):
            if a not in shown or b not in shown:
                continue
            (x0, y0), (x1, y1) = pos[a], pos[b]
            length = float(np.hypot(x1 - x0, y1 - y0)) or 1.0
            nx_, ny_ = -(y1 - y0) / length * offset, (x1 - x0) / length * offset
            xa, ya = x0 + 0.62 * (x1 - x0), y0 + 0.62 * (y1 - y0)
            xs += [x0 + nx_, xa + nx_, x1 + nx_, None]
            ys += [y0 + ny_, ya + ny_, y1 + ny_, None]
            sizes += [0, 11, 0, 0]
            text = f"{plot_text(palette.name(dm))}: {a + 1} → {b + 1}"
            hover += [text, text, text, ""]
        if not xs:
            continue
        colour = palette.colour(dm)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=f"{plot_text(palette.name(dm))} improves",
                legendgroup=dm,
                line={"color": colour, "width": 1.6},
                marker={"symbol": "arrow", "size": sizes, "angleref": "previous", "color": colour},
                text=hover,
                hovertemplate="%{text}<extra></extra>",
                opacity=0.85,
            )
        )

    # nodes
    equilibria = {s - 1 for s in stability.equilibria(concept)}
    any_equilibrium = {s - 1 for c in stability.concepts for s in stability.equilibria(c)}
    fills, lines, widths, symbols, sizes_n = [], [], [], [], []
    for s in states:
        if s in equilibria:
            fills.append(EQUILIBRIUM_FILL)
        elif s in any_equilibrium:
            fills.append(OTHER_EQUILIBRIUM_FILL)
        else:
            fills.append("#ffffff")
        is_sq = conflict.status_quo == s
        lines.append("#1d2330" if is_sq or s in equilibria else "#8a93a6")
        widths.append(3 if is_sq else (2 if s in equilibria else 1.2))
        symbols.append("diamond" if is_sq else "circle")
        sizes_n.append(34 if is_sq else 27)
    fig.add_trace(
        go.Scatter(
            x=[pos[s][0] for s in states],
            y=[pos[s][1] for s in states],
            mode="markers+text",
            text=[str(s + 1) for s in states],
            textfont={"size": 11, "color": "#1d2330"},
            marker={
                "size": sizes_n,
                "color": fills,
                "symbol": symbols,
                "line": {"color": lines, "width": widths},
            },
            hovertext=[_state_hover(analysis, s, labels) for s in states],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            name="states",
        )
    )
    # legend keys for the node styles
    for name, fill, symbol, line in (
        (f"{_title(concept)} equilibrium", EQUILIBRIUM_FILL, "circle", "#1d2330"),
        ("equilibrium under another concept", OTHER_EQUILIBRIUM_FILL, "circle", "#8a93a6"),
        ("status quo", "#ffffff", "diamond", "#1d2330"),
    ):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                marker={
                    "size": 12,
                    "color": fill,
                    "symbol": symbol,
                    "line": {"color": line, "width": 2},
                },
            )
        )
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    styled(
        fig,
        height=600 if len(states) > 12 else 440,
        xaxis=hidden,
        yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0},
    )
    return fig


def _verdicts(analysis: ConflictAnalysis, index: int) -> dict[tuple[str, str], str]:
    return {
        (v.concept, v.dm): v.text
        for v in explain_state(analysis.conflict, analysis.stability, index)
    }


def equilibrium_probabilities(
    uncertainty: Mapping[str, Any] | None, concept: str
) -> dict[int, float] | None:
    """``{state id: P(equilibrium under concept)}`` over a sweep's draws (None without one)."""
    if not uncertainty:
        return None
    prefix = f"equilibrium.{concept}."
    out = {}
    for key, summary in uncertainty.items():
        if key.startswith(prefix) and key[len(prefix) :].isdigit():
            value = getattr(summary, "mean", None)
            if value is not None and np.isfinite(value):
                out[int(key[len(prefix) :])] = float(value)
    return out or None


def stability_table(
    analysis: ConflictAnalysis,
    palette: ActorPalette,
    *,
    max_states: int = MAX_EXPLAINED_STATES,
    probabilities: Mapping[int, float] | None = None,
) -> TableBlock:
    """One row per state, one column per solution concept.

    A cell reads "equilibrium" when the state is stable for every decision maker under that
    concept and otherwise names the decision makers for whom it is unstable; its explanation
    is the engine's verdict for every decision maker (the improvement, the sanction that blocks
    it, or why none exists). Large models list only the states of interest. ``probabilities``
    (state id -> share of a sweep's draws in which the state is a primary-concept equilibrium)
    adds a column.
    """
    conflict, stability = analysis.conflict, analysis.stability
    n = conflict.n_states
    rows_of = range(n) if n <= max_states else _states_of_interest(analysis)
    rows = []
    for index in rows_of:
        verdicts = _verdicts(analysis, index)
        name = f"{index + 1}"
        if conflict.status_quo == index:
            name += " (status quo)"
        if conflict.names is not None and conflict.names[index]:
            name += f" {conflict.names[index]}"
        cells = [Cell(name), Cell(conflict.patterns[index])]
        if probabilities is not None:
            p = probabilities.get(index + 1)
            cells.append(
                Cell("" if p is None else f"{p:.2f}", tone="good" if p and p >= 0.5 else None)
            )
        for concept in stability.concepts:
            column = stability.stable[concept][:, index]
            why = "\n".join(
                f"{palette.name(dm)}: {verdicts.get((concept, dm), '')}"
                for dm in conflict.decision_makers
            )
            if column.all():
                cells.append(Cell("equilibrium", why, "good"))
            else:
                unstable = [dm for d, dm in enumerate(conflict.decision_makers) if not column[d]]
                tone = "bad" if len(unstable) == len(column) else None
                cells.append(Cell("unstable for " + ", ".join(unstable), why, tone))
        rows.append(tuple(cells))
    caption = (
        f"Options column: Y/N for {', '.join(conflict.options)} in that order. "
        "Hover over or click a verdict for each decision maker's reason."
    )
    if n > max_states:
        caption += f" Only the {len(rows)} states of interest of {n} are listed."
    return TableBlock(
        key="conflict-stability",
        title="Stability of every state",
        caption=caption,
        columns=(
            "state",
            "options",
            *(
                (f"P({_title(analysis.primary_concept)} equilibrium) over draws",)
                if probabilities is not None
                else ()
            ),
            *(_title(c) for c in stability.concepts),
        ),
        rows=tuple(rows),
    )


def options_table(
    analysis: ConflictAnalysis, palette: ActorPalette, labels: Mapping[str, str]
) -> TableBlock:
    """The options that make up a state: who controls each and what Y means."""
    conflict = analysis.conflict
    rows = tuple(
        (
            Cell(option),
            Cell(palette.name(conflict.decision_makers[owner])),
            Cell(labels.get(option, "")),
            Cell(str(rev).replace("_", " ")),
        )
        for option, owner, rev in zip(
            conflict.options, conflict.owner, conflict.reversibility, strict=True
        )
    )
    return TableBlock(
        key="conflict-options",
        title="Options",
        caption="Each state is a Y/N choice of every option, in this order.",
        columns=("option", "controlled by", "meaning of Y", "reversibility"),
        rows=rows,
    )


def status_quo_table(analysis: ConflictAnalysis) -> TableBlock | None:
    """Per concept: each equilibrium, whether the status quo reaches it and by which moves."""
    if not analysis.status_quo:
        return None
    rows = []
    for concept, sq in analysis.status_quo.items():
        for path in sq.paths:
            steps = (
                ", ".join(f"{s.dm}: {s.source}→{s.target}" for s in path.steps)
                or "(is the status quo)"
            )
            rows.append(
                (
                    Cell(_title(concept)),
                    Cell(str(path.target)),
                    Cell(str(path.length), path.describe(), "good"),
                    Cell(steps),
                )
            )
        for target in sq.unreachable:
            rows.append(
                (
                    Cell(_title(concept)),
                    Cell(str(target)),
                    Cell(
                        "unreachable",
                        "No sequence of unilateral improvements leads from the status quo to this state.",
                        "bad",
                    ),
                    Cell(""),
                )
            )
    return TableBlock(
        key="conflict-status-quo",
        title="From the status quo to each equilibrium",
        caption="Shortest paths of unilateral improvements (any decision maker may move at each step; Li, Hipel, Kilgour & Noakes 2005).",
        columns=("concept", "equilibrium", "steps", "moves"),
        rows=tuple(rows),
    )


def describe_pattern(options: Sequence[str], pattern: str) -> str:
    """A state's options in words: ``ACCEPT, CEDE`` for the options taken."""
    taken = [o for o, mark in zip(options, pattern, strict=False) if mark == "Y"]
    return ", ".join(taken) if taken else "no option taken"


def _narrative(analysis: ConflictAnalysis) -> str:
    sq = analysis.status_quo.get(analysis.primary_concept)
    return sq.text if sq is not None else ""


def blocks(
    scenario: Scenario,
    result: ConflictAnalysis,
    palette: ActorPalette,
    uncertainty: Mapping[str, Any] | None = None,
) -> list[Block]:
    """The conflict lens's section: state graph, options, stability table, status-quo paths.

    With a sweep's ``uncertainty``, the stability table shows how often each state is an
    equilibrium of the primary concept across the draws."""
    labels = option_labels(scenario)
    concept = result.primary_concept
    caption = (
        f"States (numbered as in the literature) and the unilateral improvements between them, "
        f"coloured by the decision maker who moves. Gold: {_title(concept)} equilibria; pale "
        "gold: equilibria under another concept only; diamond: the status quo. Hover over a "
        "state for its options and stability.\n" + _narrative(result)
    )
    out: list[Block] = [
        FigureBlock(
            "conflict-state-graph",
            "State graph",
            caption.strip(),
            state_graph(result, palette, labels=labels),
        ),
        options_table(result, palette, labels),
        stability_table(
            result, palette, probabilities=equilibrium_probabilities(uncertainty, concept)
        ),
    ]
    paths = status_quo_table(result)
    if paths is not None:
        out.append(paths)
    return out


def headlines(scenario: Scenario, result: ConflictAnalysis) -> list[Headline]:
    """The primary concept's equilibria and where the status quo leads."""
    concept = result.primary_concept
    equilibria = result.stability.equilibria(concept)
    conflict = result.conflict
    described = " · ".join(
        f"{s}: {describe_pattern(conflict.options, conflict.patterns[s - 1])}"
        for s in equilibria[:3]
    ) + (" · …" if len(equilibria) > 3 else "")
    out = [
        Headline(
            f"{_title(concept)} equilibria",
            ", ".join(map(str, equilibria)) if equilibria else "none",
            described or "no state is stable for every decision maker",
            "neutral",
        )
    ]
    sq = result.status_quo.get(concept)
    if sq is not None:
        moving = [p for p in sq.paths if p.steps]
        if any(not p.steps for p in sq.paths):
            value, detail = (
                "stays",
                f"state {sq.status_quo} is itself a {_title(concept)} equilibrium",
            )
        elif moving:
            first = moving[0]
            value, detail = f"→ {first.target}", first.describe()
        else:
            value, detail = (
                "no path",
                f"no {_title(concept)} equilibrium is reachable by unilateral improvements",
            )
        out.append(Headline("Status quo", value, detail))
    return out


def sensitive_keys(result: ConflictAnalysis) -> list[str]:
    """``equilibrium.<primary concept>.<state>`` for each nominal equilibrium of that concept
    (the lens's summary keys; a tornado then shows which input would unseat it)."""
    concept = result.primary_concept
    return [f"equilibrium.{concept}.{s}" for s in result.stability.equilibria(concept)]
