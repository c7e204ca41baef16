"""What a decomposition would give, before anything is saved (queries.decomposition): shares, last year and growth, two-way tables, seasonality, capacity indices, fallbacks, and errors that name the problem."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from salestarget.core.outliers import OutlierReason
from salestarget.targets.queries.decomposition import DecompositionSpec, decomposition_preview
from tests.personas import Company, account

WAN = Decimal(10_000)


def test_a_preview_saves_nothing_and_shows_share_last_year_and_growth(
    company, revenue_plan, history
) -> None:
    history(
        [
            {"day": dt.date(2025, 3, 3), "amount": "600000", "person": company.rep},
            {"day": dt.date(2025, 3, 3), "amount": "400000", "person": company.rep_other},
        ]
    )
    plan = revenue_plan("1200000")
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",), method="history"),
        by=company.director.user,
    )
    assert not plan.root.children.exists()
    rows = {r.label: r for r in preview.rows}
    assert rows["华北"].value == Decimal("720000.00")
    assert rows["华北"].share == Decimal("0.6")
    assert rows["华北"].last_year == Decimal("600000")
    assert rows["华北"].growth == Decimal("0.2")
    assert rows["华东"].value == Decimal("480000.00")


def test_two_way_columns_are_exact_with_several_rows(company, revenue_plan, history) -> None:
    history(
        [
            {"day": dt.date(2025, 1, 5), "amount": "100", "person": company.rep},
            {"day": dt.date(2025, 2, 5), "amount": "300", "person": company.rep},
            {"day": dt.date(2025, 1, 5), "amount": "200", "person": company.rep_other},
            {"day": dt.date(2025, 2, 5), "amount": "50", "person": company.rep_other},
        ]
    )
    plan = revenue_plan("1000.00", period="FY2026-Q1")
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("org", "month"), method="history", column_method="history"),
        by=company.director.user,
    )
    row_totals = [r.value for r in preview.rows]
    assert sum(row_totals) == Decimal("1000.00")
    col_sums = [sum(r.cells[i].value for r in preview.rows) for i in range(3)]
    assert col_sums == [c.value for c in preview.columns]
    assert sum(col_sums) == Decimal("1000.00")
    for row in preview.rows:
        assert sum(c.value for c in row.cells) == row.value


def test_seasonality_split_by_month_follows_last_years_profile(
    company, revenue_plan, history
) -> None:
    history(
        [
            {"day": dt.date(2025, 1, 15), "amount": "100"},
            {"day": dt.date(2025, 2, 15), "amount": "300"},
        ]
    )
    plan = revenue_plan("1200.00", period="FY2026-Q1")
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("month",), method="seasonality"),
        by=company.director.user,
    )
    assert [r.value for r in preview.rows] == [
        Decimal("300.00"),
        Decimal("900.00"),
        Decimal("0.00"),
    ]


def test_capacity_indices_multiply(company, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    capacity = {
        f"node:{company.north.pk}": {
            "capacity": Decimal(100),
            "share": Decimal(10),
            "growth": Decimal(0),
        },
        f"node:{company.east.pk}": {
            "capacity": Decimal(100),
            "share": Decimal(20),
            "growth": Decimal(50),
        },
    }
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",), method="capacity", capacity=capacity),
        by=company.director.user,
    )
    # 10 × 1 : 20 × 1.5 = 1 : 3
    assert [r.value for r in preview.rows] == [
        Decimal("750.00"),
        Decimal("250.00"),
    ]  # 华东 first (code)


def test_no_history_falls_back_to_equal_and_says_so(company, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",), method="history"),
        by=company.director.user,
    )
    assert [r.value for r in preview.rows] == [Decimal("500.00"), Decimal("500.00")]
    assert preview.notes == ["没有可用的历史数据，已改为平均分配"]


def test_bad_choices_name_the_problem(company: Company, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    by = account(company.director)
    with pytest.raises(ValidationError, match="权重"):
        decomposition_preview(
            target=plan.root, spec=DecompositionSpec(axes=("org",), method="weights"), by=by
        )
    with pytest.raises(ValidationError, match="不同类"):
        decomposition_preview(
            target=plan.root, spec=DecompositionSpec(axes=("org", "org"), method="equal"), by=by
        )
    with pytest.raises(ValidationError, match="季节性"):
        decomposition_preview(
            target=plan.root, spec=DecompositionSpec(axes=("org",), method="seasonality"), by=by
        )
    with pytest.raises(ValidationError, match="草案"):
        decomposition_preview(
            target=plan.root, spec=DecompositionSpec(axes=("org",), method="drafts"), by=by
        )
    with pytest.raises(ValidationError, match="上浮"):
        decomposition_preview(
            target=plan.root, spec=DecompositionSpec(axes=("org",), uplift_pct=Decimal(-1)), by=by
        )


def test_a_split_by_last_years_share_warns_about_the_tiny_share_naming_who(
    company, revenue_plan, history, login
) -> None:
    """华东 sold almost nothing last year: by last year's share it would get a near-zero target
    and later reach absurd achievements; the preview says so before anything is saved."""
    history(
        [
            {"day": dt.date(2025, 3, 3), "amount": "999900", "person": company.rep},
            {"day": dt.date(2025, 3, 3), "amount": "100", "person": company.rep_other},
        ]
    )
    plan = revenue_plan("1200000")
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",), method="history"),
        by=company.director.user,
    )
    assert [(r.label, r.outlier) for r in preview.small_rows] == [
        ("华东", (OutlierReason.TARGET_BELOW_FLOOR,))
    ]
    client = login(company.director)
    page = client.post(
        reverse("targets:decompose", args=[plan.root.pk]), {"axis": "org", "method": "history"}
    ).content.decode()
    assert 'data-testid="small-shares"' in page
    assert "目标远低于同组中位数" in page
    assert not plan.root.children.exists()
    api = client.post(
        f"/api/targets/targets/{plan.root.pk}/decompose/preview",
        {"axes": ["org"], "method": "history"},
        content_type="application/json",
    ).json()
    assert {r["label"]: r["outlier"] for r in api["rows"]} == {
        "华北": [],
        "华东": ["target_below_floor"],
    }


def test_an_even_split_warns_about_nothing(company, revenue_plan) -> None:
    plan = revenue_plan("1200000")
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",), method="equal"),
        by=company.director.user,
    )
    assert preview.small_rows == []


def _first_half_of_2025(company, history) -> None:
    """FY2025's facts stop on 30 June: 华北 sold 300,000 and 华东 200,000 by then."""
    history(
        [
            {"day": dt.date(2025, 3, 3), "amount": "300000", "person": company.rep},
            {"day": dt.date(2025, 6, 30), "amount": "200000", "person": company.rep_other},
        ]
    )


