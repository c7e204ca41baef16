"""The battle report and the weekly/monthly report over the API say what their pages say, to
the same people (leaders and finance), for the same subtrees; a bad period or kind is refused
naming what is expected."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from tests.tracking.conftest import AT

AT_Q = f"at={AT.isoformat()}"


def test_the_battle_report_as_on_the_page(company, june_sales, login):
    client = login(company.director)
    body = client.get(f"/api/tracking/battle?week=2026-W25&{AT_Q}").json()
    # 2026-W25 is 15–21 June; as of the 15th only 王小明's 15,000 of that day is in.
    assert (body["week"], body["start"], body["end"]) == ("2026-W25", "2026-06-15", "2026-06-15")
    assert Decimal(body["total"]["value"]) == 15000
    assert [(p["rank"], p["label"], p["unit"], Decimal(p["value"])) for p in body["people"]] == [
        (1, "王小明", "北京一组", Decimal(15000))
    ]
    book = load_workbook(
        io.BytesIO(client.get(f"/tracking/battle.xlsx?week=2026-W25&{AT_Q}").content)
    )
    on_sheet = [r for r in book["战报"].iter_rows(values_only=True) if r and r[0] == 1]
    assert on_sheet == [(1, "王小明", "北京一组", 15000)]  # the same figures as the workbook
    month = body["month_to_date"]
    assert Decimal(month["value"]) == 107000  # 30,000 + 15,000 + 62,000 by the 15th
    assert body["stars"][0]["person"]["label"] == "王小明"
    # The fastest riser's gain reads in 万 as every amount does, not "+15,000.00".
    assert [s["note"] for s in body["stars"] if s["title"] == "进步最快"] == ["比上周 +1.50万"]
    attained = body["attainment"]
    assert attained["month"] == "2026-06"
    assert Decimal(0) < Decimal(attained["time_progress"]) < 1  # of the month's working days


def test_the_monthly_report_of_a_region(company, june_sales, login):
    client = login(company.manager_north)
    body = client.get(f"/api/tracking/report?kind=month&period=2026-06&{AT_Q}").json()
    assert (body["node"], body["period"], body["previous"]) == ("华北", "2026-06", "2026-05")
    revenue = next(s for s in body["stats"] if s["metric"] == "revenue")
    assert Decimal(revenue["value"]) == 45000
    assert Decimal(revenue["last_year"]) == 40000
    assert Decimal(revenue["vs_last_year"]) == Decimal("0.125")
    assert [u["name"] for u in body["units"]] == ["北京一组"]
    assert [p["label"] for p in body["people"]] == ["王小明"]  # nobody of 华东


def test_same_people_same_subtrees_as_the_pages(company, june_sales, login):
    assert login(company.rep).get("/api/tracking/battle").status_code == 403
    assert login(company.rep).get("/api/tracking/report").status_code == 403
    north = login(company.manager_north)
    assert north.get(f"/api/tracking/report?node={company.east.pk}").status_code == 404
    assert north.get(f"/api/tracking/battle?node={company.east.pk}").status_code == 404
    whole = login(company.finance).get(f"/api/tracking/battle?week=2026-W23&{AT_Q}").json()
    assert {t["label"] for t in whole["teams"]} == {"北京一组", "上海一组"}


def test_a_bad_period_or_kind_names_what_is_expected(company, june_sales, login):
    client = login(company.director)
    resp = client.get("/api/tracking/report?kind=quarter")
    assert resp.status_code == 422
    assert "week" in str(resp.json())
    assert "month" in str(resp.json())
    resp = client.get("/api/tracking/report?kind=month&period=2026-W25")
    assert resp.status_code == 422
    assert "2026-03" in str(resp.json())
    resp = client.get("/api/tracking/battle?week=FY2026")
    assert resp.status_code == 422
    assert "2026-W05" in str(resp.json())


def test_the_bad_period_is_named_in_english_too(company, june_sales, login):
    client = login(company.director)
    resp = client.get(
        "/api/tracking/report?kind=month&period=2026-W25", headers={"Accept-Language": "en"}
    )
    assert resp.status_code == 422
    assert "“2026-W25” is not a whole Month; for example 2026-03" in str(resp.json())
