"""The same seed gives the same company, whatever day it runs; another seed another one.

The first load is the suite's shared one (``demo_small``: the default seed, into an empty
database with its ids started again, as a first ``salestarget demo`` loads it): ``--reset``
loads the same seed again and must give the same rows, then another seed loads into the
emptied database and must give others. Two loads here instead of three (a load is 15–20 s, a
minute when the machine is shared). The test's rollback brings the shared demo back, and
with it PostgreSQL's sequences: the flush restarts them with ``TRUNCATE … RESTART IDENTITY``,
which is rolled back like the rows."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count, Sum

from salestarget.actuals.models import Expense, Opportunity, Payment, SalesLine, SurveyResponse
from salestarget.catalog.models import Customer
from salestarget.demo.loader import demo_wipe
from salestarget.demo.scales import DEFAULT_SEED
from salestarget.notifications.models import Notification
from salestarget.targets.models import AdjustmentRequest, Target, TargetDraft
from salestarget.tracking.models import GoodNews


def fingerprint() -> dict[str, object]:
    digest = hashlib.sha256()
    for row in (
        SalesLine.objects.order_by("external_id")
        .values_list(
            "external_id",
            "sold_on",
            "customer__code",
            "product__code",
            "person__employee_no",
            "node__code",
            "quantity",
            "amount",
            "cost",
        )
        .iterator(chunk_size=10_000)
    ):
        digest.update(repr(row).encode())
    return {
        "sales": SalesLine.objects.aggregate(n=Count("id"), a=Sum("amount"), c=Sum("cost")),
        "first_ids": list(
            SalesLine.objects.order_by("id").values_list("external_id", flat=True)[:50]
        ),
        "lines": digest.hexdigest(),
        "expenses": Expense.objects.aggregate(n=Count("id"), a=Sum("amount")),
        "payments": Payment.objects.aggregate(n=Count("id"), a=Sum("amount")),
        "won": Opportunity.objects.filter(stage="won").count(),
        "scores": SurveyResponse.objects.aggregate(s=Sum("score")),
        "customers": list(
            Customer.objects.order_by("code").values_list(
                "code", "name", "owner__employee_no", "first_purchase_on"
            )
        ),
        "targets": sorted(
            Target.objects.values_list(
                "plan__name",
                "node__code",
                "person__employee_no",
                "period",
                "value",
                "base_value",
                "challenge_value",
                "status",
            ),
            key=repr,
        ),
        "drafts": sorted(
            TargetDraft.objects.values_list(
                "person__employee_no", "status", "base_value", "challenge_value", "agreed_value"
            ),
            key=repr,
        ),
        "adjustments": sorted(
            AdjustmentRequest.objects.values_list("target_label", "state", "new_value"), key=repr
        ),
        "news": sorted(
            GoodNews.objects.values_list("dedupe_key", "value", "happened_on"), key=repr
        ),
        "notifications": sorted(
            Notification.objects.values_list("recipient__username", "kind", "title"), key=repr
        ),
    }


@pytest.fixture
def content_types_forgotten() -> Iterator[None]:
    """Each load's ``--reset`` empties the tables (content types too, made again under new ids)
    and fills the ContentType cache with those ids; the test's rollback brings the old rows
    back, so the cache is emptied after it (asked for before ``db``: torn down after it), or
    a later test would file its audit entries under another model's id."""
    yield
    ContentType.objects.clear_cache()


@pytest.mark.slow
@pytest.mark.timeout(1200)  # two loads of the small demo: minutes when the machine is shared
def test_same_seed_same_data_other_seed_other_data(demo_small, content_types_forgotten, db) -> None:
    assert demo_small.seed == DEFAULT_SEED
    first = fingerprint()

    call_command("demo", scale="small", seed=DEFAULT_SEED, reset=True, verbosity=0)
    assert fingerprint() == first

    demo_wipe()
    out = StringIO()
    call_command("demo", scale="small", seed=8, stdout=out)
    assert f"销售明细 {SalesLine.objects.count():,} 行" in out.getvalue()
    other = fingerprint()
    assert other["lines"] != first["lines"]
    assert other["sales"] != first["sales"]
    assert other["customers"] != first["customers"]
