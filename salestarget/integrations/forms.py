"""The robot form: parses the input; the rules live in ``services.robots``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.integrations.models import GroupRobot, RobotEvent, RobotKind, RobotLanguage
from salestarget.org.models import OrgNode
from salestarget.org.scoping import Scope
from salestarget.ui.forms import BootstrapForm

EVENTS = [(e.value, e.label) for e in RobotEvent if e is not RobotEvent.TEST]


class RobotForm(BootstrapForm):
    node = forms.ModelChoiceField(label=_("组织"), queryset=OrgNode.objects.none())
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=RobotKind.choices)
    url = forms.URLField(
        label=_("Webhook 地址"),
        max_length=500,
        assume_scheme="https",
        help_text=_("钉钉：含 access_token 的地址；企业微信：含 key 的地址，或填写下面的密钥。"),
    )
    secret = forms.CharField(
        label=_("密钥"),
        max_length=200,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "钉钉加签密钥（SEC 开头）、企业微信 key 或通用 Webhook 的签名密钥；留空保持不变。"
        ),
    )
    language = forms.ChoiceField(label=_("语言"), choices=RobotLanguage.choices)
    events = forms.MultipleChoiceField(
        label=_("发送内容"), choices=EVENTS, widget=forms.CheckboxSelectMultiple, required=False
    )
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args: Any, scope: Scope, robot: GroupRobot | None = None, **kw: Any):
        if robot is not None and "initial" not in kw:
            kw["initial"] = {
                "node": robot.node_id,
                "name": robot.name,
                "kind": robot.kind,
                "url": robot.url,
                "language": robot.language,
                "events": [e for e, _label in EVENTS if getattr(robot, e)],
                "is_active": robot.is_active,
            }
        elif "initial" not in kw:
            kw["initial"] = {"events": [e for e, _label in EVENTS], "is_active": True}
        super().__init__(*args, **kw)
        node = self.fields["node"]
        assert isinstance(node, forms.ModelChoiceField)
        node.queryset = scope.nodes().filter(is_active=True) if scope.can_plan else node.queryset
        self.fields["events"].widget.attrs["class"] = "list-unstyled"
