"""The group robots' pages: a leader's robots, one robot's settings and log, a test message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.http import AuthenticatedRequest
from salestarget.integrations.forms import RobotForm
from salestarget.integrations.models import GroupRobot, SendStatus
from salestarget.integrations.queries import robot_sends, robots_managed
from salestarget.integrations.services.robots import (
    robot_delete,
    robot_require_manager,
    robot_save,
    robot_test,
)
from salestarget.org.scoping import request_scope
from salestarget.ui.forms import form_errors_from
from salestarget.ui.pages import scoped_object


@login_required
def robot_list(request: AuthenticatedRequest) -> HttpResponse:
    robot_require_manager(by=request.user)
    robots = robots_managed(request_scope(request))
    return render(request, "integrations/robot_list.html", {"robots": robots})


@login_required
def robot_create(request: AuthenticatedRequest) -> HttpResponse:
    return _robot_form(request, None)


@login_required
def robot_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    robot_require_manager(by=request.user)
    robot = scoped_object(robots_managed(request_scope(request)), pk=pk)
    return _robot_form(request, robot)


def _robot_form(request: AuthenticatedRequest, robot: GroupRobot | None) -> HttpResponse:
    robot_require_manager(by=request.user)
    scope = request_scope(request)
    form = RobotForm(request.POST or None, scope=scope, robot=robot)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = robot_save(
                by=request.user,
                robot=robot,
                node=data["node"],
                name=data["name"],
                kind=data["kind"],
                url=data["url"],
                secret=data["secret"] or (None if robot else ""),
                language=data["language"],
                events=data["events"],
                is_active=data["is_active"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("群机器人已保存。"))
            return redirect("integrations:robot_detail", pk=saved.pk)
    context = {
        "form": form,
        "robot": robot,
        "sends": robot_sends(robot) if robot else [],
    }
    return render(request, "integrations/robot_form.html", context)


@login_required
@require_POST
def robot_test_send(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    robot_require_manager(by=request.user)
    robot = scoped_object(robots_managed(request_scope(request)), pk=pk)
    send = robot_test(by=request.user, robot=robot)
    if send.status == SendStatus.SENT:
        messages.success(request, _("测试消息已发送，请在群里查看。"))
    else:
        messages.error(request, _("测试消息未送达：%(error)s") % {"error": send.last_error})
    return redirect("integrations:robot_detail", pk=robot.pk)


@login_required
@require_POST
def robot_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    robot_require_manager(by=request.user)
    robot = scoped_object(robots_managed(request_scope(request)), pk=pk)
    robot_delete(by=request.user, robot=robot)
    messages.success(request, _("群机器人已删除。"))
    return redirect("integrations:robot_list")
