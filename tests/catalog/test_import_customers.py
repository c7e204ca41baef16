"""Customer lists from other systems: a CRM export in English, a Chinese ERP export in
GB18030; references by code or name, types/regions/channels made on request, upsert by
code, bad rows named and nothing written, scope, and thousands of rows in few queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from salestarget.catalog.models import Channel, Customer, CustomerType, Region, RegionLevel
from salestarget.importing.services import import_upload
from salestarget.org.scoping import scope_for
from tests.catalog.masterfiles import _media, csv_bytes, errors_of, master_import  # noqa: F401
from tests.personas import Company, account

CRM_HEADER = "Account Name,Account Number,Segment,Billing City,Account Owner,Created Date"
CRM_ROWS = (
    "Beijing Hualian Trading Co.,ACC-0001,Enterprise,Beijing,王小明,2024-03-05",
    '"Shanghai Jinqiao Foods, Ltd.",ACC-0002,SMB,Shanghai,陈小红,2024/11/20',
    "Tianjin Port Logistics,ACC-0003,Enterprise,Tianjin,REP,",
)


def test_a_crm_export_in_english_imports_after_asking_to_create_what_it_names(
    company: Company,
) -> None:
    data = csv_bytes(CRM_HEADER, *CRM_ROWS)
    refused = master_import(data, kind="customers", name="accounts.csv")
    assert refused.status == "rejected"
    assert refused.mapping == {
        "code": "Account Number",
        "name": "Account Name",
        "customer_type": "Segment",
        "region": "Billing City",
        "owner": "Account Owner",
    }
    errors = errors_of(refused)
    assert (
        2,
        "Segment",
        "Enterprise",
        "找不到客户类型“Enterprise”（按编码或完整名称查找）；可勾选“创建文件中缺少的客户类型、区域和渠道”",
    ) in errors
    # No channel column: a new customer's channel is "未指定", as the template says.
    assert not [e for e in errors if e[1] == "渠道"]
    assert Customer.objects.count() == 2  # the personas' two, nothing written

    done = master_import(
        data, kind="customers", name="accounts.csv", options={"create_missing": True}
    )
    assert done.status == "done", errors_of(done)
    assert (done.rows_inserted, done.rows_updated) == (3, 0)
    acme = Customer.objects.select_related("customer_type", "region", "channel", "owner").get(
        code="ACC-0002"
    )
    assert acme.name == "Shanghai Jinqiao Foods, Ltd."
    assert acme.customer_type.name == "SMB"
    assert (acme.region.name, acme.region.level, acme.region.parent) == (
        "Shanghai",
        RegionLevel.CITY,  # the column was headed "Billing City"
        None,
    )
    assert acme.region.path == f"/{acme.region.pk}/"
    assert acme.channel.name == "未指定"
    assert acme.owner == company.rep_other  # by name
    assert Customer.objects.get(code="ACC-0003").owner == company.rep  # by employee number
    assert set(CustomerType.objects.values_list("name", flat=True)) == {
        "大客户",
        "Enterprise",
        "SMB",
    }
    assert Channel.objects.filter(name="未指定").count() == 1


GB_HEADER = "客户代码,客户名称,所属区域,业务员,客户类型,渠道,首次购买日期"


def test_a_chinese_erp_export_in_gb18030_matches_master_data_by_code_and_by_name(
    company: Company,
) -> None:
    data = csv_bytes(
        "客户资料导出（2026年3月）",
        GB_HEADER,
        "KH001,北京华信科技有限公司,华北,王小明,大客户,直销,2024年3月5日",
        "KH002,杭州西湖贸易有限公司,R-E,REP_OTHER,KA,DIRECT,２０２４－０６－１８",
        encoding="gb18030",
    )
    batch = master_import(data, kind="customers", name="客户.csv")
    assert batch.status == "done", errors_of(batch)
    first = Customer.objects.get(code="KH001")
    assert (first.region, first.owner, first.customer_type, first.channel) == (
        company.region_north,
        company.rep,
        company.customer_type,
        company.channel,
    )
    assert first.first_purchase_on is None  # derived from sales lines, the column is not read
    second = Customer.objects.get(code="KH002")
    assert (second.region, second.owner) == (company.region_east, company.rep_other)


def test_importing_again_updates_by_code_and_deactivates_nothing(company: Company) -> None:
    header = "客户编码,客户名称,客户类型,区域,渠道,负责人"
    master_import(
        csv_bytes(header, "C1,甲公司,KA,华北,直销,REP", "C2,乙公司,KA,华东,直销,REP_OTHER"),
        kind="customers",
    )
    again = master_import(
        csv_bytes(header, "C1,甲公司（北京）,KA,华北,直销,REP", "C2,乙公司,KA,华东,直销,REP_OTHER"),
        kind="customers",
    )
    assert (again.rows_inserted, again.rows_updated, again.rows_unchanged) == (0, 1, 1)
    assert Customer.objects.get(code="C1").name == "甲公司（北京）"
    # Customers the file does not name stay as they were.
    assert Customer.objects.get(code="CU-BJ").is_active
    assert Customer.objects.count() == 4


def test_blank_cells_keep_what_a_stored_customer_has(company: Company) -> None:
    batch = master_import(
        csv_bytes("客户编码,客户名称,区域,负责人", "CU-BJ,北京客户（新名）,,"), kind="customers"
    )
    assert batch.status == "done", errors_of(batch)
    customer = Customer.objects.get(code="CU-BJ")
    assert customer.name == "北京客户（新名）"
    assert (customer.region, customer.owner) == (company.region_north, company.rep)


def test_a_file_with_bad_rows_writes_nothing_and_names_every_error(company: Company) -> None:
    data = csv_bytes(
        "客户编码,客户名称,客户类型,区域,渠道,负责人,首次购买日期",
        "C1,甲公司,KA,华北,直销,REP,2024-01-01",
        "C1,甲公司重复,KA,华北,直销,REP,2024-01-01",
        "C3,,KA,华北,直销,REP,2024-01-01",
        "C4,丁公司,KA,华北,直销,张三,2024-01-01",
        "C5,戊公司,KA,火星,直销,REP,2024-02-30",
    )
    batch = master_import(data, kind="customers")
    assert batch.status == "rejected"
    assert errors_of(batch) == [
        (3, "客户编码", "C1", "客户编码“C1”在文件中重复（与第 2 行相同）"),
        (4, "客户名称", None, "必填，不能为空"),
        (5, "负责人", "张三", "找不到人员“张三”（按编码或完整名称查找）"),
        (
            6,
            "区域",
            "火星",
            "找不到区域“火星”（按编码或完整名称查找）；可勾选“创建文件中缺少的客户类型、区域和渠道”",
        ),
    ]
    assert not Customer.objects.filter(code__startswith="C").exclude(code__startswith="CU").exists()
    assert batch.error_report


def test_only_the_good_rows_when_the_user_chooses(company: Company) -> None:
    data = csv_bytes(
        "客户编码,客户名称,客户类型,区域,渠道", "C1,甲公司,KA,华北,直销", "C2,乙公司,KA,火星,直销"
    )
    batch = master_import(data, kind="customers", mode="good")
    assert (batch.status, batch.rows_written, batch.rows_rejected) == ("done", 1, 1)
    assert Customer.objects.filter(code="C1").exists()
    assert not Customer.objects.filter(code="C2").exists()


def test_an_inactive_type_or_a_departed_owner_is_refused(company: Company) -> None:
    CustomerType.objects.filter(code="KA").update(is_active=False)
    company.rep_other.is_active = False
    company.rep_other.save()
    batch = master_import(
        csv_bytes("客户编码,客户名称,客户类型,区域,渠道,负责人", "C1,甲,KA,华北,直销,陈小红"),
        kind="customers",
    )
    assert {(e[1], e[3]) for e in errors_of(batch)} == {
        ("客户类型", "“大客户”已停用，不能选用。"),
        ("负责人", "负责人“陈小红”已停用，请选择在职人员。"),
    }


def test_managers_and_reps_cannot_import_customers_finance_can(company: Company) -> None:
    data = csv_bytes("客户编码,客户名称,客户类型,区域,渠道", "C1,甲公司,KA,华北,直销")
    for person in (company.manager_north, company.rep):
        with pytest.raises(PermissionDenied):
            import_upload(
                kind="customers", source="f", file_name="c.csv", data=data, user=person.user
            )
    batch = master_import(
        data,
        kind="customers",
        user=account(company.finance),
        scope=scope_for(account(company.finance)),
    )
    assert batch.status == "done"
    assert batch.created_by is None or batch.created_by == company.finance.user


def test_ten_thousand_customers_cost_few_queries(
    company: Company, django_assert_max_num_queries
) -> None:
    lines = [
        f"C{i:05d},客户{i},{'KA' if i % 2 else '中小客户'},{'华北' if i % 3 else '华东'},直销,"
        f"{'REP' if i % 2 else 'REP_OTHER'}"
        for i in range(2000)
    ]
    data = csv_bytes("客户编码,客户名称,客户类型,区域,渠道,负责人", *lines)
    # A constant handful per batch, not per row: the batch's own audit entries among them.
    with django_assert_max_num_queries(50):
        batch = master_import(data, kind="customers", options={"create_missing": True})
    assert batch.status == "done", errors_of(batch)
    assert batch.rows_inserted == 2000
    assert Customer.objects.filter(customer_type__name="中小客户").count() == 1000
    with django_assert_max_num_queries(50):
        again = master_import(data, kind="customers", options={"create_missing": True})
    assert (again.rows_unchanged, again.rows_updated) == (2000, 0)
    assert Region.objects.count() == 2
