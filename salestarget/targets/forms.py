"""Forms of the target pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.core.allocation import AllocationMethod
from salestarget.org.models import OrgNode, Person, ProgressBasis
from salestarget.org.scoping import Scope
from salestarget.targets import axes as ax
from salestarget.targets.company_metrics import metric_choices
from salestarget.targets.models import AdjustmentReason
from salestarget.targets.queries.decomposition import (
    CAPACITY_INDICES,
    METHOD_LABELS,
    DecompositionSpec,
)
from salestarget.targets.services.plans import PROPOSAL_METHODS
from salestarget.ui.forms import AmountField, amount_typed
from salestarget.ui.uploads import UploadField

if TYPE_CHECKING:  # the stubs' ModelChoiceField is generic in its model, Django's is not
    ModelChoice = forms.ModelChoiceField[Any]
else:
    ModelChoice = forms.ModelChoiceField


def amount_field(label: Any, required: bool = True) -> AmountField:
    return AmountField(label=label, required=required, max_digits=19, decimal_places=4)


def percent_field(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=19,
        decimal_places=4,
        widget=forms.NumberInput(attrs={"step": "any", "class": "form-control"}),
    )


class BootstrapMixin:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            field.widget.attrs.setdefault("class", css)


class PlanForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("计划名称"), max_length=200)
    metric = forms.ChoiceField(label=_("指标"))
    period = forms.CharField(
        label=_("期间"), max_length=30, help_text=_("例如 FY2026、FY2026-Q1、2026-03")
    )
    scope_node = forms.ModelChoiceField(label=_("范围（组织）"), queryset=OrgNode.objects.none())
    owner = forms.ModelChoiceField(
        label=_("负责人"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("留空则由该组织的负责人（没有时由你）负责"),
    )
    value = amount_field(_("目标值"), required=False)
    base_value = amount_field(_("保底目标"), required=False)
    challenge_value = amount_field(_("挑战目标"), required=False)
    proposal_method = forms.ChoiceField(
        label=_("目标设定方法"), choices=[("", "—"), *PROPOSAL_METHODS.items()], required=False
    )
    growth_pct = percent_field(_("增长率 %"))
    capacity = amount_field(_("市场容量"), required=False)
    share_pct = percent_field(_("目标占有率 %"))
    competitor_value = amount_field(_("竞争对手预计销售额"), required=False)
    ratio_pct = percent_field(_("相对竞争对手的比例 %"))
    progress_basis = forms.ChoiceField(
        label=_("时间进度口径"), choices=[("", "—"), *ProgressBasis.choices], required=False
    )
    description = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["metric"]).choices = metric_choices()
        nodes = scope.nodes().filter(is_active=True).order_by("path")
        cast(ModelChoice, self.fields["scope_node"]).queryset = (
            nodes if scope.can_plan else nodes.none()
        )
        cast(ModelChoice, self.fields["owner"]).queryset = (
            scope.people().filter(is_active=True).order_by("employee_no")
        )

    PROPOSAL_FIELDS = (
        "proposal_method",
        "growth_pct",
        "capacity",
        "share_pct",
        "competitor_value",
        "ratio_pct",
    )

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.PROPOSAL_FIELDS]

    def proposal_inputs(self) -> dict[str, str]:
        keys = ("growth_pct", "capacity", "share_pct", "competitor_value", "ratio_pct")
        return {k: str(self.cleaned_data[k]) for k in keys if self.cleaned_data.get(k) is not None}


class TargetEditForm(BootstrapMixin, forms.Form):
    value = amount_field(_("目标值"))
    base_value = amount_field(_("保底目标"), required=False)
    challenge_value = amount_field(_("挑战目标"), required=False)
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)


AXIS_CHOICES = [(a, label) for a, label in ax.AXIS_LABELS.items()]
SPLIT_METHODS = [
    m.value
    for m in (
        AllocationMethod.EQUAL,
        AllocationMethod.WEIGHTS,
        AllocationMethod.HISTORY,
        AllocationMethod.SEASONALITY,
        AllocationMethod.DAYS,
        AllocationMethod.CAPACITY,
        AllocationMethod.DRAFTS,
    )
]
COLUMN_METHODS = [
    m.value
    for m in (
        AllocationMethod.HISTORY,
        AllocationMethod.EQUAL,
        AllocationMethod.SEASONALITY,
        AllocationMethod.DAYS,
        AllocationMethod.WEIGHTS,
    )
]


class DecomposeForm(BootstrapMixin, forms.Form):
    axis = forms.ChoiceField(label=_("分解维度"), choices=AXIS_CHOICES)
    axis2 = forms.ChoiceField(
        label=_("组合维度（可选）"), choices=[("", "—"), *AXIS_CHOICES], required=False
    )
    method = forms.ChoiceField(
        label=_("分解方法"), choices=[(m, METHOD_LABELS[m]) for m in SPLIT_METHODS]
    )
    column_method = forms.ChoiceField(
        label=_("组合维度的分配方法"),
        choices=[(m, METHOD_LABELS[m]) for m in COLUMN_METHODS],
        required=False,
    )
    uplift_pct = forms.DecimalField(
        label=_("本级上浮 %"), max_digits=7, decimal_places=3, required=False, min_value=Decimal(0)
    )
    history_years = forms.IntegerField(
        label=_("季节性参考年数"), min_value=1, max_value=5, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("说明"), required=False, max_length=500)

    def spec(self) -> DecompositionSpec:
        """The split the form describes, with the per-child inputs (``w__<key>`` weights,
        ``cw__<key>`` column weights, ``cap__<key>__<index>`` capacity indices)."""
        data = self.cleaned_data
        axes = tuple(a for a in (data["axis"], data.get("axis2") or "") if a)
        weights: dict[str, Decimal] = {}
        column_weights: dict[str, Decimal] = {}
        capacity: dict[str, dict[str, Decimal]] = {}
        for name, raw in self.data.items():
            text = str(raw).strip()
            if not text or not name.startswith(("w__", "cw__", "cap__")):
                continue
            try:  # as amounts are typed anywhere: 3,000,000, ¥300万, full-width digits
                number = Decimal(amount_typed(text))
            except ArithmeticError:
                number = Decimal("NaN")
            if not number.is_finite():
                self.add_error(None, _("“%(v)s” 不是数字。") % {"v": text[:40]})
                continue
            if name.startswith("w__"):
                weights[name[3:]] = number
            elif name.startswith("cw__"):
                column_weights[name[4:]] = number
            elif name.startswith("cap__"):
                key, _sep, index = name[5:].rpartition("__")
                if index in CAPACITY_INDICES:
                    capacity.setdefault(key, {})[index] = number
        return DecompositionSpec(
            axes=axes,
            method=data["method"],
            uplift_pct=data.get("uplift_pct") or Decimal(0),
            weights=weights,
            capacity=capacity,
            column_method=data.get("column_method") or AllocationMethod.HISTORY.value,
            column_weights=column_weights,
            history_years=data.get("history_years") or 1,
        )


class RoundForm(BootstrapMixin, forms.Form):
    deadline = forms.DateTimeField(
        label=_("截止时间"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DraftForm(BootstrapMixin, forms.Form):
    base_value = amount_field(_("保底目标"))
    challenge_value = amount_field(_("挑战目标"))
    obstacles = forms.CharField(
        label=_("预计会遇到的困难"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    resources = forms.CharField(
        label=_("需要的资源和条件"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("accept", "accept"), ("change", "change"), ("return", "return")]
    )
    agreed_value = forms.DecimalField(max_digits=19, decimal_places=4, required=False)
    note = forms.CharField(required=False, max_length=1000)


class AdjustmentForm(BootstrapMixin, forms.Form):
    new_value = amount_field(_("调整后目标值"))
    new_base_value = amount_field(_("调整后保底目标"), required=False)
    new_challenge_value = amount_field(_("调整后挑战目标"), required=False)
    reason_category = forms.ChoiceField(label=_("调整原因"), choices=AdjustmentReason.choices)
    reason = forms.CharField(label=_("具体说明"), widget=forms.Textarea(attrs={"rows": 3}))
    redistribute = forms.BooleanField(
        label=_("批准后按原比例重新分解下级"), required=False, initial=True
    )


class DecisionForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("批准")), ("reject", _("驳回"))], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("审批意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CycleForm(BootstrapMixin, forms.Form):
    period = forms.CharField(label=_("周期期间"), max_length=30, help_text=_("例如 2026-04"))
    name = forms.CharField(label=_("名称"), max_length=200, required=False)
    decompose_by = forms.DateTimeField(
        label=_("分解截止"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    submit_by = forms.DateTimeField(
        label=_("审核上报截止"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    approve_by = forms.DateTimeField(
        label=_("审批截止"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    escalate_after_hours = forms.IntegerField(
        label=_("逾期多少小时后上报上级"), min_value=0, initial=24
    )


class ImportForm(BootstrapMixin, forms.Form):
    file = UploadField(label=_("Excel 文件 (.xlsx)"))
