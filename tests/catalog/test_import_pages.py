"""The 导入主数据 page: upload → mapping with suggestions and a preview of the whole file →
validate → import, templates that import as they are, the menu and empty-state links, and
the getting-started checklist on the admin's home page."""

from __future__ import annotations

import io
import re

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from salestarget.catalog.models import CalendarDay, Customer
from salestarget.importing.kinds import kinds_registered
from salestarget.importing.mapping import suggest_mapping
from salestarget.importing.models import ImportBatch
from salestarget.importing.reading import read_table
from salestarget.org.models import CompanySettings
from tests.catalog.masterfiles import _media, csv_bytes  # noqa: F401
from tests.personas import Company

STEP = re.compile(r'data-step="(\w+)" data-done="([01])"')
ACCOUNTS = csv_bytes(
    "Account Number,Account Name,Segment,Billing City,Channel,Account Owner",
    "ACC-1,Hualian Trading,KA,华北,DIRECT,王小明",
    "ACC-2,Jinqiao Foods,Mid-market,Shanghai,DIRECT,陈小红",
)


def mapping_post(headers: list[str], action: str, **extra: object) -> dict[str, object]:
    by_header = {
        h: f
        for f, h in suggest_mapping(
            kinds_registered(facts=False)["customers"], headers
        ).mapping.items()
    }
    data: dict[str, object] = {f"col_{i}": by_header.get(h, "") for i, h in enumerate(headers)}
    return data | {"mode": "all", "date_order": "", "action": action} | extra


def test_finance_imports_customers_through_the_pages(login, company: Company) -> None:
    client = login(company.finance)
    page = client.get(reverse("catalog:import"))
    assert page.status_code == 200
    assert 'data-testid="template-customers"' in page.content.decode()
    resp = client.post(
        reverse("catalog:import"),
        {
            "kind": "customers",
            "source": "crm",
            "file": SimpleUploadedFile("accounts.csv", ACCOUNTS),
        },
    )
    batch = ImportBatch.objects.get()
    assert resp["Location"] == reverse("actuals:import_mapping", args=[batch.pk])
    html = client.get(resp["Location"]).content.decode()
    assert "Hualian Trading" in html  # the preview, with the owner's name resolved
    assert "王小明" in html
    assert "找不到客户类型“Mid-market”" in html  # checked before anything is written
    assert "已检查全部 2 行，1 行有错误。" in html
    assert "创建文件中缺少的客户类型、区域和渠道" in html  # the option is offered
    headers = [
        "Account Number",
        "Account Name",
        "Segment",
        "Billing City",
        "Channel",
        "Account Owner",
    ]
    client.post(resp["Location"], mapping_post(headers, "validate", create_missing="on"))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALIDATED, batch.message
    assert batch.options["create_missing"] is True
    client.post(reverse("actuals:import_run", args=[batch.pk]), {"mode": "all"})
    batch.refresh_from_db()
    assert (batch.status, batch.rows_inserted) == ("done", 2)
    detail = client.get(reverse("actuals:import_detail", args=[batch.pk])).content.decode()
    assert reverse("catalog:customer_list") in detail
    assert reverse("catalog:import") in detail  # "返回导入" goes back to master data
    listed = client.get(reverse("catalog:customer_list")).content.decode()
    assert "Jinqiao Foods" in listed
    assert Customer.objects.get(code="ACC-2").region.name == "Shanghai"


def test_the_error_report_of_a_rejected_customer_file(login, company: Company) -> None:
    client = login(company.admin)
    client.post(
        reverse("catalog:import"),
        {"kind": "customers", "source": "crm", "file": SimpleUploadedFile("a.csv", ACCOUNTS)},
    )
    batch = ImportBatch.objects.get()
    headers = [
        "Account Number",
        "Account Name",
        "Segment",
        "Billing City",
        "Channel",
        "Account Owner",
    ]
    client.post(reverse("actuals:import_mapping", args=[batch.pk]), mapping_post(headers, "import"))
    batch.refresh_from_db()
    assert batch.status == "rejected"
    report = client.get(reverse("actuals:import_errors", args=[batch.pk]))
    text = b"".join(report.streaming_content).decode("utf-8-sig")
    assert "3,Segment,Mid-market,找不到客户类型“Mid-market”" in text
    assert not Customer.objects.filter(code__startswith="ACC").exists()

    # The storage lost the file (a new server, a database restored without its files): the
    # batch's page says so, with the errors it keeps, instead of failing.
    default_storage.delete(batch.error_report)
    gone = client.get(reverse("actuals:import_errors", args=[batch.pk]), follow=True)
    assert gone.redirect_chain == [(reverse("actuals:import_detail", args=[batch.pk]), 302)]
    html = gone.content.decode()
    assert "这次导入的错误报告文件已不存在" in html
    assert "找不到客户类型“Mid-market”" in html