def test_a_last_year_that_has_not_ended_is_marked_so_far(company, revenue_plan, history) -> None:
    """Planning FY2026 while FY2025's facts stop on 30 June: last year is half a year, so the
    growth on it reads far too high; the preview says up to which day it runs."""
    _first_half_of_2025(company, history)
    plan = revenue_plan("1200000")
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",), method="history"),
        by=company.director.user,
    )
    assert preview.last_year_through == dt.date(2025, 6, 30)
    rows = {r.label: r for r in preview.rows}
    assert rows["华北"].last_year == Decimal("300000")
    assert rows["华北"].growth == Decimal("1.4")  # 720,000 on half a year: marked, not hidden
    assert all(r.last_year_partial for r in preview.rows)


def test_by_month_only_the_months_past_the_last_fact_day_are_marked(
    company, revenue_plan, history
) -> None:
    history([{"day": dt.date(2025, 2, 14), "amount": "100"}])
    plan = revenue_plan("1200.00", period="FY2026-Q1")
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("month",), method="equal"),
        by=company.director.user,
    )
    assert preview.last_year_through == dt.date(2025, 2, 14)
    # January 2025 is complete; February stops on the 14th; March has no facts at all.
    assert [(r.last_year, r.last_year_partial) for r in preview.rows] == [
        (None, False),
        (Decimal("100"), True),
        (None, False),
    ]


