from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.formula import FormulaError, parse_formula
from salestarget.core.metrics import FACTS

SUMS = {"amount": Decimal(200), "cost": Decimal(150), "expense": Decimal(30)}


def value(text: str, sums: dict[str, Decimal] = SUMS) -> Decimal | None:
    return parse_formula(text, FACTS).evaluate(sums)


def test_arithmetic_precedence_and_parentheses():
    assert value("amount - cost") == 50
    assert value("(amount - cost) / amount") == Decimal("0.25")
    assert value("amount - cost * 2 / 3") == 100
    assert value("-amount + -(-cost)") == -50
    assert value("max(amount - cost, expense * 2, 1.5)") == 60
    assert value("min(amount, cost)") == 150
    assert value("amount / 0.5") == 400


def test_missing_sums_count_as_zero_and_division_by_zero_is_no_value():
    assert value("amount + payment") == 200
    assert value("expense / payment") is None
    assert value("max(amount, expense / payment)") is None


def test_full_width_input_is_accepted():
    assert value("（amount－cost）／amount") == Decimal("0.25")


def test_the_names_a_formula_reads():
    assert parse_formula("amount - cost + cost").names == {"amount", "cost"}


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("amout - cost", 0, "unknown name 'amout'; did you mean 'amount'"),
        ("amount -", 8, "ends where a number or a name was expected"),
        ("(amount - cost", 14, "expected '\\)' to close the '\\(' at character 1"),
        ("amount - cost)", 13, "unmatched '\\)'"),
        ("amount ** 2", 8, "expected a number, a name or '\\(', found '\\*'"),
        ("amount ; cost", 7, "unexpected character ';'"),
        ("1.2.3 * amount", 0, "'1.2.3' is not a number"),
        ("sqrt(amount)", 0, "unknown function 'sqrt'"),
        ("max(amount)", 0, "at least two arguments"),
        ("max + 1", 0, "max is a function"),
        ("amount cost", 7, "expected an operator or the end, found 'cost'"),
        ("__import__(amount)", 0, "unknown function '__import__'"),
        ("__import__('os')", 11, "unexpected character"),
        ("销售额 - cost", 0, "unexpected character '销'"),
    ],
)
def test_bad_formulas_are_reported_with_their_position(text, position, message):
    with pytest.raises(FormulaError, match=message) as caught:
        parse_formula(text, FACTS)
    assert caught.value.position == position
    assert f"at character {position + 1}" in str(caught.value)


def test_pathological_input_is_refused_cleanly():
    with pytest.raises(FormulaError, match="nested too deeply"):
        parse_formula("(" * 100 + "amount" + ")" * 100)
    with pytest.raises(FormulaError, match="nested too deeply"):
        parse_formula("-" * 100 + "amount")
    with pytest.raises(FormulaError, match="at most 500"):
        parse_formula("amount + " * 100 + "cost")


@pytest.mark.parametrize(
    ("text", "additive"),
    [
        ("amount", True),
        ("amount - cost", True),
        ("0.9 * amount - cost / 2", True),
        ("-(amount + cost)", True),
        ("amount / cost", False),
        ("amount * cost", False),
        ("amount + 100", False),
        ("max(amount, cost)", False),
        ("amount / 0", False),
        ("2 * 3", False),
    ],
)
def test_additivity_is_recognised(text, additive):
    assert parse_formula(text).is_additive is additive


amounts = st.decimals(min_value=-(10**6), max_value=10**6, places=2)


@given(a=amounts, b=amounts, c=amounts, d=amounts)
def test_an_additive_formula_of_the_whole_equals_the_sum_over_parts(a, b, c, d):
    formula = parse_formula("3 * amount - (cost - expense / 4)")
    whole = formula.evaluate({"amount": a + c, "cost": b + d, "expense": a - d})
    parts = formula.evaluate({"amount": a, "cost": b, "expense": a}) + formula.evaluate(
        {"amount": c, "cost": d, "expense": -d}
    )
    assert whole == parts


@given(st.text(alphabet="amount cost()+-*/.,0123456789xm", max_size=40))
def test_any_text_either_parses_or_raises_formula_error(text):
    position = None
    try:
        parse_formula(text, FACTS).evaluate(SUMS)
    except FormulaError as error:
        position = error.position
    assert position is None or 0 <= position <= len(text)
