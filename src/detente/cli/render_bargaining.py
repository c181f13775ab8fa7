"""Terminal presentation of a bargaining analysis (``detente forecast`` / ``detente analyze``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from detente.bargaining.analysis import BargainingAnalysis
from detente.bargaining.explain import dynamics, explain_rounds, narratives

__all__ = ["render"]

_MAX_TRAJECTORY_COLUMNS = 12


def _states_shown(n_states: int, columns: int) -> list[int]:
    if n_states <= columns:
        return list(range(n_states))
    step = (n_states - 1) / (columns - 1)
    return sorted({round(k * step) for k in range(columns)})


def render(result: BargainingAnalysis, console: Console, explain: bool = False) -> None:
    """Forecast per issue next to the weighted mean, the trajectory and the narrative."""
    inputs = result.inputs
    table = Table(
        title=f"Bargaining forecast ({result.model}) vs capability × salience weighted mean",
        title_justify="left",
    )
    table.add_column("issue", style="bold")
    table.add_column("scale")
    table.add_column(f"forecast ({result.model})", justify="right")
    table.add_column("weighted mean", justify="right")
    others = {m: v for m, v in result.model_forecasts().items() if m not in {result.model, "mean"}}
    for m in others:
        table.add_column(m, justify="right", style="dim")
    for k, dim in enumerate(inputs.dimensions):
        scale = f"{inputs.low[k]:g}–{inputs.high[k]:g}" + (
            f" {inputs.units[k]}" if inputs.units[k] else ""
        )
        table.add_row(
            dim,
            scale,
            f"{result.forecast[k]:.1f}",
            f"{result.baseline.values[k]:.1f}",
            *(f"{v[k]:.1f}" for v in others.values()),
        )
    console.print(table)
    for k, dim in enumerate(inputs.dimensions):
        if inputs.dimension_labels[k] != dim:
            console.print(f"  [bold]{dim}[/bold]: {inputs.dimension_labels[k]}")

    smp = result.smp
    if smp is not None:
        scaled = smp.positions_on_scale()
        columns = max(3, min(_MAX_TRAJECTORY_COLUMNS, (console.width - 14) // 8))
        shown = _states_shown(smp.n_states, columns)
        for k, dim in enumerate(inputs.dimensions):
            traj = Table(title=f"SMP trajectory: {dim}", title_justify="left")
            traj.add_column("actor", style="bold", no_wrap=True)
            for t in shown:
                traj.add_column(str(t), justify="right", no_wrap=True)
            for i, actor in enumerate(inputs.actors):
                traj.add_row(actor, *(f"{scaled[t, i, k]:.1f}" for t in shown))
            traj.add_row(
                "[italic]forecast[/italic]",
                *(f"{smp.forecast(t)[k]:.1f}" for t in shown),
            )
            console.print(traj)
        risk = Table(title="Turn-0 risk attitudes and win probabilities", title_justify="left")
        risk.add_column("actor", style="bold")
        risk.add_column("risk attitude R", justify="right")
        risk.add_column("P(win) start", justify="right")
        risk.add_column("P(win) end", justify="right")
        for i, actor in enumerate(inputs.actors):
            risk.add_row(
                actor,
                f"{smp.risk_attitude[0, i]:+.3f}",
                f"{smp.win_probability[0, i]:.3f}",
                f"{smp.win_probability[-1, i]:.3f}",
            )
        console.print(risk)
    for text in narratives(result):
        console.print(text, soft_wrap=False)
        console.print()
    if smp is not None:
        console.print(f"[bold]Dynamics:[/bold] {dynamics(smp).verdict}.")
    if explain and smp is not None:
        for rnd in explain_rounds(smp):
            table = Table(
                title=f"Round {rnd.turn} → {rnd.turn + 1} (fractional change "
                f"{rnd.fractional_change:.4f})",
                title_justify="left",
            )
            table.add_column("initiator")
            table.add_column("target")
            table.add_column("ΔEU", justify="right")
            table.add_column("P(initiator wins)", justify="right")
            table.add_column("adopted by")
            for c in rnd.challenges:
                adopted = [
                    name
                    for name, flag in (
                        (c.initiator, c.adopted_by_initiator),
                        (c.target, c.adopted_by_target),
                    )
                    if flag
                ]
                table.add_row(
                    c.initiator,
                    c.target,
                    f"{c.delta_eu:.3f}",
                    f"{c.win_probability:.3f}",
                    ", ".join(adopted) or "nobody",
                )
            console.print(table)
            if rnd.idle:
                console.print("No proposal: " + ", ".join(rnd.idle))
            for line in rnd.choices:
                console.print(f"  {line}")
