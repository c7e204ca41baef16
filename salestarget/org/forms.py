"""Forms of the org pages. They parse input; the rules are in ``org.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from salestarget.org.auth import DEFAULT_TOKEN_DAYS, TOKEN_DAYS
from salestarget.org.models import CompanySettings, OrgNode, Person, Role
from salestarget.org.scoping import Scope
from salestarget.ui.forms import BootstrapForm, ServiceModelForm, model_choices


def node_label(node: OrgNode) -> str:
    """A node indented by depth, so a select reads like the tree."""
    return f"{'　' * node.depth}{node.name}"


class NodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgNode) -> str:  # type: ignore[override]
        return gettext("%(name)s（%(code)s）") % {"name": node_label(obj), "code": obj.code}


def node_choices(scope: Scope) -> Any:
    return scope.nodes().filter(is_active=True).order_by("path")


def node_options(scope: Scope) -> list[tuple[int, str]]:
    """(id, indented name) of the visible active nodes, for list filters."""
    return [(n.pk, node_label(n)) for n in node_choices(scope).only("pk", "name", "depth")]


class OrgNodeForm(ServiceModelForm):
    class Meta:
        model = OrgNode
        fields = ["parent", "code", "name", "kind", "region", "sort_order"]
        field_classes = {"parent": NodeChoiceField}

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Descendants stay on offer: the service explains why one cannot be chosen.
        model_choices(self, "parent").queryset = node_choices(scope)
        model_choices(self, "parent").empty_label = _("（无，最上级）")
        regions = model_choices(self, "region")  # catalog's regions, without importing catalog
        if regions.queryset is not None:
            regions.queryset = regions.queryset.filter(is_active=True).order_by("path")


class PersonForm(ServiceModelForm):
    """A person's details; on creation also the node they join and from when."""

    node = NodeChoiceField(label=_("所属组织"), queryset=OrgNode.objects.none())
    valid_from = forms.DateField(label=_("加入日期"))
    is_manager = forms.BooleanField(label=_("担任该组织负责人"), required=False)

    class Meta:
        model = Person
        fields = ["employee_no", "name", "email", "phone", "role", "hired_on", "left_on"]

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        creating = self.instance.pk is None
        if creating:
            model_choices(self, "node").queryset = node_choices(scope)
            self.fields["valid_from"].initial = timezone.localdate()
            del self.fields["left_on"]
        else:
            for name in ("node", "valid_from", "is_manager"):
                del self.fields[name]
        if not (creating and scope.is_admin):
            del self.fields["role"]  # changed on the account page, by an admin


class PersonAccountForm(BootstrapForm):
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    username = forms.CharField(
        label=_("登录用户名"),
        max_length=150,
        required=False,
        help_text=_("留空则不创建登录账号。"),
    )
    password = forms.CharField(
        label=_("新密码"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("新建账号时必填；修改时留空则不变。"),
    )


class PersonMoveForm(BootstrapForm):
    to_node = NodeChoiceField(label=_("调入组织"), queryset=OrgNode.objects.none())
    on = forms.DateField(label=_("生效日期"), help_text=_("从这一天起业绩计入新组织。"))
    is_manager = forms.BooleanField(label=_("担任该组织负责人"), required=False)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "to_node").queryset = node_choices(scope)
        self.fields["on"].initial = timezone.localdate()


class PersonDeactivateForm(BootstrapForm):
    on = forms.DateField(label=_("离职日期"), help_text=_("从这一天起不再属于任何组织。"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class MembershipForm(BootstrapForm):
    node = NodeChoiceField(label=_("组织"), queryset=OrgNode.objects.none())
    valid_from = forms.DateField(label=pgettext_lazy("validity", "生效日期"))
    valid_to = forms.DateField(
        label=pgettext_lazy("validity", "截止日期"),
        required=False,
        help_text=_("不含当天；留空表示至今。"),
    )
    is_manager = forms.BooleanField(label=pgettext_lazy("org node", "负责人"), required=False)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "node").queryset = scope.nodes().order_by("path")


class CompanySettingsForm(ServiceModelForm):
    class Meta:
        model = CompanySettings
        fields = [
            "name",
            "currency",
            "currency_decimals",
            "fiscal_year_start_month",
            "default_progress_basis",
            "outlier_achievement_bound",
            "outlier_target_floor",
        ]


class ApiTokenForm(BootstrapForm):
    name = forms.CharField(
        label=_("令牌名称"), max_length=100, help_text=_("例如：CRM 同步、ERP 导入。")
    )
    days = forms.TypedChoiceField(
        label=_("有效期"),
        coerce=int,
        choices=[(d, format_lazy(_("{days} 天"), days=d)) for d in TOKEN_DAYS],
        initial=DEFAULT_TOKEN_DAYS,
        required=False,  # an older client that sends only the name gets the default
        help_text=_("到期后令牌自动失效，请在到期前新建一个替换它。"),
    )
