"""The region tree (大区 → 省 → 城市)."""

from __future__ import annotations

from django.urls import reverse

from salestarget.catalog.models import Region, RegionLevel
from salestarget.catalog.services import region_save
from tests.personas import Company


def add(code: str, name: str, level: str, parent: Region | None) -> Region:
    return region_save(region=Region(code=code, name=name, level=level, parent=parent))


def test_the_tree_is_indented_under_each_area(login, company: Company) -> None:
    hebei = add("HB", "河北", RegionLevel.PROVINCE, company.region_north)
    add("SJZ", "石家庄", RegionLevel.CITY, hebei)
    resp = login(company.rep).get(reverse("catalog:region_list"))
    rows = [(r.name, r.indent) for r in resp.context["regions"]]
    # Siblings by sort order, then code: R-E before R-N.
    assert rows == [("华东", 0), ("华北", 0), ("河北", 1), ("石家庄", 2)]
    assert [r.customer_count for r in resp.context["regions"]] == [1, 1, 0, 0]


def test_finance_adds_a_province_under_an_area(login, company: Company) -> None:
    client = login(company.finance)
    resp = client.post(
        reverse("catalog:region_create"),
        {
            "parent": company.region_east.pk,
            "level": "province",
            "code": "ZJ",
            "name": "浙江",
            "sort_order": 0,
        },
    )
    assert resp.status_code == 302
    zj = Region.objects.get(code="ZJ")
    assert zj.path == f"{company.region_east.path}{zj.pk}/"


def test_a_region_must_sit_below_a_higher_level(login, company: Company) -> None:
    client = login(company.finance)
    resp = client.post(
        reverse("catalog:region_create"),
        {
            "parent": company.region_east.pk,
            "level": "area",
            "code": "X",
            "name": "错层",
            "sort_order": 0,
        },
    )
    assert resp.context["form"].errors["level"] == ["大区不能放在大区“华东”之下。"]


def test_a_region_cannot_move_under_its_own_descendant(login, company: Company) -> None:
    hebei = add("HB", "河北", RegionLevel.PROVINCE, company.region_north)
    client = login(company.admin)
    resp = client.post(
        reverse("catalog:region_edit", args=[company.region_north.pk]),
        {"parent": hebei.pk, "level": "area", "code": "R-N", "name": "华北", "sort_order": 0},
    )
    assert resp.context["form"].errors["parent"] == ["不能把区域移动到它自己或它的下级之下。"]


def test_moving_a_province_re_paths_its_cities(login, company: Company) -> None:
    hebei = add("HB", "河北", RegionLevel.PROVINCE, company.region_north)
    city = add("SJZ", "石家庄", RegionLevel.CITY, hebei)
    client = login(company.admin)
    client.post(
        reverse("catalog:region_edit", args=[hebei.pk]),
        {
            "parent": company.region_east.pk,
            "level": "province",
            "code": "HB",
            "name": "河北",
            "sort_order": 0,
        },
    )
    city.refresh_from_db()
    assert city.path == f"{company.region_east.path}{hebei.pk}/{city.pk}/"


def test_an_area_with_active_provinces_stays_active(login, company: Company) -> None:
    add("HB", "河北", RegionLevel.PROVINCE, company.region_north)
    client = login(company.finance)
    resp = client.post(
        reverse("catalog:region_deactivate", args=[company.region_north.pk]), follow=True
    )
    assert "该区域下还有启用的下级区域，请先停用它们。" in resp.content.decode()
    assert Region.objects.get(pk=company.region_north.pk).is_active
