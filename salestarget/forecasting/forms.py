"""The forms of the submission pages: they type the input; the rules are the services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.forecasting.models import Category
from salestarget.ui.forms import BootstrapForm

MONEY = {"max_digits": 20, "decimal_places": 2, "min_value": 0}


class SubmissionForm(BootstrapForm):
    month = forms.DateField(label=_("月份"), widget=forms.HiddenInput)
    commit = forms.DecimalField(label=_("承诺"), **MONEY)  # type: ignore[arg-type]
    best_case = forms.DecimalField(label=_("最佳情况"), **MONEY)  # type: ignore[arg-type]
    pipeline = forms.DecimalField(label=_("管道"), required=False, **MONEY)  # type: ignore[arg-type]
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea({"rows": 2}))


class RollupForm(BootstrapForm):
    month = forms.DateField(label=_("月份"), widget=forms.HiddenInput)
    commit = forms.DecimalField(label=_("承诺"), **MONEY)  # type: ignore[arg-type]
    best_case = forms.DecimalField(label=_("最佳情况"), **MONEY)  # type: ignore[arg-type]
    note = forms.CharField(label=_("调整说明"), required=False, widget=forms.Textarea({"rows": 2}))


class CategoryForm(forms.Form):
    opportunity = forms.IntegerField()
    category = forms.ChoiceField(choices=Category.choices)
