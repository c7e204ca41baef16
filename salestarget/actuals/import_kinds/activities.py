"""Sales activities (拜访, 电话, 邮件, 演示, 展会, 跟进, 新线索): from the phone entry, CRM activity
exports (Chinese and English headers) and API batches, credited on the day they happen.

Unlike the other facts, the people who do the work record it: a rep their own activities, a
manager those of their subtree, finance and the admin anybody's (``ActivityImporter``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import polars as pl
from django.utils.translation import gettext_lazy as _

from salestarget.actuals.import_kinds.fields import CUSTOMER, EXTERNAL_ID, PERSON
from salestarget.actuals.importing.activity_rules import activity_rules
from salestarget.actuals.importing.facts import FactImporter
from salestarget.importing.kinds import DATE, FLAG, TEXT, FieldSpec, KindSpec
from salestarget.org.scoping import Scope


@dataclass(frozen=True)
class ActivityImporter(FactImporter):
    def require(self, scope: Scope) -> None:
        # Reps their own (the pipeline refuses anybody else's rows), managers their subtree's.
        if scope.role is None or not scope.sees_anything:
            super().require(scope)


IMPORTER = ActivityImporter(
    output=(
        "external_id",
        "occurred_on",
        "occurred_at",
        "kind",
        "status",
        "person_id",
        "node_id",
        "customer_id",
        "lead",
        "new_customer",
        "outcome",
        "notes",
    ),
    rules=activity_rules,
    credit_day=lambda: pl.col("occurred_on"),
)

ACTIVITIES = KindSpec(
    is_fact=True,
    importer=IMPORTER,
    key="activity",
    label=_("销售活动"),
    api_path="activities",
    model_name="Activity",
    date_field="occurred_on",
    identity=("person", "occurred_on", "time", "kind", "customer", "lead"),
    id_rule=_(
        "外部编号：有“活动编号”列时用它；否则由人员、日期、时间、类型、客户和线索算出（同一活动再导入时更新它）。"
    ),
    notes=(
        _(
            "类型：拜访、电话、邮件、演示、展会、跟进、新线索（visit/call/email/demo/event/followup/lead）。"
        ),
        _("状态：已完成或计划（done/planned），空白为已完成；只有已完成的活动计入活动指标。"),
        _("客户和线索至少填一个（展会活动除外）；新客户：线索，或活动日之前没有购买的客户。"),
    ),
    fields=(
        FieldSpec(
            "external_id",
            _("活动编号"),
            TEXT,
            synonyms=(
                *EXTERNAL_ID.synonyms,
                "活动编号",
                "活动id",
                "拜访编号",
                "拜访id",
                "跟进记录编号",
                "activity id",
                "task id",
                "event id",
            ),
            max_length=255,
        ),
        FieldSpec(
            "occurred_on",
            _("活动日期"),
            DATE,
            required=True,
            synonyms=(
                "活动日期",
                "拜访日期",
                "跟进日期",
                "日期",
                "活动时间",
                "拜访时间",
                "跟进时间",
                "签到时间",
                "开始时间",
                "date",
                "activity date",
                "visit date",
                "due date",
                "start",
                "start date",
                "start time",
                "activity datetime",
            ),
        ),
        FieldSpec(
            "time",
            _("时间"),
            TEXT,
            synonyms=("时间", "时刻", "开始时刻", "time", "start hour"),
            max_length=20,
        ),
        FieldSpec(
            "kind",
            _("活动类型"),
            TEXT,
            required=True,
            synonyms=(
                "活动类型",
                "类型",
                "拜访类型",
                "跟进方式",
                "跟进类型",
                "方式",
                "type",
                "activity type",
                "task type",
                "task subtype",
                "subtype",
            ),
            max_length=40,
        ),
        FieldSpec(
            "status",
            _("状态"),
            TEXT,
            synonyms=("状态", "活动状态", "拜访状态", "是否完成", "status", "activity status"),
            max_length=40,
        ),
        replace(
            PERSON,
            required=True,
            synonyms=(*PERSON.synonyms, "拜访人", "跟进人", "执行人", "assigned to", "assigned"),
        ),
        replace(CUSTOMER, required=False, synonyms=(*CUSTOMER.synonyms, "拜访客户", "related to")),
        FieldSpec(
            "lead",
            _("线索"),
            TEXT,
            synonyms=("线索", "线索名称", "潜在客户", "意向客户", "lead", "lead name", "prospect"),
            max_length=255,
        ),
        FieldSpec(
            "outcome",
            _("结果"),
            TEXT,
            synonyms=(
                "结果",
                "拜访结果",
                "跟进结果",
                "活动结果",
                "outcome",
                "result",
                "call result",
            ),
            max_length=40,
        ),
        FieldSpec(
            "new_customer",
            _("新客户"),
            FLAG,
            synonyms=("新客户", "是否新客户", "new customer", "is new customer"),
        ),
        FieldSpec(
            "notes",
            _("备注"),
            TEXT,
            synonyms=(
                "备注",
                "内容",
                "拜访内容",
                "跟进内容",
                "跟进记录",
                "描述",
                "主题",
                "notes",
                "note",
                "description",
                "comments",
                "subject",
            ),
            max_length=2000,
        ),
    ),
)
