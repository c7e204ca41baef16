"""Region files: parents anywhere in the file (after their children too), levels from the
file or from the position, cycles and unknown parents named, moves that re-path a subtree."""

from __future__ import annotations

from salestarget.catalog.models import Region, RegionLevel
from tests.catalog.masterfiles import _media, csv_bytes, errors_of, master_import  # noqa: F401
from tests.personas import Company


def tree() -> list[tuple[str, str, str, str | None]]:
    """(path as codes, name, level, parent code) in tree order."""
    regions = {r.pk: r for r in Region.objects.all()}
    rows = []
    for r in regions.values():
        codes = "/".join(regions[int(i)].code for i in r.path.strip("/").split("/"))
        rows.append((codes, r.name, r.level, r.parent.code if r.parent else None))
    return sorted(rows)


def test_children_before_their_parents_and_levels_by_position(db: None) -> None:
    data = csv_bytes(
        "区域编码,区域名称,上级区域",
        "HZ,杭州,浙江",
        "ZJ,浙江,华东区",
        "SH,上海,EA",
        "EA,华东区,",
        "NB,宁波,ZJ",
    )
    batch = master_import(data, kind="regions")
    assert batch.status == "done", errors_of(batch)
    assert tree() == [
        ("EA", "华东区", RegionLevel.AREA, None),
        ("EA/SH", "上海", RegionLevel.PROVINCE, "EA"),
        ("EA/ZJ", "浙江", RegionLevel.PROVINCE, "EA"),
        ("EA/ZJ/HZ", "杭州", RegionLevel.CITY, "ZJ"),
        ("EA/ZJ/NB", "宁波", RegionLevel.CITY, "ZJ"),
    ]


def test_levels_given_by_their_usual_names_and_a_wrong_order_refused(company: Company) -> None:
    ok = master_import(
        csv_bytes("编码,名称,级别,上级", "GD,广东,省份,", "GZ,广州,地级市,GD"), kind="regions"
    )
    assert ok.status == "done", errors_of(ok)
    assert Region.objects.get(code="GD").level == RegionLevel.PROVINCE
    bad = master_import(
        csv_bytes("编码,名称,级别,上级", "X1,某市,城市,", "X2,某省,省,X1", "X3,某地,镇,"),
        kind="regions",
    )
    assert errors_of(bad) == [
        (3, "级别", "省", "省不能放在城市“某市”之下。"),
        (4, "级别", "镇", "不是有效的层级，可用：大区、省、城市"),
    ]


def test_cycles_unknown_parents_and_repeated_codes_write_nothing(company: Company) -> None:
    data = csv_bytes(
        "区域编码,区域名称,上级区域",
        "A,甲,B",
        "B,乙,C",
        "C,丙,A",
        "D,丁,火星",
        "E,戊,",
        "E,戊二,",
        "F,己,",
    )
    batch = master_import(data, kind="regions")
    assert batch.status == "rejected"
    errors = errors_of(batch)
    assert (2, "上级区域", "B", "上级关系形成循环：A → B → C → A") in errors
    assert (3, "上级区域", "C", "上级关系形成循环：B → C → A → B") in errors
    assert (5, "上级区域", "火星", "找不到区域“火星”（按编码或完整名称查找）") in errors
    assert (7, "区域编码", "E", "区域编码“E”在文件中重复（与第 6 行相同）") in errors
    assert Region.objects.count() == 2  # the personas' 华北 and 华东


def test_good_rows_only_leaves_out_the_children_of_a_bad_row(company: Company) -> None:
    data = csv_bytes(
        "区域编码,区域名称,上级区域,层级", "P,某省,火星,省", "C,某市,P,城市", "Q,好省,R-N,省"
    )
    batch = master_import(data, kind="regions", mode="good")
    assert batch.status == "done"
    assert (3, "上级区域", "P", "上级“P”所在的行有错误，本行不能导入") in errors_of(batch)
    assert set(Region.objects.values_list("code", flat=True)) == {"R-N", "R-E", "Q"}


def test_moving_a_region_re_paths_its_subtree(company: Company) -> None:
    master_import(
        csv_bytes("区域编码,区域名称,上级区域", "BJ,北京,R-N", "CY,朝阳区,BJ"), kind="regions"
    )
    moved = master_import(csv_bytes("区域编码,区域名称,上级区域", "BJ,北京,R-E"), kind="regions")
    assert (moved.rows_updated, moved.rows_inserted) == (1, 0)
    assert [row[0] for row in tree()] == ["R-E", "R-E/BJ", "R-E/BJ/CY", "R-N"]


def test_a_region_cannot_move_under_its_own_child(company: Company) -> None:
    master_import(csv_bytes("区域编码,区域名称,上级区域", "BJ,北京,R-N"), kind="regions")
    batch = master_import(csv_bytes("区域编码,区域名称,上级区域", "R-N,华北,BJ"), kind="regions")
    assert errors_of(batch) == [(2, "上级区域", "BJ", "上级关系形成循环：R-N → BJ → R-N")]
