"""Org charts from a file: a company that starts empty loads its tree in any row order; one
top node only; a finance user limited to a subtree stays inside it."""

from __future__ import annotations

from salestarget.org.models import NodeKind, OrgNode
from salestarget.org.scoping import Scope
from tests.catalog.masterfiles import _media, csv_bytes, errors_of, master_import  # noqa: F401
from tests.personas import Company

CHART = (
    "部门编码,部门名称,上级部门,类型",
    "BJ-1,北京一组,NORTH,团队",
    "NORTH,华北大区,HQ,大区",
    "HQ,东方贸易有限公司,,",
    "SH-1,上海一组,EAST,",
    "EAST,华东大区,东方贸易有限公司,大区",
)


def test_an_empty_company_loads_its_org_chart_in_any_order(db: None) -> None:
    batch = master_import(csv_bytes(*CHART), kind="org-nodes")
    assert batch.status == "done", errors_of(batch)
    nodes = {n.code: n for n in OrgNode.objects.all()}
    assert nodes["HQ"].kind == NodeKind.COMPANY  # the top, by default
    assert nodes["SH-1"].kind == NodeKind.TEAM
    assert (nodes["BJ-1"].parent, nodes["BJ-1"].depth) == (nodes["NORTH"], 2)
    assert nodes["BJ-1"].path == f"/{nodes['HQ'].pk}/{nodes['NORTH'].pk}/{nodes['BJ-1'].pk}/"
    assert nodes["EAST"].parent == nodes["HQ"]  # parent by its exact name


def test_a_second_top_node_is_refused(company: Company) -> None:
    batch = master_import(
        csv_bytes("组织编码,组织名称,上级组织", "X,另一家公司,", "X1,一组,X"), kind="org-nodes"
    )
    assert errors_of(batch) == [
        (2, "上级组织", None, "公司只能有一个最上级组织，请选择上级组织。"),
        (3, "上级组织", "X", "上级“X”所在的行有错误，本行不能导入"),
    ]
    assert not OrgNode.objects.filter(code__startswith="X").exists()


def test_reimport_moves_a_team_and_keeps_everything_else(company: Company) -> None:
    batch = master_import(
        csv_bytes("组织编码,组织名称,上级组织", "BJ1,北京一组,EAST"), kind="org-nodes"
    )
    assert (batch.rows_updated, batch.rows_inserted) == (1, 0)
    company.team_bj.refresh_from_db()
    assert company.team_bj.parent == company.east
    assert company.team_bj.path == f"{company.east.path}{company.team_bj.pk}/"
    assert OrgNode.objects.filter(is_active=True).count() == 5


def test_a_finance_user_of_a_subtree_stays_inside_it(company: Company) -> None:
    north_only = Scope(
        role="finance", person_id=company.finance.pk, root_paths=(company.north.path,)
    )
    batch = master_import(
        csv_bytes(
            "组织编码,组织名称,上级组织",
            "BJ2,北京二组,NORTH",
            "SH2,上海二组,EAST",
            "SH1,上海一组（改）,EAST",
            "TOP,新公司,",
        ),
        kind="org-nodes",
        scope=north_only,
    )
    assert errors_of(batch) == [
        (3, "上级组织", "EAST", "上级组织不在你的权限范围内。"),
        (4, "组织编码", "SH1", "该组织不在你的权限范围内。"),
        (4, "上级组织", "EAST", "上级组织不在你的权限范围内。"),
        (5, "上级组织", None, "请选择上级组织。"),
    ]
