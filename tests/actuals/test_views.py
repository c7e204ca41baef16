"""The actuals pages: the import flow for finance, fact lists inside each role's scope, and
manual entry that keeps the rollups current."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from salestarget.actuals.models import PersonDaily, SalesLine
from salestarget.importing.models import ImportBatch
from salestarget.importing.services import records_import
from tests.actuals.files import csv_bytes
from tests.personas import Company

GOOD = "2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200.50,100"
BAD = "2026-02-30,SO1,2,CU-BJ,P-NOPE,REP,1,10,5"


def upload(client, data: bytes, name: str = "sales.csv"):
    return client.post(
        "/actuals/import/",
        {"kind": "sales", "source": "erp", "file": SimpleUploadedFile(name, data)},
    )


def mapping_post(
    batch: ImportBatch, headers: list[str], action: str, mode: str = "all"
) -> dict[str, str]:
    from salestarget.actuals.import_kinds.sales import SALES
    from salestarget.importing.mapping import suggest_mapping

    by_header = {h: f for f, h in suggest_mapping(SALES, headers).mapping.items()}
    data = {f"col_{i}": by_header.get(h, "") for i, h in enumerate(headers)}
    data |= {"mode": mode, "date_order": "", "action": action}
    return data


def test_finance_uploads_maps_validates_and_imports(login, company: Company) -> None:
    client = login(company.finance)
    resp = upload(client, csv_bytes(GOOD, BAD))
    batch = ImportBatch.objects.get()
    assert resp.status_code == 302
    assert resp["Location"] == f"/actuals/import/{batch.pk}/mapping/"
    page = client.get(resp["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "P-NOPE" in html
    assert "找不到产品" in html
    headers = ["日期", "订单号", "行号", "客户编码", "产品编码", "销售人员", "数量", "金额", "成本"]
    resp = client.post(
        f"/actuals/import/{batch.pk}/mapping/", mapping_post(batch, headers, "validate")
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALIDATED
    detail = client.get(f"/actuals/import/{batch.pk}/").content.decode()
    assert "只导入正确的行" in detail
    report = client.get(f"/actuals/import/{batch.pk}/errors.csv")
    assert report.status_code == 200
    assert "P-NOPE" in b"".join(report.streaming_content).decode("utf-8-sig")
    resp = client.post(f"/actuals/import/{batch.pk}/run/", {"mode": "good"})
    batch.refresh_from_db()
    assert (batch.status, batch.rows_written, batch.rows_rejected) == ("done", 1, 1)
    assert SalesLine.objects.count() == 1


def test_an_all_or_nothing_import_of_a_bad_file_writes_nothing(login, company: Company) -> None:
    client = login(company.admin)
    upload(client, csv_bytes(GOOD, BAD))
    batch = ImportBatch.objects.get()
    headers = ["日期", "订单号", "行号", "客户编码", "产品编码", "销售人员", "数量", "金额", "成本"]
    client.post(f"/actuals/import/{batch.pk}/mapping/", mapping_post(batch, headers, "import"))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.REJECTED
    assert not SalesLine.objects.exists()
    assert "未写入任何数据" in client.get(f"/actuals/import/{batch.pk}/").content.decode()


def test_a_batch_sent_through_the_api_has_no_columns_to_map(login, company: Company) -> None:
    batch = records_import(kind="sales", source="crm", records=[], user=company.admin.user)
    client = login(company.finance)
    assert client.get(f"/actuals/import/{batch.pk}/").status_code == 200
    assert client.get(f"/actuals/import/{batch.pk}/mapping/").status_code == 404


def test_a_finished_import_links_to_the_lines_it_wrote(login, company: Company) -> None:
    client = login(company.finance)
    upload(client, csv_bytes(GOOD))
    batch = ImportBatch.objects.get()
    headers = ["日期", "订单号", "行号", "客户编码", "产品编码", "销售人员", "数量", "金额", "成本"]
    client.post(f"/actuals/import/{batch.pk}/mapping/", mapping_post(batch, headers, "import"))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    page = client.get(f"/actuals/import/{batch.pk}/").content.decode()
    assert f"/actuals/?kind=sales&batch={batch.pk}" in page
    assert 'href="/actuals/import/"' in page  # back to the facts' import, not master data's


def test_managers_and_reps_import_only_their_activities(login, company: Company) -> None:
    for person in (company.manager_north, company.rep):
        client = login(person)
        page = client.get("/actuals/import/")
        kinds = [value for value, _label in page.context["form"].fields["kind"].choices]
        assert kinds == ["activity"]
        assert "kind" in upload(client, csv_bytes(GOOD)).context["form"].errors
        assert client.get("/actuals/sales/new/").status_code == 403
    assert not ImportBatch.objects.exists()
    client = login(company.director)  # an executive keeps no books: no kind at all
    assert kinds_offered(client) == ["activity"]
    client = login(company.finance)
    assert "sales" in kinds_offered(client)


def kinds_offered(client) -> list[str]:
    form = client.get("/actuals/import/").context["form"]
    return [value for value, _label in form.fields["kind"].choices]


def test_fact_lists_are_scoped(login, company: Company) -> None:
    records = [
        {
            "external_id": "A",
            "sold_on": "2026-03-02",
            "customer": "CU-BJ",
            "product": "P-A",
            "person": "REP",
            "quantity": 1,
            "amount": 10,
        },
        {
            "external_id": "B",
            "sold_on": "2026-03-02",
            "customer": "CU-SH",
            "product": "P-A",
            "person": "REP_OTHER",
            "quantity": 1,
            "amount": 20,
        },
    ]
    assert records_import(kind="sales", source="erp", records=records, user=None).status == "done"
    seen = {}
    for name in ("rep", "rep_other", "manager_north", "finance"):
        client = login(getattr(company, name))
        html = client.get("/actuals/?kind=sales").content.decode()
        seen[name] = {ext for ext in ("erp · A", "erp · B") if ext in html}
    assert seen == {
        "rep": {"erp · A"},
        "rep_other": {"erp · B"},
        "manager_north": {"erp · A"},
        "finance": {"erp · A", "erp · B"},
    }
    client = login(company.rep)
    assert client.get("/actuals/?kind=expense").status_code == 200


def test_manual_entry_and_correction_keep_rollups_current(login, company: Company) -> None:
    client = login(company.finance)
    form = {
        "sold_on": "2026-03-02",
        "order_no": "",
        "line_no": "",
        "customer": company.customer_bj.pk,
        "product": company.product_a.pk,
        "person": company.rep.pk,
        "channel": "",
        "quantity": "2",
        "amount": "99.99",
        "cost": "",
    }
    resp = client.post("/actuals/sales/new/", form)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    line = SalesLine.objects.get()
    assert line.source == "manual"
    assert PersonDaily.objects.get().amount == Decimal("99.99")
    resp = client.post(
        f"/actuals/sales/{line.pk}/edit/", form | {"amount": "1.2万", "sold_on": "2026-03-05"}
    )
    assert resp.status_code == 302  # an amount as people type it: 1.2万 is 12,000
    assert list(PersonDaily.objects.values_list("day", "amount")) == [
        (line.sold_on.replace(day=5), Decimal("12000"))
    ]
    bad = client.post(f"/actuals/sales/{line.pk}/edit/", form | {"quantity": "-1", "amount": "5"})
    assert bad.status_code == 200
    assert "退货" in bad.content.decode()
    client.post(f"/actuals/sales/{line.pk}/delete/")
    assert not SalesLine.objects.exists()
    assert not PersonDaily.objects.exists()


def test_a_line_entered_by_hand_may_count_in_another_region(login, company: Company) -> None:
    client = login(company.finance)
    form = {
        "sold_on": "2026-03-02",
        "customer": company.customer_bj.pk,
        "product": company.product_a.pk,
        "person": company.rep.pk,
        "region": company.region_east.pk,
        "quantity": "1",
        "amount": "10",
    }
    assert client.post("/actuals/sales/new/", form).status_code == 302
    line = SalesLine.objects.get()
    assert line.region == company.region_east
    assert "<td>华东</td>" in client.get("/actuals/?kind=sales").content.decode()
    page = client.get(f"/actuals/sales/{line.pk}/edit/").content.decode()
    assert f'<option value="{company.region_east.pk}" selected>' in page
    # Emptied, the line takes its customer's region again.
    client.post(f"/actuals/sales/{line.pk}/edit/", form | {"region": ""})
    line.refresh_from_db()
    assert line.region == company.region_north


def test_the_menu_offers_import_to_finance_only(login, company: Company) -> None:
    assert "/actuals/import/" in login(company.finance).get("/actuals/").content.decode()
    assert '/actuals/import/"' not in login(company.rep).get("/actuals/").content.decode()
