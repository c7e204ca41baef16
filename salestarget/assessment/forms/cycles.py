"""The form to open a cycle."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.assessment.models import Enforcement
from salestarget.org.models import OrgNode, Role
from salestarget.org.scoping import Scope

DEADLINE = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CycleForm(forms.Form):
    period = forms.CharField(
        label=_("期间"), help_text=_("例如 2026-10、FY2026-Q4、FY2026-H1、FY2026")
    )
    name = forms.CharField(label=_("名称"), required=False)
    root = forms.ModelChoiceField(label=_("考核范围"), queryset=OrgNode.objects.none())
    roles = forms.MultipleChoiceField(
        label=_("考核角色"),
        choices=Role.choices,
        initial=[Role.REP],
        widget=forms.CheckboxSelectMultiple,
    )
    self_review_by = forms.DateTimeField(label=_("自评截止"), widget=DEADLINE)
    reviews_by = forms.DateTimeField(label=_("评价截止"), widget=DEADLINE)
    proposal_by = forms.DateTimeField(label=_("初评截止"), widget=DEADLINE)
    calibration_by = forms.DateTimeField(label=_("校准截止"), widget=DEADLINE)
    feedback_by = forms.DateTimeField(label=_("面谈截止"), widget=DEADLINE)
    enforcement = forms.ChoiceField(label=_("分布要求"), choices=Enforcement.choices)
    min_group_size = forms.IntegerField(label=_("分布适用的最少人数"), min_value=1, initial=10)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["root"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = scope.nodes().filter(is_active=True)
