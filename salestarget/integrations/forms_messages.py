"""A person's message preferences form and the admin's work-notice app form: they parse the
input; the rules live in ``services.personal_messages``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.integrations.models import Channel, MessageChoice, MessageSettings, WorkApp
from salestarget.integrations.services.personal_messages import KindChoice
from salestarget.notifications.kinds import NotificationKind
from salestarget.ui.forms import BootstrapForm


class MessagePreferencesForm(BootstrapForm):
    quiet_start = forms.TimeField(
        label=_("免打扰开始"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    quiet_end = forms.TimeField(
        label=_("免打扰结束"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(
        self,
        *args: Any,
        open_channels: list[str],
        chosen: list[MessageChoice],
        hours: MessageSettings | None,
        **kw: Any,
    ) -> None:
        by_kind = {c.kind: c for c in chosen}
        default = Channel.EMAIL if Channel.EMAIL in open_channels else Channel.IN_APP
        choices = [(c.value, c.label) for c in Channel if c.value in open_channels]
        initial: dict[str, Any] = {
            "quiet_start": hours.quiet_start if hours else None,
            "quiet_end": hours.quiet_end if hours else None,
        }
        for kind in NotificationKind:
            mine = by_kind.get(kind.value)
            initial[f"channel_{kind.value}"] = mine.channel if mine else default
            initial[f"digest_{kind.value}"] = mine.digest if mine else False
        kw.setdefault("initial", initial)
        super().__init__(*args, **kw)
        for kind in NotificationKind:
            self.fields[f"channel_{kind.value}"] = forms.ChoiceField(
                label=kind.label, choices=choices
            )
            self.fields[f"digest_{kind.value}"] = forms.BooleanField(
                label=_("每周摘要"), required=False
            )
            self.fields[f"channel_{kind.value}"].widget.attrs["class"] = (
                "form-select form-select-sm"
            )
            self.fields[f"digest_{kind.value}"].widget.attrs["class"] = "form-check-input"

    def rows(self) -> list[tuple[object, forms.BoundField, forms.BoundField]]:
        return [
            (kind.label, self[f"channel_{kind.value}"], self[f"digest_{kind.value}"])
            for kind in NotificationKind
        ]

    def kind_choices(self) -> dict[str, KindChoice]:
        data = self.cleaned_data
        return {
            kind.value: KindChoice(data[f"channel_{kind.value}"], data[f"digest_{kind.value}"])
            for kind in NotificationKind
        }


class WorkAppForm(BootstrapForm):
    app_key = forms.CharField(
        label=_("AppKey / CorpID"),
        max_length=100,
        help_text=_("钉钉：应用的 AppKey；企业微信：企业 ID（CorpID）。"),
    )
    app_secret = forms.CharField(
        label=_("AppSecret / Secret"),
        max_length=200,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("保存后不再显示；留空保持不变。"),
    )
    agent_id = forms.IntegerField(label=_("AgentId"), min_value=1, max_value=2**53)
    api_base = forms.URLField(
        label=_("接口地址"),
        max_length=300,
        required=False,
        assume_scheme="https",
        help_text=_("留空使用官方地址；经代理访问时填写代理地址。"),
    )
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args: Any, app: WorkApp | None, **kw: Any) -> None:
        if app is not None:
            kw.setdefault(
                "initial",
                {
                    "app_key": app.app_key,
                    "agent_id": app.agent_id,
                    "api_base": app.api_base,
                    "is_active": app.is_active,
                },
            )
        super().__init__(*args, **kw)
