"""A new company's first sales file names customers and products SalesTarget does not have
yet. Asked to, the import makes them from the file itself — once each, however many lines
name them — and then imports every line; unasked, the lines are refused as before.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from salestarget.actuals.models import SalesLine
from salestarget.actuals.rollups import rollups_check
from salestarget.catalog.models import Customer, Product
from salestarget.catalog.queries import customers_visible
from salestarget.importing.models import ImportBatch
from salestarget.importing.services import batch_import, import_preview, import_upload
from salestarget.org.scoping import SYSTEM_SCOPE, scope_for
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company

# A 金蝶 sales report: codes and names of customers and goods, their category and price.
KINGDEE = "单据日期,单据编号,客户编码,客户名称,物料编码,物料名称,存货类别,单价,销售人员,区域,数量,价税合计"
LINES = (
    "2026-03-02,XS-1,K-001,甲商贸有限公司,W-01,硒鼓,耗材,120,REP,华东,2,240",
    "2026-03-03,XS-2,K-001,甲商贸有限公司,W-02,墨盒,耗材,35.5,REP,华东,4,142",
    "2026-03-04,XS-3,K-002,乙科技有限公司,W-01,硒鼓,耗材,120,REP,,1,120",
    "2026-03-05,XS-4,CU-BJ,北京客户,P-A,产品A,,100,REP,,1,100",
    "2026-03-06,XS-5,K-002,乙科技有限公司,P-A,产品A,,100,REP,,3,300",
)


def _kingdee_upload() -> ImportBatch:
    """The 金蝶 report uploaded, not yet imported."""
    return import_upload(
        kind="sales",
        source="erp",
        file_name="kingdee.csv",
        data=csv_bytes(*LINES, header=KINGDEE),
        user=None,
    )


def test_the_new_customers_and_products_are_made_once_and_every_line_imported(
    company: Company,
) -> None:
    refused = run_import(csv_bytes(*LINES, header=KINGDEE))
    assert refused.status == ImportBatch.Status.REJECTED
    assert "找不到客户“K-001”" in str(refused.errors_preview)
    assert not Customer.objects.filter(code__startswith="K-").exists()

    batch = run_import(csv_bytes(*LINES, header=KINGDEE), options={"create_new": True})

    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert batch.rows_inserted == 5
    new = Customer.objects.filter(created_batch=batch).order_by("code")
    assert [(c.code, c.name) for c in new] == [
        ("K-001", "甲商贸有限公司"),
        ("K-002", "乙科技有限公司"),
    ]
    first, second = new
    # What the line says and the system knows (华东) is the customer's; the rest 未指定.
    assert first.region == company.region_east
    assert second.region.name == "未指定"
    assert first.customer_type.name == first.channel.name == "未指定"
    # The salesperson of its lines owns it: the rep sees the customers they sell to.
    assert first.owner == second.owner == company.rep
    products = Product.objects.filter(created_batch=batch).order_by("code")
    assert [(p.code, p.name, p.line.category.name, p.list_price) for p in products] == [
        ("W-01", "硒鼓", "耗材", Decimal("120")),
        ("W-02", "墨盒", "耗材", Decimal("35.5")),
    ]
    assert Customer.objects.count() == 4
    assert Product.objects.count() == 4
    assert SalesLine.objects.filter(customer__code="K-002").count() == 2
    assert "新建了 2 个客户：K-001 甲商贸有限公司、K-002 乙科技有限公司" in batch.message
    assert "新建了 2 个产品" in batch.message
    assert set(rollups_check().values()) == {0}
    # The new customers' first purchases are derived as any customer's.
    assert str(first.first_purchase_on) == "2026-03-02"


def test_the_preview_counts_the_new_customers_and_products_the_file_names(
    company: Company,
) -> None:
    batch = _kingdee_upload()
    _table, _mapping, prepared = import_preview(batch=batch, scope=SYSTEM_SCOPE)

    named = {str(n.what): (n.count, n.first) for n in prepared.new_records}
    assert named == {
        "新客户": (2, ("K-001 甲商贸有限公司", "K-002 乙科技有限公司")),
        "新产品": (2, ("W-01 硒鼓", "W-02 墨盒")),
    }


def test_a_file_of_names_makes_each_name_its_own_code_and_finds_it_next_time(
    company: Company,
) -> None:
    header = "日期,客户名称,产品名称,销售人员,数量,金额"
    lines = ("2026-03-02,丙超市,打印纸,REP,10,50", "2026-03-03,丙超市,打印纸,REP,5,25")
    batch = run_import(csv_bytes(*lines, header=header), options={"create_new": True})
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview

    customer = Customer.objects.get(created_batch=batch)
    product = Product.objects.get(created_batch=batch)
    assert (customer.code, customer.name) == ("丙超市", "丙超市")
    assert (product.code, product.name, product.line.category.name) == (
        "打印纸",
        "打印纸",
        "未分类",
    )

    # The next month's file of the same names finds them, makes nothing, asked or not.
    more = run_import(csv_bytes("2026-04-01,丙超市,打印纸,REP,1,5", header=header))
    assert more.status == ImportBatch.Status.DONE, more.errors_preview
    assert Customer.objects.filter(name="丙超市").count() == 1
    assert SalesLine.objects.filter(customer=customer).count() == 3


def test_a_new_customer_is_owned_by_who_sold_it_the_most_while_still_active(
    company: Company,
) -> None:
    company.team_lead.is_active = False
    company.team_lead.save()
    header = "日期,客户,产品编码,销售人员,数量,金额"
    lines = (
        "2026-03-02,甲商贸,P-A,REP,1,100",
        "2026-03-03,甲商贸,P-A,REP_OTHER,1,300",  # the most for 甲商贸
        "2026-03-04,甲商贸,P-A,REP,1,100",
        "2026-03-05,乙科技,P-A,REP,1,200",  # a tie: the first in the file
        "2026-03-06,乙科技,P-A,REP_OTHER,1,200",
        "2026-03-07,丙超市,P-A,TEAM_LEAD,1,900",  # has left since: no owner guessed
        "2026-03-08,丙超市,P-A,REP_OTHER,-1,-50",  # a return
    )
    batch = run_import(csv_bytes(*lines, header=header), options={"create_new": True})
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview

    owners = dict(Customer.objects.filter(created_batch=batch).values_list("name", "owner"))
    assert owners == {
        "甲商贸": company.rep_other.pk,
        "乙科技": company.rep.pk,
        "丙超市": company.rep_other.pk,
    }
    # Each rep now finds their customers in their own customer list.
    mine = customers_visible(scope_for(company.rep.user), batch_id=batch.pk)
    assert list(mine.values_list("name", flat=True)) == ["乙科技"]


def test_a_customer_stored_under_its_code_or_its_name_is_not_made_again(
    company: Company,
) -> None:
    header = "日期,客户,产品编码,销售人员,数量,金额"
    lines = (
        "2026-03-02,cu-bj,P-A,REP,1,100",  # the stored code in another case
        "2026-03-03,上海客户,P-A,REP_OTHER,1,100",  # the stored name of CU-SH
        "2026-03-04,K-NEW,P-B,REP,1,250",
    )
    batch = run_import(csv_bytes(*lines, header=header), options={"create_new": True})
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview

    assert list(Customer.objects.filter(created_batch=batch).values_list("code", flat=True)) == [
        "K-NEW"
    ]
    assert not Product.objects.filter(created_batch=batch).exists()
    assert Customer.objects.count() == 3
    assert SalesLine.objects.filter(customer=company.customer_sh).count() == 1


@pytest.mark.parametrize("who", ["rep", "manager_north"])
def test_only_who_may_keep_master_data_may_ask_for_it(company: Company, who: str) -> None:
    batch = _kingdee_upload()
    batch.options = {"create_new": True}
    batch.save()
    scope = scope_for(getattr(company, who).user)

    with pytest.raises(PermissionDenied):
        batch_import(batch=batch, scope=scope)
    assert not Customer.objects.filter(code__startswith="K-").exists()


def test_finance_may_ask_for_it(company: Company) -> None:
    batch = import_upload(
        kind="sales",
        source="erp",
        file_name="kingdee.csv",
        data=csv_bytes(*LINES, header=KINGDEE),
        user=company.finance.user,
    )
    batch.options = {"create_new": True}
    batch.save()
    done = batch_import(batch=batch, scope=scope_for(company.finance.user))
    assert done.status == ImportBatch.Status.DONE, done.errors_preview
    assert Customer.objects.filter(created_batch=done).count() == 2


def test_what_cannot_be_made_is_named_and_nothing_is_written(company: Company) -> None:
    long_code = "K" * 61
    header = "日期,客户编码,产品编码,销售人员,数量,金额"
    lines = (
        f"2026-03-02,{long_code},P-A,REP,1,100",
        "2026-03-03,K-OK,P-A,新来的小张,1,100",  # people are never made from a sales file
    )
    batch = run_import(csv_bytes(*lines, header=header), options={"create_new": True})

    assert batch.status == ImportBatch.Status.REJECTED
    reasons = {e["row"]: e["reason"] for e in batch.errors_preview}
    assert reasons[2].startswith(f"无法新建客户“{long_code}”：客户编码")
    assert "60" in reasons[2]
    assert reasons[3] == "找不到人员“新来的小张”（按编码或完整名称查找）"
    assert not Customer.objects.filter(code="K-OK").exists()
    assert not SalesLine.objects.exists()


def test_good_rows_only_make_the_customers_of_the_good_rows(company: Company) -> None:
    header = "日期,客户编码,产品编码,销售人员,数量,金额"
    lines = ("2026-03-02,K-GOOD,P-A,REP,1,100", "2026-13-45,K-BAD-DATE,P-A,REP,1,100")
    batch = run_import(
        csv_bytes(*lines, header=header),
        options={"create_new": True},
        mode=ImportBatch.Mode.GOOD_ROWS,
    )
    assert batch.status == ImportBatch.Status.DONE
    assert batch.rows_rejected == 1
    made = Customer.objects.filter(created_batch=batch).values_list("code", flat=True)
    assert list(made) == ["K-GOOD"]


def _queries_for(company: Company, n: int, tag: str) -> int:
    header = "日期,客户编码,客户名称,产品编码,销售人员,数量,金额"
    lines = [
        f"2026-03-{1 + i % 28:02d},{tag}{i % n},客户{tag}{i % n},P-A,REP,1,10" for i in range(3 * n)
    ]
    batch = import_upload(
        kind="sales",
        source=f"erp-{tag}",
        file_name="many.csv",
        data=csv_bytes(*lines, header=header),
        user=None,
    )
    batch.options = {"create_new": True}
    batch.save()
    with CaptureQueriesContext(connection) as queries:
        done = batch_import(batch=batch, scope=SYSTEM_SCOPE)
    assert done.status == ImportBatch.Status.DONE, done.errors_preview
    assert Customer.objects.filter(created_batch=done).count() == n
    return len(queries)


def test_making_many_customers_does_not_ask_a_query_for_each(company: Company) -> None:
    few = _queries_for(company, 20, "A")
    many = _queries_for(company, 1200, "B")
    # 1,200 customers are inserted and tagged 500 at a time: a few statements more, not 1,180.
    assert many - few <= 12, (few, many)


def test_a_validation_says_what_the_import_will_make_and_makes_nothing(company: Company) -> None:
    batch = run_import(
        csv_bytes(*LINES, header=KINGDEE), options={"create_new": True}, dry_run=True
    )
    assert batch.status == ImportBatch.Status.VALIDATED, batch.errors_preview
    assert "新客户：2 个（K-001 甲商贸有限公司、K-002 乙科技有限公司），导入时新建" in batch.message
    assert "新产品：2 个（W-01 硒鼓、W-02 墨盒），导入时新建" in batch.message
    assert not Customer.objects.filter(code__startswith="K-").exists()
    assert not SalesLine.objects.exists()


def test_an_opportunities_file_may_make_the_prospects_it_names(company: Company) -> None:
    """A CRM's opportunities name prospects nobody has sold to yet: the import makes those
    customers (never products), owned by the opportunity's salesperson."""
    header = "商机编号,商机名称,客户编码,客户名称,销售人员,预计金额,创建日期,关闭日期,阶段"
    lines = (
        "O-1,打印机集采,K-101,丁贸易有限公司,REP,50000,2026-03-02,,跟进中",
        "O-2,年度耗材,CU-BJ,北京客户,REP,8000,2026-03-03,2026-03-20,赢单",
        "O-3,新门店,K-102,戊连锁,REP_OTHER,12000,2026-03-04,,跟进中",
    )
    data = csv_bytes(*lines, header=header)
    refused = run_import(data, kind="opportunity", name="opps.csv")
    assert refused.status == ImportBatch.Status.REJECTED
    assert "找不到客户“K-101”" in str(refused.errors_preview)

    batch = run_import(data, kind="opportunity", name="opps.csv", options={"create_new": True})

    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert batch.rows_inserted == 3
    made = Customer.objects.filter(created_batch=batch).order_by("code")
    assert [(c.code, c.name, c.owner) for c in made] == [
        ("K-101", "丁贸易有限公司", company.rep),
        ("K-102", "戊连锁", company.rep_other),
    ]
    assert made[0].region.name == "未指定"
    assert "新建了 2 个客户" in batch.message
    assert not Product.objects.filter(created_batch=batch).exists()
