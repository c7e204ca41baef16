"""The forms of the submission pages: they type the input; the rules are the services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.forecasting.models import Category
from salestarget.ui.forms import AmountField, BootstrapForm

MONEY = {"max_digits": 20, "decimal_places": 2, "min_value": 0}


class SubmissionForm(BootstrapForm):
    month = forms.DateField(label=_("月份"), widget=forms.HiddenInput)
    commit = AmountField(label=_("承诺"), **MONEY)
    best_case = AmountField(label=_("最佳情况"), **MONEY)
    pipeline = AmountField(label=_("管道"), required=False, **MONEY)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea({"rows": 2}))


class RollupForm(BootstrapForm):
    month = forms.DateField(label=_("月份"), widget=forms.HiddenInput)
    commit = AmountField(label=_("承诺"), **MONEY)
    best_case = AmountField(label=_("最佳情况"), **MONEY)
    note = forms.CharField(label=_("调整说明"), required=False, widget=forms.Textarea({"rows": 2}))


class CategoryForm(forms.Form):
    opportunity = forms.IntegerField()
    category = forms.ChoiceField(choices=Category.choices)
