"""Option-prioritization statements: parsing and vectorised evaluation over state codes.

A statement describes a set of states in terms of options (Fang, Hipel, Kilgour & Peng 2003,
*IEEE Trans. SMC-C* 33(1):42-55, the GMCR II preference-entry scheme; Hipel, Kilgour, Fang &
Peng 1997, *Applied Mathematics and Computation* 83:117-152). Grammar, loosest binding first::

    statement   := disjunction [ ("IF" | "IFF") disjunction ]
    disjunction := conjunction { "|" conjunction }
    conjunction := unary { "&" unary }
    unary       := "-" unary | OPTION_ID | "(" statement ")"

so precedence is ``-`` > ``&`` > ``|`` > ``IF``/``IFF``; ``IF`` and ``IFF`` do not chain
without parentheses. ``OPTION`` is true in a state where the option is taken, ``-OPTION`` where it
is not. ``P IF Q`` is true iff Q implies P (so it is true in every state where Q is false);
``P IFF Q`` is true iff P and Q have the same truth value. The keywords are upper case.

A decision maker's preference is an ordered list of statements, most important first; statement
k of K (0-based) weighs 2^(K-1-k) and a state's score is the sum of the weights of the statements
it satisfies, which makes the order lexicographic (:func:`prioritization_scores`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from detente.scenario.limits import MAX_STATEMENT_DEPTH

__all__ = [
    "KEYWORDS",
    "MAX_STATEMENTS",
    "And",
    "Conditional",
    "Expression",
    "Literal",
    "Not",
    "Or",
    "StatementSyntaxError",
    "evaluate",
    "option_ids",
    "parse_statement",
    "prioritization_scores",
]

KEYWORDS = frozenset({"IF", "IFF"})
MAX_STATEMENTS = 62
"""Scores are sums of distinct powers of two held in int64."""


class StatementSyntaxError(ValueError):
    """A statement that does not parse; ``column`` is 1-based within the statement text."""

    def __init__(self, message: str, column: int, text: str) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.text = text

    def describe(self) -> str:
        return f"{self.message} at column {self.column} of {self.text!r}"


@dataclass(frozen=True)
class Literal:
    """An option id: true where the option is taken."""

    option: str
    column: int


@dataclass(frozen=True)
class Not:
    operand: Expression


@dataclass(frozen=True)
class And:
    operands: tuple[Expression, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Expression, ...]


@dataclass(frozen=True)
class Conditional:
    """``consequent IF condition`` (condition implies consequent) or ``IFF`` (equivalence)."""

    consequent: Expression
    condition: Expression
    biconditional: bool


Expression = Literal | Not | And | Or | Conditional


@dataclass(frozen=True)
class _Token:
    kind: str  # "id", "-", "&", "|", "(", ")", "IF", "IFF", "end"
    text: str
    column: int


_SINGLE = {"-": "-", "&": "&", "|": "|", "(": "(", ")": ")"}


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in _SINGLE:
            tokens.append(_Token(_SINGLE[ch], ch, i + 1))
            i += 1
        elif ch.isalpha() or ch == "_":
            start = i
            while i < len(text) and (text[i].isalnum() or text[i] == "_"):
                i += 1
            word = text[start:i]
            tokens.append(_Token(word if word in KEYWORDS else "id", word, start + 1))
        else:
            raise StatementSyntaxError(
                f"unexpected character {ch!r}; expected an option id, '-', '&', '|', '(', ')', "
                "IF or IFF",
                i + 1,
                text,
            )
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.at = 0
        self.depth = 0

    def peek(self) -> _Token:
        return self.tokens[self.at]

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def fail(self, expected: str) -> StatementSyntaxError:
        token = self.peek()
        found = "the end of the statement" if token.kind == "end" else repr(token.text)
        return StatementSyntaxError(f"expected {expected}, found {found}", token.column, self.text)

    def statement(self) -> Expression:
        left = self.disjunction()
        if self.peek().kind in ("IF", "IFF"):
            keyword = self.take()
            right = self.disjunction()
            if self.peek().kind in ("IF", "IFF"):
                raise StatementSyntaxError(
                    f"{self.peek().text} cannot follow another {keyword.text} without "
                    "parentheses; write e.g. 'A IF (B IF C)'",
                    self.peek().column,
                    self.text,
                )
            return Conditional(left, right, keyword.kind == "IFF")
        return left

    def disjunction(self) -> Expression:
        parts = [self.conjunction()]
        while self.peek().kind == "|":
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def conjunction(self) -> Expression:
        parts = [self.unary()]
        while self.peek().kind == "&":
            self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self) -> Expression:
        token = self.peek()
        if token.kind == "id":
            self.take()
            return Literal(token.text, token.column)
        if token.kind not in ("-", "("):
            raise self.fail("an option id, '-' or '('")
        self.depth += 1
        if self.depth > MAX_STATEMENT_DEPTH:
            raise StatementSyntaxError(
                f"parentheses and '-' are nested more than {MAX_STATEMENT_DEPTH} levels deep",
                token.column,
                self.text,
            )
        self.take()
        try:
            if token.kind == "-":
                return Not(self.unary())
            inner = self.statement()
            if self.peek().kind != ")":
                raise self.fail("')' to close the '(' at column " + str(token.column))
            self.take()
            return inner
        finally:
            self.depth -= 1


def parse_statement(text: str) -> Expression:
    """Parse one prioritization statement.

    Raises
    ------
    StatementSyntaxError
        Saying where (1-based column) and what was expected.
    """
    if not text.strip():
        raise StatementSyntaxError("the statement is empty; expected an option id", 1, text)
    parser = _Parser(text)
    expression = parser.statement()
    if parser.peek().kind != "end":
        raise parser.fail("'&', '|', IF, IFF or the end of the statement")
    return expression


def option_ids(expression: Expression) -> list[Literal]:
    """Every option literal in ``expression`` (in order of appearance)."""
    if isinstance(expression, Literal):
        return [expression]
    if isinstance(expression, Not):
        return option_ids(expression.operand)
    if isinstance(expression, And | Or):
        return [lit for part in expression.operands for lit in option_ids(part)]
    return option_ids(expression.consequent) + option_ids(expression.condition)


def evaluate(expression: Expression, codes: np.ndarray, bit_of: Mapping[str, int]) -> np.ndarray:
    """Truth value of ``expression`` in every state code (bit ``bit_of[id]`` = option taken).

    Vectorised: one boolean array operation per node of the expression.
    """
    codes = np.asarray(codes, dtype=np.uint64)
    if isinstance(expression, Literal):
        bit = np.uint64(1) << np.uint64(bit_of[expression.option])
        taken: np.ndarray = (codes & bit) != 0
        return taken
    if isinstance(expression, Not):
        negated: np.ndarray = ~evaluate(expression.operand, codes, bit_of)
        return negated
    if isinstance(expression, And):
        result = evaluate(expression.operands[0], codes, bit_of)
        for part in expression.operands[1:]:
            result &= evaluate(part, codes, bit_of)
        return result
    if isinstance(expression, Or):
        result = evaluate(expression.operands[0], codes, bit_of)
        for part in expression.operands[1:]:
            result |= evaluate(part, codes, bit_of)
        return result
    consequent = evaluate(expression.consequent, codes, bit_of)
    condition = evaluate(expression.condition, codes, bit_of)
    truth: np.ndarray = (
        consequent == condition if expression.biconditional else consequent | ~condition
    )
    return truth


def prioritization_scores(
    satisfied: Sequence[np.ndarray],
) -> np.ndarray:
    """Scores from per-statement truth arrays, most important statement first.

    Statement k of K weighs 2^(K-1-k) (Fang et al. 2003), so a state satisfying a more
    important statement outranks any state that satisfies only later ones; states satisfying
    the same statements tie. Returns int64 scores (higher = more preferred).
    """
    if len(satisfied) > MAX_STATEMENTS:
        raise ValueError(f"at most {MAX_STATEMENTS} statements per decision maker")
    if not satisfied:
        raise ValueError("at least one statement is needed")
    total = np.zeros(len(satisfied[0]), dtype=np.int64)
    count = len(satisfied)
    for k, truth in enumerate(satisfied):
        total += truth.astype(np.int64) << np.int64(count - 1 - k)
    return total
