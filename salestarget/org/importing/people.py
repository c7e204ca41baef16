"""People: created or updated by employee number, placed in their node from a date; roles
and logins are the admin's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.contrib.auth.models import User
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.importing.kinds import KindSpec
from salestarget.importing.master import (
    MATCH_RULE,
    MasterImporter,
    Step,
    differs,
    in_scope,
    match,
    message,
    model_frame,
    reason_if,
    with_stored,
)
from salestarget.importing.reading import ROW
from salestarget.org.importing.people_columns import FIX, MOVE, NONE, OPEN, PEOPLE_FIELDS, ROLES
from salestarget.org.importing.people_store import people_store
from salestarget.org.masterdata import require_master_data_editor
from salestarget.org.models import Membership, OrgNode, Person, Role

# --- people ----------------------------------------------------------------------------------

PERSON_STORED = {
    "name": pl.String,
    "email": pl.String,
    "phone": pl.String,
    "role": pl.String,
    "hired_on": pl.Date,
    "is_active": pl.Boolean,
    "user_id": pl.Int64,
}
MEMBERSHIP = {
    "id": pl.Int64,
    "person_id": pl.Int64,
    "node_id": pl.Int64,
    "valid_from": pl.Date,
    "valid_to": pl.Date,
    "is_manager": pl.Boolean,
}


def default_start(today: dt.date) -> dt.date:
    """Where the file gives neither a start nor a hiring date, a new person belongs to their
    node from 1 January of last year (sales of this year and last credit them), a start not
    stated (``Membership.start_stated``): their older facts, when imported, move it back to the
    earliest of them, however many years back the history goes."""
    return dt.date(today.year - 1, 1, 1)


def _full_name() -> pl.Expr:
    """姓名, or "First Last" when the file splits a name into two columns ("José García");
    Chinese and Japanese names put the family name first, without a space (王 + 小明)."""
    given, family = pl.col("v_name"), pl.col("v_family_name")
    east_asian = pl.concat_str([given, family], ignore_nulls=True).str.contains(
        r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]"
    )
    return (
        pl.when(family.is_null())
        .then(given)
        .when(given.is_null())
        .then(family)
        .when(east_asian)
        .then(pl.concat_str([family, given]))
        .otherwise(pl.concat_str([given, family], separator=" "))
    )


def _leads() -> pl.Expr:
    """Whether a person leads the unit the file places them in when it does not say (no
    是否负责人 column, or a blank cell): a manager does. A new company's people list says
    销售经理 and nothing more; without this its managers led nothing and saw nothing."""
    return (pl.col("role") == Role.MANAGER).fill_null(False)


def _check_people(step: Step, df: pl.DataFrame) -> pl.DataFrame:
    scope = step.scope
    today = timezone.localdate()
    df = df.with_columns(_full_name().alias("v_name"))
    df = with_stored(step, df, Person, PERSON_STORED, key="employee_no")
    new = pl.col("_id").is_null()
    if not scope.everything:
        visible = list(scope.people().values_list("pk", flat=True))
        step.errors.add(
            df,
            "employee_no",
            reason_if(~new & ~pl.col("_id").is_in(visible), _("该人员不在你的权限范围内。")),
        )
    df = _roles(step, df)
    df = _nodes(step, df)
    df = df.with_columns(
        pl.coalesce(
            pl.col("v_valid_from"),
            pl.when(new)
            .then(pl.coalesce(pl.col("v_hired_on"), pl.lit(default_start(today))))
            .otherwise(pl.lit(today)),
        ).alias("valid_from"),
        (pl.col("v_valid_from").is_not_null() | pl.col("v_hired_on").is_not_null() | ~new).alias(
            "start_stated"
        ),
        pl.coalesce(pl.col("v_hired_on"), pl.col("db_hired_on")).alias("hired_on"),
        pl.coalesce(pl.col("v_email"), pl.col("db_email"), pl.lit("")).alias("email"),
        pl.coalesce(pl.col("v_phone"), pl.col("db_phone"), pl.lit("")).alias("phone"),
        pl.coalesce(pl.col("v_is_manager"), _leads()).alias("is_manager"),
    )
    df = _memberships(step, df)
    df = _usernames(step, df)
    labels = {value: str(label) for value, label in Role.choices}
    moves = {OPEN: _("加入"), MOVE: _("调入"), FIX: _("更正任职"), NONE: ""}
    return df.with_columns(
        (
            differs(
                [
                    ("v_name", "db_name"),
                    ("email", "db_email"),
                    ("phone", "db_phone"),
                    ("role", "db_role"),
                    ("hired_on", "db_hired_on"),
                ]
            )
            | (~new & ((pl.col("membership") != NONE) | (pl.col("user_action") != NONE)))
        ).alias("_changed"),
        pl.col("role")
        .replace_strict(labels, default=None, return_dtype=pl.String)
        .alias("role_shown"),
        pl.format(
            "{} {}",
            pl.col("membership").replace_strict(moves, default="", return_dtype=pl.String),
            pl.col("node_name").fill_null(""),
        ).alias("membership_shown"),
    )


def _roles(step: Step, df: pl.DataFrame) -> pl.DataFrame:
    """Only an admin sets a role other than rep, or changes one; nobody demotes themself."""
    scope = step.scope
    new = pl.col("_id").is_null()
    df = df.with_columns(
        pl.coalesce(pl.col("v_role"), pl.col("db_role"), pl.lit(Role.REP)).alias("role")
    )
    changes = (new & (pl.col("role") != Role.REP)) | (
        ~new & pl.col("v_role").is_not_null() & (pl.col("v_role") != pl.col("db_role"))
    )
    if not scope.is_admin:
        step.errors.add(df, "role", reason_if(changes, _("只有系统管理员可以设置角色。")))
    elif scope.person_id is not None:
        myself = pl.col("_id") == scope.person_id
        step.errors.add(
            df,
            "role",
            reason_if(
                changes & myself & (pl.col("role") != Role.ADMIN),
                _("不能取消你自己的系统管理员角色。"),
            ),
        )
    return df


def _nodes(step: Step, df: pl.DataFrame) -> pl.DataFrame:
    nodes = model_frame(
        OrgNode.objects.all(),
        {
            "id": pl.Int64,
            "code": pl.String,
            "name": pl.String,
            "is_active": pl.Boolean,
            "path": pl.String,
        },
    )
    df = match(df, "v_node", nodes, what=_("组织"), out="node")
    df = df.join(
        nodes.select(
            pl.col("id").alias("node_id"),
            pl.col("name").alias("node_name"),
            pl.col("is_active").alias("_node_active"),
            pl.col("path").alias("_node_path"),
        ),
        on="node_id",
        how="left",
        maintain_order="left",
    )
    step.errors.add(
        df,
        "node",
        pl.when(pl.col("_id").is_null() & pl.col("v_node").is_null())
        .then(pl.lit(_("请选择所属组织。")))
        .when(pl.col("node_reason").is_not_null())
        .then(pl.col("node_reason"))
        .when(pl.col("node_id").is_not_null() & ~in_scope(step.scope, pl.col("_node_path")))
        .then(pl.lit(_("所选组织不在你的权限范围内。")))
        .when(pl.col("_node_active").not_())
        .then(message(_("组织“%(name)s”已停用。"), name=pl.col("node_name")))
        .otherwise(None),
    )
    return df


def _memberships(step: Step, df: pl.DataFrame) -> pl.DataFrame:
    """``membership`` (what happens to the person's history) and ``current_id`` (the
    membership a move ends or a correction changes)."""
    ids = df["_id"].drop_nulls().unique().to_list()
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), 5000):
        rows += Membership.objects.filter(person_id__in=ids[start : start + 5000]).values_list(
            *MEMBERSHIP
        )
    history = pl.DataFrame(rows, schema=MEMBERSHIP, orient="row").rename(
        {"id": "_m_id", "person_id": "_id"}
    )
    day = df.select(ROW, "_id", "valid_from").drop_nulls("_id")
    joined = day.join(history.rename({"valid_from": "_m_from"}), on="_id", how="inner")
    current = (
        joined.filter(
            (pl.col("_m_from") <= pl.col("valid_from"))
            & (pl.col("valid_to").is_null() | (pl.col("valid_to") > pl.col("valid_from")))
        )
        .sort([ROW, "_m_from"], descending=[False, True])
        .unique(ROW, keep="first")
        .select(
            ROW,
            pl.col("_m_id").alias("current_id"),
            pl.col("node_id").alias("_current_node"),
            pl.col("is_manager").alias("_current_manager"),
            pl.col("_m_from").alias("_current_from"),
        )
    )
    later = (
        joined.filter(pl.col("_m_from") > pl.col("valid_from"))
        .group_by(ROW)
        .agg(pl.len().alias("_later"))
    )
    df = df.join(current, on=ROW, how="left", maintain_order="left").join(
        later, on=ROW, how="left", maintain_order="left"
    )
    manager_same = (
        pl.col("_current_manager") == pl.col("is_manager")
        if step.mapped("is_manager")
        else pl.lit(True)
    )
    has_node = pl.col("node_id").is_not_null()
    membership = (
        pl.when(~has_node)
        .then(pl.lit(NONE))
        .when(pl.col("_id").is_null())
        .then(pl.lit(OPEN))
        .when((pl.col("_current_node") == pl.col("node_id")) & manager_same)
        .then(pl.lit(NONE))
        .when(pl.col("_later").is_not_null())
        .then(pl.lit("later"))
        .when(pl.col("_current_from") == pl.col("valid_from"))
        .then(pl.lit(FIX))
        .when(pl.col("current_id").is_not_null())
        .then(pl.lit(MOVE))
        .otherwise(pl.lit(OPEN))
    )
    df = df.with_columns(membership.alias("membership"))
    where = "valid_from" if step.mapped("valid_from") else "node"
    step.errors.add(
        df,
        where,
        reason_if(
            pl.col("membership") == "later",
            message(
                _("该人员在 %(day)s 或之后已有任职记录，请先处理。"),
                day=pl.col("valid_from").cast(pl.String),
            ),
        ),
    )
    step.errors.add(
        df,
        "node",
        reason_if(
            pl.col("membership").is_in([OPEN, MOVE, FIX]) & pl.col("db_is_active").not_(),
            _("该人员已停用，请先启用。"),
        ),
    )
    # Keep the manager flag of a membership the file does not say anything about.
    keep_flag = pl.col("_current_manager") if not step.mapped("is_manager") else None
    if keep_flag is not None:
        df = df.with_columns(
            pl.when(pl.col("membership") == FIX)
            .then(keep_flag)
            .otherwise(pl.col("is_manager"))
            .alias("is_manager")
        )
    return df


def _usernames(step: Step, df: pl.DataFrame) -> pl.DataFrame:
    """Logins: only an admin creates or renames one; a name is taken once (case-insensitive)."""
    username = pl.col("v_username")
    lowered = df["v_username"].drop_nulls().str.to_lowercase().unique().to_list()
    taken = pl.DataFrame(
        list(
            User.objects.annotate(lowered=Lower("username"))
            .filter(lowered__in=lowered)
            .values_list("lowered", "pk")
        ),
        schema={"_lowered": pl.String, "_taken_by": pl.Int64},
        orient="row",
    )
    user_ids = df["db_user_id"].drop_nulls().to_list()
    current = pl.DataFrame(
        list(User.objects.filter(pk__in=user_ids).values_list("pk", "username")),
        schema={"db_user_id": pl.Int64, "db_username": pl.String},
        orient="row",
    )
    df = (
        df.with_columns(username.str.to_lowercase().alias("_lowered"))
        .join(taken, on="_lowered", how="left", maintain_order="left")
        .join(current, on="db_user_id", how="left", maintain_order="left")
    )
    first = (
        df.filter(pl.col("_lowered").is_not_null())
        .group_by("_lowered")
        .agg(pl.col(ROW).min().alias("_first_login"))
    )
    df = df.join(first, on="_lowered", how="left", maintain_order="left")
    action = (
        pl.when(username.is_null())
        .then(pl.lit(NONE))
        .when(pl.col("db_user_id").is_null())
        .then(pl.lit("create"))
        .when(pl.col("db_username") != username)
        .then(pl.lit("rename"))
        .otherwise(pl.lit(NONE))
    )
    df = df.with_columns(action.alias("user_action"))
    step.errors.add(
        df,
        "username",
        pl.when((pl.col("user_action") != NONE) & pl.lit(not step.scope.is_admin))
        .then(pl.lit(_("只有系统管理员可以设置登录账号。")))
        .when(pl.col("_first_login") != pl.col(ROW))
        .then(
            pl.format(
                _("用户名“{}”在文件中重复（与第 {} 行相同）"), username, pl.col("_first_login")
            )
        )
        .when(
            pl.col("_taken_by").is_not_null() & pl.col("_taken_by").ne_missing(pl.col("db_user_id"))
        )
        .then(message(_("用户名“%(value)s”已被使用。"), value=username))
        .otherwise(None),
    )
    return df


PEOPLE = KindSpec(
    key="people",
    label=gettext_lazy("人员"),
    api_path="people/batch",
    model_name="Person",
    date_field="",
    fields=PEOPLE_FIELDS,
    id_rule=gettext_lazy(
        "按工号更新：工号已存在的人员被更新，不存在的被新建；文件中没有的人员保持不变，不会被停用。"
    ),
    notes=(
        gettext_lazy(
            "所属组织按编码或名称查找。新人员从“任职生效日期”（没有则用入职日期，都没有则为去年 1 月 1 日，"
            "之后导入此人更早的业绩时自动提前到其中最早的日期）起属于该组织；"
            "已有人员换了组织时，从该日期（没有则为今天）起调入，之前的业绩仍记在原组织。"
        ),
        gettext_lazy(
            "“是否负责人”空白（或文件没有该列）时，经理是其所属组织的负责人，其他角色不是。"
        ),
        gettext_lazy(
            "只有系统管理员可以设置销售代表以外的角色和登录用户名；导入的登录账号没有密码，请在人员的“账号与角色”页面设置。"
        ),
        MATCH_RULE,
    ),
    importer=MasterImporter(
        require=require_master_data_editor,
        list_url="org:person_list",
        check=_check_people,
        store=people_store,
        preview=(
            ("v_employee_no", gettext_lazy("工号")),
            ("v_name", gettext_lazy("姓名")),
            ("role_shown", gettext_lazy("角色")),
            ("membership_shown", gettext_lazy("所属组织")),
            ("valid_from", gettext_lazy("任职生效日期")),
            ("is_manager", gettext_lazy("是否负责人")),
            ("v_username", gettext_lazy("登录用户名")),
        ),
        choices={"role": ROLES},
        english={
            "employee_no": "Employee ID",
            "name": "Name",
            "family_name": "Last Name",
            "email": "Email",
            "phone": "Phone",
            "role": "Role",
            "node": "Team",
            "valid_from": "Effective Date",
            "hired_on": "Start Date",
            "is_manager": "Is Manager",
            "username": "Username",
        },
        example={
            "employee_no": "E1001",
            "name": "王小明",
            "family_name": "",
            "email": "wangxm@example.com",
            "phone": "13800000000",
            "role": "销售代表",
            "node": "北京一组",
            "valid_from": "",
            "hired_on": "2023-03-01",
            "is_manager": "否",
            "username": "",
        },
    ),
)
