"""The phone entry of an activity: type, customer, save (three taps); the rest has defaults
(today, now, done) and stays folded away."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from salestarget.activities.models import StepStatus
from salestarget.actuals.models import Activity
from salestarget.catalog.models import Customer
from salestarget.org.models import Person

INPUT = {"class": "form-control"}


class ActivityLogForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("活动类型"), choices=Activity.Kind.choices, widget=forms.RadioSelect
    )
    customer = forms.ModelChoiceField(
        label=_("客户"),
        queryset=Customer.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    customer_other = forms.CharField(
        label=_("其他客户（编码或全称）"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs=INPUT),
    )
    lead = forms.CharField(
        label=_("线索（尚未成交的新客户）"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs=INPUT),
    )
    outcome = forms.ChoiceField(
        label=_("结果"),
        choices=Activity.Outcome.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    status = forms.ChoiceField(
        label=_("状态"),
        choices=Activity.Status.choices,
        initial=Activity.Status.DONE,
        widget=forms.RadioSelect,
    )
    occurred_on = forms.DateField(
        label=_("日期"),
        # ISO, as a date input needs (the Chinese format 2026/12/06 would leave it empty)
        widget=forms.DateInput(attrs={**INPUT, "type": "date"}, format="%Y-%m-%d"),
    )
    occurred_at = forms.TimeField(
        label=_("时间"),
        required=False,
        widget=forms.TimeInput(attrs={**INPUT, "type": "time"}, format="%H:%M"),
    )
    notes = forms.CharField(
        label=_("备注"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={**INPUT, "rows": 2}),
    )

    def __init__(self, *args: Any, customers: Sequence[Customer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["customer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Customer.objects.filter(pk__in=[c.pk for c in customers])
        # The suggestions in their order (most recent first), not the queryset's.
        field.choices = [(c.pk, c.name) for c in customers]

    def record(self) -> dict[str, Any]:
        """What ``services.activity_log`` takes (beyond who and by whom)."""
        data = self.cleaned_data
        other = data.get("customer_other") or ""
        at = data.get("occurred_at")
        return {
            "kind": data["kind"],
            "occurred_on": data["occurred_on"],
            "occurred_at": at.strftime("%H:%M") if at else "",
            "customer": data.get("customer"),
            "customer_other": other.strip(),
            "lead": (data.get("lead") or "").strip(),
            "status": data.get("status") or Activity.Status.DONE,
            "outcome": data.get("outcome") or "",
            "notes": data.get("notes") or "",
        }


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("工作总结"),
        max_length=4000,
        widget=forms.Textarea(attrs={**INPUT, "rows": 3}),
    )
    plan_next = forms.CharField(
        label=_("下一步计划"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={**INPUT, "rows": 2}),
    )
    help_needed = forms.CharField(
        label=_("需要的支持"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={**INPUT, "rows": 2}),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("点评"), max_length=2000, widget=forms.Textarea(attrs={**INPUT, "rows": 2})
    )


class StepForm(forms.Form):
    """A step added to an action plan; the owner is one of the plan's people."""

    title = forms.CharField(label=_("行动"), max_length=200, widget=forms.TextInput(attrs=INPUT))
    owner = forms.ModelChoiceField(
        label=_("负责人"),
        queryset=Person.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    due_on = forms.DateField(
        label=_("截止日期"),
        widget=forms.DateInput(attrs={**INPUT, "type": "date"}, format="%Y-%m-%d"),
    )
    resources = forms.CharField(
        label=_("所需资源"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={**INPUT, "rows": 2}),
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people


class StepStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=StepStatus.choices)
    due_on = forms.DateField(label=_("截止日期"), required=False)
