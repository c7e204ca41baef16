"""Order files without a salesperson column: the lines are credited by the rule chosen when
the columns are mapped — the customer's owner, a table from region (or customer type, or
channel) to a person or a team, or a default person — and every line the rule cannot credit
is named with the reason."""

from __future__ import annotations

from salestarget.actuals.models import ImportBatch, SalesLine
from salestarget.catalog.models import Customer, Region, RegionLevel
from salestarget.catalog.services import region_save
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company

HEADER = "日期,订单号,客户编码,产品编码,区域,数量,金额"


def _credited() -> list[tuple[str, str, str]]:
    return list(
        SalesLine.objects.order_by("order_no").values_list(
            "order_no", "person__employee_no", "node__code"
        )
    )


def test_without_a_salesperson_column_the_file_asks_for_a_rule(company: Company) -> None:
    batch = run_import(csv_bytes("2026-03-02,S1,CU-BJ,P-A,,1,10", header=HEADER))
    assert batch.status == ImportBatch.Status.REJECTED
    assert "文件没有销售人员列" in batch.message
    assert "客户负责人" in batch.message
    assert not SalesLine.objects.exists()


def test_the_customers_owner_and_a_default_for_customers_without_one(company: Company) -> None:
    Customer.objects.create(
        code="CU-X",
        name="无主客户",
        customer_type=company.customer_type,
        region=company.region_north,
        channel=company.channel,
    )
    data = csv_bytes(
        "2026-03-02,S1,CU-BJ,P-A,,1,10",
        "2026-03-02,S2,CU-SH,P-A,,1,10",
        "2026-03-02,S3,CU-X,P-A,,1,10",
        header=HEADER,
    )
    batch = run_import(data, options={"credit": "owner"})
    assert batch.status == ImportBatch.Status.REJECTED
    assert [(e["row"], e["column"], e["reason"]) for e in batch.errors_preview] == [
        (4, "销售人员", "客户“CU-X”没有负责人，也没有选择默认人员")
    ]
    batch = run_import(data, options={"credit": "owner", "credit_default": "TEAM_LEAD"})
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert _credited() == [
        ("S1", "REP", "BJ1"),
        ("S2", "REP_OTHER", "SH1"),
        ("S3", "TEAM_LEAD", "BJ1"),
    ]


def test_a_region_table_credits_people_and_teams_and_covers_the_regions_below(
    company: Company,
) -> None:
    shanghai = region_save(
        region=Region(
            code="R-SH", name="上海", level=RegionLevel.PROVINCE, parent=company.region_east
        )
    )
    data = csv_bytes(
        # The Beijing customer, sold in the north, in Shanghai (below the east), in the east.
        "2026-03-02,S1,CU-BJ,P-A,华北,1,10",
        f"2026-03-02,S2,CU-BJ,P-A,{shanghai.code},1,10",
        "2026-03-02,S3,CU-BJ,P-A,华东,1,10",
        header=HEADER,
    )
    # 华北 → a person; 华东 → a team: its manager on the day.
    options = {"credit": "dimension", "credit_by": "region", "credit_map": "华北=王小明\nR-E=EAST"}
    batch = run_import(data, options=options)
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert _credited() == [
        ("S1", "REP", "BJ1"),
        ("S2", "MANAGER_EAST", "EAST"),
        ("S3", "MANAGER_EAST", "EAST"),
    ]


def test_what_the_table_leaves_is_named_or_goes_to_the_default(company: Company) -> None:
    data = csv_bytes(
        "2026-03-02,S1,CU-BJ,P-A,华北,1,10", "2026-03-02,S2,CU-BJ,P-A,华东,1,10", header=HEADER
    )
    options = {"credit": "dimension", "credit_by": "region", "credit_map": "华北=REP"}
    batch = run_import(data, options=options)
    assert [(e["row"], e["reason"]) for e in batch.errors_preview] == [
        (3, "区域“华东”在计入对应表中没有对应的人员或团队，也没有选择默认人员")
    ]
    batch = run_import(data, options=options | {"credit_default": "REP_OTHER"})
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert _credited() == [("S1", "REP", "BJ1"), ("S2", "REP_OTHER", "SH1")]


def test_a_rule_naming_nobody_refuses_the_file_before_any_line(company: Company) -> None:
    data = csv_bytes("2026-03-02,S1,CU-BJ,P-A,华北,1,10", header=HEADER)
    cases = {
        "默认人员，但没有填写默认人员": {"credit": "default"},
        "“E999”既不是人员（工号或姓名）也不是组织（编码或名称）": {
            "credit": "default",
            "credit_default": "E999",
        },
        "找不到区域“西北”": {"credit": "dimension", "credit_map": "西北=REP"},
        "维度“city”无效，可选：region, customer_type, channel": {
            "credit": "dimension",
            "credit_by": "city",
            "credit_map": "华北=REP",
        },
    }
    for reason, options in cases.items():
        batch = run_import(data, options=options)
        assert batch.status == ImportBatch.Status.REJECTED
        assert reason in batch.message, (options, batch.message)
    assert not SalesLine.objects.exists()


def test_a_person_on_the_line_wins_and_empty_cells_follow_the_rule(company: Company) -> None:
    data = csv_bytes(
        "2026-03-02,S1,CU-BJ,P-A,REP_OTHER,1,10",
        "2026-03-02,S2,CU-BJ,P-A,,1,10",
        header="日期,订单号,客户编码,产品编码,销售人员,数量,金额",
    )
    batch = run_import(data)
    assert [(e["row"], e["reason"]) for e in batch.errors_preview] == [(3, "必填，不能为空")]
    batch = run_import(data, options={"credit": "default", "credit_default": "TEAM_LEAD"})
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert _credited() == [("S1", "REP_OTHER", "SH1"), ("S2", "TEAM_LEAD", "BJ1")]


def test_a_team_without_a_manager_that_day_is_named(company: Company) -> None:
    data = csv_bytes("2026-03-02,S1,CU-BJ,P-A,,1,10", header=HEADER)
    batch = run_import(data, options={"credit": "default", "credit_default": "SH1"})
    assert [(e["row"], e["reason"]) for e in batch.errors_preview] == [
        (2, "组织“SH1”在 2026-03-02 没有负责人，无法计入")
    ]


def test_a_table_by_customer_type(company: Company) -> None:
    data = csv_bytes("2026-03-02,S1,CU-BJ,P-A,,1,10", header=HEADER)
    options = {"credit": "dimension", "credit_by": "customer_type", "credit_map": "大客户=EAST"}
    batch = run_import(data, options=options)
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert _credited() == [("S1", "MANAGER_EAST", "EAST")]
