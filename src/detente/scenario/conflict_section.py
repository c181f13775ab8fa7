"""The scenario's ``conflict`` section: a graph model written the way analysts describe it.

Decision makers (actors of the scenario) each control binary options; preferences are ordered
option-prioritization statements (:mod:`detente.scenario.statements`) or explicit rankings of
states; infeasible states are patterns or named constraints; the status quo, optional merged
(aggregated) states and optional explicit move lists complete the model. The global option order
is the file order (decision makers in order, each one's options in order); state ids follow the
literature's numbering (:mod:`detente.scenario.state_space`). Sources: Kilgour, Hipel & Fang
(1987); Fang, Hipel & Kilgour (1993); Fang, Hipel, Kilgour & Peng (2003) for the GMCR II entry
scheme. :func:`detente.conflict.compile.compile_conflict` turns the section into a
:class:`detente.conflict.model.Conflict`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import Field, field_validator, model_validator

from detente.scenario.common import Documented, Frozen, Identifier, Integer, Number
from detente.scenario.reversibility import Reversibility
from detente.scenario.statements import (
    KEYWORDS,
    MAX_STATEMENTS,
    StatementSyntaxError,
    option_ids,
    parse_statement,
)

if TYPE_CHECKING:
    from detente.scenario.model import Scenario
    from detente.scenario.state_space import StateSpace

__all__ = [
    "ConflictOption",
    "ConflictSection",
    "DecisionMaker",
    "Infeasible",
    "Merge",
    "PreferenceAlternative",
    "Preferences",
    "Requirement",
    "Statement",
    "StatusQuo",
]

Path = tuple[str | int, ...]
Issue = tuple[Path, str, str | None]

MAX_CHECKED_OPTIONS = 22
"""Checks that enumerate the states (empty state set, rankings, moves, merges) run up to this
many options (4M candidate codes, 32 MB); above it validation checks the status quo on its own
and compilation reports the rest (or refuses the size)."""


class ConflictOption(Documented):
    """A binary option a decision maker controls (taken = Y)."""

    id: Identifier
    label: str | None = Field(default=None, description="What taking the option means.")
    reversibility: Reversibility = Field(
        default=Reversibility.BOTH,
        description="both, forward_only (only N->Y) or backward_only (only Y->N).",
    )

    @field_validator("reversibility", mode="before")
    @classmethod
    def _gmcr_py_names(cls, value: Any) -> Any:
        return {"fwd": "forward_only", "back": "backward_only"}.get(value, value)


class Statement(Documented):
    """One option-prioritization statement (see :mod:`detente.scenario.statements`)."""

    statement: str = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        return {"statement": value} if isinstance(value, str) else value


StateId = Integer
RankEntry = Integer | tuple[Integer, ...]


def _exactly_one(model: Frozen, fields: tuple[str, ...]) -> None:
    given = [name for name in fields if getattr(model, name) is not None]
    if len(given) != 1:
        listed = ", ".join(f"`{f}`" for f in fields)
        if not given:
            raise ValueError(f"give one of {listed}")
        raise ValueError(f"give only one of {listed} (found {', '.join(given)})")


class PreferenceAlternative(Documented):
    """One candidate preference of a decision maker, with its subjective weight."""

    weight: Number = Field(gt=0, description="Relative weight (normalised over alternatives).")
    statements: tuple[Statement, ...] | None = Field(default=None, min_length=1)
    ranking: tuple[RankEntry, ...] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_form(self) -> PreferenceAlternative:
        _exactly_one(self, ("statements", "ranking"))
        return self


class Preferences(Documented):
    """A decision maker's preference: statements (most important first), a ranking of state
    ids (most preferred first; a nested list is a tie class), or weighted alternatives of
    either kind for the uncertainty lens."""

    statements: tuple[Statement, ...] | None = Field(default=None, min_length=1)
    ranking: tuple[RankEntry, ...] | None = Field(default=None, min_length=1)
    alternatives: tuple[PreferenceAlternative, ...] | None = Field(default=None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _statement_list(cls, value: Any) -> Any:
        return {"statements": value} if isinstance(value, list) else value

    @model_validator(mode="after")
    def _one_form(self) -> Preferences:
        _exactly_one(self, ("statements", "ranking", "alternatives"))
        return self

    def forms(self) -> Iterator[tuple[Path, Preferences | PreferenceAlternative]]:
        """Each concrete preference with its path relative to this object."""
        if self.alternatives is None:
            yield (), self
        else:
            for index, alternative in enumerate(self.alternatives):
                yield ("alternatives", index), alternative

    def _single(self, alternative: PreferenceAlternative) -> Preferences:
        return Preferences(
            statements=alternative.statements,
            ranking=alternative.ranking,
            rationale=alternative.rationale or self.rationale,
            sources=alternative.sources or self.sources,
        )

    def nominal(self) -> Preferences:
        """The preference a single analysis uses: the highest-weight alternative (first on
        ties), or this preference itself when it has no alternatives."""
        if self.alternatives is None:
            return self
        best = max(range(len(self.alternatives)), key=lambda i: (self.alternatives[i].weight, -i))  # type: ignore[index]
        return self._single(self.alternatives[best])

    def sample(self, rng: np.random.Generator) -> Preferences:
        """One alternative drawn with probability proportional to its weight."""
        if self.alternatives is None:
            return self
        weights = np.asarray([a.weight for a in self.alternatives], dtype=float)
        index = int(rng.choice(len(weights), p=weights / weights.sum()))
        return self._single(self.alternatives[index])


class Requirement(Frozen):
    """``option`` can be taken only if ``needs`` is taken."""

    option: Identifier
    needs: Identifier


class Infeasible(Documented):
    """One infeasibility constraint; exactly one of the forms below.

    - ``pattern``: Y/N/- in global option order, e.g. ``-YY--``;
    - ``mutually_exclusive: [A, B, ...]``: no two taken together;
    - ``at_least_one: [A, B, ...]``: not all left untaken;
    - ``exactly_one: [A, B, ...]``: both of the above;
    - ``requires: {option: X, needs: Y}``: X only with Y;
    - ``condition``: a statement; every state satisfying it is infeasible.
    """

    pattern: str | None = None
    mutually_exclusive: tuple[Identifier, ...] | None = Field(default=None, min_length=2)
    at_least_one: tuple[Identifier, ...] | None = Field(default=None, min_length=1)
    exactly_one: tuple[Identifier, ...] | None = Field(default=None, min_length=1)
    requires: Requirement | None = None
    condition: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_form(self) -> Infeasible:
        _exactly_one(self, _CONSTRAINT_FORMS)
        return self


_CONSTRAINT_FORMS = (
    "pattern",
    "mutually_exclusive",
    "at_least_one",
    "exactly_one",
    "requires",
    "condition",
)


class Merge(Documented):
    """An aggregate state: all feasible states matching ``pattern`` become one state,
    appended after the binary-ordered states (e.g. Elmira's state 9, ``-NNY-``)."""

    pattern: str
    name: str | None = None


class StatusQuo(Documented):
    """The current state: a Y/N string, the list of options taken, or a state id."""

    state: str | None = None
    taken: tuple[Identifier, ...] | None = None
    id: Integer | None = Field(default=None, ge=1)

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"state": value}
        if isinstance(value, int) and not isinstance(value, bool):
            return {"id": value}
        return value

    @model_validator(mode="after")
    def _one_form(self) -> StatusQuo:
        _exactly_one(self, ("state", "taken", "id"))
        return self


