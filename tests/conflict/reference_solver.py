"""A plain, per-state implementation of the GMCR definitions, kept as the tests' oracle.

Written for obviousness, not speed: explicit loops over states, and coalition reach by
breadth-first search over (state, last mover) pairs, exactly as in the detente GMCR reference
section 2 (Fang, Hipel & Kilgour 1993, ch. 4; Xu, Hipel & Kilgour 2009, *IEEE Trans. SMC-A*
39(1):96-108). Moves in option form are derived here independently of the engine's code.
"""

from __future__ import annotations

from collections import deque
from itertools import product

from detente.conflict.model import Conflict, Reversibility


def moves(conflict: Conflict, dm: int) -> list[set[int]]:
    """R_dm(s) for every state s, as sets of state indices."""
    n = conflict.n_states
    result: list[set[int]] = [set() for _ in range(n)]
    if conflict.explicit_moves is not None:
        for a, b in conflict.explicit_moves[dm].tolist():
            if a != b:
                result[a].add(b)
        return result
    codes = [int(c) for c in conflict.codes]
    mine = conflict.options_of(dm)
    others_mask = sum(1 << k for k in range(len(conflict.options)) if k not in mine)
    # states agreeing outside dm's options (any move must stay among them)
    block: dict[int, list[int]] = {}
    for t in range(n):
        block.setdefault(codes[t] & others_mask, []).append(t)
    for s in range(n):
        for t in block[codes[s] & others_mask]:
            if s == t:
                continue
            legal = True
            for k in mine:
                before, after = (codes[s] >> k) & 1, (codes[t] >> k) & 1
                if (conflict.reversibility[k] == Reversibility.FORWARD_ONLY and after < before) or (
                    conflict.reversibility[k] == Reversibility.BACKWARD_ONLY and after > before
                ):
                    legal = False
            if legal:
                result[s].add(t)
    return result


def improvements(conflict: Conflict, dm: int, relation: list[set[int]]) -> list[set[int]]:
    pay = conflict.payoff[dm]
    return [{t for t in relation[s] if pay[t] > pay[s]} for s in range(conflict.n_states)]


def coalition_reach(relations: dict[int, list[set[int]]], start: int) -> set[int]:
    """States reachable from ``start`` by >= 1 moves, no mover twice in a row (BFS)."""
    seen: set[tuple[int, int]] = set()
    queue: deque[tuple[int, int]] = deque()
    for j, rel in relations.items():
        for t in rel[start]:
            if (t, j) not in seen:
                seen.add((t, j))
                queue.append((t, j))
    while queue:
        x, last = queue.popleft()
        for j, rel in relations.items():
            if j == last:
                continue
            for t in rel[x]:
                if (t, j) not in seen:
                    seen.add((t, j))
                    queue.append((t, j))
    return {x for x, _ in seen}


def solve(
    conflict: Conflict, sim_pairwise: bool = False, only: set[tuple[int, int]] | None = None
) -> dict[str, list[list[bool]]]:
    """stable[concept][dm][state] for nash, gmr, smr, seq (and sim for option form).

    ``only``: if given, evaluate just these (dm, state) pairs (others are reported False);
    used to time the reference on a sample of a large model.
    """
    n, n_dm = conflict.n_states, conflict.n_decision_makers
    pay = conflict.payoff
    R = [moves(conflict, j) for j in range(n_dm)]
    Rp = [improvements(conflict, j, R[j]) for j in range(n_dm)]
    out: dict[str, list[list[bool]]] = {c: [] for c in ("nash", "gmr", "smr", "seq")}
    if conflict.explicit_moves is None:
        out["sim"] = []
    for i in range(n_dm):
        opp = {j: R[j] for j in range(n_dm) if j != i}
        opp_plus = {j: Rp[j] for j in range(n_dm) if j != i}
        rows = {c: [] for c in out}
        for s in range(n):
            if only is not None and (i, s) not in only:
                for row in rows.values():
                    row.append(False)
                continue
            not_better = {t for t in range(n) if pay[i][s] >= pay[i][t]}
            ui = Rp[i][s]
            rows["nash"].append(not ui)
            gmr = smr = seq = True
            for s1 in ui:
                reach = coalition_reach(opp, s1)
                if not reach & not_better:
                    gmr = False
                if not any(R[i][s2] <= not_better for s2 in reach & not_better):
                    smr = False
                if not coalition_reach(opp_plus, s1) & not_better:
                    seq = False
            rows["gmr"].append(gmr)
            rows["smr"].append(smr)
            rows["seq"].append(seq)
            if "sim" in rows:
                rows["sim"].append(_sim(conflict, i, s, Rp, not_better, sim_pairwise))
        for c, table in out.items():
            table.append(rows[c])
    if "sim" in out:
        out["seqsim"] = [[a or b for a, b in zip(x, y)] for x, y in zip(out["seq"], out["sim"])]
    return out


def _sim(conflict, i, s, Rp, not_better, pairwise) -> bool:
    codes = [int(c) for c in conflict.codes]
    index = {c: k for k, c in enumerate(codes)}
    masks = [sum(1 << k for k in conflict.options_of(j)) for j in range(len(Rp))]
    others = [j for j in range(len(Rp)) if j != i]
    for s1 in Rp[i][s]:
        sanctioned = False
        # each opponent either stays (None) or plays one of its UIs from s
        for choice in product(*[[None, *sorted(Rp[j][s])] for j in others]):
            movers = [c for c in choice if c is not None]
            if not movers or (pairwise and len(movers) > 1):
                continue
            code = codes[s1]
            for j, c in zip(others, choice):
                if c is not None:
                    code = (code & ~masks[j]) | (codes[c] & masks[j])
            if code in index and index[code] in not_better:
                sanctioned = True
                break
        if not sanctioned:
            return False
    return True
