"""Forms of the incentives pages: dispute, resolution, what-if, period runs,
bonus table and typed grades, competitions, split credit."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.incentives.models import BonusPeriod, CreditKind
from salestarget.org.models import OrgNode, Person
from salestarget.targets.company_metrics import metric_choices
from salestarget.ui.forms import AmountField, BootstrapForm, amount_typed, model_choices


class DisputeForm(forms.Form):
    note = forms.CharField(label=_("申诉说明"), widget=forms.Textarea(attrs={"rows": 2}))


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("处理意见"), widget=forms.Textarea(attrs={"rows": 2}))
    adjustment = AmountField(
        label=_("调整金额（留空为驳回）"), required=False, max_digits=18, decimal_places=2
    )


class WhatIfForm(forms.Form):
    extra = AmountField(
        label=_("本月再成交"), max_digits=18, decimal_places=2, min_value=Decimal(0)
    )


class PeriodForm(forms.Form):
    period = forms.RegexField(
        label=_("月份"),
        regex=r"^\d{4}-\d{2}$",
        error_messages={"invalid": _("请填写月份，例如 2026-03")},
    )
    reason = forms.CharField(label=_("差额原因"), required=False)


def _rows(text: str, what: object) -> list[tuple[int, str, str]]:
    """``(line number, first, second)`` of each non-empty line of two words."""
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        parts = raw.replace("，", " ").replace(",", " ").replace("\t", " ").split()
        if not parts:
            continue
        if len(parts) != 2:
            raise forms.ValidationError(
                _("第 %(n)s 行需要两项：%(what)s") % {"n": number, "what": what}
            )
        rows.append((number, parts[0], parts[1]))
    return rows


class BonusTableForm(BootstrapForm):
    period = forms.ChoiceField(label=_("奖金周期"), choices=BonusPeriod.choices)
    target_bonus = AmountField(
        label=_("目标奖金"), max_digits=18, decimal_places=2, min_value=Decimal(0)
    )
    multipliers = forms.CharField(
        label=_("等级系数（每行：等级 系数）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        initial="S 1.5\nA 1.2\nB 1\nC 0.5\nD 0",
    )

    def clean_multipliers(self) -> dict[str, str]:
        rows = _rows(self.cleaned_data["multipliers"], _("等级和系数"))
        if not rows:
            raise forms.ValidationError(_("至少需要一个等级"))
        return {grade: factor for _n, grade, factor in rows}


class TypedGradesForm(BootstrapForm):
    period = forms.CharField(label=_("考核期间"), max_length=10, initial="FY2026-Q4")
    grades = forms.CharField(
        label=_("手工等级（每行：工号 等级）"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_grades(self) -> dict[Person, str]:
        rows = _rows(self.cleaned_data["grades"], _("工号和等级"))
        people = Person.objects.in_bulk([no for _n, no, _g in rows], field_name="employee_no")
        out: dict[Person, str] = {}
        for number, employee_no, grade in rows:
            if employee_no not in people:
                raise forms.ValidationError(
                    _("第 %(n)s 行：没有工号为 %(no)s 的人员") % {"n": number, "no": employee_no}
                )
            out[people[employee_no]] = grade
        return out


class CompetitionForm(BootstrapForm):
    name = forms.CharField(label=_("竞赛名称"), max_length=200, initial=_("双11 冲刺赛"))
    metric = forms.ChoiceField(label=_("指标"), choices=())
    starts = forms.DateField(label=_("开始日期"))
    ends = forms.DateField(label=_("结束日期"))
    node = forms.ModelChoiceField(
        label=_("参赛范围"),
        queryset=OrgNode.objects.none(),
        help_text=_("该组织下的销售代表参赛；经理不参与排名。"),
    )
    prizes = forms.CharField(
        label=_("名次奖金（第 1 名、第 2 名……用空格分隔）"),
        required=False,
        initial="8000 5000 3000",
    )
    # In the metric's unit: "10万" of revenue, "0.05" of an expense rate.
    threshold = AmountField(label=_("达标线"), required=False, max_digits=18, decimal_places=4)
    threshold_prize = AmountField(
        label=_("达标奖金"), required=False, max_digits=18, decimal_places=2, min_value=0
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        metric = self.fields["metric"]
        assert isinstance(metric, forms.ChoiceField)
        metric.choices = metric_choices()
        model_choices(self, "node").queryset = OrgNode.objects.order_by("path")

    def clean_prizes(self) -> list[str]:
        raw: str = self.cleaned_data["prizes"]
        # Commas part prizes ("8000,5000,3000"), as they always have; each may say 万 or ¥.
        parts = raw.replace(",", " ").replace("，", " ").replace("、", " ").split()
        return [amount_typed(p) for p in parts]

    def clean_threshold_prize(self) -> Decimal:
        return self.cleaned_data["threshold_prize"] or Decimal(0)


class CreditSplitForm(BootstrapForm):
    """An order's split (分成) or overlay credit: one line per person, ``工号 比例%``."""

    order_no = forms.CharField(label=_("订单号"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=CreditKind.choices)
    shares = forms.CharField(
        label=_("分成（每行：工号 比例%）"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "E001 60%\nE002 40%"}),
    )

    def clean_shares(self) -> dict[Person, Decimal]:
        rows = _rows(self.cleaned_data["shares"], _("工号和比例"))
        if not rows:
            raise forms.ValidationError(_("请至少填写一个人员及其比例"))
        people = Person.objects.in_bulk([no for _n, no, _s in rows], field_name="employee_no")
        out: dict[Person, Decimal] = {}
        for number, employee_no, raw in rows:
            person = people.get(employee_no)
            if person is None:
                raise forms.ValidationError(
                    _("第 %(n)s 行：没有工号为 %(no)s 的人员") % {"n": number, "no": employee_no}
                )
            if person in out:
                raise forms.ValidationError(
                    _("第 %(n)s 行：%(who)s 已经填过") % {"n": number, "who": person.name}
                )
            try:
                share = Decimal(raw.rstrip("%"))
            except InvalidOperation as exc:
                raise forms.ValidationError(
                    _("第 %(n)s 行：“%(v)s”不是比例，请写成 60%%") % {"n": number, "v": raw}
                ) from exc
            if not share.is_finite():
                raise forms.ValidationError(
                    _("第 %(n)s 行：“%(v)s”不是比例，请写成 60%%") % {"n": number, "v": raw}
                )
            out[person] = share / 100
        return out
