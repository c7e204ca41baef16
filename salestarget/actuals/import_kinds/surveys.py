"""Customer satisfaction surveys: a score per customer, credited like payments."""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext_lazy as _

from salestarget.actuals.import_kinds.fields import CUSTOMER, EXTERNAL_ID, PERSON
from salestarget.actuals.importing.facts import FactImporter
from salestarget.actuals.importing.rules import survey_rules
from salestarget.importing.kinds import DATE, SCORE, TEXT, FieldSpec, KindSpec

IMPORTER = FactImporter(
    output=("external_id", "surveyed_on", "customer_id", "person_id", "node_id", "score"),
    rules=survey_rules,
    credit_day=lambda: pl.col("surveyed_on"),
)

SURVEYS = KindSpec(
    is_fact=True,
    importer=IMPORTER,
    key="survey",
    label=_("客户满意度调查"),
    api_path="surveys",
    model_name="SurveyResponse",
    date_field="surveyed_on",
    identity=("surveyed_on", "customer", "person", "score"),
    id_rule=_("外部编号：有“问卷编号”列时用它；否则由日期、客户、人员、得分算出。"),
    notes=(_("得分 0–100（常见 1–5 或 1–10 分制照原样保存）；人员为空时记到客户的负责人。"),),
    fields=(
        FieldSpec(
            "surveyed_on",
            _("调查日期"),
            DATE,
            happened=True,
            required=True,
            synonyms=(
                "日期",
                "调查日期",
                "回访日期",
                "评价日期",
                "date",
                "survey date",
                "response date",
            ),
        ),
        FieldSpec(
            "external_id",
            _("问卷编号"),
            TEXT,
            synonyms=(*EXTERNAL_ID.synonyms, "问卷编号", "回访单号", "response id", "survey id"),
            max_length=255,
        ),
        CUSTOMER,
        FieldSpec("person", _("人员"), "person", synonyms=PERSON.synonyms),
        FieldSpec(
            "score",
            _("满意度得分"),
            SCORE,
            required=True,
            synonyms=(
                "满意度",
                "得分",
                "分数",
                "满意度得分",
                "评分",
                "score",
                "rating",
                "csat",
                "satisfaction",
                "nps",
            ),
        ),
    ),
)
