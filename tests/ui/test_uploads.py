"""One upload limit (SALESTARGET_UPLOAD_MAX_MB): a file over it is refused with its size and
the limit, before the file is read, on every page that takes one; nothing is written."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from salestarget.actuals.models import ImportBatch
from salestarget.ui.uploads import MB, UploadField
from tests.personas import Company, account

HEADER = "日期,订单号,行号,客户编码,产品编码,销售人员,数量,金额,成本\n"


def big_csv(mb: float) -> SimpleUploadedFile:
    line = "2026-03-02,SO1,1,CU-BJ,P-A,REP,1,10,5\n"
    body = HEADER + line * int(mb * MB / len(line))
    return SimpleUploadedFile("big.csv", body.encode(), content_type="text/csv")


@pytest.fixture
def one_mb(settings, tmp_path) -> None:
    settings.SALESTARGET_UPLOAD_MAX_MB = 1
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.usefixtures("one_mb")
def test_a_sales_file_over_the_limit_is_refused_naming_sizes(login, company: Company) -> None:
    client = login(company.admin)
    response = client.post(
        reverse("actuals:import_upload"), {"kind": "sales", "source": "erp", "file": big_csv(1.5)}
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "文件太大" in page
    assert "上限是 1 MB" in page
    assert not ImportBatch.objects.exists()


@pytest.mark.usefixtures("one_mb")
def test_every_upload_page_has_the_limit(login, company: Company, revenue_target) -> None:
    client = login(company.admin)
    for url, data in (
        (reverse("catalog:import"), {"kind": "customers", "source": "crm"}),
        (reverse("targets:import", args=[revenue_target.pk]), {}),
    ):
        response = client.post(url, {**data, "file": big_csv(1.2)})
        assert response.status_code == 413, url
        assert "上限是 1 MB" in response.content.decode()


@pytest.mark.usefixtures("one_mb")
def test_a_file_under_the_limit_goes_through(login, company: Company) -> None:
    client = login(company.admin)
    response = client.post(
        reverse("actuals:import_upload"), {"kind": "sales", "source": "erp", "file": big_csv(0.5)}
    )
    assert response.status_code == 302
    assert ImportBatch.objects.count() == 1


@pytest.mark.usefixtures("one_mb")
def test_the_field_checks_the_size_too() -> None:
    field = UploadField()
    field.clean(big_csv(0.2))
    with pytest.raises(Exception, match="上限是 1 MB"):
        field.clean(big_csv(1.1))


@pytest.fixture
def revenue_target(company: Company):
    from salestarget.targets.services.plans import plan_create

    plan = plan_create(
        by=account(company.director),
        name="上限",
        metric="revenue",
        period="2026-03",
        scope_node=company.root,
        owner=company.director,
        value=1000,
    )
    return plan.root
