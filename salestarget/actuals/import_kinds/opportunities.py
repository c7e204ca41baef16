"""Opportunities (商机): open, won or lost, credited on the day they closed (or opened)."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
from django.utils.translation import gettext_lazy as _

from salestarget.actuals.import_kinds.describing import CUSTOMER_NAME
from salestarget.actuals.import_kinds.fields import (
    AMOUNT_SYNONYMS,
    CUSTOMER,
    EXTERNAL_ID,
    PERSON,
    currency_field,
)
from salestarget.actuals.importing.facts import FactImporter
from salestarget.actuals.importing.new_records import CREATE_NEW_CUSTOMERS
from salestarget.actuals.importing.rules import opportunity_rules
from salestarget.actuals.stages import stages_record_imported
from salestarget.importing.kinds import DATE, MONEY, STAGE, TEXT, FieldSpec, KindSpec

IMPORTER = FactImporter(
    create_new=CREATE_NEW_CUSTOMERS,
    output=(
        "external_id",
        "name",
        "customer_id",
        "person_id",
        "node_id",
        "amount",
        "opened_on",
        "closed_on",
        "stage",
    ),
    rules=opportunity_rules,
    credit_day=lambda: pl.coalesce(pl.col("closed_on"), pl.col("opened_on")),
    after_write=stages_record_imported,
)

OPPORTUNITIES = KindSpec(
    is_fact=True,
    importer=IMPORTER,
    key="opportunity",
    label=_("商机"),
    api_path="opportunities",
    model_name="Opportunity",
    date_field="closed_on",
    identity=("customer", "name", "opened_on"),
    id_rule=_(
        "外部编号：有“商机编号”列时用它；否则由客户、商机名称、创建日期算出（阶段变化时更新同一商机）。"
    ),
    notes=(_("阶段：赢单/输单/跟进中（won/lost/open）；赢单和输单须填关闭日期。"),),
    fields=(
        FieldSpec(
            "external_id",
            _("商机编号"),
            TEXT,
            synonyms=(
                *EXTERNAL_ID.synonyms,
                "商机编号",
                "商机id",
                "商机号",
                "opportunity id",
                "opp id",
                "deal id",
            ),
            max_length=255,
        ),
        FieldSpec(
            "name",
            _("商机名称"),
            TEXT,
            synonyms=(
                "商机名称",
                "商机",
                "项目名称",
                "名称",
                "name",
                "opportunity",
                "opportunity name",
                "deal",
                "title",
            ),
            max_length=255,
        ),
        CUSTOMER,
        replace(PERSON, required=True),
        FieldSpec(
            "amount",
            _("预计金额"),
            MONEY,
            synonyms=(
                *AMOUNT_SYNONYMS,
                "预计金额",
                "商机金额",
                "预估金额",
                "expected amount",
                "deal value",
                "deal amount",
            ),
        ),
        FieldSpec(
            "opened_on",
            _("创建日期"),
            DATE,
            happened=True,
            required=True,
            synonyms=(
                "创建日期",
                "立项日期",
                "开始日期",
                "日期",
                "created",
                "created date",
                "open date",
                "opened on",
                "创建时间",
                "立项时间",
                "created time",
                "created at",
                "date created",
                "create date",
            ),
        ),
        FieldSpec(
            "closed_on",
            _("关闭日期"),
            DATE,
            synonyms=(
                "关闭日期",
                "结束日期",
                "成交日期",
                "结案日期",
                "close date",
                "closed date",
                "closed on",
                "closing date",
                "结单日期",
                "关单日期",
                "赢单日期",
                "结单时间",
                "closed at",
                "date closed",
            ),
        ),
        FieldSpec(
            "stage",
            _("阶段"),
            STAGE,
            required=True,
            synonyms=(
                "阶段",
                "状态",
                "商机阶段",
                "商机状态",
                "结果",
                "stage",
                "status",
                "result",
                "outcome",
            ),
        ),
        currency_field(),
        CUSTOMER_NAME,  # after the customer, whose synonyms are tried first (describing.py)
    ),
)
