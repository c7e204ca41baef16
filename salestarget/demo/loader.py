"""Load, detect and wipe the demo company: ``demo_load`` puts the parts together in one
transaction, rebuilds the rollups and then sets the targets (``plans``)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from tqdm import tqdm

from salestarget.actuals.models import (
    Activity,
    Expense,
    MarketSize,
    Opportunity,
    Payment,
    SalesLine,
    SurveyResponse,
)
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.catalog.models import Customer
from salestarget.catalog.services import calendar_holidays_load
from salestarget.demo.action_plans import demo_action_plans_create
from salestarget.demo.activities import activities_frame
from salestarget.demo.assessment import demo_assessment_create
from salestarget.demo.company import NEVER, company_create
from salestarget.demo.customers import customers_create
from salestarget.demo.expenses import expenses_frame
from salestarget.demo.forecasts import demo_submissions_create
from salestarget.demo.incentives import demo_incentives_create
from salestarget.demo.market import market_frame
from salestarget.demo.masterdata import catalog_create
from salestarget.demo.messages import demo_messages_create
from salestarget.demo.opportunities import opportunities_frame, opportunity_stages_create
from salestarget.demo.payments import payments_frame
from salestarget.demo.plans import demo_plans_create
from salestarget.demo.sales import SalesTotals, sales_model, sales_months
from salestarget.demo.scales import DEMO_END, DEMO_START, Scale, day_date, random_stream
from salestarget.demo.surveys import surveys_frame
from salestarget.demo.writer import facts_write, indexes_deferred


@dataclass
class DemoSummary:
    scale: str
    seed: int
    seconds: float = 0.0
    first_day: dt.date = DEMO_START
    last_day: dt.date = DEMO_END
    password: str = ""  # every demo login's password
    counts: dict[str, int] = field(default_factory=dict)


def demo_wipe() -> None:
    """Empty every table (Django's ``flush``): users, org, master data, facts, targets …"""
    # PostgreSQL refuses TRUNCATE while deferred foreign-key checks of rows written earlier in
    # the same transaction are pending (a test that loads, then resets): run them first.
    deferred = connection.vendor == "postgresql" and connection.in_atomic_block
    if deferred:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if deferred:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    ContentType.objects.clear_cache()


def demo_load(
    *, scale: Scale, seed: int, progress: bool = False, say: Callable[[str], None] | None = None
) -> DemoSummary:
    """Write the demo company into an empty database; the same ``seed`` gives the same rows.

    ``progress`` shows a progress bar over the sales lines; ``say`` hears about the slower
    phases after them (index builds, other facts, rollups)."""
    started = time.monotonic()
    tell = say or (lambda _message: None)
    summary = DemoSummary(scale=scale.name, seed=seed, password=settings.SALESTARGET_DEMO_PASSWORD)
    counts = summary.counts
    with transaction.atomic():
        # China's official holidays and make-up days of the demo years, as a company would
        # load them on the calendar page; the sales seasons follow them.
        counts["calendar_days"] = sum(
            calendar_holidays_load(by=None, year=year)
            for year in range(DEMO_START.year, DEMO_END.year + 1)
        )
        catalog = catalog_create(rng=random_stream(seed, "catalog"))
        company = company_create(catalog=catalog)
        book = customers_create(scale=scale, seed=seed, catalog=catalog, company=company)
        counts["people"] = company.reps
        counts["customers"] = len(book)
        counts["products"] = len(catalog.products.ids)

        model = sales_model(scale=scale, seed=seed, catalog=catalog, company=company, book=book)
        totals = SalesTotals(customers=len(book), reps=company.reps, teams=len(company.team_codes))
        with indexes_deferred(SalesLine):
            with tqdm(
                total=scale.sales_lines,
                disable=not progress,
                desc=_("销售明细"),
                unit=pgettext("unit", "行"),
                unit_scale=True,
                dynamic_ncols=True,
            ) as bar:
                for frame in sales_months(
                    seed=seed,
                    model=model,
                    catalog=catalog,
                    company=company,
                    book=book,
                    totals=totals,
                ):
                    facts_write(SalesLine, frame)
                    bar.update(frame.height)
            tell(_("正在为销售明细建立索引……"))
        counts["sales_lines"] = totals.lines + totals.returns
        counts["returns"] = totals.returns

        tell(_("正在写入费用、回款、商机、满意度调查和市场容量……"))
        _first_purchases_save(book.ids, totals.first_sale_day)
        counts["expenses"] = facts_write(
            Expense, expenses_frame(seed=seed, company=company, totals=totals)
        )
        counts["payments"] = facts_write(
            Payment, payments_frame(seed=seed, company=company, book=book, totals=totals)
        )
        opportunities = opportunities_frame(
            seed=seed, catalog=catalog, company=company, book=book, model=model
        )
        counts["opportunities"] = facts_write(Opportunity, opportunities)
        counts["activities"] = facts_write(
            Activity,
            activities_frame(
                seed=seed,
                company=company,
                book=book,
                model=model,
                totals=totals,
                opportunities=opportunities,
            ),
        )
        counts["opportunity_stages"] = opportunity_stages_create()
        counts["surveys"] = facts_write(
            SurveyResponse,
            surveys_frame(seed=seed, company=company, book=book, model=model, totals=totals),
        )
        counts["market_sizes"] = facts_write(
            MarketSize, market_frame(seed=seed, catalog=catalog, totals=totals)
        )
        tell(_("正在重建汇总表……"))
        rollups_started = time.monotonic()
        rollups_rebuild()
        counts["rollup_seconds"] = round(time.monotonic() - rollups_started)
        tell(_("正在制定目标：计划、分解、草案、审批和调整……"))
        plans_started = time.monotonic()
        plans = demo_plans_create()
        counts["plans"] = len(plans.plans)
        counts["targets"] = plans.targets
        counts["drafts"] = plans.drafts
        counts["adjustments"] = plans.adjustments
        counts["news"] = plans.news
        counts["forecast_submissions"] = demo_submissions_create()
        counts["notifications"] = plans.notifications
        counts["action_steps"] = demo_action_plans_create()
        counts["plan_seconds"] = round(time.monotonic() - plans_started)
        assessment = demo_assessment_create(seed=seed)
        counts["scorecards"] = assessment.scorecards
        counts["reviews"] = assessment.reviews
        counts.update(demo_incentives_create())
        counts.update(demo_messages_create())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    summary.seconds = time.monotonic() - started
    return summary


def _first_purchases_save(ids: np.ndarray, first_day: np.ndarray) -> None:
    """A customer's first purchase is the day of its first positive sales line."""
    rows = [
        (day_date(day), pk)
        for pk, day in zip(ids.tolist(), first_day.tolist(), strict=True)
        if day < NEVER
    ]
    table = Customer._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET first_purchase_on = %s WHERE id = %s", rows)
