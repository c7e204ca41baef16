"""Who a sales line is credited to when the file names nobody: the crediting rule.

Many order exports have no salesperson column. The rule is chosen when the columns are mapped
(the mapping page, ``salestarget import --credit …``), kept in the batch's options, remembered
for the source with its mapping, and stated on the batch page. It fills the lines whose
salesperson cell is empty (all of them when there is no such column); a person the file
names always wins.

- ``owner``: the customer's owner;
- ``dimension``: a table from the line's region (or customer type, or channel) to a person or
  a team — a team credits its manager on the sale date; a region in the table covers the
  regions below it, the nearest one wins;
- ``default``: one person;

and a default person, when given, catches what the rule leaves (a customer without owner, a
region the table does not name). What is still left is an error naming why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.actuals.importing.references import (
    managers_frame,
    reference_frame,
    region_ancestors,
)
from salestarget.importing.errors import ErrorLog
from salestarget.importing.kinds import KindSpec
from salestarget.importing.lookups import resolve
from salestarget.importing.mapping import options_remembered
from salestarget.importing.reading import ROW

OWNER = "owner"
DIMENSION = "dimension"
DEFAULT = "default"
RULES = {
    OWNER: gettext_lazy("客户负责人"),
    DIMENSION: gettext_lazy("按维度对应的人员或团队"),
    DEFAULT: gettext_lazy("默认人员"),
}
DIMENSIONS = {
    "region": gettext_lazy("区域"),
    "customer_type": gettext_lazy("客户类型"),
    "channel": gettext_lazy("渠道"),
}
# The option keys in a batch's options (and the mapping remembered for its source).
KEYS = ("credit", "credit_by", "credit_map", "credit_default")
SEPARATORS = ("=", "＝", "→", ":", "：")


def credit_pairs(text: str) -> dict[str, str]:
    """``"华北=E001\\n华东=TEAM-E"`` → {"华北": "E001", "华东": "TEAM-E"}; blank lines skipped."""
    pairs: dict[str, str] = {}
    for line in text.replace(";", "\n").replace("；", "\n").splitlines():
        if not line.strip():
            continue
        at = min((line.find(s) for s in SEPARATORS if s in line), default=-1)
        key, value = (line[:at], line[at + 1 :]) if at >= 0 else (line, "")
        pairs[key.strip()] = value.strip()
    return pairs


@dataclass(frozen=True)
class CreditRule:
    rule: str = ""  # "", OWNER, DIMENSION, DEFAULT
    by: str = "region"
    table: dict[str, str] = field(default_factory=dict)
    default: str = ""

    @classmethod
    def from_options(cls, options: Mapping[str, object]) -> CreditRule:
        rule = str(options.get("credit") or "")
        return cls(
            rule=rule if rule in RULES else "",
            by=str(options.get("credit_by") or "region"),
            table=credit_pairs(str(options.get("credit_map") or "")),
            default=str(options.get("credit_default") or "").strip(),
        )

    @property
    def chosen(self) -> bool:
        return bool(self.rule)

    def problems(self) -> list[str]:
        """What is wrong with the rule itself, before any line is looked at."""
        if not self.rule:
            return []
        problems = []
        if self.rule == DIMENSION:
            if self.by not in DIMENSIONS:
                problems.append(
                    _("计入规则的维度“%(by)s”无效，可选：%(choices)s")
                    % {"by": self.by, "choices": ", ".join(DIMENSIONS)}
                )
            elif not self.table:
                problems.append(_("按维度计入：请填写对应表（每行一个“区域=人员或团队”）"))
            problems.extend(
                _("对应表中“%(key)s”没有写对应的人员或团队") % {"key": k}
                for k, v in self.table.items()
                if not v
            )
        if self.rule == DEFAULT and not self.default:
            problems.append(_("计入规则为默认人员，但没有填写默认人员"))
        return problems

    def described(self) -> str:
        """The rule as the batch page states it."""
        if not self.rule:
            return ""
        if self.rule == DIMENSION:
            text = _("按%(by)s对应：%(table)s") % {
                "by": DIMENSIONS.get(self.by, self.by),
                "table": _("；").join(f"{k} → {v}" for k, v in self.table.items()),
            }
        elif self.rule == OWNER:
            text = str(RULES[OWNER])
        else:
            text = _("默认人员 %(who)s") % {"who": self.default}
        if self.default and self.rule != DEFAULT:
            text += _("；其余计入默认人员 %(who)s") % {"who": self.default}
        return _("销售人员为空的行计入：%(rule)s") % {"rule": text}


def credit_options(
    rule: str | None, *, by: str = "region", table: Mapping[str, str], default: str = ""
) -> dict[str, object]:
    """A rule given as values (the command line's ``--credit …``, an API batch's ``credit``)
    as the batch's options: the keys the mapping page's form gives."""
    if not rule:
        return {}
    return {
        "credit": rule,
        "credit_by": by,
        "credit_map": "\n".join(f"{k}={v}" for k, v in table.items()),
        "credit_default": default,
    }


def credit_remembered(*, kind: KindSpec, source: str) -> dict[str, object]:
    """The crediting rule last used for ``source`` (none: empty), for a batch that names
    none."""
    return {k: v for k, v in options_remembered(kind=kind, source=source).items() if k in KEYS}


class CreditingOptions:
    """The crediting rule on the mapping page and the batch page (``KindSpec.batch_options``)."""

    def fields(self) -> dict[str, Any]:
        select = {"class": "form-select"}
        return {
            "credit": forms.ChoiceField(
                label=gettext_lazy("销售人员为空或没有此列时计入"),
                required=False,
                choices=[("", gettext_lazy("不计入（销售人员必填）")), *RULES.items()],
                widget=forms.Select(attrs=select),
            ),
            "credit_by": forms.ChoiceField(
                label=gettext_lazy("按哪个维度对应"),
                required=False,
                choices=list(DIMENSIONS.items()),
                widget=forms.Select(attrs=select),
            ),
            "credit_map": forms.CharField(
                label=gettext_lazy("对应表"),
                required=False,
                widget=forms.Textarea(
                    attrs={"class": "form-control", "rows": 3, "placeholder": "华北=E001"}
                ),
                help_text=gettext_lazy(
                    "每行一个：维度的编码或名称 = 人员的工号或姓名，或组织的编码或名称"
                    "（计入其当日负责人）；上级区域包括其下级区域。"
                ),
            ),
            "credit_default": forms.CharField(
                label=gettext_lazy("默认人员"),
                required=False,
                max_length=100,
                widget=forms.TextInput(attrs={"class": "form-control"}),
                help_text=gettext_lazy(
                    "工号或姓名：规则无法计入的行（如客户没有负责人）计入此人。"
                ),
            ),
        }

    def described(self, options: Mapping[str, object]) -> str:
        return CreditRule.from_options(options).described()


def _who(texts: list[str]) -> tuple[pl.DataFrame, list[str]]:
    """Each text as a person (by employee number or exact name) or else an org node (by code
    or exact name): columns who, person_id, team_id; and the texts that are neither."""
    frame = pl.DataFrame({"who": texts}, schema={"who": pl.String})
    person, _p = resolve(frame, "who", reference_frame("person"), what=_("人员"))
    team, _t = resolve(frame, "who", reference_frame("node"), what=_("组织"))
    found = frame.with_columns(person.alias("person_id"), team.alias("team_id"))
    unknown = found.filter(pl.col("person_id").is_null() & pl.col("team_id").is_null())
    problems = [
        _("计入规则中的“%(who)s”既不是人员（工号或姓名）也不是组织（编码或名称）") % {"who": w}
        for w in unknown["who"]
    ]
    return found, problems


def _managers(df: pl.DataFrame) -> pl.DataFrame:
    """person_id of the manager of ``team_id`` on ``sold_on`` (the latest started one)."""
    wanted = df.select(pl.col(ROW), pl.col("team_id"), pl.col("sold_on")).drop_nulls()
    return (
        wanted.join(managers_frame(), left_on="team_id", right_on="node_id", how="inner")
        .filter(
            (pl.col("valid_from") <= pl.col("sold_on"))
            & (pl.col("valid_to").is_null() | (pl.col("valid_to") > pl.col("sold_on")))
        )
        .sort([ROW, "valid_from"], descending=[False, True])
        .unique(ROW, keep="first")
        .select(pl.col(ROW), pl.col("person_id").alias("_manager"))
    )


def _dimension_table(rule: CreditRule) -> tuple[pl.DataFrame, list[str]]:
    """member id (of ``rule.by``) → who, with a region in the table covering the regions below
    it (the nearest named one wins); and the problems of the table."""
    keys = list(rule.table)
    frame = pl.DataFrame({"key": keys}, schema={"key": pl.String})
    what = str(DIMENSIONS[rule.by])
    ids, reasons = resolve(frame, "key", reference_frame(rule.by), what=what)
    problems = [_("计入对应表：%(reason)s") % {"reason": r} for r in reasons.drop_nulls().to_list()]
    named = dict(zip(ids.to_list(), (rule.table[k] for k in keys), strict=True))
    named.pop(None, None)
    if rule.by == "region":
        covered = {}
        for region, ancestors in region_ancestors().items():  # master data, not facts
            nearest = next((a for a in ancestors if a in named), None)
            if nearest is not None:
                covered[region] = named[nearest]
        named = covered
    table = pl.DataFrame(
        {"member": list(named), "who": list(named.values())},
        schema={"member": pl.Int64, "who": pl.String},
    )
    return table, problems


def sales_credit(
    df: pl.DataFrame, mapping: dict[str, str], flags: Mapping[str, object], errors: ErrorLog
) -> tuple[pl.DataFrame, list[str]]:
    """``person_id`` of the lines without one, by the batch's crediting rule; or the problems
    that refuse the file (no salesperson column and no rule, a rule that names nobody)."""
    rule = CreditRule.from_options(flags)
    if not rule.chosen:
        if "person" not in mapping:
            return df, [
                _(
                    "文件没有销售人员列：请映射销售人员列，或选择计入规则"
                    "（客户负责人、按区域等对应的人员或团队、默认人员）"
                )
            ]
        errors.add(
            df,
            "person",
            pl.when(pl.col("v_person").is_null()).then(pl.lit(_("必填，不能为空"))).otherwise(None),
        )
        return df, []
    problems = rule.problems()
    if problems:
        return df, problems

    # Who each line would go to, by the rule, then by the default: a text (person or team).
    df = df.with_columns(
        pl.lit(None, pl.Int64).alias("_by_rule"), pl.lit(None, pl.String).alias("_who")
    )
    if rule.rule == OWNER:
        df = df.with_columns(pl.col("customer_owner_id").alias("_by_rule"))
    elif rule.rule == DIMENSION:
        table, problems = _dimension_table(rule)
        if problems:
            return df, problems
        member = f"{rule.by}_id"
        names = reference_frame(rule.by).select(
            pl.col("id").alias(member), pl.col("name").alias("_member_name")
        )
        df = (
            df.drop("_who")
            .join(table.rename({"member": member}), on=member, how="left", maintain_order="left")
            .rename({"who": "_who"})
            .join(names, on=member, how="left", maintain_order="left")
        )
    if rule.default:
        df = df.with_columns(
            pl.when(pl.col("_by_rule").is_null())
            .then(pl.coalesce(pl.col("_who"), pl.lit(rule.default)))
            .otherwise(pl.col("_who"))
            .alias("_who")
        )
    if rule.rule == DEFAULT:
        df = df.with_columns(pl.lit(rule.default).alias("_who"))

    texts = df["_who"].drop_nulls().unique().to_list()
    who, problems = _who(texts)
    if problems:
        return df, problems
    df = df.join(who, left_on="_who", right_on="who", how="left", maintain_order="left")
    df = df.join(_managers(df), on=ROW, how="left", maintain_order="left")
    empty = pl.col("v_person").is_null()
    credited = pl.coalesce(pl.col("_by_rule"), pl.col("person_id_right"), pl.col("_manager"))
    df = df.with_columns(
        pl.when(empty).then(credited).otherwise(pl.col("person_id")).alias("person_id")
    )
    errors.add(df, "person", pl.when(empty & pl.col("person_id").is_null()).then(_why(rule)))
    scratch = ("_by_rule", "_who", "person_id_right", "team_id", "_manager", "_member_name")
    return df.drop(*scratch, strict=False), []


def _why(rule: CreditRule) -> pl.Expr:
    """Why a line without a salesperson is credited to nobody, naming what is missing."""
    team = pl.col("team_id").is_not_null()
    no_manager = pl.format(
        _("组织“{}”在 {} 没有负责人，无法计入"), pl.col("_who"), pl.col("sold_on").cast(pl.String)
    )
    if rule.rule != DIMENSION:
        return (
            pl.when(team)
            .then(no_manager)
            .otherwise(
                pl.format(
                    _("客户“{}”没有负责人，也没有选择默认人员"),
                    pl.col("v_customer").fill_null(""),
                )
            )
        )
    what = str(DIMENSIONS.get(rule.by, rule.by))
    return (
        pl.when(team)
        .then(no_manager)
        .otherwise(
            pl.format(
                _("{}“{}”在计入对应表中没有对应的人员或团队，也没有选择默认人员"),
                pl.lit(what),
                pl.col("_member_name").fill_null(pl.col(f"{rule.by}_id").cast(pl.String)),
            )
        )
    )
