"""Split credit (分成): finance shares an order between people on a page or through the API;
shares must add up to 100% (refused otherwise, naming the sum), each person's part is exact
to the cent, everyone reads only the orders of their scope, and every change is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.incentives.models import CreditSplit
from salestarget.incentives.queries.credits import credited_orders
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.incentives.services.credits import credit_split_save
from salestarget.org.scoping import scope_for
from tests.tracking.conftest import sell

D = Decimal
JSON = "application/json"


@pytest.fixture
def order(june):
    """SO-9: 王小明 sells 100.00 on 9 June (on top of his 125,000)."""
    line = sell(june, dt.date(2026, 6, 9), "100.00")
    line.order_no = "SO-9"
    line.save()
    rollups_rebuild()
    return line


def thirds(june):
    third = D("0.333333")
    return {june.rep: third, june.rep_other: third, june.team_lead: D(1) - 2 * third}


def test_a_split_in_thirds_credits_every_cent_once(june, order):
    credit_split_save(order_no="SO-9", shares=thirds(june), by=june.finance.user)
    (found,) = credited_orders(scope_for(june.finance.user))
    parts = {s.person.name: s.credited for s in found.shares}
    assert sum(parts.values()) == D("100.00")
    assert sorted(parts.values()) == [D("33.33"), D("33.33"), D("33.34")]
    assert found.sellers == ("王小明",)


def test_shares_that_do_not_add_up_are_refused_naming_the_sum(june, order):
    for shares, words in (
        ({june.rep: D("0.6"), june.rep_other: D("0.3")}, "90%"),
        ({june.rep: D("0.6"), june.rep_other: D("0.6")}, "120%"),
        ({june.rep: D("1.5")}, "100%"),
        ({june.rep: D("0"), june.rep_other: D("1")}, "0%"),
        ({june.rep: D("0.1234567"), june.rep_other: D("0.8765433")}, "小数"),
        ({}, "至少"),
    ):
        with pytest.raises(ValidationError, match=words):
            credit_split_save(order_no="SO-9", shares=shares, by=june.finance.user)
    with pytest.raises(ValidationError, match="SO-404"):
        credit_split_save(order_no="SO-404", shares={june.rep: D(1)}, by=june.finance.user)
    with pytest.raises(PermissionDenied):
        credit_split_save(order_no="SO-9", shares={june.rep: D(1)}, by=june.rep.user)
    assert not CreditSplit.objects.exists()


def test_the_statement_follows_the_split_and_the_change_is_audited(june, order, commission_plan):
    commission_plan()
    half = {june.rep: D("0.5"), june.rep_other: D("0.5")}
    credit_split_save(order_no="SO-9", shares=half, by=june.finance.user)
    statements = {
        s.person_id: s for s in statement_calculate(period="2026-06", by=june.finance.user)
    }
    assert statements[june.rep.pk].lines.get().measure_total == D("125050.00")
    assert statements[june.rep_other.pk].lines.get().measure_total == D("80050.00")
    kind = ContentType.objects.get_for_model(CreditSplit)
    created = LogEntry.objects.filter(content_type=kind, action=LogEntry.Action.CREATE)
    assert created.count() == 2


def test_the_api_sets_reads_in_scope_and_removes_a_split(june, order, login):
    finance = login(june.finance)
    body = {"order_no": "SO-9", "shares": {"REP": "0.6", "REP_OTHER": "0.4"}}
    saved = finance.put("/api/incentives/credit-splits", body, content_type=JSON)
    assert saved.status_code == 200, saved.content
    assert {s["person"]: D(s["credited"]) for s in saved.json()["shares"]} == {
        "王小明": D("60.00"),
        "陈小红": D("40.00"),
    }
    for bad, field in (
        ({"shares": {"REP": "0.6", "REP_OTHER": "0.3"}}, "90%"),
        ({"shares": {"NOBODY": "1"}}, "NOBODY"),
        ({"order_no": "SO-404"}, "SO-404"),
        ({"kind": "bribe"}, "kind"),
    ):
        answer = finance.put("/api/incentives/credit-splits", body | bad, content_type=JSON)
        assert answer.status_code == 422, (bad, answer.content)
        assert field in str(answer.json())
    assert (
        login(june.rep).put("/api/incentives/credit-splits", body, content_type=JSON).status_code
        == 403
    )

    east = sell(june, dt.date(2026, 6, 10), "50.00", person=june.rep_other)
    east.order_no = "SO-10"
    east.save()
    credit_split_save(order_no="SO-10", shares={june.rep_other: D(1)}, by=june.finance.user)

    def seen(person):
        return sorted(
            o["order_no"] for o in login(person).get("/api/incentives/credit-splits").json()
        )

    assert seen(june.rep) == ["SO-9"]  # he sold SO-9; SO-10 is none of his
    assert seen(june.rep_other) == ["SO-10", "SO-9"]  # she sold one and shares in the other
    assert seen(june.manager_north) == ["SO-9"]
    assert seen(june.manager_east) == ["SO-10", "SO-9"]
    assert seen(june.finance) == ["SO-10", "SO-9"]
    assert login(june.rep).delete("/api/incentives/credit-splits?order_no=SO-9").status_code == 403
    finance = login(june.finance)
    assert finance.delete("/api/incentives/credit-splits?order_no=SO-9").status_code == 204
    assert list(CreditSplit.objects.values_list("order_no", flat=True)) == ["SO-10"]


def test_finance_sets_a_split_on_the_page_and_the_rep_reads_it(june, order, login):
    finance = login(june.finance)
    url = reverse("incentives:credit_save")
    bad = finance.post(
        url, {"order_no": "SO-9", "kind": "split", "shares": "REP 60%\nREP_OTHER 30%"}
    )
    assert bad.status_code == 400
    assert "分成比例合计为 90%，应为 100%" in bad.content.decode()
    typo = finance.post(url, {"order_no": "SO-9", "kind": "split", "shares": "REP sixty"})
    assert "第 1 行" in typo.content.decode()
    assert not CreditSplit.objects.exists()
    done = finance.post(
        url, {"order_no": "SO-9", "kind": "split", "shares": "REP 60%\nREP_OTHER 40%"}
    )
    assert done.status_code == 302
    page = login(june.rep).get(reverse("incentives:credits")).content.decode()
    assert "SO-9" in page
    assert "60.00" in page
    assert "credit-form" not in page  # a rep reads; finance sets
    assert login(june.rep).post(url, {"order_no": "SO-9"}).status_code == 403
    finance = login(june.finance)
    removed = finance.post(
        reverse("incentives:credit_remove"), {"order_no": "SO-9", "kind": "split"}
    )
    assert removed.status_code == 302
    assert not CreditSplit.objects.exists()