def test_an_upload_the_storage_lost_is_asked_for_again(login, company: Company) -> None:
    client = login(company.finance)
    client.post(
        reverse("catalog:import"),
        {"kind": "customers", "source": "crm", "file": SimpleUploadedFile("a.csv", ACCOUNTS)},
    )
    batch = ImportBatch.objects.get()
    default_storage.delete(batch.stored_file)

    page = client.get(reverse("actuals:import_mapping", args=[batch.pk]), follow=True)

    assert page.status_code == 200
    assert "上传的文件“a.csv”已不存在（存储被清理或迁移），请重新上传。" in page.content.decode()


def test_managers_and_reps_are_refused_the_page(login, company: Company) -> None:
    for person in (company.manager_north, company.rep, company.director):
        client = login(person)
        assert client.get(reverse("catalog:import")).status_code == 403
        resp = client.post(
            reverse("catalog:import"),
            {"kind": "customers", "source": "x", "file": SimpleUploadedFile("a.csv", ACCOUNTS)},
        )
        assert resp.status_code == 403
        assert client.get(reverse("catalog:import_template", args=["customers"])).status_code == 403
    assert not ImportBatch.objects.exists()


def test_every_template_imports_as_it_is(login, company: Company) -> None:
    client = login(company.finance)
    for key, kind in kinds_registered(facts=False).items():
        resp = client.get(reverse("catalog:import_template", args=[key]))
        assert resp.status_code == 200
        data = resp.content
        table = read_table(data, f"{key}.xlsx")
        assert len(table.frame) == 1  # the example row
        mapping = suggest_mapping(kind, table.headers).mapping
        assert set(mapping) == set(kind.field_names), key
        book = load_workbook(io.BytesIO(data))
        assert book.sheetnames[1] == "说明"
    headers = read_table(
        client.get(reverse("catalog:import_template", args=["customers"])).content
    ).headers
    assert headers[:2] == ["客户编码* (Customer Code)", "客户名称* (Customer Name)"]


def test_the_menu_and_the_empty_lists_lead_to_the_import(login, company: Company) -> None:
    client = login(company.finance)
    home = client.get(reverse("home")).content.decode()
    assert reverse("catalog:import") in home
    Customer.objects.all().delete()
    customers = client.get(reverse("catalog:customer_list")).content.decode()
    assert f"{reverse('catalog:import')}?kind=customers" in customers
    people = client.get(reverse("org:person_list"), {"q": "nobody"}).content.decode()
    assert f"{reverse('catalog:import')}?kind=people" in people
    products = client.get(reverse("catalog:product_list"), {"q": "nothing"}).content.decode()
    assert f"{reverse('catalog:import')}?kind=products" in products
    rep_view = login(company.rep).get(reverse("catalog:customer_list"), {"q": "x"}).content.decode()
    assert "?kind=customers" not in rep_view


def test_the_admin_home_shows_what_is_left_to_set_up(login, company: Company) -> None:
    client = login(company.admin)
    html = client.get(reverse("home")).content.decode()
    assert 'data-testid="setup-checklist"' in html
    assert dict(STEP.findall(html)) == {
        "company": "0",
        "calendar": "0",
        "org": "1",
        "products": "1",
        "customers": "1",
        "sales": "0",
    }
    assert reverse("org:company_settings") in html
    CompanySettings.objects.update_or_create(pk=1, defaults={"name": "北方科技"})
    new_year = timezone.localdate().replace(month=1, day=1)
    CalendarDay.objects.create(date=new_year, kind="holiday", name="元旦")
    steps = dict(STEP.findall(client.get(reverse("home")).content.decode()))
    assert (steps["company"], steps["calendar"]) == ("1", "1")
    finance_home = login(company.finance).get(reverse("home")).content.decode()
    assert 'data-testid="setup-checklist"' not in finance_home
