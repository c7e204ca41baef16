"""A small company's lists have names and no codes: its customers by name, its departments
by name under their parents. Such a file imports, each record keyed by its name; a name
already stored keeps its record's code, so nothing is made twice."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from salestarget.catalog.models import Customer, CustomerType
from salestarget.importing.models import ImportBatch
from salestarget.org.models import OrgNode
from tests.catalog.masterfiles import _media, csv_bytes, errors_of, master_import  # noqa: F401
from tests.personas import Company

CUSTOMERS = "客户名称,客户类型,渠道"


def test_a_customer_list_without_codes_imports_each_name_as_its_code(company: Company) -> None:
    data = csv_bytes(CUSTOMERS, "杭州新达电子有限公司,大客户,直销", "南京华瑞商贸,大客户,直销")

    batch = master_import(data, kind="customers")

    assert batch.status == "done", errors_of(batch)
    assert (batch.rows_inserted, batch.rows_updated) == (2, 0)
    made = Customer.objects.get(name="南京华瑞商贸")
    assert (made.code, made.customer_type.name, made.channel.name) == (
        "南京华瑞商贸",
        "大客户",
        "直销",
    )
    again = master_import(data, kind="customers")
    assert (again.status, again.rows_inserted, again.rows_unchanged) == ("done", 0, 2)


def test_a_stored_customer_listed_by_name_alone_is_updated_not_made_twice(
    company: Company,
) -> None:
    CustomerType.objects.create(code="SMB", name="中小客户")

    batch = master_import(csv_bytes(CUSTOMERS, "北京客户,中小客户,直销"), kind="customers")

    assert batch.status == "done", errors_of(batch)
    assert (batch.rows_inserted, batch.rows_updated) == (0, 1)
    company.customer_bj.refresh_from_db()
    assert (company.customer_bj.code, company.customer_bj.customer_type.name) == (
        "CU-BJ",
        "中小客户",
    )
    assert Customer.objects.filter(name="北京客户").count() == 1


def test_a_name_two_stored_customers_carry_is_refused_naming_their_codes(
    company: Company,
) -> None:
    Customer.objects.create(
        code="CU-BJ2",
        name="北京客户",
        customer_type=company.customer_type,
        region=company.customer_bj.region,
        channel=company.channel,
    )

    batch = master_import(csv_bytes(CUSTOMERS, "北京客户,大客户,直销"), kind="customers")

    assert batch.status == "rejected"
    assert errors_of(batch) == [
        (
            2,
            "客户名称（作编码）",
            "北京客户",
            "名称“北京客户”对应多个已有记录（编码 CU-BJ、CU-BJ2），请在文件中加上编码列",
        )
    ]


def test_a_name_twice_in_the_file_is_refused_as_a_repeated_name(company: Company) -> None:
    data = csv_bytes(CUSTOMERS, "南京华瑞商贸,大客户,直销", "南京华瑞商贸,大客户,直销")

    batch = master_import(data, kind="customers")

    assert batch.status == "rejected"
    assert errors_of(batch) == [
        (
            3,
            "客户名称（作编码）",
            "南京华瑞商贸",
            "客户名称“南京华瑞商贸”在文件中重复（与第 2 行相同）",
        )
    ]
    with translation.override("en"):
        english = master_import(data, kind="customers")
    assert [e[1:] for e in errors_of(english)] == [
        (
            "客户名称 (as code)",
            "南京华瑞商贸",
            "Customer name “南京华瑞商贸” appears twice in the file (as in row 2)",
        )
    ]


def test_departments_by_name_under_parents_by_name(company: Company) -> None:
    data = csv_bytes("部门名称,上级部门", "华东销售部,北方科技", "华东一组,华东销售部")

    batch = master_import(data, kind="org-nodes")

    assert batch.status == "done", errors_of(batch)
    team = OrgNode.objects.get(name="华东一组")
    assert team.code == "华东一组"
    assert team.parent is not None
    assert (team.parent.code, team.parent.parent_id) == ("华东销售部", company.root.pk)


def test_a_file_with_a_code_column_still_keys_by_its_codes(company: Company) -> None:
    data = csv_bytes("客户编码,客户名称,客户类型,渠道", "CU-NJ,南京华瑞商贸,大客户,直销")

    batch = master_import(data, kind="customers")

    assert batch.status == "done", errors_of(batch)
    assert Customer.objects.get(name="南京华瑞商贸").code == "CU-NJ"


def test_finance_imports_a_list_of_names_through_the_pages(login, company: Company) -> None:
    client = login(company.finance)
    upload = SimpleUploadedFile("客户清单.csv", csv_bytes(CUSTOMERS, "南京华瑞商贸,大客户,直销"))

    resp = client.post(
        reverse("catalog:import"), {"kind": "customers", "source": "crm", "file": upload}
    )

    batch = ImportBatch.objects.get()
    html = client.get(resp["Location"]).content.decode()
    assert "缺少必需的列" not in html
    assert "南京华瑞商贸" in html  # the preview, its code the name
    client.post(
        resp["Location"],
        {
            "col_0": "name",
            "col_1": "customer_type",
            "col_2": "channel",
            "mode": "all",
            "date_order": "",
            "action": "validate",
        },
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALIDATED, batch.message
    client.post(reverse("actuals:import_run", args=[batch.pk]), {"mode": "all"})
    batch.refresh_from_db()
    assert (batch.status, batch.rows_inserted) == ("done", 1)
    assert Customer.objects.get(code="南京华瑞商贸").name == "南京华瑞商贸"