class DecisionMaker(Documented):
    """A decision maker: an actor of the scenario, the options it controls, its preference."""

    id: Identifier = Field(description="The id of an actor in the scenario's `actors`.")
    options: tuple[ConflictOption, ...] = Field(min_length=1)
    preferences: Preferences


class ConflictSection(Documented):
    """A graph model for conflict resolution (GMCR) written as options and statements."""

    decision_makers: tuple[DecisionMaker, ...] = Field(min_length=2)
    infeasible: tuple[Infeasible, ...] = ()
    merge: tuple[Merge, ...] = ()
    moves: dict[Identifier, tuple[tuple[Integer, Integer], ...]] | None = Field(
        default=None,
        description="Explicit move lists by decision maker, as [from, to] state ids. A "
        "decision maker listed here can make exactly these moves; the others keep the moves "
        "derived from their options.",
    )
    status_quo: StatusQuo | None = None

    # ----- structure -------------------------------------------------------------------------

    def option_ids(self) -> list[str]:
        """Option ids in global option order (file order)."""
        return [o.id for dm in self.decision_makers for o in dm.options]

    def options(self) -> list[ConflictOption]:
        return [o for dm in self.decision_makers for o in dm.options]

    def owners(self) -> list[int]:
        return [i for i, dm in enumerate(self.decision_makers) for _ in dm.options]

    def bit_of(self) -> dict[str, int]:
        return {option: k for k, option in enumerate(self.option_ids())}

    def dm_ids(self) -> list[str]:
        return [dm.id for dm in self.decision_makers]

    def sample(self, rng: np.random.Generator) -> ConflictSection:
        """This section with every decision maker's preference drawn from its alternatives."""
        dms = tuple(
            dm.model_copy(update={"preferences": dm.preferences.sample(rng)})
            for dm in self.decision_makers
        )
        return self.model_copy(update={"decision_makers": dms})

    def nominal(self) -> ConflictSection:
        """This section with every decision maker's nominal preference."""
        dms = tuple(
            dm.model_copy(update={"preferences": dm.preferences.nominal()})
            for dm in self.decision_makers
        )
        return self.model_copy(update={"decision_makers": dms})

    def infeasible_patterns(self) -> list[tuple[int, int]]:
        """Every infeasibility constraint as ``(care, value)`` masks over codes (statement
        conditions are handled by :meth:`condition_statements`)."""
        from detente.scenario.state_space import pattern_mask

        bit = self.bit_of()
        out: list[tuple[int, int]] = []
        for item in self.infeasible:
            if item.pattern is not None:
                out.append(pattern_mask(item.pattern))
            ids = item.mutually_exclusive or item.exactly_one
            if ids is not None and (item.mutually_exclusive or len(ids) > 1):
                for a in range(len(ids)):
                    for b in range(a + 1, len(ids)):
                        both = (1 << bit[ids[a]]) | (1 << bit[ids[b]])
                        out.append((both, both))
            ids = item.at_least_one or item.exactly_one
            if ids is not None:
                care = 0
                for option in ids:
                    care |= 1 << bit[option]
                out.append((care, 0))
            if item.requires is not None:
                x, y = 1 << bit[item.requires.option], 1 << bit[item.requires.needs]
                out.append((x | y, x))
        return out

    def state_space(self) -> StateSpace:
        """The numbered feasible states (enumerates 2^options codes; check scale first)."""
        from detente.scenario.state_space import MergeSpec, build_state_space

        return build_state_space(
            len(self.option_ids()),
            self.infeasible_patterns(),
            [MergeSpec(m.pattern, m.name) for m in self.merge],
            conditions=[parse_statement(i.condition) for i in self.infeasible if i.condition],
            bit_of=self.bit_of(),
        )

    # ----- semantic checks (reported at the exact line by the loader) --------------------------

    def semantic_problems(self, scenario: Scenario) -> Iterable[Issue]:
        problems = list(self._reference_problems(scenario))
        if problems:
            return problems
        return list(self._state_problems())

    def _reference_problems(self, scenario: Scenario) -> Iterator[Issue]:
        actors = [a.id for a in scenario.actors]
        dm_ids = self.dm_ids()
        all_options = self.option_ids()
        valid = ", ".join(all_options)
        seen_dm: set[str] = set()
        seen_option: dict[str, int] = {}
        for i, dm in enumerate(self.decision_makers):
            if dm.id not in actors:
                yield (
                    ("decision_makers", i, "id"),
                    f"{dm.id!r} is not an actor of this scenario",
                    f"actors: {', '.join(actors)}",
                )
            if dm.id in seen_dm:
                yield (
                    ("decision_makers", i, "id"),
                    f"decision maker {dm.id!r} appears twice",
                    None,
                )
            seen_dm.add(dm.id)
            for j, choice in enumerate(dm.options):
                here: Path = ("decision_makers", i, "options", j, "id")
                if choice.id in KEYWORDS:
                    yield (here, f"{choice.id!r} is a statement keyword", "rename the option")
                if choice.id in seen_option:
                    yield (here, f"option id {choice.id!r} is used twice; ids must be unique", None)
                seen_option[choice.id] = i
            for form_path, form in dm.preferences.forms():
                if form.statements is None:
                    continue
                base = ("decision_makers", i, "preferences", *form_path, "statements")
                if len(form.statements) > MAX_STATEMENTS:
                    yield (base, f"at most {MAX_STATEMENTS} statements are supported", None)
                for k, statement in enumerate(form.statements):
                    yield from _statement_problems(
                        statement.statement, (*base, k, "statement"), all_options, valid
                    )
        n_options = len(all_options)
        for k, item in enumerate(self.infeasible):
            path: Path = ("infeasible", k)
            if item.pattern is not None:
                yield from _pattern_problems(item.pattern, (*path, "pattern"), n_options, valid)
            for name in ("mutually_exclusive", "at_least_one", "exactly_one"):
                for m, option in enumerate(getattr(item, name) or ()):
                    if option not in seen_option:
                        yield ((*path, name, m), f"unknown option {option!r}", f"options: {valid}")
            if item.requires is not None:
                for name in ("option", "needs"):
                    option = getattr(item.requires, name)
                    if option not in seen_option:
                        yield (
                            (*path, "requires", name),
                            f"unknown option {option!r}",
                            f"options: {valid}",
                        )
            if item.condition is not None:
                yield from _statement_problems(
                    item.condition, (*path, "condition"), all_options, valid
                )
        for k, merge in enumerate(self.merge):
            yield from _pattern_problems(merge.pattern, ("merge", k, "pattern"), n_options, valid)
        for dm_id in self.moves or {}:
            if dm_id not in dm_ids:
                yield (
                    ("moves", dm_id),
                    f"{dm_id!r} is not a decision maker of this conflict",
                    f"decision makers: {', '.join(dm_ids)}",
                )
        sq = self.status_quo
        if sq is not None:
            if sq.state is not None:
                yield from _pattern_problems(
                    sq.state, ("status_quo",), n_options, valid, wildcard=bool(self.merge)
                )
            for m, option in enumerate(sq.taken or ()):
                if option not in seen_option:
                    yield (
                        ("status_quo", "taken", m),
                        f"unknown option {option!r}",
                        f"options: {valid}",
                    )

    def _state_problems(self) -> Iterator[Issue]:
        from detente.scenario.state_space import MergeError

        n_options = len(self.option_ids())
        if n_options > MAX_CHECKED_OPTIONS:
            located = self._status_quo_code()
            if located is not None and not self._code_is_feasible(located[0]):
                yield (("status_quo",), _infeasible_status_quo(located[1]), None)
            return
        try:
            space = self.state_space()
        except MergeError as error:
            yield (("merge", error.index, "pattern"), str(error), None)
            return
        if space.n_states == 0:
            yield (
                ("infeasible",),
                "the constraints leave no feasible state",
                (
                    "check for contradictory constraints (e.g. exactly_one and mutually_exclusive "
                    "over options that a requires forces together)"
                ),
            )
            return
        n = space.n_states
        for i, dm in enumerate(self.decision_makers):
            for form_path, form in dm.preferences.forms():
                if form.ranking is None:
                    continue
                path = ("decision_makers", i, "preferences", *form_path, "ranking")
                yield from _ranking_problems(form.ranking, path, n)
        for dm_id, pairs in (self.moves or {}).items():
            dm_index = self.dm_ids().index(dm_id)
            yield from self._move_problems(space, dm_index, pairs, ("moves", dm_id))
        if self.status_quo is not None:
            try:
                self.status_quo_index(space)
            except ValueError as error:
                yield (("status_quo",), str(error), None)

    def _move_problems(
        self, space: StateSpace, dm: int, pairs: tuple[tuple[int, int], ...], path: Path
    ) -> Iterator[Issue]:
        owners = self.owners()
        n = space.n_states
        for k, (source, target) in enumerate(pairs):
            here = (*path, k)
            bad = [s for s in (source, target) if not 1 <= s <= n]
            if bad:
                yield (here, f"state {bad[0]} does not exist", f"state ids run from 1 to {n}")
                continue
            if source == target:
                yield (here, f"a move must change the state ({source} -> {target})", None)
                continue
            a, b = space.patterns[source - 1], space.patterns[target - 1]
            foreign = [
                self.option_ids()[k2]
                for k2 in range(len(owners))
                if owners[k2] != dm and a[k2] != b[k2] and "-" not in (a[k2], b[k2])
            ]
            if foreign:
                yield (
                    here,
                    (
                        f"{source} -> {target} is not a move of {self.dm_ids()[dm]}: it changes "
                        f"{', '.join(foreign)}, which {self.dm_ids()[dm]} does not control"
                    ),
                    None,
                )

    def status_quo_index(self, space: StateSpace) -> int | None:
        """Index of the status-quo state; ValueError (with what is wrong) if it is infeasible."""
        sq = self.status_quo
        if sq is None:
            return None
        if sq.id is not None:
            if sq.id > space.n_states:
                raise ValueError(
                    f"state {sq.id} does not exist (state ids run from 1 to {space.n_states})"
                )
            return sq.id - 1
        if sq.state is not None and "-" in sq.state:
            if sq.state in space.patterns[space.n_plain :]:
                return space.n_plain + space.patterns[space.n_plain :].index(sq.state)
            raise ValueError(f"{sq.state!r} is not one of the merged states' patterns")
        located = self._status_quo_code()
        assert located is not None
        index = space.state_of_code(located[0])
        if index is None:
            raise ValueError(_infeasible_status_quo(located[1]))
        return index

    def _status_quo_code(self) -> tuple[int, str] | None:
        """The status quo's code and Y/N text, when it is given as options (not as an id or a
        merged pattern)."""
        sq = self.status_quo
        if sq is None or sq.id is not None or (sq.state is not None and "-" in sq.state):
            return None
        if sq.state is not None:
            return sum(1 << k for k, ch in enumerate(sq.state) if ch == "Y"), sq.state
        bit = self.bit_of()
        code = sum(1 << bit[o] for o in sq.taken or ())
        return code, "".join("Y" if code >> k & 1 else "N" for k in range(len(bit)))

    def _code_is_feasible(self, code: int) -> bool:
        from detente.scenario.state_space import feasible_mask
        from detente.scenario.statements import evaluate

        codes = np.asarray([code], dtype=np.uint64)
        feasible = bool(feasible_mask(codes, self.infeasible_patterns())[0])
        for item in self.infeasible:
            if item.condition is not None:
                feasible &= not bool(
                    evaluate(parse_statement(item.condition), codes, self.bit_of())[0]
                )
        return feasible


