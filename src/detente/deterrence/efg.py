"""Export a game tree to Gambit's extensive-form text format (.efg, version 2).

Format as documented by the Gambit project (gambit-project.org, "Game representation
formats"): one line per node in preorder, ``c`` chance / ``p`` personal / ``t`` terminal.
Used to cross-check detente's solver against pygambit where that optional extra is installed
(reference §6: pygambit 16.7 needs chance probabilities that sum exactly to 1 and unique
outcome labels, so probabilities are written as exact fractions and outcomes numbered).
"""

from __future__ import annotations

from fractions import Fraction

from detente.deterrence.extensive import Chance, CompiledGame, Decision, Node, Terminal

__all__ = ["to_efg"]


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _probabilities(ps: list[float]) -> list[Fraction]:
    fr = [Fraction(p).limit_denominator(10**9) for p in ps[:-1]]
    return [*fr, 1 - sum(fr, Fraction(0))]


def _num(x: float) -> str:
    return repr(float(x))


def to_efg(game: CompiledGame, title: str = "detente game") -> str:
    """The game as .efg text; information sets keep the names of the detente tree."""
    players = " ".join(_q(p) for p in game.players)
    lines = [f"EFG 2 R {_q(title)} {{ {players} }}", '""', ""]
    infoset_number: dict[str, int] = {}
    per_player: dict[int, int] = {}
    counters = {"chance": 0, "outcome": 0}

    def visit(node: Node) -> None:
        if isinstance(node, Terminal):
            counters["outcome"] += 1
            k = counters["outcome"]
            pay = ", ".join(_num(v) for v in node.payoffs)
            lines.append(f't "" {k} {_q(f"{node.label}_{k}")} {{ {pay} }}')
        elif isinstance(node, Chance):
            counters["chance"] += 1
            probs = _probabilities([p for _, p, _ in node.branches])
            acts = " ".join(
                f"{_q(label)} {p.numerator}/{p.denominator}"
                for (label, _, _), p in zip(node.branches, probs, strict=True)
            )
            lines.append(f'c "" {counters["chance"]} "" {{ {acts} }} 0')
            for _, _, child in node.branches:
                visit(child)
        else:
            assert isinstance(node, Decision)
            if node.infoset not in infoset_number:
                per_player[node.player] = per_player.get(node.player, 0) + 1
                infoset_number[node.infoset] = per_player[node.player]
            acts = " ".join(_q(a) for a, _ in node.branches)
            lines.append(
                f'p "" {node.player + 1} {infoset_number[node.infoset]} {_q(node.infoset)} '
                f"{{ {acts} }} 0"
            )
            for _, child in node.branches:
                visit(child)

    visit(game.root)
    return "\n".join(lines) + "\n"
