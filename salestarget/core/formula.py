"""Custom metric formulas over fact sums, e.g. ``(amount - cost) / amount``.

A small recursive-descent parser — never ``eval`` — for numbers, fact names, ``+ - * /``,
parentheses, unary minus and ``min(...)``/``max(...)``. Full-width operators and digits typed
with a Chinese input method (``（amount－cost）／amount``) are accepted as their ASCII twins.
Every mistake raises FormulaError with the position it was found at.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation
from enum import Enum

from salestarget.core.money import DECIMAL_CONTEXT

MAX_LENGTH = 500
MAX_DEPTH = 40
FUNCTIONS: dict[str, Callable[[list[Decimal]], Decimal]] = {"min": min, "max": max}


class FormulaError(ValueError):
    """A formula that cannot be parsed; ``position`` is the 0-based index of the problem."""

    def __init__(self, formula: str, position: int, message: str) -> None:
        self.formula = formula
        self.position = position
        self.message = message
        super().__init__(f"{message} (at character {position + 1} of {formula!r})")


# -- syntax tree -----------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    value: Decimal


@dataclass(frozen=True)
class Name:
    name: str


@dataclass(frozen=True)
class Negate:
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple[Node, ...]


Node = Number | Name | Negate | Binary | Call


@dataclass(frozen=True)
class Formula:
    """A parsed formula: its text, syntax tree and the fact names it reads."""

    text: str
    tree: Node
    names: frozenset[str]

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal | None:
        """The formula's value; a missing name counts as 0; None on division by zero."""
        return _evaluate(self.tree, values)

    @property
    def is_additive(self) -> bool:
        """True when the value of a whole equals the sum of its parts' values.

        That holds exactly for a homogeneous linear formula (``amount - cost``,
        ``0.9 * amount``); a ratio, product, constant term or min/max does not add up.
        """
        return _shape(self.tree) is _Shape.LINEAR


def parse_formula(text: str, allowed_names: Collection[str] | None = None) -> Formula:
    """Parse ``text``; when ``allowed_names`` is given, any other name is an error."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(text, MAX_LENGTH, f"a formula is at most {MAX_LENGTH} characters")
    parser = _Parser(text, _tokenize(text), allowed_names)
    tree = parser.expression(0)
    parser.expect_end()
    return Formula(text, tree, frozenset(parser.names))


# -- tokens ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "name", "op", "end"
    text: str
    position: int


_FULL_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH["\u3000"] = " "
_OPERATORS = set("+-*/(),")


def _tokenize(formula: str) -> list[_Token]:
    text = "".join(_FULL_WIDTH.get(ch, ch) for ch in formula)
    tokens = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in _OPERATORS:
            tokens.append(_Token("op", ch, i))
            i += 1
        elif ch.isascii() and (ch.isdigit() or ch == "."):
            j = i
            while j < len(text) and text[j].isascii() and (text[j].isdigit() or text[j] == "."):
                j += 1
            literal = text[i:j]
            if literal.count(".") > 1 or literal == ".":
                raise FormulaError(formula, i, f"{literal!r} is not a number")
            tokens.append(_Token("number", literal, i))
            i = j
        elif ch.isascii() and (ch.isalpha() or ch == "_"):
            j = i
            while j < len(text) and text[j].isascii() and (text[j].isalnum() or text[j] == "_"):
                j += 1
            tokens.append(_Token("name", text[i:j], i))
            i = j
        else:
            raise FormulaError(formula, i, f"unexpected character {ch!r}")
    tokens.append(_Token("end", "", len(text)))
    return tokens


# -- parser ----------------------------------------------------------------------------

_BINDING = {"+": 1, "-": 1, "*": 2, "/": 2}


class _Parser:
    def __init__(
        self, text: str, tokens: list[_Token], allowed_names: Collection[str] | None
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.index = 0
        self.allowed = None if allowed_names is None else frozenset(allowed_names)
        self.names: set[str] = set()
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def fail(self, token: _Token, message: str) -> FormulaError:
        return FormulaError(self.text, token.position, message)

    def advance(self) -> _Token:
        token = self.current
        self.index += 1
        return token

    def expect_end(self) -> None:
        token = self.current
        if token.kind != "end":
            hint = "an unmatched ')'" if token.text == ")" else f"{token.text!r}"
            raise self.fail(token, f"expected an operator or the end, found {hint}")

    def expression(self, min_binding: int) -> Node:
        """Precedence climbing: parse operators binding tighter than ``min_binding``."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(self.current, "the formula is nested too deeply")
        left = self.unary()
        while self.current.kind == "op" and _BINDING.get(self.current.text, 0) > min_binding:
            op = self.advance().text
            right = self.expression(_BINDING[op])
            left = Binary(op, left, right)
        self.depth -= 1
        return left

    def unary(self) -> Node:
        token = self.current
        if token.kind == "op" and token.text in "+-":
            self.advance()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise self.fail(token, "the formula is nested too deeply")
            operand = self.unary()
            self.depth -= 1
            return Negate(operand) if token.text == "-" else operand
        return self.primary()

    def primary(self) -> Node:
        token = self.advance()
        if token.kind == "number":
            return Number(Decimal(token.text))
        if token.kind == "name":
            if self.current.text == "(":
                return self.call(token)
            return self.name(token)
        if token.text == "(":
            inner = self.expression(0)
            closing = self.current
            if closing.text != ")":
                raise self.fail(
                    closing, f"expected ')' to close the '(' at character {token.position + 1}"
                )
            self.advance()
            return inner
        if token.kind == "end":
            raise self.fail(token, "the formula ends where a number or a name was expected")
        raise self.fail(token, f"expected a number, a name or '(', found {token.text!r}")

    def name(self, token: _Token) -> Name:
        if token.text in FUNCTIONS:
            raise self.fail(token, f"{token.text} is a function: write {token.text}(a, b)")
        if self.allowed is not None and token.text not in self.allowed:
            close = difflib.get_close_matches(token.text, sorted(self.allowed), n=1)
            hint = (
                f"; did you mean {close[0]!r}?"
                if close
                else (f"; known names: {', '.join(sorted(self.allowed))}")
            )
            raise self.fail(token, f"unknown name {token.text!r}{hint}")
        self.names.add(token.text)
        return Name(token.text)

    def call(self, token: _Token) -> Call:
        if token.text not in FUNCTIONS:
            raise self.fail(
                token, f"unknown function {token.text!r}; available: {', '.join(sorted(FUNCTIONS))}"
            )
        self.advance()  # "("
        args = [self.expression(0)]
        while self.current.text == ",":
            self.advance()
            args.append(self.expression(0))
        if self.current.text != ")":
            raise self.fail(self.current, f"expected ',' or ')' in {token.text}(...)")
        self.advance()
        if len(args) < 2:
            raise self.fail(token, f"{token.text}(...) needs at least two arguments")
        return Call(token.text, tuple(args))


