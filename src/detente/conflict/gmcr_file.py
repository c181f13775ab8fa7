"""Import gmcr-py / GMCR+ ``.gmcr`` save files as a :class:`~detente.conflict.model.Conflict`.

gmcr-py (O. Petersons; GMCR+ by Kinsara, Hipel & Kilgour) saves a model as one JSON object.
Its loader is the specification (the bundled informal schema is not valid JSON); the keys read
here are:

- ``options``: ``[{name, permittedDirection: both|fwd|back}]``; list position = option index;
- ``decisionMakers``: ``[{name, options: [index...], preferences: [condition...],
  preferenceRanking | preferenceVector (manual ranking), misperceptions?, payoffs?}]``;
- a *condition* is ``[[optionIndex, "Y"|"N"], ...]`` (an AND of literals); a *compound
  condition* ``{compound: true, members: [condition...]}`` (an OR of ANDs);
- ``infeasibles``: conditions; ``useManualPreferenceRanking`` (older files:
  ``useManualPreferenceVectors``); ``coalitions`` (ignored, with a note); ``program``,
  ``version``.

gmcr-py regroups options by decision maker on load (DMs in file order, each DM's options in its
listed order) and numbers the feasible states in increasing code order, option 0 least
significant; manual rankings use that numbering. The importer regroups the same way, so state
ids and rankings mean what they meant in gmcr-py. Statements weigh 2^(K-1-k) as in
:mod:`detente.scenario.statements`. Misperceptions (states a DM does not perceive) are applied:
that DM's moves to or from them are removed, which needs explicit move lists (small models only).
Every problem is a :class:`~detente.errors.ScenarioError` naming the file and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from detente.conflict.compile import MAX_EXPLICIT_STATES, dense_ranks
from detente.conflict.limits import ensure_fits
from detente.conflict.model import Conflict, Reversibility
from detente.errors import Problem, ScenarioError
from detente.scenario.input_file import parse_json_text, read_input_text
from detente.scenario.state_space import build_state_space, matches, option_form_moves
from detente.scenario.statements import prioritization_scores

__all__ = ["MAX_GMCR_BYTES", "GmcrImport", "is_gmcr_file", "load_gmcr", "read_gmcr"]

MAX_GMCR_BYTES = 5_000_000

_DIRECTIONS = {
    "both": Reversibility.BOTH,
    "fwd": Reversibility.FORWARD_ONLY,
    "back": Reversibility.BACKWARD_ONLY,
}


@dataclass(frozen=True)
class GmcrImport:
    """An imported model and what the importer did that a user should know."""

    conflict: Conflict
    notes: tuple[str, ...]


def is_gmcr_file(path: str | Path) -> bool:
    """True for a ``.gmcr`` name, or a JSON file whose content names gmcr-py."""
    path = Path(path)
    if path.suffix.lower() == ".gmcr":
        return True
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    try:
        data = parse_json_text(
            read_input_text(path, limit=MAX_GMCR_BYTES, what=".gmcr file"), str(path)
        )
    except ScenarioError:
        return False
    return isinstance(data, dict) and "decisionMakers" in data


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, field: str | None, message: str, hint: str | None = None) -> ScenarioError:
        return ScenarioError([Problem(message, self.file, field=field, hint=hint)])

    def need(self, data: dict[str, Any], key: str, kind: type, field: str) -> Any:
        if key not in data:
            raise self.fail(field, f"required key {key!r} is missing")
        value = data[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise self.fail(f"{field}", f"{key!r} must be a {kind.__name__}")
        return value


def _identifier(name: str, fallback: str, taken: set[str]) -> str:
    text = re.sub(r"[^A-Za-z0-9_]+", "_", name.strip()).strip("_")
    if not text or not text[0].isalpha():
        text = f"{fallback}_{text}" if text else fallback
    text = text[:60]
    candidate, n = text, 2
    while candidate in taken:
        candidate = f"{text}_{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _terms(
    reader: _Reader, item: Any, field: str, n_options: int, bit: list[int]
) -> list[tuple[int, int]]:
    """A condition or compound condition as an OR of (care, value) AND-terms over codes."""
    if isinstance(item, dict):
        if not item.get("compound") or not isinstance(item.get("members"), list):
            raise reader.fail(field, "a compound condition needs compound: true and a members list")
        members = item["members"]
        return [
            term
            for m, member in enumerate(members)
            for term in _terms(reader, member, f"{field}.members[{m}]", n_options, bit)
        ]
    if not isinstance(item, list) or not item:
        raise reader.fail(
            field, 'a condition must be a non-empty list of [option index, "Y"|"N"] pairs'
        )
    care = value = 0
    for k, literal in enumerate(item):
        if (
            not isinstance(literal, list)
            or len(literal) != 2
            or not isinstance(literal[0], int)
            or isinstance(literal[0], bool)
            or literal[1] not in ("Y", "N")
        ):
            raise reader.fail(
                f"{field}[{k}]", f'{literal!r} is not an [option index, "Y"|"N"] pair'
            )
        index, yn = literal
        if not 0 <= index < n_options:
            raise reader.fail(
                f"{field}[{k}]",
                f"option index {index} does not exist",
                f"option indices run from 0 to {n_options - 1}",
            )
        mask = 1 << bit[index]
        if care & mask and bool(value & mask) != (yn == "Y"):
            return []  # a contradictory AND holds in no state
        care |= mask
        if yn == "Y":
            value |= mask
    return [(care, value)]


def _truth(codes: np.ndarray, terms: list[tuple[int, int]]) -> np.ndarray:
    out = np.zeros(len(codes), dtype=bool)
    for term in terms:
        out |= matches(codes, term)
    return out


def _ranking_scores(reader: _Reader, ranking: Any, field: str, n_states: int) -> np.ndarray:
    if not isinstance(ranking, list):
        raise reader.fail(field, "a manual ranking must be a list of state numbers")
    scores = np.full(n_states, -1, dtype=np.int64)
    for position, entry in enumerate(ranking):
        ids = entry if isinstance(entry, list) else [entry]
        for state in ids:
            if not isinstance(state, int) or isinstance(state, bool) or not 1 <= state <= n_states:
                raise reader.fail(
                    f"{field}[{position}]",
                    f"{state!r} is not a state number",
                    f"the model has states 1 to {n_states} (gmcr-py numbering)",
                )
            if scores[state - 1] >= 0:
                raise reader.fail(f"{field}[{position}]", f"state {state} is ranked twice")
            scores[state - 1] = len(ranking) - 1 - position
    missing = (np.flatnonzero(scores < 0) + 1).tolist()
    if missing:
        raise reader.fail(
            field,
            f"the manual ranking omits state(s) {', '.join(map(str, missing))}",
            f"rank each of the {n_states} feasible states exactly once",
        )
    return scores


def read_gmcr(path: str | Path) -> GmcrImport:
    """Read a ``.gmcr`` file into a conflict, with notes on what was ignored or adapted.

    The file is read within the bounds of every input (a regular file of at most
    :data:`MAX_GMCR_BYTES` bytes, JSON nested at most 64 deep, finite numbers).
    """
    name = str(path)
    text = read_input_text(path, limit=MAX_GMCR_BYTES, what=".gmcr file")
    data = parse_json_text(
        text,
        name,
        what=".gmcr file",
        hint="a .gmcr file is a JSON object saved by gmcr-py / GMCR+",
    )
    return parse_gmcr(data, name)


def load_gmcr(path: str | Path) -> Conflict:
    """The :class:`Conflict` of a gmcr-py ``.gmcr`` file (see :func:`read_gmcr`)."""
    return read_gmcr(path).conflict


def parse_gmcr(data: Any, file: str = "<input>") -> GmcrImport:
    """Build a conflict from already-decoded ``.gmcr`` JSON data."""
    reader = _Reader(file)
    notes: list[str] = []
    if not isinstance(data, dict):
        raise reader.fail(None, "a .gmcr file must contain a JSON object")
    options = reader.need(data, "options", list, "options")
    dms = reader.need(data, "decisionMakers", list, "decisionMakers")
    if len(dms) < 2:
        raise reader.fail("decisionMakers", "a conflict needs at least two decision makers")
    n_options = len(options)
    if n_options == 0:
        raise reader.fail("options", "the model has no options")
    directions: list[Reversibility] = []
    names: list[str] = []
    for k, option in enumerate(options):
        field = f"options[{k}]"
        if not isinstance(option, dict):
            raise reader.fail(field, "an option must be an object with name and permittedDirection")
        direction = option.get("permittedDirection", "both")
        if direction not in _DIRECTIONS:
            raise reader.fail(
                f"{field}.permittedDirection",
                f"unknown direction {direction!r}",
                "use both, fwd or back",
            )
        directions.append(_DIRECTIONS[direction])
        names.append(str(option.get("name", f"option {k}")))

    # Regroup by decision maker, as gmcr-py does on load.
    order: list[int] = []
    owner_of: dict[int, int] = {}
    dm_names: list[str] = []
    for d, dm in enumerate(dms):
        field = f"decisionMakers[{d}]"
        if not isinstance(dm, dict):
            raise reader.fail(field, "a decision maker must be an object")
        controlled = reader.need(dm, "options", list, f"{field}.options")
        for index in controlled:
            if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < n_options:
                raise reader.fail(
                    f"{field}.options",
                    f"{index!r} is not an option index",
                    f"option indices run from 0 to {n_options - 1}",
                )
            if index in owner_of:
                raise reader.fail(
                    f"{field}.options",
                    f"option {index} ({names[index]!r}) is also controlled by decision maker "
                    f"{owner_of[index]}; each option needs exactly one controller",
                )
            owner_of[index] = d
            order.append(index)
        dm_names.append(str(dm.get("name", f"DM {d + 1}")))
    orphans = [k for k in range(n_options) if k not in owner_of]
    if orphans:
        raise reader.fail(
            "decisionMakers",
            f"option(s) {', '.join(f'{k} ({names[k]!r})' for k in orphans)} are controlled by no "
            "decision maker",
        )
    if order != list(range(n_options)):
        notes.append(
            "options were regrouped by decision maker (as gmcr-py does on load); state numbers "
            "follow the regrouped order"
        )
    bit = [0] * n_options
    for position, index in enumerate(order):
        bit[index] = position

    ensure_fits(2**n_options, len(dms), what="candidate states")
    infeasible_terms: list[tuple[int, int]] = []
    for k, item in enumerate(data.get("infeasibles", []) or []):
        infeasible_terms += _terms(reader, item, f"infeasibles[{k}]", n_options, bit)
    space = build_state_space(n_options, infeasible_terms)
    if space.n_states == 0:
        raise reader.fail("infeasibles", "the infeasible conditions leave no feasible state")
    codes = space.codes

    manual = data.get("useManualPreferenceRanking", data.get("useManualPreferenceVectors", False))
    payoffs = []
    for d, dm in enumerate(dms):
        field = f"decisionMakers[{d}]"
        ranking = dm.get("preferenceRanking", dm.get("preferenceVector"))
        if manual and ranking is not None:
            key = "preferenceRanking" if "preferenceRanking" in dm else "preferenceVector"
            payoffs.append(_ranking_scores(reader, ranking, f"{field}.{key}", len(codes)))
            continue
        if manual:
            notes.append(f"{dm_names[d]} has no manual ranking; its statements are used")
        statements = dm.get("preferences", []) or []
        if not isinstance(statements, list):
            raise reader.fail(f"{field}.preferences", "preferences must be a list of conditions")
        if len(statements) > 62:
            raise reader.fail(f"{field}.preferences", "at most 62 statements are supported")
        truths = [
            _truth(codes, _terms(reader, s, f"{field}.preferences[{k}]", n_options, bit))
            for k, s in enumerate(statements)
        ]
        payoffs.append(
            dense_ranks(prioritization_scores(truths))
            if truths
            else np.zeros(len(codes), dtype=np.int64)
        )

    coalitions = data.get("coalitions")
    if coalitions and any(isinstance(c, list) and len(c) > 1 for c in coalitions):
        notes.append(
            "coalitions are ignored: detente analyses individual stability (gmcr-py's coalition "
            "partition is not the coalition analysis of the literature)"
        )

    explicit = None
    misperceived = [
        (d, dm.get("misperceptions")) for d, dm in enumerate(dms) if dm.get("misperceptions")
    ]
    if misperceived:
        if len(space.feasible_codes) > MAX_EXPLICIT_STATES:
            raise reader.fail(
                "decisionMakers",
                "misperceptions need explicit move lists, limited to "
                f"{MAX_EXPLICIT_STATES:,} states; this model has {len(codes):,}",
            )
        forward = sum(
            1 << bit[k] for k in range(n_options) if directions[k] is Reversibility.FORWARD_ONLY
        )
        backward = sum(
            1 << bit[k] for k in range(n_options) if directions[k] is Reversibility.BACKWARD_ONLY
        )
        moves = []
        for d in range(len(dms)):
            controlled = [bit[k] for k in range(n_options) if owner_of[k] == d]
            pairs = option_form_moves(space, controlled, forward, backward)
            for dm_index, items in misperceived:
                if dm_index != d:
                    continue
                if not isinstance(items, list):
                    raise reader.fail(
                        f"decisionMakers[{d}].misperceptions", "must be a list of conditions"
                    )
                unseen = np.zeros(len(codes), dtype=bool)
                for k, item in enumerate(items):
                    unseen |= _truth(
                        codes,
                        _terms(
                            reader, item, f"decisionMakers[{d}].misperceptions[{k}]", n_options, bit
                        ),
                    )
                pairs = pairs[~(unseen[pairs[:, 0]] | unseen[pairs[:, 1]])]
            moves.append(pairs)
        explicit = tuple(moves)
        notes.append(
            "misperceptions applied: each decision maker's moves to or from states it does not "
            "perceive were removed"
        )

    taken: set[str] = set()
    dm_ids = tuple(_identifier(n, "DM", taken) for n in dm_names)
    option_ids = tuple(_identifier(names[k], "OPT", taken) for k in order)
    return GmcrImport(
        Conflict(
            decision_makers=dm_ids,
            options=option_ids,
            owner=tuple(owner_of[k] for k in order),
            reversibility=tuple(directions[k] for k in order),
            codes=codes,
            patterns=space.patterns,
            payoff=np.stack(payoffs),
            status_quo=None,
            explicit_moves=explicit,
        ),
        tuple(notes),
    )
