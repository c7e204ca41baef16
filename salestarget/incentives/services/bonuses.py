"""The bonus table of a plan (grade → multiplier of a target bonus) and grades typed in by
finance where no assessment cycle grades a period. Both are checked whole before anything is
saved; a bad row is named."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from salestarget.incentives.models import BonusPeriod, BonusTable, CommissionPlan, TypedGrade
from salestarget.incentives.permissions import require_finance
from salestarget.org.models import Person
from salestarget.org.scoping import scope_for
from salestarget.targets.fiscal_periods import period_parse

MAX_MULTIPLIER = Decimal(10)


def _multiplier(grade: str, raw: object) -> Decimal:
    try:
        factor = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(
            {"multipliers": _("等级 %(g)s 的系数“%(v)s”不是数字") % {"g": grade, "v": raw}}
        ) from exc
    if not factor.is_finite() or factor < 0 or factor > MAX_MULTIPLIER:
        raise ValidationError(
            {
                "multipliers": _("等级 %(g)s 的系数须在 0 到 %(m)s 之间")
                % {"g": grade, "m": MAX_MULTIPLIER}
            }
        )
    return factor


@transaction.atomic
def bonus_table_save(
    *,
    plan: CommissionPlan,
    by: User,
    period: str,
    target_bonus: Decimal,
    multipliers: dict[str, object],
) -> BonusTable:
    """Create or replace ``plan``'s bonus table."""
    require_finance(scope_for(by))
    if period not in BonusPeriod.values:
        raise ValidationError(
            {"period": _("奖金周期须为 %(p)s 之一") % {"p": ", ".join(BonusPeriod.values)}}
        )
    if not target_bonus.is_finite() or target_bonus < 0:
        raise ValidationError({"target_bonus": _("目标奖金不能为负数")})
    if not multipliers:
        raise ValidationError({"multipliers": _("至少需要一个等级")})
    clean: dict[str, str] = {}
    for grade, raw in multipliers.items():
        code = str(grade).strip()
        if not code or len(code) > 20:
            raise ValidationError({"multipliers": _("等级名称须为 1～20 个字符")})
        if code in clean:
            raise ValidationError({"multipliers": _("等级 %(g)s 重复") % {"g": code}})
        clean[code] = str(_multiplier(code, raw))
    table, _created = BonusTable.objects.update_or_create(
        plan=plan,
        defaults={
            "period": period,
            "target_bonus": target_bonus,
            "multipliers": clean,
            "updated_by": by,
        },
    )
    return table


@transaction.atomic
def typed_grades_save(*, period: str, grades: dict[Person, str], by: User) -> list[TypedGrade]:
    """Set the typed grade of each person for ``period`` (a quarter, a half, a year or a
    month label); an empty grade removes it."""
    require_finance(scope_for(by))
    whole = period_parse(period)
    if whole.kind not in BonusPeriod.values:
        raise ValidationError({"period": _("请填写月、季、半年或年度期间，例如 FY2026-Q4")})
    for person, grade in grades.items():
        if len(grade.strip()) > 20:
            raise ValidationError({"grades": _("%(p)s 的等级太长") % {"p": person.name}})
    TypedGrade.objects.filter(person__in=list(grades), period=whole.label).delete()
    return TypedGrade.objects.bulk_create(
        TypedGrade(
            person=person,
            period=whole.label,
            period_start=whole.start,
            period_end=whole.end,
            grade=grade.strip(),
            entered_by=by,
        )
        for person, grade in grades.items()
        if grade.strip()
    )
