"""The plan editor's forms: the plan's own fields and a formset of components, each any kind
the engine pays (a rate table with tiers or a pay curve, per unit, per deal, a SPIF on a
product line or customer type between two dates), on any measure, per month, quarter or
year (or year to date), with gates and modifiers. The forms only parse what finance types
(percentages, one tier or gate per line) into the component spec the services check
through core (``services.plans.component_build``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salestarget.catalog.models import CustomerType, ProductLine
from salestarget.core.commission.gates import GateEffect
from salestarget.incentives.models import ComponentKind, ComponentPeriod, QuotaSource
from salestarget.targets.company_metrics import metric_choices
from salestarget.ui.forms import AmountField, BootstrapForm, amount_typed, model_choices

HUNDRED = Decimal(100)


def _number(text: str, line: int) -> Decimal:
    """A tier's or gate's number as finance types it: 3%, 1,000,000, 50万."""
    try:
        value = Decimal(amount_typed(text.rstrip("%％")))
    except InvalidOperation as exc:
        raise forms.ValidationError(
            _("第 %(n)s 行：“%(v)s”不是数字") % {"n": line, "v": text}
        ) from exc
    if not value.is_finite():
        raise forms.ValidationError(_("第 %(n)s 行：“%(v)s”不是数字") % {"n": line, "v": text})
    return value


def _lines(text: str) -> list[tuple[int, list[str]]]:
    out = []
    for number, raw in enumerate(text.splitlines(), start=1):
        parts = raw.replace("，", " ").replace("\t", " ").split()
        if parts:
            out.append((number, parts))
    return out


class PlanHeaderForm(BootstrapForm):
    code = forms.SlugField(label=_("方案编码"), max_length=40)
    name = forms.CharField(label=_("方案名称"), max_length=200)
    effective_from = forms.DateField(label=_("生效日期"))
    effective_to = forms.DateField(label=_("失效日期"), required=False)
    cap = AmountField(label=_("方案封顶"), required=False, max_digits=18, decimal_places=2)
    clawback_days = forms.IntegerField(label=_("退货追回期（天）"), min_value=0, initial=0)
    prorate_quota = forms.BooleanField(label=_("调岗按天折算指标"), required=False, initial=True)
    description = forms.CharField(
        label=pgettext_lazy("description", "说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ComponentForm(BootstrapForm):
    code = forms.SlugField(label=_("编码"), max_length=40)
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=ComponentKind.choices)
    measure = forms.ChoiceField(label=_("计算指标"), choices=())
    period = forms.ChoiceField(label=_("计算周期"), choices=ComponentPeriod.choices)
    cumulative = forms.BooleanField(label=_("年度累计（扣除已发）"), required=False)
    quota_source = forms.ChoiceField(label=_("指标来源"), choices=QuotaSource.choices)
    quota = AmountField(
        label=_("指标（手工填写时）"), required=False, max_digits=18, decimal_places=2
    )
    mode = forms.ChoiceField(
        label=_("计算方式"),
        choices=[
            ("marginal", _("超额累进（各档按各自比例）")),
            ("retroactive", _("全额（按达到的档位）")),
            ("curve", _("奖金曲线（目标奖金的比例）")),
        ],
    )
    basis = forms.ChoiceField(
        label=_("分档依据"), choices=[("attainment", _("达成率")), ("amount", _("金额"))]
    )
    tiers = forms.CharField(
        label=_("档位（每行：下限 比例%；按达成率时下限写 %）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    threshold = forms.DecimalField(
        label=_("起付门槛（达成率 %）"), required=False, max_digits=9, decimal_places=4
    )
    target_incentive = AmountField(
        label=_("目标奖金（曲线）"), required=False, max_digits=18, decimal_places=2
    )
    amount = AmountField(label=_("单价/单笔金额"), required=False, max_digits=18, decimal_places=2)
    rate = forms.DecimalField(label=_("专项比例 %"), required=False, max_digits=9, decimal_places=4)
    min_deal = AmountField(label=_("单笔最低金额"), required=False, max_digits=18, decimal_places=2)
    product_line = forms.ModelChoiceField(
        label=_("产品线"), required=False, queryset=ProductLine.objects.none()
    )
    customer_type = forms.ModelChoiceField(
        label=_("客户类型"), required=False, queryset=CustomerType.objects.none()
    )
    starts = forms.DateField(label=_("专项开始"), required=False)
    ends = forms.DateField(label=_("专项结束"), required=False)
    gates = forms.CharField(
        label=_("门槛与调节（每行：指标 阈值 效果 [系数]）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "expense_rate 8% no_accelerator"}),
        help_text=_("效果：no_accelerator（不享受加速档）、multiply（乘以系数）、block（不发放）"),
    )
    cap = AmountField(label=_("封顶"), required=False, max_digits=18, decimal_places=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        measure = self.fields["measure"]
        assert isinstance(measure, forms.ChoiceField)
        measure.choices = metric_choices()
        model_choices(self, "product_line").queryset = ProductLine.objects.order_by("name")
        model_choices(self, "customer_type").queryset = CustomerType.objects.order_by("name")

    def clean_tiers(self) -> list[list[str]]:
        """Rows of ``[lower, rate]``: attainment and rates typed as percentages (``100 5``
        is 100% at 5%); under an amount basis the lower bound is an amount."""
        by_amount = self.data.get(self.add_prefix("basis")) == "amount"
        curve = self.data.get(self.add_prefix("mode")) == "curve"
        rows = []
        for number, parts in _lines(self.cleaned_data["tiers"]):
            if len(parts) != 2:
                raise forms.ValidationError(_("第 %(n)s 行需要两个数：下限和比例") % {"n": number})
            lower, rate = (_number(p, number) for p in parts)
            if curve or not by_amount:
                lower /= HUNDRED
            rows.append([str(lower), str(rate / HUNDRED)])
        return rows

    def clean_gates(self) -> list[dict[str, str]]:
        gates = []
        for number, parts in _lines(self.cleaned_data["gates"]):
            if len(parts) < 2:
                raise forms.ValidationError(
                    _("第 %(n)s 行需要指标和阈值，例如 expense_rate 8%% no_accelerator")
                    % {"n": number}
                )
            measure, raw = parts[0], parts[1]
            threshold = _number(raw, number)
            if raw.endswith("%"):
                threshold /= HUNDRED
            effect = parts[2] if len(parts) > 2 else GateEffect.NO_ACCELERATOR.value
            if effect not in {e.value for e in GateEffect}:
                raise forms.ValidationError(
                    _("第 %(n)s 行：未知的效果 %(e)s") % {"n": number, "e": effect}
                )
            gate = {"measure": measure, "threshold": str(threshold), "effect": effect}
            if len(parts) > 3:
                gate["factor"] = str(_number(parts[3], number))
            gates.append(gate)
        return gates

    def spec(self) -> dict[str, Any]:
        """The component spec ``services.plans.component_build`` takes."""
        data = self.cleaned_data
        curve = data["mode"] == "curve"
        spec: dict[str, Any] = {
            "code": data["code"],
            "name": data["name"],
            "kind": data["kind"],
            "measure": data["measure"],
            "period": data["period"],
            "cumulative": data["cumulative"],
            "quota_source": data["quota_source"],
            "quota": data["quota"],
            "mode": data["mode"],
            "basis": "attainment" if curve else data["basis"],
            "tiers": [] if curve else data["tiers"],
            "points": data["tiers"] if curve else [],
            "threshold": (data["threshold"] or Decimal(0)) / HUNDRED,
            "target_incentive": data["target_incentive"] or Decimal(0),
            "amount": data["amount"] or Decimal(0),
            "rate": (data["rate"] or Decimal(0)) / HUNDRED,
            "min_deal": data["min_deal"] or Decimal(0),
            "product_line_id": data["product_line"].pk if data["product_line"] else None,
            "customer_type_id": data["customer_type"].pk if data["customer_type"] else None,
            "starts": data["starts"],
            "ends": data["ends"],
            "gates": data["gates"],
            "cap": data["cap"],
        }
        return spec


ComponentFormSet = forms.formset_factory(ComponentForm, extra=0, min_num=1, validate_min=True)
# What a new plan starts with: the worked example's tiers on revenue. Only the first form has
# initial values, so that a component added and left empty is not taken as filled in.
FIRST_COMPONENT = {
    "code": "revenue",
    "name": _("销售额提成"),
    "measure": "revenue",
    "tiers": "0 3\n100 5\n120 8",
}