def _infeasible_status_quo(text: str) -> str:
    return f"the status quo {text} is infeasible (it matches an `infeasible` constraint)"


def _statement_problems(text: str, path: Path, options: list[str], valid: str) -> Iterator[Issue]:
    try:
        expression = parse_statement(text)
    except StatementSyntaxError as error:
        yield (
            path,
            f"statement does not parse: {error.describe()}",
            "syntax: option ids, -X (not taken), &, |, parentheses, P IF Q, P IFF Q",
        )
        return
    for literal in option_ids(expression):
        if literal.option not in options:
            yield (
                path,
                (
                    f"unknown option {literal.option!r} in statement {text!r} "
                    f"(column {literal.column})"
                ),
                f"options: {valid}",
            )


def _pattern_problems(
    pattern: str, path: Path, n_options: int, valid: str, *, wildcard: bool = True
) -> Iterator[Issue]:
    allowed = "YN-" if wildcard else "YN"
    if len(pattern) != n_options:
        yield (
            path,
            (
                f"pattern {pattern!r} has {len(pattern)} characters; the conflict has "
                f"{n_options} options"
            ),
            f"one character per option, in order: {valid}",
        )
    bad = sorted({ch for ch in pattern if ch not in allowed})
    if bad:
        yield (
            path,
            f"pattern {pattern!r} contains {', '.join(repr(c) for c in bad)}",
            f"use only {', '.join(allowed)}",
        )


def _ranking_problems(ranking: tuple[RankEntry, ...], path: Path, n: int) -> Iterator[Issue]:
    seen: dict[int, int] = {}
    for position, entry in enumerate(ranking):
        for state in entry if isinstance(entry, tuple) else (entry,):
            if not 1 <= state <= n:
                yield (
                    (*path, position),
                    f"state {state} does not exist",
                    f"state ids run from 1 to {n}",
                )
            elif state in seen:
                yield ((*path, position), f"state {state} is ranked twice", "list each state once")
            seen[state] = position
    missing = [s for s in range(1, n + 1) if s not in seen]
    if missing:
        shown = ", ".join(map(str, missing[:20])) + (" ..." if len(missing) > 20 else "")
        yield (
            path,
            f"the ranking omits state(s) {shown}",
            f"a ranking must list each of the {n} feasible states exactly once",
        )
