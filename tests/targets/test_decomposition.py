"""Decomposition saved through the real service (services.decomposition): the spec's 1000万
examples, uplift, two-way splits whose rows and columns both add up, re-decomposition, and who
may decompose what."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from salestarget.org.models import CompanySettings
from salestarget.targets.models import ChangeKind, Status, Target, TargetChange
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.history import VersionConflictError

WAN = Decimal(10_000)


def values(target: Target) -> dict[str, Decimal]:
    return {
        c.label: c.value
        for c in target.children.select_related("node", "person", "product", "region")
    }


def test_the_spec_example_by_product_reproduces_exactly(
    company, revenue_plan, product_c, history
) -> None:
    # Last year's sales by product were 3 : 5 : 2.
    history(
        [
            {"day": dt.date(2025, 5, 1), "amount": "300000", "product": company.product_a},
            {"day": dt.date(2025, 6, 1), "amount": "500000", "product": company.product_b},
            {"day": dt.date(2025, 7, 1), "amount": "200000", "product": product_c},
        ]
    )
    plan = revenue_plan("10000000")
    root = plan.root

    outcome = target_decompose(
        target=root,
        spec=DecompositionSpec(axes=("product",), method="history"),
        by=company.director.user,
    )

    assert values(root) == {
        "北方科技 · 产品A · FY2026": 300 * WAN,
        "北方科技 · 产品B · FY2026": 500 * WAN,
        "北方科技 · 产品C · FY2026": 200 * WAN,
    }
    assert outcome.created == 3
    assert outcome.summary[0] == "按产品分解为 3 个下级（按去年同期占比），合计 10,000,000.00"
    child = root.children.get(product=product_c)
    assert (child.product_line_id, child.product_category_id) == (
        product_c.line_id,
        product_c.line.category_id,
    )
    assert (child.node_id, child.period, child.period_start, child.period_end) == (
        company.root.pk,
        "FY2026",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )


def test_the_spec_example_by_region_with_typed_weights(company, revenue_plan, region_south) -> None:
    plan = revenue_plan("10000000")
    weights = {
        f"region:{company.region_north.pk}": Decimal(3),
        f"region:{company.region_east.pk}": Decimal(4),
        f"region:{region_south.pk}": Decimal(3),
    }
    target_decompose(
        target=plan.root,
        spec=DecompositionSpec(axes=("region",), method="weights", weights=weights),
        by=company.director.user,
    )
    assert values(plan.root) == {
        "北方科技 · 华北 · FY2026": 300 * WAN,
        "北方科技 · 华东 · FY2026": 400 * WAN,
        "北方科技 · 华南 · FY2026": 300 * WAN,
    }


def test_uplift_raises_the_level_and_is_shown_as_such(company, revenue_plan) -> None:
    plan = revenue_plan("1000000.01")
    outcome = target_decompose(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",), method="equal", uplift_pct=Decimal(5)),
        by=company.director.user,
    )
    children = list(plan.root.children.all())
    assert sum(c.value for c in children) == Decimal("1050000.01")
    assert outcome.preview.uplift_amount == Decimal("50000.00")
    assert "上浮 5%（+50,000.00）" in outcome.summary
    plan.root.refresh_from_db()
    assert plan.root.uplift_pct == Decimal(5)


def test_base_and_challenge_follow_the_same_shares(company, revenue_plan) -> None:
    plan = revenue_plan("1000", base_value=Decimal("900"), challenge_value=Decimal("1200"))
    target_decompose(
        target=plan.root,
        spec=DecompositionSpec(
            axes=("org",),
            method="weights",
            weights={f"node:{company.north.pk}": Decimal(1), f"node:{company.east.pk}": Decimal(2)},
        ),
        by=company.director.user,
    )
    north, east = (
        plan.root.children.get(node=company.north),
        plan.root.children.get(node=company.east),
    )
    assert (north.value, north.base_value, north.challenge_value) == (
        Decimal("333.33"),
        Decimal(300),
        Decimal(400),
    )
    assert (east.value, east.base_value, east.challenge_value) == (
        Decimal("666.67"),
        Decimal(600),
        Decimal(800),
    )


def test_team_by_month_two_way_split_is_exact_on_both_margins(
    company, revenue_plan, history
) -> None:
    # 华北 has one team; split it by team × month with last year's monthly profile.
    history(
        [
            {"day": dt.date(2025, m, 10), "amount": str(1000 * m), "person": company.rep}
            for m in range(1, 13)
        ]
    )
    plan = revenue_plan(
        "3000000.00", node=company.north, owner=company.manager_north, by=company.director
    )
    root = plan.root
    target_decompose(
        target=root,
        spec=DecompositionSpec(
            axes=("org", "month"), method="equal", column_method="history", uplift_pct=Decimal(5)
        ),
        by=company.manager_north.user,
    )
    team = root.children.get()
    assert team.node == company.team_bj
    assert team.value == Decimal("3150000.00")
    months = list(team.children.order_by("period_start"))
    assert [m.period for m in months] == [f"2026-{m:02d}" for m in range(1, 13)]
    assert sum(m.value for m in months) == team.value
    # Seasonality follows last year: month m carries m / 78 of the year.
    assert months[0].value == Decimal("40384.62")
    assert months[11].value == Decimal("484615.38")
    assert all(m.node == company.team_bj and m.person is None for m in months)


def test_redecomposing_replaces_children_and_says_what_changed(company, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    root = plan.root
    target_decompose(
        target=root, spec=DecompositionSpec(axes=("org",), method="equal"), by=company.director.user
    )
    north = root.children.get(node=company.north)
    target_decompose(
        target=north,
        spec=DecompositionSpec(axes=("month",), method="equal"),
        by=company.director.user,
    )
    assert north.children.count() == 12

    weights = {f"node:{company.north.pk}": Decimal(3), f"node:{company.east.pk}": Decimal(7)}
    outcome = target_decompose(
        target=root,
        spec=DecompositionSpec(axes=("org",), method="weights", weights=weights),
        by=company.director.user,
        reason="华东扩编",
    )
    north.refresh_from_db()
    assert north.value == Decimal("300.00")  # same row, new figure, history kept
    assert not north.children.exists()  # its own split no longer adds up, so it is cleared
    assert outcome.updated == 2
    assert outcome.removed == 12
    assert "华北：500.00 → 300.00" in outcome.summary
    assert "华东：500.00 → 700.00" in outcome.summary
    kinds = list(
        TargetChange.objects.filter(target=north).values_list("kind", "old_value", "new_value")
    )
    assert kinds[-1] == (ChangeKind.DECOMPOSED, Decimal("500.00"), Decimal("300.00"))
    assert (
        TargetChange.objects.filter(
            plan=plan, kind=ChangeKind.REPLACED, target__isnull=True
        ).count()
        == 12
    )
    assert Target.objects.filter(plan=plan).count() == 3


def test_redecomposing_along_another_axis_replaces_every_child(company, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    target_decompose(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",), method="equal"),
        by=company.director.user,
    )
    outcome = target_decompose(
        target=plan.root,
        spec=DecompositionSpec(axes=("quarter",), method="equal"),
        by=company.director.user,
    )
    assert outcome.removed == 2
    assert outcome.created == 4
    assert sorted(plan.root.children.values_list("period", flat=True)) == [
        "FY2026-Q1",
        "FY2026-Q2",
        "FY2026-Q3",
        "FY2026-Q4",
    ]


def test_the_children_sum_in_sql_is_exact(company, revenue_plan) -> None:
    plan = revenue_plan("1000000.00")
    target_decompose(
        target=plan.root,
        spec=DecompositionSpec(axes=("day",), method="equal"),
        by=company.director.user,
    )
    assert plan.root.children.count() == 365
    assert plan.root.children.aggregate(s=Sum("value"))["s"] == Decimal("1000000.00")


def test_a_ratio_metric_is_not_shared_out(company, revenue_plan) -> None:
    plan = revenue_plan("0.0800", metric="expense_rate")
    outcome = target_decompose(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",), method="equal", uplift_pct=Decimal(5)),
        by=company.director.user,
    )
    assert {c.value for c in plan.root.children.all()} == {Decimal("0.0800")}
    assert outcome.preview.method == "same"


def test_a_manager_splits_only_inside_their_subtree(company, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    with pytest.raises(PermissionDenied):
        target_decompose(
            target=plan.root, spec=DecompositionSpec(axes=("org",)), by=company.manager_north.user
        )
    target_decompose(
        target=plan.root, spec=DecompositionSpec(axes=("org",)), by=company.director.user
    )
    east = plan.root.children.get(node=company.east)
    with pytest.raises(PermissionDenied):
        target_decompose(
            target=east, spec=DecompositionSpec(axes=("org",)), by=company.manager_north.user
        )
    for persona in (company.finance, company.rep):
        north = plan.root.children.get(node=company.north)
        with pytest.raises(PermissionDenied):
            target_decompose(target=north, spec=DecompositionSpec(axes=("org",)), by=persona.user)


def test_an_approved_split_is_not_redone_by_decomposing(company, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    target_decompose(
        target=plan.root, spec=DecompositionSpec(axes=("org",)), by=company.director.user
    )
    plan.root.children.update(status=Status.APPROVED)
    with pytest.raises(ValidationError, match="目标调整"):
        target_decompose(
            target=plan.root, spec=DecompositionSpec(axes=("org",)), by=company.director.user
        )


def test_a_stale_version_is_refused(company, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    version = plan.root.version
    target_decompose(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",)),
        by=company.director.user,
        expected_version=version,
    )
    with pytest.raises(VersionConflictError) as caught:
        target_decompose(
            target=plan.root,
            spec=DecompositionSpec(axes=("quarter",)),
            by=company.director.user,
            expected_version=version,
        )
    assert caught.value.target.version == version + 1
    assert [c.kind for c in caught.value.changes] == [ChangeKind.DECOMPOSED]


def test_a_yen_company_splits_into_whole_yen(company, revenue_plan) -> None:
    CompanySettings.objects.update_or_create(
        pk=1, defaults={"currency": "JPY", "currency_decimals": 0}
    )
    plan = revenue_plan("1000000")

    target_decompose(
        target=plan.root,
        spec=DecompositionSpec(axes=("month",), method="equal"),
        by=company.director.user,
    )

    months = list(plan.root.children.order_by("period_start").values_list("value", flat=True))
    assert len(months) == 12
    assert sum(months) == Decimal(1_000_000)
    assert all(v == v.to_integral_value() for v in months)  # no sen: JPY has no minor unit
    assert sorted(set(months)) == [Decimal(83_333), Decimal(83_334)]