# -- evaluation and shape ----------------------------------------------------------------


def _evaluate(node: Node, values: Mapping[str, Decimal]) -> Decimal | None:
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Name):
        return Decimal(values.get(node.name, Decimal(0)))
    if isinstance(node, Negate):
        operand = _evaluate(node.operand, values)
        return None if operand is None else DECIMAL_CONTEXT.minus(operand)
    if isinstance(node, Call):
        args = [_evaluate(arg, values) for arg in node.args]
        present = [a for a in args if a is not None]
        return FUNCTIONS[node.function](present) if len(present) == len(args) else None
    left, right = _evaluate(node.left, values), _evaluate(node.right, values)
    if left is None or right is None:
        return None
    if node.op == "+":
        return DECIMAL_CONTEXT.add(left, right)
    if node.op == "-":
        return DECIMAL_CONTEXT.subtract(left, right)
    if node.op == "*":
        return DECIMAL_CONTEXT.multiply(left, right)
    if not right:
        return None
    try:
        return DECIMAL_CONTEXT.divide(left, right)
    except (DivisionByZero, InvalidOperation):  # pragma: no cover - guarded above
        return None


class _Shape(Enum):
    CONSTANT = "constant"
    LINEAR = "linear"
    OTHER = "other"


def _shape(node: Node) -> _Shape:
    constant, linear, other = _Shape.CONSTANT, _Shape.LINEAR, _Shape.OTHER
    if isinstance(node, Number):
        return constant
    if isinstance(node, Name):
        return linear
    if isinstance(node, Negate):
        return _shape(node.operand)
    if isinstance(node, Call):
        return constant if all(_shape(a) is constant for a in node.args) else other
    left, right = _shape(node.left), _shape(node.right)
    if other in (left, right):
        return other
    if node.op in "+-":
        return left if left is right else other
    if node.op == "*":
        if left is constant or right is constant:
            return linear if linear in (left, right) else constant
        return other
    # Division keeps the shape only when dividing by a non-zero constant.
    if right is constant and _evaluate(node.right, {}) not in (None, Decimal(0)):
        return left
    return other
