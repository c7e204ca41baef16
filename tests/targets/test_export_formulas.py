"""A person, a team or a product named like a spreadsheet formula is exported as text in the
card, the responsibility letter and the decomposition workbook; the figures stay numbers."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from salestarget.targets.queries.documents import card_data, letter_data
from salestarget.targets.services import documents
from salestarget.targets.services.excel import decomposition_xlsx
from tests.test_spreadsheets import PAYLOAD


def cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]


def assert_no_formula(content: bytes) -> list:
    found = cells(content)
    assert not [c.coordinate for c in found if c.data_type == "f"]
    return found


def test_formula_names_are_text_in_the_card_letter_and_decomposition(company, team_target):
    for named in (company.rep, company.team_bj):
        named.name = PAYLOAD
        named.save()
    team = team_target("100000.00")
    team.refresh_from_db()
    mine = team.children.get(person=company.rep) if team.children.exists() else team
    card = assert_no_formula(documents.card_xlsx(data=card_data(team)))
    assert "'" + PAYLOAD in [c.value for c in card]
    letter = letter_data(team.plan, company.rep, [mine])
    found = assert_no_formula(documents.letter_xlsx(data=letter))
    assert "'" + PAYLOAD in [c.value for c in found]
    found = assert_no_formula(decomposition_xlsx(target=team.parent, by=company.director.user))
    texts = [c.value for c in found if isinstance(c.value, str)]
    assert "'" + PAYLOAD in texts  # the 组织 column
    assert 100000 in [c.value for c in found if c.data_type == "n"]


def test_negative_figures_in_a_card_stay_numbers(company, team_target) -> None:
    team = team_target("100000.00")
    data = card_data(team)
    data.last_year = Decimal("-1250.50")  # returns outweighed sales last year
    found = assert_no_formula(documents.card_xlsx(data=data))
    assert -1250.5 in [c.value for c in found if c.data_type == "n"]
