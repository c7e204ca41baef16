"""Customer value over time: at today and at each of the last four quarter ends, the year's
buyers, how many of the year before's were kept, the margin per customer, CLTV and RFM
segments, on 王小明's three years of sales to 北京客户 (and the customers ``world`` adds:
one new in May 2026, one who bought in August 2025, one lost after September 2024)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from salestarget.forecasting.queries.customer_value import value_trend
from salestarget.forecasting.queries.customers import customer_analysis
from tests.forecasting.test_customers import END, world  # noqa: F401  (the fixture)


def test_a_point_a_quarter_back_to_a_year_ago(world):  # noqa: F811
    points = value_trend(world.north, END)
    assert [p.end for p in points] == [
        dt.date(2025, 6, 30),
        dt.date(2025, 9, 30),
        dt.date(2025, 12, 31),
        dt.date(2026, 3, 31),
        END,
    ]
    september = points[1]
    # October 2024 … September 2025: 北京客户 and the August 2025 buyer; of the year
    # before's two (北京客户, the September 2024 buyer) one was kept, one lost.
    assert (september.customers, september.kept, september.lost) == (2, 1, 1)
    assert september.retention == Decimal("0.5")
    # 王小明's 10 × 10,000 + December's 20,000 + June 2025's 40,000, and 500: no cost known
    # as missing, so all margin; over two customers, then over a churn of one half.
    assert september.margin_per_customer == Decimal("80250.00")
    assert september.lifetime_value == Decimal("160500.00")
    assert points[0].lifetime_value is None  # nobody lost in the year before: no churn
    assert sum(september.segments.values()) == 2


def test_today_is_the_customer_pages_figure(world):  # noqa: F811
    today = value_trend(world.north, END)[-1]
    found = customer_analysis(world.north, END)
    assert (today.customers, today.kept, today.lost) == (found.customers, found.kept, found.lost)
    assert today.margin_per_customer == found.margin_per_customer
    assert today.lifetime_value == found.lifetime_value
    assert today.segments == {s.code: s.count for s in found.segments}


def test_the_page_and_the_api_with_the_pages_scoping(login, world):  # noqa: F811
    page = login(world.manager_north).get(
        reverse("forecasting:customer_value"), {"node": world.north.pk}
    )
    assert page.status_code == 200
    assert page.content.decode().count('data-testid="value-point"') == 5
    assert login(world.rep).get(reverse("forecasting:customer_value")).status_code == 403
    other = login(world.manager_east).get(
        reverse("forecasting:customer_value"), {"node": world.north.pk}
    )
    assert other.status_code == 404
    data = login(world.finance).get(f"/api/forecasting/customers/value?node={world.north.pk}")
    assert [p["lifetime_value"] for p in data.json()][1] == "160500.00"
