"""The import pages offer to make the customers and products a sales file names and nobody
has yet: the mapping page counts them and offers the option to who may keep master data,
the batch's page says what was made and links to the lists filtered to it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from salestarget.actuals.import_kinds.sales import SALES
from salestarget.catalog.models import Customer
from salestarget.importing.mapping import suggest_mapping
from salestarget.importing.models import ImportBatch, ImportMapping
from salestarget.org.scoping import Scope
from tests.actuals.files import csv_bytes
from tests.actuals.test_import_new_records import KINGDEE, LINES
from tests.personas import Company

HEADERS = KINGDEE.split(",")


def _upload(client, data: bytes) -> ImportBatch:
    resp = client.post(
        "/actuals/import/",
        {"kind": "sales", "source": "kingdee", "file": SimpleUploadedFile("销售明细.csv", data)},
    )
    assert resp.status_code == 302
    return ImportBatch.objects.latest("pk")


def _mapping(action: str, headers: list[str] = HEADERS, **extra: str) -> dict[str, str]:
    by_header = {h: f for f, h in suggest_mapping(SALES, headers).mapping.items()}
    data = {f"col_{i}": by_header.get(h, "") for i, h in enumerate(headers)}
    return data | {"mode": "all", "date_order": "", "action": action} | extra


def test_finance_makes_the_new_customers_and_products_and_completes_them_from_the_lists(
    login, company: Company
) -> None:
    client = login(company.finance)
    batch = _upload(client, csv_bytes(*LINES, header=KINGDEE))

    page = client.get(f"/actuals/import/{batch.pk}/mapping/").content.decode()
    assert 'data-testid="new-records"' in page
    assert "新客户 2" in page
    assert "K-001 甲商贸有限公司、K-002 乙科技有限公司" in page
    assert "新产品 2" in page
    assert "W-01 硒鼓" in page
    assert 'data-testid="create-new"' in page
    assert "创建文件中新的客户和产品" in page

    # Checked, the preview no longer counts the new names as errors of their rows.
    checked = client.post(
        f"/actuals/import/{batch.pk}/mapping/", _mapping("preview", create_new="on")
    ).content.decode()
    assert "找不到客户" not in checked
    assert "找不到产品" not in checked

    client.post(f"/actuals/import/{batch.pk}/mapping/", _mapping("import", create_new="on"))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert batch.rows_inserted == 5
    # Asked for this file, not remembered for the source's next one.
    assert "create_new" not in ImportMapping.objects.get(source="kingdee").options

    detail = client.get(f"/actuals/import/{batch.pk}/").content.decode()
    assert 'data-testid="records-made"' in detail
    assert f'href="/catalog/customers/?batch={batch.pk}"' in detail
    assert f'href="/catalog/products/?batch={batch.pk}"' in detail
    assert "2 个客户" in detail
    assert "2 个产品" in detail

    customers = client.get(f"/catalog/customers/?batch={batch.pk}").content.decode()
    assert "甲商贸有限公司" in customers
    assert "乙科技有限公司" in customers
    assert "北京客户" not in customers  # named by the file, but not made by it
    assert 'data-testid="made-by-batch"' in customers
    products = client.get(f"/catalog/products/?batch={batch.pk}").content.decode()
    assert "硒鼓" in products
    assert "墨盒" in products
    assert "产品A" not in products


def test_a_file_of_known_customers_and_products_is_offered_nothing(login, company: Company) -> None:
    client = login(company.finance)
    batch = _upload(
        client,
        csv_bytes("2026-03-02,XS-1,CU-BJ,北京客户,P-A,产品A,,100,REP,,1,100", header=KINGDEE),
    )
    page = client.get(f"/actuals/import/{batch.pk}/mapping/").content.decode()
    assert 'data-testid="new-records"' not in page
    assert "创建文件中新的客户和产品" not in page


def test_the_count_covers_the_whole_file_not_only_the_rows_previewed(
    login, company: Company
) -> None:
    lines = [f"2026-03-02,XS-{i},K-{i:03d},客户{i},P-A,产品A,,100,REP,,1,100" for i in range(45)]
    client = login(company.finance)
    batch = _upload(client, csv_bytes(*lines, header=KINGDEE))
    page = client.get(f"/actuals/import/{batch.pk}/mapping/").content.decode()
    assert "新客户 45" in page
    assert "……" in page  # the first ten are named, the rest counted


def test_who_may_not_keep_master_data_is_told_whom_to_ask(
    login, company: Company, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No role imports sales and may not keep master data today; should one ever, the
    # option is not theirs (the rule is the master data's: org.masterdata).
    monkeypatch.setattr(Scope, "can_edit_master_data", property(lambda self: False))
    client = login(company.finance)
    batch = _upload(client, csv_bytes(*LINES, header=KINGDEE))

    page = client.get(f"/actuals/import/{batch.pk}/mapping/").content.decode()
    assert "新客户 2" in page
    assert 'data-testid="ask-admin"' in page
    assert 'data-testid="create-new"' not in page

    client.post(f"/actuals/import/{batch.pk}/mapping/", _mapping("import", create_new="on"))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.REJECTED
    assert not Customer.objects.filter(code__startswith="K-").exists()


def test_the_option_reads_in_english(login, company: Company) -> None:
    client = login(company.finance)
    client.cookies["django_language"] = "en"
    batch = _upload(client, csv_bytes(*LINES, header=KINGDEE))
    page = client.get(f"/actuals/import/{batch.pk}/mapping/").content.decode()
    assert "Create the new customers and products this file names" in page
    assert "New customers 2" in page


def test_an_opportunities_file_offers_to_make_its_new_customers_only(
    login, company: Company
) -> None:
    client = login(company.admin)
    header = "商机编号,商机名称,客户编码,客户名称,销售人员,预计金额,创建日期,阶段"
    data = csv_bytes(
        "O-1,打印机集采,K-101,丁贸易有限公司,REP,50000,2026-03-02,跟进中", header=header
    )
    resp = client.post(
        "/actuals/import/",
        {"kind": "opportunity", "source": "crm", "file": SimpleUploadedFile("商机.csv", data)},
    )
    assert resp.status_code == 302
    batch = ImportBatch.objects.latest("pk")

    page = client.get(f"/actuals/import/{batch.pk}/mapping/").content.decode()
    assert "新客户 1" in page
    assert "K-101 丁贸易有限公司" in page
    assert "创建文件中新的客户</label>" in page
    assert "新产品" not in page
