"""A person's message preferences (their own only: the page reads and writes the signed-in
user) and the admin's page for the company's DingTalk/WeCom apps (secrets never shown back)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from salestarget.http import AuthenticatedRequest
from salestarget.integrations.forms_messages import MessagePreferencesForm, WorkAppForm
from salestarget.integrations.models import Channel, MessageChoice, MessageSettings, WorkApp
from salestarget.integrations.queries import personal_sends
from salestarget.integrations.services.personal_messages import (
    channels_open,
    message_preferences_save,
    work_app_save,
)
from salestarget.org.scoping import request_scope
from salestarget.ui.forms import form_errors_from


@login_required
def message_preferences(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    form = MessagePreferencesForm(
        request.POST or None,
        open_channels=channels_open(),
        chosen=list(MessageChoice.objects.filter(user_id=user.pk)),
        hours=MessageSettings.objects.filter(user_id=user.pk).first(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            message_preferences_save(
                user=user,
                choices=form.kind_choices(),
                quiet_start=form.cleaned_data["quiet_start"],
                quiet_end=form.cleaned_data["quiet_end"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("消息设置已保存。"))
            return redirect("integrations:messages")
    context = {"form": form, "sends": personal_sends(user.pk), "time_zone": settings.TIME_ZONE}
    return render(request, "integrations/messages.html", context)


@login_required
def work_apps(request: AuthenticatedRequest) -> HttpResponse:
    if not request_scope(request).is_admin:
        raise PermissionDenied
    apps = {a.kind: a for a in WorkApp.objects.all()}
    posted = request.POST.get("kind", "") if request.method == "POST" else ""
    forms = {
        kind: WorkAppForm(request.POST if posted == kind else None, app=apps.get(kind), prefix=kind)
        for kind in (Channel.DINGTALK.value, Channel.WECOM.value)
    }
    form = forms.get(posted)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            work_app_save(
                by=request.user,
                kind=posted,
                app_key=data["app_key"],
                app_secret=data["app_secret"] or None,
                agent_id=data["agent_id"],
                api_base=data["api_base"],
                is_active=data["is_active"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("工作通知应用已保存。"))
            return redirect("integrations:work_apps")
    sections = [
        {"kind": kind, "label": Channel(kind).label, "form": f, "app": apps.get(kind)}
        for kind, f in forms.items()
    ]
    return render(request, "integrations/work_apps.html", {"sections": sections})
