"""A solver for small extensive-form games with incomplete information.

Trees are built from :class:`Terminal`, :class:`Chance` and :class:`Decision` nodes; decision
nodes sharing an ``infoset`` name form an information set (same player, same action labels;
perfect recall is assumed and checked along each path). :func:`compile_game` flattens the tree
into arrays so that a behaviour profile is evaluated with a few NumPy operations:

* realisation probability of each terminal: chance x product of the actions on its path;
* the expected utility of each action at its information set under Bayesian beliefs
  (beliefs = reach probabilities of the set's nodes, normalised; Kreps & Wilson 1982,
  *Econometrica* 50(4):863-894).

Two solution methods:

* :func:`trace_logit_qre` follows the agent logit quantal-response equilibrium (McKelvey &
  Palfrey 1995, *Games and Economic Behavior* 10:6-38; 1998, *Experimental Economics* 1:9-41)
  from λ = 0 to a large λ. The limit is a sequential equilibrium (McKelvey & Palfrey 1998), so
  it serves as equilibrium selection and as a cross-check of closed forms.
* :func:`enumerate_pure_equilibria` lists every pure agent profile that is a Nash equilibrium
  of the agent form and classifies it: *sequential for all beliefs* (each off-path action is
  optimal whatever the mover believes), *belief-dependent* (a perfect Bayesian equilibrium in
  the weak sense, Fudenberg & Tirole 1991, *Journal of Economic Theory* 53(2):236-260, only for
  some off-path beliefs, found by a linear programme over the belief simplex), or *Nash only*
  (an off-path action is optimal under no belief: a threat that would not be carried out).
  This is what separates deterrence that holds from "deterrence" that a plain Nash solver
  reports (reference §6).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from detente.errors import ScaleError

__all__ = [
    "Chance",
    "CompiledGame",
    "Decision",
    "PureEquilibrium",
    "QREPoint",
    "Terminal",
    "compile_game",
    "enumerate_pure_equilibria",
    "trace_logit_qre",
]


@dataclass(frozen=True)
class Terminal:
    label: str
    payoffs: tuple[float, ...]


@dataclass(frozen=True)
class Chance:
    branches: tuple[tuple[str, float, Node], ...]


@dataclass(frozen=True)
class Decision:
    player: int
    infoset: str
    branches: tuple[tuple[str, Node], ...]


Node = Terminal | Chance | Decision


@dataclass(frozen=True)
class InfoSet:
    name: str
    player: int
    actions: tuple[str, ...]
    first_action: int  # global index of the first action


@dataclass(frozen=True)
class CompiledGame:
    """A game tree flattened into arrays (T terminals, K actions over all information sets)."""

    players: tuple[str, ...]
    infosets: tuple[InfoSet, ...]
    terminal_labels: tuple[str, ...]
    payoffs: NDArray[np.float64]  # T x n
    log_chance: NDArray[np.float64]  # T
    incidence: NDArray[np.bool_]  # T x K: action k lies on the path to terminal z
    action_infoset: NDArray[np.intp]  # K
    action_player: NDArray[np.intp]  # K
    # nodes of each infoset, as (node key) -> incidence of path prefix; used for beliefs
    set_starts: NDArray[np.intp] = field(repr=False)  # first action of each set
    # the (terminal, action) pairs of ``incidence``, sorted by action, and each action's start
    pair_terminal: NDArray[np.intp] = field(repr=False)
    pair_action: NDArray[np.intp] = field(repr=False)
    pair_starts: NDArray[np.intp] = field(repr=False)
    node_paths: tuple[tuple[tuple[int, ...], ...], ...] = field(repr=False)
    node_log_chance: tuple[tuple[float, ...], ...] = field(repr=False)
    root: Node = field(repr=False)

    @property
    def n_actions(self) -> int:
        return int(self.action_infoset.shape[0])

    def action_label(self, k: int) -> str:
        info = self.infosets[int(self.action_infoset[k])]
        return f"{info.name}:{info.actions[k - info.first_action]}"

    def uniform_profile(self) -> NDArray[np.float64]:
        sizes = np.array([len(i.actions) for i in self.infosets])
        return 1.0 / sizes[self.action_infoset]


def compile_game(players: Sequence[str], root: Node) -> CompiledGame:
    """Flatten a tree; raises ``ValueError`` on inconsistent information sets."""
    infosets: dict[str, InfoSet] = {}
    order: list[str] = []
    next_action = 0
    terminals: list[tuple[str, tuple[float, ...], float, tuple[int, ...]]] = []
    nodes: dict[str, list[tuple[tuple[int, ...], float]]] = {}

    def visit(node: Node, path: tuple[int, ...], log_p: float, seen: frozenset[str]) -> None:
        nonlocal next_action
        if isinstance(node, Terminal):
            if len(node.payoffs) != len(players):
                raise ValueError(f"terminal {node.label!r} needs {len(players)} payoffs")
            terminals.append((node.label, node.payoffs, log_p, path))
        elif isinstance(node, Chance):
            total = sum(p for _, p, _ in node.branches)
            if abs(total - 1.0) > 1e-9 or any(p < 0 for _, p, _ in node.branches):
                raise ValueError(f"chance probabilities must be >= 0 and sum to 1 (got {total})")
            for _, p, child in node.branches:
                visit(child, path, log_p + (np.log(p) if p > 0 else -np.inf), seen)
        else:
            labels = tuple(a for a, _ in node.branches)
            info = infosets.get(node.infoset)
            if info is None:
                info = InfoSet(node.infoset, node.player, labels, next_action)
                infosets[node.infoset] = info
                order.append(node.infoset)
                next_action += len(labels)
            elif info.player != node.player or info.actions != labels:
                raise ValueError(f"information set {node.infoset!r} is inconsistent")
            if node.infoset in seen:
                raise ValueError(f"path passes information set {node.infoset!r} twice")
            nodes.setdefault(node.infoset, []).append((path, log_p))
            for j, (_, child) in enumerate(node.branches):
                visit(child, path + (info.first_action + j,), log_p, seen | {node.infoset})

    visit(root, (), 0.0, frozenset())
    infoset_list = tuple(infosets[name] for name in order)
    index = {name: i for i, name in enumerate(order)}
    action_infoset = np.empty(next_action, dtype=np.intp)
    for info in infoset_list:
        action_infoset[info.first_action : info.first_action + len(info.actions)] = index[info.name]
    action_player = np.array([infoset_list[i].player for i in action_infoset], dtype=np.intp)
    incidence = np.zeros((len(terminals), next_action), dtype=bool)
    for z, (_, _, _, path) in enumerate(terminals):
        incidence[z, list(path)] = True
    pair_action, pair_terminal = np.nonzero(incidence.T)  # sorted by action
    if len(np.unique(pair_action)) != next_action:
        raise ValueError("every action must lead to at least one terminal node")
    return CompiledGame(
        players=tuple(players),
        infosets=infoset_list,
        terminal_labels=tuple(t[0] for t in terminals),
        payoffs=np.array([t[1] for t in terminals], dtype=float),
        log_chance=np.array([t[2] for t in terminals], dtype=float),
        incidence=incidence,
        action_infoset=action_infoset,
        action_player=action_player,
        set_starts=np.array([i.first_action for i in infoset_list], dtype=np.intp),
        pair_terminal=pair_terminal,
        pair_action=pair_action,
        pair_starts=np.searchsorted(pair_action, np.arange(next_action)).astype(np.intp),
        node_paths=tuple(tuple(p for p, _ in nodes[name]) for name in order),
        node_log_chance=tuple(tuple(lp for _, lp in nodes[name]) for name in order),
        root=root,
    )


def action_values(game: CompiledGame, log_sigma: NDArray[np.float64]) -> NDArray[np.float64]:
    """Expected utility of every action to its mover, given Bayesian beliefs at its set.

    For action k at set I, U(k) = Σ_{z through k} u(z) π_{-I}(z) / Σ_{z through k} π_{-I}(z),
    where π_{-I} is the realisation probability without the mover's choice at I; with perfect
    recall this is the conditional expectation given I under the beliefs Bayes' rule gives.
    Requires a fully mixed profile (finite ``log_sigma``). ``log_sigma`` may be a batch
    (B x K), giving B x K values.
    """
    ls = np.atleast_2d(log_sigma)
    log_pi = game.log_chance[None, :] + ls @ game.incidence.T  # B x T
    # one entry per (terminal z, action k) with z below k: log π_{-I}(z)
    w = log_pi[:, game.pair_terminal] - ls[:, game.pair_action]
    top = np.maximum.reduceat(w, game.pair_starts, axis=1)
    top = np.where(np.isfinite(top), top, 0.0)
    e = np.exp(w - top[:, game.pair_action])
    u = game.payoffs[game.pair_terminal, game.action_player[game.pair_action]]
    num = np.add.reduceat(e * u[None, :], game.pair_starts, axis=1)
    den = np.add.reduceat(e, game.pair_starts, axis=1)
    values: NDArray[np.float64] = num / np.maximum(den, 1e-300)
    return values if np.ndim(log_sigma) == 2 else values[0]


def _log_softmax_by_set(game: CompiledGame, x: NDArray[np.float64]) -> NDArray[np.float64]:
    """Log-probabilities of a logit choice at every set (actions of a set are contiguous).

    ``x`` may be a batch (B x K)."""
    starts = game.set_starts
    top = np.maximum.reduceat(x, starts, axis=-1)[..., game.action_infoset]
    e = np.exp(x - top)
    norm = np.log(np.add.reduceat(e, starts, axis=-1))[..., game.action_infoset]
    result: NDArray[np.float64] = x - top - norm
    return result


@dataclass(frozen=True)
class QREPoint:
    """The agent logit QRE at the end of a trace."""

    lam: float
    profile: NDArray[np.float64]
    terminal_probabilities: dict[str, float]
    converged: bool
    residual: float


def trace_logit_qre(
    game: CompiledGame,
    lam_max: float = 3000.0,
    max_steps: int = 4000,
    tolerance: float = 1e-10,
) -> QREPoint:
    """Follow the agent logit QRE branch from λ ≈ 0 to ``lam_max`` (McKelvey & Palfrey 1998).

    Payoffs are rescaled to [0, 1] per player (affine, so equilibria are unchanged). The
    branch {(σ, λ): σ = logit(λ U(σ))} starting at the centroid is followed by
    pseudo-arclength continuation in (log σ, λ) (predictor along the tangent, Newton
    corrector on the augmented system; Allgower & Georg, *Introduction to Numerical
    Continuation Methods*, 1990), because the branch can turn back in λ (a fold), where
    stepping in λ alone fails. The endpoint is corrected at exactly λ = ``lam_max``.
    """
    from scipy.linalg import lu_factor, lu_solve
    from scipy.optimize import root

    lo = game.payoffs.min(axis=0)
    span = np.where(game.payoffs.max(axis=0) > lo, game.payoffs.max(axis=0) - lo, 1.0)
    scaled = dataclasses.replace(game, payoffs=(game.payoffs - lo) / span)
    k = game.n_actions

    def f(v: NDArray[np.float64], lam: float) -> NDArray[np.float64]:
        # v itself (not its normalisation) is the unknown, so the system is square and
        # its Jacobian I - d(target)/dv is not singular along the normalisation direction.
        ls = _log_softmax_by_set(scaled, v)
        return v - _log_softmax_by_set(scaled, lam * action_values(scaled, ls))

    def h(y: NDArray[np.float64]) -> NDArray[np.float64]:
        return f(y[:k], float(y[k]))

    def jacobian(y: NDArray[np.float64], hy: NDArray[np.float64]) -> NDArray[np.float64]:
        # all k + 1 forward differences in one batched evaluation
        steps = 1e-7 * np.maximum(1.0, np.abs(y))
        ys = y[None, :] + np.diag(steps)
        v, lam = ys[:, :k], ys[:, k : k + 1]
        ls = _log_softmax_by_set(scaled, v)
        hs = v - _log_softmax_by_set(scaled, lam * action_values(scaled, ls))
        jac: NDArray[np.float64] = ((hs - hy[None, :]) / steps[:, None]).T
        return jac

    def tangent(
        jac: NDArray[np.float64], previous: NDArray[np.float64] | None
    ) -> NDArray[np.float64]:
        # the null vector of the k x (k+1) Jacobian, oriented to keep going the same way
        t: NDArray[np.float64] = np.linalg.svd(jac)[2][-1]
        forward = t[k] > 0 if previous is None else t @ previous >= 0
        return t if forward else -t

    t_end = float(lam_max)
    t0 = min(0.05, t_end)
    x0 = root(f, np.log(game.uniform_profile()), args=(t0,), method="hybr").x
    y = np.concatenate([_log_softmax_by_set(scaled, x0), [t0]])
    hy = h(y)
    tau: NDArray[np.float64] | None = None
    size = 0.1
    finished = t0 >= t_end
    for _ in range(max_steps):
        if finished:
            break
        jac = jacobian(y, hy)
        tau = tangent(jac, tau)
        while size > 1e-9:
            pred = y + size * tau
            z = pred.copy()
            try:
                lu = lu_factor(np.vstack([jac, tau]), check_finite=False)
            except (ValueError, np.linalg.LinAlgError):
                break
            ok = False
            for _it in range(12):
                hz = h(z)
                rhs = np.concatenate([hz, [tau @ (z - pred)]])
                if not np.all(np.isfinite(rhs)):
                    break
                dz = lu_solve(lu, -rhs, check_finite=False)
                z = z + dz
                if np.abs(dz).max() < 1e-9 * max(1.0, np.abs(z).max()):
                    ok = bool(np.abs(h(z)).max() < 1e-7)
                    break
            if ok:
                break
            size /= 2
        else:
            break
        y, hy = z, h(z)
        size = min(size * 1.6, 0.25 * lam_max)
        finished = y[k] >= t_end
    sol = root(f, y[:k], args=(lam_max,), method="hybr", options={"xtol": tolerance})
    x = _log_softmax_by_set(scaled, sol.x)
    residual = float(np.abs(f(x, lam_max)).max()) if np.all(np.isfinite(x)) else np.inf
    converged = bool(finished and residual < 1e-6)
    profile = np.exp(x)
    log_pi = game.log_chance + game.incidence @ x
    pi = np.exp(log_pi)
    probs: dict[str, float] = {}
    for label, p in zip(game.terminal_labels, pi, strict=True):
        probs[label] = probs.get(label, 0.0) + float(p)
    return QREPoint(float(lam_max), profile, probs, converged, residual)


# --- pure-profile enumeration with belief classification ---------------------------------


@dataclass(frozen=True)
class PureEquilibrium:
    """A pure agent-form Nash equilibrium and how it survives sequential rationality."""

    actions: dict[str, str]  # information set -> chosen action
    terminal_probabilities: dict[str, float]
    classification: str  # "sequential" | "belief_dependent" | "nash_only"
    off_path_sets: tuple[str, ...]
    belief_dependent_sets: tuple[str, ...]
    incredible_sets: tuple[str, ...]


def _node_values(game: CompiledGame, choice: dict[str, int]) -> dict[int, NDArray[np.float64]]:
    """Continuation payoff vector of every decision node (keyed by id) under a pure profile."""
    values: dict[int, NDArray[np.float64]] = {}

    def value(node: Node) -> NDArray[np.float64]:
        if isinstance(node, Terminal):
            return np.asarray(node.payoffs, float)
        if isinstance(node, Chance):
            return sum((p * value(c) for _, p, c in node.branches), np.zeros(len(game.players)))
        vals = [value(c) for _, c in node.branches]
        values[id(node)] = np.array(vals)  # actions x players
        return vals[choice[node.infoset]]

    value(game.root)
    return values


def _set_nodes(game: CompiledGame) -> dict[str, list[tuple[Decision, float]]]:
    """Decision nodes of each set with their chance-and-path reach under ``choice`` later."""
    found: dict[str, list[tuple[Decision, float]]] = {}

    def walk(node: Node, log_p: float) -> None:
        if isinstance(node, Chance):
            for _, p, c in node.branches:
                walk(c, log_p + (np.log(p) if p > 0 else -np.inf))
        elif isinstance(node, Decision):
            found.setdefault(node.infoset, []).append((node, log_p))
            for _, c in node.branches:
                walk(c, log_p)

    walk(game.root, 0.0)
    return found


def _some_belief_supports(gains: NDArray[np.float64]) -> bool:
    """Is there μ in the simplex with μ·gains[:, b] >= 0 for every alternative b?"""
    from scipy.optimize import linprog

    n, m = gains.shape
    if m == 0:
        return True
    res = linprog(
        c=np.zeros(n),
        A_ub=-gains.T,
        b_ub=np.zeros(m),
        A_eq=np.ones((1, n)),
        b_eq=np.ones(1),
        bounds=[(0, 1)] * n,
        method="highs",
    )
    return bool(res.status == 0)


def enumerate_pure_equilibria(
    game: CompiledGame, max_profiles: int = 1 << 16, tol: float = 1e-12
) -> tuple[PureEquilibrium, ...]:
    """Every pure agent-form Nash equilibrium, classified by off-path credibility.

    Raises :class:`ScaleError` before enumerating more than ``max_profiles`` profiles: for
    larger games (e.g. the AEG) enumeration is not an answer; use :func:`trace_logit_qre`.
    """
    sizes = [len(i.actions) for i in game.infosets]
    count = int(np.prod(sizes, dtype=float))
    if count > max_profiles:
        raise ScaleError(
            f"{count:,} pure profiles exceed the enumeration limit {max_profiles:,}",
            hint="use the logit-QRE trace for games this large",
        )
    set_nodes = _set_nodes(game)
    names = [i.name for i in game.infosets]
    players = {i.name: i.player for i in game.infosets}
    found: list[PureEquilibrium] = []
    for combo in itertools.product(*[range(s) for s in sizes]):
        choice = dict(zip(names, combo, strict=True))
        node_vals = _node_values(game, choice)
        reach = _reach(game, choice)
        off, dep, bad = [], [], []
        nash = True
        for name in names:
            pl, a = players[name], choice[name]
            members = set_nodes[name]
            w = np.array([reach.get(id(n), 0.0) for n, _ in members])
            gains = np.array(
                [node_vals[id(n)][a, pl] - node_vals[id(n)][:, pl] for n, _ in members]
            )  # nodes x actions
            gains = np.delete(gains, a, axis=1)
            if w.sum() > tol:
                if np.any((w / w.sum()) @ gains < -1e-9):
                    nash = False
                    break
                continue
            off.append(name)
            if np.all(gains >= -1e-9):
                continue
            if _some_belief_supports(gains):
                dep.append(name)
            else:
                bad.append(name)
        if not nash:
            continue
        probs: dict[str, float] = {}
        for label, p in _terminal_reach(game, choice).items():
            probs[label] = probs.get(label, 0.0) + p
        cls = "nash_only" if bad else ("belief_dependent" if dep else "sequential")
        found.append(
            PureEquilibrium(
                actions={n: game.infosets[i].actions[choice[n]] for i, n in enumerate(names)},
                terminal_probabilities=probs,
                classification=cls,
                off_path_sets=tuple(off),
                belief_dependent_sets=tuple(dep),
                incredible_sets=tuple(bad),
            )
        )
    return tuple(found)


def _reach(game: CompiledGame, choice: dict[str, int]) -> dict[int, float]:
    reach: dict[int, float] = {}

    def walk(node: Node, p: float) -> None:
        if isinstance(node, Chance):
            for _, q, c in node.branches:
                walk(c, p * q)
        elif isinstance(node, Decision):
            reach[id(node)] = p
            for j, (_, c) in enumerate(node.branches):
                walk(c, p if j == choice[node.infoset] else 0.0)

    walk(game.root, 1.0)
    return reach


def _terminal_reach(game: CompiledGame, choice: dict[str, int]) -> dict[str, float]:
    out: dict[str, float] = {}

    def walk(node: Node, p: float) -> None:
        if isinstance(node, Terminal):
            out[node.label] = out.get(node.label, 0.0) + p
        elif isinstance(node, Chance):
            for _, q, c in node.branches:
                walk(c, p * q)
        else:
            for j, (_, c) in enumerate(node.branches):
                if j == choice[node.infoset]:
                    walk(c, p)

    walk(game.root, 1.0)
    return out
