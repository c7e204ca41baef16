"""Sales expenses, credited to the person's node or to the node they name."""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from salestarget.actuals.import_kinds.fields import (
    AMOUNT_SYNONYMS,
    EXTERNAL_ID,
    PERSON,
    currency_field,
)
from salestarget.actuals.importing.facts import FactImporter
from salestarget.actuals.importing.rules import expense_rules
from salestarget.importing.kinds import DATE, MONEY, TEXT, FieldSpec, KindSpec

IMPORTER = FactImporter(
    output=("external_id", "spent_on", "person_id", "node_id", "category", "amount"),
    rules=expense_rules,
    credit_day=lambda: pl.col("spent_on"),
    node_given=True,
)


def person_or_node(mapping: dict[str, str]) -> list[str]:
    if "person" not in mapping and "node" not in mapping:
        return [gettext_now("缺少列：人员或组织（至少一个）")]
    return []


EXPENSES = KindSpec(
    is_fact=True,
    importer=IMPORTER,
    key="expense",
    label=_("销售费用"),
    api_path="expenses",
    model_name="Expense",
    date_field="spent_on",
    identity=("spent_on", "person", "node", "category", "amount"),
    mapping_check=person_or_node,
    id_rule=_(
        "外部编号：有“外部编号”列时用它；否则由日期、人员、组织、类别、金额算出（相同的行按出现次序区分）。"
    ),
    notes=(
        _("人员和组织至少填一个；只填人员时，费用记到该人员当天所在的组织。金额可为负（冲销）。"),
    ),
    fields=(
        FieldSpec(
            "spent_on",
            _("费用日期"),
            DATE,
            happened=True,
            required=True,
            synonyms=(
                "日期",
                "费用日期",
                "报销日期",
                "发生日期",
                "date",
                "expense date",
                "spent on",
            ),
        ),
        FieldSpec(
            "external_id",
            EXTERNAL_ID.label,
            TEXT,
            synonyms=(
                *EXTERNAL_ID.synonyms,
                "报销单号",
                "费用单号",
                "单号",
                "expense id",
                "claim no",
            ),
            max_length=255,
        ),
        FieldSpec(
            "person",
            _("人员"),
            "person",
            synonyms=(*PERSON.synonyms, "报销人", "申请人"),
        ),
        FieldSpec(
            "node",
            _("组织"),
            "node",
            synonyms=(
                "组织",
                "部门",
                "团队",
                "所属部门",
                "组织编码",
                "部门编码",
                "成本中心",
                "department",
                "team",
                "org",
                "organisation",
                "organization",
                "cost center",
                "cost centre",
            ),
        ),
        FieldSpec(
            "category",
            _("费用类别"),
            TEXT,
            required=True,
            synonyms=(
                "费用类别",
                "费用类型",
                "类别",
                "科目",
                "费用科目",
                "费用项目",
                "category",
                "expense type",
                "type",
                "expense category",
            ),
            max_length=255,
        ),
        FieldSpec(
            "amount",
            _("金额"),
            MONEY,
            required=True,
            synonyms=(*AMOUNT_SYNONYMS, "费用金额", "报销金额", "expense amount", "expense"),
        ),
        currency_field(),
    ),
)
