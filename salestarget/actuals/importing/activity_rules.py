"""What an activity (拜访, 电话 …) requires beyond its columns' types: its type, status and
outcome read from the words CRM exports use (Chinese and English), its time, a customer or a
lead, and whether it was with a new customer."""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext as _

from salestarget.catalog.models import Customer
from salestarget.importing.errors import ErrorLog

# The words of CRM exports (纷享销客 拜访/外勤, Salesforce Task/Event, HubSpot) for each type,
# lower-cased; the stored code is the key.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "visit": (
        "visit",
        "拜访",
        "上门拜访",
        "客户拜访",
        "外勤",
        "外勤签到",
        "meeting",
        "拜访客户",
        "面谈",
    ),
    "call": ("call", "电话", "打电话", "电话拜访", "phone", "phone call", "通话", "log a call"),
    "email": ("email", "e-mail", "邮件", "电子邮件", "mail", "发邮件"),
    "demo": ("demo", "演示", "产品演示", "presentation", "讲解", "方案演示"),
    "event": ("event", "展会", "活动", "trade show", "tradeshow", "exhibition", "会议营销", "参展"),
    "followup": ("followup", "follow-up", "follow up", "跟进", "跟进意向客户", "回访", "意向跟进"),
    "lead": ("lead", "new lead", "新线索", "线索", "新增线索", "潜在客户"),
}
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "done": ("done", "completed", "complete", "已完成", "完成", "已拜访", "已签到", "closed", "是"),
    "planned": (
        "planned",
        "plan",
        "计划",
        "计划中",
        "未开始",
        "待拜访",
        "open",
        "not started",
        "scheduled",
        "否",
    ),
}
OUTCOME_WORDS: dict[str, tuple[str, ...]] = {
    "interested": ("interested", "有意向", "意向", "感兴趣"),
    "opportunity": ("opportunity", "产生商机", "商机", "转商机", "opportunity created"),
    "deal": ("deal", "成交", "签单", "赢单", "won", "closed won"),
    "no_interest": ("no_interest", "无意向", "没有意向", "not interested", "no interest", "lost"),
}


def _lookup(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {w: code for code, ws in words.items() for w in (code, *ws)}


def _choice(
    df: pl.DataFrame,
    name: str,
    words: dict[str, tuple[str, ...]],
    errors: ErrorLog,
    *,
    valid: str,
) -> pl.Expr:
    t = pl.col(f"v_{name}").str.to_lowercase().str.replace_all(r"\s+", " ")
    value = t.replace_strict(_lookup(words), default=None, return_dtype=pl.String)
    errors.add(
        df,
        name,
        pl.when(t.is_not_null() & value.is_null())
        .then(pl.lit(_("无法识别；可用：%(valid)s") % {"valid": valid}))
        .otherwise(None),
    )
    return value


TIME = r"(\d{1,2}):(\d{2})"


def _time(df: pl.DataFrame, errors: ErrorLog) -> pl.Expr:
    """HH:MM from the time column, else from a date cell that carries a time (2026-03-05
    14:30), else ""."""
    given = pl.col("v_time")
    from_date = pl.col("raw_occurred_on") if "raw_occurred_on" in df.columns else pl.lit(None)
    text = pl.coalesce(given, from_date.cast(pl.String))
    hours = text.str.extract(TIME, 1).cast(pl.Int32, strict=False)
    minutes = text.str.extract(TIME, 2).cast(pl.Int32, strict=False)
    errors.add(
        df,
        "time",
        pl.when(given.is_not_null() & (hours.is_null() | (hours > 23) | (minutes > 59)))
        .then(pl.lit(_("时间应为 时:分，例如 14:30")))
        .otherwise(None),
    )
    ok = hours.is_not_null() & (hours <= 23) & (minutes <= 59)
    return (
        pl.when(ok)
        .then(
            pl.format(
                "{}:{}", hours.cast(pl.String).str.zfill(2), minutes.cast(pl.String).str.zfill(2)
            )
        )
        .otherwise(pl.lit(""))
    )


def _first_purchases() -> pl.DataFrame:
    rows = list(
        Customer.objects.filter(first_purchase_on__isnull=False).values_list(
            "id", "first_purchase_on"
        )
    )
    return pl.DataFrame(rows, schema={"customer_id": pl.Int64, "_first": pl.Date}, orient="row")


def activity_rules(df: pl.DataFrame, mapping: dict[str, str], errors: ErrorLog) -> pl.DataFrame:
    kind = _choice(
        df,
        "kind",
        KIND_WORDS,
        errors,
        valid="拜访/电话/邮件/演示/展会/跟进/新线索 (visit/call/email/demo/event/followup/lead)",
    )
    status = _choice(df, "status", STATUS_WORDS, errors, valid="已完成/计划 (done/planned)")
    outcome = _choice(
        df,
        "outcome",
        OUTCOME_WORDS,
        errors,
        valid="有意向/产生商机/成交/无意向 (interested/opportunity/deal/no_interest)",
    )
    lead = pl.col("v_lead")
    errors.add(
        df,
        "customer" if "customer" in mapping else "lead",
        pl.when(
            pl.col("customer_id").is_null()
            & pl.col("v_customer").is_null()
            & lead.is_null()
            & kind.is_not_null()
            & (kind != "event")
        )
        .then(pl.lit(_("客户和线索至少填一个（展会活动除外）")))
        .otherwise(None),
    )
    df = df.join(_first_purchases(), on="customer_id", how="left", maintain_order="left")
    # With a lead, or a customer that had bought nothing before the day.
    derived = (pl.col("customer_id").is_null() & lead.is_not_null()) | (
        pl.col("customer_id").is_not_null()
        & (pl.col("_first").is_null() | (pl.col("_first") >= pl.col("v_occurred_on")))
    )
    return df.with_columns(
        pl.col("v_occurred_on").alias("occurred_on"),
        _time(df, errors).alias("occurred_at"),
        kind.alias("kind"),
        status.fill_null("done").alias("status"),
        lead.fill_null("").alias("lead"),
        pl.coalesce(pl.col("v_new_customer"), derived).fill_null(False).alias("new_customer"),
        outcome.fill_null("").alias("outcome"),
        pl.col("v_notes").fill_null("").alias("notes"),
    )
