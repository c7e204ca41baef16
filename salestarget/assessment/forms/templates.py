"""The scorecard template editor's forms: the template (name, role, active) and one form per
item in a formset. They parse and type what was typed (percent rows, level lines) into a
``TemplateItem``; whether the template holds together (weights adding up to 100%, a rule
that makes sense) is ``services.templates``' to judge, shared with the API."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salestarget.assessment.models import ItemKind, RuleKind, ScorecardTemplate, TemplateItem
from salestarget.assessment.models.templates import (
    default_group_weights,
    default_levels,
    levels_typed,
)
from salestarget.core.scoring.weighting import ReviewerGroup
from salestarget.targets.company_metrics import metric_choices
from salestarget.ui.forms import BootstrapFormMixin, ServiceModelForm

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise
else:
    StrOrPromise = str

HUNDRED = Decimal(100)
GROUP_FIELDS = {group: f"weight_{group}" for group in ReviewerGroup}


def _percent(label: StrOrPromise, *, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=HUNDRED,
        max_digits=5,
        decimal_places=2,
    )


class TemplateForm(ServiceModelForm):
    class Meta:
        model = ScorecardTemplate
        fields = ["name", "role", "is_active"]


def _numbers(line: str) -> list[str]:
    return line.replace("%", " ").replace(",", " ").replace("，", " ").split()


def _decimal(text: str, line: int) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise forms.ValidationError(
            _("第 %(n)s 行不是数字：%(text)s") % {"n": line, "text": text}
        ) from None
    if not value.is_finite():
        raise forms.ValidationError(_("第 %(n)s 行不是数字：%(text)s") % {"n": line, "text": text})
    return value


def tiers_text(params: dict[str, Any]) -> str:
    """Stored tiers (achievement as a ratio) as the editor's lines: ``完成率% 得分``."""
    return "\n".join(
        f"{(Decimal(str(a)) * HUNDRED).normalize():f} {Decimal(str(s)).normalize():f}"
        for a, s in params.get("tiers", [])
    )


def levels_hint() -> str:
    return " · ".join(f"{lv['level']} {lv['description']}" for lv in levels_typed())


def levels_text(levels: list[dict[str, Any]]) -> str:
    return "\n".join(f"{level.get('level')} {level.get('description', '')}" for level in levels)