def test_a_complete_last_year_carries_no_mark(company, revenue_plan, history) -> None:
    _first_half_of_2025(company, history)
    history([{"day": dt.date(2026, 1, 5), "amount": "1000", "person": company.rep}])
    plan = revenue_plan("1200000")
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",), method="history"),
        by=company.director.user,
    )
    assert preview.last_year_through is None
    assert not any(r.last_year_partial for r in preview.rows)


@pytest.mark.parametrize(
    ("language", "so_far", "shares"),
    [
        (
            "zh-hans",
            "去年同期数据截至 2025-06-30，尚不完整",
            "按去年同期占比分解用的也是截至该日的数据",
        ),
        ("en", "Last year's figures run only to 2025-06-30", "The split by last year's share"),
    ],
)
def test_the_page_and_the_api_say_up_to_which_day_last_year_runs(
    company, revenue_plan, history, login, language, so_far, shares
) -> None:
    _first_half_of_2025(company, history)
    plan = revenue_plan("1200000")
    client = login(company.director)
    client.cookies["django_language"] = language
    url = reverse("targets:decompose", args=[plan.root.pk])
    page = client.post(url, {"axis": "org", "method": "history"}).content.decode()
    assert 'data-testid="partial-year"' in page
    assert so_far in page
    assert shares in page
    even = client.post(url, {"axis": "org", "method": "equal"}).content.decode()
    assert so_far in even
    assert shares not in even  # an even split does not use last year's shares
    api = client.post(
        f"/api/targets/targets/{plan.root.pk}/decompose/preview",
        {"axes": ["org"], "method": "history"},
        content_type="application/json",
    ).json()
    assert api["last_year_through"] == "2025-06-30"
    assert [r["last_year_partial"] for r in api["rows"]] == [True, True]


def test_with_last_year_complete_the_page_and_the_api_carry_no_mark(
    company, revenue_plan, history, login
) -> None:
    _first_half_of_2025(company, history)
    history([{"day": dt.date(2026, 1, 5), "amount": "1000", "person": company.rep}])
    plan = revenue_plan("1200000")
    client = login(company.director)
    page = client.post(
        reverse("targets:decompose", args=[plan.root.pk]), {"axis": "org", "method": "history"}
    ).content.decode()
    assert 'data-testid="partial-year"' not in page
    assert "<sup>*</sup>" not in page
    api = client.post(
        f"/api/targets/targets/{plan.root.pk}/decompose/preview",
        {"axes": ["org"], "method": "history"},
        content_type="application/json",
    ).json()
    assert api["last_year_through"] is None
    assert not any(r["last_year_partial"] for r in api["rows"])


def test_weights_are_read_as_amounts_are_typed_and_a_word_is_named(
    company, revenue_plan, login
) -> None:
    """Weights pasted from a company's sheet come as 300万, ¥2,000,000 or full-width digits:
    they read as the numbers they are; a word among them is named, and nothing is split."""
    plan = revenue_plan("1000000")
    client = login(company.director)
    url = reverse("targets:decompose", args=[plan.root.pk])
    north, east = (f"w__node:{company.north.pk}", f"w__node:{company.east.pk}")
    page = client.post(
        url, {"axis": "org", "method": "weights", north: "300万", east: "￥２,000,000"}
    )
    shares = {row.label: row.value for row in page.context["preview"].rows}
    assert shares == {"华北": Decimal("600000.00"), "华东": Decimal("400000.00")}
    bad = client.post(url, {"axis": "org", "method": "weights", north: "三百", east: "NaN"})
    text = bad.content.decode()
    assert "“三百” 不是数字。" in text
    assert "“NaN” 不是数字。" in text
