"""The form to open a cycle: period, population, deadlines, and the company's grades — each
grade's name, the lowest score that earns it and its share under the distribution guideline
(one line each, best first), whether the guideline warns or is enforced, from which group
size it binds, and over which groups it is applied."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.assessment.models import DistributionGroup, Enforcement
from salestarget.assessment.models.cycles import default_distribution, default_grade_bands
from salestarget.org.models import OrgNode, Role
from salestarget.org.scoping import Scope
from salestarget.ui.forms import BootstrapForm

DEADLINE = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CycleForm(BootstrapForm):
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
    grades = forms.CharField(
        label=_("等级（每行：等级名称 最低分 分布%，从高到低）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,  # blank: the default S/A/B/C/D scale and 10/20/40/20/10
        initial=lambda: grades_text(default_grade_bands(), default_distribution()),
        help_text=_("例如“S 110 10”：110 分及以上为 S，分布指引中占 10%。"),
    )
    enforcement = forms.ChoiceField(label=_("分布要求"), choices=Enforcement.choices)
    min_group_size = forms.IntegerField(
        label=_("分布适用的最少人数"),
        min_value=1,
        max_value=100_000,
        initial=10,
        help_text=_("人数更少的组只提示，不强制。"),
    )
    distribution_by = forms.ChoiceField(
        label=_("分布按何分组"), choices=DistributionGroup.choices, required=False
    )

    def clean_grades(self) -> tuple[list[list[str]], dict[str, str]]:
        text = self.cleaned_data["grades"]
        if not text.strip():
            return default_grade_bands(), default_distribution()
        return grades_parse(text)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["root"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = scope.nodes().filter(is_active=True)


def grades_text(bands: list[list[str]], shares: dict[str, str]) -> str:
    return "\n".join(f"{code} {minimum} {shares.get(code, 0)}" for code, minimum in bands)


def grades_parse(text: str) -> tuple[list[list[str]], dict[str, str]]:
    """``S 110 10`` lines as the cycle's grade bands and distribution shares; the scale's
    and the guideline's own rules (order, shares adding up to 100%) are the service's."""
    bands: list[list[str]] = []
    shares: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        parts = raw.replace("%", " ").replace(",", " ").replace("，", " ").split()
        if not parts:
            continue
        if len(parts) != 3:
            raise forms.ValidationError(
                _("第 %(n)s 行需要三项：等级名称、最低分、分布%%") % {"n": number}
            )
        code, minimum, share = parts
        try:
            numbers = [Decimal(minimum), Decimal(share)]
        except InvalidOperation:
            raise forms.ValidationError(
                _("第 %(n)s 行的最低分和分布%%必须是数字") % {"n": number}
            ) from None
        if not all(n.is_finite() and n >= 0 for n in numbers):
            raise forms.ValidationError(_("第 %(n)s 行的最低分和分布%%不能为负数") % {"n": number})
        bands.append([code[:20], f"{numbers[0].normalize():f}"])
        shares[code[:20]] = f"{numbers[1].normalize():f}"
    if len(bands) < 2:
        raise forms.ValidationError(_("至少需要两个等级"))
    return bands, shares