class ItemForm(BootstrapFormMixin, forms.Form):
    """One item. Quantitative items use metric, rule and its parameters; qualitative items
    use the levels and the reviewer-group weights; the page shows the part the kind needs."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("类型"), choices=ItemKind.choices)
    name = forms.CharField(label=_("考核项"), max_length=100)
    name_en = forms.CharField(label=_("英文名称"), max_length=100, required=False)
    weight = _percent(_("权重（%）"), required=True)
    metric = forms.ChoiceField(label=_("指标"), required=False)
    rule = forms.ChoiceField(label=_("计分规则"), choices=RuleKind.choices, required=False)
    floor = forms.DecimalField(
        label=_("保底分"), required=False, min_value=Decimal(0), max_digits=7, decimal_places=2
    )
    cap = forms.DecimalField(
        label=_("封顶分"), required=False, min_value=Decimal(0), max_digits=7, decimal_places=2
    )
    threshold = forms.DecimalField(
        label=_("起评完成率（%）"),
        required=False,
        min_value=Decimal(0),
        max_digits=7,
        decimal_places=2,
    )
    tiers = forms.CharField(
        label=_("阶梯（每行：完成率% 得分）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    levels = forms.CharField(
        label=_("评分等级（每行：分值 说明）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    weight_self = _percent(_("自评（%）"))
    weight_manager = _percent(_("上级（%）"))
    weight_peer = _percent(_("同事（%）"))
    weight_customer = _percent(_("客户（%）"))
    description = forms.CharField(
        label=pgettext_lazy("description", "说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        metric = self.fields["metric"]
        assert isinstance(metric, forms.ChoiceField)
        metric.choices = [("", "—"), *metric_choices()]

    def clean_tiers(self) -> list[list[str]]:
        rows = []
        for number, raw in enumerate(self.cleaned_data["tiers"].splitlines(), start=1):
            parts = _numbers(raw)
            if not parts:
                continue
            if len(parts) != 2:
                raise forms.ValidationError(
                    _("第 %(n)s 行需要两个数：完成率%% 和得分") % {"n": number}
                )
            achievement, score = (_decimal(p, number) for p in parts)
            rows.append([f"{(achievement / HUNDRED).normalize():f}", f"{score.normalize():f}"])
        return rows

    def clean_levels(self) -> list[dict[str, object]]:
        levels: list[dict[str, object]] = []
        for number, raw in enumerate(self.cleaned_data["levels"].splitlines(), start=1):
            text = raw.strip()
            if not text:
                continue
            head, _space, description = text.partition(" ")
            if not head.isdigit() or int(head) > 100:
                raise forms.ValidationError(
                    _("第 %(n)s 行要以分值（整数）开头，例如：3 符合期望") % {"n": number}
                )
            levels.append({"level": int(head), "description": description.strip()})
        return levels

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ItemKind.QUANTITATIVE and not data.get("rule"):
            data["rule"] = RuleKind.LINEAR
        return data

    def item(self, template: ScorecardTemplate) -> TemplateItem:
        """The item as typed (unsaved; ``template_save`` saves it)."""
        data = self.cleaned_data
        quantitative = data["kind"] == ItemKind.QUANTITATIVE
        item = TemplateItem(
            pk=data.get("id") or None,
            template=template,
            kind=data["kind"],
            name=data["name"].strip(),
            name_en=data.get("name_en", "").strip(),
            weight=data["weight"],
            description=data.get("description", ""),
            levels=default_levels(),
            group_weights=default_group_weights(),
        )
        if quantitative:
            item.metric = data.get("metric") or ""
            item.rule = data.get("rule") or RuleKind.LINEAR
            if item.rule == RuleKind.TIERS:
                item.rule_params = {"tiers": data.get("tiers") or []}
            else:
                item.rule_params = {
                    "floor": _text(data.get("floor"), Decimal(0)),
                    "cap": _text(data.get("cap"), Decimal(120)),
                    "threshold": _text(
                        None if data.get("threshold") is None else data["threshold"] / HUNDRED,
                        Decimal(0),
                    ),
                }
        else:
            item.metric = ""
            item.rule = RuleKind.LINEAR
            item.rule_params = {}
            # Left blank, the 1–5 scale in the editor's language and the usual reviewer
            # weights, as the editor's hints say (a first template was refused for them).
            item.levels = data.get("levels") or levels_typed()
            item.group_weights = {
                group: _text(data.get(name), Decimal(0))
                for group, name in GROUP_FIELDS.items()
                if data.get(name)
            } or default_group_weights()
        return item


def _text(value: Decimal | None, default: Decimal) -> str:
    return f"{(default if value is None else value).normalize():f}"


def item_initial(item: TemplateItem) -> dict[str, object]:
    """A stored item as the editor's initial values."""
    params = item.rule_params or {}
    weights = item.group_weight_values()
    threshold = params.get("threshold")
    return {
        "id": item.pk,
        "kind": item.kind,
        "name": item.name,
        "name_en": item.name_en,
        "weight": item.weight,
        "metric": item.metric,
        "rule": item.rule,
        "floor": params.get("floor"),
        "cap": params.get("cap"),
        "threshold": None if threshold is None else Decimal(str(threshold)) * HUNDRED,
        "tiers": tiers_text(params),
        "levels": levels_text(item.levels or []),
        **{name: weights.get(group) for group, name in GROUP_FIELDS.items()},
        "description": item.description,
    }


class _ItemFormSet(forms.BaseFormSet[ItemForm]):
    def items(self, template: ScorecardTemplate) -> list[TemplateItem]:
        """The items kept, in the order shown (rows marked for deletion and empty extra
        rows left out)."""
        return [
            form.item(template)
            for form in self.forms
            if form.has_changed() or form.initial
            if not (form.cleaned_data or {}).get("DELETE")
        ]


def item_formset(
    data: Any = None, *, items: list[TemplateItem] | None = None, extra: int = 0
) -> _ItemFormSet:
    """The items' formset: one form per stored item, then ``extra`` empty ones (at least one
    for a new template)."""
    initial = [item_initial(i) for i in items or []]
    cls = forms.formset_factory(
        ItemForm,
        formset=_ItemFormSet,
        extra=extra if initial else max(extra, 1),
        can_delete=True,
    )
    formset = cls(data, initial=initial, prefix="items")
    assert isinstance(formset, _ItemFormSet)
    return formset
