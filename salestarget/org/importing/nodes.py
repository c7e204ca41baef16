"""Org nodes: a tree, parents by code or name anywhere in the file; one top node."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.importing.kinds import TEXT, FieldSpec, KindSpec, WriteResult
from salestarget.importing.master import (
    CHOICE,
    CODE,
    MATCH_RULE,
    NAMES_RULE,
    REF,
    UPSERT_RULE,
    Choices,
    MasterImporter,
    Step,
    differs,
    in_scope,
    message,
    model_frame,
    reason_if,
)
from salestarget.importing.master.tree import (
    tree_orphans,
    tree_parents,
    tree_store,
    with_parent,
    with_stored_nodes,
)
from salestarget.org.masterdata import require_master_data_editor
from salestarget.org.models import NodeKind, OrgNode

# --- org nodes -------------------------------------------------------------------------------

NODE_KINDS = Choices(
    NodeKind,
    {
        "总公司": NodeKind.COMPANY,
        "集团": NodeKind.COMPANY,
        "部门": NodeKind.DIVISION,
        "事业部": NodeKind.DIVISION,
        "销售部": NodeKind.DIVISION,
        "区域": NodeKind.REGION,
        "大区": NodeKind.REGION,
        "片区": NodeKind.REGION,
        "子公司": NodeKind.BRANCH,
        "办事处": NodeKind.BRANCH,
        "小组": NodeKind.TEAM,
        "组": NodeKind.TEAM,
        "销售组": NodeKind.TEAM,
        "group": NodeKind.TEAM,
        "department": NodeKind.DIVISION,
        "office": NodeKind.BRANCH,
    },
)

NODE_FIELDS = (
    FieldSpec(
        "code",
        gettext_lazy("组织编码"),
        CODE,
        required=True,
        synonyms=(
            "组织编码",
            "部门编码",
            "团队编码",
            "组织代码",
            "部门代码",
            "编码",
            "代码",
            "org code",
            "department code",
            "team code",
            "node code",
            "unit code",
            "org unit code",
            "部门id",
            "组织id",
            "团队id",
            "department id",
            "org id",
            "unit id",
            "code",
            "id",
        ),
        max_length=60,
    ),
    FieldSpec(
        "name",
        gettext_lazy("组织名称"),
        TEXT,
        required=True,
        synonyms=(
            "组织名称",
            "部门名称",
            "团队名称",
            "名称",
            "组织",
            "部门",
            "团队",
            "org name",
            "department name",
            "team name",
            "unit name",
            "org unit",
            "org unit name",
            "name",
            "department",
            "team",
        ),
        max_length=255,
    ),
    FieldSpec(
        "kind",
        gettext_lazy("组织类型"),
        CHOICE,
        synonyms=("组织类型", "类型", "层级", "级别", "kind", "type", "level", "org type"),
    ),
    FieldSpec(
        "parent",
        gettext_lazy("上级组织"),
        REF,
        synonyms=(
            "上级组织",
            "上级组织编码",
            "上级部门",
            "上级编码",
            "上级",
            "所属组织",
            "所属部门",
            "parent",
            "parent code",
            "parent department",
            "parent org",
            "parent unit",
            "上级部门id",
            "上级组织id",
            "parent id",
            "parent department id",
            "reports to",
        ),
    ),
)

NODE_STORED = {
    "id": pl.Int64,
    "code": pl.String,
    "name": pl.String,
    "parent_id": pl.Int64,
    "kind": pl.String,
    "is_active": pl.Boolean,
    "path": pl.String,
}


def _check_nodes(step: Step, df: pl.DataFrame) -> pl.DataFrame:
    stored = model_frame(OrgNode.objects.all(), NODE_STORED)
    df = with_stored_nodes(df, stored)
    df = tree_parents(step, df, stored, what=_("组织"))
    root = pl.col("parent_code").is_null()
    df = df.with_columns(
        pl.coalesce(pl.col("v_name"), pl.col("db_name")).alias("name"),
        pl.coalesce(
            pl.col("v_kind"),
            pl.col("db_kind"),
            pl.when(root).then(pl.lit(NodeKind.COMPANY)).otherwise(pl.lit(NodeKind.TEAM)),
        ).alias("kind"),
        pl.col("db_is_active").fill_null(True).alias("active"),
    )
    df = with_parent(df, stored, {"is_active": "active", "name": "name", "path": "db_path"})
    scope = step.scope
    where = "parent" if step.mapped("parent") else "code"
    if not scope.everything:
        step.errors.add(
            df,
            "code",
            reason_if(
                pl.col("_id").is_not_null() & ~in_scope(scope, pl.col("db_path")),
                _("该组织不在你的权限范围内。"),
            ),
        )
        step.errors.add(
            df,
            where,
            pl.when(root & pl.col("depth").is_not_null())
            .then(pl.lit(_("请选择上级组织。")))
            .when(~pl.col("parent_in_file") & ~root & ~in_scope(scope, pl.col("parent_path")))
            .then(pl.lit(_("上级组织不在你的权限范围内。")))
            .otherwise(None),
        )
    else:
        first = df.filter(pl.col("v_code").is_not_null()).unique("v_code", keep="first")
        in_file = first["v_code"].implode()
        roots = (
            first.filter(root).height
            + stored.filter(pl.col("parent_id").is_null() & ~pl.col("code").is_in(in_file)).height
        )
        if roots > 1:
            step.errors.add(
                df,
                where,
                reason_if(
                    root & pl.col("depth").is_not_null(),
                    _("公司只能有一个最上级组织，请选择上级组织。"),
                ),
            )
    step.errors.add(
        df,
        "parent",
        reason_if(
            pl.col("parent_is_active").not_(),
            message(_("上级组织“%(name)s”已停用。"), name=pl.col("parent_name")),
        ),
    )
    labels = {value: str(label) for value, label in NodeKind.choices}
    df = df.with_columns(
        differs(
            [("name", "db_name"), ("kind", "db_kind"), ("parent_code", "db_parent_code")]
        ).alias("_changed"),
        pl.col("kind")
        .replace_strict(labels, default=None, return_dtype=pl.String)
        .alias("kind_shown"),
    )
    tree_orphans(step, df)
    return df


def _store_nodes(rows: pl.DataFrame) -> WriteResult:
    def build(r: dict[str, Any]) -> OrgNode:
        return OrgNode(code=r["v_code"], name=r["name"], kind=r["kind"])

    return tree_store(OrgNode, rows, build, ["name", "kind"], with_depth=True)


ORG_NODES = KindSpec(
    key="org-nodes",
    label=gettext_lazy("组织"),
    api_path="nodes/batch",
    model_name="OrgNode",
    date_field="",
    fields=NODE_FIELDS,
    id_rule=UPSERT_RULE,
    notes=(
        gettext_lazy(
            "上级组织可以是同一文件中的任何一行（顺序不限），也可以是已有的组织；公司只有一个最上级组织。"
            "类型留空时，最上级为公司，其余为团队。"
        ),
        MATCH_RULE,
        NAMES_RULE,
    ),
    importer=MasterImporter(
        require=require_master_data_editor,
        list_url="org:node_list",
        named=OrgNode,
        check=_check_nodes,
        store=_store_nodes,
        preview=(
            ("v_code", gettext_lazy("组织编码")),
            ("name", gettext_lazy("组织名称")),
            ("kind_shown", gettext_lazy("组织类型")),
            ("parent_code", gettext_lazy("上级组织")),
        ),
        choices={"kind": NODE_KINDS},
        english={"code": "Org Code", "name": "Org Name", "kind": "Kind", "parent": "Parent"},
        example={"code": "BJ1", "name": "北京一组", "kind": "团队", "parent": "NORTH"},
    ),
)
